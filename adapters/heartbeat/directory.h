// A heartbeat configuration directory <-> native document: which files are
// read (ha.cf, haresources, authkeys, conf/OCF/TYPE/INSTANCE) through the Env
// seam, and which are written (authkeys with mode 0600).
#pragma once

#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/heartbeat/document.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/io/env.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

// Reads and checks the three files (and the OCF instance files haresources
// names). nullopt only when a required file cannot be read; parse errors
// are in `diagnostics` and the document is still returned.
std::optional<Document> read_directory(const std::filesystem::path& dir, const io::Env& env,
                                       model::Diagnostics& diagnostics);

// Renders the document as the files of a directory output (the OCF
// instances as conf/OCF/TYPE/INSTANCE, mode 0600).
io::Output write_directory(const Document& document);

// Reads what write_directory produced back through the adapter's own reader
// (which makes every check the daemon makes, and more); every error, and an
// incomplete configuration the daemon refuses (no node, no medium, no key,
// an OCF:: resource without its file), is reported as "export.rejected": the
// adapter never hands out files heartbeat or the adapter itself would
// refuse. Checks that depend on the machine are skipped.
void check_written(const io::Output& output, const ScriptTable& scripts,
                   model::Diagnostics& diagnostics);

// The files of a directory output seen as an Env below `dir` (an absolute
// path other than "/"): every call answers as an io::MemoryEnv holding
// dir/NAME for each output file would, but nothing is copied (check_written
// reads thousands of OCF instance files back). The output must outlive it.
class OutputEnv final : public io::Env {
 public:
  OutputEnv(const io::Output& output, const std::filesystem::path& dir);

  bool read_file(const std::filesystem::path& path, std::string& contents,
                 io::IoError& error) const override;
  bool exists(const std::filesystem::path& path) const override;
  bool is_directory(const std::filesystem::path& path) const override;
  std::vector<std::string> list_files(const std::filesystem::path& dir) const override;

  // read_file without a copy or a std::filesystem::path: `path` is the text
  // of a path; `text` stays valid until the next call.
  bool read_view(std::string_view path, std::string_view& text, io::IoError& error) const;

 private:
  const std::string* find_key(std::string_view key) const;

  std::string root_;                 // key of dir, then '/'
  const std::string* at_dir_ = nullptr;  // a file whose name is empty (key = dir itself)
  // Names relative to root_ in key form, sorted; the last file of a name wins.
  std::vector<std::pair<std::string_view, const std::string*>> files_;
  // files_ by name: check_written reads thousands of files by name.
  std::unordered_map<std::string_view, const std::string*> index_;
  std::deque<std::string> owned_;    // names that had to be put in key form
  // An absolute name (dir / "/x" is "/x"): every call goes to a MemoryEnv.
  std::optional<io::MemoryEnv> fallback_;
  mutable std::string buffer_;       // read_view through fallback_
};

}  // namespace ocf::adapters::heartbeat
