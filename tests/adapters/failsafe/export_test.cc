// Writing the OCF model as a FailSafe cmgr script: what carries over, and
// the exact losses for what FailSafe cannot express.
#include <map>

#include "tests/adapters/failsafe/failsafe_test_util.h"

namespace ocf::adapters::failsafe::testing {
namespace {

using model::Attribute;

std::map<std::string, int> loss_codes(const model::Diagnostics& d) {
  std::map<std::string, int> out;
  for (const auto& e : d.of(model::Severity::kLoss)) ++out[e.code];
  return out;
}

model::Resource resource(std::string id, std::string agent, model::Attributes params) {
  model::Resource r;
  r.id = std::move(id);
  r.agent = *model::AgentRef::parse(agent);
  r.params = std::move(params);
  return r;
}

// A cluster as the heartbeat adapter would describe it.
model::Cluster heartbeat_like() {
  model::Cluster c;
  c.name = "hb";
  c.nodes = {{"n1", std::nullopt, {}, {{"weight", "100", {}}}, {}},
             {"n2", std::nullopt, {}, {{"weight", "100", {}}}, {}}};
  model::Channel bcast;
  bcast.kind = model::ChannelKind::kBroadcast;
  bcast.interface = "eth0";
  model::Channel serial;
  serial.kind = model::ChannelKind::kSerial;
  serial.device = "/dev/ttyS0";
  model::Channel ucast;
  ucast.kind = model::ChannelKind::kUnicast;
  ucast.interface = "eth1";
  ucast.address = "10.0.0.2";
  c.channels = {bcast, serial, ucast};
  c.timing.keepalive_ms = 2000;
  c.timing.warn_ms = 5000;
  c.timing.dead_ms = 10000;
  c.timing.initial_dead_ms = 30000;
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "s3cret-key", {}});
  c.resources.push_back(resource("ip", "ocf:heartbeat:IPaddr2",
                                 {{"ip", "10.0.0.10", {}},
                                  {"cidr_netmask", "24", {}},
                                  {"nic", "eth0", {}},
                                  {"iflabel", "svc", {}}}));
  c.resources.push_back(resource("fs", "ocf:heartbeat:Filesystem",
                                 {{"device", "/dev/sdb1", {}},
                                  {"directory", "/data", {}},
                                  {"fstype", "ext4", {}}}));
  c.resources.push_back(resource("web", "lsb:httpd", {}));
  model::ResourceGroup g;
  g.id = "g1";
  g.members = {"ip", "fs", "web"};
  g.policy.domain = {"n1", "n2"};
  g.policy.failback = model::Failback::kAutomatic;
  g.policy.initially_disabled = true;
  g.meta = {{"target-role", "Started", {}}};
  c.groups.push_back(g);
  c.constraints.push_back({model::ConstraintKind::kOrder, "fs-before-web", "fs", "web", "", "", {}});
  c.constraints.push_back({model::ConstraintKind::kLocation, "web-on-n1", "g1", "", "n1", "100", {}});
  c.constraints.push_back({model::ConstraintKind::kColocation, "ip-with-fs", "ip", "fs", "", "INFINITY", {}});
  c.extensions.push_back({"heartbeat", "", "use_logd", "yes", {}});
  return c;
}

TEST(FailSafeExport, HeartbeatLikeModelReportsExactlyWhatFailSafeCannotHold) {
  model::Diagnostics d;
  auto out = write_model(heartbeat_like(), d);
  ASSERT_TRUE(out) << dump(d);
  std::map<std::string, int> expected{
      {"loss.channel", 3},          // broadcast, serial, and a unicast with no node
      {"loss.auth", 1},             // authentication keys
      {"loss.timing", 2},           // warn and initial dead
      {"loss.node-attribute", 2},   // weight on each node
      {"loss.param", 2},            // IPaddr2 iflabel, Filesystem fstype
      {"loss.agent", 1},            // lsb:httpd has no FailSafe type
      {"loss.member-order", 1},     // ip (401) before fs (30)
      {"loss.group-meta", 1},       // target-role
      {"loss.constraint", 2},       // location and colocation
      // heartbeat's use_logd is the bridge's to report (see the next test)
      {"loss.initially-disabled", 1},
  };
  EXPECT_EQ(loss_codes(d), expected) << dump(d);
  for (const auto& e : d.entries())
    EXPECT_EQ(e.message.find("s3cret"), std::string::npos) << e.message;
  const std::string& text = out->files[0].contents;
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_NE(text.find("define resource 10.0.0.10 of resource_type IP_address in cluster hb\n"
                      "  set NetworkMask to 0xffffff00\n  set interfaces to eth0\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("define resource /data of resource_type filesystem in cluster hb\n"
                      "  set volume-name to sdb1\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("define resource_type httpd in cluster hb\n  set order to 701\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("define resource web of resource_type httpd in cluster hb\n"
                      "  add dependency /data of resource_type filesystem\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("define failover_policy g1_fp\n  set attribute to Auto_Failback\n"
                      "  set script to ordered\n  set domain to n1 n2\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("modify ha_parameters in cluster hb\n  set heartbeat to 2000\n"
                      "  set node_timeout to 10000\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_TRUE(text.ends_with("quit\n"));

  // What was written is a valid script, and reads back with what carried.
  model::Diagnostics back_d;
  auto back = read_text(text, back_d);
  ASSERT_TRUE(back) << dump(back_d) << text;
  EXPECT_EQ(back->timing.keepalive_ms, 2000u);
  EXPECT_EQ(back->timing.dead_ms, 10000u);
  const auto* ip = back->find_resource("IP_address-10.0.0.10");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(model::find(ip->params, "cidr_netmask")->value, "24");
  const auto* fs = back->find_resource("filesystem-data");
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(model::find(fs->params, "device")->value, "/dev/sdb1");
  ASSERT_EQ(back->constraints.size(), 1u);
  EXPECT_EQ(back->constraints[0].resource, "filesystem-data");
  EXPECT_EQ(back->constraints[0].with, "httpd-web");
  EXPECT_EQ(back->groups[0].policy.domain, (std::vector<std::string>{"n1", "n2"}));
}

// Other products' extensions are reported by the bridge, once
// (report_foreign_extensions), not by the writer as well.
TEST(FailSafeExport, ForeignExtensionsAreTheBridgesToReport) {
  const auto& a = failsafe();
  EXPECT_FALSE(a.keeps_foreign_extensions());
  model::Diagnostics d;
  auto c = heartbeat_like();
  ASSERT_TRUE(write_model(c, d)) << dump(d);
  adapter::report_foreign_extensions(c, a.name(), d);
  EXPECT_EQ(loss_codes(d)["loss.extension"], 1) << dump(d);
}

// Heartbeat's media are cluster-wide (bcast, mcast, ucast to a peer);
// FailSafe's are per-node nics. A node left without one gets a warning,
// since FailSafe could not run it, but the script is still written.
TEST(FailSafeExport, ANodeWithoutANicIsWarnedAbout) {
  model::Diagnostics d;
  ASSERT_TRUE(write_model(heartbeat_like(), d)) << dump(d);
  int warned = 0;
  for (const auto& e : d.entries())
    if (e.code == "failsafe.no-nic") ++warned;
  EXPECT_EQ(warned, 2) << dump(d);  // n1 and n2
  model::Diagnostics nic_d;
  auto c = read_file(fixture("nfs-two-node.cmgr"), nic_d);
  ASSERT_TRUE(c) << dump(nic_d);
  ASSERT_TRUE(write_model(*c, nic_d));
  EXPECT_FALSE(nic_d.has("failsafe.no-nic")) << dump(nic_d);
}

// A script holding a secret is private: the system-controller password of
// a node, or a secret-looking attribute of a site resource type.
TEST(FailSafeExport, AScriptHoldingAPasswordIsWrittenPrivately) {
  model::Diagnostics d;
  auto c = read_file(fixture("nfs-two-node.cmgr"), d);
  ASSERT_TRUE(c) << dump(d);
  for (auto& n : c->nodes)
    std::erase_if(n.attributes, [](const Attribute& a) { return a.name.starts_with("sysctrl"); });
  auto plain = write_model(*c, d);
  ASSERT_TRUE(plain) << dump(d);
  EXPECT_EQ(plain->files[0].mode, 0644u) << plain->files[0].contents;

  model::Resource app;
  app.id = "app";
  app.agent = {"failsafe", "", "app"};
  app.params.push_back({"passwd", "hunter2", {}});
  c->resources.push_back(app);
  c->groups.front().members.push_back("app");
  auto secret = write_model(*c, d);
  ASSERT_TRUE(secret) << dump(d);
  ASSERT_NE(secret->files[0].contents.find("set passwd to"), std::string::npos)
      << secret->files[0].contents;
  EXPECT_EQ(secret->files[0].mode, 0600u);
}

TEST(FailSafeExport, RoundRobinManualFailbackAndLocalRestarts) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {}, {}}, {"b", 2, {}, {}, {}}, {"d", 3, {}, {}, {}}};
  c.resources.push_back(resource("vip", "ocf:heartbeat:IPaddr2", {{"ip", "10.0.0.9", {}}}));
  model::ResourceGroup g;
  g.id = "g";
  g.members = {"vip"};
  g.policy.name = "rr";
  g.policy.domain = {"b", "d", "a"};
  g.policy.mode = model::PlacementMode::kRoundRobin;
  g.policy.failback = model::Failback::kManual;
  g.policy.in_place_recovery = true;
  g.policy.local_restarts = 3;
  c.groups.push_back(g);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  const std::string& text = out->files[0].contents;
  EXPECT_NE(text.find("modify resource_type IP_address in cluster c\n  set restart_mode to 1\n"
                      "  set restart_count to 3\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("define failover_policy rr\n  set attribute to Controlled_Failback\n"
                      "  set attribute to InPlace_Recovery\n  set script to round-robin\n"
                      "  set domain to b d a\ndone\n"),
            std::string::npos)
      << text;
  model::Diagnostics back_d;
  auto back = read_text(text, back_d);
  ASSERT_TRUE(back) << dump(back_d);
  const auto& p = back->groups[0].policy;
  EXPECT_EQ(p.mode, model::PlacementMode::kRoundRobin);
  EXPECT_EQ(p.failback, model::Failback::kManual);
  EXPECT_TRUE(p.in_place_recovery);
  EXPECT_EQ(p.local_restarts, 3u);
  EXPECT_EQ(back->nodes[2].id, 3u);
}

TEST(FailSafeExport, OperationsBecomeTypeActionsAndDifferencesAreLosses) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {}, {}}};
  auto r1 = resource("vip1", "ocf:heartbeat:IPaddr2", {{"ip", "10.0.0.1", {}}});
  r1.operations.push_back({"monitor", 10000, 20000, {{"start-delay", "5s", {}}}, {}});
  r1.operations.push_back({"start", std::nullopt, 30000, {}, {}});
  auto r2 = resource("vip2", "ocf:heartbeat:IPaddr2", {{"ip", "10.0.0.2", {}}});
  r2.operations.push_back({"monitor", 60000, 20000, {}, {}});
  auto r3 = resource("vip3", "ocf:heartbeat:IPaddr2", {{"ip", "10.0.0.3", {}}});
  r3.operations.push_back({"migrate_to", std::nullopt, 1000, {}, {}});
  c.resources = {r1, r2};
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(loss_codes(d), (std::map<std::string, int>{{"loss.operation", 1}})) << dump(d);
  const std::string& text = out->files[0].contents;
  EXPECT_NE(text.find("modify resource_type IP_address in cluster c\n  add action monitor\n"
                      "    set exec_time to 20000\n    set monitor_interval to 10000\n"
                      "    set monitor_time to 5000\n  done\n  add action start\n"
                      "    set exec_time to 30000\n  done\ndone\n"),
            std::string::npos)
      << text;
  // An operation FailSafe has no action for.
  c.resources = {r3};
  model::Diagnostics d3;
  ASSERT_TRUE(write_model(c, d3));
  EXPECT_EQ(loss_codes(d3), (std::map<std::string, int>{{"loss.operation", 1}})) << dump(d3);
}

TEST(FailSafeExport, SystemControllerPasswordMakesTheFilePrivateAndStaysOutOfMessages) {
  model::Diagnostics d;
  auto c = read_file(fixture("web-three-node.cmgr"), d);
  ASSERT_TRUE(c);
  model::set(c->nodes[0].attributes, "sysctrl_password", "Pa55word");
  model::Diagnostics w;
  auto out = write_model(*c, w);
  ASSERT_TRUE(out) << dump(w);
  EXPECT_EQ(out->files[0].mode, 0600u);
  for (const auto& e : w.entries()) EXPECT_EQ(e.message.find("Pa55word"), std::string::npos);
  // Without one the file is ordinary.
  auto nfs = read_file(fixture("nfs-two-node.cmgr"), d);
  ASSERT_TRUE(nfs);
  auto nfs_out = write_model(*nfs, w);
  ASSERT_TRUE(nfs_out);
  EXPECT_EQ(nfs_out->files[0].mode, 0644u);
}

model::SourceLocation at(std::uint32_t line) { return {"model.conf", line, 1}; }

const model::Diagnostic* only_loss(const model::Diagnostics& d, std::string_view code) {
  const model::Diagnostic* found = nullptr;
  for (const auto& e : d.entries())
    if (e.severity == model::Severity::kLoss && e.code == code) {
      if (found) return nullptr;
      found = &e;
    }
  return found;
}

TEST(FailSafeExport, NodeNamesFailSafeCannotHoldAreErrors) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"bad node", std::nullopt, {}, {}, {}}};
  model::Diagnostics d;
  EXPECT_FALSE(write_model(c, d));
  EXPECT_TRUE(d.has("failsafe.export-name")) << dump(d);
}

// A resource FailSafe cannot name is lost at its origin and left out (with
// its group membership and dependencies), so that what is written reads.
TEST(FailSafeExport, ResourcesFailSafeCannotNameAreLostAtTheirOrigin) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {}, {}}};
  auto vip = resource("vip", "ocf:heartbeat:IPaddr2", {{"ip", "www.example.com", {}}});
  vip.origin = at(7);
  auto fs = resource("fs", "ocf:heartbeat:Filesystem",
                     {{"device", "/dev/sdb1", {}}, {"directory", "/data", {}}});
  fs.origin = at(8);
  c.resources = {vip, fs};
  model::ResourceGroup g;
  g.id = "g";
  g.members = {"fs", "vip"};
  g.policy.domain = {"a"};
  c.groups.push_back(g);
  model::Constraint k{model::ConstraintKind::kOrder, "fs-then-vip", "fs", "vip", "", "", at(9)};
  c.constraints.push_back(k);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  const auto* lost = only_loss(d, "loss.resource");
  ASSERT_NE(lost, nullptr) << dump(d);
  EXPECT_EQ(lost->where.line, 7u);
  EXPECT_NE(lost->message.find("www.example.com"), std::string::npos) << lost->message;
  const auto* order = only_loss(d, "loss.constraint");
  ASSERT_NE(order, nullptr) << dump(d);
  EXPECT_EQ(order->where.line, 9u);
  const std::string& text = out->files[0].contents;
  EXPECT_EQ(text.find("www.example.com"), std::string::npos) << text;
  model::Diagnostics back_d;
  auto back = read_text(text, back_d);
  ASSERT_TRUE(back) << dump(back_d) << text;
  ASSERT_EQ(back->groups.size(), 1u);
  EXPECT_EQ(back->groups[0].members, (std::vector<std::string>{"filesystem-data"}));
}

// Kimberlite exports one directory to several clients, each with its own
// options; FailSafe's NFS resource is the directory itself, with one
// export-info (options, no clients). The first export is written, the
// second is a loss at its own origin, and the script reads back.
TEST(FailSafeExport, TwoExportsOfOneDirectoryWriteOneNfsResource) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {}, {}}, {"b", 2, {}, {}, {}}};
  auto staff = resource("files-nfs0", "ocf:heartbeat:exportfs",
                        {{"directory", "/srv/share/pub", at(20)},
                         {"clientspec", "@staff", at(21)},
                         {"options", "rw,sync,fsid=7", at(22)},
                         {"fsid", "7", at(22)}});
  staff.origin = at(20);
  auto world = resource("files-nfs1", "ocf:heartbeat:exportfs",
                        {{"directory", "/srv/share/pub", at(25)},
                         {"clientspec", "*", at(26)},
                         {"options", "ro", at(27)}});
  world.origin = at(25);
  c.resources = {staff, world};
  model::ResourceGroup g;
  g.id = "files";
  g.members = {"files-nfs0", "files-nfs1"};
  g.policy.domain = {"a", "b"};
  c.groups.push_back(g);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(loss_codes(d), (std::map<std::string, int>{{"loss.param", 1}, {"loss.resource", 1}}))
      << dump(d);
  const auto* second = only_loss(d, "loss.resource");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->where.line, 25u);
  EXPECT_NE(second->message.find("files-nfs0"), std::string::npos) << second->message;
  EXPECT_NE(second->message.find("options='ro'"), std::string::npos) << second->message;
  const auto* client = only_loss(d, "loss.param");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->where.line, 21u);  // @staff: FailSafe exports to every client
  const std::string& text = out->files[0].contents;
  EXPECT_NE(text.find("define resource /srv/share/pub of resource_type NFS in cluster c\n"
                      "  set export-info to rw,sync,fsid=7\ndone\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("set export-info to ro"), std::string::npos) << text;
  model::Diagnostics back_d;
  auto back = read_text(text, back_d);
  ASSERT_TRUE(back) << dump(back_d) << text;
  ASSERT_EQ(back->resources.size(), 1u);
  EXPECT_EQ(back->groups[0].members, (std::vector<std::string>{"NFS-srv_share_pub"}));
  // exportfs requires an fsid: the fsid=7 of export-info is it again.
  const auto* fsid = model::find(back->resources[0].params, "fsid");
  ASSERT_NE(fsid, nullptr);
  EXPECT_EQ(fsid->value, "7");
}

// Scripts FailSafe has no type for (a Kimberlite userScript, an LSB init
// script) are site-defined types whose action scripts FailSafe lacks: a
// loss at the resource's origin, and the script still reads back.
TEST(FailSafeExport, ScriptsWithoutAFailSafeTypeAreLostAtTheResourceOrigin) {
  for (const char* agent : {"lsb:httpd", "kimberlite:/etc/init.d/httpd"}) {
    SCOPED_TRACE(agent);
    model::Cluster c;
    c.name = "c";
    c.nodes = {{"a", 1, {}, {}, {}}};
    auto script = resource("web-script", agent, {});
    script.origin = at(74);
    c.resources = {script};
    model::ResourceGroup g;
    g.id = "web";
    g.members = {"web-script"};
    g.policy.domain = {"a"};
    c.groups.push_back(g);
    model::Diagnostics d;
    auto out = write_model(c, d);
    ASSERT_TRUE(out) << dump(d);
    const auto* lost = only_loss(d, "loss.agent");
    ASSERT_NE(lost, nullptr) << dump(d);
    EXPECT_EQ(lost->where.line, 74u);
    model::Diagnostics back_d;
    auto back = read_text(out->files[0].contents, back_d);
    ASSERT_TRUE(back) << dump(back_d) << out->files[0].contents;
    ASSERT_EQ(back->groups[0].members.size(), 1u);
  }
}

// IPaddr and IPaddr2 both become IP_address, which reads back as IPaddr2.
TEST(FailSafeExport, ARelatedAgentIsALossAtTheResourceOrigin) {
  model::Cluster c;
  c.name = "c";
  auto vip = resource("vip", "ocf:heartbeat:IPaddr", {{"ip", "10.0.0.5", {}}});
  vip.origin = at(3);
  c.resources = {vip};
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  const auto* lost = only_loss(d, "loss.agent");
  ASSERT_NE(lost, nullptr) << dump(d);
  EXPECT_EQ(lost->where.line, 3u);
  EXPECT_NE(lost->message.find("ocf:heartbeat:IPaddr2"), std::string::npos) << lost->message;
}

// Shipped types (filesystem, IP_address, NFS, ...) exist without a define:
// the writer leaves them undefined and the reader accepts them.
TEST(FailSafeExport, ShippedTypesNeedNoDefine) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {}, {}}};
  c.resources = {
      resource("vg", "ocf:heartbeat:LVM-activate", {{"vgname", "vg0", {}}}),
      resource("fs", "ocf:heartbeat:Filesystem",
               {{"device", "/dev/vg0/data", {}}, {"directory", "/data", {}}}),
      resource("nfs", "ocf:heartbeat:exportfs",
               {{"directory", "/data", {}}, {"clientspec", "*", {}}, {"options", "rw", {}}}),
      resource("ip", "ocf:heartbeat:IPaddr2", {{"ip", "10.0.0.7", {}}}),
      resource("statd", "ocf:heartbeat:nfsserver", {{"nfs_shared_infodir", "/data/.statd", {}}}),
      resource("smb", "ocf:heartbeat:smb-share", {{"share", "pub", {}}})};
  model::ResourceGroup g;
  g.id = "g";
  g.members = {"vg", "fs", "nfs", "ip", "statd", "smb"};
  g.policy.domain = {"a"};
  c.groups.push_back(g);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  const std::string& text = out->files[0].contents;
  EXPECT_EQ(text.find("define resource_type"), std::string::npos) << text;
  EXPECT_EQ(text.find("modify resource_type"), std::string::npos) << text;
  model::Diagnostics back_d;
  auto back = read_text(text, back_d);
  ASSERT_TRUE(back) << dump(back_d) << text;
  EXPECT_EQ(back_d.count(model::Severity::kWarning), 0u) << dump(back_d);
  EXPECT_EQ(back->groups[0].members.size(), 6u);
}

// No message of the writer or the reader shows a system-controller
// password (or another secret), even when the value itself is the problem.
TEST(FailSafeExport, SecretsStayOutOfEveryMessage) {
  model::Cluster c;
  c.name = "c";
  c.nodes = {{"a", 1, {}, {{"sysctrl_password", "two\nPa55", {}}}, {}}};
  auto app = resource("app", "ocf:heartbeat:IPaddr2",
                      {{"ip", "10.0.0.8", {}}, {"passwd", "Pa55", {}}});
  app.meta = {{"secret_token", "Pa55", {}}};
  c.resources = {app};
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(loss_codes(d), (std::map<std::string, int>{{"loss.value", 1},
                                                       {"loss.param", 1},
                                                       {"loss.resource-meta", 1}}))
      << dump(d);
  EXPECT_EQ(dump(d).find("Pa55"), std::string::npos) << dump(d);
}

TEST(FailSafeExport, ValuesACmgrLineCannotCarryAreLosses) {
  model::Cluster c;
  c.name = "c";
  c.resources.push_back(resource("app", "failsafe:app",
                                 {{"motd", "two\nlines", {}}, {"empty", "", {}},
                                  {"note", "a #b", {}}, {"ok", "x y", {}}}));
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(loss_codes(d), (std::map<std::string, int>{{"loss.value", 3}})) << dump(d);
  EXPECT_NE(out->files[0].contents.find("  set ok to x y\n"), std::string::npos);
}

TEST(FailSafeExport, OnlyALineBreakOrABlankBeforeAHashLosesAValue) {
  // The check passes over characters after '#' in one comparison; those at
  // or before it ('!', '"', '#', blanks, control characters) are judged in
  // full.
  model::Cluster c;
  c.name = "c";
  c.resources.push_back(resource("app", "failsafe:app",
                                 {{"hash", "a#b", {}},
                                  {"bang", "a !b", {}},
                                  {"quote", "say \"hi\"$", {}},
                                  {"tab", "a\tb", {}},
                                  {"cr", "a\rb", {}},
                                  {"tabhash", "a\t#b", {}},
                                  {"trailing", "ab\t", {}},
                                  {"high", "caf\xc3\xa9 ~{}", {}}}));
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(loss_codes(d), (std::map<std::string, int>{{"loss.value", 3}})) << dump(d);
  const auto& text = out->files[0].contents;
  for (const char* line : {"  set hash to a#b\n", "  set bang to a !b\n",
                           "  set quote to say \"hi\"$\n", "  set tab to a\tb\n",
                           "  set high to caf\xc3\xa9 ~{}\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  for (const char* field : {"set cr ", "set tabhash ", "set trailing "})
    EXPECT_EQ(text.find(field), std::string::npos) << field;
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
