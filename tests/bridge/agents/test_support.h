// Helpers for the agent tests: world-readable temp directories (ocf-tester
// runs meta-data as `nobody`), script files, and the leak checks every test
// ends with (no child, no zombie, no process left in a group).
#pragma once

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ocf::agents::testing {

// A fresh directory under /tmp, mode 0755, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/ocfbridge-agents-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
    ::chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text,
                                        unsigned mode = 0644) {
  std::filesystem::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  ::chmod(path.c_str(), mode);
  return path;
}

inline std::filesystem::path write_script(const std::filesystem::path& path, const std::string& body) {
  return write_file(path, "#!/bin/sh\n" + body, 0755);
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// True when no process is left in process group `pgid`.
inline bool group_gone(int pgid) { return ::kill(-pgid, 0) == -1 && errno == ESRCH; }

// Pids of processes whose parent is this process (alive or zombie).
inline std::vector<int> children_of_self() {
  std::vector<int> children;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return children;
  std::string self = std::to_string(::getpid());
  while (dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream status(std::string("/proc/") + e->d_name + "/status");
    std::string line;
    while (std::getline(status, line))
      if (line.rfind("PPid:", 0) == 0) {
        std::istringstream words(line.substr(5));
        std::string ppid;
        words >> ppid;
        if (ppid == self) children.push_back(std::stoi(e->d_name));
        break;
      }
  }
  ::closedir(proc);
  return children;
}

// No child left: neither waitable (zombie) nor alive.
inline bool no_children_left() {
  int status = 0;
  pid_t r = ::waitpid(-1, &status, WNOHANG);
  return r == -1 && errno == ECHILD && children_of_self().empty();
}

}  // namespace ocf::agents::testing
