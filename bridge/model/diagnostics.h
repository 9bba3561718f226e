// Diagnostics: everything a user should read about a translation.
//
// Errors stop a translation, warnings do not, and losses record an attribute
// that the target cannot express, with the source location that held it.
// Every step of a translation writes to one Diagnostics sink; nothing here
// does I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ocf::model {

// A place in an input file. line and column count from 1; 0 means unknown
// (a whole-file diagnostic has line 0).
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  bool known() const { return !file.empty(); }
  // "file:line:column", "file:line" or "file", as far as known.
  std::string to_string() const;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { kError, kWarning, kLoss };

std::string_view to_string(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kError;
  // Stable, machine-readable code such as "hacf.unknown-directive" or
  // "loss.round-robin"; tests assert on codes, not on message wording.
  std::string code;
  std::string message;
  SourceLocation where;

  // "file:line:column: error: message [code]"
  std::string to_string() const;
};

// The sink. Not thread-safe; one per translation.
class Diagnostics {
 public:
  void error(std::string code, std::string message, SourceLocation where = {});
  void warning(std::string code, std::string message, SourceLocation where = {});
  void loss(std::string code, std::string message, SourceLocation where = {});
  void add(Diagnostic diagnostic);
  void append(const Diagnostics& other);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t count(Severity severity) const;
  // True when some entry has this code.
  bool has(std::string_view code) const;

  const std::vector<Diagnostic>& entries() const { return entries_; }
  std::vector<Diagnostic> of(Severity severity) const;

 private:
  std::vector<Diagnostic> entries_;
  std::size_t errors_ = 0;
};

}  // namespace ocf::model
