#include "bridge/agents/kinds/script_action.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace ocf::agents::kinds {

RunRequest script_request(const AgentSpec& spec, const std::filesystem::path& program,
                          std::vector<std::string> args, std::chrono::milliseconds timeout,
                          std::vector<std::pair<std::string, std::string>> env) {
  RunRequest request;
  request.program = program;
  request.args = std::move(args);
  request.env = std::move(env);
  request.timeout = timeout;
  request.kill_grace = spec.kill_grace;
  request.output_cap = spec.output_cap;
  // Agents may finish work in the background (IPaddr2 sends its gratuitous
  // ARPs so); let that run until the action's deadline, never longer.
  request.leftovers = Leftovers::kKillAtDeadline;
  return request;
}

OcfResult result_of(const RunResult& run) {
  OcfResult result;
  result.native = run.describe();
  result.output = run.out.text;
  result.errors = run.err.text;
  result.timed_out = run.timed_out;
  return result;
}

bool abnormal_end(const RunResult& run, OcfResult& result) {
  switch (run.end) {
    case RunResult::End::kExited:
      if (!run.timed_out) return false;
      result.code = OcfCode::kErrGeneric;
      result.note = "the action timed out (it exited during the kill grace period)";
      return true;
    case RunResult::End::kSignaled:
      result.code = OcfCode::kErrGeneric;
      result.note = run.timed_out ? "the action timed out and was killed"
                                  : "the script died of signal " + std::to_string(run.signal);
      return true;
    case RunResult::End::kSpawnFailed:
      result.code = run.error.find("Permission denied") != std::string::npos
                        ? OcfCode::kErrPerm : OcfCode::kErrInstalled;
      result.note = run.error;
      return true;
  }
  return false;
}

OcfResult unimplemented(std::string_view kind, std::string_view action) {
  OcfResult result;
  result.code = OcfCode::kErrUnimplemented;
  result.native = "not run";
  result.note = std::string(kind) + " scripts have no action '" + std::string(action) + "'";
  return result;
}

bool is_executable_file(const std::filesystem::path& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

OcfResult validate_script(const std::filesystem::path& path) {
  OcfResult result;
  result.native = "not run";
  if (is_executable_file(path)) {
    result.code = OcfCode::kSuccess;
  } else {
    result.code = OcfCode::kErrInstalled;
    result.note = path.string() + " is not an executable file";
  }
  return result;
}

OcfResult generated_meta_data(const AgentSpec& spec, std::string_view what,
                              std::vector<ParamInfo> params) {
  MetaData meta;
  meta.name = spec.name.empty() ? spec.script.filename().string() : spec.name;
  meta.shortdesc = std::string(what) + " " + spec.script.filename().string() + " (via ocfbridge)";
  meta.longdesc = spec.description.empty()
                      ? "The " + std::string(what) + " " + spec.script.string() +
                            ", run as an OCF resource agent by ocfbridge."
                      : spec.description;
  meta.params = std::move(params);
  meta.actions = default_actions();
  OcfResult result;
  result.code = OcfCode::kSuccess;
  result.native = "generated";
  result.output = to_xml(meta);
  return result;
}

bool valid_param_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (c == '=' || c == '\0' || c == '\n' || c == ' ' || c == '\t') return false;
  return true;
}

bool check_params(const Params& params, OcfResult& result) {
  for (const auto& [name, value] : params) {
    if (!valid_param_name(name)) {
      result.code = OcfCode::kErrConfigured;
      result.native = "not run";
      result.note = "parameter name '" + name + "' cannot be passed in the environment";
      return false;
    }
    if (value.find('\0') != std::string::npos) {
      result.code = OcfCode::kErrConfigured;
      result.native = "not run";
      result.note = "parameter '" + name + "' holds a NUL byte";
      return false;
    }
  }
  return true;
}

std::string papered_note(std::string_view action, const RunResult& run, std::string_view state) {
  return std::string(action) + " ended with " + run.describe() + " but status says " +
         std::string(state) + ": reported as success (papered over)";
}

}  // namespace ocf::agents::kinds
