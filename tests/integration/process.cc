#include "tests/integration/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ocf::integration {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kOutputCap = 4 << 20;  // enough for any log; a runaway is cut off

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// In the child: own process group (so a timeout can kill the whole tree), stdin from
// /dev/null, stdout and stderr into the pipe, then exec. Only async-signal-safe calls.
[[noreturn]] void exec_child(int out_fd, char** argv, char** envp) {
  setpgid(0, 0);
  int null_fd = open("/dev/null", O_RDONLY);
  if (null_fd >= 0) dup2(null_fd, 0);
  dup2(out_fd, 1);
  dup2(out_fd, 2);
  execve(argv[0], argv, envp);
  const char msg[] = "exec failed\n";
  ssize_t ignored = write(2, msg, sizeof msg - 1);
  (void)ignored;
  _exit(127);
}

// Reads the pipe until EOF or the deadline; returns false on timeout.
bool drain(int fd, std::chrono::steady_clock::time_point deadline, std::string& out) {
  char buf[8192];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    if (out.size() < kOutputCap) out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string RunResult::describe(const std::vector<std::string>& argv) const {
  std::ostringstream s;
  s << "command:";
  for (const auto& a : argv) s << " '" << a << "'";
  if (timed_out) {
    s << "\n  TIMED OUT (process group killed)";
  } else if (term_signal != 0) {
    s << "\n  KILLED BY SIGNAL " << term_signal << " (" << strsignal(term_signal) << ")";
  } else {
    s << "\n  exit status " << exit_code;
  }
  s << "\n  output:\n" << output;
  return s.str();
}

RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
              std::chrono::seconds deadline) {
  std::vector<std::string> args = argv;
  std::vector<std::string> env = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"};
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) exec_child(fds[1], c_args.data(), c_env.data());
  setpgid(pid, pid);  // also here, so the group exists before any kill below
  close(fds[1]);

  RunResult result;
  bool finished = drain(fds[0], std::chrono::steady_clock::now() + deadline, result.output);
  close(fds[0]);
  if (!finished) {
    result.timed_out = true;
    kill(-pid, SIGKILL);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  return result;
}

TempDir::TempDir() {
  std::string tmpl = "/tmp/ocfbridge-it.XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path source_dir() { return OCFBRIDGE_SOURCE_DIR; }
fs::path binary_dir() { return OCFBRIDGE_BINARY_DIR; }
fs::path hb_check_script() { return source_dir() / "tests/lab/hb-check.sh"; }
fs::path lab_script() { return source_dir() / "tests/lab/lab.sh"; }
fs::path ocfbridge_binary() { return binary_dir() / "bridge/cli/ocfbridge"; }

void copy_config_fixture(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive);
  if (fs::exists(to / "authkeys")) {
    fs::permissions(to / "authkeys", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
  }
}

std::vector<pid_t> lab_node_pids(const fs::path& lab_dir, const std::string& node) {
  std::vector<pid_t> out;
  pid_t init = 0, holder = 0;
  std::ifstream(lab_dir / node / "init.pid") >> init;
  std::ifstream(lab_dir / node / "holder.pid") >> holder;
  if (holder > 0) out.push_back(holder);
  if (init <= 0) return out;
  std::error_code ec;
  auto ns = fs::read_symlink("/proc/" + std::to_string(init) + "/ns/pid", ec);
  for (const auto& e : fs::directory_iterator("/proc")) {
    const auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (fs::read_symlink(e.path() / "ns/pid", ec) == ns && !ec) out.push_back(std::stoi(name));
  }
  return out;
}

std::string lab_down_leftovers(const fs::path& lab_dir, const std::string& tag,
                               const std::vector<std::string>& nodes,
                               std::chrono::milliseconds deadline) {
  std::vector<pid_t> pids;
  for (const auto& node : nodes)
    for (pid_t p : lab_node_pids(lab_dir, node)) pids.push_back(p);
  if (pids.size() < 3 * nodes.size()) return "the lab did not record its processes";
  auto down = run({lab_script().string(), "down"}, {"LAB_DIR=" + lab_dir.string()});
  if (down.exit_code != 0) return down.describe({lab_script().string(), "down"});
  std::string left;
  auto netns = run({"/usr/bin/env", "ip", "netns", "list"});
  if (contains(netns.output, tag)) left += "namespaces:\n" + netns.output;
  if (fs::exists(lab_dir)) left += "the lab dir " + lab_dir.string() + "\n";
  auto end = std::chrono::steady_clock::now() + deadline;
  auto alive = [&] {
    return std::any_of(pids.begin(), pids.end(), [](pid_t p) { return process_alive(p); });
  };
  while (alive() && std::chrono::steady_clock::now() < end)
    ::usleep(200 * 1000);
  for (pid_t p : pids)
    if (process_alive(p)) left += "process " + std::to_string(p) + "\n";
  return left;
}

bool process_alive(pid_t pid) {
  // A zombie still answers kill(0); its /proc status shows state "Z".
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("State:", 0) == 0) return line.find('Z') == std::string::npos;
  }
  return false;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace ocf::integration
