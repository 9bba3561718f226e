// The FailSafe translation tables, read once from the Lua quirks
// (lua/failsafe/fields.lua, resource_types.lua, policies.lua and any
// override) into plain C++ values.
//
// C++ owns the grammar; these tables own the names: which fields each
// object kind knows and where they land in the model, the shipped resource
// types and their agents, failover scripts and attributes, action names.
// Converters written in Lua (NetworkMask <-> prefix length, ...) stay Lua
// functions and are called through convert().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bridge/model/name_hash.h"
#include "bridge/model/model.h"
#include "bridge/model/string_hash.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::failsafe {

struct FieldSpec {
  std::string name;
  std::string type;  // string, integer, boolean, enum, nodes
  std::vector<std::string> values;
  std::optional<std::string> default_value;
  std::string model;  // "attribute:hostname", "timing:dead_ms", "id", ...
  bool secret = false;
  bool repeated = false;
};

// One attribute of a shipped resource type.
struct AttributeMap {
  std::string name;   // FailSafe attribute
  std::string param;  // agent parameter; empty when kept as an extension
  bool keep = false;
  quirks::Value to_ocf;
  quirks::Value from_ocf;
};

struct TypeSpec {
  std::string name;
  std::optional<std::int64_t> order;
  std::optional<model::AgentRef> agent;  // nullopt: FailSafe action scripts
  std::vector<model::AgentRef> also;
  std::string name_param;
  std::string name_form;
  std::vector<AttributeMap> attributes;
  model::Attributes defaults;
  // Parameters that repeat an option of parameter `options_param`
  // ("fsid" = the fsid=N option): param -> option word.
  std::string options_param;
  std::map<std::string, std::string, std::less<>> option_params;
  // The value of option `word` ("word=value") in the comma-separated
  // options of `params`, or nullopt.
  std::optional<std::string> option_value(const model::Attributes& params,
                                          std::string_view param) const;
  const AttributeMap* attribute(std::string_view name) const;
  const AttributeMap* attribute_for_param(std::string_view param) const;
};

struct PolicyAttributeSpec {
  std::string failback;  // "automatic" / "manual" / ""
  std::string flag;      // "auto_recovery" / "in_place_recovery" / ""
  std::string choice;
  bool required = false;
};

class Tables {
 public:
  // Reads the tables; reports malformed entries (as errors naming the Lua
  // file) and leaves them out.
  static Tables load(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics);

  // Moved, not copied: type lookups index the entries of types_ in place.
  Tables() = default;
  Tables(Tables&&) = default;
  Tables& operator=(Tables&&) = default;
  Tables(const Tables&) = delete;
  Tables& operator=(const Tables&) = delete;

  // Fields of an object kind: node, nic, cluster, ha_parameters,
  // resource_type, action, type_attribute, failover_policy, resource_group.
  const FieldSpec* field(std::string_view kind, std::string_view name) const;
  // All fields of a kind, sorted by name.
  std::vector<const FieldSpec*> fields(std::string_view kind) const;
  // The field of `kind` whose model target is `model`, or nullptr.
  const FieldSpec* field_for(std::string_view kind, std::string_view model) const;

  const TypeSpec* type(std::string_view name) const;
  const TypeSpec* type_for_agent(const model::AgentRef& agent) const;
  std::int64_t order_of(std::string_view type) const;  // shipped or site default
  std::int64_t site_order() const { return site_order_; }

  // Failover script -> placement mode; nullopt for a site-defined script.
  std::optional<model::PlacementMode> script_mode(std::string_view script) const;
  std::string script_for(model::PlacementMode mode) const;
  const PolicyAttributeSpec* policy_attribute(std::string_view name) const;
  const std::map<std::string, PolicyAttributeSpec, std::less<>>& policy_attributes() const {
    return policy_attributes_;
  }

  // Action name <-> operation name.
  std::optional<std::string> operation_for(std::string_view action) const;
  std::optional<std::string> action_for(std::string_view operation) const;

  // True when a value named `name` must never appear in a message: a field
  // the tables mark `secret` (sysctrl_password), or a name that looks
  // secret (model::looks_secret), whatever product it came from.
  bool is_secret(std::string_view name) const;
  // `value` quoted for a message, or "(secret)" for a secret's.
  std::string shown(std::string_view name, const std::string& value) const;

  // Runs a Lua converter on `value`; nullopt when it returns nil (the value
  // cannot be converted) or fails (reported). Converters are functions of
  // their text alone (lua/failsafe/resource_types.lua), and a large script
  // repeats a few values: each (converter, value) is run once per Tables,
  // except a failing call, which runs (and is reported) every time.
  std::optional<std::string> convert(const quirks::Value& function, const std::string& value,
                                     model::Diagnostics& diagnostics,
                                     const model::SourceLocation& where) const;

 private:
  quirks::QuirkSet* quirks_ = nullptr;
  std::map<std::string, std::map<std::string, FieldSpec, std::less<>>, std::less<>> fields_;
  std::map<std::string, TypeSpec, std::less<>> types_;
  // types_ by name, hashed: a large script looks a handful of types up once
  // per resource on the way in and out. Keys view types_'s keys.
  std::unordered_map<std::string_view, const TypeSpec*, model::NameHash> type_index_;
  std::map<std::string, model::PlacementMode, std::less<>> scripts_;
  std::map<std::string, PolicyAttributeSpec, std::less<>> policy_attributes_;
  std::map<std::string, std::string, std::less<>> actions_;
  std::int64_t site_order_ = 701;
  // Converter (its function reference) -> value -> result.
  mutable std::unordered_map<
      int, std::unordered_map<std::string, std::optional<std::string>, model::NameHash,
                              std::equal_to<>>>
      converted_;
  // is_secret() per name asked: a large configuration asks about a few names
  // thousands of times (each time a value is quoted in a message).
  mutable std::unordered_map<std::string, bool, model::StringHash, std::equal_to<>> secret_;
};

}  // namespace ocf::adapters::failsafe
