#include "bridge/agents/script_tables.h"

#include "bridge/io/env.h"
#include "bridge/quirks/quirks.h"

namespace ocf::agents {
namespace {

using quirks::Value;

ParamInfo described(std::string name, std::string longdesc, bool required) {
  ParamInfo info;
  info.shortdesc = name;
  info.name = std::move(name);
  info.longdesc = std::move(longdesc);
  info.required = required;
  return info;
}

// Calls the entry's format(params) -> { args = {...} } | { error = "..." }.
auto lua_formatter(std::shared_ptr<quirks::QuirkSet> set, Value function, std::string origin) {
  return [set = std::move(set), function = std::move(function), origin = std::move(origin)](
             const Params& params, std::vector<std::string>& args, std::string& error) {
    std::vector<std::pair<std::string, Value>> fields;
    for (const auto& [name, value] : params) fields.emplace_back(name, Value::string(value));
    Value argument = Value::table({}, std::move(fields));
    model::Diagnostics diagnostics;
    std::optional<Value> result =
        set->call(function, std::span<const Value>(&argument, 1), diagnostics);
    if (!result || !result->is_table()) {
      error = "the format function of " + origin + " failed";
      for (const auto& d : diagnostics.entries()) error += ": " + d.message;
      return false;
    }
    if (!(*result)["error"].is_nil()) {
      error = (*result)["error"].to_text();
      return false;
    }
    args = (*result)["args"].strings();
    return true;
  };
}

// Calls the entry's parse(args) -> { params = {{name, value}, ...} } | { error = "..." }.
auto lua_parser(std::shared_ptr<quirks::QuirkSet> set, Value function, std::string origin) {
  return [set = std::move(set), function = std::move(function), origin = std::move(origin)](
             const std::vector<std::string>& args, Params& params, std::string& error) {
    std::vector<Value> items;
    for (const auto& a : args) items.push_back(Value::string(a));
    Value argument = Value::table(std::move(items));
    model::Diagnostics diagnostics;
    std::optional<Value> result =
        set->call(function, std::span<const Value>(&argument, 1), diagnostics);
    if (!result || !result->is_table()) {
      error = "the parse function of " + origin + " failed";
      for (const auto& d : diagnostics.entries()) error += ": " + d.message;
      return false;
    }
    if (!(*result)["error"].is_nil()) {
      error = (*result)["error"].to_text();
      return false;
    }
    params.clear();
    for (const Value& pair : (*result)["params"].items()) {
      std::vector<std::string> kv = pair.strings();
      if (kv.size() == 2) params.emplace_back(kv[0], kv[1]);
    }
    return true;
  };
}

// The key of `section` whose entry's agent is `agent_id`; the one named like
// the agent's type first.
std::optional<std::string> key_for_agent(quirks::QuirkSet& set, std::string_view section,
                                         std::string_view agent_id) {
  std::string type(agent_id.substr(agent_id.rfind(':') + 1));
  if (set.entry(section, type)["agent"].to_text() == agent_id) return type;
  for (const auto& key : set.keys(section))
    if (set.entry(section, key)["agent"].to_text() == agent_id) return key;
  return std::nullopt;
}

}  // namespace

std::optional<ScriptTable> ScriptTables::heartbeat_script_for_agent(std::string_view agent_id) {
  auto key = key_for_agent(*set_, "resource_d", agent_id);
  return key ? heartbeat_script(*key) : std::nullopt;
}

std::optional<ScriptTable> ScriptTables::failsafe_type_for_agent(std::string_view agent_id) {
  auto key = key_for_agent(*set_, "resource_types", agent_id);
  return key ? failsafe_type(*key) : std::nullopt;
}

std::shared_ptr<ScriptTables> ScriptTables::load(std::string_view adapter,
                                                 std::span<const std::filesystem::path> roots,
                                                 model::Diagnostics& diagnostics) {
  std::shared_ptr<quirks::QuirkSet> set =
      quirks::QuirkSet::load(adapter, roots, io::Env::real(), diagnostics);
  if (!set) return nullptr;
  return std::make_shared<ScriptTables>(std::move(set));
}

std::optional<ScriptTable> ScriptTables::heartbeat_script(std::string_view name) {
  Value entry = set_->entry("resource_d", name);
  if (!entry.is_table()) return std::nullopt;
  ScriptTable table;
  table.agent = entry["agent"].to_text();
  table.origin = set_->origin("resource_d", name);
  bool composite = entry["format"].is_function();
  const Value& listed = composite || !entry["params"].is_table() ? entry["names"] : entry["params"];
  std::int64_t min = entry["min"].is_nil() ? 0 : entry["min"].as_integer();
  std::int64_t position = 0;
  for (const std::string& param : listed.strings()) {
    ++position;
    std::string where = table.agent.empty() ? std::string() : " (" + table.agent + " parameter " + param + ")";
    table.params.push_back(described(
        param,
        (composite ? "Part of the script's composite argument" : "Positional argument " + std::to_string(position)) +
            where + "; from " + table.origin + ".",
        composite ? position == 1 && min > 0 : position <= min));
  }
  if (composite) table.format_args = lua_formatter(set_, entry["format"], table.origin);
  if (entry["parse"].is_function())
    table.parse_args = lua_parser(set_, entry["parse"], table.origin);
  return table;
}

std::optional<ScriptTable> ScriptTables::failsafe_type(std::string_view type) {
  Value entry = set_->entry("resource_types", type);
  if (!entry.is_table()) return std::nullopt;
  ScriptTable table;
  table.agent = entry["agent"].to_text();
  table.origin = set_->origin("resource_types", type);
  table.name_param = entry["name_param"].to_text();
  table.attribute_to_param = [set = set_, attributes = entry["attributes"], origin = table.origin](
                                 const std::string& attribute, const std::string& value,
                                 std::string& param, std::string& converted) {
    param = attribute;
    converted = value;
    for (const Value& a : attributes.items()) {
      if (a["name"].to_text() != attribute) continue;
      if (!a["param"].is_nil()) param = a["param"].to_text();
      if (a["to_ocf"].is_function()) {
        Value argument = Value::string(value);
        model::Diagnostics diagnostics;
        auto result = set->call(a["to_ocf"], std::span<const Value>(&argument, 1), diagnostics);
        if (!result || result->is_nil()) return false;
        converted = result->to_text();
      }
      return true;
    }
    return true;
  };
  for (const Value& attribute : entry["attributes"].items()) {
    std::string name = attribute["name"].to_text();
    if (name.empty()) continue;
    table.params.push_back(described(name, "FailSafe resource attribute " + name + " of type " +
                                               std::string(type) + "; from " + table.origin + ".",
                                     false));
  }
  return table;
}

}  // namespace ocf::agents
