// Agent kinds: one interface over every product's resource scripts.
//
// An AgentKind runs an OCF action (start, stop, monitor, meta-data,
// validate-all, ...) against one script of its product and maps the native
// result to an OCF exit code, keeping the native result and a note saying
// how it was mapped (papered-over LSB quirks, a missing FailSafe status
// line, a timeout). Kinds never throw; a script that cannot be run is an
// OCF code too (5 = not installed).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge/agents/runner.h"

namespace ocf::agents {

// OCF RA API 1.0 exit codes.
enum class OcfCode : int {
  kSuccess = 0,
  kErrGeneric = 1,
  kErrArgs = 2,
  kErrUnimplemented = 3,
  kErrPerm = 4,
  kErrInstalled = 5,
  kErrConfigured = 6,
  kNotRunning = 7,
  kRunningMaster = 8,
  kFailedMaster = 9,
};

// "OCF_SUCCESS", ..., or "OCF_UNKNOWN".
std::string_view to_string(OcfCode code);
// Codes 0..9 convert; anything else is kErrGeneric.
OcfCode ocf_code_from_exit(int exit_code);

struct OcfResult {
  OcfCode code = OcfCode::kErrGeneric;
  // The native result in the product's words: "exit 3", "HA_NOT_RUNNING",
  // "status text says running", ...
  std::string native;
  // How the mapping went when it was not the obvious one; empty otherwise.
  std::string note;
  // What the action printed (meta-data: the XML) and the last script run.
  std::string output;
  std::string errors;
  bool timed_out = false;

  int exit_code() const { return static_cast<int>(code); }
};

// Named instance parameters, in the order given.
using Params = std::vector<std::pair<std::string, std::string>>;
const std::string* find_param(const Params& params, std::string_view name);

// What is known about one parameter of an agent (from Lua tables or the
// operator), for meta-data and for positional arguments.
struct ParamInfo {
  std::string name;
  std::optional<std::string> default_value;
  bool required = false;
  bool unique = false;
  std::string type = "string";  // string|integer|boolean|time (ra-api-1.dtd)
  std::string shortdesc;
  std::string longdesc;
};

// How a kind finds and runs its script.
struct AgentSpec {
  std::string kind;                // ocf|lsb|heartbeat|failsafe|kimberlite
  std::filesystem::path script;    // agent / script / FailSafe type directory
  std::string name;                // type name shown in meta-data
  std::string provider = "ocfbridge";
  std::string instance;            // OCF_RESOURCE_INSTANCE (default: name)
  std::filesystem::path ocf_root = "/usr/lib/ocf";
  std::vector<ParamInfo> params;   // declared parameters, positional order
  std::string cluster_name = "ocfbridge";  // FailSafe PARAMFILE
  std::string description;         // longdesc override for generated meta-data
  // heartbeat: forms the positional arguments from the named parameters
  // when set (the Lua table's format function, e.g. IPaddr's IP/BITS/IFACE);
  // returns false with `error` when they cannot be formed. Unset: one
  // argument per declared parameter, in order.
  std::function<bool(const Params&, std::vector<std::string>& args, std::string& error)>
      format_args;
  std::chrono::milliseconds kill_grace{2'000};
  std::size_t output_cap = 1u << 20;
};

class AgentKind {
 public:
  virtual ~AgentKind() = default;
  virtual std::string_view kind() const = 0;
  // Runs one OCF action; never throws.
  virtual OcfResult run(std::string_view action, const Params& params,
                        std::chrono::milliseconds timeout) = 0;
  // The agent's OCF meta-data XML (OCF agents: their own; others: generated).
  virtual std::string meta_data() = 0;
};

// The kind named by spec.kind, or nullptr with `error` set.
std::unique_ptr<AgentKind> make_agent_kind(AgentSpec spec, std::string& error);

// Kind names accepted by make_agent_kind.
std::vector<std::string_view> agent_kind_names();

}  // namespace ocf::agents
