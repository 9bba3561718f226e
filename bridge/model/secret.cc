#include "bridge/model/secret.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace ocf::model {

bool looks_secret(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kMarks = {"passw", "secret", "passphrase",
                                                             "credential"};
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(kMarks.begin(), kMarks.end(), [&](std::string_view mark) {
    return lower.find(mark) != std::string::npos;
  });
}

std::string shown_value(std::string_view name, const std::string& value) {
  if (!value.empty() && looks_secret(name)) return std::string(kSecretMask);
  return value;
}

}  // namespace ocf::model
