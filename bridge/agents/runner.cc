#include "bridge/agents/runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace ocf::agents {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Owns the raw descriptors of a spawn until asio takes them over.
struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int release() { return std::exchange(fd, -1); }
};

bool has_env(const RunRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.env)
    if (key == name) return true;
  return false;
}

std::vector<std::string> environment_of(const RunRequest& request) {
  std::vector<std::string> env;
  env.reserve(request.env.size() + 2);
  for (const auto& [key, value] : request.env) env.push_back(key + "=" + value);
  if (!has_env(request, "PATH")) env.push_back(std::string("PATH=") + kDefaultPath);
  if (!has_env(request, "HOME")) env.push_back(std::string("HOME=") + kDefaultHome);
  return env;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// The spawn itself: posix_spawn (vfork-fast, no shell) with the file actions
// and attributes that give the child a clean slate. Returns 0 or an errno.
int spawn_child(const RunRequest& request, int out_fd, int err_fd, pid_t& pid) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (!request.working_directory.empty())
    posix_spawn_file_actions_addchdir_np(&actions, request.working_directory.c_str());

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t mask;
  sigemptyset(&mask);
  posix_spawnattr_setsigmask(&attr, &mask);
  sigset_t defaults;  // ignored dispositions (SIGPIPE!) would survive exec
  sigemptyset(&defaults);
  for (int sig = 1; sig < 32; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<std::string> argv_strings;
  argv_strings.reserve(request.args.size() + 1);
  argv_strings.push_back(request.program.string());
  for (const auto& a : request.args) argv_strings.push_back(a);
  std::vector<std::string> env_strings = environment_of(request);
  std::vector<char*> argv = pointers_to(argv_strings);
  std::vector<char*> envp = pointers_to(env_strings);

  int rc = posix_spawn(&pid, request.program.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return rc;
}

void make_subreaper_once() {
  static std::once_flag once;
  std::call_once(once, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); });
}

int pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  errno = ENOSYS;
  return -1;
#endif
}

// One running action. Lives as long as a handler holds it.
class Action : public std::enable_shared_from_this<Action> {
 public:
  Action(asio::io_context& io, RunRequest request, Runner::Callback done)
      : io_(io),
        request_(std::move(request)),
        done_(std::move(done)),
        out_(io),
        err_(io),
        pidfd_(io),
        timeout_timer_(io),
        grace_timer_(io),
        reap_timer_(io),
        drain_timer_(io) {}

  void start() {
    started_ = Clock::now();
    Fd out_read, out_write, err_read, err_write;
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return fail_spawn(errno, "cannot make a pipe");
    out_read.fd = p[0], out_write.fd = p[1];
    if (::pipe2(p, O_CLOEXEC) != 0) return fail_spawn(errno, "cannot make a pipe");
    err_read.fd = p[0], err_write.fd = p[1];

    pid_t pid = 0;
    int rc = spawn_child(request_, out_write.fd, err_write.fd, pid);
    if (rc != 0) return fail_spawn(rc, "cannot execute " + request_.program.string());
    pid_ = pid;
    result_.pid = pid;
    out_write.reset();
    err_write.reset();
    out_.assign(out_read.release());
    err_.assign(err_read.release());

    read(out_, out_buffer_, result_.out);
    read(err_, err_buffer_, result_.err);
    watch_leader();
    arm_timeout();
  }

 private:
  using Buffer = std::array<char, 32 * 1024>;

  void fail_spawn(int error, std::string what) {
    result_.end = RunResult::End::kSpawnFailed;
    result_.error = std::move(what) + ": " + std::strerror(error);
    group_done_ = true;
    open_streams_ = 0;
    auto self = shared_from_this();
    asio::post(io_, [self] { self->finish(); });
  }

  void read(asio::posix::stream_descriptor& stream, Buffer& buffer, CapturedStream& into) {
    auto self = shared_from_this();
    stream.async_read_some(asio::buffer(buffer), [self, &stream, &buffer, &into](
                                                     boost::system::error_code ec, std::size_t n) {
      self->keep(into, buffer.data(), n);
      if (ec) {
        boost::system::error_code ignored;
        stream.close(ignored);
        --self->open_streams_;
        self->maybe_finish();
        return;
      }
      self->read(stream, buffer, into);
    });
  }

  void keep(CapturedStream& into, const char* data, std::size_t n) {
    std::size_t room = request_.output_cap > into.text.size()
                           ? request_.output_cap - into.text.size() : 0;
    std::size_t kept = std::min(room, n);
    into.text.append(data, kept);
    into.dropped += n - kept;
  }

  void watch_leader() {
    int fd = pidfd_open(pid_);
    if (fd < 0) return poll_leader();  // kernels before 5.3
    pidfd_.assign(fd);
    auto self = shared_from_this();
    pidfd_.async_wait(asio::posix::stream_descriptor::wait_read,
                      [self](boost::system::error_code ec) {
                        if (!ec) self->on_leader_exit();
                      });
  }

  // Fallback without pidfd: look at the leader every few milliseconds
  // (without reaping it, so its pid and group id stay reserved).
  void poll_leader() {
    siginfo_t info{};
    if (::waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_)
      return on_leader_exit();
    reap_timer_.expires_after(std::chrono::milliseconds(5));
    auto self = shared_from_this();
    reap_timer_.async_wait([self](boost::system::error_code ec) {
      if (!ec) self->poll_leader();
    });
  }

  void arm_timeout() {
    timeout_timer_.expires_after(request_.timeout);
    auto self = shared_from_this();
    timeout_timer_.async_wait([self](boost::system::error_code ec) {
      if (ec || self->group_done_) return;
      if (self->leader_exited_)
        self->result_.leftovers_killed = true;
      else
        self->result_.timed_out = true;
      ::kill(-self->pid_, SIGTERM);
      self->grace_timer_.expires_after(self->request_.kill_grace);
      self->grace_timer_.async_wait([self](boost::system::error_code ec2) {
        if (!ec2 && !self->group_done_) ::kill(-self->pid_, SIGKILL);
      });
    });
  }

  bool kill_at_exit() const { return request_.leftovers == Leftovers::kKillAtExit; }

  // The leader is a zombie now, so its pid (= the group id) cannot be reused
  // while we deal with the rest of the group.
  void on_leader_exit() {
    leader_exited_ = true;
    if (kill_at_exit()) {
      timeout_timer_.cancel();
      grace_timer_.cancel();
      ::kill(-pid_, SIGKILL);
    }
    reap();
  }

  void record(int status) {
    if (WIFEXITED(status)) {
      result_.end = RunResult::End::kExited;
      result_.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      result_.end = RunResult::End::kSignaled;
      result_.signal = WTERMSIG(status);
    }
  }

  // Reaps the leader and, as subreaper, the group's orphans, until none of
  // our children is left in the group.
  void reap() {
    for (;;) {
      int status = 0;
      pid_t r = ::waitpid(-pid_, &status, WNOHANG);
      if (r == pid_) record(status), leader_reaped_ = true;
      if (r > 0) continue;
      if (r < 0 && errno == EINTR) continue;
      if (r == 0) return reap_later();  // members still running or dying
      break;                            // ECHILD: nothing of ours left
    }
    if (!leader_reaped_) {  // the leader left its own group (setpgid)
      int status = 0;
      if (::waitpid(pid_, &status, 0) == pid_) record(status);
    }
    group_reaped();
  }

  // Killed members die within microseconds; members allowed to run until
  // the deadline are looked at less often.
  void reap_later() {
    if (kill_at_exit()) ::kill(-pid_, SIGKILL);  // anything forked since the last kill
    reap_timer_.expires_after(std::chrono::milliseconds(kill_at_exit() ? 1 : 10));
    auto self = shared_from_this();
    reap_timer_.async_wait([self](boost::system::error_code ec) {
      if (!ec) self->reap();
    });
  }

  void group_reaped() {
    group_done_ = true;
    if (open_streams_ > 0) {
      // Someone outside the group (a daemon that left it) still holds a
      // pipe; do not wait for it forever.
      drain_timer_.expires_after(request_.kill_grace);
      auto self = shared_from_this();
      drain_timer_.async_wait([self](boost::system::error_code ec) {
        if (ec) return;
        boost::system::error_code ignored;
        self->out_.close(ignored);
        self->err_.close(ignored);
      });
    }
    maybe_finish();
  }

  void maybe_finish() {
    if (group_done_ && open_streams_ == 0) finish();
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    timeout_timer_.cancel();
    grace_timer_.cancel();
    reap_timer_.cancel();
    drain_timer_.cancel();
    boost::system::error_code ignored;
    pidfd_.close(ignored);
    result_.duration = Clock::now() - started_;
    auto done = std::move(done_);
    done(std::move(result_));
  }

  asio::io_context& io_;
  RunRequest request_;
  Runner::Callback done_;
  asio::posix::stream_descriptor out_, err_, pidfd_;
  asio::steady_timer timeout_timer_, grace_timer_, reap_timer_, drain_timer_;
  Buffer out_buffer_{}, err_buffer_{};
  RunResult result_;
  pid_t pid_ = 0;
  int open_streams_ = 2;
  bool leader_exited_ = false;
  bool leader_reaped_ = false;
  bool group_done_ = false;
  bool finished_ = false;
  Clock::time_point started_;
};

}  // namespace

std::string RunResult::describe() const {
  std::string text;
  switch (end) {
    case End::kExited: text = "exit " + std::to_string(exit_code); break;
    case End::kSignaled: text = "signal " + std::to_string(signal); break;
    case End::kSpawnFailed: return "spawn failed: " + error;
  }
  if (timed_out) text += " (timed out)";
  if (leftovers_killed) text += " (processes it left were killed at the deadline)";
  return text;
}

Runner::Runner(boost::asio::io_context& io, Options options) : io_(io) {
  if (options.make_subreaper) make_subreaper_once();
}

void Runner::async_run(RunRequest request, Callback done) {
  auto action = std::make_shared<Action>(io_, std::move(request), std::move(done));
  action->start();
}

RunResult Runner::run(RunRequest request) {
  boost::asio::io_context io;
  Runner runner(io);
  RunResult result;
  runner.async_run(std::move(request), [&result](RunResult r) { result = std::move(r); });
  io.run();
  return result;
}

}  // namespace ocf::agents
