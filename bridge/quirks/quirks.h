// The Lua quirk runtime: per-product translation tables, kept in Lua so an
// operator can change a mapping without recompiling.
//
// A quirk file is a Lua chunk that returns a table of sections, each a table
// of entries:
//
//     return {
//       resource_d = {
//         IPaddr = { agent = "ocf:heartbeat:IPaddr", ... },
//       },
//     }
//
// Files load in order -- for every root: ROOT/common/*.lua, then
// ROOT/<adapter>/*.lua, each directory in name order -- and an entry of a
// later file replaces the entry of the same section and key of an earlier
// one. Roots are the shipped lua/ directory, then any --quirks DIR.
//
// The Lua state is sandboxed: only base (without dofile, loadfile, load of
// binary chunks, collectgarbage's control of the collector), string, table,
// math and utf8; no io, os, package, require or debug. Globals are frozen
// after the files load. Every entry into Lua runs under an instruction
// budget and the whole state under a memory cap; either stops the script
// with an error naming the script. A Lua error becomes a Diagnostic located
// at the Lua file and line.
//
// C++ sees plain values (Value); a Lua function comes back as a Value of
// kind kFunction that can only be passed back to call().
//
// Inside Lua, quirk(section [, key]) returns a merged entry (or a whole
// section) of the files loaded so far, so one file can use another's tables
// and helpers, e.g. quirk("netmask", "cidr_from_dotted") from
// lua/common/units.lua; treat the result as read-only. print and warn are
// absent too (they would write to the tool's own output). Freezing means
// every global assignment fails after load, also to existing names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "bridge/io/env.h"
#include "bridge/model/diagnostics.h"

namespace ocf::quirks {

class Value {
 public:
  enum class Kind { kNil, kBoolean, kInteger, kNumber, kString, kTable, kFunction };

  Value() = default;
  static Value boolean(bool b);
  static Value integer(std::int64_t i);
  static Value number(double d);
  static Value string(std::string s);
  // A table from an array part and string-keyed fields.
  static Value table(std::vector<Value> items = {},
                     std::vector<std::pair<std::string, Value>> fields = {});
  static Value function(int reference);

  Kind kind() const { return kind_; }
  bool is_nil() const { return kind_ == Kind::kNil; }
  bool is_table() const { return kind_ == Kind::kTable; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_function() const { return kind_ == Kind::kFunction; }

  bool as_bool() const { return boolean_; }
  std::int64_t as_integer() const;  // numbers truncate
  double as_number() const;
  const std::string& as_string() const { return string_; }
  // String, or the number/boolean written as Lua's tostring would; empty for
  // nil and tables.
  std::string to_text() const;

  // Array part (Lua indices 1..n), in order.
  const std::vector<Value>& items() const { return items_; }
  // String-keyed fields, sorted by key.
  const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }
  // Field by name; a nil Value when absent or not a table.
  const Value& operator[](std::string_view field) const;
  // items() as strings (to_text of each).
  std::vector<std::string> strings() const;

  int function_reference() const { return reference_; }

 private:
  Kind kind_ = Kind::kNil;
  bool boolean_ = false;
  std::int64_t integer_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<Value> items_;
  std::vector<std::pair<std::string, Value>> fields_;
  int reference_ = -1;
};

// One table argument made of strings, pushed into Lua without building a
// Value: `items` become its array part (1..n), then `fields` are set in the
// order given (a key given twice keeps its last value). With fields sorted
// by key this is the Lua table that Value::table(items, fields) pushes.
struct StringTable {
  std::span<const std::string_view> items;
  std::span<const std::pair<std::string_view, std::string_view>> fields;
};

class ResultView;

struct Limits {
  std::uint64_t instructions = 20'000'000;  // per entry into Lua
  std::size_t memory_bytes = 64u << 20;     // whole state
};

// One sandboxed Lua state holding the merged quirks of one adapter.
class QuirkSet {
 public:
  // Loads the files for `adapter` from every root (see above). Errors in a
  // file are reported and that file is skipped; returns nullptr only when
  // the state itself cannot be made.
  static std::unique_ptr<QuirkSet> load(std::string_view adapter,
                                        std::span<const std::filesystem::path> roots,
                                        const io::Env& env, model::Diagnostics& diagnostics,
                                        Limits limits = {});
  // Loads one chunk of Lua source (tests; `chunk_name` is used in messages)
  // and merges the sections it returns. False on error (reported).
  bool load_source(std::string_view source, std::string_view chunk_name,
                   model::Diagnostics& diagnostics);

  ~QuirkSet();
  QuirkSet(const QuirkSet&) = delete;
  QuirkSet& operator=(const QuirkSet&) = delete;

  // The entry `key` of `section` (nil when absent).
  Value entry(std::string_view section, std::string_view key) const;
  // The whole section as a table (nil when absent).
  Value section(std::string_view section) const;
  // Keys of a section, sorted.
  std::vector<std::string> keys(std::string_view section) const;
  // The file that last set this entry ("" when absent), for messages.
  std::string origin(std::string_view section, std::string_view key) const;

  // Calls a Lua function with arguments; returns its first result, or
  // nullopt after reporting an error (with Lua file and line; `where` is
  // added as the context of the call).
  std::optional<Value> call(const Value& function, std::span<const Value> args,
                            model::Diagnostics& diagnostics,
                            const model::SourceLocation& where = {});
  // Calls section[key][field] when it is a function; when it is absent,
  // returns nil without error.
  std::optional<Value> call(std::string_view section, std::string_view key,
                            std::string_view field, std::span<const Value> args,
                            model::Diagnostics& diagnostics,
                            const model::SourceLocation& where = {});

  // As call() with one argument made of strings, but the first result goes
  // to `read` (a callable taking const ResultView&) instead of coming back
  // as a Value. A result made of tables with string keys besides their
  // array part, strings, numbers and booleans is read where it lies in the
  // Lua state; any other result is converted as call() converts it, with
  // the same diagnostics on failure, and `read` sees that Value. False,
  // with `read` not called, after reporting an error.
  template <typename Reader>
  bool call_reading(const Value& function, const StringTable& argument, Reader&& read,
                    model::Diagnostics& diagnostics, const model::SourceLocation& where = {}) {
    using R = std::remove_reference_t<Reader>;
    return call_with_reader(
        function, argument,
        [](void* reader, const ResultView& result) { (*static_cast<R*>(reader))(result); },
        const_cast<void*>(static_cast<const void*>(&read)), diagnostics, where);
  }

  struct State;

 private:
  explicit QuirkSet(std::unique_ptr<State> state);
  bool call_with_reader(const Value& function, const StringTable& argument,
                        void (*read)(void*, const ResultView&), void* reader,
                        model::Diagnostics& diagnostics, const model::SourceLocation& where);
  std::unique_ptr<State> state_;
};

// Read access to the first result of a call (see QuirkSet::call_reading),
// answering exactly as the Value that call() would return: kind(),
// to_text(), operator[], size() and item() mirror Value's kind(), to_text(),
// operator[], items().size() and items()[i]. Valid only inside the reader
// it is given to.
class ResultView {
 public:
  Value::Kind kind() const;
  bool is_nil() const { return kind() == Value::Kind::kNil; }
  bool is_table() const { return kind() == Value::Kind::kTable; }
  std::string to_text() const;
  ResultView operator[](std::string_view field) const;
  std::size_t size() const;
  ResultView item(std::size_t i) const;  // i < size()

  ResultView() = default;  // nil

  // One value of a result read in place (private to bridge/quirks).
  struct Node;

 private:
  friend class QuirkSet;
  explicit ResultView(const Value* value) : value_(value) {}
  ResultView(const Node* nodes, const Node* node) : nodes_(nodes), node_(node) {}

  const Value* value_ = nullptr;  // the converted result, or
  const Node* nodes_ = nullptr;   // its flattened form and the node
  const Node* node_ = nullptr;    // that this view reads
};

}  // namespace ocf::quirks
