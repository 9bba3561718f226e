#include "bridge/model/secret.h"

#include "bridge/model/model.h"

#include <algorithm>
#include <array>

namespace ocf::model {

namespace {

// Whether `text` holds `mark` (lower-case ASCII), ASCII case folded; no copy
// of `text` (every attribute name of a configuration passes here).
bool holds_folded(std::string_view text, std::string_view mark) {
  for (std::size_t i = 0; i + mark.size() <= text.size(); ++i) {
    std::size_t j = 0;
    for (; j < mark.size(); ++j) {
      char c = text[i + j];
      if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != mark[j]) break;
    }
    if (j == mark.size()) return true;
  }
  return false;
}

}  // namespace

bool looks_secret(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kMarks = {"passw", "secret", "passphrase",
                                                             "credential"};
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](std::string_view mark) { return holds_folded(name, mark); });
}

std::string shown_value(std::string_view name, const std::string& value) {
  if (!value.empty() && looks_secret(name)) return std::string(kSecretMask);
  return value;
}

bool holds_secret(const Cluster& cluster) {
  auto any = [](const Attributes& attributes) {
    return std::any_of(attributes.begin(), attributes.end(), [](const Attribute& a) {
      return !a.value.empty() && looks_secret(a.name);
    });
  };
  for (const auto& key : cluster.auth.keys)
    if (!key.secret.empty()) return true;
  if (any(cluster.properties)) return true;
  for (const auto& n : cluster.nodes)
    if (any(n.attributes)) return true;
  for (const auto& c : cluster.channels)
    if (any(c.attributes)) return true;
  for (const auto& r : cluster.resources) {
    if (any(r.params) || any(r.meta)) return true;
    for (const auto& o : r.operations)
      if (any(o.attributes)) return true;
  }
  for (const auto& g : cluster.groups)
    if (any(g.meta) || any(g.policy.attributes)) return true;
  for (const auto& e : cluster.extensions)
    if (!e.value.empty() && looks_secret(e.key)) return true;
  return false;
}

}  // namespace ocf::model
