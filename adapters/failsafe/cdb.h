// The cluster configuration database (CDB) a cmgr script builds.
//
// cmgr commands act on a database: `define` creates an object, `modify`
// changes one, `delete` removes it, a block takes effect at its `done` and
// not at all after `cancel`. replay() runs a parsed Document against an
// empty database the way cmgr would and checks what the parser cannot:
// fields and their values (against the Lua field tables), references to
// clusters, nodes, types, resources and policies, duplicates, and the
// failover-policy rules. Everything keeps its source location.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/failsafe/document.h"
#include "bridge/model/name_hash.h"
#include "adapters/failsafe/tables.h"
#include "bridge/model/diagnostics.h"
#include "bridge/model/string_hash.h"

namespace ocf::adapters::failsafe {

// Hash and equality of (name, type) keys that also take string_view pairs,
// so that a lookup builds no strings.
using NameType = std::pair<std::string_view, std::string_view>;
struct NameTypeHash {
  using is_transparent = void;
  std::size_t operator()(NameType key) const noexcept {
    return model::name_hash(key.second, model::name_hash(key.first));
  }
  std::size_t operator()(const std::pair<std::string, std::string>& key) const noexcept {
    return (*this)(NameType(key.first, key.second));
  }
};
struct NameTypeEqual {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const noexcept {
    return a.first == b.first && a.second == b.second;
  }
};
template <typename V>
using NameTypeMap =
    std::unordered_map<std::pair<std::string, std::string>, V, NameTypeHash, NameTypeEqual>;

template <typename V>
using NameMap = std::unordered_map<std::string, V, model::StringHash, std::equal_to<>>;

// One `set` as it stands in the database. `known` is false for a field the
// tables do not know (kept verbatim, warned about once).
struct Field {
  std::string name;
  std::string value;
  SourceLocation where;  // of the value
  bool known = true;
};
using Fields = std::vector<Field>;

const Field* find_field(const Fields& fields, std::string_view name);

struct SubObject {  // nic, action, type_attribute
  std::string name;
  Fields fields;
  SourceLocation where;
};

struct NodeRecord {
  std::string name;
  Fields fields;
  std::vector<SubObject> nics;
  SourceLocation where;
};

struct Reference {  // a name (and type) written in a one-line add
  std::string name;
  std::string type;
  SourceLocation where;
};

struct ClusterRecord {
  std::string name;
  Fields fields;
  std::vector<Reference> nodes;
  Fields ha_parameters;
  SourceLocation where;
};

struct TypeRecord {
  std::string name;
  std::string on_node;  // empty: cluster-wide
  std::string cluster;
  bool defined = false;  // false: a shipped type only modified
  Fields fields;
  std::vector<SubObject> actions;
  std::vector<SubObject> attributes;
  std::vector<Reference> dependencies;
  SourceLocation where;
};

struct ResourceRecord {
  std::string name;
  std::string type;
  std::string cluster;
  Fields fields;  // attributes
  std::vector<Reference> dependencies;
  SourceLocation where;
};

struct PolicyRecord {
  std::string name;
  Fields fields;
  SourceLocation where;
};

struct GroupRecord {
  std::string name;
  std::string cluster;
  Fields fields;
  std::vector<Reference> resources;
  SourceLocation where;
};

struct Database {
  std::vector<NodeRecord> nodes;
  std::vector<ClusterRecord> clusters;
  std::vector<TypeRecord> types;
  std::vector<ResourceRecord> resources;
  std::vector<PolicyRecord> policies;
  std::vector<GroupRecord> groups;

  const NodeRecord* node(std::string_view name) const;
  const ClusterRecord* cluster(std::string_view name) const;
  // The cluster-wide definition (on_node empty) unless `on_node` is given.
  const TypeRecord* type(std::string_view name, std::string_view on_node = {}) const;
  const ResourceRecord* resource(std::string_view name, std::string_view type) const;
  const PolicyRecord* policy(std::string_view name) const;
  const GroupRecord* group(std::string_view name) const;

  // (name, type) -> position in `resources`; replay() keeps it current
  // (scripts with thousands of resources are looked up, not scanned).
  NameTypeMap<std::size_t> resource_index;
  NameMap<std::size_t> policy_index;
  NameMap<std::size_t> group_index;
  void reindex_resources();
  void reindex_policies();
  void reindex_groups();
};

Database replay(const Document& document, const Tables& tables,
                model::Diagnostics& diagnostics);

// Value checks shared with export: integer (decimal, fits 32 bits),
// boolean (true/false), dotted-decimal IPv4.
bool is_integer(std::string_view text);
bool is_boolean(std::string_view text);
bool is_ipv4(std::string_view text);
// Blank-separated words of a value.
std::vector<std::string> split_words(std::string_view text);

}  // namespace ocf::adapters::failsafe
