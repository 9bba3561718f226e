#include "bridge/xml/secrets.h"

#include <utility>

namespace ocf::xml {

namespace {
constexpr std::string_view kMask = "(secret)";
}

void Redactor::add_secret(std::string secret) {
  if (!secret.empty()) secrets_.push_back(std::move(secret));
}

std::string Redactor::redact(std::string text) const {
  for (const auto& secret : secrets_) {
    for (auto pos = text.find(secret); pos != std::string::npos;
         pos = text.find(secret, pos + kMask.size()))
      text.replace(pos, secret.size(), kMask);
  }
  return text;
}

void Redactor::copy(const model::Diagnostics& from, model::Diagnostics& to) const {
  for (auto entry : from.entries()) {
    entry.message = redact(std::move(entry.message));
    to.add(std::move(entry));
  }
}

}  // namespace ocf::xml
