// Registers the FailSafe cmgr-script adapter ("failsafe").
#include <algorithm>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>

#include "adapters/failsafe/cmgr_parser.h"
#include "adapters/failsafe/cmgr_writer.h"
#include "adapters/failsafe/export.h"
#include "adapters/failsafe/import.h"
#include "adapters/failsafe/tables.h"
#include "bridge/adapter/adapter.h"
#include "bridge/model/secret.h"

namespace ocf::adapters::failsafe {
namespace {

// True when a `set` of `items`, or of a block nested in them, names a field
// that `secret_name` judges secret.
template <typename Judge>
bool holds_secret(const std::vector<Item>& items, Judge& secret_name) {
  for (const auto& item : items) {
    if (item.kind == Item::Kind::kSet && secret_name(item.field.text)) return true;
    if (holds_secret(item.children, secret_name)) return true;
  }
  return false;
}

class FailSafeAdapter : public adapter::Adapter {
 public:
  std::string_view name() const override { return kProduct; }
  std::string_view description() const override {
    return "SGI Linux FailSafe cluster_mgr (cmgr) command script";
  }
  bool can_read() const override { return true; }
  bool can_write() const override { return true; }
  bool uses_directory() const override { return false; }
  bool checks_model() const override { return true; }  // import_cmgr runs it

  std::optional<model::Cluster> read(const std::filesystem::path& input,
                                     adapter::Context& context,
                                     model::Diagnostics& diagnostics) const override {
    std::string text;
    io::IoError error;
    if (!context.env().read_file(input, text, error)) {
      diagnostics.error("failsafe.read", error.message, {input.string(), 0, 0});
      return std::nullopt;
    }
    std::size_t errors = diagnostics.error_count();
    Document document = parse_cmgr(text, input.string(), diagnostics);
    if (diagnostics.error_count() > errors) return std::nullopt;
    Tables tables = Tables::load(context.quirks(kProduct, diagnostics), diagnostics);
    if (diagnostics.error_count() > errors) return std::nullopt;
    return import_cmgr(document, tables, diagnostics);
  }

  std::optional<io::Output> write(const model::Cluster& cluster, adapter::Context& context,
                                  model::Diagnostics& diagnostics) const override {
    std::size_t errors = diagnostics.error_count();
    Tables tables = Tables::load(context.quirks(kProduct, diagnostics), diagnostics);
    if (diagnostics.error_count() > errors) return std::nullopt;
    auto document = export_cmgr(cluster, tables, diagnostics);
    if (!document) return std::nullopt;
    io::Output output;
    // A system-controller password, or any secret-looking attribute (a site
    // type's `passwd`), may be in the script: keep it private.
    std::set<std::string> secret_fields;
    for (const auto* spec : tables.fields("node"))
      if (spec->secret) secret_fields.insert(spec->name);
    // A script repeats a few field names many times: each is judged once.
    std::unordered_map<std::string_view, bool> judged;
    auto secret_name = [&](const std::string& name) {
      auto [it, fresh] = judged.try_emplace(name, false);
      if (fresh) it->second = secret_fields.count(name) || model::looks_secret(name);
      return it->second;
    };
    bool secret = std::any_of(document->statements.begin(), document->statements.end(),
                              [&](const Statement& s) { return holds_secret(s.items, secret_name); });
    output.files.push_back({"", write_cmgr(*document), secret ? 0600u : 0644u});
    return output;
  }
};

const adapter::Registration kRegistration(std::make_unique<FailSafeAdapter>());

}  // namespace
}  // namespace ocf::adapters::failsafe
