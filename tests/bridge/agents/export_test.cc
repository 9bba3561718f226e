// OCF agents exported in each product's form, each called the way that
// product calls its scripts: heartbeat's ResourceManager (argv, then the
// status text), FailSafe's INFILE/OUTFILE convention, Kimberlite's
// start/stop/status exit codes.
#include <gtest/gtest.h>

#include "tests/require.h"

#include <unistd.h>

#include <sstream>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/runner.h"
#include "bridge/cli/agent_command.h"
#include "tests/bridge/agents/test_support.h"

namespace ocf::agents {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;
using testing::write_script;

const std::filesystem::path kShim = OCFBRIDGE_BINARY_DIR "/bridge/agents/ocfbridge-agent";
const std::filesystem::path kDummy = "/usr/lib/ocf/resource.d/heartbeat/Dummy";
constexpr auto kTimeout = 60s;

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kShim)) << kShim;
    OCF_REQUIRE(std::filesystem::exists(kDummy), "resource-agents not installed");
  }
  void TearDown() override { EXPECT_TRUE(testing::no_children_left()); }

  std::filesystem::path export_as(const std::string& product, const std::string& agent,
                                  std::vector<std::string> extra) {
    auto output = dir_ / ("exported-" + product);
    std::vector<std::string> args{"export", "--to", product, agent, "--output", output.string(),
                                  "--bridge", kShim.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream out, err;
    EXPECT_EQ(cli::agent_command(args, out, err), 0) << err.str();
    return output;
  }

  // As the product's own daemon would: the native kind of the bridge
  // implements each product's calling convention.
  std::unique_ptr<AgentKind> as_product(const std::string& kind, const std::filesystem::path& script,
                                        std::vector<std::string> positional = {}) {
    AgentSpec spec;
    spec.kind = kind;
    spec.script = script;
    spec.name = "exported";
    for (auto& name : positional) {
      ParamInfo p;
      p.name = name;
      spec.params.push_back(p);
    }
    std::string error;
    return make_agent_kind(spec, error);
  }

  // A fake OCF agent that records the parameters it was given.
  std::filesystem::path fake_agent(const std::string& type, const std::filesystem::path& record) {
    return write_script(dir_ / "ocf/resource.d/heartbeat" / type,
                        "env | grep '^OCF_RESKEY_' | grep -v CRM_meta | sort > " + record.string() +
                            "\n[ \"$1\" = monitor ] && exit 7\nexit 0\n");
  }

  TempDir dir_;
};

TEST_F(ExportTest, DummyAsHeartbeatResourceDScript) {
  auto script = export_as("heartbeat", "ocf:heartbeat:Dummy", {"--args", "state"});
  auto state = (dir_ / "hb.state").string();
  auto hb = as_product("heartbeat", script, {"state"});
  Params p{{"state", state}};
  EXPECT_EQ(hb->run("monitor", p, kTimeout).code, OcfCode::kNotRunning);
  EXPECT_EQ(hb->run("start", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_TRUE(std::filesystem::exists(state));
  EXPECT_EQ(hb->run("monitor", p, kTimeout).code, OcfCode::kSuccess);
  // ResourceManager reads `SCRIPT ARG status` text: exactly one word.
  RunRequest status;
  status.program = script;
  status.args = {state, "status"};
  RunResult r = Runner::run(status);
  EXPECT_EQ(r.out.text, "running\n");
  EXPECT_EQ(hb->run("stop", p, kTimeout).code, OcfCode::kSuccess);
  r = Runner::run(status);
  EXPECT_EQ(r.out.text, "stopped\n");
  EXPECT_TRUE(r.exited(3));
  status.args = {state, "frobnicate"};
  EXPECT_TRUE(Runner::run(status).exited(1));
}

TEST_F(ExportTest, HeartbeatArgumentsGoThroughTheLuaParseFunction) {
  auto record = dir_ / "params";
  fake_agent("IPaddr2", record);
  auto script = export_as("heartbeat", "ocf:heartbeat:IPaddr2", {"--ocf-root", (dir_ / "ocf").string()});
  RunRequest start;
  start.program = script;
  start.args = {"10.0.0.5/24/eth0", "start"};
  RunResult r = Runner::run(start);
  EXPECT_TRUE(r.exited(0)) << r.describe() << r.err.text;
  EXPECT_EQ(testing::read_file(record),
            "OCF_RESKEY_cidr_netmask=24\nOCF_RESKEY_ip=10.0.0.5\nOCF_RESKEY_nic=eth0\n");
  start.args = {"not-an-address", "start"};
  RunResult bad = Runner::run(start);
  EXPECT_TRUE(bad.exited(1));
  EXPECT_NE(bad.err.text.find("not an IPv4 address"), std::string::npos) << bad.err.text;
}

TEST_F(ExportTest, RealIPaddr2AsHeartbeatScriptInAPrivateNetworkNamespace) {
  OCF_REQUIRE(::geteuid() == 0 && std::filesystem::exists("/usr/bin/unshare"),
              "needs root and unshare");
  auto script = export_as("heartbeat", "ocf:heartbeat:IPaddr2", {});
  // The namespace has its own eth0 (one end of a veth pair); nothing leaves it.
  auto driver = testing::write_file(dir_ / "driver.sh",
      "ip link set lo up && ip link add veth0 type veth peer name eth0 && ip link set eth0 up && "
      "ip link set veth0 up || exit 99\n"
      "for action in status start status stop status; do \"$1\" 10.77.9.5/24/eth0 $action; echo \"rc=$?\"; done\n"
      "ip -4 -o addr show dev eth0 | grep -c 10.77.9.5\n",
      0755);
  RunRequest request;
  request.program = "/usr/bin/unshare";
  request.args = {"-n", "/bin/sh", driver.string(), script.string()};
  request.timeout = 120s;
  RunResult r = Runner::run(request);
  OCF_REQUIRE(!r.exited(99), "no veth in a new network namespace here: " << r.err.text);
  EXPECT_EQ(r.out.text, "stopped\nrc=3\nrc=0\nrunning\nrc=0\nrc=0\nstopped\nrc=3\n0\n") << r.err.text;
}

TEST_F(ExportTest, DummyAsFailsafeResourceType) {
  auto type = export_as("failsafe", "ocf:heartbeat:Dummy", {"--name-param", "state"});
  for (const char* action : {"start", "stop", "monitor", "exclusive", "restart"})
    EXPECT_TRUE(std::filesystem::exists(type / action)) << action;
  // FailSafe's SRMD: TYPE_DIR/ACTION INFILE OUTFILE PARAMFILE, one line per resource.
  auto fs = as_product("failsafe", type);
  auto state = (dir_ / "fs.state").string();
  Params p{{"resource_name", state}};
  EXPECT_EQ(fs->run("exclusive", p, kTimeout).code, OcfCode::kNotRunning);
  EXPECT_EQ(fs->run("start", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_TRUE(std::filesystem::exists(state));
  EXPECT_EQ(fs->run("monitor", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(fs->run("exclusive", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(fs->run("restart", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(fs->run("stop", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(fs->run("monitor", p, kTimeout).code, OcfCode::kNotRunning);

  // Two resources of the type in one call.
  auto in = testing::write_file(dir_ / "in", (dir_ / "a").string() + " 0\n" + (dir_ / "b").string() + " 0\n");
  auto out = testing::write_file(dir_ / "out", "");
  auto params = testing::write_file(dir_ / "params", "ClusterName c\n");
  RunRequest start;
  start.program = type / "start";
  start.args = {in.string(), out.string(), params.string()};
  EXPECT_TRUE(Runner::run(start).exited(0));
  EXPECT_EQ(testing::read_file(out), (dir_ / "a").string() + " 0\n" + (dir_ / "b").string() + " 0\n");
  start.program = type / "exclusive";
  EXPECT_TRUE(Runner::run(start).exited(0));
  EXPECT_NE(testing::read_file(out).find((dir_ / "b").string() + " 4\n"), std::string::npos);
  start.program = type / "stop";
  Runner::run(start);
  start.args = {in.string()};
  EXPECT_TRUE(Runner::run(start).exited(2)) << "HA_INVAL_ARGS without an OUTFILE";
}

TEST_F(ExportTest, FailsafeAttributesMapThroughTheLuaTable) {
  auto record = dir_ / "params";
  fake_agent("IPaddr2", record);
  auto type = export_as("failsafe", "ocf:heartbeat:IPaddr2", {"--ocf-root", (dir_ / "ocf").string()});
  AgentSpec spec;
  spec.kind = "failsafe";
  spec.script = type;
  std::string error;
  auto fs = make_agent_kind(spec, error);
  OcfResult r = fs->run("start", {{"resource_name", "10.0.0.100"}, {"NetworkMask", "0xffffff00"},
                                  {"interfaces", "eth1"}, {"BroadcastAddress", "10.0.0.255"}},
                        kTimeout);
  EXPECT_EQ(r.code, OcfCode::kSuccess) << r.native << r.errors;
  EXPECT_EQ(testing::read_file(record),
            "OCF_RESKEY_broadcast=10.0.0.255\nOCF_RESKEY_cidr_netmask=24\nOCF_RESKEY_ip=10.0.0.100\n"
            "OCF_RESKEY_nic=eth1\n");
  OcfResult bad = fs->run("start", {{"resource_name", "10.0.0.100"}, {"NetworkMask", "0xff00ff00"}}, kTimeout);
  EXPECT_EQ(bad.code, OcfCode::kErrArgs) << bad.native;
}

TEST_F(ExportTest, DummyAsKimberliteServiceScript) {
  auto state = (dir_ / "kim.state").string();
  auto script = export_as("kimberlite", "ocf:heartbeat:Dummy", {"--param", "state=" + state});
  auto kim = as_product("kimberlite", script);
  EXPECT_EQ(kim->run("monitor", {}, kTimeout).code, OcfCode::kNotRunning);
  EXPECT_EQ(kim->run("start", {}, kTimeout).code, OcfCode::kSuccess);
  EXPECT_TRUE(std::filesystem::exists(state));
  EXPECT_EQ(kim->run("monitor", {}, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(kim->run("stop", {}, kTimeout).code, OcfCode::kSuccess);
  RunRequest status;
  status.program = script;
  status.args = {"status"};
  EXPECT_TRUE(Runner::run(status).exited(3));
  status.args = {"reload"};
  EXPECT_TRUE(Runner::run(status).exited(2));
}

TEST_F(ExportTest, RefusesWhatCannotBeExported) {
  std::ostringstream out, err;
  std::vector<std::string> lsb{"export", "--to", "heartbeat", "lsb:ssh", "--output", (dir_ / "x").string()};
  EXPECT_EQ(cli::agent_command(lsb, out, err), 2);
  std::vector<std::string> missing{"export", "--to", "heartbeat", "ocf:nowhere:X", "--output", (dir_ / "x").string()};
  EXPECT_EQ(cli::agent_command(missing, out, err), 2);
  std::vector<std::string> product{"export", "--to", "pacemaker", "ocf:heartbeat:Dummy", "--output", (dir_ / "x").string()};
  EXPECT_EQ(cli::agent_command(product, out, err), 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
}

}  // namespace
}  // namespace ocf::agents
