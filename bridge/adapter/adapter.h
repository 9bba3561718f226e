// The adapter contract and the registry that adapters join by themselves.
//
// An adapter reads one product's native configuration into the OCF model
// and writes the model back out in that product's form. Adapters register
// at static-initialisation time (see Registration); nothing in the bridge
// switches over product names.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/io/env.h"
#include "bridge/model/model.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapter {

// What an adapter gets from the caller: the file-system seam and the Lua
// quirk roots. Quirk sets load lazily, once per adapter name.
class Context {
 public:
  Context(const io::Env& env, std::vector<std::filesystem::path> quirk_roots);
  ~Context();

  const io::Env& env() const { return env_; }
  const std::vector<std::filesystem::path>& quirk_roots() const { return roots_; }
  // The quirks of `adapter` (lua/common + lua/<adapter> + overrides).
  quirks::QuirkSet& quirks(std::string_view adapter, model::Diagnostics& diagnostics);

 private:
  const io::Env& env_;
  std::vector<std::filesystem::path> roots_;
  std::map<std::string, std::unique_ptr<quirks::QuirkSet>, std::less<>> sets_;
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual std::string_view name() const = 0;         // "heartbeat"
  virtual std::string_view description() const = 0;  // one line
  virtual bool can_read() const = 0;
  virtual bool can_write() const = 0;
  // True when the input/output is a directory (heartbeat's /etc/ha.d),
  // false when a single file.
  virtual bool uses_directory() const = 0;
  // True when the format keeps other products' extensions (ocf-xml);
  // otherwise the bridge reports each foreign extension as a loss.
  virtual bool keeps_foreign_extensions() const { return false; }
  // True when read() has already run model::check on what it returns (its
  // errors make read() fail), so a caller need not run it again.
  virtual bool checks_model() const { return false; }

  // Reads `input`; nullopt when diagnostics hold an error.
  virtual std::optional<model::Cluster> read(const std::filesystem::path& input,
                                             Context& context,
                                             model::Diagnostics& diagnostics) const = 0;
  // Renders the model; reports as losses what the format cannot express;
  // nullopt when diagnostics hold an error. Writes nothing to disk.
  virtual std::optional<io::Output> write(const model::Cluster& cluster, Context& context,
                                          model::Diagnostics& diagnostics) const = 0;
};

class Registry {
 public:
  static Registry& instance();
  void add(std::unique_ptr<Adapter> adapter);
  const Adapter* find(std::string_view name) const;
  // Sorted by name.
  std::vector<const Adapter*> all() const;

 private:
  std::map<std::string, std::unique_ptr<Adapter>, std::less<>> adapters_;
};

// A static Registration in an adapter's adapter.cc adds it to the registry.
// Adapter libraries are linked whole-archive so the object is kept.
struct Registration {
  explicit Registration(std::unique_ptr<Adapter> adapter);
};

// Writes `cluster` with `writer` and, when the writer does not keep other
// products' extensions, reports each as a loss (once): a conversion's whole
// loss report, as `ocfbridge convert` and the migration matrix produce it.
std::optional<io::Output> write_reporting_losses(const Adapter& writer,
                                                 const model::Cluster& cluster, Context& context,
                                                 model::Diagnostics& diagnostics);

// Reports, as losses, the extensions of products other than `target`.
// Layout-only extensions (see is_layout_extension) are summed up in one
// "loss.layout" per product and scope instead of one loss each.
void report_foreign_extensions(const model::Cluster& cluster, std::string_view target,
                               model::Diagnostics& diagnostics);

// True for an extension that only records layout -- a comment, a blank line,
// the position of a line, the written form of an item -- and no setting:
// its key starts with '#' or '@' (see adapters/heartbeat/layout.h).
bool is_layout_extension(const model::Extension& extension);

}  // namespace ocf::adapter
