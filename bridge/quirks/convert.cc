// Conversion between Lua values and Value (see convert.h).
#include "bridge/quirks/convert.h"

#include <algorithm>
#include <utility>

#include "bridge/quirks/sandbox.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks::convert {
namespace {

// A key that can become a field name: strings, numbers and booleans.
bool is_text_key(int type) {
  return type == LUA_TSTRING || type == LUA_TNUMBER || type == LUA_TBOOLEAN;
}

// Raising: the reference of the function at `index`, made on first use and
// then reused, so repeated lookups do not grow the registry.
void ensure_reference(lua_State* L, int index) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kFunctionIds);
  lua_pushvalue(L, index);
  if (lua_rawget(L, -2) != LUA_TNIL) {
    lua_pop(L, 2);
    return;
  }
  lua_pop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kFunctions);
  lua_pushvalue(L, index);
  int reference = luaL_ref(L, -2);
  lua_pop(L, 1);
  lua_pushvalue(L, index);
  lua_pushinteger(L, reference);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

void prepare_at(lua_State* L, int index, int depth) {
  luaL_checkstack(L, 6, "value nested too deeply");
  switch (lua_type(L, index)) {
    case LUA_TFUNCTION:
      ensure_reference(L, index);
      return;
    case LUA_TTABLE:
      break;
    case LUA_TNIL:
    case LUA_TBOOLEAN:
    case LUA_TNUMBER:
    case LUA_TSTRING:
      return;
    default:
      luaL_error(L, "a %s value cannot be passed to C++", luaL_typename(L, index));
      return;
  }
  if (depth >= kMaxDepth)
    luaL_error(L, "tables nested deeper than %d levels (does a table contain itself?)", kMaxDepth);
  lua_pushnil(L);
  while (lua_next(L, index)) {
    if (!is_text_key(lua_type(L, -2)))
      luaL_error(L, "a table key of type %s cannot be passed to C++", luaL_typename(L, -2));
    prepare_at(L, lua_gettop(L), depth + 1);
    lua_pop(L, 1);
  }
}

std::string key_text(lua_State* L, int index) {
  switch (lua_type(L, index)) {
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      return std::string(text, length);
    }
    case LUA_TBOOLEAN:
      return lua_toboolean(L, index) ? "true" : "false";
    default:
      // Never lua_tolstring on a number key: it would convert the key in
      // place (confusing lua_next) and allocate.
      if (lua_isinteger(L, index)) return std::to_string(lua_tointeger(L, index));
      return number_text(lua_tonumber(L, index));
  }
}

bool convert_at(lua_State* L, int index, Value& out, int depth, std::string& error);

// Items 1..n up to the first nil, in order.
bool convert_items(lua_State* L, int index, std::vector<Value>& items, int depth,
                   std::string& error) {
  for (lua_Integer i = 1;; ++i) {
    if (lua_rawgeti(L, index, i) == LUA_TNIL) {
      lua_pop(L, 1);
      return true;
    }
    Value item;
    bool ok = convert_at(L, lua_gettop(L), item, depth + 1, error);
    lua_pop(L, 1);
    if (!ok) return false;
    items.push_back(std::move(item));
  }
}

bool convert_fields(lua_State* L, int index, lua_Integer item_count,
                    std::vector<std::pair<std::string, Value>>& fields, int depth,
                    std::string& error) {
  int top = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, index)) {
    if (lua_isinteger(L, -2)) {
      lua_Integer i = lua_tointeger(L, -2);
      if (i >= 1 && i <= item_count) {
        lua_pop(L, 1);
        continue;
      }
    }
    if (!is_text_key(lua_type(L, -2))) {
      error = std::string("a table key of type ") + luaL_typename(L, -2) + " cannot be passed to C++";
      lua_settop(L, top);
      return false;
    }
    Value value;
    if (!convert_at(L, lua_gettop(L), value, depth + 1, error)) {
      lua_settop(L, top);
      return false;
    }
    fields.emplace_back(key_text(L, -2), std::move(value));
    lua_pop(L, 1);
  }
  std::stable_sort(fields.begin(), fields.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  auto duplicate = std::adjacent_find(fields.begin(), fields.end(), [](const auto& a, const auto& b) {
    return a.first == b.first;
  });
  if (duplicate != fields.end()) {
    error = "table key '" + duplicate->first + "' appears twice (as a string and as a number)";
    return false;
  }
  return true;
}

bool convert_table(lua_State* L, int index, Value& out, int depth, std::string& error) {
  if (depth >= kMaxDepth) {
    error = "tables nested deeper than " + std::to_string(kMaxDepth) +
            " levels (does a table contain itself?)";
    return false;
  }
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> fields;
  items.reserve(std::min<std::size_t>(lua_rawlen(L, index), 1024));
  if (!convert_items(L, index, items, depth, error)) return false;
  if (!convert_fields(L, index, static_cast<lua_Integer>(items.size()), fields, depth, error))
    return false;
  out = Value::table(std::move(items), std::move(fields));
  return true;
}

// Set when a function without a reference was met (prepare() not run).
constexpr char kUnpreparedMarker[] = "internal: a function without a reference";

bool convert_function(lua_State* L, int index, Value& out, std::string& error) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kFunctionIds);
  lua_pushvalue(L, index);
  lua_rawget(L, -2);
  bool known = lua_isinteger(L, -1);
  lua_Integer reference = lua_tointeger(L, -1);
  lua_pop(L, 2);
  if (!known) {
    error = kUnpreparedMarker;
    return false;
  }
  out = Value::function(static_cast<int>(reference));
  return true;
}

bool convert_at(lua_State* L, int index, Value& out, int depth, std::string& error) {
  if (!lua_checkstack(L, 4)) {
    error = "out of memory for the Lua stack";
    return false;
  }
  switch (lua_type(L, index)) {
    case LUA_TNIL:
      out = Value();
      return true;
    case LUA_TBOOLEAN:
      out = Value::boolean(lua_toboolean(L, index) != 0);
      return true;
    case LUA_TNUMBER:
      out = lua_isinteger(L, index) ? Value::integer(lua_tointeger(L, index))
                                    : Value::number(lua_tonumber(L, index));
      return true;
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      out = Value::string(std::string(text, length));
      return true;
    }
    case LUA_TTABLE:
      return convert_table(L, index, out, depth, error);
    case LUA_TFUNCTION:
      return convert_function(L, index, out, error);
    default:
      error = std::string("a ") + luaL_typename(L, index) + " value cannot be passed to C++";
      return false;
  }
}

void push_at(lua_State* L, const Value& value, int depth) {
  luaL_checkstack(L, 4, "value nested too deeply");
  if (depth >= kMaxDepth) luaL_error(L, "value nested deeper than %d levels", kMaxDepth);
  switch (value.kind()) {
    case Value::Kind::kNil: lua_pushnil(L); return;
    case Value::Kind::kBoolean: lua_pushboolean(L, value.as_bool()); return;
    case Value::Kind::kInteger: lua_pushinteger(L, value.as_integer()); return;
    case Value::Kind::kNumber: lua_pushnumber(L, value.as_number()); return;
    case Value::Kind::kString:
      lua_pushlstring(L, value.as_string().data(), value.as_string().size());
      return;
    case Value::Kind::kFunction:
      lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kFunctions);
      if (value.function_reference() <= 0 ||
          lua_rawgeti(L, -1, value.function_reference()) != LUA_TFUNCTION)
        luaL_error(L, "function reference %d does not belong to this quirk set",
                   value.function_reference());
      lua_remove(L, -2);
      return;
    case Value::Kind::kTable:
      break;
  }
  const auto& items = value.items();
  const auto& fields = value.fields();
  lua_createtable(L, static_cast<int>(std::min<std::size_t>(items.size(), 1u << 24)),
                  static_cast<int>(std::min<std::size_t>(fields.size(), 1u << 24)));
  for (std::size_t i = 0; i < items.size(); ++i) {
    push_at(L, items[i], depth + 1);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  for (const auto& field : fields) {
    lua_pushlstring(L, field.first.data(), field.first.size());
    push_at(L, field.second, depth + 1);
    lua_rawset(L, -3);
  }
}

using Node = ResultView::Node;

// The scalar at `index` into `node`; false for a type that is not plain.
bool flatten_scalar(lua_State* L, int index, int type, Node& node) {
  node.type = type;
  switch (type) {
    case LUA_TNIL: return true;
    case LUA_TBOOLEAN: node.boolean = lua_toboolean(L, index) != 0; return true;
    case LUA_TNUMBER:
      node.is_integer = lua_isinteger(L, index);
      if (node.is_integer)
        node.integer = lua_tointeger(L, index);
      else
        node.number = lua_tonumber(L, index);
      return true;
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      node.text = std::string_view(text, length);
      return true;
    }
    default: return false;
  }
}

// One flatten: where the nodes go, and the stack index up to which Lua has
// granted room (lua_checkstack), so that it is asked again only when a
// result needs more than flatten asked for at the start.
struct Walk {
  lua_State* L;
  std::vector<Node>& nodes;
  int room_top;
};

// Room for `n` more values above `top`, the current top of the stack.
bool ensure_room(Walk& walk, int top, int n) {
  if (top + n <= walk.room_top) return true;
  if (!lua_checkstack(walk.L, n)) return false;
  walk.room_top = top + n;
  return true;
}

// The children of the table at `index` (node `self`, at `depth`): one walk
// appends them, keeping each child table on the stack where lua_next put it
// (with a copy of its key above it for the walk to go on from); then the
// items are put first, in order, and the child tables are flattened.
// Distinct positive integer keys whose count equals the largest are
// exactly 1..n, which to_value takes as the items; any other key must be a
// string. Leaves the stack as it found it.
bool flatten_table(Walk& walk, int index, int depth, std::size_t self) {
  lua_State* L = walk.L;
  std::vector<Node>& nodes = walk.nodes;
  int base = lua_gettop(L);
  if (depth >= kMaxDepth || !ensure_room(walk, base, 3)) return false;
  int key_at = base + 1;  // the key the walk goes on from
  std::size_t first = nodes.size();
  lua_Integer largest = 0;
  std::size_t items = 0;
  bool in_order = true;  // items first and by key, as a table built as a list walks
  bool ok = true;
  lua_pushnil(L);
  while (lua_next(L, index)) {
    Node& node = nodes.emplace_back();
    if (lua_isinteger(L, -2)) {
      node.is_item = true;
      node.index = lua_tointeger(L, -2);
      ok = node.index >= 1;
      in_order = in_order && node.index == static_cast<lua_Integer>(items + 1) &&
                 nodes.size() - first == items + 1;
      ++items;
      largest = std::max(largest, node.index);
    } else if (lua_type(L, -2) == LUA_TSTRING) {
      std::size_t length = 0;
      const char* key = lua_tolstring(L, -2, &length);
      node.key = std::string_view(key, length);
    } else {
      ok = false;
    }
    if (!ok) break;
    int type = lua_type(L, -1);
    if (type == LUA_TTABLE) {
      node.type = LUA_TTABLE;
      node.slot = key_at + 1;
      ok = ensure_room(walk, key_at + 1, 3);
      if (!ok) break;
      lua_pushvalue(L, -2);
      key_at += 2;
    } else {
      ok = flatten_scalar(L, -1, type, node);
      lua_pop(L, 1);
      if (!ok) break;
    }
  }
  // After a whole walk only the kept tables and their keys are left.
  bool kept = key_at != base + 1;
  if (!ok || static_cast<lua_Integer>(items) != largest) {
    lua_settop(L, base);
    return false;
  }
  std::size_t count = nodes.size() - first;
  if (!in_order) {
    // Items first, by key, then the fields as walked.
    std::stable_sort(nodes.begin() + static_cast<std::ptrdiff_t>(first), nodes.end(),
                     [](const Node& a, const Node& b) {
                       if (a.is_item != b.is_item) return a.is_item;
                       return a.is_item && a.index < b.index;
                     });
  }
  nodes[self].first = first;
  nodes[self].items = items;
  nodes[self].fields = count - items;
  if (!kept) return true;
  for (std::size_t i = first; i < first + count; ++i) {
    if (nodes[i].type != LUA_TTABLE) continue;
    if (!flatten_table(walk, nodes[i].slot, depth + 1, i)) {
      lua_settop(L, base);
      return false;
    }
  }
  lua_settop(L, base);
  return true;
}

}  // namespace

bool flatten(lua_State* L, int index, std::vector<Node>& nodes) {
  // Stricter is always safe here (a value that is not plain is converted
  // instead), laxer never: to_value asks for 4 stack slots at up to 2 per
  // level above the value, so ask for all it could need first.
  constexpr int kRoom = 2 * kMaxDepth + 8;
  if (!lua_checkstack(L, kRoom)) return false;
  index = lua_absindex(L, index);
  nodes.clear();
  Node& root = nodes.emplace_back();
  int type = lua_type(L, index);
  if (type != LUA_TTABLE) return flatten_scalar(L, index, type, root);
  root.type = LUA_TTABLE;
  Walk walk{L, nodes, lua_gettop(L) + kRoom};
  return flatten_table(walk, index, 0, 0);
}

void push_string_table(lua_State* L, const StringTable& table) {
  // As push_at for a table of strings at depth 0.
  luaL_checkstack(L, 4, "value nested too deeply");
  lua_createtable(L, static_cast<int>(std::min<std::size_t>(table.items.size(), 1u << 24)),
                  static_cast<int>(std::min<std::size_t>(table.fields.size(), 1u << 24)));
  // Each string is set before the next is pushed, so the room asked for
  // above lasts (push_at asks again before each value; that cannot fail
  // where this did not: Lua keeps the room it granted to a running
  // function).
  lua_Integer i = 0;
  for (std::string_view item : table.items) {
    lua_pushlstring(L, item.data(), item.size());
    lua_rawseti(L, -2, ++i);
  }
  for (const auto& [key, value] : table.fields) {
    lua_pushlstring(L, key.data(), key.size());
    lua_pushlstring(L, value.data(), value.size());
    lua_rawset(L, -3);
  }
}

void prepare(lua_State* L, int index) { prepare_at(L, lua_absindex(L, index), 0); }

int prepare_argument(lua_State* L) {
  lua_settop(L, 1);
  prepare(L, 1);
  return 1;
}

Failure to_value(lua_State* L, int index, Value& out, std::string& error) {
  int top = lua_gettop(L);
  bool ok = convert_at(L, lua_absindex(L, index), out, 0, error);
  lua_settop(L, top);
  if (ok) return Failure::kNone;
  return error == kUnpreparedMarker ? Failure::kUnprepared : Failure::kInvalid;
}

void push_value(lua_State* L, const Value& value) { push_at(L, value, 0); }

}  // namespace ocf::quirks::convert
