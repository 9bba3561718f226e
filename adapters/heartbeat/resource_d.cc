#include "adapters/heartbeat/resource_d.h"

#include <algorithm>
#include <array>
#include <set>

namespace ocf::adapters::heartbeat {

using quirks::Value;

namespace {

// FNV-1a over the last ':'-separated part of an agent's text (its type, or
// the end of a type holding ':'): an AgentRef's is found in its type without
// building or hashing the whole text AgentRef::to_string would spell, and
// agents of one text always share it. Slots of other agents with the same
// last part are told apart by spells().
constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
std::uint64_t fnv(std::string_view bytes) {
  std::uint64_t h = kFnvBasis;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

std::string_view last_part(std::string_view text) {
  std::size_t start = text.size();
  while (start > 0 && text[start - 1] != ':') --start;  // types are short: no rfind call
  return text.substr(start);
}

std::uint64_t agent_hash(const model::AgentRef& a) { return fnv(last_part(a.type)); }

// Whether `text` is a.to_string().
bool spells(std::string_view text, const model::AgentRef& a) {
  std::size_t size = a.cls.size() + 1 + (a.provider.empty() ? 0 : a.provider.size() + 1) +
                     a.type.size();
  if (text.size() != size || !text.starts_with(a.cls) || text[a.cls.size()] != ':') return false;
  text.remove_prefix(a.cls.size() + 1);
  if (!a.provider.empty()) {
    if (!text.starts_with(a.provider) || text[a.provider.size()] != ':') return false;
    text.remove_prefix(a.provider.size() + 1);
  }
  return text == a.type;
}

}  // namespace

// One pass with a table (find_first_of searched its set once per character).
bool positional_argument(std::string_view value) {
  static constexpr auto kRefused = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '#', '\\'}) t[c] = true;
    return t;
  }();
  if (value.empty()) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (kRefused[static_cast<unsigned char>(c)]) return false;
    if (c == ':' && i + 1 < value.size() && value[i + 1] == ':') return false;
  }
  return true;
}

ScriptTable::ScriptTable(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics)
    : quirks_(quirks) {
  std::set<std::string> agents;  // agent texts with a slot
  for (const auto& key : quirks.keys("resource_d")) {
    Value v = quirks.entry("resource_d", key);
    auto agent = v.is_table() ? model::AgentRef::parse(v["agent"].to_text()) : std::nullopt;
    if (!agent) {
      diagnostics.warning("quirks.bad-entry",
                          "resource_d." + key + " has no valid agent (class:provider:type); "
                          "ignored",
                          {quirks.origin("resource_d", key)});
      continue;
    }
    ScriptEntry e;
    e.name = key;
    e.agent = *agent;
    e.params = v["params"].strings();
    e.names = v["names"].is_table() ? v["names"].strings() : e.params;
    e.min = v["min"].is_nil() ? 0 : static_cast<int>(v["min"].as_integer());
    e.max = v["max"].is_nil() ? static_cast<int>(e.params.size())
                              : static_cast<int>(v["max"].as_integer());
    for (const auto& c : v["counts"].items()) e.counts.push_back(static_cast<int>(c.as_integer()));
    if (v["parse"].is_function()) e.parse = v["parse"];
    if (v["format"].is_function()) e.format = v["format"];
    std::string text = e.agent.to_string();
    const ScriptEntry* entry = &scripts_.emplace(key, std::move(e)).first->second;
    // Keys are sorted: the first name of an agent wins.
    if (agents.insert(text).second) {
      std::uint64_t hash = fnv(last_part(text));
      by_agent_.push_back({hash, std::move(text), entry});
    }
  }
  by_name_.reserve(scripts_.size());
  for (const auto& [name, e] : scripts_) by_name_.emplace(name, &e);
  std::stable_sort(by_agent_.begin(), by_agent_.end(),
                   [](const AgentSlot& a, const AgentSlot& b) { return a.hash < b.hash; });
}

const ScriptEntry* ScriptTable::find(std::string_view script) const {
  auto it = by_name_.find(script);
  return it == by_name_.end() ? nullptr : it->second;
}

const ScriptEntry* ScriptTable::find_agent(const model::AgentRef& agent) const {
  std::uint64_t hash = agent_hash(agent);
  auto it = std::lower_bound(by_agent_.begin(), by_agent_.end(), hash,
                             [](const AgentSlot& s, std::uint64_t h) { return s.hash < h; });
  for (; it != by_agent_.end() && it->hash == hash; ++it)
    if (spells(it->text, agent)) return it->script;
  return nullptr;
}

bool ScriptTable::accepts(const ScriptEntry& script, std::size_t count,
                          std::string& expected) const {
  auto n = static_cast<int>(count);
  bool ok = script.counts.empty()
                ? n >= script.min && (script.max < 0 || n <= script.max)
                : std::find(script.counts.begin(), script.counts.end(), n) != script.counts.end();
  if (ok) return true;  // every resource of a conversion: no text to build
  if (!script.counts.empty()) {
    expected.clear();
    for (std::size_t i = 0; i < script.counts.size(); ++i)
      expected += (i == 0 ? "" : i + 1 == script.counts.size() ? " or " : ", ") +
                  std::to_string(script.counts[i]);
    return false;
  }
  expected = script.max < 0 ? "at least " + std::to_string(script.min)
             : script.min == script.max
                 ? std::to_string(script.min)
                 : std::to_string(script.min) + "-" + std::to_string(script.max);
  return false;
}

std::optional<model::Attributes> ScriptTable::to_params(const ScriptEntry& script,
                                                        std::span<const WordView> args,
                                                        const model::FileName& path,
                                                        model::Diagnostics& diagnostics,
                                                        bool build) const {
  auto n = static_cast<int>(args.size());
  if (std::string expected; !accepts(script, args.size(), expected)) {
    model::SourceLocation where{path, args.empty() ? 0u : args[0].line,
                                args.empty() ? 0u : args[0].column};
    if (args.size() > static_cast<std::size_t>(std::max(script.max, 0)) && script.max >= 0)
      where.column = args[static_cast<std::size_t>(script.max)].column;
    diagnostics.error("hares.bad-arguments",
                      script.name + " takes " + expected + " argument(s), got " +
                          std::to_string(n),
                      where);
    return std::nullopt;
  }
  model::Attributes params;
  if (script.parse.is_nil()) {
    if (!build) return params;
    params.reserve(args.size());
    for (std::size_t i = 0; i < args.size(); ++i)
      params.push_back({i < script.params.size() ? script.params[i] : "arg" + std::to_string(i + 1),
                        std::string(args[i].text), {path, args[i].line, args[i].column}});
    return params;
  }
  std::vector<std::string_view> items;
  items.reserve(args.size());
  for (const auto& a : args) items.push_back(a.text);
  model::SourceLocation where{path, args.empty() ? 0u : args[0].line,
                              args.empty() ? 0u : args[0].column};
  // The result: { error = why } or { params = {{name, value}, ...} }; a
  // pair that is not two values is skipped.
  std::optional<std::string> error;
  bool called = quirks_.call_reading(
      script.parse, quirks::StringTable{items, {}},
      [&](const quirks::ResultView& result) {
        if (auto e = result["error"]; !e.is_nil()) {
          error = e.to_text();
          return;
        }
        if (!build) return;
        auto pairs = result["params"];
        std::size_t n = pairs.size();
        params.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
          auto pair = pairs.item(i);
          if (pair.size() != 2) continue;
          params.push_back({pair.item(0).to_text(), pair.item(1).to_text(), where});
        }
      },
      diagnostics, where);
  if (!called) return std::nullopt;
  if (error) {
    diagnostics.error("hares.bad-arguments", script.name + ": " + *error, where);
    return std::nullopt;
  }
  return params;
}

std::optional<std::vector<std::string>> ScriptTable::to_args(
    const ScriptEntry& script, const model::Attributes& params, std::string& why,
    model::Diagnostics& diagnostics) const {
  if (script.format.is_nil()) {
    // Positional: the first k names must all be present, none after them.
    std::vector<std::string> args;
    std::size_t last = 0;
    for (std::size_t i = 0; i < script.params.size(); ++i)
      if (model::find(params, script.params[i])) last = i + 1;
    for (std::size_t i = 0; i < last; ++i) {
      const auto* p = model::find(params, script.params[i]);
      if (!p) {
        why = script.params[i] + " is missing but " + script.params[last - 1] +
              " is set, and arguments are positional";
        return std::nullopt;
      }
      if (!positional_argument(p->value)) {
        why = "parameter " + p->name + " '" + p->value +
              "' cannot be written as a haresources argument";
        return std::nullopt;
      }
      args.push_back(p->value);
    }
    if (static_cast<int>(args.size()) < script.min) {
      why = script.name + " needs " + std::to_string(script.min) + " argument(s)";
      return std::nullopt;
    }
    return args;
  }
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  fields.reserve(params.size());
  for (const auto& p : params) fields.emplace_back(p.name, p.value);
  std::sort(fields.begin(), fields.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  // The result: { error = why } or { args = {...} }.
  std::optional<std::string> error;
  std::vector<std::string> args;
  bool called = quirks_.call_reading(
      script.format, quirks::StringTable{{}, fields},
      [&](const quirks::ResultView& result) {
        if (auto e = result["error"]; !e.is_nil()) {
          error = e.to_text();
          return;
        }
        auto list = result["args"];
        std::size_t n = list.size();
        args.reserve(n);
        for (std::size_t i = 0; i < n; ++i) args.push_back(list.item(i).to_text());
      },
      diagnostics);
  if (!called) {
    why = "the Lua format function failed";
    return std::nullopt;
  }
  if (error) {
    why = std::move(*error);
    return std::nullopt;
  }
  return args;
}

}  // namespace ocf::adapters::heartbeat
