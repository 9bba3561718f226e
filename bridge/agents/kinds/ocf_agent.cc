#include "bridge/agents/kinds/ocf_agent.h"

#include "bridge/agents/kinds/script_action.h"

namespace ocf::agents::kinds {

std::vector<std::pair<std::string, std::string>> OcfAgent::environment(
    const Params& params) const {
  std::string type = spec_.name.empty() ? spec_.script.filename().string() : spec_.name;
  std::vector<std::pair<std::string, std::string>> env = {
      {"OCF_ROOT", spec_.ocf_root.string()},
      {"OCF_RA_VERSION_MAJOR", "1"},
      {"OCF_RA_VERSION_MINOR", "0"},
      {"OCF_RESOURCE_INSTANCE", spec_.instance.empty() ? type : spec_.instance},
      {"OCF_RESOURCE_TYPE", type},
      {"OCF_RESOURCE_PROVIDER", spec_.provider},
  };
  for (const auto& [name, value] : params) env.emplace_back("OCF_RESKEY_" + name, value);
  return env;
}

OcfResult OcfAgent::run(std::string_view action, const Params& params,
                        std::chrono::milliseconds timeout) {
  OcfResult result;
  if (!check_params(params, result)) return result;
  RunResult ran = Runner::run(
      script_request(spec_, spec_.script, {std::string(action)}, timeout, environment(params)));
  result = result_of(ran);
  if (abnormal_end(ran, result)) return result;
  result.code = ocf_code_from_exit(ran.exit_code);
  if (ran.exit_code > 9) result.note = "exit code outside the OCF range, taken as generic error";
  return result;
}

std::string OcfAgent::meta_data() {
  OcfResult result = run("meta-data", {}, std::chrono::seconds(10));
  return result.code == OcfCode::kSuccess ? result.output : std::string();
}

}  // namespace ocf::agents::kinds
