// `ocfbridge agent run | meta-data | list | shim` for operators: exit codes
// are OCF codes, parameters reach scripts in the order the Lua tables give,
// meta-data validates, and bad command lines are usage errors.
#include "bridge/cli/agent_command.h"

#include <gtest/gtest.h>

#include "tests/require.h"

#include <sstream>

#include "bridge/agents/metadata.h"
#include "tests/bridge/agents/test_support.h"

namespace ocf::agents {
namespace {

using testing::TempDir;
using testing::write_script;

struct Ran {
  int rc;
  std::string out, err;
};

Ran agent(std::vector<std::string> args) {
  std::ostringstream out, err;
  int rc = cli::agent_command(args, out, err);
  return {rc, out.str(), err.str()};
}

class AgentCommandTest : public ::testing::Test {
 protected:
  void TearDown() override { EXPECT_TRUE(testing::no_children_left()); }
  TempDir dir_;
};

TEST_F(AgentCommandTest, RunExitsWithTheOcfCodeOfTheRealDummyAgent) {
  OCF_REQUIRE(std::filesystem::exists("/usr/lib/ocf/resource.d/heartbeat/Dummy"),
              "resource-agents not installed");
  std::string state = "state=" + (dir_ / "dummy.state").string();
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "monitor", "--param", state}).rc, 7);
  Ran start = agent({"run", "ocf:heartbeat:Dummy", "start", "--param", state, "--timeout", "20s"});
  EXPECT_EQ(start.rc, 0) << start.err;
  EXPECT_NE(start.err.find("start -> OCF_SUCCESS (0)"), std::string::npos) << start.err;
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "monitor", "--param", state}).rc, 0);
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "stop", "--param", state}).rc, 0);
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "monitor", "--param", state}).rc, 7);
}

TEST_F(AgentCommandTest, HeartbeatArgumentsFollowTheLuaTable) {
  auto seen = dir_ / "args";
  auto record = "echo \"$*\" > " + seen.string() + "\n";
  write_script(dir_ / "resource.d/Filesystem", record);
  write_script(dir_ / "resource.d/IPaddr", record);
  std::string rd = (dir_ / "resource.d").string();
  Ran fs = agent({"run", "heartbeat:Filesystem", "stop", "--resource-d", rd, "--param",
                  "directory=/mnt/data", "--param", "device=/dev/sdb1"});
  EXPECT_EQ(fs.rc, 0) << fs.err;
  EXPECT_EQ(testing::read_file(seen), "/dev/sdb1 /mnt/data stop\n");
  Ran ip = agent({"run", "heartbeat:IPaddr", "stop", "--resource-d", rd, "--param", "nic=eth0",
                  "--param", "ip=10.0.0.5", "--param", "cidr_netmask=24"});
  EXPECT_EQ(ip.rc, 0) << ip.err;
  EXPECT_EQ(testing::read_file(seen), "10.0.0.5/24/eth0 stop\n");
  Ran missing = agent({"run", "heartbeat:Filesystem", "stop", "--resource-d", rd, "--param",
                       "device=/dev/sdb1"});
  EXPECT_EQ(missing.rc, 6) << "directory is a required positional argument: " << missing.err;
}

TEST_F(AgentCommandTest, MetaDataFromTheLuaTablesValidates) {
  write_script(dir_ / "resource.d/Filesystem", "exit 0\n");
  Ran hb = agent({"meta-data", "heartbeat:Filesystem", "--resource-d", (dir_ / "resource.d").string()});
  ASSERT_EQ(hb.rc, 0) << hb.err;
  DtdCheck check = validate_against_dtd(hb.out);
  EXPECT_TRUE(check.valid) << check.errors;
  auto device = hb.out.find("<parameter name=\"device\" required=\"1\"");
  auto options = hb.out.find("<parameter name=\"options\" required=\"0\"");
  EXPECT_NE(device, std::string::npos) << hb.out;
  EXPECT_NE(options, std::string::npos) << hb.out;
  EXPECT_LT(device, options);
  EXPECT_NE(hb.out.find("ocf:heartbeat:Filesystem"), std::string::npos);

  write_script(dir_ / "types/IP_address/start", "exit 0\n");
  Ran fs = agent({"meta-data", "failsafe:IP_address", "--failsafe-types", (dir_ / "types").string()});
  ASSERT_EQ(fs.rc, 0) << fs.err;
  EXPECT_TRUE(validate_against_dtd(fs.out).valid);
  for (const char* p : {"resource_name", "NetworkMask", "interfaces", "BroadcastAddress"})
    EXPECT_NE(fs.out.find(std::string("<parameter name=\"") + p + "\""), std::string::npos) << p;
}

TEST_F(AgentCommandTest, ListShowsEveryKindFound) {
  write_script(dir_ / "ocf/resource.d/prov/AgentA", "exit 0\n");
  write_script(dir_ / "ocf/resource.d/prov/AgentB", "exit 0\n");
  testing::write_file(dir_ / "ocf/resource.d/prov/not-executable", "x");
  write_script(dir_ / "init.d/svc", "exit 0\n");
  write_script(dir_ / "resource.d/IPaddr", "exit 0\n");
  write_script(dir_ / "types/volume/start", "exit 0\n");
  Ran r = agent({"list", "--ocf-root", (dir_ / "ocf").string(), "--init-d", (dir_ / "init.d").string(),
                 "--resource-d", (dir_ / "resource.d").string(), "--failsafe-types",
                 (dir_ / "types").string()});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.out, "ocf:prov:AgentA\nocf:prov:AgentB\nlsb:svc\nheartbeat:IPaddr\nfailsafe:volume\n");
}

TEST_F(AgentCommandTest, LsbAndKimberliteThroughRun) {
  auto lsb = write_script(dir_ / "init.d/svc", "[ \"$1\" = status ] && exit 3\nexit 0\n");
  EXPECT_EQ(agent({"run", "lsb:svc", "monitor", "--init-d", (dir_ / "init.d").string()}).rc, 7);
  auto kim = write_script(dir_ / "kim", "exit 0\n");
  EXPECT_EQ(agent({"run", "kimberlite:" + kim.string(), "monitor"}).rc, 0);
  Ran meta = agent({"meta-data", "lsb:svc", "--init-d", (dir_ / "init.d").string()});
  EXPECT_TRUE(validate_against_dtd(meta.out).valid) << meta.out;
}

TEST_F(AgentCommandTest, BadCommandLinesAreUsageErrors) {
  EXPECT_EQ(agent({}).rc, 2);
  EXPECT_EQ(agent({"frob"}).rc, 2);
  EXPECT_EQ(agent({"run", "Dummy", "start"}).rc, 2);
  EXPECT_EQ(agent({"run", "ocf:Dummy", "start"}).rc, 2);
  EXPECT_EQ(agent({"run", "xyz:foo", "start"}).rc, 2);
  EXPECT_EQ(agent({"run", "lsb:../etc/passwd", "start"}).rc, 2);
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "start", "--param", "novalue"}).rc, 2);
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "start", "--timeout", "soon"}).rc, 2);
  EXPECT_EQ(agent({"run", "ocf:heartbeat:Dummy", "start", "--bogus", "1"}).rc, 2);
  EXPECT_EQ(agent({"shim", "--kind", "lsb", "--script", "/x"}).rc, 2) << "no action";
  Ran help = agent({"--help"});
  EXPECT_EQ(help.rc, 0);
  EXPECT_NE(help.out.find("agent run"), std::string::npos);
}

TEST_F(AgentCommandTest, MissingAgentIsNotInstalled) {
  EXPECT_EQ(agent({"run", "ocf:nowhere:Nothing", "monitor", "--ocf-root", dir_.path().string()}).rc, 5);
}

}  // namespace
}  // namespace ocf::agents
