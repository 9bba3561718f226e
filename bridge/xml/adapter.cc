// The "ocf-xml" adapter: OCF XML files, read and written as one file.
#include <memory>

#include "bridge/adapter/adapter.h"
#include "bridge/model/secret.h"
#include "bridge/xml/ocf_xml.h"

namespace ocf::xml {
namespace {

class OcfXmlAdapter final : public adapter::Adapter {
 public:
  std::string_view name() const override { return "ocf-xml"; }
  std::string_view description() const override {
    return "OCF XML, the canonical form of the OCF model (one file, RELAX NG checked)";
  }
  bool can_read() const override { return true; }
  bool can_write() const override { return true; }
  bool uses_directory() const override { return false; }
  bool keeps_foreign_extensions() const override { return true; }
  bool checks_model() const override { return true; }  // read_ocf_xml runs it

  std::optional<model::Cluster> read(const std::filesystem::path& input, adapter::Context& context,
                                     model::Diagnostics& diagnostics) const override {
    std::string text;
    io::IoError error;
    if (!context.env().read_file(input, text, error)) {
      diagnostics.error("io.read", error.message, {input.string(), 0, 0});
      return std::nullopt;
    }
    return read_ocf_xml(text, input.string(), diagnostics);
  }

  std::optional<io::Output> write(const model::Cluster& cluster, adapter::Context&,
                                  model::Diagnostics& diagnostics) const override {
    std::optional<std::string> text = write_ocf_xml(cluster, diagnostics);
    if (!text) return std::nullopt;
    io::Output output;
    output.directory = false;
    // A file holding a secret (a key, a password) is private to its owner.
    output.files.push_back({"", std::move(*text), model::holds_secret(cluster) ? 0600u : 0644u});
    return output;
  }
};

const adapter::Registration kRegistration(std::make_unique<OcfXmlAdapter>());

}  // namespace
}  // namespace ocf::xml
