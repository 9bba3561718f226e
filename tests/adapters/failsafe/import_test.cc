// Reading FailSafe cmgr scripts into the OCF model: every statement and
// field of the spec lands where the Lua tables say.
#include "adapters/failsafe/import.h"

#include "tests/adapters/failsafe/failsafe_test_util.h"

namespace ocf::adapters::failsafe::testing {
namespace {

using model::ChannelKind;
using model::Failback;
using model::PlacementMode;

model::Cluster read_fixture(const std::string& name, model::Diagnostics& d) {
  auto c = read_file(fixture(name), d);
  if (!c) ADD_FAILURE() << dump(d);
  return c ? *c : model::Cluster{};
}

std::string attr(const model::Attributes& a, std::string_view name) {
  const auto* found = model::find(a, name);
  return found ? found->value : "<absent>";
}

const model::Extension* ext(const model::Cluster& c, std::string_view scope,
                            std::string_view key) {
  for (const auto& e : c.extensions)
    if (e.product == "failsafe" && e.scope == scope && e.key == key) return &e;
  return nullptr;
}

TEST(FailSafeImport, NfsNodesNicsAndClusterFields) {
  model::Diagnostics d;
  auto c = read_fixture("nfs-two-node.cmgr", d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 0u) << dump(d);
  EXPECT_EQ(c.name, "nfs-cluster");
  ASSERT_EQ(c.nodes.size(), 2u);
  EXPECT_EQ(c.nodes[0].name, "venus");
  EXPECT_EQ(c.nodes[0].id, 1u);
  EXPECT_EQ(attr(c.nodes[0].attributes, "hostname"), "venus.example.com");
  EXPECT_EQ(c.nodes[1].name, "mars");
  EXPECT_EQ(c.nodes[1].id, 2u);
  ASSERT_EQ(c.channels.size(), 2u);
  const auto& nic = c.channels[0];
  EXPECT_EQ(nic.kind, ChannelKind::kUnicast);
  EXPECT_EQ(nic.node, "venus");
  EXPECT_EQ(nic.address, "192.168.1.1");
  EXPECT_EQ(nic.priority, 1u);
  EXPECT_TRUE(nic.heartbeat);
  EXPECT_TRUE(nic.control);
  EXPECT_EQ(nic.origin.line, 8u);
  EXPECT_EQ(c.channels[1].node, "mars");
  EXPECT_EQ(attr(c.properties, "notify_cmd"), "/usr/bin/mail");
  EXPECT_EQ(attr(c.properties, "notify_addr"), "root@venus.example.com");
  EXPECT_EQ(c.timing.dead_ms, 15000u);
  EXPECT_EQ(c.timing.keepalive_ms, 1000u);
  EXPECT_FALSE(c.timing.warn_ms);
}

TEST(FailSafeImport, NfsResourcesMapToOcfAgents) {
  model::Diagnostics d;
  auto c = read_fixture("nfs-two-node.cmgr", d);
  ASSERT_EQ(c.resources.size(), 4u);
  const auto* ip = c.find_resource("IP_address-10.0.0.100");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->agent.to_string(), "ocf:heartbeat:IPaddr2");
  EXPECT_EQ(attr(ip->params, "ip"), "10.0.0.100");
  EXPECT_EQ(attr(ip->params, "cidr_netmask"), "24");
  EXPECT_EQ(attr(ip->params, "nic"), "eth0");
  EXPECT_EQ(attr(ip->params, "broadcast"), "10.0.0.255");
  EXPECT_TRUE(ip->meta.empty()) << "name and type are derivable from the agent";
  EXPECT_EQ(ip->origin.line, 35u);

  const auto* vol = c.find_resource("volume-shared_vol");
  ASSERT_NE(vol, nullptr);
  EXPECT_EQ(vol->agent.to_string(), "ocf:heartbeat:LVM-activate");
  EXPECT_EQ(attr(vol->params, "vgname"), "shared_vol");
  ASSERT_NE(ext(c, "resource:volume-shared_vol", "devname-owner"), nullptr);
  EXPECT_EQ(ext(c, "resource:volume-shared_vol", "devname-owner")->value, "root");
  EXPECT_EQ(ext(c, "resource:volume-shared_vol", "devname-group")->value, "sys");
  EXPECT_EQ(ext(c, "resource:volume-shared_vol", "devname-mode")->value, "600");

  // The same name with two types gives two resources.
  const auto* fsys = c.find_resource("filesystem-export");
  ASSERT_NE(fsys, nullptr);
  EXPECT_EQ(fsys->agent.to_string(), "ocf:heartbeat:Filesystem");
  EXPECT_EQ(attr(fsys->params, "directory"), "/export");
  EXPECT_EQ(attr(fsys->params, "device"), "/dev/shared_vol");
  EXPECT_EQ(attr(fsys->params, "options"), "rw");
  EXPECT_EQ(ext(c, "resource:filesystem-export", "monitoring-level")->value, "2");

  const auto* nfs = c.find_resource("NFS-export");
  ASSERT_NE(nfs, nullptr);
  EXPECT_EQ(nfs->agent.to_string(), "ocf:heartbeat:exportfs");
  EXPECT_EQ(attr(nfs->params, "directory"), "/export");
  EXPECT_EQ(attr(nfs->params, "options"), "rw,sync");
  EXPECT_EQ(attr(nfs->params, "clientspec"), "*");
  EXPECT_EQ(attr(nfs->params, "fsid"), "<absent>") << "export-info names no fsid";
  EXPECT_EQ(ext(c, "resource:NFS-export", "filesystem")->value, "/export");
}

// exportfs requires an fsid; FailSafe has no attribute for one, but an
// fsid=N export option is the export's fsid.
TEST(FailSafeImport, AnFsidExportOptionIsTheExportfsFsid) {
  model::Diagnostics d;
  auto c = read_text("define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
                     "define resource /srv of resource_type NFS in cluster c\n"
                     "  set export-info to rw,fsid=12,sync\ndone\n",
                     d);
  ASSERT_TRUE(c) << dump(d);
  const auto* nfs = c->find_resource("NFS-srv");
  ASSERT_NE(nfs, nullptr);
  EXPECT_EQ(attr(nfs->params, "options"), "rw,fsid=12,sync");
  EXPECT_EQ(attr(nfs->params, "fsid"), "12");
  EXPECT_EQ(model::find(nfs->params, "fsid")->origin.line, 7u);
  // And it is not a loss on the way back: export-info carries it.
  model::Diagnostics w;
  auto out = write_model(*c, w);
  ASSERT_TRUE(out) << dump(w);
  EXPECT_EQ(w.count(model::Severity::kLoss), 0u) << dump(w);
}

TEST(FailSafeImport, NfsGroupPolicyAndTypeOrder) {
  model::Diagnostics d;
  auto c = read_fixture("nfs-two-node.cmgr", d);
  ASSERT_EQ(c.groups.size(), 1u);
  const auto& g = c.groups[0];
  EXPECT_EQ(g.id, "nfs-rg");
  // Written IP, volume, filesystem, NFS; started by type order 20, 30, 201, 401.
  EXPECT_EQ(g.members, (std::vector<std::string>{"volume-shared_vol", "filesystem-export",
                                                 "NFS-export", "IP_address-10.0.0.100"}));
  EXPECT_EQ(g.policy.name, "nfs-fp");
  EXPECT_EQ(g.policy.mode, PlacementMode::kOrdered);
  EXPECT_EQ(g.policy.failback, Failback::kManual);
  EXPECT_EQ(g.policy.domain, (std::vector<std::string>{"venus", "mars"}));
  EXPECT_FALSE(g.policy.local_restarts);
  EXPECT_FALSE(g.policy.auto_recovery);
  EXPECT_FALSE(g.policy.in_place_recovery);
  EXPECT_TRUE(c.constraints.empty());
}

TEST(FailSafeImport, WebNodeSystemControllerAndSecondNic) {
  model::Diagnostics d;
  auto c = read_fixture("web-three-node.cmgr", d);
  ASSERT_EQ(c.nodes.size(), 3u);
  const auto& web1 = c.nodes[0];
  EXPECT_EQ(attr(web1.attributes, "sysctrl_type"), "msc");
  EXPECT_EQ(attr(web1.attributes, "sysctrl_password"), "none");
  EXPECT_EQ(attr(web1.attributes, "sysctrl_status"), "enabled");
  EXPECT_EQ(attr(web1.attributes, "sysctrl_owner"), "web2");
  EXPECT_EQ(attr(web1.attributes, "sysctrl_device"), "/dev/ttyS1");
  EXPECT_EQ(attr(web1.attributes, "sysctrl_owner_type"), "tty");
  ASSERT_EQ(c.channels.size(), 5u);
  EXPECT_EQ(c.channels[1].address, "10.1.2.1");
  EXPECT_TRUE(c.channels[1].heartbeat);
  EXPECT_FALSE(c.channels[1].control);
  EXPECT_EQ(c.channels[1].priority, 2u);
  EXPECT_EQ(attr(c.properties, "ha_mode"), "normal");
  EXPECT_EQ(attr(c.properties, "run_pwrfail"), "false");
  EXPECT_EQ(attr(c.properties, "tie_breaker"), "web1");
  EXPECT_EQ(c.timing.dead_ms, 10000u);
  EXPECT_EQ(c.timing.keepalive_ms, 500u);
}

TEST(FailSafeImport, WebSiteTypeActionsAttributesAndDependencies) {
  model::Diagnostics d;
  auto c = read_fixture("web-three-node.cmgr", d);
  const auto* app = c.find_resource("webapp-shop");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->agent.cls, "failsafe");
  EXPECT_EQ(app->agent.type, "webapp");
  EXPECT_EQ(attr(app->meta, "failsafe-name"), "shop");
  EXPECT_EQ(attr(app->params, "port"), "8443");
  // An attribute the resource does not set takes the type's default.
  EXPECT_EQ(attr(app->params, "config"), "/etc/webapp/webapp.conf");
  ASSERT_EQ(app->operations.size(), 4u);
  EXPECT_EQ(app->operations[0].name, "start");
  EXPECT_EQ(app->operations[0].timeout_ms, 60000u);
  EXPECT_EQ(app->operations[2].name, "monitor");
  EXPECT_EQ(app->operations[2].timeout_ms, 20000u);
  EXPECT_EQ(app->operations[2].interval_ms, 30000u);
  EXPECT_EQ(attr(app->operations[2].attributes, "start-delay"), "60000ms");
  EXPECT_EQ(app->operations[3].name, "probe") << "exclusive is the OCF probe";
  EXPECT_EQ(app->operations[3].timeout_ms, 10000u);
  // Type facts the model has no field for.
  EXPECT_EQ(ext(c, "resource_type:webapp", "order")->value, "720");
  EXPECT_EQ(ext(c, "resource_type:webapp", "type_attribute:port:data_type")->value, "integer");
  EXPECT_EQ(ext(c, "resource_type:webapp", "type_attribute:port:default_value")->value,
            "8080");
  EXPECT_EQ(ext(c, "resource_type:webapp", "dependency")->value, "filesystem");
  // Resource dependencies are order constraints.
  ASSERT_EQ(c.constraints.size(), 2u);
  EXPECT_EQ(c.constraints[0].kind, model::ConstraintKind::kOrder);
  EXPECT_EQ(c.constraints[0].resource, "filesystem-srv_www");
  EXPECT_EQ(c.constraints[0].with, "webapp-shop");
  EXPECT_EQ(c.constraints[1].resource, "IP_address-10.1.0.50");
  // Members by type order: filesystem 30, IP_address 401, webapp 720.
  EXPECT_EQ(c.groups[0].members,
            (std::vector<std::string>{"filesystem-srv_www", "IP_address-10.1.0.50",
                                      "webapp-shop"}));
  EXPECT_EQ(c.groups[0].policy.failback, Failback::kAutomatic);
  EXPECT_TRUE(c.groups[0].policy.auto_recovery);
  EXPECT_EQ(c.groups[0].policy.domain.size(), 3u);
  EXPECT_EQ(attr(c.find_resource("IP_address-10.1.0.50")->params, "cidr_netmask"), "16");
}

TEST(FailSafeImport, MultiGroupPoliciesRestartsAndSessionDefaults) {
  model::Diagnostics d;
  auto c = read_fixture("multi-group.cmgr", d);
  EXPECT_EQ(c.name, "prod");
  EXPECT_EQ(c.timing.dead_ms, 20000u) << "modify ha_parameters took the session cluster";
  ASSERT_EQ(c.groups.size(), 3u);
  const auto& db = c.groups[0];
  EXPECT_EQ(db.policy.failback, Failback::kManual);
  EXPECT_TRUE(db.policy.in_place_recovery);
  EXPECT_FALSE(db.policy.auto_recovery);
  EXPECT_EQ(attr(db.policy.attributes, "Critical_RG"), "true");
  EXPECT_EQ(db.policy.local_restarts, 2u);
  const auto& files = c.groups[1];
  EXPECT_EQ(files.policy.mode, PlacementMode::kRoundRobin);
  EXPECT_EQ(files.policy.failback, Failback::kAutomatic);
  EXPECT_TRUE(files.policy.auto_recovery);
  EXPECT_EQ(files.policy.domain, (std::vector<std::string>{"beta", "gamma", "delta"}));
  // `set resource_type NFS` let both the define and the add drop the type.
  EXPECT_NE(std::find(files.members.begin(), files.members.end(), "NFS-home"),
            files.members.end());
  const auto& smb = c.groups[2];
  EXPECT_EQ(smb.policy.local_restarts, 3u) << "Samba: restart_mode 1, restart_count 3";
  EXPECT_EQ(attr(smb.policy.attributes, "Node_Failures_Only"), "true");
  // Mixed restart settings in a group: the types keep their own.
  EXPECT_TRUE(d.has("failsafe.mixed-restarts"));
  EXPECT_EQ(ext(c, "resource_type:IP_address", "restart_count")->value, "2");
  EXPECT_EQ(ext(c, "resource_type:filesystem", "restart_mode")->value, "0");
  EXPECT_EQ(ext(c, "resource_type:Samba", "restart_mode"), nullptr);
  // modify changed an attribute; delete and cancel left no policy behind.
  EXPECT_EQ(attr(c.find_resource("filesystem-db")->params, "options"), "rw,noatime");
  for (const auto& e : c.extensions) {
    EXPECT_EQ(e.scope.find("old-fp"), std::string::npos);
    EXPECT_EQ(e.scope.find("maybe-fp"), std::string::npos);
  }
  // A policy no group uses, and a pool node outside the cluster, are kept.
  EXPECT_EQ(ext(c, "failover_policy:spare-fp", "domain")->value, "delta alpha");
  EXPECT_EQ(ext(c, "node:spare", "pool_only")->value, "true");
  EXPECT_EQ(c.find_resource("statd-home_.statd")->agent.to_string(), "ocf:heartbeat:nfsserver");
  EXPECT_EQ(attr(c.find_resource("statd-home_.statd")->params, "nfs_shared_infodir"),
            "/home/.statd");
  EXPECT_EQ(c.find_resource("Samba-public")->agent.to_string(), "ocf:heartbeat:smb-share");
}

TEST(FailSafeImport, UnknownFieldIsAWarningAndAnExtension) {
  model::Diagnostics d;
  auto c = read_text("define node a\n  set nodeid to 1\n  set rack_position to 12U\ndone\n"
                     "define cluster c\n  set pager_group to dba\n  add node a\ndone\n",
                     d);
  ASSERT_TRUE(c) << dump(d);
  auto warnings = d.of(model::Severity::kWarning);
  ASSERT_EQ(warnings.size(), 2u) << dump(d);
  EXPECT_EQ(warnings[0].code, "failsafe.unknown-field");
  EXPECT_EQ(warnings[0].where.line, 3u);
  EXPECT_EQ(warnings[0].where.column, 7u);
  ASSERT_NE(ext(*c, "node:a", "rack_position"), nullptr);
  EXPECT_EQ(ext(*c, "node:a", "rack_position")->value, "12U");
  EXPECT_EQ(ext(*c, "", "pager_group")->value, "dba");
}

TEST(FailSafeImport, SiteDefinedScriptKeepsItsNameAndPlacesOrdered) {
  model::Diagnostics d;
  auto c = read_text(
      "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
      "define failover_policy fp\n  set attribute to Auto_Failback\n  set script to "
      "follow-the-sun\n  set domain to a\ndone\n"
      "define resource 10.0.0.1 of resource_type IP_address in cluster c\ndone\n"
      "define resource_group g in cluster c\n  set failover_policy to fp\n"
      "  add resource 10.0.0.1 of resource_type IP_address\ndone\n",
      d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_TRUE(d.has("failsafe.site-script"));
  EXPECT_EQ(c->groups[0].policy.mode, PlacementMode::kOrdered);
  EXPECT_EQ(ext(*c, "failover_policy:fp", "script")->value, "follow-the-sun");
}

// Members start in ascending type order and keep the script's order within
// a type: for small groups (sorted in place) and large ones alike.
TEST(FailSafeImport, GroupMembersSortByTypeOrderStably) {
  for (int n : {3, 8, 12}) {
    SCOPED_TRACE(n);
    std::string text =
        "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
        "define failover_policy fp\n  set attribute to Auto_Failback\n  set script to "
        "ordered\n  set domain to a\ndone\n";
    std::string adds;
    std::vector<std::string> volumes, addresses;
    for (int i = 0; i < n; ++i) {
      std::string ip = "10.0.0." + std::to_string(n - i);
      std::string vol = "vol" + std::to_string(n - i);
      text += "define resource " + ip + " of resource_type IP_address in cluster c\ndone\n";
      text += "define resource " + vol + " of resource_type volume in cluster c\ndone\n";
      adds += "  add resource " + ip + " of resource_type IP_address\n";
      adds += "  add resource " + vol + " of resource_type volume\n";
      addresses.push_back("IP_address-" + ip);
      volumes.push_back("volume-" + vol);
    }
    text += "define resource_group g in cluster c\n  set failover_policy to fp\n" + adds + "done\n";
    model::Diagnostics d;
    auto c = read_text(text, d);
    ASSERT_TRUE(c) << dump(d);
    std::vector<std::string> expected = volumes;  // volume's order is below IP_address's
    expected.insert(expected.end(), addresses.begin(), addresses.end());
    ASSERT_EQ(c->groups.size(), 1u);
    EXPECT_EQ(c->groups[0].members, expected);
  }
}

TEST(FailSafeImport, PerNodeTypeDefinitionIsKept) {
  model::Diagnostics d;
  auto c = read_text(
      "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
      "define resource_type app in cluster c\n  set order to 750\ndone\n"
      "define resource_type app on node a in cluster c\n  set order to 760\n"
      "  add action start\n    set exec_time to 5000\n  done\ndone\n",
      d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(ext(*c, "resource_type:app", "order")->value, "750");
  EXPECT_EQ(ext(*c, "resource_type:app", "node:a/order")->value, "760");
  EXPECT_EQ(ext(*c, "resource_type:app", "node:a/action:start:exec_time")->value, "5000");
}

TEST(FailSafeImport, ResourceIdsAreSanitisedAndUnique) {
  EXPECT_EQ(resource_id("/export", "filesystem"), "filesystem-export");
  EXPECT_EQ(resource_id("10.0.0.1", "IP_address"), "IP_address-10.0.0.1");
  EXPECT_EQ(resource_id("a b@c", "site/type"), "site_type-a_b_c");
  // Nothing left after the leading slashes: "r".
  EXPECT_EQ(resource_id("//", "filesystem"), "filesystem-r");
  EXPECT_EQ(resource_id("", ""), "r-r");
  EXPECT_EQ(resource_id("/a/b", "//t"), "t-a_b");
}

// resource_id looks bytes up in a table: every byte, inside a name and a
// type, comes out as the rule spelled out (letters, digits, '_', '.', '-'
// kept, anything else '_').
TEST(FailSafeImport, ResourceIdEveryByte) {
  for (unsigned b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    const std::string one(1, c);
    const std::string out(1, kept ? c : '_');
    EXPECT_EQ(resource_id("n" + one + "m", "t" + one), "t" + out + "-n" + out + "m") << "byte " << b;
  }
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
