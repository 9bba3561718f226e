// Document -> model: every section and key of the spec lands in the model
// with the values the fixtures give it.
#include "adapters/kimberlite/import.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using model::ChannelKind;
using testing::codes;
using testing::dump;
using testing::Harness;

std::string param(const model::Resource& r, std::string_view name) {
  const auto* a = model::find(r.params, name);
  return a ? a->value : "<absent>";
}
std::string attribute(const model::Attributes& attributes, std::string_view name) {
  const auto* a = model::find(attributes, name);
  return a ? a->value : "<absent>";
}

std::vector<const model::Channel*> channels_of(const model::Cluster& c, const std::string& node) {
  std::vector<const model::Channel*> out;
  for (const auto& ch : c.channels)
    if (ch.node == node) out.push_back(&ch);
  return out;
}

TEST(KimberliteImport, SpecExampleNfsServer) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_fixture("nfs_server.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 0u) << dump(d);
  EXPECT_EQ(c->name, "dbclu");
  EXPECT_EQ(attribute(c->properties, "kimberlite_database_version"), "2.0");

  ASSERT_EQ(c->nodes.size(), 2u);
  EXPECT_EQ(c->nodes[0].name, "node-a");
  EXPECT_EQ(c->nodes[0].id, 0u);
  EXPECT_EQ(c->nodes[1].name, "node-b");
  EXPECT_EQ(c->nodes[1].id, 1u);
  EXPECT_EQ(attribute(c->nodes[0].attributes, "fence_agent"), "fence_rps10");
  EXPECT_EQ(attribute(c->nodes[0].attributes, "fence_serial_port"), "/dev/ttyS0");

  auto a = channels_of(*c, "node-a");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0]->kind, ChannelKind::kUnicast);
  EXPECT_EQ(a[0]->address, "node-a");
  EXPECT_EQ(a[0]->priority, 1u);
  EXPECT_EQ(a[1]->kind, ChannelKind::kSerial);
  EXPECT_EQ(a[1]->device, "/dev/ttyS1");
  EXPECT_EQ(a[2]->kind, ChannelKind::kDisk);
  EXPECT_EQ(a[2]->device, "/dev/raw/raw1");
  EXPECT_EQ(attribute(a[2]->attributes, "quorum_partition"), "primary");
  EXPECT_EQ(a[3]->device, "/dev/raw/raw2");
  EXPECT_EQ(attribute(a[3]->attributes, "quorum_partition"), "shadow");
  EXPECT_EQ(channels_of(*c, "node-b").size(), 3u);

  ASSERT_EQ(c->groups.size(), 1u);
  const auto& g = c->groups[0];
  EXPECT_EQ(g.id, "nfs_home");
  EXPECT_EQ(g.policy.domain, (std::vector<std::string>{"node-a", "node-b"}));
  EXPECT_EQ(g.policy.failback, model::Failback::kAutomatic);
  EXPECT_FALSE(g.policy.initially_disabled);
  EXPECT_TRUE(g.policy.attributes.empty());
  ASSERT_EQ(g.members.size(), 3u);

  const auto* fs = c->find_resource(g.members[0]);
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(fs->agent.to_string(), "ocf:heartbeat:Filesystem");
  EXPECT_EQ(param(*fs, "device"), "/dev/sdb1");
  EXPECT_EQ(param(*fs, "directory"), "/export/home");
  EXPECT_EQ(param(*fs, "fstype"), "ext3");
  EXPECT_EQ(param(*fs, "options"), "rw,nosuid");
  EXPECT_EQ(param(*fs, "force_unmount"), "true");

  const auto* nfs = c->find_resource(g.members[1]);
  ASSERT_NE(nfs, nullptr);
  EXPECT_EQ(nfs->agent.to_string(), "ocf:heartbeat:exportfs");
  EXPECT_EQ(param(*nfs, "directory"), "/export/home");
  EXPECT_EQ(param(*nfs, "clientspec"), "*.example.com");
  EXPECT_EQ(param(*nfs, "options"), "rw,sync");

  const auto* ip = c->find_resource(g.members[2]);
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->agent.to_string(), "ocf:heartbeat:IPaddr2");
  EXPECT_EQ(param(*ip, "ip"), "192.168.10.20");
  EXPECT_EQ(param(*ip, "cidr_netmask"), "24");
  EXPECT_EQ(param(*ip, "broadcast"), "192.168.10.255");
  // The origin of a parameter is its field's line.
  EXPECT_EQ(model::find(ip->params, "ip")->origin.line, 60u);

  model::Diagnostics check;
  model::check(*c, check);
  EXPECT_FALSE(check.has_errors()) << dump(check);
}

TEST(KimberliteImport, WebServiceWithScriptTimingAndNetworkPowerSwitch) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_fixture("web_service.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 0u) << dump(d);
  EXPECT_EQ(c->name, "webclu");
  EXPECT_EQ(attribute(c->properties, "alias_ip"), "10.0.0.100");
  EXPECT_EQ(attribute(c->properties, "cluhbd_log_level"), "4");
  EXPECT_EQ(c->timing.keepalive_ms, 2000u);
  EXPECT_EQ(c->timing.dead_ms, 20000u);

  const auto& n = c->nodes[0];
  EXPECT_EQ(attribute(n.attributes, "fence_agent"), "fence_wti");
  EXPECT_EQ(attribute(n.attributes, "fence_ip"), "10.0.0.250");
  EXPECT_EQ(attribute(n.attributes, "fence_login"), "admin");
  EXPECT_EQ(attribute(n.attributes, "fence_password"), "s3cret");
  // A secret never appears in a diagnostic.
  for (const auto& e : d.entries()) EXPECT_EQ(e.message.find("s3cret"), std::string::npos);

  auto chans = channels_of(*c, "web1");
  ASSERT_GE(chans.size(), 2u);
  EXPECT_EQ(chans[1]->kind, ChannelKind::kBroadcast);  // `eth1` names an interface
  EXPECT_EQ(chans[1]->interface, "eth1");

  const auto& g = c->groups.at(0);
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_EQ(c->find_resource(g.members[0])->agent.type, "Filesystem");
  EXPECT_EQ(c->find_resource(g.members[1])->agent.type, "IPaddr2");
  const auto* script = c->find_resource(g.members[2]);
  // A userScript in an init directory is the init script lsb:NAME.
  EXPECT_EQ(script->agent.to_string(), "lsb:httpd");
  ASSERT_EQ(script->operations.size(), 1u);
  EXPECT_EQ(script->operations[0].name, "monitor");
  EXPECT_EQ(script->operations[0].interval_ms, 30000u);
}

TEST(KimberliteImport, SeveralServicesAndPolicies) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_fixture("several_services.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 0u) << dump(d);
  EXPECT_EQ(c->timing.keepalive_ms, 500u);
  EXPECT_EQ(c->timing.dead_ms, 10000u);
  for (const char* p : {"clulockd_log_level", "clupowerd_log_level", "cluquorumd_log_level",
                        "clusvcmgrd_log_level"})
    EXPECT_NE(attribute(c->properties, p), "<absent>") << p;
  EXPECT_EQ(attribute(c->nodes[0].attributes, "fence_agent"), "fence_apc_serial");
  EXPECT_EQ(attribute(c->nodes[1].attributes, "fence_agent"), "none");
  EXPECT_EQ(channels_of(*c, "beta")[1]->kind, ChannelKind::kSerial);

  ASSERT_EQ(c->groups.size(), 3u);
  const auto& db = c->groups[0];
  EXPECT_EQ(db.policy.domain, (std::vector<std::string>{"beta", "alpha"}));
  EXPECT_EQ(db.policy.failback, model::Failback::kAutomatic);
  const auto* raw = c->find_resource(db.members[0]);
  EXPECT_EQ(raw->agent.to_string(), "ocf:ocfbridge:kimberlite-device");
  EXPECT_EQ(param(*raw, "device"), "/dev/raw/raw3");
  EXPECT_EQ(param(*raw, "owner"), "oracle");
  EXPECT_EQ(param(*raw, "group"), "dba");
  EXPECT_EQ(param(*raw, "mode"), "660");
  const auto* dbctl = c->find_resource(db.members.back());
  EXPECT_EQ(dbctl->agent.type, "/opt/db/bin/dbctl");
  EXPECT_EQ(dbctl->operations.at(0).interval_ms, 60000u);

  const auto& files = c->groups[1];
  EXPECT_EQ(files.policy.failback, model::Failback::kManual);
  EXPECT_EQ(files.policy.domain, (std::vector<std::string>{"alpha", "beta"}));
  // 2 file systems, 2 exports, 1 Samba share, 2 addresses, no script.
  ASSERT_EQ(files.members.size(), 7u);
  EXPECT_EQ(param(*c->find_resource(files.members[0]), "force_unmount"), "false");
  const auto* export0 = c->find_resource(files.members[2]);
  EXPECT_EQ(param(*export0, "clientspec"), "@staff");
  EXPECT_EQ(param(*export0, "fsid"), "7");
  EXPECT_EQ(param(*c->find_resource(files.members[3]), "clientspec"), "*");
  const auto* smb = c->find_resource(files.members[4]);
  EXPECT_EQ(smb->agent.to_string(), "ocf:heartbeat:smb-share");
  EXPECT_EQ(param(*smb, "share"), "staff");
  EXPECT_EQ(param(*smb, "path"), "/srv/share");
  EXPECT_EQ(param(*c->find_resource(files.members[6]), "cidr_netmask"), "16");

  const auto& batch = c->groups[2];
  EXPECT_TRUE(batch.policy.initially_disabled);
  EXPECT_EQ(batch.policy.domain, (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(attribute(batch.policy.attributes, "preferred_node"), "none");
  ASSERT_EQ(batch.members.size(), 1u);
  EXPECT_EQ(c->find_resource(batch.members[0])->operations.at(0).interval_ms, 0u);

  // Comments ride along as Kimberlite extensions.
  bool found = false;
  for (const auto* e : c->extensions_of("kimberlite"))
    if (e->key == "#services%service1") {
      found = true;
      EXPECT_EQ(e->scope, "group:files");
    }
  EXPECT_TRUE(found);
}

TEST(KimberliteImport, UnknownKeysSurviveWithAWarning) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_text(
      "[cluster]\n  name = c\n  futureKey = 1\n[members]\nstart member0\n  id = 0\n"
      "  name = a\n  weird = x y\nend member0\n[services]\nstart service0\n  name = s\n"
      "  preferredNode = a\nstart network0\n  ipAddress = 10.0.0.1\n  vlan = 7\nend network0\n"
      "start hooks\n  pre = /bin/true\nend hooks\nend service0\n[clurmtabd]\n  logLevel = 2\n",
      "u.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(codes(d, model::Severity::kWarning),
            (std::vector<std::string>(5, "kimberlite.unknown-key")))
      << dump(d);
  auto ext = c->extensions_of("kimberlite");
  ASSERT_EQ(ext.size(), 5u);
  EXPECT_EQ(ext[0]->key, "cluster%futureKey");
  EXPECT_EQ(ext[0]->scope, "");
  EXPECT_EQ(ext[1]->key, "members%member0%weird");
  EXPECT_EQ(ext[1]->scope, "node:a");
  EXPECT_EQ(ext[1]->value, "x y");
  EXPECT_EQ(ext[2]->key, "services%service0%network0%vlan");
  EXPECT_EQ(ext[2]->scope, "resource:s-ip0");
  EXPECT_EQ(ext[3]->key, "services%service0%hooks%pre");
  EXPECT_EQ(ext[3]->scope, "group:s");
  EXPECT_EQ(ext[4]->key, "clurmtabd%logLevel");
  EXPECT_EQ(d.of(model::Severity::kWarning)[1].where.line, 8u);

  // ... and come back on write, at their owner's place.
  model::Diagnostics w;
  auto text = h.export_text(*c, w);
  ASSERT_TRUE(text) << dump(w);
  EXPECT_NE(text->find("  futureKey = 1\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("  vlan = 7\n"), std::string::npos);
  EXPECT_NE(text->find("start hooks\n  pre = /bin/true\nend hooks\n"), std::string::npos);
  EXPECT_NE(text->find("[clurmtabd]\n  logLevel = 2\n"), std::string::npos);
  EXPECT_NE(text->find("  weird = x y\n"), std::string::npos);
  EXPECT_EQ(w.count(model::Severity::kLoss), 0u) << dump(w);
}

TEST(KimberliteImport, PowerControllersAreKeptWithoutWarning) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_text(
      "[cluster]\n  name = c\n[powercontrollers]\nstart powercontroller0\n  IPaddr = 10.0.0.9\n"
      "  login = apc\n  passwd = pw\n  type = APCMaster\nend powercontroller0\n",
      "p.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 0u) << dump(d);
  EXPECT_EQ(c->extensions_of("kimberlite").size(), 4u);
}

TEST(KimberliteImport, UnknownPowerSwitchTypeIsKeptWithAWarning) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_text(
      "[cluster]\n  name = c\n[members]\nstart member0\n  id = 0\n  name = a\n"
      "  powerSwitchType = NEWBOX\nend member0\n",
      "p.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_TRUE(d.has("kimberlite.unknown-value")) << dump(d);
  EXPECT_EQ(attribute(c->nodes[0].attributes, "fence_agent"), "NEWBOX");
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
