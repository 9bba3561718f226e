// Private to bridge/quirks: the Lua state behind a QuirkSet and the
// bookkeeping that its allocator, instruction hook and message handler share
// with the C++ side.
//
// Rule for every lua_CFunction in this directory: Lua errors are longjmps,
// so such functions keep no C++ object with a destructor on their own stack
// (they read C++ data through pointers and write only into objects owned by
// a caller outside the protected call).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>

#include "bridge/quirks/quirks.h"

namespace ocf::quirks {

// A value of a plain result (see convert::flatten). Strings point into the
// Lua strings themselves: the result stays on the stack while it is read,
// and Lua's collector never moves an object, so they hold even when the
// reader calls into Lua again.
struct ResultView::Node {
  int type = LUA_TNIL;       // LUA_TNIL, LUA_TBOOLEAN, LUA_TNUMBER, LUA_TSTRING or LUA_TTABLE
  bool is_integer = false;   // numbers
  bool boolean = false;
  lua_Integer integer = 0;
  lua_Number number = 0;
  std::string_view text;     // strings
  bool is_item = false;      // an item of its table (at `index`), else a
  lua_Integer index = 0;     // field named `key`
  std::string_view key;
  int slot = 0;              // tables, while flattening: their copy on the stack
  // Tables: children at [first, first + items) are the items in order, then
  // `fields` fields.
  std::size_t first = 0;
  std::size_t items = 0;
  std::size_t fields = 0;
};

struct QuirkSet::State {
  Limits limits;
  lua_State* lua = nullptr;

  // Allocator: bytes held by the whole state, and whether an allocation was
  // refused since the last entry into Lua.
  std::size_t used = 0;
  bool refused = false;

  // Instruction budget of the current entry into Lua.
  bool in_entry = false;
  std::uint64_t remaining = 0;
  int slice = 1;
  bool exhausted = false;
  std::string stop_source;  // where the budget ran out
  int stop_line = 0;

  // Where the last error was raised, as found by the message handler.
  bool error_located = false;
  std::string error_source;
  int error_line = 0;

  // The function table (sandbox::kFunctions) again under an integer key of
  // the registry, a cheaper lookup for the calls that need it every time.
  int functions_ref = LUA_NOREF;

  // Flattened results of the call_reading calls under way (a reader may
  // call again), kept between calls so that reading allocates nothing.
  std::vector<std::vector<ResultView::Node>> flattened;
  std::size_t readers = 0;

  // Errors met by accessors that take no Diagnostics (entry(), keys(), ...);
  // handed to the next call that does.
  std::vector<model::Diagnostic> deferred;

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (lua != nullptr) lua_close(lua);
  }
};

// The State of a lua_State made by sandbox::open.
QuirkSet::State& state_of(lua_State* L);

// The readable name of a function's chunk: the file for "@file", else Lua's
// short form.
std::string source_name(const lua_Debug& ar);

// Lua's tostring of a float ("%.14g", plus ".0" when it reads as an integer).
std::string number_text(double d);

}  // namespace ocf::quirks
