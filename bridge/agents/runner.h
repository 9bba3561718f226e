// The runner: executes one resource script per action, safely and
// concurrently, for every agent kind.
//
// Contract of one action:
// - the program is executed directly (posix_spawn, i.e. execve) with the
//   argv given; nothing ever goes through a shell;
// - its environment is exactly Request::env, plus PATH and HOME defaults
//   when the request does not set them; the runner's own environment never
//   leaks in;
// - it runs in a new process group whose id is the child's pid, with
//   stdin = /dev/null, stdout and stderr on pipes, every other descriptor
//   closed, default signal dispositions and an empty signal mask, cwd "/"
//   unless the request says otherwise;
// - each stream keeps its first `output_cap` bytes; the rest is read and
//   counted, never stored (the child never blocks on a full pipe);
// - at `timeout` the whole group gets SIGTERM, and SIGKILL `kill_grace`
//   later;
// - when the leader exits, what is left of its group is killed and reaped,
//   so an action never leaves a process or a zombie behind: at once
//   (Leftovers::kKillAtExit, the default), or -- for agents that finish
//   work in the background, like IPaddr2's gratuitous ARPs -- only when the
//   action's deadline comes (Leftovers::kKillAtDeadline: the result is
//   delivered when the group is empty or was killed). A daemon that must
//   outlive its start action has to leave the group (setsid), as daemons do.
//
// Orphaned grandchildren are only reapable when this process is their
// "child subreaper"; Runner makes the process one (prctl
// PR_SET_CHILD_SUBREAPER, process-wide, once) unless Options says not to.
// Without it, grandchildren are reparented to init and are killed but
// reaped by init.
//
// Threading: a Runner belongs to one io_context and must be used from the
// thread(s) running it. Many actions may run at once from one thread;
// completion callbacks run on the io_context.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace ocf::agents {

enum class Leftovers { kKillAtExit, kKillAtDeadline };

struct RunRequest {
  std::filesystem::path program;  // executed as is (absolute path advised)
  std::vector<std::string> args;  // argv[1..]; argv[0] is `program`
  std::vector<std::pair<std::string, std::string>> env;  // the whole environment
  std::filesystem::path working_directory = "/";
  std::chrono::milliseconds timeout{20'000};
  std::chrono::milliseconds kill_grace{2'000};
  std::size_t output_cap = 1u << 20;  // bytes kept per stream
  Leftovers leftovers = Leftovers::kKillAtExit;
};

// Default PATH given to children when the request has none.
inline constexpr const char* kDefaultPath = "/usr/sbin:/usr/bin:/sbin:/bin";
inline constexpr const char* kDefaultHome = "/";

struct CapturedStream {
  std::string text;         // the first output_cap bytes
  std::size_t dropped = 0;  // bytes read past the cap and discarded
  bool truncated() const { return dropped > 0; }
};

struct RunResult {
  enum class End { kExited, kSignaled, kSpawnFailed };
  End end = End::kSpawnFailed;
  int exit_code = -1;  // kExited
  int signal = 0;      // kSignaled
  bool timed_out = false;         // the leader was still running at the deadline
  bool leftovers_killed = false;  // processes it left behind were killed at the deadline
  CapturedStream out;
  CapturedStream err;
  std::chrono::nanoseconds duration{0};
  std::string error;  // kSpawnFailed: why ("cannot execute X: ...")
  int pid = 0;        // the leader, also the process group id

  bool exited(int code) const { return end == End::kExited && exit_code == code; }
  // "exit 3", "signal 9 (timed out)", "spawn failed: ..."
  std::string describe() const;
};

class Runner {
 public:
  struct Options {
    bool make_subreaper = true;
  };
  explicit Runner(boost::asio::io_context& io) : Runner(io, Options{}) {}
  Runner(boost::asio::io_context& io, Options options);

  using Callback = std::function<void(RunResult)>;
  // Starts the action and returns at once; `done` is called exactly once on
  // the io_context (also for a spawn failure).
  void async_run(RunRequest request, Callback done);

  // Convenience: runs one action on a private io_context and waits.
  static RunResult run(RunRequest request);

  boost::asio::io_context& io() { return io_; }

 private:
  boost::asio::io_context& io_;
};

}  // namespace ocf::agents
