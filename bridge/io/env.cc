#include "bridge/io/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace ocf::io {

namespace fs = std::filesystem;

namespace {

class RealEnv final : public Env {
 public:
  bool read_file(const fs::path& path, std::string& contents, IoError& error) const override {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      error.message = "cannot read " + path.string() + ": is a directory";
      return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      error.message = "cannot read " + path.string() + ": " + std::strerror(errno);
      return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    contents = std::move(buffer).str();
    return true;
  }
  bool exists(const fs::path& path) const override {
    std::error_code ec;
    return fs::exists(path, ec);
  }
  bool is_directory(const fs::path& path) const override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }
  std::vector<std::string> list_files(const fs::path& dir) const override {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Writes contents to a fresh temporary beside `final_path`; returns its path.
// With `sync`, the data is on disk before this returns; without, the caller
// syncs the file system once for all its temporaries (see commit).
bool write_temporary(const fs::path& final_path, const OutputFile& file, bool sync,
                     fs::path& temp, IoError& error) {
  std::string pattern = (final_path.parent_path() / ("." + final_path.filename().string() +
                                                     ".tmpXXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    error.message = "cannot create a temporary file beside " + final_path.string() + ": " +
                    std::strerror(errno);
    return false;
  }
  temp = pattern;
  // mkstemp creates 0600; widen only to the requested mode, so secrets
  // are never readable by others even for an instant.
  bool ok = ::fchmod(fd, file.mode) == 0 && write_all(fd, file.contents) &&
            (!sync || ::fsync(fd) == 0);
  int saved = errno;
  ::close(fd);
  if (!ok) {
    error.message = "cannot write " + final_path.string() + ": " + std::strerror(saved);
    ::unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace

const Env& Env::real() {
  static const RealEnv env;
  return env;
}

std::string MemoryEnv::key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text)
    if (c != '/' || out.empty() || out.back() != '/') out += c;
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string MemoryEnv::dir_prefix(std::string_view dir_text) {
  std::string prefix = key(dir_text);
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  return prefix;
}

void MemoryEnv::add(fs::path path, std::string contents) {
  files_[key(path.native())] = std::move(contents);
}

void MemoryEnv::add_tree(const fs::path& dir) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    add(it->path(), std::string(std::istreambuf_iterator<char>(in), {}));
  }
}

bool MemoryEnv::read_file(const fs::path& path, std::string& contents, IoError& error) const {
  auto it = files_.find(key(path.native()));
  if (it == files_.end()) {
    error.message = "cannot read " + path.string() + ": No such file or directory";
    return false;
  }
  contents = it->second;
  return true;
}

bool MemoryEnv::exists(const fs::path& path) const {
  return files_.count(key(path.native())) || is_directory(path);
}


bool MemoryEnv::is_directory(const fs::path& path) const {
  std::string prefix = dir_prefix(path.native());
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.starts_with(prefix);
}

std::vector<std::string> MemoryEnv::list_files(const fs::path& dir) const {
  std::string prefix = dir_prefix(dir.native());
  std::vector<std::string> names;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix);
       ++it)
    if (it->first.find('/', prefix.size()) == std::string::npos)
      names.push_back(it->first.substr(prefix.size()));
  return names;
}

const OutputFile* Output::find(std::string_view name) const {
  for (const auto& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {

// A name is a relative path of plain components ("a/b/c").
bool valid_name(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  for (const auto& part : fs::path(name)) {
    auto text = part.string();
    if (text.empty() || text == "." || text == ".." || text == "/") return false;
  }
  return name.find("//") == std::string_view::npos && name.back() != '/';
}

// Checks every name of a directory output before anything is touched: valid,
// unique, and no file where another file needs a directory.
bool check_names(const Output& output, IoError& error) {
  std::set<std::string> files, directories;
  for (const auto& file : output.files) {
    if (!valid_name(file.name)) {
      error.message = "internal: output file name '" + file.name +
                      "' is not a relative path of plain names";
      return false;
    }
    if (!files.insert(file.name).second) {
      error.message = "internal: output file '" + file.name + "' is given twice";
      return false;
    }
    for (fs::path up = fs::path(file.name).parent_path(); !up.empty(); up = up.parent_path())
      directories.insert(up.string());
  }
  for (const auto& name : files)
    if (directories.count(name)) {
      error.message = "internal: output file '" + name + "' is also a directory of another file";
      return false;
    }
  return true;
}

// Creates `dir` and its missing parents, recording each one created
// (outermost first) so that a failed commit can remove them again.
bool make_directories(const fs::path& dir, std::vector<fs::path>& created, IoError& error) {
  std::vector<fs::path> missing;
  std::error_code ec;
  fs::path start = dir.lexically_normal();  // "out/" and "a/./b" name one directory each
  if (!start.has_filename() && start.has_relative_path()) start = start.parent_path();
  for (fs::path p = start; !p.empty() && !fs::exists(fs::symlink_status(p, ec));
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) != 0) {
      error.message = "cannot create directory " + it->string() + ": " + std::strerror(errno);
      return false;
    }
    created.push_back(*it);
    ::chmod(it->c_str(), 0755);  // whatever the umask: heartbeat must read below it
  }
  if (!fs::is_directory(dir, ec)) {
    error.message = "cannot write into " + dir.string() + ": exists and is not a directory";
    return false;
  }
  return true;
}

}  // namespace

bool commit(const Output& output, const fs::path& target, IoError& error) {
  std::error_code ec;
  if (output.directory) {
    if (fs::exists(target, ec) && !fs::is_directory(target, ec)) {
      error.message = "cannot write " + target.string() + ": exists and is not a directory";
      return false;
    }
    if (!check_names(output, error)) return false;
  } else if (output.files.size() != 1) {
    error.message = "internal: a single-file output must hold exactly one file";
    return false;
  }

  std::vector<fs::path> created;  // directories, outermost first
  std::vector<std::pair<fs::path, fs::path>> staged;  // temp, final
  auto abandon = [&] {
    for (auto& [temp, _] : staged) ::unlink(temp.c_str());
    for (auto it = created.rbegin(); it != created.rend(); ++it) ::rmdir(it->c_str());
  };
  if (output.directory && !make_directories(target, created, error)) {
    abandon();
    return false;
  }
  // One file is synced by itself. Many (a heartbeat directory with an
  // instance file per OCF resource has thousands) are synced together: one
  // syncfs before the renames instead of an fsync each, which took seconds.
  bool one_by_one = output.files.size() == 1;
  std::set<fs::path> ready;  // directories known to exist
  for (const auto& file : output.files) {
    fs::path final_path = output.directory ? target / file.name : target;
    if (output.directory && ready.insert(final_path.parent_path()).second &&
        !make_directories(final_path.parent_path(), created, error)) {
      abandon();
      return false;
    }
    fs::path temp;
    if (!write_temporary(final_path, file, one_by_one, temp, error)) {
      abandon();
      return false;
    }
    staged.emplace_back(temp, final_path);
  }
  if (!one_by_one && !staged.empty()) {
    int fd = ::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool synced = fd >= 0 && ::syncfs(fd) == 0;
    int saved = errno;
    if (fd >= 0) ::close(fd);
    if (!synced) {
      error.message = "cannot flush the files written under " + target.string() + ": " +
                      std::strerror(saved);
      abandon();
      return false;
    }
  }
  for (std::size_t i = 0; i < staged.size(); ++i) {
    if (::rename(staged[i].first.c_str(), staged[i].second.c_str()) != 0) {
      error.message = "cannot rename into " + staged[i].second.string() + ": " +
                      std::strerror(errno);
      for (std::size_t j = i; j < staged.size(); ++j) ::unlink(staged[j].first.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace ocf::io
