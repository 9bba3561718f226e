// Shared helpers of the Kimberlite adapter tests: fixture paths, a Context
// over the real file system with the shipped Lua quirks, and a fixed clock.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adapters/kimberlite/conf_parser.h"
#include "adapters/kimberlite/conf_writer.h"
#include "adapters/kimberlite/export.h"
#include "adapters/kimberlite/import.h"
#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"

namespace ocf::adapters::kimberlite::testing {

inline std::filesystem::path source_dir() { return OCFBRIDGE_SOURCE_DIR; }
inline std::filesystem::path fixture(const std::string& name) {
  return source_dir() / "tests/fixtures/kimberlite" / name;
}
inline std::filesystem::path lua_dir() { return source_dir() / "lua"; }

inline std::string read_text(const std::filesystem::path& path) {
  std::string text;
  io::IoError error;
  if (!io::Env::real().read_file(path, text, error)) return {};
  return text;
}

inline WriteOptions fixed_clock(std::int64_t seconds = 1005314702) {
  WriteOptions options;
  options.clock = [seconds] { return seconds; };
  return options;
}

// A context with the shipped quirks and, optionally, an override root.
struct Harness {
  explicit Harness(std::vector<std::filesystem::path> extra_roots = {})
      : context(io::Env::real(), roots(std::move(extra_roots))) {}

  static std::vector<std::filesystem::path> roots(std::vector<std::filesystem::path> extra) {
    std::vector<std::filesystem::path> out = {lua_dir()};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
  }

  quirks::QuirkSet& quirks(model::Diagnostics& d) { return context.quirks(kProduct, d); }

  std::optional<model::Cluster> import_text(const std::string& text, const std::string& file,
                                            model::Diagnostics& d) {
    auto document = parse_conf(text, file, d);
    if (!document) return std::nullopt;
    return import_document(*document, quirks(d), d);
  }

  std::optional<model::Cluster> import_fixture(const std::string& name, model::Diagnostics& d) {
    return read_cluster_conf(fixture(name), context, d);
  }

  std::optional<std::string> export_text(const model::Cluster& cluster, model::Diagnostics& d) {
    auto document = export_cluster(cluster, quirks(d), d);
    if (!document) return std::nullopt;
    return write_conf(*document, fixed_clock());
  }

  adapter::Context context;
};

// Every diagnostic, one a line, for failure messages.
inline std::string dump(const model::Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += e.to_string() + "\n";
  return out;
}

inline std::vector<std::string> codes(const model::Diagnostics& d, model::Severity severity) {
  std::vector<std::string> out;
  for (const auto& e : d.of(severity)) out.push_back(e.code);
  return out;
}

}  // namespace ocf::adapters::kimberlite::testing
