// Private to bridge/quirks: moving values between Lua and Value.
//
// Lua -> C++ is two steps so that nothing can raise a Lua error while C++
// objects are being built: prepare() (raising; run inside lua_pcall) gives
// every function in the value a reference and checks nesting depth and key
// types; to_value() (never raises) then only reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <lua.hpp>

#include "bridge/quirks/quirks.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks::convert {

// Deeper tables are refused (this also stops cycles).
inline constexpr int kMaxDepth = 64;

// Raising: validates the value at `index` for to_value and makes the
// function references it needs.
void prepare(lua_State* L, int index);

// lua_CFunction: prepare(1) and return the value.
int prepare_argument(lua_State* L);

// Why to_value failed.
enum class Failure { kNone, kUnprepared, kInvalid };

// Never raises. kUnprepared when some function has no reference yet (run
// prepare() and try again); kInvalid with `error` set when the value
// cannot be converted at all.
Failure to_value(lua_State* L, int index, Value& out, std::string& error);

// Raising: pushes `value` (functions by their reference).
void push_value(lua_State* L, const Value& value);

// Raising: pushes the table `table` describes, as push_value pushes the
// Value::table of the same strings.
void push_string_table(lua_State* L, const StringTable& table);


// Never raises. When to_value would take the value at `index` as it is and
// it is plain -- nil, booleans, numbers, strings and tables (nested less
// than kMaxDepth deep) whose keys are exactly 1..n besides strings --
// writes it to `nodes` (the value first) and returns true. False says
// nothing about whether to_value succeeds (functions, for one, are not
// plain).
bool flatten(lua_State* L, int index, std::vector<ResultView::Node>& nodes);

}  // namespace ocf::quirks::convert
