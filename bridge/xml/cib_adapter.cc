// The "pacemaker" adapter: writes the model as a Pacemaker CIB. Write-only:
// a CIB is where a migration ends, not where one starts.
#include <memory>

#include "bridge/adapter/adapter.h"
#include "bridge/model/secret.h"
#include "bridge/xml/cib.h"

namespace ocf::xml {
namespace {

class PacemakerAdapter final : public adapter::Adapter {
 public:
  std::string_view name() const override { return "pacemaker"; }
  std::string_view description() const override {
    return "Pacemaker CIB XML (write only; crm_verify --xml-file accepts it)";
  }
  bool can_read() const override { return false; }
  bool can_write() const override { return true; }
  bool uses_directory() const override { return false; }

  std::optional<model::Cluster> read(const std::filesystem::path& input, adapter::Context&,
                                     model::Diagnostics& diagnostics) const override {
    diagnostics.error("cib.write-only", "the pacemaker adapter only writes a CIB",
                      {input.string(), 0, 0});
    return std::nullopt;
  }

  std::optional<io::Output> write(const model::Cluster& cluster, adapter::Context&,
                                  model::Diagnostics& diagnostics) const override {
    // Other products' extensions are reported by the caller
    // (adapter::report_foreign_extensions), once.
    std::optional<std::string> text = write_cib(cluster, diagnostics);
    if (!text) return std::nullopt;
    io::Output output;
    // A stonith password or a key in a parameter makes the CIB private.
    output.files.push_back({"", std::move(*text), model::holds_secret(cluster) ? 0600u : 0644u});
    return output;
  }
};

const adapter::Registration kRegistration(std::make_unique<PacemakerAdapter>());

}  // namespace
}  // namespace ocf::xml
