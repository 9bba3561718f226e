// QuirkSet: loading quirk files into the sandboxed state, merging their
// sections, and calling their functions under the budget.
//
// Diagnostic codes: quirks.lua-error (syntax or runtime error, or a file
// that does not return a table of sections), quirks.budget (instruction
// budget ran out), quirks.memory (memory cap hit), quirks.value (a Lua value
// C++ cannot take, e.g. a table containing itself), quirks.call (calling
// something that is not a function of this set), quirks.io (unreadable
// file), quirks.state (the Lua state could not be made).
//
// Every use of the Lua API that can raise an error runs inside lua_pcall;
// the rest (reading raw fields, lua_next) cannot raise. The stack is back to
// empty after every public call.
#include "bridge/quirks/quirks.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "bridge/quirks/convert.h"
#include "bridge/quirks/sandbox.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks {
namespace {

using model::Diagnostic;
using model::Diagnostics;
using model::Severity;
using model::SourceLocation;
using State = QuirkSet::State;

// Restores the stack height on scope exit (lua_settop does not raise here:
// none of our slots is a to-be-closed variable).
class StackGuard {
 public:
  explicit StackGuard(lua_State* L) : lua_(L), top_(lua_gettop(L)) {}
  ~StackGuard() { lua_settop(lua_, top_); }
  StackGuard(const StackGuard&) = delete;
  StackGuard& operator=(const StackGuard&) = delete;

 private:
  lua_State* lua_;
  int top_;
};

SourceLocation at(std::string file, int line) {
  SourceLocation where;
  where.file = std::move(file);
  where.line = line > 0 ? static_cast<std::uint32_t>(line) : 0;
  return where;
}

std::string with_context(std::string message, const SourceLocation& where) {
  if (where.known()) message += " (while translating " + where.to_string() + ")";
  return message;
}

std::string top_message(lua_State* L) {
  if (lua_type(L, -1) != LUA_TSTRING) return "(error object is not a string)";
  std::size_t length = 0;
  const char* text = lua_tolstring(L, -1, &length);
  return std::string(text, length);
}

void flush_deferred(State& state, Diagnostics& diagnostics) {
  for (auto& diagnostic : state.deferred) diagnostics.add(std::move(diagnostic));
  state.deferred.clear();
}

// After a failed run the script's garbage is unreachable; collecting it now
// keeps a memory-cap failure from starving the next call.
void collect(State& state) { lua_gc(state.lua, LUA_GCCOLLECT); }

// Where a failure without its own location happened: the script, and the
// line of the function when known.
struct Fallback {
  std::string file;
  int line = 0;
};

// Reports the error of a failed lua_pcall (status, message on the stack).
void report_failure(State& state, int status, const Fallback& fallback,
                    Diagnostics& diagnostics, const SourceLocation& where) {
  std::string message = top_message(state.lua);
  if (state.exhausted) {
    diagnostics.error("quirks.budget",
                      with_context("instruction budget of " +
                                       std::to_string(state.limits.instructions) +
                                       " exceeded in " + state.stop_source + " at line " +
                                       std::to_string(state.stop_line) +
                                       "; the script was stopped",
                                   where),
                      at(state.stop_source, state.stop_line));
  } else if (status == LUA_ERRMEM || (status == LUA_ERRERR && state.refused)) {
    diagnostics.error("quirks.memory",
                      with_context("memory cap of " + std::to_string(state.limits.memory_bytes) +
                                       " bytes exceeded while running " + fallback.file +
                                       "; the script was stopped",
                                   where),
                      at(fallback.file, fallback.line));
  } else if (state.error_located) {
    diagnostics.error("quirks.lua-error", with_context(message, where),
                      at(state.error_source, state.error_line));
  } else {
    diagnostics.error("quirks.lua-error", with_context(message, where),
                      at(fallback.file, fallback.line));
  }
}

// Runs the function below `nargs` arguments on the stack under a fresh
// budget with the message handler. Leaves one result, or the error message.
int run(State& state, int nargs) {
  lua_State* L = state.lua;
  int handler = lua_gettop(L) - nargs;
  lua_pushcfunction(L, sandbox::message_handler);
  lua_insert(L, handler);
  sandbox::begin_entry(state);
  int status = lua_pcall(L, nargs, 1, handler);
  sandbox::end_entry(state);
  lua_remove(L, handler);
  return status;
}

// Runs a C function (no Lua code) in protected mode with one light
// userdata argument; returns its status, results or message on the stack.
int protect(State& state, lua_CFunction f, void* argument, int results) {
  state.refused = false;
  state.exhausted = false;
  state.error_located = false;
  lua_pushcfunction(state.lua, f);
  lua_pushlightuserdata(state.lua, argument);
  return lua_pcall(state.lua, 1, results, 0);
}

// "chunk:LINE: message" from the parser -> LINE and the message.
void split_location(const std::string& message, int& line, std::string& text) {
  for (std::size_t colon = message.find(':'); colon != std::string::npos;
       colon = message.find(':', colon + 1)) {
    std::size_t digits = colon + 1;
    std::size_t end = digits;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    if (end > digits && end - digits < 9 && end < message.size() && message[end] == ':') {
      line = std::stoi(message.substr(digits, end - digits));
      text = message.substr(end + 1);
      if (!text.empty() && text[0] == ' ') text.erase(0, 1);
      return;
    }
  }
  line = 0;
  text = message;
}

// ---- merging a file's sections ----

struct MergeInput {
  const std::string* origin;
};

// Checks every section and entry first, so a bad file changes nothing.
void check_sections(lua_State* L, int result) {
  lua_pushnil(L);
  while (lua_next(L, result)) {
    if (lua_type(L, -2) != LUA_TSTRING)
      luaL_error(L, "section names must be strings (found a %s key)", luaL_typename(L, -2));
    if (lua_type(L, -1) != LUA_TTABLE)
      luaL_error(L, "section '%s' must be a table of entries (it is a %s)", lua_tostring(L, -2),
                 luaL_typename(L, -1));
    int entries = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, entries)) {
      int type = lua_type(L, -2);
      if (type != LUA_TSTRING && type != LUA_TNUMBER)
        luaL_error(L, "section '%s': entry keys must be strings (found a %s key)",
                   lua_tostring(L, -3), luaL_typename(L, -2));
      convert::prepare(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
}

// registry_table[name], created when missing; left on the stack.
void subtable(lua_State* L, int registry_table, int name) {
  lua_pushvalue(L, name);
  if (lua_rawget(L, registry_table) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, name);
  lua_pushvalue(L, -2);
  lua_rawset(L, registry_table);
}

// lua_CFunction: args (result table, MergeInput*).
int merge_sections(lua_State* L) {
  const auto* input = static_cast<const MergeInput*>(lua_touserdata(L, 2));
  lua_settop(L, 1);
  check_sections(L, 1);
  lua_pushlstring(L, input->origin->data(), input->origin->size());  // 2
  lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kEntries);               // 3
  lua_rawgetp(L, LUA_REGISTRYINDEX, &sandbox::kOrigins);               // 4
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    int section = lua_gettop(L) - 1;
    int entries = section + 1;
    subtable(L, 3, section);  // entries + 1
    subtable(L, 4, section);  // entries + 2
    lua_pushnil(L);
    while (lua_next(L, entries)) {
      lua_pushvalue(L, -2);
      lua_tostring(L, -1);  // number keys are stored as text (on the copy)
      lua_pushvalue(L, -1);
      lua_pushvalue(L, -3);
      lua_rawset(L, entries + 1);
      lua_pushvalue(L, 2);
      lua_rawset(L, entries + 2);
      lua_pop(L, 1);
    }
    lua_settop(L, section);
  }
  return 0;
}

// ---- loading ----

bool load_chunk(State& state, std::string_view source, const std::string& name,
                Diagnostics& diagnostics) {
  lua_State* L = state.lua;
  StackGuard guard(L);
  flush_deferred(state, diagnostics);
  Fallback fallback{name, 0};
  std::string chunk_name = "@" + name;
  state.refused = false;
  state.exhausted = false;
  int status = luaL_loadbufferx(L, source.data(), source.size(), chunk_name.c_str(), "t");
  if (status == LUA_OK) {
    status = run(state, 0);
  } else if (status == LUA_ERRSYNTAX) {
    int line = 0;
    std::string text;
    split_location(top_message(L), line, text);
    diagnostics.error("quirks.lua-error", text, at(name, line));
    return false;
  }
  if (status != LUA_OK) {
    report_failure(state, status, fallback, diagnostics, {});
    collect(state);
    return false;
  }
  if (!lua_istable(L, -1)) {
    diagnostics.error("quirks.lua-error",
                      name + " must return a table of sections (it returned " +
                          luaL_typename(L, -1) + ")",
                      at(name, 0));
    return false;
  }
  MergeInput input{&name};
  lua_pushcfunction(L, merge_sections);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, &input);
  state.refused = false;
  status = lua_pcall(L, 2, 0, 0);
  if (status == LUA_ERRMEM) {
    report_failure(state, status, fallback, diagnostics, {});
    return false;
  }
  if (status != LUA_OK) {
    diagnostics.error("quirks.lua-error", top_message(L), at(name, 0));
    return false;
  }
  return true;
}

bool is_quirk_file(const std::string& name) {
  return name.size() > 4 && name[0] != '.' && name.compare(name.size() - 4, 4, ".lua") == 0;
}

void load_directory(State& state, const std::filesystem::path& dir, const io::Env& env,
                    Diagnostics& diagnostics) {
  if (!env.is_directory(dir)) return;
  std::vector<std::string> names = env.list_files(dir);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    if (!is_quirk_file(name)) continue;
    std::filesystem::path path = dir / name;
    std::string source;
    io::IoError error;
    if (!env.read_file(path, source, error)) {
      diagnostics.error("quirks.io", error.message, at(path.string(), 0));
      continue;
    }
    load_chunk(state, source, path.string(), diagnostics);
  }
}

// ---- lookups ----

struct Lookup {
  const void* table;  // sandbox::kEntries or kOrigins
  std::string_view section;
  std::string_view key;
  bool whole_section = false;
  std::string_view field;  // non-empty: key's entry must be a table; take this field
};

// lua_CFunction: pushes the looked-up value (nil when absent).
int look_up(lua_State* L) {
  const auto* lookup = static_cast<const Lookup*>(lua_touserdata(L, 1));
  lua_rawgetp(L, LUA_REGISTRYINDEX, lookup->table);
  lua_pushlstring(L, lookup->section.data(), lookup->section.size());
  if (lua_rawget(L, -2) == LUA_TTABLE && !lookup->whole_section) {
    lua_pushlstring(L, lookup->key.data(), lookup->key.size());
    if (lua_rawget(L, -2) == LUA_TTABLE && !lookup->field.empty()) {
      lua_pushlstring(L, lookup->field.data(), lookup->field.size());
      lua_rawget(L, -2);
    } else if (!lookup->field.empty()) {
      lua_pushnil(L);
    }
  } else if (!lookup->whole_section) {
    lua_pushnil(L);
  }
  return 1;
}

// The looked-up value on the stack, or false after deferring a diagnostic.
bool push_lookup(State& state, const Lookup& lookup) {
  if (protect(state, look_up, const_cast<Lookup*>(&lookup), 1) == LUA_OK) return true;
  std::string name = std::string(lookup.section) + "." + std::string(lookup.key);
  std::string message = top_message(state.lua);
  lua_pop(state.lua, 1);
  state.deferred.push_back({Severity::kError, state.refused ? "quirks.memory" : "quirks.value",
                            "quirk entry " + name + ": " + message, {}});
  return false;
}

// Converts the value on top of the stack, making function references
// first when it holds a function that has none yet. On failure, `code` is
// the diagnostic code and `error` the reason.
bool convert_top_value(State& state, Value& out, std::string& error, const char*& code) {
  lua_State* L = state.lua;
  code = "quirks.value";
  convert::Failure failure = convert::to_value(L, -1, out, error);
  if (failure == convert::Failure::kUnprepared) {
    state.refused = false;
    lua_pushcfunction(L, convert::prepare_argument);
    lua_pushvalue(L, -2);
    int status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK) {
      error = top_message(L);
      if (status == LUA_ERRMEM) code = "quirks.memory";
      lua_pop(L, 1);
      return false;
    }
    lua_pop(L, 1);
    failure = convert::to_value(L, -1, out, error);
  }
  return failure == convert::Failure::kNone;
}

Value convert_top(State& state, std::string_view section, std::string_view key) {
  Value value;
  std::string error;
  const char* code = nullptr;
  if (!convert_top_value(state, value, error, code)) {
    state.deferred.push_back({Severity::kError, code,
                              "quirk entry " + std::string(section) + "." + std::string(key) +
                                  ": " + error,
                              {}});
    return {};
  }
  return value;
}

// ---- calls ----

struct CallSetup {
  const Value* function;
  std::span<const Value> args;
};

// lua_CFunction: pushes the function and its arguments.
int push_call(lua_State* L) {
  const auto* setup = static_cast<const CallSetup*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  luaL_checkstack(L, static_cast<int>(std::min<std::size_t>(setup->args.size(), 100000)) + 4,
                  "too many arguments");
  convert::push_value(L, *setup->function);
  for (const auto& arg : setup->args) convert::push_value(L, arg);
  return lua_gettop(L);
}

struct StringCallSetup {
  const Value* function;
  const StringTable* argument;
};

// Where push_string_call leaves what a string call needs, from the bottom
// of the stack: the message handler, the function table (for looking the
// function up again if the call fails), the function, its argument.
constexpr int kStringCallSlots = 4;

// lua_CFunction: pushes the message handler, the function table, the
// function and its one string-table argument, so that the call runs without
// moving anything on the stack. Checks and messages are push_call's for the
// Value::table of the same strings.
int push_string_call(lua_State* L) {
  const auto* setup = static_cast<const StringCallSetup*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  luaL_checkstack(L, 1 + 4 + 2, "too many arguments");
  lua_pushcfunction(L, sandbox::message_handler);
  lua_rawgeti(L, LUA_REGISTRYINDEX, state_of(L).functions_ref);
  int reference = setup->function->function_reference();
  if (reference <= 0 || lua_rawgeti(L, 2, reference) != LUA_TFUNCTION)
    luaL_error(L, "function reference %d does not belong to this quirk set", reference);
  convert::push_string_table(L, *setup->argument);
  return kStringCallSlots;
}

// The chunk and line of the function at `index`.
Fallback function_origin(lua_State* L, int index) {
  lua_Debug ar;
  lua_pushvalue(L, index);
  lua_getinfo(L, ">S", &ar);
  return {source_name(ar), ar.linedefined};
}

// function_origin of function `reference` in the function table at
// `functions`.
Fallback reference_origin(lua_State* L, int functions, int reference) {
  lua_rawgeti(L, functions, reference);
  Fallback origin = function_origin(L, -1);
  lua_pop(L, 1);
  return origin;
}

// Reports a first result that cannot become a Value.
std::optional<Value> result_error(const Fallback& fallback, const char* code,
                                  const std::string& error, Diagnostics& diagnostics,
                                  const SourceLocation& where) {
  diagnostics.error(code,
                    with_context("the result of the function defined at " + fallback.file + ":" +
                                     std::to_string(fallback.line) +
                                     " cannot be passed to C++: " + error,
                                 where),
                    at(fallback.file, fallback.line));
  return std::nullopt;
}

// The steps every call shares: checks `function`, pushes it and its `nargs`
// arguments through `push` (protected, so a failure to build them is
// reported, not raised), keeps a copy of the function below them, so that
// where it was defined is looked up only when something went wrong, and runs
// it. The index of that copy, with the first result on top; 0 when a step
// failed (reported in `diagnostics`).
int start_call(State& state, const Value& function, lua_CFunction push, void* setup, int nargs,
               Diagnostics& diagnostics, const SourceLocation& where) {
  lua_State* L = state.lua;
  flush_deferred(state, diagnostics);
  if (!function.is_function()) {
    diagnostics.error("quirks.call", with_context("a quirk call needs a Lua function", where),
                      where);
    return 0;
  }
  int status = protect(state, push, setup, LUA_MULTRET);
  if (status != LUA_OK) {
    diagnostics.error(status == LUA_ERRMEM ? "quirks.memory" : "quirks.call",
                      with_context("cannot pass the arguments to Lua: " + top_message(L), where),
                      where);
    return 0;
  }
  int function_at = lua_gettop(L) - nargs;
  lua_pushvalue(L, function_at);
  lua_insert(L, function_at);
  status = run(state, nargs);
  if (status != LUA_OK) {
    report_failure(state, status, function_origin(L, function_at), diagnostics, where);
    collect(state);
    return 0;
  }
  return function_at;
}

// start_call for a call with one string-table argument: the same checks,
// steps and diagnostics, with the stack laid out by push_string_call. The
// index of the function table, with the first result on top; 0 when a step
// failed (reported in `diagnostics`).
int start_string_call(State& state, const StringCallSetup& setup, Diagnostics& diagnostics,
                      const SourceLocation& where) {
  lua_State* L = state.lua;
  flush_deferred(state, diagnostics);
  if (!setup.function->is_function()) {
    diagnostics.error("quirks.call", with_context("a quirk call needs a Lua function", where),
                      where);
    return 0;
  }
  int base = lua_gettop(L);
  int status = protect(state, push_string_call, const_cast<StringCallSetup*>(&setup),
                       LUA_MULTRET);
  if (status != LUA_OK) {
    diagnostics.error(status == LUA_ERRMEM ? "quirks.memory" : "quirks.call",
                      with_context("cannot pass the arguments to Lua: " + top_message(L), where),
                      where);
    return 0;
  }
  int handler = base + 1;
  sandbox::begin_entry(state);
  status = lua_pcall(L, 1, 1, handler);
  sandbox::end_entry(state);
  if (status != LUA_OK) {
    report_failure(state, status,
                   reference_origin(L, handler + 1, setup.function->function_reference()),
                   diagnostics, where);
    collect(state);
    return 0;
  }
  return handler + 1;
}

}  // namespace

QuirkSet::QuirkSet(std::unique_ptr<State> state) : state_(std::move(state)) {}
QuirkSet::~QuirkSet() = default;

std::unique_ptr<QuirkSet> QuirkSet::load(std::string_view adapter,
                                         std::span<const std::filesystem::path> roots,
                                         const io::Env& env, model::Diagnostics& diagnostics,
                                         Limits limits) {
  auto state = std::make_unique<State>();
  state->limits = limits;
  if (sandbox::open(*state) == nullptr ||
      protect(*state, sandbox::install, nullptr, 0) != LUA_OK) {
    diagnostics.error("quirks.state",
                      "cannot create the Lua state for the " + std::string(adapter) +
                          " quirks (memory cap " + std::to_string(limits.memory_bytes) +
                          " bytes)");
    return nullptr;
  }
  for (const auto& root : roots) {
    load_directory(*state, root / "common", env, diagnostics);
    if (adapter != "common" && !adapter.empty())
      load_directory(*state, root / std::string(adapter), env, diagnostics);
  }
  if (protect(*state, sandbox::freeze_globals, nullptr, 0) != LUA_OK) {
    diagnostics.error("quirks.memory", "cannot freeze the globals of the " +
                                           std::string(adapter) + " quirks: " +
                                           top_message(state->lua));
    return nullptr;
  }
  return std::unique_ptr<QuirkSet>(new QuirkSet(std::move(state)));
}

bool QuirkSet::load_source(std::string_view source, std::string_view chunk_name,
                           model::Diagnostics& diagnostics) {
  return load_chunk(*state_, source, std::string(chunk_name), diagnostics);
}

Value QuirkSet::entry(std::string_view section, std::string_view key) const {
  StackGuard guard(state_->lua);
  if (!push_lookup(*state_, {&sandbox::kEntries, section, key, false, {}})) return {};
  return convert_top(*state_, section, key);
}

Value QuirkSet::section(std::string_view section) const {
  StackGuard guard(state_->lua);
  if (!push_lookup(*state_, {&sandbox::kEntries, section, {}, true, {}})) return {};
  return convert_top(*state_, section, "*");
}

std::vector<std::string> QuirkSet::keys(std::string_view section) const {
  lua_State* L = state_->lua;
  StackGuard guard(L);
  std::vector<std::string> keys;
  if (!push_lookup(*state_, {&sandbox::kOrigins, section, {}, true, {}}) || !lua_istable(L, -1))
    return keys;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    std::size_t length = 0;
    const char* text = lua_tolstring(L, -2, &length);  // keys are stored as strings
    keys.emplace_back(text, length);
    lua_pop(L, 1);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string QuirkSet::origin(std::string_view section, std::string_view key) const {
  lua_State* L = state_->lua;
  StackGuard guard(L);
  if (!push_lookup(*state_, {&sandbox::kOrigins, section, key, false, {}}) || !lua_isstring(L, -1)) return {};
  std::size_t length = 0;
  const char* text = lua_tolstring(L, -1, &length);
  return std::string(text, length);
}

std::optional<Value> QuirkSet::call(const Value& function, std::span<const Value> args,
                                    model::Diagnostics& diagnostics,
                                    const model::SourceLocation& where) {
  State& state = *state_;
  lua_State* L = state.lua;
  StackGuard guard(L);
  CallSetup setup{&function, args};
  int function_at = start_call(state, function, push_call, &setup, static_cast<int>(args.size()),
                               diagnostics, where);
  if (function_at == 0) return std::nullopt;
  Value value;
  std::string error;
  const char* code = nullptr;
  if (convert_top_value(state, value, error, code)) return value;
  return result_error(function_origin(L, function_at), code, error, diagnostics, where);
}

bool QuirkSet::call_with_reader(const Value& function, const StringTable& argument,
                                void (*read)(void*, const ResultView&), void* reader,
                                model::Diagnostics& diagnostics,
                                const model::SourceLocation& where) {
  // call(), with its one argument pushed from the strings and the result
  // read in place when it is plain.
  State& state = *state_;
  lua_State* L = state.lua;
  StackGuard guard(L);
  StringCallSetup setup{&function, &argument};
  int functions_at = start_string_call(state, setup, diagnostics, where);
  if (functions_at == 0) return false;
  if (state.flattened.size() <= state.readers) state.flattened.emplace_back();
  std::vector<ResultView::Node>& nodes = state.flattened[state.readers];
  if (convert::flatten(L, -1, nodes)) {
    struct Nested {
      std::size_t& readers;
      explicit Nested(std::size_t& r) : readers(r) { ++readers; }
      ~Nested() { --readers; }
    } nested(state.readers);
    read(reader, ResultView(nodes.data(), nodes.data()));
    return true;
  }
  Value value;
  std::string error;
  const char* code = nullptr;
  if (!convert_top_value(state, value, error, code)) {
    result_error(reference_origin(L, functions_at, function.function_reference()), code, error,
                 diagnostics, where);
    return false;
  }
  read(reader, ResultView(&value));
  return true;
}

std::optional<Value> QuirkSet::call(std::string_view section, std::string_view key,
                                    std::string_view field, std::span<const Value> args,
                                    model::Diagnostics& diagnostics,
                                    const model::SourceLocation& where) {
  Value function;
  {
    StackGuard guard(state_->lua);
    flush_deferred(*state_, diagnostics);
    if (!push_lookup(*state_, {&sandbox::kEntries, section, key, false, field})) {
      flush_deferred(*state_, diagnostics);
      return std::nullopt;
    }
    if (lua_isnil(state_->lua, -1)) return Value();
    if (!lua_isfunction(state_->lua, -1)) {
      diagnostics.error("quirks.call",
                        with_context(std::string(section) + "." + std::string(key) + "." +
                                         std::string(field) + " is a " +
                                         luaL_typename(state_->lua, -1) + ", not a function",
                                     where),
                        at(origin(section, key), 0));
      return std::nullopt;
    }
    function = convert_top(*state_, section, key);
  }
  return call(function, args, diagnostics, where);
}

}  // namespace ocf::quirks
