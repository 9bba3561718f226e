// Smoke test of the heartbeat lab (issue 5, item 5): two real heartbeat nodes in their own
// namespaces see each other, node1 runs its haresources group, and when node1 is killed
// node2 takes the group over. `down` leaves no namespace, process or file behind.
// Waits are polls against a generous deadline, never assertions on speed.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/process.h"

namespace ocf::integration {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kGenerousDeadline = 90s;

// Parameter: the media the lab's ha.cf uses (bcast, or one ucast line per node).
class LabSmoke : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override { lab_dir_ = (tmp_.path() / "lab").string(); }
  void TearDown() override { lab({"down"}); }  // whatever happened, leave nothing behind

  RunResult lab(std::vector<std::string> args) {
    args.insert(args.begin(), lab_script().string());
    return run(args, {"LAB_DIR=" + lab_dir_});
  }

  std::string lab_output(const std::vector<std::string>& args) { return lab(args).output; }

  // Polls `condition` every half second until it holds or the deadline passes.
  bool eventually(const std::function<bool()>& condition) {
    auto end = std::chrono::steady_clock::now() + kGenerousDeadline;
    while (std::chrono::steady_clock::now() < end) {
      if (condition()) return true;
      std::this_thread::sleep_for(500ms);
    }
    return condition();
  }

  // `cl_status nodestatus PEER` as seen from NODE: its first line ("active", "dead", ...).
  // Its exit status encodes the state too (non-zero for dead), so only the words count.
  std::string node_status(const std::string& node, const std::string& peer) {
    auto r = lab({"exec", node, "cl_status", "nodestatus", peer});
    auto out = lines(r.output);
    return out.empty() ? "(no output)" : out.front();
  }

  // Whether NODE runs the lab's default group (the labstate resource.d script says so).
  bool runs_group(const std::string& node) {
    auto r = lab({"exec", node, "/etc/ha.d/resource.d/labstate", "group1", "status"});
    return r.exit_code == 0 && contains(r.output, "group1 running");
  }

  std::string diagnostics() { return lab_output({"status"}) + "\n" + lab_output({"log", "node2"}); }

  TempDir tmp_;
  std::string lab_dir_;
};

TEST_P(LabSmoke, TwoNodesFailOverAndLeaveNothingBehind) {
  auto up = lab({"up", "2", "--media", GetParam()});
  ASSERT_EQ(up.exit_code, 0) << up.describe({lab_script(), "up", "2", "--media", GetParam()});
  const std::string tag = lines(lab_output({"tag"})).at(0);

  EXPECT_TRUE(eventually([&] {
    return node_status("node1", "node2") == "active" && node_status("node2", "node1") == "active";
  })) << "the nodes never saw each other active:\n" << lab_output({"status"});

  EXPECT_TRUE(eventually([&] { return runs_group("node1"); }))
      << "node1 never ran its haresources group:\n" << lab_output({"status"})
      << lab_output({"log", "node1"});
  EXPECT_FALSE(runs_group("node2")) << "node2 runs node1's group while node1 is alive";

  auto killed = lab({"kill", "node1"});
  ASSERT_EQ(killed.exit_code, 0) << killed.describe({lab_script(), "kill", "node1"});
  auto hb = lab({"exec", "node1", "cl_status", "hbstatus"});
  EXPECT_NE(hb.exit_code, 0) << "heartbeat still answers on node1 after kill:\n" << hb.output;

  EXPECT_TRUE(eventually([&] { return node_status("node2", "node1") == "dead"; }))
      << "node2 never declared node1 dead:\n" << diagnostics();
  EXPECT_TRUE(eventually([&] { return runs_group("node2"); }))
      << "node2 never took over node1's group:\n" << diagnostics();
  EXPECT_TRUE(eventually([&] {
    auto r = lab({"exec", "node2", "cl_status", "rscstatus"});
    return !lines(r.output).empty() && lines(r.output).front() == "all";
  })) << "node2 does not report holding all resources:\n" << diagnostics();

  EXPECT_EQ(lab_down_leftovers(lab_dir_, tag, {"node1", "node2"}, kGenerousDeadline), "")
      << "down left something behind";

  auto again = lab({"down"});
  EXPECT_EQ(again.exit_code, 0) << "down is not idempotent\n"
                                << again.describe({lab_script(), "down"});
}

INSTANTIATE_TEST_SUITE_P(Media, LabSmoke, ::testing::Values("bcast", "ucast"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace ocf::integration
