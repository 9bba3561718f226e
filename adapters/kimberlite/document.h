// The native Kimberlite document: cluster.conf as an ordered tree.
//
// cluster.conf is written by Kimberlite from a flat key database whose keys
// are paths ("services%service0%device0%mount%fstype"). The document keeps
// that tree as read -- top-level [sections], nested `start X` / `end X`
// blocks and `key = value` fields, in file order, with comments -- and
// every entry keeps the SourceLocation of its name (and of its value), so
// that errors and losses can point at a line and unknown keys survive a
// round trip unchanged. Pure data; no I/O.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/model/diagnostics.h"

namespace ocf::adapters::kimberlite {

// The separator of flat key paths, as Kimberlite's cludb uses it.
inline constexpr char kPathSeparator = '%';

struct Entry {
  enum class Kind { kSection, kBlock, kField, kComment };
  Kind kind = Kind::kField;
  // Section, block or key name; for a comment, its text after '#'.
  std::string name;
  std::string value;             // fields only, trimmed
  std::vector<Entry> children;   // sections and blocks, in file order
  model::SourceLocation where;   // of the name (the '[' / "start" / key)
  model::SourceLocation value_where;  // of the value (fields)

  bool is_container() const { return kind == Kind::kSection || kind == Kind::kBlock; }
  // First child field / block / container named `child_name`, or nullptr.
  const Entry* field(std::string_view child_name) const;
  const Entry* block(std::string_view child_name) const;
  Entry* block(std::string_view child_name);
  // Value of a child field; nullopt when absent.
  std::optional<std::string> value_of(std::string_view child_name) const;
};

struct Document {
  std::string file;
  // Top level: comments before the first section, then sections (each
  // section's own comments are among its children or precede it here).
  std::vector<Entry> entries;

  const Entry* section(std::string_view name) const;
  Entry* section(std::string_view name);
};

// A numbered block name split into stem and number: "service12" ->
// {"service", 12}. nullopt when the name does not end in digits after a
// non-empty stem, or the number has leading zeros ("member01").
struct BlockNumber {
  std::string stem;
  unsigned number = 0;
};
std::optional<BlockNumber> split_numbered(std::string_view name);
// The same split without a copy: `stem` views `name`, which must outlive
// it. For loops over many names (the writer sorts every container).
struct BlockNumberView {
  std::string_view stem;
  unsigned number = 0;
};
std::optional<BlockNumberView> split_numbered_view(std::string_view name);

// Children of `parent` that are blocks `stem0`, `stem1`, ..., in number
// order (the parser guarantees there are no gaps or duplicates).
std::vector<const Entry*> numbered_blocks(const Entry& parent, std::string_view stem);

// Splits "a%b%c" into {"a","b","c"} and joins back.
std::vector<std::string> split_path(std::string_view path);
std::string join_path(const std::vector<std::string>& components);

// Finds or creates the container at `components` (a section, then blocks)
// and returns it. Used by export and by extensions that restore unknown
// keys by path. An empty path throws std::out_of_range.
Entry& ensure_container(Document& document, const std::vector<std::string>& components);
// The same for the path `base` followed by `relative` (either may be
// empty, not both), so that callers need not join the two.
Entry& ensure_container(Document& document, std::span<const std::string> base,
                        std::span<const std::string> relative);
// Appends a default (field) entry to `container`'s children and returns it.
// The first child reserves room for a few more: blocks mostly hold two to
// eight entries, and growing one by one (1, 2, 4, 8) moves them each time.
Entry& append_child(Entry& container);
// Sets (replacing) or appends a field in a container.
void set_field(Entry& container, std::string_view name, std::string value);

}  // namespace ocf::adapters::kimberlite
