#include "adapters/heartbeat/directory.h"

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

void read_ocf_instances(const fs::path& dir, const io::Env& env, Document& doc,
                        model::Diagnostics& diagnostics) {
  for (const auto& e : doc.haresources.entries) {
    if (e.kind != Entry::Kind::kItem) continue;
    for (std::size_t i = 1; i < e.words.size(); ++i) {
      if (e.words[i].text.rfind("OCF::", 0) != 0) continue;
      model::Diagnostics ignored;
      auto spec = parse_resource(e.words[i], doc.haresources.path, ignored);
      if (!spec || spec->form != ResourceSpec::Form::kOcf) continue;
      std::string key = spec->args[0].text + "/" + spec->args[1].text;
      fs::path path = dir / ocf_instance_name(spec->args[0].text, spec->args[1].text);
      std::string text;
      io::IoError error;
      if (doc.ocf_instances.count(key) || !env.read_file(path, text, error)) continue;
      doc.ocf_instances.emplace(key, parse_ocf_instance(text, path.string(), diagnostics));
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
  read_ocf_instances(dir, env, doc, diagnostics);
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
  // Instance files may hold passwords; only root (ResourceManager) reads them.
  for (const auto& [key, instance] : document.ocf_instances)
    out.files.push_back({"conf/OCF/" + key,
                         write_ocf_instance(instance, "OCF::" + key.substr(0, key.find('/')) +
                                                          "::" + key.substr(key.find('/') + 1) +
                                                          ": parameters of the OCF agent, sourced "
                                                          "by /etc/ha.d/resource.d/OCF"),
                         0600});
  return out;
}

void check_written(const io::Output& output, const ScriptTable& scripts,
                   model::Diagnostics& diagnostics) {
  // Read the output back exactly as the adapter reads a directory, with no
  // machine facts (interfaces, programs, users: those are warnings).
  const fs::path dir = "/written";
  io::MemoryEnv env;
  for (const auto& f : output.files) env.add(dir / f.name, f.contents);
  model::Diagnostics d;
  if (auto document = read_directory(dir, env, d); document && !d.has_errors())
    import_document(*document, scripts, env, dir, d);
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

}  // namespace ocf::adapters::heartbeat
