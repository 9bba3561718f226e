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
  EXPECT_TRUE(has_loss(d, "loss.operation", 13));
  EXPECT_TRUE(has_loss(d, "loss.agent", 14));      // ocf:pacemaker:Stateful
  // Parameters travel in conf/OCF/TYPE/INSTANCE: lvs_support (no IPaddr2
  // argument for it) and Dummy's state are not lost.
  EXPECT_FALSE(d.has("loss.parameter")) << dump(d);
  EXPECT_TRUE(d.has("export.ocf-form"));  // web_ip: not in IPaddr2's form
  EXPECT_TRUE(has_loss(d, "loss.domain-order", 16));
  EXPECT_TRUE(has_loss(d, "loss.round-robin", 16));
  EXPECT_TRUE(has_loss(d, "loss.local-restarts", 16));
  EXPECT_TRUE(has_loss(d, "loss.in-place-recovery", 16));
  EXPECT_TRUE(has_loss(d, "loss.failback", 17));
  EXPECT_TRUE(has_loss(d, "loss.constraint", 18));
  EXPECT_TRUE(has_loss(d, "loss.group", 17));  // "other" has no resources
  // FailSafe's extensions are the bridge's to report (once), not the adapter's.
  EXPECT_FALSE(d.has("loss.extension"));
  adapter::report_foreign_extensions(rich_model(), "heartbeat", d);
  std::size_t extension_losses = 0;
  for (const auto& e : d.of(model::Severity::kLoss)) extension_losses += e.code == "loss.extension";
  EXPECT_EQ(extension_losses, 1u) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.extension", 19));

  EXPECT_EQ(out->find("haresources")->contents,
            "n2 OCF::IPaddr2::web_ip OCF::Dummy::custom\n");
  const auto* ip_file = out->find("conf/OCF/IPaddr2/web_ip");
  ASSERT_NE(ip_file, nullptr);
  EXPECT_EQ(ip_file->mode, 0600u);
  EXPECT_NE(ip_file->contents.find("OCF_RESKEY_ip=10.0.0.80\nOCF_RESKEY_cidr_netmask=24\n"
                                   "OCF_RESKEY_lvs_support=true\n"),
            std::string::npos)
      << ip_file->contents;
  ASSERT_NE(out->find("conf/OCF/Dummy/custom"), nullptr);
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

// Nodes a and b, one broadcast channel, an md5 key: what a directory needs
// besides resources.
model::Cluster nodes_a_b() {
  model::Cluster c;
  c.nodes.push_back({"a", {}, {}, {}, {}});
  c.nodes.push_back({"b", {}, {}, {}, {}});
  model::Channel ch;
  ch.interface = "eth0";
  c.channels.push_back(ch);
  c.auth.active = 2;
  c.auth.keys.push_back({2, "md5", "x", {}});
  return c;
}

TEST(Export, HeartbeatScriptAndInitScriptResources) {
  model::Cluster c = nodes_a_b();
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

// A resource no group names gets its own line preferring the first node; a
// group's member that names no resource is skipped; a resource whose id
// repeats a grouped resource's id counts as grouped (members name ids).
TEST(Export, UngroupedResourcesAndRepeatedIds) {
  model::Cluster c = nodes_a_b();
  auto init = [](std::string id, std::string type) {
    model::Resource r;
    r.id = std::move(id);
    r.agent = {"lsb", "", std::move(type)};
    return r;
  };
  c.resources = {init("u", "cron"), init("s", "postfix"), init("s", "exim"), init("v", "ntpd"),
                 init("w", "sshd"), init("w", "rsyncd")};
  model::ResourceGroup g;
  g.id = "g";
  g.members = {"missing", "s", "s"};
  g.policy.domain = {"b", "a"};
  c.groups.push_back(g);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents,
            "b postfix postfix\na cron\na ntpd\na sshd\na rsyncd\n");
  std::vector<std::string> ungrouped;
  for (const auto& e : d.entries())
    if (e.code == "export.ungrouped") ungrouped.push_back(e.message.substr(0, 10));
  EXPECT_EQ(ungrouped, (std::vector<std::string>{"resource u", "resource v", "resource w",
                                                 "resource w"}))
      << dump(d);
}

// ---- media

// Two nodes, authentication, and what each test adds.
model::Cluster two_nodes() {
  model::Cluster c;
  c.nodes.push_back({"venus", {}, {}, {}, here(1)});
  c.nodes.push_back({"mars", {}, {}, {}, here(2)});
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "k3y", here(3)});
  return c;
}

// FailSafe's nic: a node's own address, no interface.
model::Channel nic(std::string node, std::string address, std::uint32_t line) {
  model::Channel ch;
  ch.kind = model::ChannelKind::kUnicast;
  ch.node = std::move(node);
  ch.address = std::move(address);
  ch.priority = 1;
  ch.origin = here(line);
  return ch;
}

// Writes through the adapter with a site quirk file (a --quirks DIR).
std::optional<io::Output> write_with_quirk(const model::Cluster& c, const std::string& lua,
                                           model::Diagnostics& d) {
  MemoryDir dir;
  dir.env().add("/site/heartbeat/site.lua", lua);
  adapter::Context context(dir.env(), {lua_dir(), "/site"});
  return heartbeat_adapter().write(c, context, d);
}

const model::Diagnostic* find(const model::Diagnostics& d, std::string_view code) {
  for (const auto& e : d.entries())
    if (e.code == code) return &e;
  return nullptr;
}

TEST(ExportMedia, PerNodeAddressesBecomeUcastLinesOnTheQuirksInterface) {
  auto c = two_nodes();
  c.channels = {nic("venus", "192.168.1.1", 8), nic("mars", "192.168.1.2", 17)};
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  // One line per node address: heartbeat ignores a ucast to its own address,
  // so both nodes can run this same ha.cf.
  const auto& hacf = out->find("ha.cf")->contents;
  EXPECT_NE(hacf.find("ucast\teth0 192.168.1.1\nucast\teth0 192.168.1.2\n"), std::string::npos)
      << hacf;
  const auto* warning = find(d, "export.default-interface");
  ASSERT_NE(warning, nullptr) << dump(d);
  EXPECT_EQ(warning->severity, model::Severity::kWarning);
  EXPECT_EQ(warning->where.line, 8u);
  EXPECT_NE(warning->message.find("media.default_interface"), std::string::npos);
  EXPECT_NE(warning->message.find("media.lua"), std::string::npos);
  for (std::uint32_t line : {8u, 17u}) {
    EXPECT_TRUE(has_loss(d, "loss.channel-node", line)) << dump(d);
    EXPECT_TRUE(has_loss(d, "loss.channel-priority", line));
    EXPECT_FALSE(has_loss(d, "loss.channel", line));
  }
  model::Diagnostics rd;
  auto back = reread(*out, rd);
  ASSERT_TRUE(back) << dump(rd);
  ASSERT_EQ(back->channels.size(), 2u);
  EXPECT_EQ(back->channels[1].interface, "eth0");
  EXPECT_EQ(back->channels[1].address, "192.168.1.2");
  EXPECT_TRUE(back->channels[1].node.empty());
}

TEST(ExportMedia, ASiteQuirkNamesTheInterface) {
  auto c = two_nodes();
  c.channels = {nic("venus", "10.9.0.1", 8)};
  model::Diagnostics d;
  auto out = write_with_quirk(c, "return { media = { default_interface = 'bond0' } }\n", d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_NE(out->find("ha.cf")->contents.find("ucast\tbond0 10.9.0.1\n"), std::string::npos);
  EXPECT_NE(find(d, "export.default-interface")->message.find("/site/heartbeat/site.lua"),
            std::string::npos);
}

TEST(ExportMedia, WithoutAUsableQuirkTheChannelIsLostAndNoMediumIsAnError) {
  auto c = two_nodes();
  c.channels = {nic("venus", "10.9.0.1", 8), nic("mars", "10.9.0.2", 9)};
  model::Diagnostics d;
  EXPECT_FALSE(write_with_quirk(c, "return { media = { default_interface = 'eth 0' } }\n", d));
  EXPECT_TRUE(d.has("quirks.bad-entry")) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.channel", 8));
  EXPECT_TRUE(has_loss(d, "loss.channel", 9));
  EXPECT_FALSE(d.has("export.default-interface"));
  const auto* error = find(d, "export.rejected");
  ASSERT_NE(error, nullptr) << dump(d);
  EXPECT_NE(error->message.find("hacf.no-media"), std::string::npos) << error->message;
}

TEST(ExportMedia, NoChannelAtAllBecomesABroadcastOnTheQuirksInterface) {
  // heartbeat -> FailSafe -> heartbeat: FailSafe kept no medium of heartbeat's.
  auto c = two_nodes();
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_NE(out->find("ha.cf")->contents.find("bcast\teth0\n"), std::string::npos)
      << out->find("ha.cf")->contents;
  const auto* warning = find(d, "export.default-medium");
  ASSERT_NE(warning, nullptr) << dump(d);
  EXPECT_NE(warning->message.find("media.default_interface"), std::string::npos);

  model::Diagnostics q;
  auto site = write_with_quirk(c, "return { media = { default_interface = 'bond1' } }\n", q);
  ASSERT_TRUE(site) << dump(q);
  EXPECT_NE(site->find("ha.cf")->contents.find("bcast\tbond1\n"), std::string::npos);
}

TEST(ExportMedia, OneChannelWrittenIsEnough) {
  // A disk channel cannot be written, the nic can: no error.
  auto c = two_nodes();
  model::Channel disk;
  disk.kind = model::ChannelKind::kDisk;
  disk.device = "/dev/raw/raw1";
  disk.origin = here(20);
  c.channels = {disk, nic("venus", "10.9.0.1", 8)};
  model::Diagnostics d;
  ASSERT_TRUE(write_model(c, d)) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.channel", 20));
}

TEST(ExportMedia, TheSameMediumOfSeveralNodesIsWrittenOnce) {
  // Kimberlite: each member lists eth1 and its serial line.
  auto c = two_nodes();
  for (const char* node : {"venus", "mars"}) {
    model::Channel b;
    b.node = node;
    b.interface = "eth1";
    b.origin = here(node[0] == 'v' ? 30 : 31);
    model::Channel s;
    s.kind = model::ChannelKind::kSerial;
    s.node = node;
    s.device = "/dev/ttyS1";
    s.origin = here(node[0] == 'v' ? 32 : 33);
    c.channels.push_back(b);
    c.channels.push_back(s);
  }
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  const auto& hacf = out->find("ha.cf")->contents;
  EXPECT_EQ(hacf, "node\tvenus\nnode\tmars\nbcast\teth1\nserial\t/dev/ttyS1\n") << hacf;
  for (std::uint32_t line : {30u, 31u, 32u, 33u})
    EXPECT_TRUE(has_loss(d, "loss.channel-node", line)) << line;
}

// ---- layout through another product

TEST(ExportLayout, ALineOfSeveralInterfacesOrNodesComesBackAsOneLine) {
  MemoryDir dir("node\talpha beta\nbcast\teth0 eth1\nserial\t/dev/ttyS0 /dev/ttyS1\n"
                "auto_failback\ton\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  // Another product keeps the extensions but not the origins (ocf-xml
  // reads them from its own lines).
  std::uint32_t line = 100;
  for (auto& n : c->nodes) n.origin = {"cluster.xml", line++, 1};
  for (auto& ch : c->channels) ch.origin = {"cluster.xml", line++, 1};
  model::Diagnostics wd;
  auto out = write_model(*c, wd);
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(out->find("ha.cf")->contents,
            "node\talpha beta\nbcast\teth0 eth1\nserial\t/dev/ttyS0 /dev/ttyS1\n"
            "auto_failback\ton\n");
  model::Diagnostics rd;
  auto back = reread(*out, rd);
  ASSERT_TRUE(back) << dump(rd);
  EXPECT_TRUE(semantically_equal(*back, *c) && back->extensions == c->extensions);
}

// ---- resources

model::Resource resource(std::string id, model::AgentRef agent, model::Attributes params,
                         std::uint32_t line) {
  model::Resource r;
  r.id = std::move(id);
  r.agent = std::move(agent);
  r.params = std::move(params);
  r.origin = here(line);
  return r;
}

model::Cluster with_group(std::vector<model::Resource> resources) {
  auto c = two_nodes();
  model::Channel ch;
  ch.interface = "eth0";
  c.channels.push_back(ch);
  model::ResourceGroup g;
  g.id = "g";
  g.policy.domain = {"venus", "mars"};
  g.origin = here(40);
  for (const auto& r : resources) g.members.push_back(r.id);
  c.resources = std::move(resources);
  c.groups.push_back(g);
  return c;
}

TEST(ExportResources, OcfParametersTravelInTheInstanceFile) {
  auto c = with_group(
      {resource("home-export", {"ocf", "heartbeat", "exportfs"},
                {{"directory", "/export/home", here(42)},
                 {"clientspec", "*.example.com", here(43)},
                 {"options", "rw,sync", here(44)},
                 {"fsid", "it's 1", here(45)}},
                41)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents, "venus OCF::exportfs::home-export\n");
  const auto* file = out->find("conf/OCF/exportfs/home-export");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->contents,
            "# OCF::exportfs::home-export: parameters of the OCF agent, sourced by "
            "/etc/ha.d/resource.d/OCF\n"
            "OCF_RESKEY_directory=/export/home\n"
            "OCF_RESKEY_clientspec='*.example.com'\n"
            "OCF_RESKEY_options=rw,sync\n"
            "OCF_RESKEY_fsid='it'\\''s 1'\n");
  model::Diagnostics rd;
  auto back = reread(*out, rd);
  ASSERT_TRUE(back) << dump(rd);
  ASSERT_EQ(back->resources.size(), 1u);
  EXPECT_EQ(back->resources[0].id, "home-export");
  EXPECT_EQ(back->resources[0].agent.to_string(), "ocf:heartbeat:exportfs");
  EXPECT_EQ(back->resources[0].params, c.resources[0].params);
}

TEST(ExportResources, WhatAnInstanceFileCannotHoldIsLost) {
  auto c = with_group({resource("d", {"ocf", "heartbeat", "Dummy"},
                                {{"state", "/run/d", here(42)},
                                 {"banner", "two\nlines", here(43)},
                                 {"bad-name", "x", here(44)}},
                                41)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_TRUE(has_loss(d, "loss.parameter", 43));
  EXPECT_TRUE(has_loss(d, "loss.parameter", 44));
  EXPECT_FALSE(has_loss(d, "loss.parameter", 42));
  EXPECT_EQ(out->find("conf/OCF/Dummy/d")->contents.find("banner"), std::string::npos);
}

TEST(ExportResources, AnIdThatIsNoFileNameGetsAnInstanceNameOfItsOwn) {
  auto c = with_group({resource("web:ip", {"ocf", "heartbeat", "Dummy"}, {}, 41),
                       resource("web/ip", {"ocf", "heartbeat", "Dummy"}, {}, 42)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents,
            "venus OCF::Dummy::web_ip OCF::Dummy::web_ip_2\n");
  EXPECT_NE(out->find("conf/OCF/Dummy/web_ip_2"), nullptr);
  EXPECT_TRUE(d.has("export.instance-name"));
}

TEST(ExportResources, ScriptFormWhenItCarriesEveryParameterElseTheOcfForm) {
  auto c = with_group(
      {resource("fs1", {"ocf", "heartbeat", "Filesystem"},
                {{"device", "/dev/sdb1", here(42)}, {"directory", "/srv", here(42)},
                 {"fstype", "ext3", here(42)}},
                42),
       // no fstype: Filesystem's positional arguments cannot skip it
       resource("fs2", {"ocf", "heartbeat", "Filesystem"},
                {{"device", "/dev/sdc1", here(43)}, {"directory", "/data", here(43)},
                 {"options", "noatime", here(43)}},
                43),
       // MailTo needs the address first
       resource("mail", {"ocf", "heartbeat", "MailTo"}, {{"subject", "hello", here(44)}}, 44)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents,
            "venus Filesystem::/dev/sdb1::/srv::ext3 OCF::Filesystem::fs2 OCF::MailTo::mail\n");
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  model::Diagnostics rd;
  auto back = reread(*out, rd);
  ASSERT_TRUE(back) << dump(rd);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(back->resources[i].params, c.resources[i].params);
}

TEST(ExportResources, AHeartbeatScriptIsNeverWrittenWithArgumentsItsReaderRejects) {
  // ocf-xml's full.xml: heartbeat:MailTo with Pacemaker's positional names.
  auto c = with_group({resource("mail", {"heartbeat", "", "MailTo"},
                                {{"1", "ops@example.com", here(42)},
                                 {"2", "line one\nline\ttwo", here(43)}},
                                41),
                       resource("bare", {"heartbeat", "", "MailTo"}, {}, 44)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents, "venus MailTo::ops@example.com\n");
  EXPECT_TRUE(has_loss(d, "loss.parameter", 43));
  EXPECT_TRUE(has_loss(d, "loss.agent", 41));     // read back as ocf:heartbeat:MailTo
  EXPECT_TRUE(has_loss(d, "loss.resource", 44));  // MailTo with no address: not written
  model::Diagnostics rd;
  ASSERT_TRUE(reread(*out, rd)) << dump(rd);
}

TEST(ExportResources, InitScriptsByNameBothWays) {
  auto c = with_group({resource("httpd", {"lsb", "", "httpd"}, {}, 41),
                       resource("apache", {"lsb", "", "apache"}, {}, 42),
                       resource("path", {"lsb", "", "/etc/init.d/httpd"}, {}, 43)});
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_EQ(out->find("haresources")->contents, "venus httpd\n");
  // resource.d/apache (heartbeat's own) would run instead of the init script.
  EXPECT_TRUE(has_loss(d, "loss.agent", 42));
  EXPECT_TRUE(has_loss(d, "loss.agent", 43));
  model::Diagnostics rd;
  auto back = reread(*out, rd);
  ASSERT_TRUE(back) << dump(rd);
  EXPECT_EQ(back->resources.at(0).agent.to_string(), "lsb:httpd");
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
