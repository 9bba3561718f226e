#include "bridge/model/diagnostics.h"

#include <algorithm>
#include <mutex>
#include <set>

namespace ocf::model {
namespace {

struct Interned {
  std::mutex mutex;
  std::set<std::string, std::less<>> names;  // nodes never move
};

// Never destroyed: a location may be copied while statics are torn down.
Interned& interned() {
  static auto* table = new Interned;
  return *table;
}

// Most locations in a row name the same file.
thread_local const std::string* last_interned = nullptr;

const std::string& no_file() {
  static const std::string empty;
  return empty;
}

}  // namespace

FileName::FileName(std::string_view name) {
  if (name.empty()) return;
  if (last_interned && *last_interned == name) {
    text_ = last_interned;
    return;
  }
  Interned& table = interned();
  std::lock_guard lock(table.mutex);
  auto it = table.names.find(name);
  if (it == table.names.end()) it = table.names.emplace(name).first;
  text_ = last_interned = &*it;
}

const std::string& FileName::str() const { return text_ ? *text_ : no_file(); }

std::string SourceLocation::to_string() const {
  if (file.empty()) return {};
  std::string out = file.str();
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kLoss: return "loss";
  }
  return "error";
}

std::string Diagnostic::to_string() const {
  std::string out;
  if (where.known()) out = where.to_string() + ": ";
  out += std::string(model::to_string(severity)) + ": " + message;
  if (!code.empty()) out += " [" + code + "]";
  return out;
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++errors_;
  entries_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string code, std::string message, SourceLocation where) {
  add({Severity::kError, std::move(code), std::move(message), std::move(where)});
}

void Diagnostics::warning(std::string code, std::string message, SourceLocation where) {
  add({Severity::kWarning, std::move(code), std::move(message), std::move(where)});
}

void Diagnostics::loss(std::string code, std::string message, SourceLocation where) {
  add({Severity::kLoss, std::move(code), std::move(message), std::move(where)});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.entries_) add(d);
}

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      entries_.begin(), entries_.end(),
      [severity](const Diagnostic& d) { return d.severity == severity; }));
}

bool Diagnostics::has(std::string_view code) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [code](const Diagnostic& d) { return d.code == code; });
}

std::vector<Diagnostic> Diagnostics::of(Severity severity) const {
  std::vector<Diagnostic> out;
  for (const auto& d : entries_)
    if (d.severity == severity) out.push_back(d);
  return out;
}

}  // namespace ocf::model
