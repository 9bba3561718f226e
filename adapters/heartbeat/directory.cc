#include "adapters/heartbeat/directory.h"

#include "adapters/heartbeat/authkeys_parser.h"
#include "adapters/heartbeat/hacf_parser.h"
#include "adapters/heartbeat/haresources_parser.h"
#include "adapters/heartbeat/layout.h"
#include "adapters/heartbeat/writer.h"

namespace ocf::adapters::heartbeat {
namespace {

namespace fs = std::filesystem;

bool read(const io::Env& env, const fs::path& path, std::string& text,
          model::Diagnostics& diagnostics) {
  io::IoError error;
  if (env.read_file(path, text, error)) return true;
  diagnostics.error("heartbeat.unreadable", error.message, {path.string(), 0, 0});
  return false;
}

std::vector<std::string> hacf_nodes(const ConfigFile& hacf) {
  std::vector<std::string> nodes;
  for (const auto& e : hacf.entries)
    if (e.kind == Entry::Kind::kItem && e.words[0].text == "node")
      for (std::size_t i = 1; i < e.words.size(); ++i) nodes.push_back(e.words[i].text);
  return nodes;
}

std::string unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return std::string(v);
}

// conf/OCF/TYPE/INSTANCE holds shell assignments, sourced by resource.d/OCF.
OcfInstance parse_ocf_instance(std::string_view text, std::string path) {
  OcfInstance instance;
  instance.path = std::move(path);
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i].substr(0, lines[i].find('#'));
    auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) continue;
    line = line.substr(start);
    if (line.rfind("export ", 0) == 0) continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    auto end = line.find_last_not_of(" \t");
    instance.params.emplace_back(std::string(line.substr(0, eq)),
                                 unquote(line.substr(eq + 1, end - eq)));
    instance.origins.push_back({instance.path, static_cast<std::uint32_t>(i + 1),
                                static_cast<std::uint32_t>(start + 1)});
  }
  return instance;
}

void read_ocf_instances(const fs::path& dir, const io::Env& env, Document& doc) {
  for (const auto& e : doc.haresources.entries) {
    if (e.kind != Entry::Kind::kItem) continue;
    for (std::size_t i = 1; i < e.words.size(); ++i) {
      if (e.words[i].text.rfind("OCF::", 0) != 0) continue;
      model::Diagnostics ignored;
      auto spec = parse_resource(e.words[i], doc.haresources.path, ignored);
      if (!spec || spec->form != ResourceSpec::Form::kOcf) continue;
      std::string key = spec->args[0].text + "/" + spec->args[1].text;
      fs::path path = dir / "conf" / "OCF" / spec->args[0].text / spec->args[1].text;
      std::string text;
      io::IoError error;
      if (doc.ocf_instances.count(key) || !env.read_file(path, text, error)) continue;
      doc.ocf_instances.emplace(key, parse_ocf_instance(text, path.string()));
    }
  }
}

}  // namespace

std::optional<Document> read_directory(const fs::path& dir, const io::Env& env,
                                       model::Diagnostics& diagnostics) {
  if (!env.is_directory(dir)) {
    diagnostics.error("heartbeat.not-directory",
                      dir.string() + " is not a heartbeat configuration directory (ha.cf, "
                      "haresources, authkeys)",
                      {dir.string(), 0, 0});
    return std::nullopt;
  }
  Document doc;
  std::string text;
  fs::path hacf = dir / std::string(kHaCf);
  if (!read(env, hacf, text, diagnostics)) return std::nullopt;
  doc.hacf = parse_hacf(text, hacf.string(), env, diagnostics);

  fs::path haresources = dir / std::string(kHaresources);
  bool pacemaker = uses_pacemaker(doc.hacf);
  if (!pacemaker || env.exists(haresources)) {
    if (!read(env, haresources, text, diagnostics)) return std::nullopt;
    // With pacemaker on, the daemon does not read haresources: nothing to check.
    model::Diagnostics unused;
    doc.haresources = parse_haresources(text, haresources.string(), hacf_nodes(doc.hacf),
                                        pacemaker ? unused : diagnostics);
  }
  fs::path authkeys = dir / std::string(kAuthkeys);
  if (!read(env, authkeys, text, diagnostics)) return std::nullopt;
  doc.authkeys = parse_authkeys(text, authkeys.string(), diagnostics);
  read_ocf_instances(dir, env, doc);
  return doc;
}

io::Output write_directory(const Document& document) {
  io::Output out;
  out.directory = true;
  out.files.push_back({std::string(kHaCf), write_file(document.hacf, FileKind::kHaCf), 0644});
  out.files.push_back({std::string(kHaresources),
                       write_file(document.haresources, FileKind::kHaresources), 0644});
  out.files.push_back(
      {std::string(kAuthkeys), write_file(document.authkeys, FileKind::kAuthkeys), 0600});
  return out;
}

void check_written(const io::Output& output, model::Diagnostics& diagnostics) {
  io::MemoryEnv nothing;  // no machine facts: interfaces, programs, users
  model::Diagnostics d;
  ConfigFile hacf;
  if (const auto* f = output.find(kHaCf)) hacf = parse_hacf(f->contents, "ha.cf", nothing, d);
  if (const auto* f = output.find(kHaresources); f && !uses_pacemaker(hacf))
    parse_haresources(f->contents, "haresources", hacf_nodes(hacf), d);
  if (const auto* f = output.find(kAuthkeys)) parse_authkeys(f->contents, "authkeys", d);
  for (const auto& e : d.entries()) {
    bool incomplete = e.code == "hacf.no-media" || e.code == "hacf.no-nodes" ||
                      e.code == "authkeys.empty";
    if (e.severity != model::Severity::kError && !incomplete) continue;
    diagnostics.error("export.rejected",
                      "heartbeat would reject the written " + e.where.to_string() + ": " +
                          e.message + " [" + e.code + "]");
  }
}

}  // namespace ocf::adapters::heartbeat
