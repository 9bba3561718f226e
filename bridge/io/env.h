// The OS seam: reading inputs and committing outputs.
//
// Adapters never touch the file system themselves. They read through an
// Env (so tests can hand them in-memory files) and produce an Output: the
// files to write, in memory. commit() then writes an Output atomically:
// every file goes to a temporary name first and is renamed into place only
// when all of them were written, so a failed run leaves no partial output.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocf::io {

// An error from the OS, as text for the user ("cannot read X: No such file").
struct IoError {
  std::string message;
};

class Env {
 public:
  virtual ~Env() = default;
  // Whole file contents, or an error.
  virtual bool read_file(const std::filesystem::path& path, std::string& contents,
                         IoError& error) const = 0;
  virtual bool exists(const std::filesystem::path& path) const = 0;
  virtual bool is_directory(const std::filesystem::path& path) const = 0;
  // Names (not paths) of regular files in a directory, sorted.
  virtual std::vector<std::string> list_files(const std::filesystem::path& dir) const = 0;

  // The real file system.
  static const Env& real();
};

// An Env over a map of path -> contents, for tests.
class MemoryEnv : public Env {
 public:
  void add(std::filesystem::path path, std::string contents);
  bool read_file(const std::filesystem::path& path, std::string& contents,
                 IoError& error) const override;
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  std::vector<std::string> list_files(const std::filesystem::path& dir) const override;

 private:
  std::map<std::filesystem::path, std::string> files_;
};

struct OutputFile {
  std::string name;      // relative to the output (empty for a single file)
  std::string contents;
  unsigned mode = 0644;  // authkeys: 0600
};

// What a writer produces. A single-file output has one file with an empty
// name; a directory output has named files.
struct Output {
  bool directory = false;
  std::vector<OutputFile> files;
  const OutputFile* find(std::string_view name) const;
};

// Writes `output` to `target` (a file, or a directory that is created when
// missing; existing files in it with other names are left alone). Atomic per
// file, and all-or-nothing across files: temporaries are written and
// fsynced first, renamed only when all succeeded, removed on failure.
bool commit(const Output& output, const std::filesystem::path& target, IoError& error);

}  // namespace ocf::io
