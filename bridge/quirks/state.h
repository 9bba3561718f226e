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
#include <vector>

#include <lua.hpp>

#include "bridge/quirks/quirks.h"

namespace ocf::quirks {

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

  // Set when a ResultView read in place found no room on the Lua stack.
  bool view_failed = false;

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
