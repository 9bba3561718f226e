// Keeps authentication secrets out of diagnostics.
//
// Parser and validator messages may quote document text, and a secret is
// document text; so every diagnostic produced while handling a document
// passes through a Redactor that knows that document's secrets.
#pragma once

#include <string>
#include <vector>

#include "bridge/model/diagnostics.h"

namespace ocf::xml {

class Redactor {
 public:
  void add_secret(std::string secret);
  // Appends every entry of `from` to `to` with each secret masked.
  void copy(const model::Diagnostics& from, model::Diagnostics& to) const;
  std::string redact(std::string text) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace ocf::xml
