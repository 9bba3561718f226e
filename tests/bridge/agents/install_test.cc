// Native scripts installed as OCF agents must pass the real ocf-tester
// (resource-agents), which runs them as root and their meta-data as
// `nobody`; a misbehaving script must be flagged by it.
#include <gtest/gtest.h>

#include "tests/require.h"

#include <unistd.h>

#include <sstream>

#include "bridge/agents/entry_point.h"
#include "bridge/agents/runner.h"
#include "bridge/cli/agent_command.h"
#include "tests/bridge/agents/test_support.h"

namespace ocf::agents {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;

const std::filesystem::path kFixtures = OCFBRIDGE_SOURCE_DIR "/tests/fixtures/agents";
const std::filesystem::path kShim = OCFBRIDGE_BINARY_DIR "/bridge/agents/ocfbridge-agent";
const std::filesystem::path kOcfTester = "/usr/sbin/ocf-tester";

class InstallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    OCF_REQUIRE(::geteuid() == 0, "ocf-tester checks permissions only as root");
    OCF_REQUIRE(std::filesystem::exists(kOcfTester), "resource-agents not installed");
    ASSERT_TRUE(std::filesystem::exists(kShim)) << kShim;
  }
  void TearDown() override { EXPECT_TRUE(testing::no_children_left()); }

  // A fixture copied into the 0755 temp root (with @STATE@ replaced).
  std::filesystem::path copy_fixture(const std::string& relative) {
    auto from = kFixtures / relative;
    auto to = dir_ / relative;
    std::filesystem::create_directories(to.parent_path());
    std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
    for (auto& p : std::filesystem::recursive_directory_iterator(dir_.path()))
      ::chmod(p.path().c_str(), p.is_directory() ? 0755 : 0755);
    return to;
  }

  int install(std::vector<std::string> args, std::string& output) {
    args.insert(args.begin(), "install");
    args.insert(args.end(), {"--ocf-root", (dir_ / "ocf").string(), "--provider", "ocfbridge",
                             "--bridge", kShim.string()});
    std::ostringstream out, err;
    int rc = cli::agent_command(args, out, err);
    output = out.str() + err.str();
    return rc;
  }

  // ocf-tester's exit code; its output in `output`.
  int ocf_tester(const std::string& name, std::vector<std::string> options, std::string& output) {
    RunRequest request;
    request.program = kOcfTester;
    request.args = {"-n", name};
    for (const auto& o : options) request.args.insert(request.args.end(), {"-o", o});
    request.args.push_back((dir_ / "ocf/resource.d/ocfbridge" / name).string());
    request.timeout = 300s;
    RunResult r = Runner::run(request);
    output = r.out.text + r.err.text;
    return r.end == RunResult::End::kExited ? r.exit_code : -1;
  }

  TempDir dir_;
};

TEST_F(InstallTest, HeartbeatResourceDScriptPassesOcfTester) {
  auto script = copy_fixture("heartbeat/statefile");
  std::string out;
  ASSERT_EQ(install({"--kind", "heartbeat", "--script", script.string(), "--name", "hb-statefile",
                     "--param", "state", "--param", "label=up and running"},
                    out), 0) << out;
  auto state = dir_ / "hb.state";
  EXPECT_EQ(ocf_tester("hb-statefile", {"state=" + state.string()}, out), 0) << out;
  EXPECT_NE(out.find("passed all tests"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(state));
}

TEST_F(InstallTest, FailsafeResourceTypePassesOcfTester) {
  auto type = copy_fixture("failsafe/statefile_type");
  std::string out;
  ASSERT_EQ(install({"--kind", "failsafe", "--script", type.string(), "--name", "fs-statefile",
                     "--param", "statefile", "--cluster", "testclu"},
                    out), 0) << out;
  auto state = dir_ / "fs.state";
  EXPECT_EQ(ocf_tester("fs-statefile", {"statefile=" + state.string()}, out), 0) << out;
  EXPECT_NE(out.find("passed all tests"), std::string::npos) << out;
}

TEST_F(InstallTest, KimberliteServiceScriptPassesOcfTester) {
  auto script = copy_fixture("kimberlite/statefile.in");
  auto state = dir_ / "kim.state";
  std::string text = testing::read_file(script);
  text.replace(text.find("@STATE@"), 7, state.string());
  testing::write_file(script, text, 0755);
  std::string out;
  ASSERT_EQ(install({"--kind", "kimberlite", "--script", script.string(), "--name", "kim-statefile"},
                    out), 0) << out;
  EXPECT_EQ(ocf_tester("kim-statefile", {}, out), 0) << out;
  EXPECT_NE(out.find("passed all tests"), std::string::npos) << out;
}

TEST_F(InstallTest, MisbehavingScriptIsFlaggedByOcfTester) {
  auto script = copy_fixture("bad/start_does_nothing");
  std::string out;
  ASSERT_EQ(install({"--kind", "heartbeat", "--script", script.string(), "--name", "bad",
                     "--param", "state"},
                    out), 0) << out;
  EXPECT_NE(ocf_tester("bad", {"state=" + (dir_ / "bad.state").string()}, out), 0) << out;
  EXPECT_NE(out.find("Monitoring an active resource should return 0"), std::string::npos) << out;
}

TEST_F(InstallTest, EntryPointQuotesEveryFixedWord) {
  // A script path with blanks, quotes and `$` still reaches the shim intact.
  auto script = dir_ / "odd dir $(x) 'q'" / "hb";
  std::filesystem::create_directories(script.parent_path());
  ::chmod(script.parent_path().c_str(), 0755);
  std::filesystem::copy(kFixtures / "heartbeat/statefile", script);
  std::string out;
  ASSERT_EQ(install({"--kind", "heartbeat", "--script", script.string(), "--name", "odd",
                     "--param", "state=" + (dir_ / "odd.state").string()},
                    out), 0) << out;
  auto entry = dir_ / "ocf/resource.d/ocfbridge/odd";
  struct stat st{};
  ASSERT_EQ(::stat(entry.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  RunRequest request;
  request.program = entry;
  request.args = {"start"};
  request.env = {{"OCF_RESOURCE_INSTANCE", "odd"}};
  RunResult r = Runner::run(request);
  EXPECT_TRUE(r.exited(0)) << r.describe() << r.err.text;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "odd.state")) << "the default reached the script";
}

TEST_F(InstallTest, RefusesBadInput) {
  std::string out;
  EXPECT_NE(install({"--kind", "heartbeat", "--script", (dir_ / "missing").string()}, out), 0);
  EXPECT_NE(out.find("missing"), std::string::npos) << out;
  auto script = copy_fixture("heartbeat/statefile");
  EXPECT_NE(install({"--kind", "nonsense", "--script", script.string()}, out), 0);
  EXPECT_NE(install({"--kind", "heartbeat", "--script", script.string(), "--name", "../x"}, out), 0);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "ocf/resource.d/x"));
}

}  // namespace
}  // namespace ocf::agents
