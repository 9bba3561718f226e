// The Kimberlite <-> OCF mapping tables, read from the Lua quirks
// (lua/kimberlite/*.lua) into plain C++ values once per translation.
//
// C++ owns the structure of cluster.conf; Lua owns the names: which field
// becomes which parameter, attribute or property, the agent each part of a
// service becomes, and value conversions. A missing or malformed table is
// an error naming the section, so a broken override cannot silently change
// a translation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/model/diagnostics.h"
#include "bridge/model/model.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::kimberlite {

// One field carried to one model name.
struct FieldRule {
  std::string field;    // path relative to its block ("mount%fstype"), or absolute
  std::vector<std::string> parts;  // `field` split at '%' 
  std::string target;   // parameter, meta attribute, node attribute or property
  bool meta = false;    // target is a meta attribute (agent rules)
  std::string check;    // value check: ip, netmask, path, yesno, uint, loglevel
  std::string convert;  // entry of the `conversions` section
  std::string values;   // a section mapping native values to model values
  bool required = false;
  bool secret = false;  // never put the value in a message
};

struct AgentRule {
  std::string block;  // block stem ("network")
  std::string id;     // resource id stem ("ip")
  model::AgentRef agent;
  std::vector<model::AgentRef> accepts;  // agents written back to this form
  std::vector<FieldRule> fields;
  bool accepts_agent(const model::AgentRef& agent) const;
};

struct Mapping {
  // cluster
  std::string cluster_name_path;
  std::vector<FieldRule> properties;  // field = absolute path
  std::vector<std::string> ignored_paths;
  std::vector<std::string> kept_sections;  // carried as extensions, no warning
  std::vector<std::pair<std::string, std::string>> defaults;  // path, value
  std::string interval_path, tko_count_path;
  std::uint64_t interval_unit_ms = 1000;

  // members
  std::string member_id, member_name;
  std::size_t max_members = 2;
  std::string quorum_attribute;
  std::vector<std::pair<std::string, std::string>> quorum_partitions;  // field, role
  std::string chan_block, chan_name, chan_type;
  std::vector<FieldRule> power_switch;  // field -> node attribute

  // services
  std::string service_name, service_disabled, service_preferred, service_relocate,
      service_script, service_check_interval;
  std::string none_word;
  std::string no_preference_attribute, no_preference_value;
  std::string check_interval_meta;

  AgentRule network, filesystem, raw_device;
  struct Nfs {
    model::AgentRef agent;
    std::string id, container, directory_block, client_block;
    std::string directory_param, client_param, options_param, fsid_param;
  } nfs;
  struct Samba {
    model::AgentRef agent;
    std::string id, field, share_param, path_param;
  } samba;
  struct Script {
    std::string cls, id, monitor;
    // Init script directories, each ending in '/'. A userScript directly in
    // one of them is the model's lsb:NAME; lsb:NAME is written with the
    // first. Empty: every userScript keeps its path as a `cls` agent.
    std::vector<std::string> init_directories;
  } script;
};

// NAME when `path` is an init script directly in one of the script's init
// directories (index of that directory in `directory`), else nullopt.
std::optional<std::string> init_script_name(const Mapping::Script& script,
                                            std::string_view path,
                                            std::size_t* directory = nullptr);

// Reads the tables; nullopt after reporting what is missing.
std::optional<Mapping> load_mapping(const quirks::QuirkSet& quirks,
                                    model::Diagnostics& diagnostics);

// Value conversions of field rules, between Kimberlite text and model text.
class Converter {
 public:
  Converter(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics)
      : quirks_(quirks), diagnostics_(diagnostics) {}
  // nullopt when the value cannot be converted (the caller reports it).
  std::optional<std::string> to_model(const FieldRule& rule, const std::string& value,
                                      const model::SourceLocation& where);
  std::optional<std::string> to_native(const FieldRule& rule, const std::string& value,
                                       const model::SourceLocation& where);
  // A net channel name that is an interface rather than a host name.
  bool is_interface(const std::string& name, const model::SourceLocation& where);
  // True when a value-map conversion knows `value` (import warns otherwise).
  bool known_value(const FieldRule& rule, const std::string& value) const;

 private:
  std::optional<std::string> call(const std::string& conversion, std::string_view direction,
                                  const std::string& value, const model::SourceLocation& where);
  quirks::QuirkSet& quirks_;
  model::Diagnostics& diagnostics_;
  // Conversions are pure functions of their text (see lua/kimberlite/
  // conversions.lua), and a large file repeats the same few values: one
  // Lua call per distinct (conversion, direction, value). Looked up by
  // direction, conversion, then value, so that no key is built.
  using Results = std::map<std::string, std::optional<std::string>, std::less<>>;
  std::map<std::string, Results, std::less<>> memo_[2];  // to_model, to_native
};

}  // namespace ocf::adapters::kimberlite
