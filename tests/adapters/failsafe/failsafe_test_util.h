// Shared helpers for the FailSafe adapter tests: fixtures, the registered
// adapter, reading and writing through it with the shipped Lua quirks.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"
#include "bridge/model/model.h"

namespace ocf::adapters::failsafe::testing {

inline std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures/failsafe" / name;
}

inline std::vector<std::filesystem::path> shipped_roots() {
  return {std::filesystem::path(OCFBRIDGE_SOURCE_DIR) / "lua"};
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const adapter::Adapter& failsafe() {
  const auto* a = adapter::Registry::instance().find("failsafe");
  if (!a) throw std::runtime_error("failsafe adapter is not registered");
  return *a;
}

inline std::string dump(const model::Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += e.to_string() + "\n";
  return out;
}

// Reads `path` (real file system) with the given quirk roots.
inline std::optional<model::Cluster> read_file(const std::filesystem::path& path,
                                               model::Diagnostics& d,
                                               std::vector<std::filesystem::path> roots =
                                                   shipped_roots()) {
  adapter::Context context(io::Env::real(), std::move(roots));
  return failsafe().read(path, context, d);
}

// Reads script text given in the test (the Lua files still come from disk).
class TextEnv : public io::Env {
 public:
  TextEnv(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {}
  bool read_file(const std::filesystem::path& path, std::string& contents,
                 io::IoError& error) const override {
    if (path == name_) {
      contents = text_;
      return true;
    }
    return io::Env::real().read_file(path, contents, error);
  }
  bool exists(const std::filesystem::path& p) const override {
    return p == name_ || io::Env::real().exists(p);
  }
  bool is_directory(const std::filesystem::path& p) const override {
    return p != name_ && io::Env::real().is_directory(p);
  }
  std::vector<std::string> list_files(const std::filesystem::path& dir) const override {
    return io::Env::real().list_files(dir);
  }

 private:
  std::filesystem::path name_;
  std::string text_;
};

inline std::optional<model::Cluster> read_text(const std::string& text, model::Diagnostics& d,
                                               std::vector<std::filesystem::path> roots =
                                                   shipped_roots()) {
  TextEnv env("test.cmgr", text);
  adapter::Context context(env, std::move(roots));
  return failsafe().read("test.cmgr", context, d);
}

inline std::optional<io::Output> write_model(const model::Cluster& cluster, model::Diagnostics& d,
                                             std::vector<std::filesystem::path> roots =
                                                 shipped_roots()) {
  adapter::Context context(io::Env::real(), std::move(roots));
  return failsafe().write(cluster, context, d);
}

}  // namespace ocf::adapters::failsafe::testing
