// What the Lua quirk tables know about native scripts, turned into agent
// parameters: heartbeat's resource_d table (positional argument names, the
// OCF twin, a format function for composite arguments such as IPaddr's
// IP/BITS/IFACE/BROADCAST) and FailSafe's resource_types table (attribute
// names). Used for generated meta-data and for forming arguments.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "bridge/agents/agent_kind.h"
#include "bridge/model/diagnostics.h"

namespace ocf::quirks {
class QuirkSet;
}

namespace ocf::agents {

struct ScriptTable {
  std::vector<ParamInfo> params;  // heartbeat: positional order
  std::string agent;              // the OCF twin ("ocf:heartbeat:IPaddr"), if known
  std::string origin;             // the Lua file holding the entry
  // heartbeat entries with a format function; empty otherwise.
  decltype(AgentSpec::format_args) format_args;
  // heartbeat entries with a parse function: positional arguments -> named
  // parameters, false with `error` when the arguments are wrong.
  std::function<bool(const std::vector<std::string>& args, Params& params, std::string& error)>
      parse_args;
  // FailSafe: the agent parameter holding the resource name, and attribute
  // -> parameter conversion (renames and Lua to_ocf converters); attributes
  // not listed keep their names.
  std::string name_param;
  std::function<bool(const std::string& attribute, const std::string& value, std::string& param,
                     std::string& converted)>
      attribute_to_param;
};

// Loads the quirk files of one adapter ("heartbeat", "failsafe") from the
// given roots and answers lookups; the tables stay alive as long as any
// format_args handed out.
class ScriptTables {
 public:
  static std::shared_ptr<ScriptTables> load(std::string_view adapter,
                                            std::span<const std::filesystem::path> roots,
                                            model::Diagnostics& diagnostics);
  // resource_d[name] for heartbeat scripts.
  std::optional<ScriptTable> heartbeat_script(std::string_view name);
  // resource_types[type] for FailSafe types.
  std::optional<ScriptTable> failsafe_type(std::string_view type);
  // The entry whose `agent` is `agent_id` ("ocf:heartbeat:IPaddr2"),
  // preferring the entry named like the agent's type.
  std::optional<ScriptTable> heartbeat_script_for_agent(std::string_view agent_id);
  std::optional<ScriptTable> failsafe_type_for_agent(std::string_view agent_id);

  explicit ScriptTables(std::shared_ptr<quirks::QuirkSet> set) : set_(std::move(set)) {}

 private:
  std::shared_ptr<quirks::QuirkSet> set_;
};

}  // namespace ocf::agents
