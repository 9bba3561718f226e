// The sandbox: allocator with a cap, instruction-count hook, the reduced
// standard library and frozen globals.
//
// What a quirk file may use, and why the rest is gone:
// - base without dofile/loadfile (file access), print/warn (they would
//   write to the tool's own stdout/stderr), collectgarbage other than
//   "count" (a script must not steer the collector). `load` only takes text
//   chunks: bytecode can crash the VM. `rawset` refuses _G so it cannot
//   bypass the frozen globals. `setmetatable` refuses a metatable with a
//   __gc field: Lua runs finalizers with hooks off, so a looping __gc would
//   escape the instruction budget (and 5.4 marks an object for finalization
//   only when setmetatable sees __gc, so checking there is enough).
// - string (without string.dump), table, math, utf8. No io, os, package,
//   require, debug or coroutine.
// - `quirk(section [, key])` returns a merged entry (or section), so a
//   function in one file can use tables or helpers of another (e.g.
//   quirk("netmask", "cidr_from_dotted")). The result is the live table:
//   treat it as read-only.
// Globals are frozen after the files load: _G becomes an empty table whose
// metatable reads from the real globals and refuses every assignment, and
// the metatable itself is protected. The library tables (string, math, ...)
// are shared and not frozen; all files come from the same operator.
//
// Known limit: Lua's pattern matcher runs in C, so a pathological pattern in
// string.find/gsub is not counted by the instruction hook.
#include "bridge/quirks/sandbox.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ocf::quirks {

const char sandbox::kEntries = 'e';
const char sandbox::kOrigins = 'o';
const char sandbox::kFunctions = 'f';
const char sandbox::kFunctionIds = 'i';

QuirkSet::State& state_of(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return *static_cast<QuirkSet::State*>(ud);
}

std::string source_name(const lua_Debug& ar) {
  if (ar.source != nullptr && (ar.source[0] == '@' || ar.source[0] == '=')) return ar.source + 1;
  return ar.short_src;
}

namespace sandbox {
namespace {

// Instructions between two calls of the hook; budgets above it are counted
// down in slices (lua_sethook takes an int).
constexpr std::uint64_t kSlice = 1u << 20;

void* allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) {
  auto& state = *static_cast<QuirkSet::State*>(ud);
  std::size_t old_bytes = ptr != nullptr ? old_size : 0;  // else old_size is a type tag
  if (new_size == 0) {
    std::free(ptr);
    state.used -= old_bytes;
    return nullptr;
  }
  std::size_t cap = state.limits.memory_bytes;
  if (new_size > old_bytes && new_size - old_bytes > cap - std::min(state.used, cap)) {
    state.refused = true;  // Lua collects and retries, then raises a memory error
    return nullptr;
  }
  // Most requests are new blocks; malloc takes them by its shortest path.
  void* block = ptr != nullptr ? std::realloc(ptr, new_size) : std::malloc(new_size);
  if (block != nullptr) state.used = state.used - old_bytes + new_size;
  return block;
}

void count_hook(lua_State* L, lua_Debug* ar) {
  QuirkSet::State& state = state_of(L);
  if (!state.in_entry) {
    lua_pushliteral(L, "quirk code may run only inside a budgeted call");
    lua_error(L);
  }
  lua_getinfo(L, "Sl", ar);
  if (!state.exhausted) {
    state.remaining -= std::min<std::uint64_t>(state.remaining, state.slice);
    if (state.remaining > 0) {
      state.slice = static_cast<int>(std::min(state.remaining, kSlice));
      lua_sethook(L, count_hook, LUA_MASKCOUNT, state.slice);
      return;
    }
    state.exhausted = true;
    state.stop_source = source_name(*ar);
    state.stop_line = ar->currentline;
    // From now on every instruction fails, so a pcall inside the script
    // cannot swallow the stop.
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
  }
  lua_pushfstring(L, "%s:%d: instruction budget of %I exceeded", ar->short_src,
                  ar->currentline, static_cast<LUAI_UACINT>(state.limits.instructions));
  lua_error(L);
}

// load(chunk [, name [, mode [, env]]]) restricted to text chunks; without
// an env the chunk gets the sandbox globals.
int sandboxed_load(lua_State* L) {
  bool has_env = !lua_isnoneornil(L, 4);
  lua_settop(L, 4);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_pushliteral(L, "t");
  if (has_env)
    lua_pushvalue(L, 4);
  else
    lua_pushglobaltable(L);
  lua_call(L, 4, LUA_MULTRET);
  return lua_gettop(L) - 4;
}

int guarded_rawset(lua_State* L) {
  lua_pushglobaltable(L);
  bool is_globals = lua_rawequal(L, 1, -1);
  lua_pop(L, 1);
  if (is_globals) return luaL_error(L, "rawset on _G is not allowed in quirk files");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int guarded_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    bool has_gc = lua_rawget(L, 2) != LUA_TNIL;
    lua_pop(L, 1);
    if (has_gc) return luaL_error(L, "__gc metamethods are not allowed in quirk files");
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int collectgarbage_count(lua_State* L) {
  const char* option = luaL_optstring(L, 1, "collect");
  if (std::strcmp(option, "count") != 0)
    return luaL_error(L, "collectgarbage('%s') is not available in quirk files (only 'count')",
                      option);
  int kbytes = lua_gc(L, LUA_GCCOUNT);
  int bytes = lua_gc(L, LUA_GCCOUNTB);
  lua_pushnumber(L, static_cast<lua_Number>(kbytes) + static_cast<lua_Number>(bytes) / 1024);
  return 1;
}

int quirk_lookup(lua_State* L) {
  luaL_checkstring(L, 1);
  bool whole_section = lua_isnoneornil(L, 2);
  if (!whole_section) luaL_checkstring(L, 2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kEntries);
  lua_pushvalue(L, 1);
  if (lua_rawget(L, -2) != LUA_TTABLE || whole_section) return 1;
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  return 1;
}

int refuse_global(lua_State* L) {
  const char* name = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
  return luaL_error(L,
                    "cannot assign global '%s': globals are frozen once the quirk files have "
                    "loaded (use a local)",
                    name);
}

void set_global_function(lua_State* L, const char* name, lua_CFunction f, bool wraps_original) {
  if (wraps_original) {
    lua_getglobal(L, name);
    lua_pushcclosure(L, f, 1);
  } else {
    lua_pushcfunction(L, f);
  }
  lua_setglobal(L, name);
}

}  // namespace

lua_State* open(QuirkSet::State& state) {
  lua_State* L = lua_newstate(allocate, &state);
  if (L == nullptr) return nullptr;
  state.lua = L;
  end_entry(state);
  return L;
}

int install(lua_State* L) {
  static const luaL_Reg kLibraries[] = {
      {LUA_GNAME, luaopen_base},        {LUA_STRLIBNAME, luaopen_string},
      {LUA_TABLIBNAME, luaopen_table},  {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8},
  };
  for (const auto& library : kLibraries) {
    luaL_requiref(L, library.name, library.func, 1);
    lua_pop(L, 1);
  }
  for (const char* name : {"dofile", "loadfile", "print", "warn"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  set_global_function(L, "load", sandboxed_load, true);
  set_global_function(L, "rawset", guarded_rawset, true);
  set_global_function(L, "setmetatable", guarded_setmetatable, true);
  set_global_function(L, "collectgarbage", collectgarbage_count, false);
  set_global_function(L, "quirk", quirk_lookup, false);
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  for (const char* key : {&kEntries, &kOrigins, &kFunctions, &kFunctionIds}) {
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kFunctions);
  state_of(L).functions_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

int freeze_globals(lua_State* L) {
  lua_settop(L, 0);
  lua_pushglobaltable(L);  // 1
  if (lua_getmetatable(L, 1)) return 0;
  lua_newtable(L);  // 2: the real globals from now on
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, 2);
  }
  lua_pushnil(L);
  while (lua_next(L, 2)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_pushnil(L);
    lua_rawset(L, 1);
  }
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, 2);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, refuse_global);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, 1);
  return 0;
}

void begin_entry(QuirkSet::State& state) {
  state.in_entry = true;
  state.exhausted = false;
  state.refused = false;
  state.error_located = false;
  state.remaining = state.limits.instructions;
  state.slice = static_cast<int>(std::clamp<std::uint64_t>(state.remaining, 1, kSlice));
  lua_sethook(state.lua, count_hook, LUA_MASKCOUNT, state.slice);
}

void end_entry(QuirkSet::State& state) {
  state.in_entry = false;
  lua_sethook(state.lua, count_hook, LUA_MASKCOUNT, 1);
}

int message_handler(lua_State* L) {
  QuirkSet::State& state = state_of(L);
  const char* message = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : nullptr;
  lua_Debug ar;
  lua_Debug first;
  bool have_first = false;
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;  // C functions
    if (!have_first) {
      first = ar;
      have_first = true;
    }
    if (message == nullptr) break;
    // The frame whose "chunk:line:" the message starts with raised it
    // (error(msg, 2) names the caller, not the innermost frame).
    char prefix[LUA_IDSIZE + 32];
    int n = std::snprintf(prefix, sizeof prefix, "%s:%d:", ar.short_src, ar.currentline);
    if (n > 0 && static_cast<std::size_t>(n) < sizeof prefix &&
        std::strncmp(message, prefix, static_cast<std::size_t>(n)) == 0) {
      state.error_located = true;
      state.error_source = source_name(ar);
      state.error_line = ar.currentline;
      const char* text = message + n;
      if (*text == ' ') ++text;
      lua_pushstring(L, text);
      return 1;
    }
  }
  if (message == nullptr)
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  else
    lua_pushstring(L, message);
  if (have_first) {
    // No location in the message: the traceback's first Lua frame is the
    // best we know.
    state.error_located = true;
    state.error_source = source_name(first);
    state.error_line = first.currentline;
    lua_pushfstring(L, "%s (raised at %s:%d)", lua_tostring(L, -1), first.short_src,
                    first.currentline);
  }
  return 1;
}

}  // namespace sandbox
}  // namespace ocf::quirks
