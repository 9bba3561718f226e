// The Lua quirk runtime: sandbox, budgets, error locations, load order and
// merging, value conversion, calls, and the shipped lua/common/units.lua.
#include "bridge/quirks/quirks.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

namespace ocf::quirks {
namespace {

using model::Diagnostic;
using model::Diagnostics;
using Roots = std::vector<std::filesystem::path>;

std::string all(const Diagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.entries()) out += d.to_string() + "\n";
  return out;
}

std::unique_ptr<QuirkSet> empty_set(Diagnostics& diagnostics, Limits limits = {}) {
  io::MemoryEnv env;
  return QuirkSet::load("test", Roots{}, env, diagnostics, limits);
}

// The single diagnostic expected (a default one when the count is wrong).
Diagnostic only(const Diagnostics& diagnostics) {
  EXPECT_EQ(diagnostics.entries().size(), 1u) << all(diagnostics);
  return diagnostics.entries().empty() ? Diagnostic{} : diagnostics.entries().front();
}

// A fresh empty set with `source` loaded as /test/probe.lua; any diagnostic
// fails the test.
std::unique_ptr<QuirkSet> set_with(const std::string& source, Limits limits = {}) {
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics, limits);
  EXPECT_NE(set, nullptr);
  if (set == nullptr) return set;
  EXPECT_TRUE(set->load_source(source, "/test/probe.lua", diagnostics)) << all(diagnostics);
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  return set;
}

// Calls entry(section, key) expecting success.
Value call_ok(QuirkSet& set, std::string_view section, std::string_view key,
              std::vector<Value> args = {}) {
  Diagnostics diagnostics;
  auto result = set.call(set.entry(section, key), args, diagnostics);
  EXPECT_TRUE(result.has_value()) << all(diagnostics);
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  return result.value_or(Value());
}

// Calls entry(section, key) expecting failure; returns the diagnostics.
Diagnostics call_fails(QuirkSet& set, std::string_view section, std::string_view key,
                       std::vector<Value> args = {}, const model::SourceLocation& where = {}) {
  Diagnostics diagnostics;
  auto result = set.call(set.entry(section, key), args, diagnostics, where);
  EXPECT_FALSE(result.has_value());
  return diagnostics;
}

Value text(const char* s) { return Value::string(s); }

// ---- the sandbox ----

TEST(QuirkSandbox, DangerousGlobalsAreAbsent) {
  auto set = set_with(R"lua(
    local present = {}
    for _, name in ipairs{"io", "os", "package", "require", "debug", "dofile", "loadfile",
                          "print", "coroutine"} do
      if _G[name] ~= nil then present[#present + 1] = name end
    end
    if string.dump ~= nil then present[#present + 1] = "string.dump" end
    if ("").dump ~= nil then present[#present + 1] = "(''):dump" end
    return { probe = { present = present } }
  )lua");
  EXPECT_TRUE(set->entry("probe", "present").is_table());
  EXPECT_EQ(set->entry("probe", "present").strings(), std::vector<std::string>{});
}

TEST(QuirkSandbox, AllowedLibrariesArePresent) {
  auto set = set_with(R"lua(
    return { probe = { r = {
      string.format("%d-%s", 7, ("ab"):upper()),
      table.concat({ "x", "y" }, ","),
      math.floor(2.5),
      utf8.char(72, 105),
      select("#", 1, 2, 3),
    } } }
  )lua");
  EXPECT_EQ(set->entry("probe", "r").strings(),
            (std::vector<std::string>{"7-AB", "x,y", "2", "Hi", "3"}));
}

TEST(QuirkSandbox, CollectgarbageOnlyCounts) {
  auto set = set_with(R"lua(
    return { probe = {
      count = function() return type(collectgarbage("count")) end,
      collect = function() collectgarbage("collect") end,
      stop = function() collectgarbage("stop") end,
    } }
  )lua");
  EXPECT_EQ(call_ok(*set, "probe", "count").as_string(), "number");
  EXPECT_EQ(only(call_fails(*set, "probe", "collect")).code, "quirks.lua-error");
  EXPECT_EQ(only(call_fails(*set, "probe", "stop")).code, "quirks.lua-error");
}

// A Lua 5.4 binary chunk header (string.dump is gone, so it is spelt out).
constexpr char kBinaryChunk[] =
    "\x1bLuaT\x00\x19\x93\r\n\x1a\n\x04\x08\x08xV\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00(w@\x01\x00";

TEST(QuirkSandbox, LoadRefusesBinaryChunks) {
  auto set = set_with(R"lua(
    return { probe = { try = function(chunk, mode)
      local f, message = load(chunk, "bin", mode)
      return { loaded = f ~= nil, message = message }
    end } }
  )lua");
  std::string chunk(kBinaryChunk, sizeof kBinaryChunk - 1);
  for (const char* mode : {"b", "bt"}) {
    Value result = call_ok(*set, "probe", "try", {Value::string(chunk), text(mode)});
    EXPECT_FALSE(result["loaded"].as_bool()) << mode;
    EXPECT_NE(result["message"].as_string().find("binary"), std::string::npos)
        << result["message"].as_string();
  }
}

TEST(QuirkSandbox, LoadSourceRefusesBinaryChunks) {
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics);
  std::string chunk(kBinaryChunk, sizeof kBinaryChunk - 1);
  EXPECT_FALSE(set->load_source(chunk, "/test/binary.lua", diagnostics));
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.file, "/test/binary.lua");
  EXPECT_NE(d.message.find("binary"), std::string::npos) << d.message;
}

TEST(QuirkSandbox, LoadOfTextWorksInTheSandbox) {
  auto set = set_with(R"lua(
    return { probe = {
      sum = function() return load("return 1 + 2")() end,
      upper = function() return load("return string.upper('ok')")() end,
      own_env = function() return load("return x", "env", "t", { x = 42 })() end,
      escape = function() return load("return io")() end,
    } }
  )lua");
  EXPECT_EQ(call_ok(*set, "probe", "sum").as_integer(), 3);
  EXPECT_EQ(call_ok(*set, "probe", "upper").as_string(), "OK");
  EXPECT_EQ(call_ok(*set, "probe", "own_env").as_integer(), 42);
  EXPECT_TRUE(call_ok(*set, "probe", "escape").is_nil());
}

TEST(QuirkSandbox, GlobalsAreFrozenAfterLoad) {
  io::MemoryEnv env;
  // Before the freeze a file may still set a global; afterwards nothing may.
  env.add("/q/test/a.lua",
          "helper_value = 5\n"
          "return { s = {\n"
          "  get = function() return helper_value end,\n"
          "  set_new = function() another = 1 end,\n"
          "  set_old = function() helper_value = 6 end,\n"
          "  replace_lib = function() string = nil end,\n"
          "  raw = function() rawset(_G, 'sneaky', 1) end,\n"
          "  unlock = function() setmetatable(_G, nil) end,\n"
          "} }\n");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  EXPECT_EQ(call_ok(*set, "s", "get").as_integer(), 5);
  for (const char* key : {"set_new", "set_old", "replace_lib", "raw", "unlock"}) {
    Diagnostic d = only(call_fails(*set, "s", key));
    EXPECT_EQ(d.code, "quirks.lua-error") << key;
    EXPECT_EQ(d.where.file, "/q/test/a.lua") << key;
  }
  EXPECT_EQ(call_ok(*set, "s", "get").as_integer(), 5);

  Diagnostics later;
  EXPECT_FALSE(set->load_source("x = 1\nreturn {}", "/test/late.lua", later));
  Diagnostic d = only(later);
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.file, "/test/late.lua");
  EXPECT_EQ(d.where.line, 1u);
  EXPECT_NE(d.message.find("frozen"), std::string::npos) << d.message;
}

// ---- the instruction budget ----

TEST(QuirkBudget, InfiniteLoopInAFileIsStoppedAndLoadingGoesOn) {
  io::MemoryEnv env;
  env.add("/q/test/a_loop.lua", "local n = 0\nwhile true do\n  n = n + 1\nend\n");
  env.add("/q/test/b_fine.lua", "return { s = { k = 'v' } }");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics, {100000, 64u << 20});
  ASSERT_NE(set, nullptr);
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.budget");
  EXPECT_EQ(d.where.file, "/q/test/a_loop.lua");
  EXPECT_TRUE(d.where.line == 2 || d.where.line == 3) << d.where.line;
  EXPECT_NE(d.message.find("/q/test/a_loop.lua"), std::string::npos) << d.message;
  EXPECT_EQ(set->entry("s", "k").as_string(), "v");
}

TEST(QuirkBudget, InfiniteLoopInACallIsStoppedEvenUnderPcall) {
  auto set = set_with(
      "return { s = {\n"
      "  spin = function()\n"
      "    while true do end\n"
      "  end,\n"
      "  sneaky = function()\n"
      "    while true do pcall(function() while true do end end) end\n"
      "  end,\n"
      "  fine = function() return 'still here' end,\n"
      "} }\n",
      {100000, 64u << 20});
  for (const char* key : {"spin", "sneaky"}) {
    Diagnostic d = only(call_fails(*set, "s", key, {}, {"/etc/ha.d/haresources", 4, 0}));
    EXPECT_EQ(d.code, "quirks.budget") << key;
    EXPECT_EQ(d.where.file, "/test/probe.lua") << key;
    EXPECT_EQ(d.where.line, key == std::string("spin") ? 3u : 6u) << key;
    EXPECT_NE(d.message.find("/test/probe.lua"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("/etc/ha.d/haresources:4"), std::string::npos) << d.message;
  }
  EXPECT_EQ(call_ok(*set, "s", "fine").as_string(), "still here");
}

TEST(QuirkBudget, EachCallGetsAFreshBudget) {
  // About 40,000 instructions per call against a budget of 100,000: five
  // calls only pass when the budget is per call.
  auto set = set_with(
      "return { s = { work = function() local n = 0 for i = 1, 10000 do n = n + i end "
      "return n end } }",
      {100000, 64u << 20});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(call_ok(*set, "s", "work").as_integer(), 50005000);
}

TEST(QuirkSandbox, GcMetamethodsAreRefused) {
  // Lua runs finalizers with hooks off: a looping __gc would never be
  // stopped, so the sandbox does not let one be set.
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics, {1'000'000, 64u << 20});
  EXPECT_FALSE(set->load_source(
      "setmetatable({}, { __gc = function() while true do end end })\nreturn {}",
      "/test/gc.lua", diagnostics));
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.line, 1u);
  EXPECT_NE(d.message.find("__gc"), std::string::npos) << d.message;
  // Other metatables still work.
  auto plain = set_with(
      "local t = setmetatable({}, { __index = function(_, k) return k .. '!' end })\n"
      "return { s = { f = function() return t.hi end } }");
  EXPECT_EQ(call_ok(*plain, "s", "f").as_string(), "hi!");
}

// ---- the memory cap ----

TEST(QuirkMemory, UnboundedAllocationInACallHitsTheCapAndTheSetStaysUsable) {
  auto set = set_with(
      "return { s = {\n"
      "  hog = function()\n"
      "    local t = {}\n"
      "    while true do t[#t + 1] = string.rep('x', 1000) .. #t end\n"
      "  end,\n"
      "  huge = function() return string.rep('x', 1 << 30) end,\n"
      "  fine = function(n) local t = {} for i = 1, n do t[i] = 'item' .. i end "
      "return #t end,\n"
      "} }\n",
      {50'000'000, 8u << 20});
  for (const char* key : {"hog", "huge"}) {
    Diagnostic d = only(call_fails(*set, "s", key));
    EXPECT_EQ(d.code, "quirks.memory") << key;
    EXPECT_EQ(d.where.file, "/test/probe.lua") << key;
    EXPECT_NE(d.message.find("/test/probe.lua"), std::string::npos) << d.message;
  }
  // Usable afterwards: calls and further loads work.
  EXPECT_EQ(call_ok(*set, "s", "fine", {Value::integer(10000)}).as_integer(), 10000);
  Diagnostics diagnostics;
  EXPECT_TRUE(set->load_source("return { t = { k = 1 } }", "/test/more.lua", diagnostics))
      << all(diagnostics);
  EXPECT_EQ(set->entry("t", "k").as_integer(), 1);
}

TEST(QuirkMemory, UnboundedAllocationInAFileIsReported) {
  io::MemoryEnv env;
  env.add("/q/test/hog.lua", "local t = {}\nwhile true do t[#t + 1] = {} end\n");
  env.add("/q/test/ok.lua", "return { s = { k = true } }");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics, {50'000'000, 4u << 20});
  ASSERT_NE(set, nullptr);
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.memory");
  EXPECT_EQ(d.where.file, "/q/test/hog.lua");
  EXPECT_TRUE(set->entry("s", "k").as_bool());
}

TEST(QuirkMemory, ACapTooSmallForTheStateGivesNoSet) {
  Diagnostics diagnostics;
  EXPECT_EQ(empty_set(diagnostics, {1000, 1024}), nullptr);
  EXPECT_EQ(only(diagnostics).code, "quirks.state");
}

// ---- errors and their locations ----

TEST(QuirkErrors, RuntimeErrorInAFileHasFileAndLine) {
  io::MemoryEnv env;
  env.add("/q/test/bad.lua", "local t = {}\nlocal x = 1\nlocal y = t.missing.field\nreturn {}\n");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  ASSERT_NE(set, nullptr);
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.file, "/q/test/bad.lua");
  EXPECT_EQ(d.where.line, 3u);
  EXPECT_NE(d.message.find("missing"), std::string::npos) << d.message;
  EXPECT_EQ(d.message.find("/q/test/bad.lua:3:"), std::string::npos) << "prefix kept: " << d.message;
}

TEST(QuirkErrors, SyntaxErrorHasFileAndLine) {
  io::MemoryEnv env;
  env.add("/q/test/syntax.lua", "return {\n  s = {\n    a = 1 +\n  },\n}\n");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  ASSERT_NE(set, nullptr);
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.file, "/q/test/syntax.lua");
  EXPECT_EQ(d.where.line, 4u);
  EXPECT_NE(d.message.find("near"), std::string::npos) << d.message;
  EXPECT_TRUE(set->section("s").is_nil());
}

TEST(QuirkErrors, ALongPathIsNotTruncatedInTheLocation) {
  // Lua shortens chunk names beyond 60 characters in its messages.
  std::string path = "/q/test/" + std::string(80, 'd') + ".lua";
  io::MemoryEnv env;
  env.add(path, "return {\n  s = { f = function() error('boom') end },\n}\n");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  Diagnostic d = only(call_fails(*set, "s", "f"));
  EXPECT_EQ(d.where.file, path);
  EXPECT_EQ(d.where.line, 2u);
}

TEST(QuirkErrors, ErrorInACallHasLuaLocationAndTheConfigLocation) {
  auto set = set_with(
      "local function check(name)\n"
      "  error('no such agent ' .. name, 2)\n"
      "end\n"
      "return { s = {\n"
      "  direct = function(name) error('no such agent ' .. name) end,\n"
      "  via_caller = function(name)\n"
      "    check(name)\n"
      "  end,\n"
      "  table_error = function() error({}) end,\n"
      "} }\n");
  model::SourceLocation where{"/etc/ha.d/haresources", 7, 3};
  Diagnostic d = only(call_fails(*set, "s", "direct", {text("Foo")}, where));
  EXPECT_EQ(d.code, "quirks.lua-error");
  EXPECT_EQ(d.where.file, "/test/probe.lua");
  EXPECT_EQ(d.where.line, 5u);
  EXPECT_NE(d.message.find("no such agent Foo"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("/etc/ha.d/haresources:7:3"), std::string::npos) << d.message;

  // error(msg, 2) blames the caller's line.
  d = only(call_fails(*set, "s", "via_caller", {text("Bar")}));
  EXPECT_EQ(d.where.line, 7u);

  // An error object without a location: the first Lua frame.
  d = only(call_fails(*set, "s", "table_error"));
  EXPECT_EQ(d.where.file, "/test/probe.lua");
  EXPECT_EQ(d.where.line, 9u);
  EXPECT_NE(d.message.find("table"), std::string::npos) << d.message;
}

TEST(QuirkErrors, AFileMustReturnATableOfSections) {
  const char* bad[] = {
      "return 42",
      "return { s = 'not a table' }",
      "return { [1] = {} }",
      "return { s = { [true] = 1 } }",
  };
  for (const char* source : bad) {
    Diagnostics diagnostics;
    auto set = empty_set(diagnostics);
    EXPECT_FALSE(set->load_source(source, "/test/shape.lua", diagnostics)) << source;
    Diagnostic d = only(diagnostics);
    EXPECT_EQ(d.code, "quirks.lua-error") << source;
    EXPECT_EQ(d.where.file, "/test/shape.lua") << source;
  }
}

TEST(QuirkErrors, ABadFileChangesNothing) {
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics);
  ASSERT_TRUE(set->load_source("return { s = { a = 1 } }", "/test/one.lua", diagnostics));
  // Its first section is fine, its second is not: nothing of it is merged.
  EXPECT_FALSE(set->load_source("return { s = { a = 2 }, t = 5 }", "/test/two.lua", diagnostics));
  EXPECT_EQ(set->entry("s", "a").as_integer(), 1);
  EXPECT_EQ(set->origin("s", "a"), "/test/one.lua");
}

TEST(QuirkErrors, ACyclicTableIsRefused) {
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics);
  EXPECT_FALSE(set->load_source("local t = {} t.self = t\nreturn { s = { cyc = t } }",
                                "/test/cycle.lua", diagnostics));
  EXPECT_NE(only(diagnostics).message.find("nested deeper"), std::string::npos) << all(diagnostics);
  EXPECT_TRUE(set->entry("s", "cyc").is_nil());

  set = set_with("return { s = { cycle = function() local t = {} t[1] = t return t end } }");
  Diagnostic d = only(call_fails(*set, "s", "cycle"));
  EXPECT_EQ(d.code, "quirks.value");
  EXPECT_EQ(d.where.file, "/test/probe.lua");
}

TEST(QuirkErrors, AnEntryThatCannotBeConvertedIsReportedLater) {
  // entry() has no Diagnostics: its failure is handed to the next call.
  auto set = set_with(
      "return { s = { t = {},\n"
      "  tie = function() local t = quirk('s', 't') t.self = t end,\n"
      "  noop = function() end } }\n");
  call_ok(*set, "s", "tie");
  EXPECT_TRUE(set->entry("s", "t").is_nil());
  Diagnostics diagnostics;
  EXPECT_TRUE(set->call(set->entry("s", "noop"), {}, diagnostics).has_value());
  EXPECT_TRUE(diagnostics.has("quirks.value")) << all(diagnostics);
}

// ---- load order and merging ----

TEST(QuirkLoad, OverrideRootReplacesEntriesAndKeepsTheRest) {
  io::MemoryEnv env;
  env.add("/ship/common/units.lua", "return { units = { scale = 1 } }");
  env.add("/ship/heartbeat/resource_d.lua",
          "return { resource_d = {\n"
          "  IPaddr = { agent = 'ocf:heartbeat:IPaddr' },\n"
          "  Filesystem = { agent = 'ocf:heartbeat:Filesystem' },\n"
          "} }");
  env.add("/ship/heartbeat/z_later.lua", "return { resource_d = { Delay = { agent = 'a' } } }");
  env.add("/ship/heartbeat/README", "not lua");
  env.add("/ship/failsafe/other.lua", "return { resource_d = { IPaddr = { agent = 'wrong' } } }");
  env.add("/site/common/site.lua", "return { resource_d = { Delay = { agent = 'b' } } }");
  env.add("/site/heartbeat/site.lua",
          "return { resource_d = { IPaddr = { agent = 'ocf:site:IPaddr' } } }");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("heartbeat", Roots{"/ship", "/site"}, env, diagnostics);
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);

  EXPECT_EQ(set->entry("resource_d", "IPaddr")["agent"].as_string(), "ocf:site:IPaddr");
  EXPECT_EQ(set->origin("resource_d", "IPaddr"), "/site/heartbeat/site.lua");
  EXPECT_EQ(set->entry("resource_d", "Filesystem")["agent"].as_string(),
            "ocf:heartbeat:Filesystem");
  EXPECT_EQ(set->origin("resource_d", "Filesystem"), "/ship/heartbeat/resource_d.lua");
  // A later root's common/ still beats an earlier root's adapter directory.
  EXPECT_EQ(set->entry("resource_d", "Delay")["agent"].as_string(), "b");
  EXPECT_EQ(set->origin("resource_d", "Delay"), "/site/common/site.lua");
  EXPECT_EQ(set->entry("units", "scale").as_integer(), 1);
  EXPECT_EQ(set->keys("resource_d"),
            (std::vector<std::string>{"Delay", "Filesystem", "IPaddr"}));
  EXPECT_EQ(set->origin("resource_d", "Nope"), "");
  EXPECT_EQ(set->origin("nope", "IPaddr"), "");
}

TEST(QuirkLoad, WithinADirectoryLaterNamesWin) {
  io::MemoryEnv env;
  env.add("/q/test/b.lua", "return { s = { k = 'from b' } }");
  env.add("/q/test/a.lua", "return { s = { k = 'from a', only_a = 1 } }");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  EXPECT_EQ(set->entry("s", "k").as_string(), "from b");
  EXPECT_EQ(set->entry("s", "only_a").as_integer(), 1);
}

TEST(QuirkLoad, EmptyRootsGiveAValidEmptySet) {
  Diagnostics diagnostics;
  auto set = empty_set(diagnostics);
  ASSERT_NE(set, nullptr);
  EXPECT_TRUE(diagnostics.entries().empty());
  EXPECT_TRUE(set->entry("any", "thing").is_nil());
  EXPECT_TRUE(set->section("any").is_nil());
  EXPECT_TRUE(set->keys("any").empty());
  EXPECT_EQ(set->origin("any", "thing"), "");
  auto absent = set->call("any", "thing", "f", {}, diagnostics);
  ASSERT_TRUE(absent.has_value());
  EXPECT_TRUE(absent->is_nil());
  EXPECT_TRUE(diagnostics.entries().empty());
}

TEST(QuirkLoad, FilesReachEarlierEntriesThroughQuirk) {
  io::MemoryEnv env;
  env.add("/q/common/base.lua", "return { units = { double = function(x) return 2 * x end } }");
  env.add("/q/test/user.lua",
          "local double = quirk('units', 'double')\n"
          "return { s = { quad = function(x) return double(double(x)) end,\n"
          "  section_size = function() local n = 0 for _ in pairs(quirk('units')) do n = n + 1 "
          "end return n end } }");
  Diagnostics diagnostics;
  auto set = QuirkSet::load("test", Roots{"/q"}, env, diagnostics);
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  EXPECT_EQ(call_ok(*set, "s", "quad", {Value::integer(3)}).as_integer(), 12);
  EXPECT_EQ(call_ok(*set, "s", "section_size").as_integer(), 1);
}

// ---- values ----

TEST(QuirkValue, NestedTablesAndArraysConvert) {
  auto set = set_with(R"lua(
    return { s = { v = {
      name = "web",
      list = { "a", "b", { deep = true } },
      count = 3,
      ratio = 1.5,
      whole_float = 3.0,
      mixed = { 10, 20, [5] = 50, key = "v", [2.5] = "f" },
      empty = {},
      fn = function() end,
    } } }
  )lua");
  Value v = set->entry("s", "v");
  ASSERT_TRUE(v.is_table());
  std::vector<std::string> names;
  for (const auto& [name, _] : v.fields()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"count", "empty", "fn", "list", "mixed", "name",
                                             "ratio", "whole_float"}));
  EXPECT_EQ(v["name"].as_string(), "web");
  EXPECT_EQ(v["count"].kind(), Value::Kind::kInteger);
  EXPECT_EQ(v["count"].as_integer(), 3);
  EXPECT_EQ(v["ratio"].kind(), Value::Kind::kNumber);
  EXPECT_DOUBLE_EQ(v["ratio"].as_number(), 1.5);
  EXPECT_EQ(v["whole_float"].to_text(), "3.0");
  ASSERT_EQ(v["list"].items().size(), 3u);
  EXPECT_EQ(v["list"].items()[1].as_string(), "b");
  EXPECT_TRUE(v["list"].items()[2]["deep"].as_bool());
  EXPECT_EQ(v["mixed"].strings(), (std::vector<std::string>{"10", "20"}));
  EXPECT_EQ(v["mixed"]["5"].as_integer(), 50);
  EXPECT_EQ(v["mixed"]["2.5"].as_string(), "f");
  EXPECT_EQ(v["mixed"]["key"].as_string(), "v");
  EXPECT_TRUE(v["empty"].is_table());
  EXPECT_TRUE(v["empty"].items().empty());
  EXPECT_TRUE(v["fn"].is_function());
  EXPECT_TRUE(v["absent"].is_nil());
  EXPECT_TRUE(v["name"]["not a table"].is_nil());

  Value section = set->section("s");
  ASSERT_EQ(section.fields().size(), 1u);
  EXPECT_EQ(section["v"]["name"].as_string(), "web");
}

TEST(QuirkValue, PlainValueBehaviour) {
  EXPECT_EQ(Value::integer(-7).to_text(), "-7");
  EXPECT_EQ(Value::number(2.5).to_text(), "2.5");
  EXPECT_EQ(Value::number(-2.9).as_integer(), -2);
  EXPECT_EQ(Value::number(1e300).as_integer(), INT64_MAX);
  EXPECT_EQ(Value::boolean(true).to_text(), "true");
  EXPECT_EQ(Value().to_text(), "");
  EXPECT_EQ(Value::integer(4).as_number(), 4.0);
  Value t = Value::table({Value::integer(1), text("x")}, {{"z", Value::integer(1)},
                                                          {"a", Value::integer(2)}});
  EXPECT_EQ(t.fields().front().first, "a");  // sorted by the factory
  EXPECT_EQ(t["z"].as_integer(), 1);
  EXPECT_EQ(t.strings(), (std::vector<std::string>{"1", "x"}));
}

TEST(QuirkValue, RepeatedLookupsReuseFunctionReferences) {
  auto set = set_with("return { s = { f = function() return 1 end } }");
  int first = set->entry("s", "f").function_reference();
  for (int i = 0; i < 100; ++i) EXPECT_EQ(set->entry("s", "f").function_reference(), first);
}

// ---- calls ----

TEST(QuirkCall, ArgumentsAndResultsCrossInBothDirections) {
  auto set = set_with(R"lua(
    return { s = {
      join = function(list, sep) return table.concat(list, sep) end,
      describe = function(t)
        return { name = t.name, n = #t, first = t[1], flag = t.flag, kind = math.type(t.x) }
      end,
      scale = function(k) return function(x) return x * k end end,
      apply = function(f, x) return f(x) end,
      nothing = function() end,
      many = function() return 1, 2, 3 end,
    } }
  )lua");
  EXPECT_EQ(call_ok(*set, "s", "join", {Value::table({text("a"), text("b")}), text(",")})
                .as_string(),
            "a,b");
  Value described = call_ok(
      *set, "s", "describe",
      {Value::table({Value::integer(9), Value::integer(8)},
                    {{"name", text("db")}, {"flag", Value::boolean(true)},
                     {"x", Value::number(0.5)}})});
  EXPECT_EQ(described["name"].as_string(), "db");
  EXPECT_EQ(described["n"].as_integer(), 2);
  EXPECT_EQ(described["first"].as_integer(), 9);
  EXPECT_TRUE(described["flag"].as_bool());
  EXPECT_EQ(described["kind"].as_string(), "float");

  Value triple = call_ok(*set, "s", "scale", {Value::integer(3)});
  ASSERT_TRUE(triple.is_function());
  Diagnostics diagnostics;
  std::vector<Value> five{Value::integer(5)};
  EXPECT_EQ(set->call(triple, five, diagnostics)->as_integer(), 15);
  EXPECT_EQ(call_ok(*set, "s", "apply", {triple, Value::integer(7)}).as_integer(), 21);
  EXPECT_TRUE(call_ok(*set, "s", "nothing").is_nil());
  EXPECT_EQ(call_ok(*set, "s", "many").as_integer(), 1);
}

TEST(QuirkCall, CallBySectionKeyAndField) {
  auto set = set_with(R"lua(
    return { resource_d = {
      IPaddr = {
        agent = "ocf:heartbeat:IPaddr",
        to_params = function(args) return { ip = args[1], cidr_netmask = args[2] } end,
      },
      plain = "text",
    } }
  )lua");
  Diagnostics diagnostics;
  std::vector<Value> args{Value::table({text("10.0.0.1"), text("24")})};
  auto params = set->call("resource_d", "IPaddr", "to_params", args, diagnostics);
  ASSERT_TRUE(params.has_value()) << all(diagnostics);
  EXPECT_EQ((*params)["ip"].as_string(), "10.0.0.1");
  EXPECT_EQ((*params)["cidr_netmask"].as_string(), "24");

  auto absent = set->call("resource_d", "IPaddr", "from_params", args, diagnostics);
  ASSERT_TRUE(absent.has_value());
  EXPECT_TRUE(absent->is_nil());
  absent = set->call("resource_d", "plain", "to_params", args, diagnostics);
  ASSERT_TRUE(absent.has_value());
  EXPECT_TRUE(absent->is_nil());
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);

  auto not_function = set->call("resource_d", "IPaddr", "agent", args, diagnostics);
  EXPECT_FALSE(not_function.has_value());
  Diagnostic d = only(diagnostics);
  EXPECT_EQ(d.code, "quirks.call");
  EXPECT_EQ(d.where.file, "/test/probe.lua");
}

TEST(QuirkCall, OnlyFunctionsOfTheSetCanBeCalled) {
  auto set = set_with("return { s = { f = function() return 1 end } }");
  Diagnostics diagnostics;
  EXPECT_FALSE(set->call(Value::function(99999), {}, diagnostics).has_value());
  EXPECT_FALSE(set->call(text("f"), {}, diagnostics).has_value());
  ASSERT_EQ(diagnostics.entries().size(), 2u);
  EXPECT_EQ(diagnostics.entries()[0].code, "quirks.call");
  EXPECT_EQ(diagnostics.entries()[1].code, "quirks.call");
}

// ---- call_reading: string arguments, results read in place ----

// What a reader sees, written out through the calls ResultView mirrors
// (fields by the probe names below).
template <typename V>
std::string dump(const V& v, int depth = 0) {
  std::string out = std::to_string(static_cast<int>(v.kind())) + ":" + v.to_text();
  if (depth > 4 || v.kind() != Value::Kind::kTable) return out;
  out += "[";
  for (const char* name : {"error", "params", "args", "1", "2", "x", "y", "true", "5", "f", ""})
    if (!v[name].is_nil()) out += std::string(name) + "=" + dump(v[name], depth + 1) + ",";
  if constexpr (std::is_same_v<V, Value>) {
    for (const auto& item : v.items()) out += dump(item, depth + 1) + ";";
  } else {
    for (std::size_t i = 0; i < v.size(); ++i) out += dump(v.item(i), depth + 1) + ";";
  }
  return out + "]";
}

// One function, many results: every shape the general conversion takes or
// refuses, both plain (read in place) and not (converted first).
constexpr char kShapes[] = R"lua(
local shapes = {
  params = function(a) return { params = { { "ip", a[1] }, { "cidr_netmask", a[2] }, { "nic" } } } end,
  error = function(a) return { error = "bad '" .. tostring(a[1]) .. "'" } end,
  error_table = function() return { error = {} } end,
  numbers = function() return { 1, 2.5, -0.0, 1e100, 3 // 1, math.maxinteger, 0/0 } end,
  booleans = function() return { true, false, x = true, [""] = "empty" } end,
  nothing = function() end,
  scalar = function() return "just text" end,
  integer = function() return 42 end,
  string_keys_like_items = function() return { "a", ["1"] = "one", ["2"] = "two" } end,
  gap = function() return { "a", "b", nil, "d" } end,
  beyond = function() return { [2] = "two", x = "x" } end,
  zero_key = function() return { [0] = "zero", "one" } end,
  float_key = function() return { [1.5] = "f", "one" } end,
  boolean_key = function() return { [true] = "t", "one" } end,
  reversed = function() local t = {} t[3] = "c" t[2] = "b" t[1] = "a" return t end,
  mixed = function() local t = { x = "x" } t[2] = { "b" } t.y = { 1 } t[1] = "a" return t end,
  hash_items = function() local t = { x = 1 } for i = 10, 1, -1 do t[i] = i end return t end,
  with_function = function() return { f = function() end, args = { "a" } } end,
  duplicate = function() return { [5] = "n", ["5"] = "s" } end,
  cycle = function() local t = {} t[1] = t return t end,
  table_key = function() return { [{}] = 1 } end,
  deep = function() local t = {} for i = 1, 63 do t = { t } end return t end,
  too_deep = function() local t = {} for i = 1, 64 do t = { t } end return t end,
  raises = function() error("no such shape") end,
  loops = function() while true do end end,
}
return { s = { shape = function(arg) return shapes[arg.shape](arg) end } }
)lua";

class CallReading : public ::testing::Test {
 protected:
  void SetUp() override { set_ = set_with(kShapes, Limits{100'000, 64u << 20}); }

  // Calls shape `name` both ways with items `items`; the two must agree on
  // success, diagnostics and what is read.
  void same_both_ways(const std::string& name, std::vector<std::string> items = {"10.0.0.1", "24"}) {
    SCOPED_TRACE(name);
    std::vector<Value> item_values;
    for (const auto& item : items) item_values.push_back(Value::string(item));
    Value arg = Value::table(std::move(item_values), {{"shape", Value::string(name)}});
    model::SourceLocation where{"/etc/ha.d/haresources", 3, 7};
    Diagnostics general;
    auto value = set_->call(set_->entry("s", "shape"), std::span<const Value>(&arg, 1), general, where);

    std::vector<std::string_view> views(items.begin(), items.end());
    std::pair<std::string_view, std::string_view> shape{"shape", name};
    Diagnostics fast;
    std::string read;
    int readers = 0;
    bool ok = set_->call_reading(
        set_->entry("s", "shape"), StringTable{views, {&shape, 1}},
        [&](const ResultView& result) {
          ++readers;
          read = dump(result);
        },
        fast, where);
    EXPECT_EQ(ok, value.has_value());
    EXPECT_EQ(readers, ok ? 1 : 0);
    EXPECT_EQ(all(fast), all(general));
    if (value) {
      EXPECT_EQ(read, dump(*value));
    }
  }

  std::unique_ptr<QuirkSet> set_;
};

TEST_F(CallReading, AgreesWithCallOnEveryShape) {
  for (const char* name :
       {"params", "error", "error_table", "numbers", "booleans", "nothing", "scalar", "integer",
        "string_keys_like_items", "gap", "beyond", "zero_key", "float_key", "boolean_key",
        "reversed", "mixed", "hash_items", "with_function", "duplicate", "cycle", "table_key", "deep",
        "too_deep", "raises", "loops"})
    same_both_ways(name);
  same_both_ways("params", {});
  same_both_ways("error", {"", "x", "y", "z"});
}

TEST_F(CallReading, ReadsPlainResultsInPlace) {
  // The params shape as the heartbeat IPaddr parser returns it.
  std::vector<std::pair<std::string, std::string>> pairs;
  std::array<std::string_view, 2> items{"10.0.0.1", "24"};
  std::pair<std::string_view, std::string_view> shape{"shape", "params"};
  Diagnostics diagnostics;
  EXPECT_TRUE(set_->call_reading(
      set_->entry("s", "shape"), StringTable{items, {&shape, 1}},
      [&](const ResultView& result) {
        EXPECT_TRUE(result.is_table());
        EXPECT_TRUE(result["error"].is_nil());
        auto params = result["params"];
        ASSERT_EQ(params.size(), 3u);
        for (std::size_t i = 0; i < params.size(); ++i) {
          auto pair = params.item(i);
          pairs.emplace_back(pair.item(0).to_text(), pair.size() == 2 ? pair.item(1).to_text() : "-");
        }
      },
      diagnostics));
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  EXPECT_EQ(pairs, (std::vector<std::pair<std::string, std::string>>{
                       {"ip", "10.0.0.1"}, {"cidr_netmask", "24"}, {"nic", "-"}}));
}

TEST_F(CallReading, TheArgumentIsTheTableCallWouldPass) {
  // Traversal order shows how the table was built, so compare what pairs()
  // sees, not only the values.
  auto set = set_with(R"lua(
    return { s = { show = function(t)
      local out = {}
      for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. v end
      return table.concat(out, ",") .. "#" .. #t
    end } }
  )lua");
  std::vector<std::string> items{"a", "b", "c"};
  std::vector<std::pair<std::string, std::string>> fields{
      {"cidr_netmask", "24"}, {"ip", "10.0.0.1"}, {"nic", "eth0"}, {"zz", ""}};
  std::vector<Value> item_values;
  std::vector<std::string_view> item_views;
  for (const auto& item : items) {
    item_values.push_back(Value::string(item));
    item_views.push_back(item);
  }
  std::vector<std::pair<std::string, Value>> field_values;
  std::vector<std::pair<std::string_view, std::string_view>> field_views;
  for (const auto& [k, v] : fields) {
    field_values.emplace_back(k, Value::string(v));
    field_views.emplace_back(k, v);
  }
  for (int form = 0; form < 3; ++form) {
    SCOPED_TRACE(form);
    Value arg = Value::table(form == 1 ? std::vector<Value>{} : item_values,
                             form == 0 ? std::vector<std::pair<std::string, Value>>{} : field_values);
    StringTable table{form == 1 ? std::span<const std::string_view>{} : item_views,
                      form == 0 ? std::span<const std::pair<std::string_view, std::string_view>>{}
                                : field_views};
    Diagnostics diagnostics;
    auto expected = set->call(set->entry("s", "show"), std::span<const Value>(&arg, 1), diagnostics);
    ASSERT_TRUE(expected.has_value()) << all(diagnostics);
    std::string seen;
    EXPECT_TRUE(set->call_reading(set->entry("s", "show"), table,
                                  [&](const ResultView& r) { seen = r.to_text(); }, diagnostics));
    EXPECT_EQ(seen, expected->as_string());
    EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  }
}

TEST_F(CallReading, CallsThatCannotStartFailAsCallDoes) {
  Diagnostics general;
  Diagnostics fast;
  auto reader = [](const ResultView&) { ADD_FAILURE() << "read after a failed call"; };
  for (const Value& function : {Value::function(99999), text("f")}) {
    EXPECT_FALSE(set_->call(function, {}, general).has_value());
    EXPECT_FALSE(set_->call_reading(function, StringTable{}, reader, fast));
  }
  EXPECT_EQ(all(fast), all(general));
  EXPECT_EQ(fast.entries().size(), 2u);
}

TEST_F(CallReading, AnArgumentOverTheMemoryCapFailsAsCallDoes) {
  // The push runs before the call; its failure is reported as call()
  // reports it, and the set stays usable.
  auto set = set_with("return { s = { len = function(t) return #(t[1] or t.x) end } }",
                      Limits{100'000, 4u << 20});
  std::string big(8u << 20, 'x');
  for (int form = 0; form < 2; ++form) {
    SCOPED_TRACE(form);
    Value arg = form == 0 ? Value::table({Value::string(big)})
                          : Value::table({}, {{"x", Value::string(big)}});
    model::SourceLocation where{"/etc/ha.d/haresources", 4, 1};
    Diagnostics general;
    EXPECT_FALSE(set->call(set->entry("s", "len"), std::span<const Value>(&arg, 1), general, where)
                     .has_value());
    std::string_view item = big;
    std::pair<std::string_view, std::string_view> field{"x", big};
    StringTable table = form == 0 ? StringTable{{&item, 1}, {}} : StringTable{{}, {&field, 1}};
    Diagnostics fast;
    EXPECT_FALSE(set->call_reading(
        set->entry("s", "len"), table,
        [](const ResultView&) { ADD_FAILURE() << "read after a failed call"; }, fast, where));
    EXPECT_EQ(all(fast), all(general));
    ASSERT_EQ(fast.entries().size(), 1u);
    EXPECT_EQ(fast.entries()[0].code, "quirks.memory");
    EXPECT_NE(all(fast).find("cannot pass the arguments to Lua"), std::string::npos) << all(fast);
    std::array<std::string_view, 1> small{"abc"};
    std::string read;
    EXPECT_TRUE(set->call_reading(set->entry("s", "len"), StringTable{small, {}},
                                  [&](const ResultView& r) { read = r.to_text(); }, fast));
    EXPECT_EQ(read, "3");
  }
}

TEST_F(CallReading, AReaderMayCallAgainAndKeepsWhatItReads) {
  std::array<std::string_view, 2> items{"10.0.0.1", "24"};
  std::pair<std::string_view, std::string_view> params{"shape", "params"};
  std::pair<std::string_view, std::string_view> error{"shape", "error"};
  Diagnostics diagnostics;
  std::string outer_before, inner, outer_after;
  EXPECT_TRUE(set_->call_reading(
      set_->entry("s", "shape"), StringTable{items, {&params, 1}},
      [&](const ResultView& result) {
        outer_before = dump(result);
        for (int i = 0; i < 200; ++i)  // enough garbage for the collector to run
          EXPECT_TRUE(set_->call_reading(
              set_->entry("s", "shape"), StringTable{items, {&error, 1}},
              [&](const ResultView& r) { inner = r["error"].to_text(); }, diagnostics));
        outer_after = dump(result);
      },
      diagnostics));
  EXPECT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
  EXPECT_EQ(inner, "bad '10.0.0.1'");
  EXPECT_EQ(outer_after, outer_before);
  EXPECT_NE(outer_before.find("10.0.0.1"), std::string::npos) << outer_before;
}

// ---- the shipped lua/common/units.lua ----

class ShippedUnits : public ::testing::Test {
 protected:
  void SetUp() override {
    Roots roots{OCFBRIDGE_LUA_DIR};
    Diagnostics diagnostics;
    // No adapter directory of this name: only lua/common loads.
    set_ = QuirkSet::load("quirks-test", roots, io::Env::real(), diagnostics);
    ASSERT_NE(set_, nullptr);
    ASSERT_TRUE(diagnostics.entries().empty()) << all(diagnostics);
    ASSERT_TRUE(set_->load_source(
        "return { probe = { message = function(section, key, arg)\n"
        "  local value, message = quirk(section, key)(arg)\n"
        "  return message\n"
        "end } }",
        "/test/probe.lua", diagnostics))
        << all(diagnostics);
  }
  Value run(const char* section, const char* key, Value arg) {
    return call_ok(*set_, section, key, {std::move(arg)});
  }
  std::string message(const char* section, const char* key, Value arg) {
    return call_ok(*set_, "probe", "message", {text(section), text(key), std::move(arg)})
        .as_string();
  }
  std::unique_ptr<QuirkSet> set_;
};

TEST_F(ShippedUnits, ComeFromUnitsLua) {
  EXPECT_NE(set_->origin("netmask", "cidr_from_dotted").find("common/units.lua"),
            std::string::npos);
  EXPECT_NE(set_->origin("units", "time_to_ms").find("common/units.lua"), std::string::npos);
}

TEST_F(ShippedUnits, NetmaskForms) {
  EXPECT_EQ(run("netmask", "cidr_from_dotted", text("255.255.255.0")).as_integer(), 24);
  EXPECT_EQ(run("netmask", "cidr_from_dotted", text("255.255.128.0")).as_integer(), 17);
  EXPECT_EQ(run("netmask", "cidr_from_dotted", text("0.0.0.0")).as_integer(), 0);
  EXPECT_EQ(run("netmask", "cidr_from_dotted", text("255.255.255.255")).as_integer(), 32);
  EXPECT_EQ(run("netmask", "dotted_from_cidr", Value::integer(24)).as_string(), "255.255.255.0");
  EXPECT_EQ(run("netmask", "dotted_from_cidr", Value::integer(0)).as_string(), "0.0.0.0");
  EXPECT_EQ(run("netmask", "dotted_from_cidr", text("20")).as_string(), "255.255.240.0");
  EXPECT_EQ(run("netmask", "cidr_from_hex", text("0xffffff00")).as_integer(), 24);
  EXPECT_EQ(run("netmask", "cidr_from_hex", text("0xFFFF0000")).as_integer(), 16);
  EXPECT_EQ(run("netmask", "cidr_from_hex", text("ff000000")).as_integer(), 8);
  EXPECT_EQ(run("netmask", "hex_from_cidr", Value::integer(24)).as_string(), "0xffffff00");
  EXPECT_EQ(run("netmask", "hex_from_cidr", Value::integer(32)).as_string(), "0xffffffff");
  EXPECT_EQ(run("netmask", "to_cidr", text("255.255.0.0")).as_integer(), 16);
  EXPECT_EQ(run("netmask", "to_cidr", text("0xfffffff0")).as_integer(), 28);
  EXPECT_EQ(run("netmask", "to_cidr", text("24")).as_integer(), 24);
}

TEST_F(ShippedUnits, InvalidNetmasksGiveNilAndAMessage) {
  struct Case {
    const char* key;
    Value arg;
  };
  std::vector<Case> cases = {
      {"cidr_from_dotted", text("255.0.255.0")}, {"cidr_from_dotted", text("256.0.0.0")},
      {"cidr_from_dotted", text("255.255.255")}, {"cidr_from_dotted", Value::integer(24)},
      {"dotted_from_cidr", Value::integer(33)},  {"dotted_from_cidr", text("-1")},
      {"cidr_from_hex", text("0xff00ff00")},     {"cidr_from_hex", text("0x1ffffffff")},
      {"cidr_from_hex", text("0xgg")},           {"hex_from_cidr", Value::integer(40)},
      {"to_cidr", text("40")},                   {"to_cidr", text("mask")},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(run("netmask", c.key, c.arg).is_nil()) << c.key << " " << c.arg.to_text();
    EXPECT_FALSE(message("netmask", c.key, c.arg).empty()) << c.key << " " << c.arg.to_text();
  }
}

TEST_F(ShippedUnits, Times) {
  EXPECT_EQ(run("units", "time_to_ms", Value::integer(2)).as_integer(), 2000);
  EXPECT_EQ(run("units", "time_to_ms", text("2")).as_integer(), 2000);
  EXPECT_EQ(run("units", "time_to_ms", text("2s")).as_integer(), 2000);
  EXPECT_EQ(run("units", "time_to_ms", text("1.5")).as_integer(), 1500);
  EXPECT_EQ(run("units", "time_to_ms", text("500ms")).as_integer(), 500);
  EXPECT_EQ(run("units", "time_to_ms", text("2min")).as_integer(), 120000);
  EXPECT_EQ(run("units", "time_to_ms", text("1h")).as_integer(), 3600000);
  EXPECT_EQ(run("units", "time_to_ms", text("3000us")).as_integer(), 3);
  EXPECT_EQ(run("units", "time_to_ms", Value::number(0.25)).as_integer(), 250);
  EXPECT_EQ(run("units", "time_to_ms", text("500ms")).kind(), Value::Kind::kInteger);
  for (const char* bad : {"", "abc", "-1", "1500us", "1.0005", "5 fortnights"}) {
    EXPECT_TRUE(run("units", "time_to_ms", text(bad)).is_nil()) << bad;
    EXPECT_FALSE(message("units", "time_to_ms", text(bad)).empty()) << bad;
  }
  EXPECT_EQ(run("units", "ms_to_time", Value::integer(2000)).as_string(), "2");
  EXPECT_EQ(run("units", "ms_to_time", Value::integer(1500)).as_string(), "1500ms");
  EXPECT_EQ(call_ok(*set_, "units", "ms_to_time", {Value::integer(30000), text("s")}).as_string(),
            "30s");
  EXPECT_TRUE(run("units", "ms_to_time", Value::integer(-5)).is_nil());
  EXPECT_TRUE(run("units", "ms_to_time", Value::number(1.5)).is_nil());
}

}  // namespace
}  // namespace ocf::quirks
