// OCF agents offered in each product's own form (`ocfbridge agent export`).
//
// The exported files are thin /bin/sh wrappers that exec the bridge's
// `agent serve`; these functions are what `serve` does for each product:
//
// heartbeat resource.d:  SCRIPT [ARG...] start|stop|status
//   ARGs become OCF parameters: through the Lua resource_d entry of the
//   agent (its parse function, or its positional parameter names), else the
//   names given at export (--args), else NAME=VALUE words. status prints
//   exactly "running" or "stopped" on stdout (heartbeat reads the text; the
//   agent's own output goes to stderr so it cannot be misread) and exits
//   0 / 3; start and stop exit 0 or 1.
// FailSafe resource type: TYPE_DIR/ACTION INFILE OUTFILE [PARAMFILE]
//   for each "resource_name flags" line of INFILE: the name goes to the
//   type's name parameter (Lua resource_types, or --name-param), attributes
//   from OCFBRIDGE_RESOURCE_ATTRS ("resource attribute value" lines) become
//   parameters (renamed/converted by the Lua table); one "resource_name
//   status" line per resource is appended to OUTFILE. start/stop: HA_SUCCESS
//   or a failure status; monitor: HA_SUCCESS / HA_NOT_RUNNING; exclusive:
//   HA_RUNNING / HA_NOT_RUNNING; restart = stop then start.
// Kimberlite service script: SCRIPT start|stop|status with the parameters
//   fixed at export; exit 0 = success / running, 1 = failure, 3 = not
//   running.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/script_tables.h"

namespace ocf::agents {

struct ExportedAgent {
  std::string agent_id;  // ocf:PROVIDER:TYPE
  AgentSpec spec;        // the OCF agent (kind "ocf"); spec.instance = default instance
  Params fixed;          // parameters set at export
  std::vector<std::string> arg_names;  // heartbeat positional names
  decltype(ScriptTable::parse_args) parse_args;
  std::string name_param;  // FailSafe
  decltype(ScriptTable::attribute_to_param) attribute_to_param;
  std::chrono::milliseconds timeout{20'000};
};

// FailSafe statuses for the OCF result of a native action.
int failsafe_status(std::string_view native_action, OcfCode code);

int serve_heartbeat(const ExportedAgent& agent, std::span<const std::string> words,
                    std::ostream& out, std::ostream& err);
int serve_failsafe(const ExportedAgent& agent, std::string_view action,
                   std::span<const std::string> words, std::ostream& out, std::ostream& err);
int serve_kimberlite(const ExportedAgent& agent, std::span<const std::string> words,
                     std::ostream& out, std::ostream& err);

}  // namespace ocf::agents
