// Private to bridge/quirks: making the sandboxed Lua state and running Lua
// under the instruction budget and the memory cap.
#pragma once

#include <lua.hpp>

#include "bridge/quirks/state.h"

namespace ocf::quirks::sandbox {

// Registry slots (lua_rawgetp keys) of the tables a QuirkSet keeps:
// section -> key -> value, section -> key -> file that set it, and the
// functions handed to C++ (reference -> function, function -> reference).
extern const char kEntries;
extern const char kOrigins;
extern const char kFunctions;
extern const char kFunctionIds;

// A new Lua state whose every allocation is charged to `state` (nullptr when
// even that fails). Outside an entry the hook refuses to run Lua at all, so
// finalizers run by the collector between calls cannot escape the budget.
lua_State* open(QuirkSet::State& state);

// lua_CFunction, run with lua_pcall: opens the allowed libraries, removes
// or wraps the dangerous functions and makes the registry tables (the
// function table also under State::functions_ref).
int install(lua_State* L);

// lua_CFunction, run with lua_pcall: moves every global into a hidden table
// read through _G's metatable, so that any later assignment to a global (new
// or existing) is an error. Idempotent.
int freeze_globals(lua_State* L);

// Brackets one entry into Lua: starts a fresh instruction budget / stops
// all Lua again.
void begin_entry(QuirkSet::State& state);
void end_entry(QuirkSet::State& state);

// lua_CFunction for lua_pcall's message handler: records in the State where
// the error was raised and returns the message without its location prefix.
int message_handler(lua_State* L);

}  // namespace ocf::quirks::sandbox
