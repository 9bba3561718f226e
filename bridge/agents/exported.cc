#include "bridge/agents/exported.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ocf::agents {
namespace {

constexpr int kHaSuccess = 0, kHaNotRunning = 1, kHaInvalArgs = 2, kHaCmdFailed = 3,
              kHaRunning = 4, kHaNotSupported = 5, kHaNoCfgInfo = 6;

OcfResult run_ocf(const ExportedAgent& agent, std::string_view action, const Params& params,
                  const std::string& instance) {
  AgentSpec spec = agent.spec;
  if (!instance.empty()) spec.instance = instance;
  std::string error;
  auto kind = make_agent_kind(std::move(spec), error);
  if (!kind) {
    OcfResult r;
    r.code = OcfCode::kErrInstalled;
    r.note = error;
    return r;
  }
  return kind->run(action, params, agent.timeout);
}

// The agent's own output goes to stderr: stdout belongs to the product's
// protocol (heartbeat reads status text from it).
void pass_on(const OcfResult& r, std::string_view action, std::ostream& err) {
  err << r.output << r.errors;
  if (!r.note.empty()) err << "ocfbridge: " << action << ": " << r.note << '\n';
}

void set_param(Params& params, const std::string& name, const std::string& value) {
  for (auto& [key, v] : params)
    if (key == name) {
      v = value;
      return;
    }
  params.emplace_back(name, value);
}

std::string instance_from(std::string_view name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  return out;
}

bool heartbeat_params(const ExportedAgent& agent, const std::vector<std::string>& args,
                      Params& params, std::string& error) {
  params = agent.fixed;
  Params parsed;
  if (agent.parse_args) {
    if (!agent.parse_args(args, parsed, error)) return false;
  } else if (!agent.arg_names.empty()) {
    if (args.size() > agent.arg_names.size()) {
      error = "too many arguments: " + std::to_string(args.size()) + " given, at most " +
              std::to_string(agent.arg_names.size());
      return false;
    }
    for (std::size_t i = 0; i < args.size(); ++i) parsed.emplace_back(agent.arg_names[i], args[i]);
  } else {
    for (const auto& a : args) {
      auto eq = a.find('=');
      if (eq == std::string::npos || eq == 0) {
        error = "argument '" + a + "' is not NAME=VALUE";
        return false;
      }
      parsed.emplace_back(a.substr(0, eq), a.substr(eq + 1));
    }
  }
  for (const auto& [name, value] : parsed) set_param(params, name, value);
  return true;
}

// "resource attribute value" lines of the emulated CDB for `resource`.
std::vector<std::pair<std::string, std::string>> attributes_of(const std::string& resource) {
  std::vector<std::pair<std::string, std::string>> attributes;
  const char* path = std::getenv("OCFBRIDGE_RESOURCE_ATTRS");
  if (path == nullptr) return attributes;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto first = line.find(' ');
    if (first == std::string::npos || line.substr(0, first) != resource) continue;
    auto second = line.find(' ', first + 1);
    if (second == std::string::npos) continue;
    attributes.emplace_back(line.substr(first + 1, second - first - 1), line.substr(second + 1));
  }
  return attributes;
}

}  // namespace

int failsafe_status(std::string_view action, OcfCode code) {
  bool probe = action == "monitor" || action == "exclusive";
  switch (code) {
    case OcfCode::kSuccess: return action == "exclusive" ? kHaRunning : kHaSuccess;
    case OcfCode::kNotRunning: return probe ? kHaNotRunning : kHaCmdFailed;
    case OcfCode::kErrArgs: return kHaInvalArgs;
    case OcfCode::kErrUnimplemented: return kHaNotSupported;
    case OcfCode::kErrConfigured: return kHaNoCfgInfo;
    default: return kHaCmdFailed;
  }
}

int serve_heartbeat(const ExportedAgent& agent, std::span<const std::string> words,
                    std::ostream& out, std::ostream& err) {
  if (words.empty()) {
    err << "usage: SCRIPT [ARG...] start|stop|status\n";
    return 1;
  }
  std::string action = words.back();
  std::vector<std::string> args(words.begin(), words.end() - 1);
  Params params;
  std::string error;
  if (!heartbeat_params(agent, args, params, error)) {
    err << agent.agent_id << ": " << error << '\n';
    return 1;
  }
  if (action == "status" || action == "monitor") {
    OcfResult r = run_ocf(agent, "monitor", params, "");
    pass_on(r, "monitor", err);
    out << (r.code == OcfCode::kSuccess ? "running" : "stopped") << '\n';
    return r.code == OcfCode::kSuccess ? 0 : 3;
  }
  if (action == "start" || action == "stop") {
    OcfResult r = run_ocf(agent, action, params, "");
    pass_on(r, action, err);
    return r.code == OcfCode::kSuccess ? 0 : 1;
  }
  err << "usage: SCRIPT [ARG...] start|stop|status\n";
  return 1;
}

int serve_failsafe(const ExportedAgent& agent, std::string_view action,
                   std::span<const std::string> words, std::ostream&, std::ostream& err) {
  if (words.size() < 2) {
    err << "usage: " << action << " INFILE OUTFILE [PARAMFILE]\n";
    return kHaInvalArgs;
  }
  std::ifstream infile(words[0]);
  std::ofstream outfile(words[1], std::ios::app);
  if (!infile || !outfile) {
    err << action << ": cannot open " << (infile ? words[1] : words[0]) << '\n';
    return kHaInvalArgs;
  }
  int exit_code = kHaSuccess;
  std::string line;
  while (std::getline(infile, line)) {
    std::istringstream fields(line);
    std::string resource;
    if (!(fields >> resource)) continue;
    Params params = agent.fixed;
    if (!agent.name_param.empty()) set_param(params, agent.name_param, resource);
    int status = -1;
    for (const auto& [attribute, value] : attributes_of(resource)) {
      std::string param = attribute, converted = value;
      if (agent.attribute_to_param && !agent.attribute_to_param(attribute, value, param, converted)) {
        err << resource << ": attribute " << attribute << " value '" << value << "' cannot be converted\n";
        status = kHaInvalArgs;
        break;
      }
      set_param(params, param, converted);
    }
    std::string instance = instance_from(resource);
    if (status < 0) {
      if (action == "restart") {
        OcfResult stop = run_ocf(agent, "stop", params, instance);
        pass_on(stop, "stop", err);
        status = failsafe_status("stop", stop.code);
        if (status == kHaSuccess) {
          OcfResult start = run_ocf(agent, "start", params, instance);
          pass_on(start, "start", err);
          status = failsafe_status("start", start.code);
        }
      } else {
        std::string ocf_action = action == "exclusive" ? "monitor" : std::string(action);
        OcfResult r = run_ocf(agent, ocf_action, params, instance);
        pass_on(r, ocf_action, err);
        status = failsafe_status(action, r.code);
      }
    }
    outfile << resource << ' ' << status << '\n';
    bool answer = status == kHaSuccess ||
                  ((action == "monitor" || action == "exclusive") &&
                   (status == kHaRunning || status == kHaNotRunning));
    if (!answer && exit_code == kHaSuccess) exit_code = status;
  }
  outfile.flush();
  return outfile ? exit_code : kHaCmdFailed;
}

int serve_kimberlite(const ExportedAgent& agent, std::span<const std::string> words,
                     std::ostream& out, std::ostream& err) {
  if (words.size() != 1) {
    err << "usage: SCRIPT start|stop|status\n";
    return 2;
  }
  const std::string& action = words[0];
  if (action != "start" && action != "stop" && action != "status") {
    err << "usage: SCRIPT start|stop|status\n";
    return 2;
  }
  OcfResult r = run_ocf(agent, action == "status" ? "monitor" : action, agent.fixed, "");
  pass_on(r, action, err);
  if (action == "status") {
    out << agent.agent_id << (r.code == OcfCode::kSuccess ? " is running" : " is stopped") << '\n';
    return r.code == OcfCode::kSuccess ? 0 : (r.code == OcfCode::kNotRunning ? 3 : 1);
  }
  return r.code == OcfCode::kSuccess ? 0 : 1;
}

}  // namespace ocf::agents
