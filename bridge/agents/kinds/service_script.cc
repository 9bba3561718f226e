#include "bridge/agents/kinds/service_script.h"

#include "bridge/agents/kinds/script_action.h"

namespace ocf::agents::kinds {

OcfCode ServiceScript::map_status(Flavor flavor, int exit_code) {
  if (flavor == Flavor::kKimberlite)
    return exit_code == 0 ? OcfCode::kSuccess : OcfCode::kNotRunning;
  switch (exit_code) {
    case 0: return OcfCode::kSuccess;
    case 3: return OcfCode::kNotRunning;
    default: return OcfCode::kErrGeneric;  // 1, 2: dead with files left; 4: unknown
  }
}

OcfCode ServiceScript::map_action(Flavor flavor, int exit_code) {
  if (flavor == Flavor::kKimberlite)
    return exit_code == 0 ? OcfCode::kSuccess : OcfCode::kErrGeneric;
  return exit_code >= 0 && exit_code <= 7 ? static_cast<OcfCode>(exit_code)
                                          : OcfCode::kErrGeneric;
}

OcfResult ServiceScript::run_native(std::string_view native_action,
                                    std::chrono::milliseconds timeout, bool status) {
  RunResult ran = Runner::run(script_request(spec_, spec_.script, {std::string(native_action)},
                                             timeout));
  OcfResult result = result_of(ran);
  if (abnormal_end(ran, result)) return result;
  result.code = status ? map_status(flavor_, ran.exit_code) : map_action(flavor_, ran.exit_code);
  return result;
}

OcfResult ServiceScript::start_or_stop(std::string_view action,
                                       std::chrono::milliseconds timeout) {
  OcfResult result = run_native(action, timeout, false);
  if (result.code == OcfCode::kSuccess || result.timed_out) return result;
  OcfResult status = run_native("status", timeout, true);
  bool starting = action == "start";
  OcfCode wanted = starting ? OcfCode::kSuccess : OcfCode::kNotRunning;
  if (status.code == wanted) {
    result.note = std::string(action) + " ended with " + result.native + " but status says " +
                  (starting ? "running" : "not running") +
                  ": reported as success (papered over)";
    result.code = OcfCode::kSuccess;
  }
  return result;
}

OcfResult ServiceScript::run(std::string_view action, const Params& params,
                             std::chrono::milliseconds timeout) {
  OcfResult result;
  if (action == "meta-data") {
    result = generated_meta_data(spec_, flavor_ == Flavor::kLsb ? "LSB init script"
                                                                : "Kimberlite service script",
                                 spec_.params);
    return result;
  }
  if (!params.empty()) {
    // These scripts take no parameters; say so instead of dropping them silently.
    result.note = std::string(kind()) + " scripts take no parameters; ignored:";
    for (const auto& p : params) result.note += " " + p.first;
  }
  OcfResult ran;
  if (action == "validate-all") {
    ran = validate_script(spec_.script);
  } else if (!is_executable_file(spec_.script)) {
    ran = validate_script(spec_.script);
  } else if (action == "monitor" || action == "status") {
    ran = run_native("status", timeout, true);
  } else if (action == "start" || action == "stop") {
    ran = start_or_stop(action, timeout);
  } else if (flavor_ == Flavor::kLsb &&
             (action == "restart" || action == "reload" || action == "force-reload")) {
    ran = run_native(action, timeout, false);
  } else {
    ran = unimplemented(kind(), action);
  }
  if (!result.note.empty()) ran.note = ran.note.empty() ? result.note : ran.note + "; " + result.note;
  return ran;
}

std::string ServiceScript::meta_data() { return run("meta-data", {}, {}).output; }

}  // namespace ocf::agents::kinds
