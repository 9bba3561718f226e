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

// An Env over a map of path -> contents, for tests. A directory exists when
// an added file lies below it, at any depth.
class MemoryEnv : public Env {
 public:
  void add(std::filesystem::path path, std::string contents);
  // Adds every regular file below the real directory `dir`, under its own
  // path (e.g. the shipped lua/ tree, so quirks load as they would from disk).
  void add_tree(const std::filesystem::path& dir);
  bool read_file(const std::filesystem::path& path, std::string& contents,
                 IoError& error) const override;
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  std::vector<std::string> list_files(const std::filesystem::path& dir) const override;

  // The key a path's text is filed under: repeated '/' made one, a trailing
  // '/' dropped, so that a directory's files are one contiguous run after
  // "dir/" (comparing std::filesystem::path objects element by element was
  // the cost of looking up thousands of files). Public for Envs that must
  // answer as this one does.
  static std::string key(std::string_view path_text);
  // The key prefix of the files in directory `dir_text`: its key and a '/'.
  static std::string dir_prefix(std::string_view dir_text);

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

struct OutputFile {
  // Relative to the output (empty for a single file). In a directory output
  // a name may have subdirectories ("conf/OCF/exportfs/home"): '/'-separated,
  // no empty, "." or ".." component, never absolute.
  std::string name;
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
// missing; existing files in it with other names are left alone). Missing
// subdirectories of file names are created. Atomic per file, and
// all-or-nothing across files: names are checked first, temporaries are
// written and put on disk (an fsync for one file, one syncfs of the file
// system for several), renamed only when all succeeded, and on failure the
// temporaries and every directory this call created are removed.
// (A failure of rename itself, after the others succeeded, cannot be undone;
// the error says which file.)
bool commit(const Output& output, const std::filesystem::path& target, IoError& error);

}  // namespace ocf::io
