#include "bridge/agents/kinds/failsafe_type.h"

#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "bridge/agents/kinds/script_action.h"

namespace ocf::agents::kinds {
namespace {

constexpr int kHaSuccess = 0, kHaNotRunning = 1, kHaInvalArgs = 2, kHaCmdFailed = 3,
              kHaRunning = 4, kHaNotSupported = 5, kHaNoCfgInfo = 6;

// A private directory for one call's files, removed on scope exit.
class CallDir {
 public:
  CallDir() {
    std::error_code ec;
    std::string pattern = (std::filesystem::temp_directory_path(ec) / "ocfbridge-fs-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~CallDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  CallDir(const CallDir&) = delete;
  CallDir& operator=(const CallDir&) = delete;
  bool ok() const { return !path_.empty(); }
  std::filesystem::path file(const char* name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

bool write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

bool has_blank(std::string_view s) {
  return s.find_first_of(" \t\n\r") != std::string_view::npos;
}

// The status the OUTFILE gives `name`, or -1 when it has no such line.
int status_for(const std::filesystem::path& outfile, const std::string& name) {
  std::ifstream in(outfile);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string resource, status;
    if (!(words >> resource >> status) || resource != name) continue;
    try {
      std::size_t used = 0;
      int value = std::stoi(status, &used);
      if (used == status.size()) return value;
    } catch (const std::exception&) {
    }
    return 1000;  // a line, but not a number: an unknown status
  }
  return -1;
}

}  // namespace

std::string_view FailsafeType::status_name(int s) {
  switch (s) {
    case kHaSuccess: return "HA_SUCCESS";
    case kHaNotRunning: return "HA_NOT_RUNNING";
    case kHaInvalArgs: return "HA_INVAL_ARGS";
    case kHaCmdFailed: return "HA_CMD_FAILED";
    case kHaRunning: return "HA_RUNNING";
    case kHaNotSupported: return "HA_NOTSUPPORTED";
    case kHaNoCfgInfo: return "HA_NOCFGINFO";
    default: return "unknown status";
  }
}

OcfCode FailsafeType::map_status(std::string_view action, int s, std::string& note) {
  switch (s) {
    case kHaInvalArgs: return OcfCode::kErrArgs;
    case kHaCmdFailed: return OcfCode::kErrGeneric;
    case kHaNotSupported: return OcfCode::kErrUnimplemented;
    case kHaNoCfgInfo: return OcfCode::kErrConfigured;
    default: break;
  }
  bool probe = action == "monitor" || action == "exclusive";
  if (probe) {
    if (s == kHaRunning) return OcfCode::kSuccess;
    if (s == kHaNotRunning) return OcfCode::kNotRunning;
    if (s == kHaSuccess) {
      if (action == "monitor") return OcfCode::kSuccess;
      note = "exclusive returned HA_SUCCESS: taken as not running here";
      return OcfCode::kNotRunning;
    }
  } else {  // start, stop, restart
    if (s == kHaSuccess) return OcfCode::kSuccess;
    if (s == kHaRunning && action != "stop") {
      note = std::string(action) + " returned HA_RUNNING: already running, taken as success";
      return OcfCode::kSuccess;
    }
    if (s == kHaNotRunning && action == "stop") {
      note = "stop returned HA_NOT_RUNNING: already stopped, taken as success";
      return OcfCode::kSuccess;
    }
  }
  note = std::string(action) + " returned " + std::string(status_name(s)) + " (" +
         std::to_string(s) + "): taken as a generic error";
  return OcfCode::kErrGeneric;
}

ParamInfo FailsafeType::resource_name_param() {
  ParamInfo p;
  p.name = "resource_name";
  p.shortdesc = "FailSafe resource name";
  p.longdesc = "The FailSafe resource name passed in the INFILE (for example the IP address "
               "or mount point); defaults to the OCF instance name.";
  return p;
}

std::string FailsafeType::resource_name(const Params& params) const {
  if (const std::string* v = find_param(params, "resource_name")) return *v;
  return spec_.instance.empty() ? spec_.name : spec_.instance;
}

OcfResult FailsafeType::run_native(std::string_view action, const Params& params,
                                   std::chrono::milliseconds timeout) {
  OcfResult result;
  result.native = "not run";
  auto refuse = [&](std::string note) {
    result.code = OcfCode::kErrConfigured;
    result.note = std::move(note);
    return result;
  };
  std::string name = resource_name(params);
  if (name.empty() || has_blank(name)) return refuse("resource name '" + name + "' is empty or has blanks");
  std::string attributes;
  for (const auto& [key, value] : params) {
    if (key == "resource_name") continue;
    if (has_blank(key) || value.find_first_of("\n\r") != std::string::npos)
      return refuse("attribute '" + key + "' cannot be written as one attribute line");
    attributes += name + " " + key + " " + value + "\n";
  }
  CallDir dir;
  if (!dir.ok()) {
    result.code = OcfCode::kErrGeneric;
    result.note = "cannot make a temporary directory";
    return result;
  }
  auto infile = dir.file("infile"), outfile = dir.file("outfile"),
       paramfile = dir.file("paramfile"), attrfile = dir.file("attributes");
  if (!write_file(infile, name + " 0\n") || !write_file(outfile, "") ||
      !write_file(paramfile, "ClusterName " + spec_.cluster_name + "\n") ||
      !write_file(attrfile, attributes)) {
    result.code = OcfCode::kErrGeneric;
    result.note = "cannot write the call files";
    return result;
  }
  RunResult ran = Runner::run(script_request(
      spec_, spec_.script / std::string(action),
      {infile.string(), outfile.string(), paramfile.string()}, timeout,
      {{"OCFBRIDGE_RESOURCE_ATTRS", attrfile.string()}}));
  result = result_of(ran);
  if (abnormal_end(ran, result)) return result;
  int status = status_for(outfile, name);
  if (status < 0) {
    result.code = OcfCode::kErrGeneric;
    result.native = "no status line for " + name + " (" + ran.describe() + ")";
    result.note = "a missing status line counts as timed out";
    return result;
  }
  result.native = std::string(status_name(status)) + " (" + std::to_string(status) + "), " +
                  ran.describe();
  result.code = map_status(action, status, result.note);
  return result;
}

OcfResult FailsafeType::run(std::string_view action, const Params& params,
                            std::chrono::milliseconds timeout) {
  if (action == "meta-data") {
    std::vector<ParamInfo> declared{resource_name_param()};
    for (const auto& p : spec_.params)
      if (p.name != "resource_name") declared.push_back(p);
    return generated_meta_data(spec_, "FailSafe resource type", std::move(declared));
  }
  OcfResult checked;
  if (!check_params(params, checked)) return checked;
  if (action == "validate-all") {
    for (const char* required : {"start", "stop", "exclusive"}) {
      OcfResult r = validate_script(spec_.script / required);
      if (r.code != OcfCode::kSuccess) return r;
    }
    return validate_script(spec_.script / "start");
  }
  std::string native_action(action);
  if (action == "status") native_action = "monitor";
  if (native_action == "monitor" && !is_executable_file(spec_.script / "monitor"))
    native_action = "exclusive";  // monitor is required but may be missing
  if (native_action != "start" && native_action != "stop" && native_action != "monitor" &&
      native_action != "exclusive" && native_action != "restart")
    return unimplemented(kind(), action);
  if (!is_executable_file(spec_.script / native_action)) {
    if (native_action == "restart") return unimplemented(kind(), action);
    return validate_script(spec_.script / native_action);
  }
  return run_native(native_action, params, timeout);
}

std::string FailsafeType::meta_data() { return run("meta-data", {}, {}).output; }

}  // namespace ocf::agents::kinds
