#include "adapters/kimberlite/mapping.h"

#include <algorithm>

#include "adapters/kimberlite/document.h"

namespace ocf::adapters::kimberlite {
namespace {

using quirks::Value;

// Reads named entries and records what is missing, so one error lists the
// section and key instead of a crash later.
class TableReader {
 public:
  TableReader(const quirks::QuirkSet& quirks, model::Diagnostics& diagnostics)
      : quirks_(quirks), diagnostics_(diagnostics) {}

  Value entry(std::string_view section, std::string_view key) {
    Value v = quirks_.entry(section, key);
    if (v.is_nil()) missing(section, key);
    return v;
  }

  std::string text(const Value& table, std::string_view field, std::string_view where) {
    const Value& v = table[field];
    if (!v.is_string()) {
      missing(where, field);
      return {};
    }
    return v.as_string();
  }

  std::string optional_text(const Value& table, std::string_view field) {
    const Value& v = table[field];
    return v.is_string() ? v.as_string() : std::string();
  }

  model::AgentRef agent(const Value& table, std::string_view field, std::string_view where) {
    std::string t = text(table, field, where);
    auto ref = model::AgentRef::parse(t);
    if (!ref) {
      if (!t.empty()) bad(where, field, "'" + t + "' is not CLASS:PROVIDER:TYPE");
      return {};
    }
    return *ref;
  }

  std::vector<FieldRule> rules(const Value& list, std::string_view target_key,
                               std::string_view where, bool meta = false) {
    std::vector<FieldRule> out;
    for (const auto& item : list.items()) {
      FieldRule rule;
      // Cluster rules name an absolute "path", block rules a "field".
      rule.field = item["path"].is_string() ? item["path"].as_string() : text(item, "field", where);
      rule.parts = split_path(rule.field);
      rule.target = text(item, target_key, where);
      rule.meta = meta;
      rule.check = optional_text(item, "check");
      rule.convert = optional_text(item, "convert");
      rule.values = optional_text(item, "values");
      rule.required = item["required"].as_bool();
      rule.secret = item["secret"].as_bool();
      out.push_back(std::move(rule));
    }
    return out;
  }

  AgentRule agent_rule(std::string_view key) {
    Value t = entry("agents", key);
    std::string where = "agents." + std::string(key);
    AgentRule rule;
    if (t.is_nil()) return rule;
    rule.block = text(t, "block", where);
    rule.id = text(t, "id", where);
    rule.agent = agent(t, "agent", where);
    for (const auto& a : t["accepts"].strings())
      if (auto ref = model::AgentRef::parse(a)) rule.accepts.push_back(*ref);
    rule.fields = rules(t["params"], "param", where);
    auto meta = rules(t["meta"], "meta", where, true);
    rule.fields.insert(rule.fields.end(), meta.begin(), meta.end());
    return rule;
  }

  bool failed() const { return failed_; }

  void bad(std::string_view section, std::string_view key, const std::string& what) {
    failed_ = true;
    diagnostics_.error("kimberlite.quirk-missing",
                       "Kimberlite quirk table " + std::string(section) + "." + std::string(key) +
                           ": " + what + " (see lua/kimberlite/)");
  }

 private:
  void missing(std::string_view section, std::string_view key) {
    bad(section, key, "missing");
  }

  const quirks::QuirkSet& quirks_;
  model::Diagnostics& diagnostics_;
  bool failed_ = false;
};

void load_cluster(TableReader& r, Mapping& m) {
  Value c = r.entry("cluster", "name");
  m.cluster_name_path = c.is_string() ? c.as_string() : "";
  m.properties = r.rules(r.entry("cluster", "properties"), "property", "cluster.properties");
  m.ignored_paths = r.entry("cluster", "ignored").strings();
  m.kept_sections = r.entry("cluster", "kept").strings();
  Value defaults = r.entry("cluster", "defaults");
  for (const auto& d : defaults.items())
    m.defaults.emplace_back(r.text(d, "path", "cluster.defaults"),
                            r.text(d, "value", "cluster.defaults"));
  Value hb = r.entry("timing", "heartbeat");
  m.interval_path = r.text(hb, "interval", "timing.heartbeat");
  m.tko_count_path = r.text(hb, "tko_count", "timing.heartbeat");
  if (hb["unit_ms"].kind() == Value::Kind::kInteger) m.interval_unit_ms = hb["unit_ms"].as_integer();
}

void load_members(TableReader& r, Mapping& m) {
  Value f = r.entry("members", "fields");
  m.member_id = r.text(f, "id", "members.fields");
  m.member_name = r.text(f, "name", "members.fields");
  Value max = r.entry("members", "max");
  if (max.kind() == Value::Kind::kInteger) m.max_members = max.as_integer();
  Value q = r.entry("members", "quorum");
  m.quorum_attribute = r.text(q, "attribute", "members.quorum");
  for (const auto& p : q["partitions"].items())
    m.quorum_partitions.emplace_back(r.text(p, "field", "members.quorum"),
                                     r.text(p, "role", "members.quorum"));
  Value chan = r.entry("members", "chan");
  m.chan_block = r.text(chan, "block", "members.chan");
  m.chan_name = r.text(chan, "name", "members.chan");
  m.chan_type = r.text(chan, "type", "members.chan");
  m.power_switch = r.rules(r.entry("power_switch", "fields"), "attribute", "power_switch.fields");
}

void load_services(TableReader& r, Mapping& m) {
  Value f = r.entry("services", "fields");
  m.service_name = r.text(f, "name", "services.fields");
  m.service_disabled = r.text(f, "disabled", "services.fields");
  m.service_preferred = r.text(f, "preferred_node", "services.fields");
  m.service_relocate = r.text(f, "relocate", "services.fields");
  m.service_script = r.text(f, "user_script", "services.fields");
  m.service_check_interval = r.text(f, "check_interval", "services.fields");
  Value none = r.entry("services", "none");
  m.none_word = none.is_string() ? none.as_string() : "None";
  Value np = r.entry("services", "no_preference");
  m.no_preference_attribute = r.text(np, "attribute", "services.no_preference");
  m.no_preference_value = r.text(np, "value", "services.no_preference");
  Value ci = r.entry("services", "check_interval_meta");
  m.check_interval_meta = ci.is_string() ? ci.as_string() : "";

  m.network = r.agent_rule("network");
  m.filesystem = r.agent_rule("filesystem");
  m.raw_device = r.agent_rule("raw_device");

  Value nfs = r.entry("agents", "nfs_export");
  m.nfs.agent = r.agent(nfs, "agent", "agents.nfs_export");
  m.nfs.id = r.text(nfs, "id", "agents.nfs_export");
  m.nfs.container = r.text(nfs, "container", "agents.nfs_export");
  m.nfs.directory_block = r.text(nfs, "directory_block", "agents.nfs_export");
  m.nfs.client_block = r.text(nfs, "client_block", "agents.nfs_export");
  m.nfs.directory_param = r.text(nfs, "directory_param", "agents.nfs_export");
  m.nfs.client_param = r.text(nfs, "client_param", "agents.nfs_export");
  m.nfs.options_param = r.text(nfs, "options_param", "agents.nfs_export");
  m.nfs.fsid_param = r.optional_text(nfs, "fsid_param");

  Value smb = r.entry("agents", "samba_share");
  m.samba.agent = r.agent(smb, "agent", "agents.samba_share");
  m.samba.id = r.text(smb, "id", "agents.samba_share");
  m.samba.field = r.text(smb, "field", "agents.samba_share");
  m.samba.share_param = r.text(smb, "share_param", "agents.samba_share");
  m.samba.path_param = r.text(smb, "path_param", "agents.samba_share");

  Value script = r.entry("agents", "user_script");
  m.script.cls = r.text(script, "class", "agents.user_script");
  m.script.id = r.text(script, "id", "agents.user_script");
  m.script.monitor = r.text(script, "monitor", "agents.user_script");
  // init_directories (a list); a single lsb_directory is accepted too.
  std::vector<std::string> directories = script["init_directories"].strings();
  if (directories.empty() && script["lsb_directory"].is_string())
    directories.push_back(script["lsb_directory"].as_string());
  for (auto& d : directories) {
    if (d.empty() || d.front() != '/') {
      r.bad("agents.user_script", "init_directories", "'" + d + "' is not an absolute directory");
      continue;
    }
    if (d.back() != '/') d += '/';
    m.script.init_directories.push_back(std::move(d));
  }
}

}  // namespace

std::optional<std::string> init_script_name(const Mapping::Script& script,
                                            std::string_view path, std::size_t* directory) {
  for (std::size_t i = 0; i < script.init_directories.size(); ++i) {
    const std::string& d = script.init_directories[i];
    if (!path.starts_with(d)) continue;
    std::string_view name = path.substr(d.size());
    // Directly in the directory, and a name an lsb: agent can carry.
    if (name.empty() || name.find('/') != std::string_view::npos || name.find(':') != std::string_view::npos ||
        name == "." || name == "..")
      continue;
    if (directory) *directory = i;
    return std::string(name);
  }
  return std::nullopt;
}

bool AgentRule::accepts_agent(const model::AgentRef& a) const {
  return a == agent || std::find(accepts.begin(), accepts.end(), a) != accepts.end();
}

std::optional<Mapping> load_mapping(const quirks::QuirkSet& quirks,
                                    model::Diagnostics& diagnostics) {
  TableReader reader(quirks, diagnostics);
  Mapping m;
  load_cluster(reader, m);
  load_members(reader, m);
  load_services(reader, m);
  if (reader.failed()) return std::nullopt;
  return m;
}

std::optional<std::string> Converter::call(const std::string& conversion,
                                           std::string_view direction, const std::string& value,
                                           const model::SourceLocation& where) {
  auto& by_conversion = memo_[direction == "to_model" ? 0 : 1];
  auto conversion_memo = by_conversion.find(conversion);
  if (conversion_memo != by_conversion.end()) {
    if (auto it = conversion_memo->second.find(value); it != conversion_memo->second.end())
      return it->second;
  }
  Value arg = Value::string(value);
  auto result = quirks_.call("conversions", conversion, direction, std::span(&arg, 1),
                             diagnostics_, where);
  // A failed call (reported) is not remembered, so each use reports.
  if (!result) return std::nullopt;
  std::optional<std::string> out;
  if (!result->is_nil()) out = result->to_text();
  if (conversion_memo == by_conversion.end())
    conversion_memo = by_conversion.emplace(conversion, Results{}).first;
  conversion_memo->second.emplace(value, out);
  return out;
}

std::optional<std::string> Converter::to_model(const FieldRule& rule, const std::string& value,
                                               const model::SourceLocation& where) {
  if (!rule.values.empty()) {
    Value mapped = quirks_.entry(rule.values, value);
    return mapped.is_nil() ? value : mapped.to_text();  // unknown: kept (import warns)
  }
  if (!rule.convert.empty()) return call(rule.convert, "to_model", value, where);
  return value;
}

std::optional<std::string> Converter::to_native(const FieldRule& rule, const std::string& value,
                                                const model::SourceLocation& where) {
  if (!rule.values.empty()) {
    for (const auto& key : quirks_.keys(rule.values))
      if (quirks_.entry(rule.values, key).to_text() == value) return key;
    // A value the import kept as it was goes back unchanged; a fencing
    // agent of another product has no Kimberlite form.
    if (value.starts_with("fence_")) return std::nullopt;
    return value;
  }
  if (!rule.convert.empty()) return call(rule.convert, "to_native", value, where);
  return value;
}

bool Converter::known_value(const FieldRule& rule, const std::string& value) const {
  return rule.values.empty() || !quirks_.entry(rule.values, value).is_nil();
}

bool Converter::is_interface(const std::string& name, const model::SourceLocation& where) {
  Value arg = Value::string(name);
  Value function = quirks_.entry("channel_names", "is_interface");
  if (!function.is_function()) return false;  // no rule: every name is a host
  auto result = quirks_.call(function, std::span(&arg, 1), diagnostics_, where);
  // Lua truth: anything but nil and false (a string.match result counts).
  return result && !result->is_nil() &&
         !(result->kind() == Value::Kind::kBoolean && !result->as_bool());
}

}  // namespace ocf::adapters::kimberlite
