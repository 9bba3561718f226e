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

// The file of a SourceLocation. A conversion makes locations by the hundred
// thousand, nearly all naming one of a few files, so names are interned:
// the first use of a name keeps one copy of it for the life of the process,
// and copying a location copies a pointer. (What a process keeps grows with
// the number of distinct file names it ever names, which is small.)
// It converts to and from strings, so a location still reads and is built
// like a string field. Thread-safe.
class FileName {
 public:
  FileName() = default;
  // Implicit: locations are built from any string.
  FileName(std::string_view name);  // NOLINT(google-explicit-constructor)
  FileName(const std::string& name) : FileName(std::string_view(name)) {}  // NOLINT
  FileName(const char* name) : FileName(std::string_view(name)) {}         // NOLINT

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT
  bool empty() const { return text_ == nullptr; }
  std::size_t find(std::string_view part) const { return str().find(part); }
  bool ends_with(std::string_view end) const { return str().ends_with(end); }

  // Interned: the same name is the same pointer.
  friend bool operator==(const FileName& a, const FileName& b) { return a.text_ == b.text_; }
  friend bool operator==(const FileName& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }

 private:
  const std::string* text_ = nullptr;  // interned; null for no file
};

// A place in an input file. line and column count from 1; 0 means unknown
// (a whole-file diagnostic has line 0).
struct SourceLocation {
  FileName file;
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
