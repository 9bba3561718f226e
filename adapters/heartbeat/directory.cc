#include "adapters/heartbeat/directory.h"

#include <algorithm>

#include "adapters/heartbeat/authkeys_parser.h"
#include "adapters/heartbeat/hacf_parser.h"
#include "adapters/heartbeat/haresources_parser.h"
#include "adapters/heartbeat/import.h"
#include "adapters/heartbeat/layout.h"
#include "adapters/heartbeat/ocf_instance.h"
#include "adapters/heartbeat/writer.h"

namespace ocf::adapters::heartbeat {
namespace {

namespace fs = std::filesystem;

// `name` (relative, never starting with '/') below `dir`: the text of
// dir / name, built as a string (a std::filesystem::path operation splits
// the whole path into components, and thousands of instance files are read).
std::string join(const std::string& dir, std::string_view name) {
  std::string out;
  out.reserve(dir.size() + 1 + name.size());
  out += dir;
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

// Where read_directory gets a file's text: the Env, or, in check_written,
// the output itself without a copy.
class Files {
 public:
  Files(const io::Env& env, const OutputEnv* output) : env_(env), output_(output) {}

  bool read(const std::string& path, std::string_view& text, io::IoError& error) {
    if (output_) return output_->read_view(path, text, error);
    if (!env_.read_file(fs::path(path), buffer_, error)) return false;
    text = buffer_;
    return true;
  }

 private:
  const io::Env& env_;
  const OutputEnv* output_;
  std::string buffer_;
};

bool read(Files& files, const std::string& path, std::string_view& text,
          model::Diagnostics& diagnostics) {
  io::IoError error;
  if (files.read(path, text, error)) return true;
  diagnostics.error("heartbeat.unreadable", error.message, {path, 0, 0});
  return false;
}

std::vector<std::string> hacf_nodes(const ConfigFile& hacf) {
  std::vector<std::string> nodes;
  for (const auto& e : hacf.entries)
    if (e.kind == Entry::Kind::kItem && e.words[0].text == "node")
      for (std::size_t i = 1; i < e.words.size(); ++i) nodes.push_back(e.words[i].text);
  return nodes;
}

void read_ocf_instances(const std::string& dir, Files& files, Document& doc,
                        model::Diagnostics& diagnostics) {
  const std::string prefix = join(dir, "");  // "DIR/"
  std::string key;
  ResourceView spec;
  std::size_t words = 0;  // at most this many instances: sized once
  for (const auto& e : doc.haresources.entries)
    for (const auto& w : e.words) words += w.text.starts_with("OCF::");
  doc.ocf_instances.reserve(words);
  for (const auto& e : doc.haresources.entries) {
    if (e.kind != Entry::Kind::kItem) continue;
    for (std::size_t i = 1; i < e.words.size(); ++i) {
      if (!e.words[i].text.starts_with("OCF::")) continue;
      model::Diagnostics ignored;
      if (!parse_resource(e.words[i], doc.haresources.path, ignored, spec) ||
          spec.form != ResourceSpec::Form::kOcf)
        continue;
      std::string_view type = spec.args[0].text;
      std::string_view instance = spec.args[1].text;
      key.clear();
      key.append(type).append(1, '/').append(instance);
      auto [at, fresh] = doc.ocf_instances.try_emplace(key);
      if (!fresh) continue;
      std::string path;  // join(dir, ocf_instance_name(type, instance)) in one allocation
      path.reserve(prefix.size() + 9 + key.size());
      path.append(prefix);
      append_ocf_instance_name(path, type, instance);
      std::string_view text;
      io::IoError error;
      if (!files.read(path, text, error)) {
        doc.ocf_instances.erase(at);
        continue;
      }
      at->second = parse_ocf_instance(text, std::move(path), diagnostics);
    }
  }
}

std::optional<Document> read_directory(const fs::path& dir, const io::Env& env,
                                       const OutputEnv* output, model::Diagnostics& diagnostics) {
  if (!env.is_directory(dir)) {
    diagnostics.error("heartbeat.not-directory",
                      dir.string() + " is not a heartbeat configuration directory (ha.cf, "
                      "haresources, authkeys)",
                      {dir.string(), 0, 0});
    return std::nullopt;
  }
  Files files(env, output);
  const std::string& dir_text = dir.native();
  Document doc;
  std::string_view text;
  std::string hacf = join(dir_text, kHaCf);
  if (!read(files, hacf, text, diagnostics)) return std::nullopt;
  doc.hacf = parse_hacf(text, hacf, env, diagnostics);

  std::string haresources = join(dir_text, kHaresources);
  bool pacemaker = uses_pacemaker(doc.hacf);
  if (!pacemaker || env.exists(fs::path(haresources))) {
    if (!read(files, haresources, text, diagnostics)) return std::nullopt;
    // With pacemaker on, the daemon does not read haresources: nothing to check.
    model::Diagnostics unused;
    doc.haresources = parse_haresources(text, haresources, hacf_nodes(doc.hacf),
                                        pacemaker ? unused : diagnostics);
  }
  std::string authkeys = join(dir_text, kAuthkeys);
  if (!read(files, authkeys, text, diagnostics)) return std::nullopt;
  doc.authkeys = parse_authkeys(text, authkeys, diagnostics);
  read_ocf_instances(dir_text, files, doc, diagnostics);
  return doc;
}

// Already a key: no "//", no trailing '/' (beyond a lone "/").
bool is_key(std::string_view text) {
  return text.find("//") == std::string_view::npos &&
         (text.size() <= 1 || text.back() != '/');
}

}  // namespace

std::optional<Document> read_directory(const fs::path& dir, const io::Env& env,
                                       model::Diagnostics& diagnostics) {
  return read_directory(dir, env, nullptr, diagnostics);
}

io::Output write_directory(const Document& document) {
  io::Output out;
  out.directory = true;
  out.files.reserve(3 + document.ocf_instances.size());
  out.files.push_back({std::string(kHaCf), write_file(document.hacf, FileKind::kHaCf), 0644});
  out.files.push_back({std::string(kHaresources),
                       write_file(document.haresources, FileKind::kHaresources), 0644});
  out.files.push_back(
      {std::string(kAuthkeys), write_file(document.authkeys, FileKind::kAuthkeys), 0600});
  // Instance files may hold passwords; only root (ResourceManager) reads them.
  constexpr std::string_view kDir = "conf/OCF/";
  constexpr std::string_view kHeader =
      ": parameters of the OCF agent, sourced by /etc/ha.d/resource.d/OCF";
  // In the order of the keys (the files' names).
  std::vector<std::pair<std::string_view, const OcfInstance*>> instances;
  instances.reserve(document.ocf_instances.size());
  for (const auto& [key, instance] : document.ocf_instances) instances.emplace_back(key, &instance);
  std::sort(instances.begin(), instances.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string header;
  for (const auto& [key, instance_of] : instances) {
    const OcfInstance& instance = *instance_of;
    std::size_t slash = key.find('/');
    header.clear();
    header.append("OCF::").append(key, 0, slash).append("::");
    if (slash != std::string::npos) header.append(key, slash + 1);
    else header.append(key);  // substr(npos + 1) is the whole key
    header.append(kHeader);
    std::string name;
    name.reserve(kDir.size() + key.size());
    name.append(kDir).append(key);
    out.files.push_back({std::move(name), write_ocf_instance(instance, header), 0600});
  }
  return out;
}

void check_written(const io::Output& output, const ScriptTable& scripts,
                   model::Diagnostics& diagnostics) {
  // Read the output back exactly as the adapter reads a directory, with no
  // machine facts (interfaces, programs, users: those are warnings).
  const fs::path dir = "/written";
  OutputEnv env(output, dir);
  model::Diagnostics d;
  if (auto document = read_directory(dir, env, &env, d); document && !d.has_errors())
    check_document(*document, scripts, env, dir, d);
  for (const auto& e : d.entries()) {
    bool incomplete = e.code == "hacf.no-media" || e.code == "hacf.no-nodes" ||
                      e.code == "authkeys.empty" || e.code == "hares.ocf-instance-missing";
    if (e.severity != model::Severity::kError && !incomplete) continue;
    auto where = e.where;
    if (auto rel = fs::path(where.file.str()).lexically_relative(dir); !rel.empty() && *rel.begin() != "..")
      where.file = rel.string();
    diagnostics.error("export.rejected", "heartbeat would reject the written " +
                                             where.to_string() + ": " + e.message + " [" +
                                             e.code + "]");
  }
}

OutputEnv::OutputEnv(const io::Output& output, const fs::path& dir)
    : root_(io::MemoryEnv::dir_prefix(dir.native())) {
  for (const auto& f : output.files)
    if (f.name.starts_with('/')) {
      fallback_.emplace();
      for (const auto& g : output.files) fallback_->add(dir / g.name, g.contents);
      return;
    }
  files_.reserve(output.files.size());
  for (const auto& f : output.files) {
    // dir/NAME as MemoryEnv would key it, relative to root_.
    std::string_view name = f.name;
    if (!is_key(name) || name.empty()) {
      std::string key = io::MemoryEnv::key(root_ + f.name);
      if (key.size() < root_.size()) {  // the empty name: the file is dir itself
        at_dir_ = &f.contents;
        continue;
      }
      name = owned_.emplace_back(key.substr(root_.size()));
    }
    files_.emplace_back(name, &f.contents);
  }
  // Sorted by name; among equal names the last added wins, as in MemoryEnv.
  // write_directory's files are sorted but for the first three (authkeys
  // and conf/ sort before ha.cf): the sorted tail is merged, not sorted.
  auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::size_t tail = files_.empty() ? 0 : files_.size() - 1;
  while (tail > 0 && !by_name(files_[tail], files_[tail - 1])) --tail;
  auto middle = files_.begin() + static_cast<std::ptrdiff_t>(tail);
  std::stable_sort(files_.begin(), middle, by_name);
  std::inplace_merge(files_.begin(), middle, files_.end(), by_name);  // stable too
  auto last = std::unique(files_.rbegin(), files_.rend(),
                          [](const auto& a, const auto& b) { return a.first == b.first; });
  files_.erase(files_.begin(), last.base());
  index_.reserve(files_.size());
  for (const auto& [name, contents] : files_) index_.emplace(name, contents);
}

const std::string* OutputEnv::find_key(std::string_view key) const {
  if (at_dir_ && key.size() + 1 == root_.size() && root_.starts_with(key)) return at_dir_;
  if (key.size() <= root_.size() || !key.starts_with(root_)) return nullptr;
  auto it = index_.find(key.substr(root_.size()));
  return it == index_.end() ? nullptr : it->second;
}

bool OutputEnv::read_view(std::string_view path, std::string_view& text,
                          io::IoError& error) const {
  if (fallback_) {
    if (!fallback_->read_file(fs::path(path), buffer_, error)) return false;
    text = buffer_;
    return true;
  }
  const std::string* found = is_key(path) ? find_key(path) : find_key(io::MemoryEnv::key(path));
  if (!found) {
    error.message = "cannot read " + std::string(path) + ": No such file or directory";
    return false;
  }
  text = *found;
  return true;
}

bool OutputEnv::read_file(const fs::path& path, std::string& contents, io::IoError& error) const {
  if (fallback_) return fallback_->read_file(path, contents, error);
  std::string_view text;
  if (!read_view(path.native(), text, error)) return false;
  contents.assign(text);
  return true;
}

bool OutputEnv::exists(const fs::path& path) const {
  if (fallback_) return fallback_->exists(path);
  return find_key(io::MemoryEnv::key(path.native())) || is_directory(path);
}

bool OutputEnv::is_directory(const fs::path& path) const {
  if (fallback_) return fallback_->is_directory(path);
  std::string prefix = io::MemoryEnv::dir_prefix(path.native());
  if (prefix == root_) return !files_.empty();
  // A shorter prefix of root_ also holds a file at dir itself.
  if (prefix.size() < root_.size()) return root_.starts_with(prefix) && (!files_.empty() || at_dir_);
  if (!prefix.starts_with(root_)) return false;
  std::string_view name = std::string_view(prefix).substr(root_.size());
  auto it = std::lower_bound(files_.begin(), files_.end(), name,
                             [](const auto& f, std::string_view n) { return f.first < n; });
  return it != files_.end() && it->first.starts_with(name);
}

std::vector<std::string> OutputEnv::list_files(const fs::path& dir) const {
  if (fallback_) return fallback_->list_files(dir);
  std::string prefix = io::MemoryEnv::dir_prefix(dir.native());
  std::vector<std::string> names;
  // Every file lies below root_; only root_ itself has direct children.
  if (prefix.size() < root_.size()) {
    if (at_dir_ && root_.starts_with(prefix) &&
        root_.find('/', prefix.size()) == root_.size() - 1)
      names.push_back(root_.substr(prefix.size(), root_.size() - 1 - prefix.size()));
    return names;
  }
  if (!prefix.starts_with(root_)) return names;
  std::string_view under = std::string_view(prefix).substr(root_.size());
  auto it = std::lower_bound(files_.begin(), files_.end(), under,
                             [](const auto& f, std::string_view n) { return f.first < n; });
  for (; it != files_.end() && it->first.starts_with(under); ++it)
    if (it->first.find('/', under.size()) == std::string_view::npos)
      names.emplace_back(it->first.substr(under.size()));
  return names;
}

}  // namespace ocf::adapters::heartbeat
