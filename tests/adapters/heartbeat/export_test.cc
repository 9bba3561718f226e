// Export from a model heartbeat cannot fully express: every such attribute
// is reported as a loss at its origin, and what is written is still a
// configuration heartbeat accepts.
#include <gtest/gtest.h>

#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

using model::SourceLocation;

SourceLocation here(std::uint32_t line) { return {"cluster.xml", line, 3}; }

model::Cluster rich_model() {
  model::Cluster c;
  c.name = "prod";
  c.nodes.push_back({"n1", 7, {"10.0.0.1"}, {{"weight", "100", here(2)}}, here(1)});
  c.nodes.push_back({"n2", {}, {}, {}, here(3)});
  c.nodes.push_back({"n3", {}, {}, {}, here(4)});
  model::Channel bcast;
  bcast.interface = "eth0";
  bcast.priority = 1;
  bcast.origin = here(5);
  c.channels.push_back(bcast);
  model::Channel per_node;
  per_node.kind = model::ChannelKind::kUnicast;
  per_node.interface = "eth1";
  per_node.address = "10.0.0.2";
  per_node.node = "n1";
  per_node.origin = here(6);
  c.channels.push_back(per_node);
  model::Channel disk;
  disk.kind = model::ChannelKind::kDisk;
  disk.device = "/dev/sdq";
  disk.origin = here(7);
  c.channels.push_back(disk);
  c.timing.keepalive_ms = 2000;
  c.timing.dead_ms = 20000;
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "k3y", here(8)});
  c.properties.push_back({"stonith-enabled", "false", here(9)});

  model::Resource ip;
  ip.id = "web_ip";
  ip.agent = {"ocf", "heartbeat", "IPaddr2"};
  ip.params = {{"ip", "10.0.0.80", here(10)}, {"cidr_netmask", "24", here(11)},
               {"lvs_support", "true", here(12)}};
  ip.operations.push_back({"monitor", 10000, 20000, {}, here(13)});
  ip.origin = here(10);
  model::Resource db;
  db.id = "db";
  db.agent = {"ocf", "pacemaker", "Stateful"};
  db.origin = here(14);
  model::Resource custom;
  custom.id = "custom";
  custom.agent = {"ocf", "heartbeat", "Dummy"};
  custom.params = {{"state", "/run/dummy", here(15)}};
  custom.origin = here(15);
  c.resources = {ip, db, custom};

  model::ResourceGroup web;
  web.id = "web";
  web.members = {"web_ip", "db", "custom"};
  web.policy.domain = {"n2", "n1"};  // not "n2 then the others in order"
  web.policy.mode = model::PlacementMode::kRoundRobin;
  web.policy.local_restarts = 2;
  web.policy.in_place_recovery = true;
  web.policy.failback = model::Failback::kManual;
  web.policy.origin = here(16);
  web.origin = here(16);
  c.groups.push_back(web);
  model::ResourceGroup other;
  other.id = "other";
  other.members = {};
  other.policy.domain = {"n1", "n2", "n3"};
  other.policy.failback = model::Failback::kAutomatic;
  other.origin = here(17);
  other.policy.origin = here(17);
  c.groups.push_back(other);

  c.constraints.push_back({model::ConstraintKind::kLocation, "loc1", "web", "", "n1", "100", here(18)});
  c.extensions.push_back({"failsafe", "", "cluster_mode", "normal", here(19)});
  c.extensions.push_back({"failsafe", "file:cdb", "#", "# a comment", here(20)});
  return c;
}

bool has_loss(const model::Diagnostics& d, std::string_view code, std::uint32_t line) {
  for (const auto& e : d.of(model::Severity::kLoss))
    if (e.code == code && e.where.line == line) return true;
  return false;
}

TEST(Export, ReportsEveryLossAtItsOrigin) {
  model::Diagnostics d;
  auto out = write_model(rich_model(), d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.node-id", 1)) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.node-address", 1));
  EXPECT_TRUE(has_loss(d, "loss.node-attribute", 2));
  EXPECT_TRUE(has_loss(d, "loss.channel-priority", 5));
  EXPECT_TRUE(has_loss(d, "loss.channel-node", 6));
  EXPECT_TRUE(has_loss(d, "loss.channel", 7));
  EXPECT_TRUE(has_loss(d, "loss.property", 9));
  EXPECT_TRUE(has_loss(d, "loss.parameter", 12));  // lvs_support: no IPaddr2 argument
  EXPECT_TRUE(has_loss(d, "loss.operation", 13));
  EXPECT_TRUE(has_loss(d, "loss.agent", 14));      // ocf:pacemaker:Stateful
  EXPECT_TRUE(has_loss(d, "loss.parameter", 15));  // OCF::Dummy instance parameters
  EXPECT_TRUE(has_loss(d, "loss.domain-order", 16));
  EXPECT_TRUE(has_loss(d, "loss.round-robin", 16));
  EXPECT_TRUE(has_loss(d, "loss.local-restarts", 16));
  EXPECT_TRUE(has_loss(d, "loss.in-place-recovery", 16));
  EXPECT_TRUE(has_loss(d, "loss.failback", 17));
  EXPECT_TRUE(has_loss(d, "loss.constraint", 18));
  EXPECT_TRUE(has_loss(d, "loss.extension", 19));
  EXPECT_TRUE(d.has("loss.layout"));  // the failsafe comment: one summary
  EXPECT_TRUE(has_loss(d, "loss.group", 17));  // "other" has no resources

  EXPECT_EQ(out->find("haresources")->contents,
            "n2 IPaddr2::10.0.0.80/24 OCF::Dummy::custom\n");
  const auto& hacf = out->find("ha.cf")->contents;
  EXPECT_NE(hacf.find("cluster\tprod\n"), std::string::npos) << hacf;
  EXPECT_NE(hacf.find("node\tn1\nnode\tn2\nnode\tn3\n"), std::string::npos) << hacf;
  EXPECT_NE(hacf.find("auto_failback\toff\n"), std::string::npos) << hacf;
  EXPECT_NE(hacf.find("ucast\teth1 10.0.0.2\n"), std::string::npos) << hacf;
  EXPECT_EQ(hacf.find("sdq"), std::string::npos) << hacf;
  EXPECT_EQ(dump(d).find("k3y"), std::string::npos);
}

TEST(Export, RefusesWhatHeartbeatWouldReject) {
  model::Cluster c;  // no node, no medium
  c.auth.active = 1;
  c.auth.keys.push_back({1, "crc", "", {}});
  model::Diagnostics d;
  EXPECT_FALSE(write_model(c, d));
  EXPECT_TRUE(d.has("export.rejected")) << dump(d);

  model::Cluster t;
  t.nodes.push_back({"a", {}, {}, {}, {}});
  model::Channel ch;
  ch.interface = "eth0";
  t.channels.push_back(ch);
  t.timing.keepalive_ms = 5000;
  t.timing.dead_ms = 8000;  // not more than twice keepalive
  t.auth = c.auth;
  model::Diagnostics d2;
  EXPECT_FALSE(write_model(t, d2));
  EXPECT_TRUE(d2.has("export.rejected")) << dump(d2);
}

TEST(Export, HeartbeatScriptAndInitScriptResources) {
  model::Cluster c;
  c.nodes.push_back({"a", {}, {}, {}, {}});
  c.nodes.push_back({"b", {}, {}, {}, {}});
  model::Channel ch;
  ch.interface = "eth0";
  c.channels.push_back(ch);
  c.auth.active = 2;
  c.auth.keys.push_back({2, "md5", "x", {}});
  model::Resource s;
  s.id = "s";
  s.agent = {"heartbeat", "", "mysite"};
  s.params = {{"arg1", "p", {}}, {"arg2", "q", {}}};
  model::Resource l;
  l.id = "l";
  l.agent = {"lsb", "", "postfix"};
  c.resources = {s, l};
  model::ResourceGroup g;
  g.id = "g";
  g.members = {"s", "l"};
  g.policy.domain = {"b", "a"};
  c.groups.push_back(g);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents, "b mysite::p::q postfix\n");
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
