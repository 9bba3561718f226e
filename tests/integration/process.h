// Runs the lab scripts and the ocfbridge CLI from the integration tests: argv only (never a
// shell string), a clean environment, output captured, and a deadline after which the
// child's whole process group is killed so a hung script fails the test instead of hanging it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace ocf::integration {

struct RunResult {
  int exit_code = -1;      // -1 when the child did not exit normally
  int term_signal = 0;     // the signal that ended the child, if one did
  bool timed_out = false;  // the deadline passed and the group was killed
  std::string output;      // stdout and stderr, interleaved as written

  // One line for assertion messages: the command, how it ended and what it printed.
  std::string describe(const std::vector<std::string>& argv) const;
};

// Runs argv[0] (a path) with argv, environment PATH/LANG plus `extra_env` ("K=V" entries).
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {},
              std::chrono::seconds deadline = std::chrono::seconds(300));

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Paths of the source tree and build tree this test was built from.
std::filesystem::path source_dir();
std::filesystem::path binary_dir();
std::filesystem::path hb_check_script();
std::filesystem::path lab_script();
std::filesystem::path ocfbridge_binary();

// Copies a configuration fixture to `to` and makes its authkeys 0600 (git does not keep that
// mode, and the daemon refuses any other).
void copy_config_fixture(const std::filesystem::path& from, const std::filesystem::path& to);

// Host PIDs of one node of a lab.sh lab in `lab_dir`: its holder (unshare) and every process
// in the node's PID namespace (its PID 1 and heartbeat's tree), from init.pid / holder.pid.
std::vector<pid_t> lab_node_pids(const std::filesystem::path& lab_dir, const std::string& node);

// Whether `pid` is a live process (a zombie does not count).
bool process_alive(pid_t pid);

// Runs `lab.sh down` on the lab in `lab_dir` and says what it left behind:
// a namespace whose name holds `tag`, the lab dir, or (polled until
// `deadline`) a live process of `nodes` as recorded before the call; or
// that the lab had not recorded its processes (at least 3 per node: the
// holder, PID 1 and heartbeat's). Empty when down left nothing.
std::string lab_down_leftovers(const std::filesystem::path& lab_dir, const std::string& tag,
                               const std::vector<std::string>& nodes,
                               std::chrono::milliseconds deadline);

// Lines of `text`; and whether any line contains `needle`.
std::vector<std::string> lines(const std::string& text);
bool contains(const std::string& text, const std::string& needle);

}  // namespace ocf::integration
