#include "bridge/agents/agent_kind.h"

#include "bridge/agents/kinds/failsafe_type.h"
#include "bridge/agents/kinds/heartbeat_script.h"
#include "bridge/agents/kinds/ocf_agent.h"
#include "bridge/agents/kinds/service_script.h"

namespace ocf::agents {

std::string_view to_string(OcfCode code) {
  switch (code) {
    case OcfCode::kSuccess: return "OCF_SUCCESS";
    case OcfCode::kErrGeneric: return "OCF_ERR_GENERIC";
    case OcfCode::kErrArgs: return "OCF_ERR_ARGS";
    case OcfCode::kErrUnimplemented: return "OCF_ERR_UNIMPLEMENTED";
    case OcfCode::kErrPerm: return "OCF_ERR_PERM";
    case OcfCode::kErrInstalled: return "OCF_ERR_INSTALLED";
    case OcfCode::kErrConfigured: return "OCF_ERR_CONFIGURED";
    case OcfCode::kNotRunning: return "OCF_NOT_RUNNING";
    case OcfCode::kRunningMaster: return "OCF_RUNNING_MASTER";
    case OcfCode::kFailedMaster: return "OCF_FAILED_MASTER";
  }
  return "OCF_UNKNOWN";
}

OcfCode ocf_code_from_exit(int exit_code) {
  return exit_code >= 0 && exit_code <= 9 ? static_cast<OcfCode>(exit_code)
                                          : OcfCode::kErrGeneric;
}

const std::string* find_param(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params)
    if (key == name) return &value;
  return nullptr;
}

std::vector<std::string_view> agent_kind_names() {
  return {"ocf", "lsb", "heartbeat", "failsafe", "kimberlite"};
}

std::unique_ptr<AgentKind> make_agent_kind(AgentSpec spec, std::string& error) {
  using namespace kinds;
  if (spec.kind == "ocf") return std::make_unique<OcfAgent>(std::move(spec));
  if (spec.kind == "lsb")
    return std::make_unique<ServiceScript>(std::move(spec), ServiceScript::Flavor::kLsb);
  if (spec.kind == "kimberlite")
    return std::make_unique<ServiceScript>(std::move(spec), ServiceScript::Flavor::kKimberlite);
  if (spec.kind == "heartbeat") return std::make_unique<HeartbeatScript>(std::move(spec));
  if (spec.kind == "failsafe") return std::make_unique<FailsafeType>(std::move(spec));
  error = "unknown agent kind '" + spec.kind + "' (ocf, lsb, heartbeat, failsafe, kimberlite)";
  return nullptr;
}

}  // namespace ocf::agents
