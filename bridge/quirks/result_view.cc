// ResultView: a call's first result read either in place on the Lua stack
// or from the Value it was converted to (see quirks.h).
//
// In place, the result passed convert::is_plain, so every table in it has
// only its items (1..n) and string keys, and nothing in it raises when
// read: a field is found by walking the table with lua_next (pushing the
// name would allocate), an item with lua_rawgeti. Each read leaves its value
// in a new stack slot, which the caller's StackGuard frees after the reader.
// Since a plain table's integer keys are exactly 1..n, its length is the
// count of its items.
#include <lua.hpp>

#include "bridge/quirks/quirks.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks {

Value::Kind ResultView::kind() const {
  if (value_ != nullptr) return value_->kind();
  if (state_ == nullptr) return Value::Kind::kNil;
  lua_State* L = state_->lua;
  switch (lua_type(L, index_)) {
    case LUA_TBOOLEAN: return Value::Kind::kBoolean;
    case LUA_TNUMBER: return lua_isinteger(L, index_) ? Value::Kind::kInteger : Value::Kind::kNumber;
    case LUA_TSTRING: return Value::Kind::kString;
    case LUA_TTABLE: return Value::Kind::kTable;
    default: return Value::Kind::kNil;  // is_plain admits nothing else
  }
}

std::string ResultView::to_text() const {
  if (value_ != nullptr) return value_->to_text();
  if (state_ == nullptr) return {};
  lua_State* L = state_->lua;
  switch (lua_type(L, index_)) {
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index_, &length);
      return std::string(text, length);
    }
    case LUA_TNUMBER:
      // Never lua_tolstring on a number: it converts the slot in place.
      if (lua_isinteger(L, index_)) return std::to_string(lua_tointeger(L, index_));
      return number_text(lua_tonumber(L, index_));
    case LUA_TBOOLEAN: return lua_toboolean(L, index_) ? "true" : "false";
    default: return {};
  }
}

ResultView ResultView::operator[](std::string_view field) const {
  if (value_ != nullptr) {
    const Value& found = (*value_)[field];
    return found.is_nil() ? ResultView() : ResultView(&found);
  }
  if (state_ == nullptr) return {};
  lua_State* L = state_->lua;
  if (lua_type(L, index_) != LUA_TTABLE) return {};
  if (!lua_checkstack(L, 2)) {
    state_->view_failed = true;
    return {};
  }
  lua_pushnil(L);
  while (lua_next(L, index_)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      std::size_t length = 0;
      const char* key = lua_tolstring(L, -2, &length);
      if (std::string_view(key, length) == field) {
        lua_remove(L, -2);  // the key; the value stays for the view
        return ResultView(state_, lua_gettop(L));
      }
    }
    lua_pop(L, 1);
  }
  return {};
}

std::size_t ResultView::size() const {
  if (value_ != nullptr) return value_->items().size();
  if (state_ == nullptr) return 0;
  lua_State* L = state_->lua;
  if (lua_type(L, index_) != LUA_TTABLE) return 0;
  // A plain table's integer keys are exactly 1..n, so its only border is n:
  // the count of items up to the first nil, as the conversion takes them.
  return static_cast<std::size_t>(lua_rawlen(L, index_));
}

ResultView ResultView::item(std::size_t i) const {
  if (value_ != nullptr) return ResultView(&value_->items()[i]);
  if (state_ == nullptr) return {};
  lua_State* L = state_->lua;
  if (lua_type(L, index_) != LUA_TTABLE) return {};
  if (!lua_checkstack(L, 1)) {
    state_->view_failed = true;
    return {};
  }
  lua_rawgeti(L, index_, static_cast<lua_Integer>(i + 1));
  return ResultView(state_, lua_gettop(L));
}

}  // namespace ocf::quirks
