// Every ha.cf directive heartbeat 3.0.6 knows (and the spec lists) is read
// without error, lands in the model (a model field, or a heartbeat
// Extension holding its arguments), and is written back by export.
#include <functional>

#include <gtest/gtest.h>

#include "adapters/heartbeat/hacf_parser.h"
#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

using model::ChannelKind;
using model::Cluster;

struct DirectiveCase {
  std::string name;
  std::string line;  // appended to the base ha.cf
  std::function<void(const Cluster&)> check;
  std::string written;  // a line the exported ha.cf must contain
};

// The directive kept as an Extension with exactly these arguments.
std::function<void(const Cluster&)> extension(std::string key, std::string value) {
  return [=](const Cluster& c) {
    const auto* e = find_extension(c, key);
    ASSERT_NE(e, nullptr) << key;
    EXPECT_EQ(e->value, value);
    EXPECT_EQ(e->origin.line, 7u);
    EXPECT_EQ(e->origin.column, 1u);
  };
}

std::vector<DirectiveCase> cases() {
  return {
      {"node", "node gamma",
       [](const Cluster& c) {
         ASSERT_EQ(c.nodes.size(), 3u);
         EXPECT_EQ(c.nodes[2].name, "gamma");
         EXPECT_EQ(c.nodes[2].origin.line, 7u);
         EXPECT_EQ(c.nodes[2].origin.column, 6u);
       },
       "node\tgamma"},
      {"cluster", "cluster prod", [](const Cluster& c) { EXPECT_EQ(c.name, "prod"); },
       "cluster\tprod"},
      {"keepalive", "keepalive 500ms",
       [](const Cluster& c) { EXPECT_EQ(c.timing.keepalive_ms, 500u); }, "keepalive\t500ms"},
      {"deadtime", "deadtime 30",
       [](const Cluster& c) { EXPECT_EQ(c.timing.dead_ms, 30000u); }, "deadtime\t30"},
      {"warntime", "warntime 2500ms",
       [](const Cluster& c) { EXPECT_EQ(c.timing.warn_ms, 2500u); }, "warntime\t2500ms"},
      {"initdead", "initdead 20.5",
       [](const Cluster& c) { EXPECT_EQ(c.timing.initial_dead_ms, 20500u); }, "initdead\t20500ms"},
      {"udpport", "udpport 695",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 1u);
         EXPECT_EQ(c.channels[0].port, 695u);
       },
       "udpport\t695"},
      {"bcast", "bcast eth1 eth2",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 3u);
         EXPECT_EQ(c.channels[1].kind, ChannelKind::kBroadcast);
         EXPECT_EQ(c.channels[1].interface, "eth1");
         EXPECT_EQ(c.channels[2].interface, "eth2");
       },
       "bcast\teth1 eth2"},
      {"mcast", "mcast eth1 225.0.0.7 694 1 0",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 2u);
         const auto& m = c.channels[1];
         EXPECT_EQ(m.kind, ChannelKind::kMulticast);
         EXPECT_EQ(m.interface, "eth1");
         EXPECT_EQ(m.address, "225.0.0.7");
         EXPECT_EQ(m.port, 694u);
         EXPECT_EQ(m.ttl, 1u);
         EXPECT_EQ(m.loop, false);
       },
       "mcast\teth1 225.0.0.7 694 1 0"},
      {"ucast", "ucast eth1 10.1.1.2",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 2u);
         EXPECT_EQ(c.channels[1].kind, ChannelKind::kUnicast);
         EXPECT_EQ(c.channels[1].address, "10.1.1.2");
       },
       "ucast\teth1 10.1.1.2"},
      {"serial", "serial /dev/ttyS0",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 2u);
         EXPECT_EQ(c.channels[1].kind, ChannelKind::kSerial);
         EXPECT_EQ(c.channels[1].device, "/dev/ttyS0");
       },
       "serial\t/dev/ttyS0"},
      {"baud", "baud 38400\nserial /dev/ttyS1",
       [](const Cluster& c) {
         ASSERT_EQ(c.channels.size(), 2u);
         EXPECT_EQ(c.channels[1].baud, 38400u);
       },
       "baud\t38400"},
      {"auto_failback off", "auto_failback off",
       [](const Cluster& c) {
         ASSERT_EQ(c.groups.size(), 1u);
         EXPECT_EQ(c.groups[0].policy.failback, model::Failback::kManual);
         EXPECT_EQ(c.groups[0].policy.origin.line, 7u);
       },
       "auto_failback\toff"},
      {"auto_failback legacy", "auto_failback legacy",
       [](const Cluster& c) {
         EXPECT_EQ(c.groups[0].policy.failback, model::Failback::kAutomatic);
         ASSERT_NE(find_extension(c, "auto_failback"), nullptr);
       },
       "auto_failback\tlegacy"},
      {"nice_failback", "nice_failback on",
       [](const Cluster& c) {
         EXPECT_EQ(c.groups[0].policy.failback, model::Failback::kManual);
       },
       "nice_failback\ton"},
      {"ping", "ping 10.10.10.254", extension("ping", "10.10.10.254"), "ping\t10.10.10.254"},
      {"ping_group", "ping_group g1 10.0.0.1 10.0.0.2",
       extension("ping_group", "g1 10.0.0.1 10.0.0.2"), "ping_group\tg1 10.0.0.1 10.0.0.2"},
      {"ping6", "ping6 fe80::1", extension("ping6", "fe80::1"), ""},
      {"deadping", "deadping 30", extension("deadping", "30"), "deadping\t30"},
      {"hbaping", "hbaping qlogic-qla2200-0", extension("hbaping", "qlogic-qla2200-0"), ""},
      {"stonith", "stonith baytech /etc/ha.d/conf/stonith.baytech",
       extension("stonith", "baytech /etc/ha.d/conf/stonith.baytech"), ""},
      {"stonith_host", "stonith_host * baytech 10.0.0.3 login password",
       extension("stonith_host", "* baytech 10.0.0.3 login password"), ""},
      {"respawn", "respawn hacluster /usr/lib/heartbeat/ipfail",
       extension("respawn", "hacluster /usr/lib/heartbeat/ipfail"),
       "respawn\thacluster /usr/lib/heartbeat/ipfail"},
      {"failfast", "failfast hacluster /usr/lib/heartbeat/ccm",
       extension("failfast", "hacluster /usr/lib/heartbeat/ccm"), ""},
      {"apiauth", "apiauth ipfail gid=haclient uid=hacluster",
       extension("apiauth", "ipfail gid=haclient uid=hacluster"), ""},
      {"watchdog", "watchdog /dev/watchdog", extension("watchdog", "/dev/watchdog"), ""},
      {"crm", "crm off", extension("crm", "off"), "crm\toff"},
      {"pacemaker", "pacemaker respawn", extension("pacemaker", "respawn"), ""},
      {"crm_daemon_dir", "pacemaker off\ncrm_daemon_dir /usr/lib/pacemaker",
       [](const Cluster& c) {
         const auto* e = find_extension(c, "crm_daemon_dir");
         ASSERT_NE(e, nullptr);
         EXPECT_EQ(e->value, "/usr/lib/pacemaker");
         EXPECT_EQ(e->origin.line, 8u);
       },
       "pacemaker\toff\ncrm_daemon_dir\t/usr/lib/pacemaker"},
      {"crmd_spawns_pengine", "crmd_spawns_pengine yes", extension("crmd_spawns_pengine", "yes"),
       ""},
      {"autojoin", "autojoin none", extension("autojoin", "none"), ""},
      {"hopfudge", "hopfudge 2", extension("hopfudge", "2"), ""},
      {"msgfmt", "msgfmt netstring", extension("msgfmt", "netstring"), ""},
      {"logfacility", "logfacility daemon", extension("logfacility", "daemon"), ""},
      {"logfile", "logfile /var/log/ha-log", extension("logfile", "/var/log/ha-log"), ""},
      {"debugfile", "debugfile /var/log/ha-debug", extension("debugfile", "/var/log/ha-debug"), ""},
      {"use_logd", "use_logd yes", extension("use_logd", "yes"), ""},
      {"conn_logd_time", "conn_logd_time 60", extension("conn_logd_time", "60"), ""},
      {"debug", "debug 1", extension("debug", "1"), ""},
      {"realtime", "realtime off", extension("realtime", "off"), ""},
      {"rtprio", "rtprio 10", extension("rtprio", "10"), ""},
      {"hbgenmethod", "hbgenmethod time", extension("hbgenmethod", "time"), ""},
      {"uuidfrom", "uuidfrom nodename", extension("uuidfrom", "nodename"), ""},
      {"compression", "compression bz2", extension("compression", "bz2"), ""},
      {"compression_threshold", "compression_threshold 2",
       extension("compression_threshold", "2"), ""},
      {"traditional_compression", "traditional_compression no",
       extension("traditional_compression", "no"), ""},
      {"coredumps", "coredumps true", extension("coredumps", "true"), ""},
      {"coreroot", "coreroot /var/lib/heartbeat/cores",
       extension("coreroot", "/var/lib/heartbeat/cores"), ""},
      {"memreserve", "memreserve 6500", extension("memreserve", "6500"), ""},
      {"quorum_server", "quorum_server qs.example.com",
       extension("quorum_server", "qs.example.com"), ""},
      {"max_rexmit_delay", "max_rexmit_delay 250", extension("max_rexmit_delay", "250"), ""},
      {"record_config_changes", "record_config_changes on",
       extension("record_config_changes", "on"), ""},
      {"record_pengine_inputs", "record_pengine_inputs off",
       extension("record_pengine_inputs", "off"), ""},
      {"enable_config_writes", "enable_config_writes on",
       extension("enable_config_writes", "on"), ""},
      {"use_apphbd", "use_apphbd no", extension("use_apphbd", "no"), ""},
      {"log_badpack", "log_badpack false", extension("log_badpack", "false"), ""},
      {"syslogmsgfmt", "syslogmsgfmt true", extension("syslogmsgfmt", "true"), ""},
      {"env", "env MYVAR=1", extension("env", "MYVAR=1"), "env\tMYVAR=1"},
      {"mcast6", "mcast6 eth1 ff02::1 694 1 0", extension("mcast6", "eth1 ff02::1 694 1 0"), ""},
      {"ucast6", "ucast6 eth1 fe80::2", extension("ucast6", "eth1 fe80::2"), ""},
  };
}

class DirectiveTest : public ::testing::TestWithParam<DirectiveCase> {};

TEST_P(DirectiveTest, ReadIntoModelAndWrittenBack) {
  const auto& param = GetParam();
  MemoryDir dir(std::string(kBaseHaCf) + param.line + "\n");
  model::Diagnostics d;
  auto cluster = dir.read(d);
  ASSERT_TRUE(cluster) << dump(d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  param.check(*cluster);

  model::Diagnostics wd;
  auto out = write_model(*cluster, wd);
  ASSERT_TRUE(out) << dump(wd);
  const std::string& hacf = out->find("ha.cf")->contents;
  std::string first_word = param.line.substr(0, param.line.find(' '));
  EXPECT_NE(hacf.find(first_word), std::string::npos) << hacf;
  if (!param.written.empty()) {
    EXPECT_NE(hacf.find(param.written + "\n"), std::string::npos) << hacf;
  }

  model::Diagnostics rd;
  auto again = reread(*out, rd);
  ASSERT_TRUE(again) << dump(rd);
  EXPECT_TRUE(semantically_equal(*again, *cluster)) << hacf;
}

INSTANTIATE_TEST_SUITE_P(EveryDirective, DirectiveTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (auto& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(HaCfTimes, Syntax) {
  EXPECT_EQ(parse_time_ms("2"), 2000u);
  EXPECT_EQ(parse_time_ms("1500ms"), 1500u);
  EXPECT_EQ(parse_time_ms("1500MS"), 1500u);
  EXPECT_EQ(parse_time_ms("0.5"), 500u);
  EXPECT_EQ(parse_time_ms("2000000us"), 2000u);
  EXPECT_FALSE(parse_time_ms("5s"));  // heartbeat's cl_get_msec has no "s" suffix
  EXPECT_FALSE(parse_time_ms("ms"));
  EXPECT_FALSE(parse_time_ms("1.2.3"));
  EXPECT_EQ(format_time_ms(2000), "2");
  EXPECT_EQ(format_time_ms(1500), "1500ms");
}

TEST(HaCf, InlineCommentsAndCommasSplitArguments) {
  MemoryDir dir(std::string(kBaseHaCf) + "node gamma,delta   # two more\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  ASSERT_EQ(c->nodes.size(), 4u);
  EXPECT_EQ(c->nodes[3].name, "delta");
  EXPECT_EQ(c->nodes[3].origin.column, 12u);
}

TEST(HaCf, MachineFactsAreWarningsNotErrors) {
  MemoryDir dir(std::string(kBaseHaCf) +
                "respawn nosuchuser /usr/lib/heartbeat/nosuchprogram\nserial /dev/ttyS9\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_TRUE(d.has("hacf.user-missing"));
  EXPECT_TRUE(d.has("hacf.program-missing"));
  EXPECT_TRUE(d.has("hacf.device-missing"));
  EXPECT_TRUE(d.has("hacf.interface-missing"));  // eth0 is not in the memory env
}

TEST(HaCf, UdpAliasIsReadAsBcast) {
  MemoryDir dir(std::string(kBaseHaCf) + "udp eth3\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_TRUE(d.has("hacf.alias"));
  ASSERT_EQ(c->channels.size(), 2u);
  EXPECT_EQ(c->channels[1].interface, "eth3");
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
