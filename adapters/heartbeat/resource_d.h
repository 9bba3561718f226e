// The resource.d script table: what the positional arguments of each
// heartbeat resource.d script mean, from lua/heartbeat/resource_d.lua.
//
// The table is read from Lua once and cached here, so a conversion of
// thousands of resources calls into Lua only for the scripts whose arguments
// need a function (IPaddr's IP/BITS/IFACE/BROADCAST, SendArp, ...); plain
// positional scripts are mapped in C++ from the cached parameter names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/heartbeat/document.h"
#include "bridge/model/model.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::heartbeat {

struct ScriptEntry {
  std::string name;                 // IPaddr
  model::AgentRef agent;            // ocf:heartbeat:IPaddr
  std::vector<std::string> params;  // positional names (when no parse function)
  std::vector<std::string> names;   // every parameter the script can carry
  int min = 0;
  int max = -1;                     // -1: unbounded
  std::vector<int> counts;          // when set, the only argument counts allowed
  quirks::Value parse;              // Lua function or nil
  quirks::Value format;             // Lua function or nil
};

// Whether a parameter's value can be a positional haresources argument:
// not empty, no "::", no space, tab, '#' or '\\'.
bool positional_argument(std::string_view value);

class ScriptTable {
 public:
  // Reads section `resource_d` of the heartbeat quirks; malformed entries are
  // reported and skipped.
  ScriptTable(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics);
  // The lookup indexes point into scripts_.
  ScriptTable(const ScriptTable&) = delete;
  ScriptTable& operator=(const ScriptTable&) = delete;

  const ScriptEntry* find(std::string_view script) const;
  // The script whose agent is `agent` (first by name when several).
  const ScriptEntry* find_agent(const model::AgentRef& agent) const;

  // Whether the script takes `count` arguments; when it does not,
  // `expected` says what it takes ("1-2", "0 or 3", "at least 1").
  bool accepts(const ScriptEntry& script, std::size_t count, std::string& expected) const;

  // Arguments -> parameters, in order; errors are reported at the argument
  // and give nullopt. With `build` false only the verdict is wanted (the
  // same checks, the same Lua call, the same diagnostics): the parameters
  // are not built and a success holds none.
  std::optional<model::Attributes> to_params(const ScriptEntry& script,
                                             std::span<const WordView> args,
                                             const model::FileName& path,
                                             model::Diagnostics& diagnostics,
                                             bool build = true) const;
  // Parameters -> arguments; nullopt with `why` set when the parameters
  // cannot be written in the script's form.
  std::optional<std::vector<std::string>> to_args(const ScriptEntry& script,
                                                  const model::Attributes& params,
                                                  std::string& why,
                                                  model::Diagnostics& diagnostics) const;

 private:
  quirks::QuirkSet& quirks_;
  std::map<std::string, ScriptEntry, std::less<>> scripts_;
  // Every resource of a conversion is looked up by script name (import) or
  // by agent (export): a hash index over scripts_ instead of a search of
  // the map, and the agent found without building its text.
  std::unordered_map<std::string_view, const ScriptEntry*> by_name_;
  struct AgentSlot {
    std::uint64_t hash;  // of the text's last ':' part, as agent_hash gives it
    std::string text;    // agent text, as AgentRef::to_string gives it
    const ScriptEntry* script;
  };
  std::vector<AgentSlot> by_agent_;  // sorted by hash; one slot per text
};

}  // namespace ocf::adapters::heartbeat
