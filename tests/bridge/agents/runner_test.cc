// The runner's contract: argv without a shell, a clean environment, a
// process group killed at timeout with all its children, capped output,
// many actions at once from one thread, and nothing left behind.
#include "bridge/agents/runner.h"

#include <fcntl.h>
#include <sys/resource.h>

#include <algorithm>
#include <set>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "tests/bridge/agents/test_support.h"

namespace ocf::agents {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;
using testing::write_script;

class RunnerTest : public ::testing::Test {
 protected:
  void TearDown() override { EXPECT_TRUE(testing::no_children_left()); }
  TempDir dir_;
};

RunRequest request_for(const std::filesystem::path& program, std::vector<std::string> args = {}) {
  RunRequest r;
  r.program = program;
  r.args = std::move(args);
  r.timeout = 30s;
  return r;
}

TEST_F(RunnerTest, CapturesExitCodeAndBothStreams) {
  auto script = write_script(dir_ / "s", "echo out; echo err >&2; exit 3\n");
  RunResult r = Runner::run(request_for(script));
  EXPECT_TRUE(r.exited(3)) << r.describe();
  EXPECT_EQ(r.out.text, "out\n");
  EXPECT_EQ(r.err.text, "err\n");
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.out.truncated());
}

TEST_F(RunnerTest, ArgumentReachesScriptByteForByteWithoutAShell) {
  auto marker = dir_ / "pwned";
  std::string value = "a b  'single' \"double\" $(touch " + marker.string() + ") `touch " +
                      marker.string() + "` $HOME ; | & > <\nsecond line\n\ttab * ? [x] \\ end";
  auto copy = dir_ / "copy";
  auto script = write_script(dir_ / "s", "printf '%s' \"$1\" > \"$2\"\n");
  RunResult r = Runner::run(request_for(script, {value, copy.string()}));
  ASSERT_TRUE(r.exited(0)) << r.describe() << r.err.text;
  EXPECT_EQ(testing::read_file(copy), value);
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST_F(RunnerTest, EnvironmentIsExactlyWhatWasGiven) {
  ::setenv("OCFBRIDGE_TEST_CANARY", "leaked", 1);
  RunRequest request = request_for("/usr/bin/env");
  request.env = {{"ONE", "1"}, {"TWO", "with space\nand newline"}};
  RunResult r = Runner::run(request);
  ::unsetenv("OCFBRIDGE_TEST_CANARY");
  ASSERT_TRUE(r.exited(0)) << r.describe();
  std::string expected = std::string("ONE=1\nTWO=with space\nand newline\nPATH=") + kDefaultPath +
                         "\nHOME=" + kDefaultHome + "\n";
  EXPECT_EQ(r.out.text, expected);
}

TEST_F(RunnerTest, RequestPathAndHomeReplaceTheDefaults) {
  RunRequest request = request_for("/usr/bin/env");
  request.env = {{"PATH", "/nowhere"}, {"HOME", "/home/x"}};
  RunResult r = Runner::run(request);
  EXPECT_EQ(r.out.text, "PATH=/nowhere\nHOME=/home/x\n");
}

TEST_F(RunnerTest, HangingScriptAndItsChildAreKilledAtTheTimeout) {
  auto pids = dir_ / "pids";
  auto script = write_script(dir_ / "s", "sleep 1000 &\necho $! > " + pids.string() +
                                             "\nsleep 1000\n");
  RunRequest request = request_for(script);
  request.timeout = 300ms;
  request.kill_grace = 300ms;
  RunResult r = Runner::run(request);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.end, RunResult::End::kSignaled) << r.describe();
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_TRUE(testing::group_gone(r.pid));
  int child = std::stoi(testing::read_file(pids));
  EXPECT_EQ(::kill(child, 0), -1);
}

TEST_F(RunnerTest, ScriptIgnoringSigtermIsKilledAfterTheGrace) {
  auto script = write_script(dir_ / "s", "trap '' TERM\nsleep 1000 &\nwait\nwait\nsleep 1000\n");
  RunRequest request = request_for(script);
  request.timeout = 200ms;
  request.kill_grace = 200ms;
  RunResult r = Runner::run(request);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.end, RunResult::End::kSignaled) << r.describe();
  EXPECT_EQ(r.signal, SIGKILL);
  EXPECT_TRUE(testing::group_gone(r.pid));
}

TEST_F(RunnerTest, ChildrenLeftBehindByAFinishedScriptAreKilledAndReaped) {
  auto script = write_script(dir_ / "s", "sleep 1000 &\n(sleep 1000 &) \necho started\n");
  RunResult r = Runner::run(request_for(script));
  EXPECT_TRUE(r.exited(0)) << r.describe();
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out.text, "started\n");
  EXPECT_TRUE(testing::group_gone(r.pid));
}

TEST_F(RunnerTest, LeftoversMayFinishBeforeTheDeadlineWhenAsked) {
  auto late = dir_ / "late";
  auto script = write_script(dir_ / "s", "(sleep 0.3; echo late > " + late.string() +
                                             ") &\necho started\n");
  RunRequest request = request_for(script);
  request.leftovers = Leftovers::kKillAtDeadline;
  RunResult r = Runner::run(request);
  EXPECT_TRUE(r.exited(0)) << r.describe();
  EXPECT_FALSE(r.leftovers_killed);
  EXPECT_EQ(testing::read_file(late), "late\n") << "the background work was allowed to finish";
  EXPECT_TRUE(testing::group_gone(r.pid));
}

TEST_F(RunnerTest, LeftoversAreKilledAtTheDeadline) {
  auto script = write_script(dir_ / "s", "sleep 1000 &\nexit 0\n");
  RunRequest request = request_for(script);
  request.leftovers = Leftovers::kKillAtDeadline;
  request.timeout = 300ms;
  RunResult r = Runner::run(request);
  EXPECT_TRUE(r.exited(0)) << r.describe();
  EXPECT_FALSE(r.timed_out);
  EXPECT_TRUE(r.leftovers_killed);
  EXPECT_TRUE(testing::group_gone(r.pid));
}

long max_rss_kb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST_F(RunnerTest, MegabytesOfOutputAreCappedAndMemoryStaysBounded) {
  constexpr std::size_t kPrinted = 64u << 20;  // 64 MiB on each stream
  auto script = write_script(dir_ / "s", "head -c " + std::to_string(kPrinted) +
                                             " /dev/zero\nhead -c " + std::to_string(kPrinted) +
                                             " /dev/zero >&2\n");
  RunRequest request = request_for(script);
  request.output_cap = 64u << 10;
  long before = max_rss_kb();
  RunResult r = Runner::run(request);
  long grown_kb = max_rss_kb() - before;
  ASSERT_TRUE(r.exited(0)) << r.describe();
  EXPECT_EQ(r.out.text.size(), request.output_cap);
  EXPECT_EQ(r.out.dropped, kPrinted - request.output_cap);
  EXPECT_TRUE(r.out.truncated());
  EXPECT_EQ(r.err.text.size(), request.output_cap);
  EXPECT_EQ(r.err.dropped, kPrinted - request.output_cap);
  EXPECT_LT(grown_kb, 16 * 1024) << "peak memory grew by " << grown_kb << " KiB";
}

TEST_F(RunnerTest, SixtyFourConcurrentActionsCompleteFromOneThread) {
  auto script = write_script(dir_ / "s", "sleep 0.2\necho \"$1\"\n");
  boost::asio::io_context io;
  Runner runner(io);
  std::vector<RunResult> results(64);
  int completed = 0;
  for (int i = 0; i < 64; ++i)
    runner.async_run(request_for(script, {std::to_string(i)}), [&, i](RunResult r) {
      results[i] = std::move(r);
      ++completed;
    });
  io.run();
  EXPECT_EQ(completed, 64);
  std::set<int> pids;
  for (int i = 0; i < 64; ++i) {
    EXPECT_TRUE(results[i].exited(0)) << i << ": " << results[i].describe();
    EXPECT_EQ(results[i].out.text, std::to_string(i) + "\n");
    pids.insert(results[i].pid);
  }
  EXPECT_EQ(pids.size(), 64u);
}

TEST_F(RunnerTest, StdinIsDevNullAndOtherDescriptorsAreClosed) {
  int leaked = ::dup2(::open("/dev/null", O_RDONLY), 77);  // deliberately not close-on-exec
  ASSERT_EQ(leaked, 77);
  RunResult r = Runner::run(request_for("/bin/ls", {"-1", "/proc/self/fd"}));
  ::close(77);
  ASSERT_TRUE(r.exited(0)) << r.describe();
  EXPECT_EQ(r.out.text.find("77"), std::string::npos) << r.out.text;
  RunResult cat = Runner::run(request_for("/bin/cat"));
  EXPECT_TRUE(cat.exited(0));
  EXPECT_EQ(cat.out.text, "");
}

TEST_F(RunnerTest, MissingProgramIsASpawnFailure) {
  RunResult r = Runner::run(request_for(dir_ / "does-not-exist"));
  EXPECT_EQ(r.end, RunResult::End::kSpawnFailed);
  EXPECT_NE(r.error.find("does-not-exist"), std::string::npos) << r.error;
}

TEST_F(RunnerTest, RunsInItsOwnProcessGroup) {
  auto script = write_script(dir_ / "s", "ps -o pgid= -p $$\necho $$\n");
  RunResult r = Runner::run(request_for(script));
  ASSERT_TRUE(r.exited(0));
  std::istringstream words(r.out.text);
  int pgid = 0, pid = 0;
  words >> pgid >> pid;
  EXPECT_EQ(pgid, pid);
  EXPECT_EQ(pid, r.pid);
  EXPECT_NE(pgid, ::getpgrp());
}

}  // namespace
}  // namespace ocf::agents
