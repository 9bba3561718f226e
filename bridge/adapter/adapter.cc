#include "bridge/adapter/adapter.h"

#include "bridge/model/secret.h"

namespace ocf::adapter {

Context::Context(const io::Env& env, std::vector<std::filesystem::path> quirk_roots)
    : env_(env), roots_(std::move(quirk_roots)) {}

Context::~Context() = default;

quirks::QuirkSet& Context::quirks(std::string_view adapter, model::Diagnostics& diagnostics) {
  auto it = sets_.find(adapter);
  if (it == sets_.end()) {
    auto set = quirks::QuirkSet::load(adapter, roots_, env_, diagnostics);
    if (!set) {
      // The state could not be made (out of memory): an empty set keeps
      // callers simple; the error is already reported.
      set = quirks::QuirkSet::load(adapter, {}, env_, diagnostics);
    }
    it = sets_.emplace(std::string(adapter), std::move(set)).first;
  }
  return *it->second;
}

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

void Registry::add(std::unique_ptr<Adapter> adapter) {
  std::string key(adapter->name());
  adapters_[key] = std::move(adapter);
}

const Adapter* Registry::find(std::string_view name) const {
  auto it = adapters_.find(name);
  return it == adapters_.end() ? nullptr : it->second.get();
}

std::vector<const Adapter*> Registry::all() const {
  std::vector<const Adapter*> out;
  for (const auto& [_, a] : adapters_) out.push_back(a.get());
  return out;
}

Registration::Registration(std::unique_ptr<Adapter> adapter) {
  Registry::instance().add(std::move(adapter));
}

std::optional<io::Output> write_reporting_losses(const Adapter& writer,
                                                 const model::Cluster& cluster, Context& context,
                                                 model::Diagnostics& diagnostics) {
  auto output = writer.write(cluster, context, diagnostics);
  if (!writer.keeps_foreign_extensions())
    report_foreign_extensions(cluster, writer.name(), diagnostics);
  return output;
}

void report_foreign_extensions(const model::Cluster& cluster, std::string_view target,
                               model::Diagnostics& diagnostics) {
  // Layout-only extensions (comments, line order) are summed up per product
  // and file, not reported one by one.
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, model::SourceLocation>>
      layout;
  for (const auto& e : cluster.extensions) {
    if (e.product == target) continue;
    if (is_layout_extension(e)) {
      // One bucket per file ("file:ha.cf"); item-scoped ones share one.
      std::string bucket = e.scope.rfind("file:", 0) == 0 ? e.scope : "";
      auto& [count, where] = layout[{e.product, bucket}];
      if (count++ == 0) where = {e.origin.file, 0, 0};
      continue;
    }
    std::string what = e.product + " " + e.key;
    // A value whose key looks secret (a password) is never shown.
    if (!e.value.empty())
      what += model::looks_secret(e.key) ? " " + std::string(model::kSecretMask)
                                         : " '" + e.value + "'";
    if (!e.scope.empty()) what += " (" + e.scope + ")";
    diagnostics.loss("loss.extension",
                     what + " has no equivalent in " + std::string(target), e.origin);
  }
  for (const auto& [key, value] : layout)
    diagnostics.loss("loss.layout",
                     std::to_string(value.first) + " comment/layout item(s) of " + key.first +
                         (key.second.empty() ? "" : " (" + key.second + ")") +
                         " are not carried to " + std::string(target),
                     value.second);
}

bool is_layout_extension(const model::Extension& extension) {
  return !extension.key.empty() && (extension.key[0] == '#' || extension.key[0] == '@');
}

}  // namespace ocf::adapter
