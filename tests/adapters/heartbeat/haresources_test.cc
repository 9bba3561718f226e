// Every haresources form: IP shorthand, NAME::ARG::ARG for every standard
// resource.d script (through lua/heartbeat/resource_d.lua), an unknown
// script, OCF::TYPE::INSTANCE with conf/OCF parameters, plain init-script
// and site resource.d names, continuation lines and comments; and the group
// and failover policy each line becomes.
#include <gtest/gtest.h>

#include <cctype>

#include "adapters/heartbeat/haresources_parser.h"
#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

using model::Cluster;

struct Read {
  std::optional<Cluster> cluster;
  model::Diagnostics diagnostics;
};

Read read_haresources(const std::string& text,
                      std::map<std::string, std::string> extra = {}) {
  MemoryDir dir(kBaseHaCf, text);
  for (auto& [name, contents] : extra) dir.add(name, contents);
  Read r;
  r.cluster = dir.read(r.diagnostics);
  return r;
}

std::string params_of(const model::Resource& r) {
  std::string s;
  for (const auto& p : r.params) s += p.name + "=" + p.value + ";";
  return s;
}

struct ScriptCase {
  std::string word;
  std::string agent;
  std::string params;
};

class ScriptForm : public ::testing::TestWithParam<ScriptCase> {};

TEST_P(ScriptForm, MapsToOcfAgentAndBack) {
  const auto& param = GetParam();
  auto r = read_haresources("alpha " + param.word + "\n");
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  ASSERT_EQ(r.cluster->resources.size(), 1u);
  const auto& res = r.cluster->resources[0];
  EXPECT_EQ(res.agent.to_string(), param.agent);
  EXPECT_EQ(params_of(res), param.params);
  EXPECT_EQ(res.origin.line, 1u);
  EXPECT_EQ(res.origin.column, 7u);

  model::Diagnostics wd;
  auto out = write_model(*r.cluster, wd);
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(out->find("haresources")->contents, "alpha " + param.word + "\n");
  EXPECT_EQ(wd.count(model::Severity::kLoss), 0u) << dump(wd);
}

INSTANTIATE_TEST_SUITE_P(
    StandardScripts, ScriptForm,
    ::testing::Values(
        ScriptCase{"10.0.0.50", "ocf:heartbeat:IPaddr", "ip=10.0.0.50;"},
        ScriptCase{"135.9.216.3/28/eth0/135.9.216.12", "ocf:heartbeat:IPaddr",
                   "ip=135.9.216.3;cidr_netmask=28;nic=eth0;broadcast=135.9.216.12;"},
        ScriptCase{"135.9.8.7/24/135.9.8.210", "ocf:heartbeat:IPaddr",
                   "ip=135.9.8.7;cidr_netmask=24;broadcast=135.9.8.210;"},
        ScriptCase{"IPaddr::10.0.0.51/24", "ocf:heartbeat:IPaddr",
                   "ip=10.0.0.51;cidr_netmask=24;"},
        ScriptCase{"IPaddr2::10.0.0.52/24/eth1", "ocf:heartbeat:IPaddr2",
                   "ip=10.0.0.52;cidr_netmask=24;nic=eth1;"},
        ScriptCase{"IPv6addr::2001:db8:0:0:0:0:0:10/64/eth0", "ocf:heartbeat:IPv6addr",
                   "ipv6addr=2001:db8:0:0:0:0:0:10;cidr_netmask=64;nic=eth0;"},
        ScriptCase{"IPsrcaddr::10.0.0.53", "ocf:heartbeat:IPsrcaddr", "ipaddress=10.0.0.53;"},
        ScriptCase{"SendArp::10.0.0.54/eth0", "ocf:heartbeat:SendArp", "ip=10.0.0.54;nic=eth0;"},
        ScriptCase{"Filesystem::/dev/sda1::/data1::ext2", "ocf:heartbeat:Filesystem",
                   "device=/dev/sda1;directory=/data1;fstype=ext2;"},
        ScriptCase{"Filesystem::/dev/sdb1::/srv::ext4::noatime", "ocf:heartbeat:Filesystem",
                   "device=/dev/sdb1;directory=/srv;fstype=ext4;options=noatime;"},
        ScriptCase{"LVM::vg0", "ocf:heartbeat:LVM", "volgrpname=vg0;"},
        ScriptCase{"Raid1::/etc/raidtab::/dev/md0", "ocf:heartbeat:Raid1",
                   "raidconf=/etc/raidtab;raiddev=/dev/md0;"},
        ScriptCase{"MailTo::root@example.com::failover", "ocf:heartbeat:MailTo",
                   "email=root@example.com;subject=failover;"},
        ScriptCase{"Delay::5::3", "ocf:heartbeat:Delay", "startdelay=5;stopdelay=3;"},
        ScriptCase{"apache::/etc/apache2/apache2.conf", "ocf:heartbeat:apache",
                   "configfile=/etc/apache2/apache2.conf;"},
        ScriptCase{"apache", "ocf:heartbeat:apache", ""},
        ScriptCase{"Xinetd::tftp", "ocf:heartbeat:Xinetd", "service=tftp;"},
        ScriptCase{"portblock::tcp::80,443::block", "ocf:heartbeat:portblock",
                   "protocol=tcp;portno=80,443;action=block;"},
        ScriptCase{"AudibleAlarm::alpha::beta", "ocf:heartbeat:AudibleAlarm",
                   "nodelist=alpha beta;"},
        ScriptCase{"WinPopup::/etc/hosts.win", "ocf:heartbeat:WinPopup",
                   "hostfile=/etc/hosts.win;"},
        ScriptCase{"ICP::c0h1::/dev/sdc", "ocf:heartbeat:ICP", "driveid=c0h1;device=/dev/sdc;"},
        ScriptCase{"ServeRAID::1::2", "ocf:heartbeat:ServeRAID", "serveraid=1;mergegroup=2;"},
        ScriptCase{"LinuxSCSI::0:0:1:0", "ocf:heartbeat:LinuxSCSI", "scsi=0:0:1:0;"},
        ScriptCase{"WAS::9080", "ocf:heartbeat:WAS", "port=9080;"},
        ScriptCase{"WAS::/opt/was/config.xml", "ocf:heartbeat:WAS",
                   "config=/opt/was/config.xml;"},
        ScriptCase{"db2::db2inst1", "ocf:heartbeat:db2", "instance=db2inst1;"},
        ScriptCase{"ids::/opt/informix::ol_srv::onconfig.ol", "ocf:heartbeat:ids",
                   "informixdir=/opt/informix;informixserver=ol_srv;onconfig=onconfig.ol;"},
        ScriptCase{"mysite::a::b", "heartbeat:mysite", "arg1=a;arg2=b;"},
        ScriptCase{"nfs-kernel-server", "lsb:nfs-kernel-server", ""}),
    [](const auto& info) { return "form_" + std::to_string(info.index); });

// IPaddr's argument, IP[/BITS[/IFACE[/BROADCAST]]], goes through a one-match
// fast path in resource_d.lua when it has the usual IP/BITS/IFACE,
// IP/BITS/BROADCAST or IP/BITS/IFACE/BROADCAST shape and through the
// field-by-field parse otherwise. These inputs sit on both sides
// of that line (octets and bit counts at their limits, leading zeros, a third
// field that starts with a digit, empty fields); each result is what the
// field-by-field parse alone gave before the fast path existed.
TEST(Haresources, IpaddrArgumentAtTheEdgesOfTheFastPath) {
  const std::pair<std::string, std::string> cases[] = {
      {"10.0.0.1/24/eth0", "ip=10.0.0.1;cidr_netmask=24;nic=eth0;"},
      {"255.255.255.255/32/eth0:1", "ip=255.255.255.255;cidr_netmask=32;nic=eth0:1;"},
      {"0.0.0.0/0/x", "ip=0.0.0.0;cidr_netmask=0;nic=x;"},
      {"001.02.3.4/09/eth0", "ip=001.02.3.4;cidr_netmask=09;nic=eth0;"},
      {"10.0.0.1/024/eth0", "ip=10.0.0.1;cidr_netmask=024;nic=eth0;"},
      {"10.0.0.1/00032/eth0", "ip=10.0.0.1;cidr_netmask=00032;nic=eth0;"},
      {"256.0.0.1/24/eth0", "error: '256.0.0.1' is not an IPv4 address"},
      {"10.0.0.1/33/eth0", "error: netmask '33' is not a number of bits 0-32"},
      {"10.0.0.1/3a/eth0", "error: netmask '3a' is not a number of bits 0-32"},
      {"1000.0.0.1/24/eth0", "error: '1000.0.0.1' is not an IPv4 address"},
      {"10.0.0.1/24/1eth", "error: broadcast '1eth' is not an IPv4 address"},
      {"10.0.0.1/24/10.0.0.255", "ip=10.0.0.1;cidr_netmask=24;broadcast=10.0.0.255;"},
      {"10.0.0.1/24/eth0/10.0.0.255",
       "ip=10.0.0.1;cidr_netmask=24;nic=eth0;broadcast=10.0.0.255;"},
      {"10.0.0.1/24/eth0/", "ip=10.0.0.1;cidr_netmask=24;nic=eth0;"},
      {"10.0.0.1/24//10.0.0.255", "error: empty interface field in '10.0.0.1/24//10.0.0.255'"},
      {"10.0.0.1//eth0", "error: netmask '' is not a number of bits 0-32"},
      {"10.0.0.1/24/eth0/x/y",
       "error: too many '/' fields in '10.0.0.1/24/eth0/x/y' (IP/BITS/IFACE/BROADCAST)"},
      {"10.0.0/24/eth0", "error: '10.0.0' is not an IPv4 address"},
      {"10.0.0.1/24/", "ip=10.0.0.1;cidr_netmask=24;"},
      {"10.0.0.1/24/eth0/256.1.1.1", "error: broadcast '256.1.1.1' is not an IPv4 address"},
      {"10.0.0.1/24/10.0.0.255/eth0",
       "error: a broadcast address cannot be followed by another field"},
      {"10.0.0.1/32/255.255.255.255", "ip=10.0.0.1;cidr_netmask=32;broadcast=255.255.255.255;"},
      {"10.0.0.1/24/10.0.0.256", "error: broadcast '10.0.0.256' is not an IPv4 address"},
      {"10.0.0.1/33/10.0.0.255", "error: netmask '33' is not a number of bits 0-32"},
      {"10.0.0.1/024/010.000.000.255", "ip=10.0.0.1;cidr_netmask=024;broadcast=010.000.000.255;"},
      // IP/BITS/IFACE/BROADCAST, as written from FailSafe's and Kimberlite's
      // address resources, has a fast path of its own.
      {"10.0.0.1/24/eth0:1/255.255.255.255",
       "ip=10.0.0.1;cidr_netmask=24;nic=eth0:1;broadcast=255.255.255.255;"},
      {"10.0.0.1/024/eth0/10.0.0.255", "ip=10.0.0.1;cidr_netmask=024;nic=eth0;broadcast=10.0.0.255;"},
      {"10.0.0.1/24/eth0/010.000.000.255",
       "ip=10.0.0.1;cidr_netmask=24;nic=eth0;broadcast=010.000.000.255;"},
      {"10.0.0.1/24/eth0/10.0.0.256", "error: broadcast '10.0.0.256' is not an IPv4 address"},
      {"10.0.0.1/33/eth0/10.0.0.255", "error: netmask '33' is not a number of bits 0-32"},
      {"0.0.0.0/0/e/0.0.0.0", "ip=0.0.0.0;cidr_netmask=0;nic=e;broadcast=0.0.0.0;"},
      {"256.0.0.1/24/eth0/10.0.0.255", "error: '256.0.0.1' is not an IPv4 address"},
      {"10.0.0.1/24/eth0/10.0.0", "error: broadcast '10.0.0' is not an IPv4 address"},
      {"10.0.0.1/24/eth0/10.0.0.255/",
       "error: too many '/' fields in '10.0.0.1/24/eth0/10.0.0.255/' (IP/BITS/IFACE/BROADCAST)"},
      {"10.0.0.1/24/eth0/1.2.3.4x", "error: broadcast '1.2.3.4x' is not an IPv4 address"},
      {"10.0.0.1/2/eth0/1.2.3.4", "ip=10.0.0.1;cidr_netmask=2;nic=eth0;broadcast=1.2.3.4;"},
      {"10.0.0.1/24/-eth/1.2.3.4", "ip=10.0.0.1;cidr_netmask=24;nic=-eth;broadcast=1.2.3.4;"},
      // The head IP/BITS/ matched, no tail form did: the general path says why.
      {"10.0.0.1/24/9eth/1.2.3.4", "error: a broadcast address cannot be followed by another field"},
      {"10.0.0.1/24/1.2.3.4/eth0", "error: a broadcast address cannot be followed by another field"},
      {"10.0.0.1/24/eth0/1.2.3.4/x",
       "error: too many '/' fields in '10.0.0.1/24/eth0/1.2.3.4/x' (IP/BITS/IFACE/BROADCAST)"},
      {"10.0.0.1/24/eth0/eth1", "error: broadcast 'eth1' is not an IPv4 address"},
  };
  for (const auto& [argument, expected] : cases) {
    SCOPED_TRACE(argument);
    auto r = read_haresources("alpha IPaddr::" + argument + "\n");
    std::string got;
    for (const auto& e : r.diagnostics.entries())
      if (e.severity == model::Severity::kError && e.code == "hares.bad-arguments")
        got = "error: " + e.message.substr(std::string("IPaddr: ").size());
    if (got.empty()) {
      ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
      ASSERT_EQ(r.cluster->resources.size(), 1u);
      got = params_of(r.cluster->resources[0]);
    }
    EXPECT_EQ(got, expected) << dump(r.diagnostics);
  }
}

// parse_haresources only checks each resource word (it builds no spec):
// it reports exactly what parse_resource reports for the word, and
// parse_resource gives a spec exactly when it reports nothing.
TEST(Haresources, TheLineCheckOfAWordIsParseResource) {
  for (const char* word :
       {"10.0.0.1", "10.0.0.1/24/eth0", "httpd", "IPaddr::10.0.0.1", "::x", "a::", "a::::b",
        "a::b::", "OCF::Dummy::one", "OCF::Dummy", "OCF::", "OCF::a::b::c", "OCF::a::b::c::d",
        "OCF::::b", "Filesystem::/dev/sdb1::/srv::ext4", "x::y::z::w::v", "OCFx::a",
        "1.2.3.4::x"}) {
    SCOPED_TRACE(word);
    model::Diagnostics line, alone;
    parse_haresources(std::string("alpha ") + word + "\n", "haresources", {"alpha"}, line);
    auto spec = parse_resource({word, 1, 7}, "haresources", alone);
    EXPECT_EQ(dump(line), dump(alone));
    EXPECT_EQ(spec.has_value(), alone.entries().empty());
  }
  model::Diagnostics d;
  auto spec = parse_resource({"Filesystem::/dev/sdb1::/srv::ext4", 3, 5}, "h", d);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->form, ResourceSpec::Form::kScript);
  EXPECT_EQ(spec->script, "Filesystem");
  ASSERT_EQ(spec->args.size(), 3u);
  EXPECT_EQ(spec->args[1].text, "/srv");
  EXPECT_EQ(spec->args[1].column, 5u + 23u);
  auto third = parse_resource({"OCF::a::b::c", 1, 1}, "h", d);
  EXPECT_FALSE(third);
  EXPECT_EQ(d.entries().back().where.column, 12u);
}

// The in-place parse (the importer's, one ResourceView refilled per word)
// gives what parse_resource gives, word after word, and fails where it does.
TEST(Haresources, ParseInPlaceIsParseResource) {
  ResourceView view;
  for (const char* text :
       {"Filesystem::/dev/sdb1::/srv::ext4", "10.0.0.1/24/eth0", "httpd", "IPaddr::10.0.0.1",
        "::x", "a::", "OCF::Dummy::one", "OCF::a::b::c", "x::y::z::w::v", "apache",
        "1.2.3.4::x", "MailTo::ops@example.com::subject with no break"}) {
    SCOPED_TRACE(text);
    const Word word{text, 4, 9};
    model::Diagnostics copied, viewed;
    auto spec = parse_resource(word, "haresources", copied);
    bool ok = parse_resource(word, "haresources", viewed, view);
    EXPECT_EQ(dump(copied), dump(viewed));
    ASSERT_EQ(spec.has_value(), ok);
    if (!ok) continue;
    EXPECT_EQ(spec->form, view.form);
    EXPECT_EQ(spec->script, view.script);
    ASSERT_EQ(spec->args.size(), view.args.size());
    for (std::size_t i = 0; i < view.args.size(); ++i) {
      EXPECT_EQ(spec->args[i].text, view.args[i].text);
      EXPECT_EQ(spec->args[i].line, view.args[i].line);
      EXPECT_EQ(spec->args[i].column, view.args[i].column);
    }
  }
}

// Node names compare ASCII case-insensitively, as std::tolower does in the
// C locale the program runs in: every pair of bytes.
TEST(Haresources, AsciiCaseFoldingIsTolower) {
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) {
      std::string x(1, static_cast<char>(a)), y(1, static_cast<char>(b));
      ASSERT_EQ(ascii_iequals(x, y), std::tolower(a) == std::tolower(b)) << a << " " << b;
    }
  EXPECT_TRUE(ascii_iequals("Node1", "nODE1"));
  EXPECT_FALSE(ascii_iequals("node1", "node10"));
  EXPECT_FALSE(ascii_iequals("node[", "node{"));
  EXPECT_TRUE(ascii_iequals("", ""));
}

// looks_like_ip tests digits as ASCII, as std::isdigit does in the C
// locale: every byte, at each place where a digit decides the answer.
TEST(Haresources, IpShorthandDigitsAreIsdigit) {
  for (int b = 0; b < 256; ++b) {
    std::string c(1, static_cast<char>(b));
    bool digit = std::isdigit(b) != 0;
    for (const std::string& word : {c + ".1.2.3", "1." + c + ".2.3", "1.2." + c + ".3",
                                    "1.2.3." + c})
      ASSERT_EQ(looks_like_ip(word), digit) << b << " " << word;
    ASSERT_FALSE(looks_like_ip("1.2.3" + c)) << b;
    ASSERT_FALSE(looks_like_ip(c)) << b;
  }
  for (const char* word : {"10.0.0.1", "10.0.0.1/24/eth0", "1..2.3.4", "9.x.8.y.7.z.6"})
    EXPECT_TRUE(looks_like_ip(word)) << word;
  for (const char* word : {"1.2.3", "a1.2.3.4", "", "1.2.3.", "1.a.b.c"})
    EXPECT_FALSE(looks_like_ip(word)) << word;
}

TEST(Haresources, LineBecomesGroupPreferringItsNode) {
  MemoryDir dir("logfacility local0\ndeadtime 10\nnode alpha\nnode beta gamma\nbcast eth0\n"
                "auto_failback off\n",
                "beta 10.0.0.50 apache\nalpha 10.0.0.60\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  ASSERT_EQ(c->groups.size(), 2u);
  const auto& g = c->groups[0];
  EXPECT_EQ(g.id, "group_1");
  EXPECT_EQ(g.members, (std::vector<std::string>{"IPaddr_10.0.0.50", "apache"}));
  EXPECT_EQ(g.policy.domain, (std::vector<std::string>{"beta", "alpha", "gamma"}));
  EXPECT_EQ(g.policy.failback, model::Failback::kManual);
  EXPECT_EQ(g.policy.mode, model::PlacementMode::kOrdered);
  EXPECT_EQ(c->groups[1].policy.domain, (std::vector<std::string>{"alpha", "beta", "gamma"}));
  model::Diagnostics check;
  model::check(*c, check);
  EXPECT_FALSE(check.has_errors()) << dump(check);
}

TEST(Haresources, NodeNamesCompareCaseInsensitively) {
  auto r = read_haresources("ALPHA 10.0.0.50\n");
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  EXPECT_EQ(r.cluster->groups[0].policy.domain[0], "alpha");
}

TEST(Haresources, ContinuationLinesAndComments) {
  auto r = read_haresources(
      "# web service\n"
      "alpha 10.0.0.50 \\\n"
      "      Filesystem::/dev/sdb1::/srv::ext4 \\\n"
      "      apache   # the web server\n"
      "\n"
      "beta 10.0.0.60\n");
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  ASSERT_EQ(r.cluster->groups.size(), 2u);
  EXPECT_EQ(r.cluster->groups[0].members.size(), 3u);
  const auto* fs = r.cluster->find_resource(r.cluster->groups[0].members[1]);
  ASSERT_NE(fs, nullptr);
  EXPECT_EQ(fs->origin.line, 3u);
  EXPECT_EQ(fs->origin.column, 7u);
  model::Diagnostics wd;
  auto out = write_model(*r.cluster, wd);
  ASSERT_TRUE(out) << dump(wd);
  const auto& text = out->find("haresources")->contents;
  EXPECT_EQ(text,
            "# web service\n"
            "alpha 10.0.0.50 \\\n\tFilesystem::/dev/sdb1::/srv::ext4 \\\n\tapache "
            "# the web server\n"
            "\n"
            "beta 10.0.0.60\n");
}

TEST(Haresources, OcfInstanceReadsConfFile) {
  // resource.d/OCF sources the file and exports what it assigns; an agent
  // reads parameter P from OCF_RESKEY_P.
  auto r = read_haresources("alpha OCF::IPaddr2::web_ip\n",
                            {{"conf/OCF/IPaddr2/web_ip",
                              "# instance\nOCF_RESKEY_ip=10.0.0.70\n"
                              "  OCF_RESKEY_cidr_netmask=\"24\"  # bits\n"
                              "export OCF_RESKEY_ip\n"
                              "OCF_RESKEY_nic='eth 0'\\''s'\n"}});
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  for (const auto& e : r.diagnostics.entries())
    EXPECT_NE(e.code.rfind("hares.", 0), 0u) << e.to_string();
  const auto& res = r.cluster->resources.at(0);
  EXPECT_EQ(res.id, "web_ip");
  EXPECT_EQ(res.agent.to_string(), "ocf:heartbeat:IPaddr2");
  EXPECT_EQ(params_of(res), "ip=10.0.0.70;cidr_netmask=24;nic=eth 0's;");
  EXPECT_EQ(res.params[0].origin.line, 2u);
  EXPECT_EQ(res.params[1].origin.column, 3u);
  EXPECT_NE(res.params[0].origin.file.find("conf/OCF/IPaddr2/web_ip"), std::string::npos);
}

TEST(Haresources, OcfInstanceVariableThatIsNoParameterIsKeptAsAnExtension) {
  auto r = read_haresources("alpha OCF::Dummy::d1\n",
                            {{"conf/OCF/Dummy/d1", "OCF_RESKEY_state=/run/d1\nLANG=C\n"
                                                   "OCF_RESKEY_x=$HOME\nsleep 1\n"}});
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  EXPECT_EQ(params_of(r.cluster->resources.at(0)), "state=/run/d1;x=$HOME;");
  EXPECT_TRUE(r.diagnostics.has("hares.ocf-not-parameter"));
  EXPECT_TRUE(r.diagnostics.has("hares.ocf-expansion"));
  EXPECT_TRUE(r.diagnostics.has("hares.ocf-line"));  // "sleep 1"
  const auto* env = find_extension(*r.cluster, "env:LANG", "resource:d1");
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->value, "C");
  // Written back into the instance file, as heartbeat needs it.
  model::Diagnostics wd;
  auto out = write_model(*r.cluster, wd);
  ASSERT_TRUE(out) << dump(wd);
  const auto* file = out->find("conf/OCF/Dummy/d1");
  ASSERT_NE(file, nullptr);
  EXPECT_NE(file->contents.find("\nOCF_RESKEY_state=/run/d1\nOCF_RESKEY_x='$HOME'\nLANG=C\n"),
            std::string::npos)
      << file->contents;
}

TEST(Haresources, OcfInstanceWithoutConfFileWarns) {
  auto r = read_haresources("alpha OCF::Dummy::d1\n");
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  EXPECT_TRUE(r.diagnostics.has("hares.ocf-instance-missing"));
  model::Diagnostics wd;
  auto out = write_model(*r.cluster, wd);
  ASSERT_TRUE(out) << dump(wd);
  EXPECT_EQ(out->find("haresources")->contents, "alpha OCF::Dummy::d1\n");
  // The wrapper refuses to run without the file, so an empty one is written.
  ASSERT_NE(out->find("conf/OCF/Dummy/d1"), nullptr);
  model::Diagnostics rd;
  ASSERT_TRUE(reread(*out, rd)) << dump(rd);
  EXPECT_FALSE(rd.has("hares.ocf-instance-missing"));
}

TEST(Haresources, SiteResourceDScriptIsHeartbeatClass) {
  auto r = read_haresources("alpha mysvc\n", {{"resource.d/mysvc", "#!/bin/sh\n"}});
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  EXPECT_EQ(r.cluster->resources[0].agent.to_string(), "heartbeat:mysvc");
}

TEST(Haresources, SiteQuirkFileMapsASiteScript) {
  MemoryDir dir(kBaseHaCf, "alpha backup::nightly::/srv\n");
  dir.env().add("/site/heartbeat/site.lua",
                "return { resource_d = { backup = { agent = 'ocf:site:Backup',\n"
                "  params = { 'schedule', 'path' }, min = 2, max = 2 } } }\n");
  model::Diagnostics d;
  auto c = dir.read(d, "/site");
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->resources[0].agent.to_string(), "ocf:site:Backup");
  EXPECT_EQ(params_of(c->resources[0]), "schedule=nightly;path=/srv;");
  // Without the site file the same word is an opaque heartbeat script.
  MemoryDir plain(kBaseHaCf, "alpha backup::nightly::/srv\n");
  model::Diagnostics pd;
  auto p = plain.read(pd);
  ASSERT_TRUE(p) << dump(pd);
  EXPECT_EQ(p->resources[0].agent.to_string(), "heartbeat:backup");
  EXPECT_EQ(params_of(p->resources[0]), "arg1=nightly;arg2=/srv;");
}

TEST(Haresources, ResourceIdsAreUnique) {
  auto r = read_haresources("alpha 10.0.0.50\nbeta 10.0.0.50\n");
  ASSERT_TRUE(r.cluster) << dump(r.diagnostics);
  EXPECT_EQ(r.cluster->resources[0].id, "IPaddr_10.0.0.50");
  EXPECT_EQ(r.cluster->resources[1].id, "IPaddr_10.0.0.50_2");
}

TEST(Haresources, PacemakerOnIgnoresHaresources) {
  MemoryDir dir(std::string(kBaseHaCf) + "crm respawn\n", "alpha 10.0.0.50\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_TRUE(c->groups.empty());
  EXPECT_TRUE(d.has("hares.ignored"));
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
