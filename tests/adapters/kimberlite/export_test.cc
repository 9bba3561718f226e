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

// A Kimberlite extension whose key is not a SECTION%...%NAME path (one
// written by hand in OCF XML, say) has no block to go to: it is reported as
// a loss at the extension, and the rest is written. (It used to end the
// program with an uncaught std::out_of_range.)
TEST(KimberliteExport, ExtensionKeyWithoutASectionIsALoss) {
  model::Cluster c = web_cluster();
  c.extensions.push_back({"kimberlite", "group:web", "relocateOnPreferredNodeBoot", "", at(20)});
  c.extensions.push_back({"kimberlite", "", "#orphan", "a comment", at(21)});
  c.extensions.push_back({"kimberlite", "", "cluster%name2", "kept", at(22)});
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  std::vector<std::uint32_t> lines;
  for (const auto& e : d.of(model::Severity::kLoss))
    if (e.code == "loss.extension") {
      lines.push_back(e.where.line);
      EXPECT_NE(e.message.find("names no section"), std::string::npos) << e.message;
    }
  EXPECT_EQ(lines, (std::vector<std::uint32_t>{20, 21})) << dump(d);
  EXPECT_NE(text->find("  name2 = kept\n"), std::string::npos) << *text;
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
  // The writer leaves other products' extensions to the bridge, which
  // reports each once.
  EXPECT_FALSE(d.has("loss.extension")) << dump(d);
  adapter::report_foreign_extensions(c, kProduct, d);
  std::multiset<std::string> got;
  for (const auto& code : codes(d, model::Severity::kLoss)) got.insert(code);
  std::multiset<std::string> want = {
      "loss.too-many-nodes", "loss.multicast-channel", "loss.timing",  "loss.auth", "loss.auth",
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
    if (e.code == "loss.auth") {
      // The key where it was set; the active key has no origin here.
      EXPECT_TRUE(e.where.line == 5u || e.message.find("active key 1") != std::string::npos)
          << e.to_string();
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

TEST(KimberliteExport, EveryAuthenticationKeyIsLostWhereItWasSetWithoutItsSecret) {
  model::Cluster c = web_cluster();
  c.auth.active = 2;
  c.auth.origin = at(20);
  c.auth.keys.push_back({1, "md5", "first-secret", at(21)});
  c.auth.keys.push_back({2, "sha1", "second-secret", at(22)});
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  std::multiset<std::uint32_t> lines;
  for (const auto& e : d.of(model::Severity::kLoss)) {
    EXPECT_EQ(e.code, "loss.auth") << e.to_string();
    lines.insert(e.where.line);
    EXPECT_EQ(e.message.find("-secret"), std::string::npos) << e.message;
  }
  EXPECT_EQ(lines, (std::multiset<std::uint32_t>{20, 21, 22})) << dump(d);
  EXPECT_EQ(text->find("-secret"), std::string::npos) << *text;
}

model::Channel unicast(std::string node, std::string address, std::uint32_t priority,
                       std::uint32_t line) {
  model::Channel ch;
  ch.kind = model::ChannelKind::kUnicast;
  ch.node = std::move(node);
  ch.address = std::move(address);
  ch.priority = priority;
  ch.origin = at(line);
  return ch;
}

TEST(KimberliteExport, AChannelWithoutControlMessagesIsALoss) {
  model::Cluster c = web_cluster();
  c.channels = {unicast("n1", "10.1.1.1", 1, 30), unicast("n1", "10.1.2.1", 2, 31),
                unicast("n2", "10.1.1.2", 1, 32)};
  c.channels[1].control = false;  // FailSafe's ctrl_msgs false
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  ASSERT_EQ(codes(d, model::Severity::kLoss), (std::vector<std::string>{"loss.channel"})) << dump(d);
  EXPECT_EQ(d.of(model::Severity::kLoss).front().where.line, 31u);
  EXPECT_NE(text->find("start chan1\n  name = 10.1.2.1\n  type = net\nend chan1\n"),
            std::string::npos)
      << *text;
}

TEST(KimberliteExport, ChannelsAreNumberedByPriorityAndAGapIsALoss) {
  model::Cluster c = web_cluster();
  // n1: priority 2 listed first, then 1; n2: priorities 1 and 3.
  c.channels = {unicast("n1", "10.1.2.1", 2, 40), unicast("n1", "10.1.1.1", 1, 41),
                unicast("n2", "10.1.1.2", 1, 42), unicast("n2", "10.1.2.2", 3, 43)};
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_NE(text->find("start member0\nstart chan0\n  name = 10.1.1.1\n  type = net\nend chan0\n"
                       "start chan1\n  name = 10.1.2.1\n"),
            std::string::npos)
      << *text;
  // n2's priority 3 comes back as 2 (chan1).
  ASSERT_EQ(codes(d, model::Severity::kLoss), (std::vector<std::string>{"loss.channel-priority"}))
      << dump(d);
  EXPECT_EQ(d.of(model::Severity::kLoss).front().where.line, 43u);
  model::Diagnostics again;
  auto back = h.import_text(*text, "back.conf", again);
  ASSERT_TRUE(back) << dump(again);
  std::size_t seen = 0;
  for (const auto& ch : back->channels)
    if (ch.address == "10.1.2.1" || ch.address == "10.1.2.2") {
      EXPECT_EQ(ch.priority, 2u) << ch.address;
      ++seen;
    }
  EXPECT_EQ(seen, 2u);
}

TEST(KimberliteExport, AMemberWithoutAChannelIsWarnedAbout) {
  model::Cluster c = web_cluster();
  c.channels.clear();
  Harness h;
  model::Diagnostics d;
  ASSERT_TRUE(h.export_text(c, d)) << dump(d);
  EXPECT_EQ(codes(d, model::Severity::kWarning),
            (std::vector<std::string>{"kimberlite.no-channel", "kimberlite.no-channel"}))
      << dump(d);
}

TEST(KimberliteExport, AResourceMissingARequiredParameterIsALossNotASilentDrop) {
  model::Cluster c = web_cluster();
  auto with_origin = [](model::Resource r, std::uint32_t line) {
    r.origin = at(line);
    return r;
  };
  c.resources.push_back(with_origin(
      resource("noclient", "ocf:heartbeat:exportfs", {{"directory", "/srv/pub", {}}}), 50));
  c.resources.push_back(with_origin(
      resource("noip", "ocf:heartbeat:IPaddr2", {{"cidr_netmask", "24", {}}}), 51));
  c.resources.push_back(with_origin(
      resource("nodir", "ocf:heartbeat:Filesystem", {{"device", "/dev/sdc1", {}}}), 52));
  c.resources.push_back(with_origin(
      resource("nopath", "ocf:heartbeat:smb-share", {{"share", "pub", {}}}), 53));
  c.groups[0].members = {"fs", "nodir", "noclient", "nopath", "ip", "noip", "httpd"};
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  std::multiset<std::uint32_t> lines;
  for (const auto& e : d.of(model::Severity::kLoss)) {
    EXPECT_EQ(e.code, "loss.required-param") << e.to_string();
    lines.insert(e.where.line);
  }
  EXPECT_EQ(lines, (std::multiset<std::uint32_t>{50, 51, 52, 53})) << dump(d);
  // Nothing half-written: the file reads back with the complete resources only.
  model::Diagnostics again;
  auto back = h.import_text(*text, "back.conf", again);
  ASSERT_TRUE(back) << dump(again) << *text;
  EXPECT_EQ(back->groups.at(0).members.size(), 3u) << *text;
}

TEST(KimberliteExport, InitScriptsAreLsbAgentsBothWays) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_text(
      "[cluster]\n  name = c\n[members]\nstart member0\n  id = 0\n  name = a\nend member0\n"
      "start member1\n  id = 1\n  name = b\nend member1\n"
      "[services]\nstart service0\n  name = s0\n  userScript = /etc/rc.d/init.d/named\n"
      "end service0\nstart service1\n  name = s1\n  userScript = /etc/init.d/sub/run\n"
      "end service1\nstart service2\n  name = s2\n  userScript = /opt/app/ctl\nend service2\n",
      "scripts.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->find_resource("s0-script")->agent.to_string(), "lsb:named");
  // Not directly in an init directory, or elsewhere: a Kimberlite script by path.
  EXPECT_EQ(c->find_resource("s1-script")->agent.to_string(), "kimberlite:/etc/init.d/sub/run");
  EXPECT_EQ(c->find_resource("s2-script")->agent.to_string(), "kimberlite:/opt/app/ctl");
  // The directory an init script was read from comes back on a round trip.
  auto text = h.export_text(*c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  EXPECT_NE(text->find("  userScript = /etc/rc.d/init.d/named\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("  userScript = /etc/init.d/sub/run\n"), std::string::npos) << *text;
  // lsb:NAME from another product: the first init directory.
  model::Cluster other = web_cluster();
  other.find_resource("httpd")->agent = *model::AgentRef::parse("lsb:named");
  auto written = h.export_text(other, d);
  ASSERT_TRUE(written) << dump(d);
  EXPECT_NE(written->find("  userScript = /etc/init.d/named\n"), std::string::npos) << *written;
}

TEST(KimberliteExport, AnLsbNameThatCannotBeAFileIsALoss) {
  model::Cluster c = web_cluster();
  c.find_resource("httpd")->agent = {"lsb", "", "../sbin/halt"};
  c.find_resource("httpd")->origin = at(60);
  Harness h;
  model::Diagnostics d;
  auto text = h.export_text(c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(codes(d, model::Severity::kLoss), (std::vector<std::string>{"loss.resource-agent"}))
      << dump(d);
  EXPECT_NE(text->find("  userScript = None\n"), std::string::npos) << *text;
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
