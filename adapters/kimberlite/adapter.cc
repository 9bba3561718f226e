// Registers the Kimberlite adapter: cluster.conf of Mission Critical
// Linux Kimberlite and Red Hat Cluster Manager 1.0 (a single file).
#include <memory>

#include "adapters/kimberlite/export.h"
#include "adapters/kimberlite/import.h"
#include "bridge/adapter/adapter.h"

namespace ocf::adapters::kimberlite {
namespace {

class KimberliteAdapter : public adapter::Adapter {
 public:
  std::string_view name() const override { return kProduct; }
  std::string_view description() const override {
    return "Kimberlite / Red Hat Cluster Manager 1.0 cluster.conf";
  }
  bool can_read() const override { return true; }
  bool can_write() const override { return true; }
  bool uses_directory() const override { return false; }

  std::optional<model::Cluster> read(const std::filesystem::path& input, adapter::Context& context,
                                     model::Diagnostics& diagnostics) const override {
    return read_cluster_conf(input, context, diagnostics);
  }
  std::optional<io::Output> write(const model::Cluster& cluster, adapter::Context& context,
                                  model::Diagnostics& diagnostics) const override {
    return write_cluster_conf(cluster, context, diagnostics);
  }
};

const adapter::Registration kRegistration(std::make_unique<KimberliteAdapter>());

}  // namespace
}  // namespace ocf::adapters::kimberlite
