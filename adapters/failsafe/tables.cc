#include "adapters/failsafe/tables.h"

#include <array>

#include "bridge/model/secret.h"

namespace ocf::adapters::failsafe {

namespace {

constexpr std::array<std::string_view, 9> kFieldKinds{
    "node",     "nic",           "cluster",        "ha_parameters", "resource_type",
    "action",   "type_attribute", "failover_policy", "resource_group"};

constexpr std::array<std::string_view, 5> kFieldTypes{"string", "integer", "boolean", "enum",
                                                      "nodes"};

void bad_entry(model::Diagnostics& diagnostics, const quirks::QuirkSet& quirks,
               std::string_view section, std::string_view key, const std::string& why) {
  model::SourceLocation where;
  where.file = quirks.origin(section, key);
  diagnostics.error("failsafe.quirk-entry",
                    "quirk " + std::string(section) + "." + std::string(key) + ": " + why, where);
}

std::optional<std::string> text_of(const quirks::Value& v) {
  if (v.is_nil() || v.is_table() || v.is_function()) return std::nullopt;
  return v.to_text();
}

bool load_field(const quirks::Value& entry, FieldSpec& spec, std::string& why) {
  if (!entry.is_table()) {
    why = "must be a table";
    return false;
  }
  spec.type = entry["type"].is_nil() ? "string" : entry["type"].to_text();
  bool known_type = false;
  for (auto t : kFieldTypes) known_type = known_type || t == spec.type;
  if (!known_type) {
    why = "unknown type '" + spec.type + "'";
    return false;
  }
  spec.values = entry["values"].strings();
  spec.default_value = text_of(entry["default"]);
  spec.model = entry["model"].to_text();
  spec.secret = entry["secret"].as_bool();
  spec.repeated = entry["repeated"].as_bool();
  return true;
}

bool load_type(const quirks::Value& entry, TypeSpec& spec, std::string& why) {
  if (!entry.is_table()) {
    why = "must be a table";
    return false;
  }
  if (!entry["order"].is_nil()) spec.order = entry["order"].as_integer();
  if (!entry["agent"].is_nil()) {
    spec.agent = model::AgentRef::parse(entry["agent"].to_text());
    if (!spec.agent) {
      why = "agent '" + entry["agent"].to_text() + "' is not class:provider:type";
      return false;
    }
  }
  for (const auto& a : entry["also"].strings()) {
    auto ref = model::AgentRef::parse(a);
    if (!ref) {
      why = "agent '" + a + "' is not class:provider:type";
      return false;
    }
    spec.also.push_back(*ref);
  }
  spec.name_param = entry["name_param"].to_text();
  spec.name_form = entry["name_form"].to_text();
  for (const auto& item : entry["attributes"].items()) {
    AttributeMap a;
    a.name = item["name"].to_text();
    a.param = item["param"].to_text();
    a.keep = item["keep"].as_bool();
    a.to_ocf = item["to_ocf"];
    a.from_ocf = item["from_ocf"];
    if (a.name.empty() || (a.param.empty() && !a.keep)) {
      why = "an attribute needs a name and a param (or keep = true)";
      return false;
    }
    spec.attributes.push_back(std::move(a));
  }
  for (const auto& [k, v] : entry["defaults"].fields()) model::set(spec.defaults, k, v.to_text());
  spec.options_param = entry["options_param"].to_text();
  for (const auto& [k, v] : entry["option_params"].fields()) spec.option_params[k] = v.to_text();
  if (!spec.option_params.empty() && spec.options_param.empty()) {
    why = "option_params needs options_param";
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> TypeSpec::option_value(const model::Attributes& params,
                                                   std::string_view param) const {
  auto word = option_params.find(param);
  const auto* options = model::find(params, options_param);
  if (word == option_params.end() || !options) return std::nullopt;
  const std::string prefix = word->second + "=";
  std::string_view rest = options->value;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (item.starts_with(prefix)) return std::string(item.substr(prefix.size()));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

const AttributeMap* TypeSpec::attribute(std::string_view n) const {
  for (const auto& a : attributes)
    if (a.name == n) return &a;
  return nullptr;
}

const AttributeMap* TypeSpec::attribute_for_param(std::string_view p) const {
  for (const auto& a : attributes)
    if (!a.keep && a.param == p) return &a;
  return nullptr;
}

Tables Tables::load(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics) {
  Tables t;
  t.quirks_ = &quirks;
  for (auto kind : kFieldKinds) {
    std::string section = std::string(kind) + "_fields";
    auto& fields = t.fields_[std::string(kind)];
    const quirks::Value table = quirks.section(section);
    for (const auto& [name, entry] : table.fields()) {
      // `false` in an override removes a shipped field.
      if (entry.kind() == quirks::Value::Kind::kBoolean && !entry.as_bool()) continue;
      FieldSpec spec;
      spec.name = name;
      std::string why;
      if (load_field(entry, spec, why))
        fields.emplace(name, std::move(spec));
      else
        bad_entry(diagnostics, quirks, section, name, why);
    }
  }
  const quirks::Value resource_types_table = quirks.section("resource_types");
  for (const auto& [name, entry] : resource_types_table.fields()) {
    if (entry.kind() == quirks::Value::Kind::kBoolean && !entry.as_bool()) continue;
    TypeSpec spec;
    spec.name = name;
    std::string why;
    if (load_type(entry, spec, why))
      t.types_.emplace(name, std::move(spec));
    else
      bad_entry(diagnostics, quirks, "resource_types", name, why);
  }
  t.type_index_.reserve(t.types_.size());
  for (const auto& [name, spec] : t.types_) t.type_index_.emplace(name, &spec);
  auto site_order = quirks.entry("site_type_defaults", "order");
  if (site_order.is_table() && !site_order["value"].is_nil())
    t.site_order_ = site_order["value"].as_integer();
  const quirks::Value failover_scripts_table = quirks.section("failover_scripts");
  for (const auto& [name, entry] : failover_scripts_table.fields()) {
    auto mode = entry["mode"].to_text();
    if (mode == "ordered")
      t.scripts_[name] = model::PlacementMode::kOrdered;
    else if (mode == "round-robin")
      t.scripts_[name] = model::PlacementMode::kRoundRobin;
    else
      bad_entry(diagnostics, quirks, "failover_scripts", name,
                "mode must be 'ordered' or 'round-robin'");
  }
  const quirks::Value failover_attributes_table = quirks.section("failover_attributes");
  for (const auto& [name, entry] : failover_attributes_table.fields()) {
    PolicyAttributeSpec spec;
    spec.failback = entry["failback"].to_text();
    spec.flag = entry["flag"].to_text();
    spec.choice = entry["choice"].to_text();
    spec.required = entry["required"].as_bool();
    bool ok = (spec.failback.empty() || spec.failback == "automatic" ||
               spec.failback == "manual") &&
              (spec.flag.empty() || spec.flag == "auto_recovery" ||
               spec.flag == "in_place_recovery");
    if (ok)
      t.policy_attributes_[name] = spec;
    else
      bad_entry(diagnostics, quirks, "failover_attributes", name,
                "failback must be automatic/manual, flag auto_recovery/in_place_recovery");
  }
  const quirks::Value actions_table = quirks.section("actions");
  for (const auto& [name, entry] : actions_table.fields()) {
    auto op = entry["op"].to_text();
    if (op.empty())
      bad_entry(diagnostics, quirks, "actions", name, "needs op = NAME");
    else
      t.actions_[name] = op;
  }
  return t;
}

const FieldSpec* Tables::field(std::string_view kind, std::string_view name) const {
  auto k = fields_.find(kind);
  if (k == fields_.end()) return nullptr;
  auto f = k->second.find(name);
  return f == k->second.end() ? nullptr : &f->second;
}

std::vector<const FieldSpec*> Tables::fields(std::string_view kind) const {
  std::vector<const FieldSpec*> out;
  auto k = fields_.find(kind);
  if (k == fields_.end()) return out;
  for (const auto& [_, spec] : k->second) out.push_back(&spec);
  return out;
}

const FieldSpec* Tables::field_for(std::string_view kind, std::string_view model) const {
  // The first by name, as in fields(kind), without building that list.
  auto k = fields_.find(kind);
  if (k == fields_.end()) return nullptr;
  for (const auto& [_, spec] : k->second)
    if (spec.model == model) return &spec;
  return nullptr;
}

bool Tables::is_secret(std::string_view name) const {
  if (auto known = secret_.find(name); known != secret_.end()) return known->second;
  bool secret = model::looks_secret(name);
  for (const auto& [_, fields] : fields_) {
    auto f = fields.find(name);
    if (f != fields.end() && f->second.secret) secret = true;
  }
  secret_.emplace(name, secret);
  return secret;
}

std::string Tables::shown(std::string_view name, const std::string& value) const {
  return is_secret(name) ? std::string(model::kSecretMask) : "'" + value + "'";
}

const TypeSpec* Tables::type(std::string_view name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const TypeSpec* Tables::type_for_agent(const model::AgentRef& agent) const {
  for (const auto& [_, spec] : types_)
    if (spec.agent && *spec.agent == agent) return &spec;
  for (const auto& [_, spec] : types_)
    for (const auto& a : spec.also)
      if (a == agent) return &spec;
  return nullptr;
}

std::int64_t Tables::order_of(std::string_view name) const {
  const auto* spec = type(name);
  return spec && spec->order ? *spec->order : site_order_;
}

std::optional<model::PlacementMode> Tables::script_mode(std::string_view script) const {
  auto it = scripts_.find(script);
  if (it == scripts_.end()) return std::nullopt;
  return it->second;
}

std::string Tables::script_for(model::PlacementMode mode) const {
  for (const auto& [name, m] : scripts_)
    if (m == mode) return name;
  return std::string(model::to_string(mode));
}

const PolicyAttributeSpec* Tables::policy_attribute(std::string_view name) const {
  auto it = policy_attributes_.find(name);
  return it == policy_attributes_.end() ? nullptr : &it->second;
}

std::optional<std::string> Tables::operation_for(std::string_view action) const {
  auto it = actions_.find(action);
  if (it == actions_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Tables::action_for(std::string_view operation) const {
  for (const auto& [action, op] : actions_)
    if (op == operation) return action;
  return std::nullopt;
}

std::optional<std::string> Tables::convert(const quirks::Value& function,
                                           const std::string& value,
                                           model::Diagnostics& diagnostics,
                                           const model::SourceLocation& where) const {
  if (!function.is_function()) return value;
  // Looked up by the value itself: no key is built for the many repeats.
  auto& seen = converted_[function.function_reference()];
  if (auto it = seen.find(value); it != seen.end()) return it->second;
  std::array<quirks::Value, 1> args{quirks::Value::string(value)};
  auto result = quirks_->call(function, args, diagnostics, where);
  if (!result) return std::nullopt;
  std::optional<std::string> out;
  if (!result->is_nil()) out = result->to_text();
  seen.emplace(value, out);
  return out;
}

}  // namespace ocf::adapters::failsafe
