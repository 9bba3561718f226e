// Shared helpers for the heartbeat adapter tests: an in-memory heartbeat
// directory with the shipped Lua quirks, and read/write through the
// registered adapter.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"
#include "bridge/model/diagnostics.h"
#include "bridge/model/model.h"

namespace ocf::adapters::heartbeat::testing {

inline std::filesystem::path source_dir() { return OCFBRIDGE_SOURCE_DIR; }
inline std::filesystem::path lua_dir() { return source_dir() / "lua"; }
inline std::filesystem::path fixture_dir() { return source_dir() / "tests/fixtures/heartbeat"; }

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const adapter::Adapter& heartbeat_adapter() {
  const auto* a = adapter::Registry::instance().find("heartbeat");
  if (!a) throw std::runtime_error("heartbeat adapter not registered");
  return *a;
}

inline const char* kBaseHaCf =
    "logfacility local0\n"
    "keepalive 1\n"
    "deadtime 10\n"
    "node alpha beta\n"
    "bcast eth0\n"
    "auto_failback on\n";
inline const char* kBaseHaresources = "alpha 10.0.0.50\n";
inline const char* kBaseAuthkeys = "auth 1\n1 sha1 s3cret-value\n";

// A heartbeat directory /etc/ha.d in memory, plus the shipped Lua files.
class MemoryDir {
 public:
  explicit MemoryDir(std::string hacf = kBaseHaCf, std::string haresources = kBaseHaresources,
                     std::string authkeys = kBaseAuthkeys) {
    for (const char* sub : {"common", "heartbeat"}) {
      std::error_code ec;
      for (const auto& f : std::filesystem::directory_iterator(lua_dir() / sub, ec))
        if (f.path().extension() == ".lua") env_.add(f.path(), slurp(f.path()));
    }
    env_.add(dir_ / "ha.cf", std::move(hacf));
    env_.add(dir_ / "haresources", std::move(haresources));
    env_.add(dir_ / "authkeys", std::move(authkeys));
  }
  void add(const std::string& name, std::string contents) { env_.add(dir_ / name, std::move(contents)); }
  const std::filesystem::path& dir() const { return dir_; }
  io::MemoryEnv& env() { return env_; }

  // `override_root`: a --quirks directory (in the memory env) read after lua/.
  std::optional<model::Cluster> read(model::Diagnostics& d,
                                     const std::filesystem::path& override_root = {}) {
    std::vector<std::filesystem::path> roots{lua_dir()};
    if (!override_root.empty()) roots.push_back(override_root);
    adapter::Context context(env_, roots);
    return heartbeat_adapter().read(dir_, context, d);
  }

 private:
  std::filesystem::path dir_ = "/etc/ha.d";
  io::MemoryEnv env_;
};

inline std::optional<model::Cluster> read_real(const std::filesystem::path& dir,
                                               model::Diagnostics& d) {
  adapter::Context context(io::Env::real(), {lua_dir()});
  return heartbeat_adapter().read(dir, context, d);
}

inline std::optional<io::Output> write_model(const model::Cluster& cluster, model::Diagnostics& d) {
  adapter::Context context(io::Env::real(), {lua_dir()});
  return heartbeat_adapter().write(cluster, context, d);
}

// Reads an Output back through the adapter (in memory), with every file it
// holds (conf/OCF instance files too).
inline std::optional<model::Cluster> reread(const io::Output& out, model::Diagnostics& d) {
  MemoryDir dir(out.find("ha.cf")->contents, out.find("haresources")->contents,
                out.find("authkeys")->contents);
  for (const auto& f : out.files) dir.add(f.name, f.contents);
  return dir.read(d);
}

inline std::string dump(const model::Diagnostics& d) {
  std::string s;
  for (const auto& e : d.entries()) s += e.to_string() + "\n";
  return s;
}

// The last heartbeat extension with this key and scope (the last of a
// repeated directive is the one heartbeat applies).
inline const model::Extension* find_extension(const model::Cluster& c, std::string_view key,
                                              std::string_view scope = "") {
  const model::Extension* found = nullptr;
  for (const auto& e : c.extensions)
    if (e.product == "heartbeat" && e.key == key && e.scope == scope) found = &e;
  return found;
}

// Equal as configurations: everything but layout-only extensions (comments,
// line positions), which a rewrite may legitimately drop (a repeated
// directive is written once).
inline bool semantically_equal(model::Cluster a, model::Cluster b) {
  auto strip = [](model::Cluster& c) {
    std::erase_if(c.extensions, [](const model::Extension& e) {
      return adapter::is_layout_extension(e) && e.scope.rfind("file:", 0) == 0;
    });
  };
  strip(a);
  strip(b);
  return a == b;
}

}  // namespace ocf::adapters::heartbeat::testing
