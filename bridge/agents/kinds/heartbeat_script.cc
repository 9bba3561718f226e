#include "bridge/agents/kinds/heartbeat_script.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "bridge/agents/kinds/script_action.h"

namespace ocf::agents::kinds {
namespace {

// "[Rr]unning" starting at or after `from`.
bool has_running(std::string_view text, std::size_t from) {
  for (std::size_t i = text.find("unning", from + 1); i != std::string_view::npos;
       i = text.find("unning", i + 1))
    if (text[i - 1] == 'R' || text[i - 1] == 'r') return true;
  return false;
}

// First "[Nn][Oo][Tt] " in text.
std::size_t find_not_space(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) == 'n' &&
        std::tolower(static_cast<unsigned char>(text[i + 1])) == 'o' &&
        std::tolower(static_cast<unsigned char>(text[i + 2])) == 't' && text[i + 3] == ' ')
      return i;
  }
  return std::string_view::npos;
}

std::string first_line(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  return line;
}

}  // namespace

bool HeartbeatScript::status_says_running(std::string_view text) {
  std::size_t n = find_not_space(text);
  if (n != std::string_view::npos && has_running(text, n + 4)) return false;
  return has_running(text, 0) || text.find("OK") != std::string_view::npos;
}

bool HeartbeatScript::positional_args(const Params& params, std::vector<std::string>& args,
                                      OcfResult& result) const {
  args.clear();
  auto refuse = [&](std::string note) {
    result.code = OcfCode::kErrConfigured;
    result.native = "not run";
    result.note = std::move(note);
    return false;
  };
  if (spec_.format_args) {
    std::string error;
    if (!spec_.format_args(params, args, error)) return refuse(error);
    return true;
  }
  if (spec_.params.empty()) {  // undeclared: arg1..argN
    std::map<int, std::string> numbered;
    for (const auto& [name, value] : params) {
      if (name.size() > 3 && name.compare(0, 3, "arg") == 0 &&
          std::all_of(name.begin() + 3, name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        numbered[std::stoi(name.substr(3))] = value;
      else
        result.note += (result.note.empty() ? "parameters not used by the script:" : "") +
                       std::string(" ") + name;
    }
    int expected = 1;
    for (const auto& [index, value] : numbered) {
      if (index != expected) return refuse("positional parameter arg" + std::to_string(expected) + " is missing");
      args.push_back(value);
      ++expected;
    }
    return true;
  }
  bool gap = false;
  std::string missing;
  for (const auto& declared : spec_.params) {
    const std::string* value = find_param(params, declared.name);
    if (value == nullptr && declared.default_value) value = &*declared.default_value;
    if (value == nullptr) {
      if (declared.required) return refuse("required parameter '" + declared.name + "' is missing");
      gap = true;
      if (missing.empty()) missing = declared.name;
      continue;
    }
    if (gap)
      return refuse("parameter '" + declared.name + "' is set but the earlier positional parameter '" +
                    missing + "' is not");
    args.push_back(*value);
  }
  for (const auto& [name, value] : params) {
    bool known = std::any_of(spec_.params.begin(), spec_.params.end(),
                             [&](const ParamInfo& p) { return p.name == name; });
    if (!known)
      result.note += (result.note.empty() ? "parameters not used by the script:" : "") +
                     std::string(" ") + name;
  }
  return true;
}

OcfResult HeartbeatScript::native(const std::vector<std::string>& args, std::string_view action,
                                  std::chrono::milliseconds timeout) {
  std::vector<std::string> argv = args;
  argv.emplace_back(action);
  RunResult ran = Runner::run(script_request(spec_, spec_.script, std::move(argv), timeout));
  OcfResult result = result_of(ran);
  if (abnormal_end(ran, result)) return result;
  if (action == "status") {
    bool running = status_says_running(ran.out.text);
    result.code = running ? OcfCode::kSuccess : OcfCode::kNotRunning;
    result.native = std::string("status printed \"") + first_line(ran.out.text) + "\" (" +
                    ran.describe() + "): " + (running ? "running" : "stopped");
    return result;
  }
  result.code = ran.exit_code == 0 ? OcfCode::kSuccess : OcfCode::kErrGeneric;
  return result;
}

OcfResult HeartbeatScript::status(const std::vector<std::string>& args,
                                  std::chrono::milliseconds timeout) {
  return native(args, "status", timeout);
}

OcfResult HeartbeatScript::run(std::string_view action, const Params& params,
                               std::chrono::milliseconds timeout) {
  if (action == "meta-data")
    return generated_meta_data(spec_, "heartbeat resource.d script", spec_.params);
  OcfResult checked;
  std::vector<std::string> args;
  if (!check_params(params, checked) || !positional_args(params, args, checked)) return checked;
  std::string arg_note = checked.note;
  OcfResult result;
  if (action == "validate-all" || !is_executable_file(spec_.script)) {
    result = validate_script(spec_.script);
  } else if (action == "monitor" || action == "status") {
    result = status(args, timeout);
  } else if (action == "start") {
    OcfResult before = status(args, timeout);
    if (before.code == OcfCode::kSuccess) {
      before.note = "status already says running; start not run (as heartbeat's ResourceManager does)";
      result = before;
    } else {
      result = native(args, "start", timeout);
    }
  } else if (action == "stop") {
    result = native(args, "stop", timeout);
    if (result.code != OcfCode::kSuccess && !result.timed_out &&
        status(args, timeout).code == OcfCode::kNotRunning) {
      result.note = "stop ended with " + result.native +
                    " but status says stopped: reported as success (papered over)";
      result.code = OcfCode::kSuccess;
    }
  } else {
    result = unimplemented(kind(), action);
  }
  if (!arg_note.empty()) result.note = result.note.empty() ? arg_note : result.note + "; " + arg_note;
  return result;
}

std::string HeartbeatScript::meta_data() { return run("meta-data", {}, {}).output; }

}  // namespace ocf::agents::kinds
