#include "bridge/cli/agent_command.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/entry_point.h"
#include "bridge/agents/exported.h"
#include "bridge/agents/kinds/failsafe_type.h"
#include "bridge/agents/kinds/script_action.h"
#include "bridge/agents/metadata.h"
#include "bridge/agents/script_tables.h"
#include "bridge/io/env.h"

extern char** environ;

namespace ocf::cli {
namespace {

namespace fs = std::filesystem;
using agents::AgentSpec;
using agents::OcfCode;
using agents::OcfResult;
using agents::Params;
using agents::ParamInfo;

constexpr int kUsage = 2;  // also OCF_ERR_ARGS for the shim

// The command line after the subcommand: --flag VALUE pairs (in order,
// repeatable) and positional words; "--" ends the flags.
struct Words {
  std::vector<std::pair<std::string, std::string>> flags;
  std::vector<std::string> positional;

  bool has(std::string_view name) const {
    return std::any_of(flags.begin(), flags.end(), [&](const auto& f) { return f.first == name; });
  }
  std::string get(std::string_view name, std::string fallback = {}) const {
    for (auto it = flags.rbegin(); it != flags.rend(); ++it)
      if (it->first == name) return it->second;
    return fallback;
  }
  std::vector<std::string> all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& f : flags)
      if (f.first == name) values.push_back(f.second);
    return values;
  }
};

bool parse_words(std::span<const std::string> args, const std::set<std::string_view>& known,
                 Words& words, std::string& error) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      words.positional.insert(words.positional.end(), args.begin() + i + 1, args.end());
      return true;
    }
    if (a.rfind("--", 0) != 0) {
      words.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    if (!known.contains(name)) {
      error = "unknown option " + a;
      return false;
    }
    if (i + 1 >= args.size()) {
      error = "option " + a + " needs a value";
      return false;
    }
    words.flags.emplace_back(name, args[++i]);
  }
  return true;
}

// "20", "20s", "500ms", "2m" -> milliseconds.
bool parse_duration(std::string_view text, std::chrono::milliseconds& value) {
  long long number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || number < 0) return false;
  std::string_view unit(end, text.data() + text.size() - end);
  if (unit.empty() || unit == "s") value = std::chrono::seconds(number);
  else if (unit == "ms") value = std::chrono::milliseconds(number);
  else if (unit == "m") value = std::chrono::minutes(number);
  else return false;
  return value.count() > 0;
}

std::vector<fs::path> lua_roots(const Words& words) {
  std::vector<fs::path> roots{OCFBRIDGE_LUA_DIR};
  for (const auto& dir : words.all("quirks")) roots.emplace_back(dir);
  return roots;
}

// --param name[=default] declarations.
std::vector<ParamInfo> declared_params(const Words& words) {
  std::vector<ParamInfo> params;
  for (const auto& decl : words.all("param")) {
    ParamInfo info;
    auto eq = decl.find('=');
    info.name = decl.substr(0, eq);
    if (eq != std::string::npos) info.default_value = decl.substr(eq + 1);
    info.shortdesc = info.name;
    info.longdesc = "Parameter " + info.name + " of the native script (declared at install).";
    params.push_back(std::move(info));
  }
  return params;
}

// When nothing was declared, what the Lua tables know about the script.
void fill_from_tables(AgentSpec& spec, const std::vector<fs::path>& roots, std::ostream& err) {
  if (!spec.params.empty() || (spec.kind != "heartbeat" && spec.kind != "failsafe")) return;
  model::Diagnostics diagnostics;
  auto tables = agents::ScriptTables::load(spec.kind, roots, diagnostics);
  for (const auto& d : diagnostics.entries())
    if (d.severity == model::Severity::kError) err << "ocfbridge: " << d.to_string() << '\n';
  if (!tables) return;
  std::string key = spec.script.filename().string();
  if (key.empty()) key = spec.script.parent_path().filename().string();
  auto table = spec.kind == "heartbeat" ? tables->heartbeat_script(key) : tables->failsafe_type(key);
  if (!table) return;
  spec.params = std::move(table->params);
  spec.format_args = std::move(table->format_args);
  if (!table->agent.empty())
    spec.description = "The " + spec.kind + " script " + spec.script.string() +
                       " (its OCF twin is " + table->agent + "), run as an OCF resource agent by "
                       "ocfbridge; parameters from " + table->origin + ".";
}

// Declared defaults fill parameters the caller did not set.
void apply_defaults(const AgentSpec& spec, Params& params) {
  if (spec.format_args || spec.kind == "heartbeat") return;  // the kind applies them itself
  for (const auto& p : spec.params)
    if (p.default_value && !agents::find_param(params, p.name))
      params.emplace_back(p.name, *p.default_value);
}

void report(const OcfResult& result, std::string_view action, std::ostream& out,
            std::ostream& err, bool summary) {
  out << result.output;
  err << result.errors;
  if (!result.note.empty()) err << "ocfbridge: " << action << ": " << result.note << '\n';
  if (summary)
    err << "ocfbridge: " << action << " -> " << agents::to_string(result.code) << " ("
        << result.exit_code() << "); native: " << result.native << '\n';
}

// --- shim --------------------------------------------------------------------

Params params_from_environment() {
  Params params;
  constexpr std::string_view kPrefix = "OCF_RESKEY_";
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.rfind(kPrefix, 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(entry.substr(kPrefix.size(), eq - kPrefix.size()));
    if (name.rfind("CRM_meta_", 0) == 0) continue;  // cluster manager meta, not parameters
    params.emplace_back(name, std::string(entry.substr(eq + 1)));
  }
  std::sort(params.begin(), params.end());
  return params;
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

const std::set<std::string_view> kShimFlags = {"kind", "script", "name", "provider", "param",
                                               "cluster", "timeout", "quirks"};

int shim(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Words words;
  std::string error;
  if (!parse_words(args, kShimFlags, words, error) || words.positional.size() != 1 ||
      !words.has("kind") || !words.has("script")) {
    err << "ocfbridge agent shim: " << (error.empty() ? "usage: shim --kind K --script P ... -- ACTION" : error) << '\n';
    return kUsage;
  }
  const std::string& action = words.positional[0];
  AgentSpec spec;
  spec.kind = words.get("kind");
  spec.script = words.get("script");
  spec.name = words.get("name", spec.script.filename().string());
  spec.provider = words.get("provider", "ocfbridge");
  spec.cluster_name = words.get("cluster", "ocfbridge");
  spec.instance = env_or("OCF_RESOURCE_INSTANCE", spec.name);
  spec.ocf_root = env_or("OCF_ROOT", "/usr/lib/ocf");
  spec.params = declared_params(words);
  fill_from_tables(spec, lua_roots(words), err);

  std::chrono::milliseconds timeout = std::chrono::seconds(20);
  if (words.has("timeout") && !parse_duration(words.get("timeout"), timeout)) {
    err << "ocfbridge agent shim: bad --timeout\n";
    return kUsage;
  }
  std::chrono::milliseconds meta_timeout{};
  if (parse_duration(env_or("OCF_RESKEY_CRM_meta_timeout", "") + "ms", meta_timeout))
    timeout = meta_timeout;

  auto kind = agents::make_agent_kind(spec, error);
  if (!kind) {
    err << "ocfbridge agent shim: " << error << '\n';
    return static_cast<int>(OcfCode::kErrConfigured);
  }
  Params params = params_from_environment();
  apply_defaults(spec, params);
  OcfResult result = kind->run(action, params, timeout);
  report(result, action, out, err, false);
  return result.exit_code();
}

// --- run / meta-data / list -----------------------------------------------------

const std::set<std::string_view> kRunFlags = {"param", "timeout", "ocf-root", "init-d",
                                              "resource-d", "failsafe-types", "instance",
                                              "cluster", "quirks"};

struct Dirs {
  fs::path ocf_root, init_d, resource_d, failsafe_types;
  explicit Dirs(const Words& w)
      : ocf_root(w.get("ocf-root", "/usr/lib/ocf")),
        init_d(w.get("init-d", "/etc/init.d")),
        resource_d(w.get("resource-d", "/etc/ha.d/resource.d")),
        failsafe_types(w.get("failsafe-types", "/usr/lib/failsafe/resource_types")) {}
};

// CLASS:PROVIDER:TYPE (ocf) or CLASS:TYPE -> a spec, or false with `error`.
bool resolve(std::string_view id, const Words& words, AgentSpec& spec, std::string& error) {
  Dirs dirs(words);
  auto colon = id.find(':');
  if (colon == std::string_view::npos) {
    error = "agent '" + std::string(id) + "' is not CLASS:PROVIDER:TYPE or CLASS:TYPE";
    return false;
  }
  spec.kind = std::string(id.substr(0, colon));
  std::string rest(id.substr(colon + 1));
  spec.ocf_root = dirs.ocf_root;
  if (spec.kind == "ocf") {
    auto second = rest.find(':');
    if (second == std::string::npos || rest.find('/') != std::string::npos) {
      error = "an OCF agent is ocf:PROVIDER:TYPE";
      return false;
    }
    spec.provider = rest.substr(0, second);
    spec.name = rest.substr(second + 1);
    spec.script = dirs.ocf_root / "resource.d" / spec.provider / spec.name;
  } else if (spec.kind == "kimberlite") {
    spec.script = rest;  // a service script is any path
    spec.name = spec.script.filename().string();
  } else {
    spec.name = rest;
    if (rest.empty() || rest.find('/') != std::string::npos) {
      error = "the type of " + spec.kind + ":TYPE is a plain name";
      return false;
    }
    if (spec.kind == "lsb") spec.script = dirs.init_d / rest;
    else if (spec.kind == "failsafe") spec.script = dirs.failsafe_types / rest;
    else if (spec.kind == "heartbeat")  // heartbeat looks in resource.d, then init.d
      spec.script = fs::exists(dirs.resource_d / rest) ? dirs.resource_d / rest : dirs.init_d / rest;
    else {
      error = "unknown agent class '" + spec.kind + "' (ocf, lsb, heartbeat, failsafe, kimberlite)";
      return false;
    }
  }
  spec.instance = words.get("instance", spec.name);
  spec.cluster_name = words.get("cluster", "ocfbridge");
  return true;
}

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err, bool meta_only) {
  Words words;
  std::string error;
  std::size_t wanted = meta_only ? 1 : 2;
  if (!parse_words(args, kRunFlags, words, error) || words.positional.size() != wanted) {
    err << "ocfbridge agent: " << (error.empty() ? (meta_only ? "usage: agent meta-data CLASS:PROVIDER:TYPE"
                                                               : "usage: agent run CLASS:PROVIDER:TYPE ACTION [--param k=v]... [--timeout S]")
                                                 : error)
        << '\n';
    return kUsage;
  }
  AgentSpec spec;
  if (!resolve(words.positional[0], words, spec, error)) {
    err << "ocfbridge agent: " << error << '\n';
    return kUsage;
  }
  fill_from_tables(spec, lua_roots(words), err);
  std::chrono::milliseconds timeout = std::chrono::seconds(20);
  if (words.has("timeout") && !parse_duration(words.get("timeout"), timeout)) {
    err << "ocfbridge agent: bad --timeout '" << words.get("timeout") << "'\n";
    return kUsage;
  }
  Params params;
  for (const auto& kv : words.all("param")) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "ocfbridge agent: --param wants NAME=VALUE, got '" << kv << "'\n";
      return kUsage;
    }
    params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  auto kind = agents::make_agent_kind(spec, error);
  if (!kind) {
    err << "ocfbridge agent: " << error << '\n';
    return kUsage;
  }
  if (meta_only) {
    std::string xml = kind->meta_data();
    if (xml.empty()) {
      err << "ocfbridge agent: " << spec.script.string() << " gave no meta-data\n";
      return static_cast<int>(OcfCode::kErrGeneric);
    }
    out << xml;
    return 0;
  }
  apply_defaults(spec, params);
  const std::string& action = words.positional[1];
  OcfResult result = kind->run(action, params, timeout);
  report(result, action, out, err, true);
  return result.exit_code();
}

std::vector<std::string> executables_in(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (agents::kinds::is_executable_file(e.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

int list(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Words words;
  std::string error;
  if (!parse_words(args, kRunFlags, words, error) || !words.positional.empty()) {
    err << "ocfbridge agent list: " << (error.empty() ? "usage: agent list [--ocf-root DIR]" : error) << '\n';
    return kUsage;
  }
  Dirs dirs(words);
  std::vector<std::string> providers;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dirs.ocf_root / "resource.d", ec))
    if (e.is_directory()) providers.push_back(e.path().filename().string());
  std::sort(providers.begin(), providers.end());
  for (const auto& provider : providers)
    for (const auto& type : executables_in(dirs.ocf_root / "resource.d" / provider))
      out << "ocf:" << provider << ":" << type << '\n';
  for (const auto& name : executables_in(dirs.init_d)) out << "lsb:" << name << '\n';
  for (const auto& name : executables_in(dirs.resource_d)) out << "heartbeat:" << name << '\n';
  std::vector<std::string> types;
  for (const auto& e : fs::directory_iterator(dirs.failsafe_types, ec))
    if (e.is_directory() && agents::kinds::is_executable_file(e.path() / "start"))
      types.push_back(e.path().filename().string());
  std::sort(types.begin(), types.end());
  for (const auto& type : types) out << "failsafe:" << type << '\n';
  return 0;
}

// --- install -------------------------------------------------------------------

const std::set<std::string_view> kInstallFlags = {"kind", "script", "name", "param", "ocf-root",
                                                  "provider", "cluster", "timeout", "bridge",
                                                  "quirks"};

// The command that reaches the shim: this very program, by absolute path.
std::vector<std::string> bridge_command(const Words& words) {
  std::error_code ec;
  fs::path exe = words.has("bridge") ? fs::absolute(words.get("bridge"), ec)
                                     : fs::read_symlink("/proc/self/exe", ec);
  std::vector<std::string> command{exe.string()};
  if (exe.filename() == "ocfbridge") command.emplace_back("agent");
  return command;
}

bool plain_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

int install(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Words words;
  std::string error;
  if (!parse_words(args, kInstallFlags, words, error) || !words.positional.empty() ||
      !words.has("kind") || !words.has("script") || !words.has("ocf-root")) {
    err << "ocfbridge agent install: "
        << (error.empty() ? "usage: agent install --kind heartbeat|failsafe|kimberlite|lsb "
                            "--script PATH [--name NAME] [--param name[=default]]... "
                            "--ocf-root DIR [--provider P]"
                          : error)
        << '\n';
    return kUsage;
  }
  AgentSpec spec;
  spec.kind = words.get("kind");
  if (spec.kind != "heartbeat" && spec.kind != "failsafe" && spec.kind != "kimberlite" &&
      spec.kind != "lsb") {
    err << "ocfbridge agent install: --kind is heartbeat, failsafe, kimberlite or lsb\n";
    return kUsage;
  }
  std::error_code ec;
  spec.script = fs::absolute(words.get("script"), ec).lexically_normal();
  bool is_dir = fs::is_directory(spec.script, ec);
  if (spec.kind == "failsafe" ? !is_dir : !agents::kinds::is_executable_file(spec.script)) {
    err << "ocfbridge agent install: " << spec.script.string()
        << (spec.kind == "failsafe" ? " is not a resource type directory" : " is not an executable file")
        << '\n';
    return kUsage;
  }
  if (spec.kind == "failsafe" && !spec.script.has_filename()) spec.script = spec.script.parent_path();
  spec.name = words.get("name", spec.script.filename().string());
  spec.provider = words.get("provider", "ocfbridge");
  if (!plain_name(spec.name) || !plain_name(spec.provider)) {
    err << "ocfbridge agent install: the name and provider must be plain file names\n";
    return kUsage;
  }
  std::chrono::milliseconds timeout{};
  if (words.has("timeout") && !parse_duration(words.get("timeout"), timeout)) {
    err << "ocfbridge agent install: bad --timeout\n";
    return kUsage;
  }
  spec.params = declared_params(words);
  fill_from_tables(spec, lua_roots(words), err);

  // Check the meta-data the entry point will print before installing it.
  auto kind = agents::make_agent_kind(spec, error);
  agents::DtdCheck check = agents::validate_against_dtd(kind->meta_data());
  if (!check.valid) {
    err << "ocfbridge agent install: the generated meta-data is not valid: " << check.errors << '\n';
    return 3;
  }

  agents::EntryPoint entry;
  entry.bridge_command = bridge_command(words);
  entry.comment = "OCF resource agent " + spec.provider + ":" + spec.name + ": runs the " +
                  spec.kind + " script " + spec.script.string() + " through ocfbridge.";
  entry.shim_args = {"--kind", spec.kind, "--script", spec.script.string(), "--name", spec.name,
                     "--provider", spec.provider};
  for (const auto& decl : words.all("param")) entry.shim_args.insert(entry.shim_args.end(), {"--param", decl});
  for (const char* flag : {"cluster", "timeout"})
    if (words.has(flag)) entry.shim_args.insert(entry.shim_args.end(), {std::string("--") + flag, words.get(flag)});
  for (const auto& dir : words.all("quirks"))
    entry.shim_args.insert(entry.shim_args.end(), {"--quirks", fs::absolute(dir, ec).string()});

  fs::path dir = fs::path(words.get("ocf-root")) / "resource.d" / spec.provider;
  fs::create_directories(dir, ec);
  if (ec) {
    err << "ocfbridge agent install: cannot create " << dir.string() << ": " << ec.message() << '\n';
    return 5;
  }
  io::Output output;
  output.files.push_back({"", agents::entry_point_script(entry), 0755});
  io::IoError io_error;
  if (!io::commit(output, dir / spec.name, io_error)) {
    err << "ocfbridge agent install: " << io_error.message << '\n';
    return 5;
  }
  out << "installed ocf:" << spec.provider << ":" << spec.name << " at " << (dir / spec.name).string()
      << '\n';
  return 0;
}

// --- export / serve ----------------------------------------------------------------

const std::set<std::string_view> kExportFlags = {"to", "output", "args", "name-param", "param",
                                                 "ocf-root", "bridge", "instance", "timeout",
                                                 "quirks", "product", "agent", "action"};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1)
    parts.push_back(text.substr(start, comma - start));
  parts.push_back(text.substr(start));
  return parts;
}

bool fixed_params(const Words& words, Params& params, std::ostream& err) {
  for (const auto& kv : words.all("param")) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "ocfbridge agent: --param wants NAME=VALUE, got '" << kv << "'\n";
      return false;
    }
    params.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return true;
}

// What `serve` knows about the agent: the Lua tables first, then the flags.
bool exported_agent(const Words& words, const std::string& product, agents::ExportedAgent& agent,
                    std::ostream& err) {
  std::string error;
  agent.agent_id = words.get("agent");
  if (!resolve(agent.agent_id, words, agent.spec, error) || agent.spec.kind != "ocf") {
    err << "ocfbridge agent: " << (error.empty() ? "only OCF agents (ocf:PROVIDER:TYPE) are exported" : error) << '\n';
    return false;
  }
  if (!fixed_params(words, agent.fixed, err)) return false;
  if (words.has("timeout") && !parse_duration(words.get("timeout"), agent.timeout)) {
    err << "ocfbridge agent: bad --timeout\n";
    return false;
  }
  if (words.has("args")) agent.arg_names = split_commas(words.get("args"));
  agent.name_param = words.get("name-param");
  if (product == "kimberlite" || (product == "heartbeat" && words.has("args"))) return true;
  model::Diagnostics diagnostics;
  auto tables = agents::ScriptTables::load(product, lua_roots(words), diagnostics);
  if (!tables) return true;
  if (product == "heartbeat") {
    if (auto t = tables->heartbeat_script_for_agent(agent.agent_id)) {
      agent.parse_args = std::move(t->parse_args);
      if (!agent.parse_args)
        for (const auto& p : t->params) agent.arg_names.push_back(p.name);
    }
  } else if (auto t = tables->failsafe_type_for_agent(agent.agent_id)) {
    if (agent.name_param.empty()) agent.name_param = t->name_param;
    agent.attribute_to_param = std::move(t->attribute_to_param);
  }
  return true;
}

int serve(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Words words;
  std::string error;
  if (!parse_words(args, kExportFlags, words, error) || !words.has("product") || !words.has("agent")) {
    err << "ocfbridge agent serve: " << (error.empty() ? "usage: serve --product P --agent ID ... -- WORDS" : error) << '\n';
    return 1;
  }
  std::string product = words.get("product");
  agents::ExportedAgent agent;
  if (!exported_agent(words, product, agent, err)) return product == "failsafe" ? 2 : 1;
  if (product == "heartbeat") return agents::serve_heartbeat(agent, words.positional, out, err);
  if (product == "kimberlite") return agents::serve_kimberlite(agent, words.positional, out, err);
  if (product == "failsafe")
    return agents::serve_failsafe(agent, words.get("action"), words.positional, out, err);
  err << "ocfbridge agent serve: unknown product '" << product << "'\n";
  return 1;
}

int export_agent(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  Words words;
  std::string error;
  if (!parse_words(args, kExportFlags, words, error) || words.positional.size() != 1 ||
      !words.has("to") || !words.has("output")) {
    err << "ocfbridge agent export: "
        << (error.empty() ? "usage: agent export --to heartbeat|failsafe|kimberlite ocf:PROVIDER:TYPE "
                            "--output PATH [--param k=v]... [--args NAME,...] [--name-param NAME]"
                          : error)
        << '\n';
    return kUsage;
  }
  std::string product = words.get("to");
  if (product != "heartbeat" && product != "failsafe" && product != "kimberlite") {
    err << "ocfbridge agent export: --to is heartbeat, failsafe or kimberlite\n";
    return kUsage;
  }
  Words serve_words = words;
  serve_words.flags.emplace_back("agent", words.positional[0]);
  agents::ExportedAgent agent;
  if (!exported_agent(serve_words, product, agent, err)) return kUsage;
  if (!agents::kinds::is_executable_file(agent.spec.script)) {
    err << "ocfbridge agent export: " << agent.spec.script.string() << " is not an executable agent\n";
    return kUsage;
  }
  agents::EntryPoint entry;
  entry.subcommand = "serve";
  entry.bridge_command = bridge_command(words);
  std::error_code ec;
  entry.shim_args = {"--product", product, "--agent", agent.agent_id, "--ocf-root",
                     fs::absolute(agent.spec.ocf_root, ec).string()};
  for (const char* flag : {"args", "name-param", "instance", "timeout"})
    if (words.has(flag)) entry.shim_args.insert(entry.shim_args.end(), {std::string("--") + flag, words.get(flag)});
  for (const auto& kv : words.all("param")) entry.shim_args.insert(entry.shim_args.end(), {"--param", kv});
  for (const auto& dir : words.all("quirks"))
    entry.shim_args.insert(entry.shim_args.end(), {"--quirks", fs::absolute(dir, ec).string()});

  io::Output output;
  fs::path target = words.get("output");
  if (product == "failsafe") {
    output.directory = true;
    for (const char* action : {"start", "stop", "monitor", "exclusive", "restart"}) {
      agents::EntryPoint e = entry;
      e.shim_args.insert(e.shim_args.end(), {"--action", action});
      e.comment = "FailSafe action script '" + std::string(action) + "' for the OCF agent " +
                  agent.agent_id + " (run through ocfbridge): ACTION INFILE OUTFILE [PARAMFILE].";
      output.files.push_back({action, agents::entry_point_script(e), 0755});
    }
  } else {
    entry.comment = (product == "heartbeat" ? "heartbeat resource.d script" : "Kimberlite service script") +
                    std::string(" for the OCF agent ") + agent.agent_id + " (run through ocfbridge).";
    output.files.push_back({"", agents::entry_point_script(entry), 0755});
  }
  if (!target.parent_path().empty()) fs::create_directories(target.parent_path(), ec);
  io::IoError io_error;
  if (!io::commit(output, target, io_error)) {
    err << "ocfbridge agent export: " << io_error.message << '\n';
    return 5;
  }
  out << "exported " << agent.agent_id << " as a " << product << " "
      << (product == "failsafe" ? "resource type directory" : "script") << " at " << target.string() << '\n';
  return 0;
}

void usage(std::ostream& out) {
  out << "usage: ocfbridge agent run CLASS:PROVIDER:TYPE ACTION [--param k=v]... [--timeout S]\n"
         "       ocfbridge agent meta-data CLASS:PROVIDER:TYPE\n"
         "       ocfbridge agent list [--ocf-root DIR]\n"
         "       ocfbridge agent install --kind heartbeat|failsafe|kimberlite|lsb --script PATH\n"
         "                 [--name NAME] [--param name[=default]]... --ocf-root DIR [--provider P]\n"
         "       ocfbridge agent export --to heartbeat|failsafe|kimberlite ocf:PROVIDER:TYPE --output PATH\n"
         "                 [--param k=v]... [--args NAME,...] [--name-param NAME] [--instance I]\n"
         "CLASS: ocf (CLASS:PROVIDER:TYPE), lsb, heartbeat, failsafe, kimberlite (CLASS:TYPE;\n"
         "kimberlite:PATH). run exits with the OCF code of the action.\n"
         "Directories: --ocf-root, --init-d, --resource-d, --failsafe-types; --quirks DIR adds Lua tables.\n";
}

}  // namespace

int agent_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    usage(err);
    return kUsage;
  }
  std::span<const std::string> rest = args.subspan(1);
  const std::string& sub = args[0];
  // `agent SUBCOMMAND --help` (or -h) anywhere shows the usage, which
  // documents every subcommand.
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      usage(out);
      return 0;
    }
  if (sub == "run") return run(rest, out, err, false);
  if (sub == "meta-data") return run(rest, out, err, true);
  if (sub == "list") return list(rest, out, err);
  if (sub == "install") return install(rest, out, err);
  if (sub == "shim") return shim(rest, out, err);
  if (sub == "export") return export_agent(rest, out, err);
  if (sub == "serve") return serve(rest, out, err);
  if (sub == "--help" || sub == "help") {
    usage(out);
    return 0;
  }
  err << "ocfbridge agent: unknown subcommand '" << sub << "'\n";
  usage(err);
  return kUsage;
}

}  // namespace ocf::cli
