// Registers the heartbeat v1 configuration adapter ("heartbeat").
#include <memory>

#include "adapters/heartbeat/directory.h"
#include "adapters/heartbeat/export.h"
#include "adapters/heartbeat/import.h"
#include "adapters/heartbeat/layout.h"
#include "adapters/heartbeat/media.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/adapter/adapter.h"

namespace ocf::adapters::heartbeat {
namespace {

class HeartbeatAdapter final : public adapter::Adapter {
 public:
  std::string_view name() const override { return kProduct; }
  std::string_view description() const override {
    return "Linux-HA heartbeat v1 configuration directory (ha.cf, haresources, authkeys)";
  }
  bool can_read() const override { return true; }
  bool can_write() const override { return true; }
  bool uses_directory() const override { return true; }

  std::optional<model::Cluster> read(const std::filesystem::path& input, adapter::Context& context,
                                     model::Diagnostics& diagnostics) const override {
    auto document = read_directory(input, context.env(), diagnostics);
    if (!document || diagnostics.has_errors()) return std::nullopt;
    ScriptTable scripts(context.quirks(kProduct, diagnostics), diagnostics);
    auto cluster = import_document(*document, scripts, context.env(), input, diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    return cluster;
  }

  std::optional<io::Output> write(const model::Cluster& cluster, adapter::Context& context,
                                  model::Diagnostics& diagnostics) const override {
    auto& quirks = context.quirks(kProduct, diagnostics);
    ScriptTable scripts(quirks, diagnostics);
    MediaQuirks media = read_media_quirks(quirks, diagnostics);
    // Other products' extensions are the bridge's to report (this adapter
    // does not keep them): see Adapter::keeps_foreign_extensions.
    auto output = write_directory(export_cluster(cluster, scripts, media, diagnostics));
    check_written(output, scripts, diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    return output;
  }
};

const adapter::Registration kRegistration(std::make_unique<HeartbeatAdapter>());

}  // namespace
}  // namespace ocf::adapters::heartbeat
