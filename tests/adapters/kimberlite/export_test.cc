// model -> cluster.conf: what other products' models become, and the
// losses reported for what Kimberlite cannot express.
#include "adapters/kimberlite/export.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using testing::codes;
using testing::dump;
using testing::Harness;

model::SourceLocation at(std::uint32_t line) { return {"model.xml", line, 1}; }

model::Resource resource(std::string id, std::string agent, model::Attributes params) {
  model::Resource r;
  r.id = std::move(id);
  r.agent = *model::AgentRef::parse(agent);
  r.params = std::move(params);
  return r;
}

// A heartbeat/FailSafe-like cluster that Kimberlite can mostly hold.
model::Cluster web_cluster() {
  model::Cluster c;
  c.name = "web";
  c.nodes = {{"n1", std::nullopt, {}, {}, at(1)}, {"n2", std::nullopt, {}, {}, at(2)}};
  model::Channel bcast;
  bcast.kind = model::ChannelKind::kBroadcast;
  bcast.interface = "eth0";
  c.channels.push_back(bcast);
  c.timing.keepalive_ms = 1000;
  c.timing.dead_ms = 10000;
  c.resources.push_back(resource("ip", "ocf:heartbeat:IPaddr", {{"ip", "10.0.0.5", {}}, {"cidr_netmask", "24", {}}}));
  c.resources.push_back(resource("fs", "ocf:heartbeat:Filesystem",
                                 {{"device", "/dev/sdb1", {}}, {"directory", "/srv", {}},
                                  {"fstype", "ext3", {}}}));
  c.resources.push_back(resource("httpd", "lsb:httpd", {}));
  model::ResourceGroup g;
  g.id = "web";
  g.members = {"fs", "ip", "httpd"};
  g.policy.domain = {"n2", "n1"};
  g.policy.failback = model::Failback::kManual;
  c.groups.push_back(g);
  return c;
}

TEST(KimberliteExport, WritesAClusterFromAnotherProduct) {
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(web_cluster(), d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  EXPECT_NE(text->find("[cluhbd]\n  interval = 1\n  tko_count = 10\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("[database]\n  version = 2.0\n"), std::string::npos);
  // The cluster-wide broadcast channel becomes a net channel of each member.
  EXPECT_NE(text->find("start member1\nstart chan0\n  name = eth0\n  type = net\nend chan0\n  id = 1\n  name = n2\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("  netmask = 255.255.255.0\n"), std::string::npos);
  EXPECT_NE(text->find("  preferredNode = n2\n  relocateOnPreferredNodeBoot = no\n  userScript = /etc/init.d/httpd\n"),
            std::string::npos);
  EXPECT_NE(text->find("start mount\n  directory"), 0u);
  EXPECT_NE(text->find("start mount\n  fstype = ext3\n  name = /srv\nend mount\n  name = /dev/sdb1\n  sharename = None\n"),
            std::string::npos);
}

TEST(KimberliteExport, ReportsEverythingKimberliteCannotExpress) {
  model::Cluster c = web_cluster();
  c.nodes.push_back({"n3", 7, {"10.0.0.3"}, {{"weight", "100", at(3)}}, at(3)});
  model::Channel mcast;
  mcast.kind = model::ChannelKind::kMulticast;
  mcast.interface = "eth0";
  mcast.address = "225.0.0.1";
  mcast.origin = at(4);
  c.channels.push_back(mcast);
  c.timing.warn_ms = 5000;
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "topsecret", at(5)});
  c.resources.push_back(resource("web-apache", "ocf:heartbeat:apache", {{"configfile", "/etc/apache2/apache2.conf", {}}}));
  c.resources.push_back(resource("loner", "ocf:heartbeat:Dummy", {}));
  auto& g = c.groups[0];
  g.members.insert(g.members.begin(), "ip");  // ip before fs: not Kimberlite's order
  g.members.erase(std::find(g.members.begin() + 1, g.members.end(), "ip"));
  g.members.push_back("web-apache");
  g.policy.domain = {"n1", "n2", "n3"};
  g.policy.mode = model::PlacementMode::kRoundRobin;
  g.policy.local_restarts = 2;
  g.policy.in_place_recovery = true;
  g.policy.auto_recovery = true;
  c.constraints.push_back({model::ConstraintKind::kLocation, "loc1", "web", "", "n1", "100", at(9)});
  c.extensions.push_back({"heartbeat", "", "use_logd", "yes", at(10)});
  c.find_resource("ip")->params.push_back({"nic", "eth0", at(11)});

  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  std::multiset<std::string> got;
  for (const auto& code : codes(d, model::Severity::kLoss)) got.insert(code);
  std::multiset<std::string> want = {
      "loss.too-many-nodes", "loss.multicast-channel", "loss.timing",  "loss.auth",
      "loss.resource-agent", "loss.start-order",       "loss.domain",  "loss.round-robin",
      "loss.local-restarts", "loss.in-place-recovery", "loss.auto-recovery",
      "loss.ungrouped-resource", "loss.constraint", "loss.extension", "loss.param"};
  EXPECT_EQ(got, want) << dump(d);
  for (const auto& e : d.entries()) EXPECT_EQ(e.message.find("topsecret"), std::string::npos);
  // The agent-bridge hint, and locations.
  for (const auto& e : d.of(model::Severity::kLoss)) {
    if (e.code == "loss.resource-agent") {
      EXPECT_NE(e.message.find("userScript"), std::string::npos);
    }
    if (e.code == "loss.multicast-channel") {
      EXPECT_EQ(e.where.line, 4u);
    }
    if (e.code == "loss.too-many-nodes") {
      EXPECT_EQ(e.where.line, 3u);
    }
    if (e.code == "loss.param") {
      EXPECT_EQ(e.where.line, 11u);
    }
  }
  EXPECT_EQ(text->find("n3"), std::string::npos);
  EXPECT_EQ(text->find("apache"), std::string::npos);
}

TEST(KimberliteExport, PasswordsMakeTheFileOwnerOnly) {
  Harness h;
  model::Diagnostics d;
  auto cluster = h.import_fixture("web_service.conf", d);
  ASSERT_TRUE(cluster) << dump(d);
  auto out = write_cluster_conf(*cluster, h.context, d, testing::fixed_clock());
  ASSERT_TRUE(out) << dump(d);
  ASSERT_EQ(out->files.size(), 1u);
  EXPECT_EQ(out->files[0].name, "");
  EXPECT_EQ(out->files[0].mode, 0600u);

  model::Diagnostics e;
  auto plain = h.import_fixture("nfs_server.conf", e);
  auto out2 = write_cluster_conf(*plain, h.context, e, testing::fixed_clock());
  ASSERT_TRUE(out2) << dump(e);
  EXPECT_EQ(out2->files[0].mode, 0644u);
}

TEST(KimberliteExport, NodeIdsOutsideKimberlitesRangeAreRenumberedAndReported) {
  model::Cluster c = web_cluster();
  c.nodes[0].id = 1;
  c.nodes[1].id = 2;
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(codes(d, model::Severity::kLoss),
            (std::vector<std::string>{"loss.node-id", "loss.node-id"}))
      << dump(d);
  EXPECT_NE(text->find("  id = 0\n  name = n1\n"), std::string::npos) << *text;
}

TEST(KimberliteExport, NfsExportWithoutItsFileSystemIsALoss) {
  model::Cluster c = web_cluster();
  c.resources.push_back(resource("exp", "ocf:heartbeat:exportfs",
                                 {{"directory", "/elsewhere", {}}, {"clientspec", "*", {}}, {"fsid", "3", {}}}));
  c.resources.push_back(resource("exp2", "ocf:heartbeat:exportfs",
                                 {{"directory", "/srv/pub", {}}, {"clientspec", "*", {}}, {"fsid", "4", {}}}));
  c.groups[0].members = {"fs", "exp", "exp2", "ip", "httpd"};
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(codes(d, model::Severity::kLoss), (std::vector<std::string>{"loss.nfs-export"})) << dump(d);
  EXPECT_NE(text->find("start directory0\nstart client0\n  name = *\n  options = fsid=4\nend client0\n  name = /srv/pub\n"),
            std::string::npos)
      << *text;
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
