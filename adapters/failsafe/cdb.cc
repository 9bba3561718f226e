#include "adapters/failsafe/cdb.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "adapters/failsafe/cmgr_parser.h"

namespace ocf::adapters::failsafe {

const Field* find_field(const Fields& fields, std::string_view name) {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

bool is_integer(std::string_view text) {
  if (text.empty() || text.size() > 10) return false;
  std::uint64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n <= 0xffffffffu;
}

bool is_boolean(std::string_view text) { return text == "true" || text == "false"; }

bool is_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    auto dot = text.find('.', start);
    auto part = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty() || part.size() > 3) return false;
    int n = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    if (n > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

namespace {

template <typename T>
T* find_named(std::vector<T>& records, std::string_view name) {
  for (auto& r : records)
    if (r.name == name) return &r;
  return nullptr;
}

template <typename T>
const T* find_named(const std::vector<T>& records, std::string_view name) {
  for (const auto& r : records)
    if (r.name == name) return &r;
  return nullptr;
}

template <typename T>
void erase_named(std::vector<T>& records, std::string_view name) {
  std::erase_if(records, [&](const T& r) { return r.name == name; });
}

// Where word `index` of a multi-word value stands.
SourceLocation word_location(const Word& value, std::size_t index) {
  SourceLocation where = value.where;
  std::size_t i = 0, word = 0;
  const std::string& t = value.text;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i >= t.size()) break;
    if (word == index) {
      where.column += static_cast<std::uint32_t>(i);
      return where;
    }
    while (i < t.size() && t[i] != ' ' && t[i] != '\t') ++i;
    ++word;
  }
  return where;
}

class Replayer {
 public:
  Replayer(const Tables& tables, model::Diagnostics& diagnostics)
      : tables_(tables), diagnostics_(diagnostics) {}

  Database run(const Document& document) {
    reserve(document);
    for (const auto& s : document.statements) {
      if (s.cancelled) continue;
      switch (s.verb) {
        case Statement::Verb::kDefine:
        case Statement::Verb::kModify:
        case Statement::Verb::kDelete: statement(s); break;
        default: break;
      }
    }
    return std::move(db_);
  }

 private:
  void reserve(const Document& document);
  void statement(const Statement& s);
  void node(const Statement& s);
  void cluster(const Statement& s);
  void ha_parameters(const Statement& s);
  void resource_type(const Statement& s);
  void resource(const Statement& s);
  void policy(const Statement& s);
  void group(const Statement& s);
  void remove(const Statement& s);

  // Applies `set` to fields after checking it against the `kind` table.
  void set_field(std::string_view kind, Fields& fields, const Item& item);
  bool check_value(const FieldSpec& spec, const Item& item);
  void set_attribute(ResourceRecord& r, const Item& item, const TypeSpec* spec,
                     const TypeRecord* site);
  SubObject sub_object(std::string_view kind, const Item& item);
  bool check_cluster(const Statement& s);
  void check_policy(const PolicyRecord& p);

  void error(std::string code, std::string message, const SourceLocation& where) {
    diagnostics_.error("failsafe." + std::move(code), std::move(message), where);
  }
  void unexpected(const Item& item, std::string_view in) {
    error("bad-add",
          "cannot " + std::string(item.kind == Item::Kind::kAdd ? "add" : "remove") + " '" +
              item.what.text + "' in a " + std::string(in),
          item.what.where);
  }
  bool type_known(std::string_view type) const {
    return tables_.type(type) || db_.type(type);
  }

  void forget_members(const GroupRecord& g) {
    for (const auto& m : g.resources)
      if (auto it = member_of_.find(NameType(m.name, m.type)); it != member_of_.end())
        member_of_.erase(it);
  }

  const Tables& tables_;
  model::Diagnostics& diagnostics_;
  Database db_;
  // (name, type) -> the group holding that resource.
  NameTypeMap<std::string> member_of_;
};

// Sizes the database for the script's defines, so that a script of
// thousands of resources does not regrow (and move) its records and indexes.
void Replayer::reserve(const Document& document) {
  std::size_t resources = 0, groups = 0, members = 0, policies = 0;
  for (const auto& s : document.statements) {
    if (s.verb != Statement::Verb::kDefine) continue;
    if (s.object == ObjectKind::kResource) ++resources;
    if (s.object == ObjectKind::kFailoverPolicy) ++policies;
    if (s.object == ObjectKind::kResourceGroup) {
      ++groups;
      members += s.items.size();
    }
  }
  db_.resources.reserve(resources);
  db_.resource_index.reserve(resources);
  db_.policies.reserve(policies);
  db_.policy_index.reserve(policies);
  db_.groups.reserve(groups);
  db_.group_index.reserve(groups);
  member_of_.reserve(members);
}

void Replayer::statement(const Statement& s) {
  if (s.verb == Statement::Verb::kDelete) return remove(s);
  switch (s.object) {
    case ObjectKind::kNode: return node(s);
    case ObjectKind::kCluster: return cluster(s);
    case ObjectKind::kHaParameters: return ha_parameters(s);
    case ObjectKind::kResourceType: return resource_type(s);
    case ObjectKind::kResource: return resource(s);
    case ObjectKind::kFailoverPolicy: return policy(s);
    case ObjectKind::kResourceGroup: return group(s);
  }
}

bool Replayer::check_value(const FieldSpec& spec, const Item& item) {
  const std::string& v = item.value.text;
  // Made only for a message, which few values need.
  auto what = [&] { return "'" + item.field.text + "'"; };
  // A secret's value (sysctrl_password) is never quoted back.
  auto shown = [&] { return tables_.shown(item.field.text, v); };
  if (spec.type == "integer" && !is_integer(v)) {
    error("bad-integer", what() + " must be a non-negative integer, not " + shown(),
          item.value.where);
    return false;
  }
  if (spec.type == "boolean" && !is_boolean(v)) {
    error("bad-boolean", what() + " must be true or false, not " + shown(), item.value.where);
    return false;
  }
  if (spec.type == "enum" && std::find(spec.values.begin(), spec.values.end(), v) ==
                                 spec.values.end()) {
    std::string allowed;
    for (const auto& a : spec.values) allowed += (allowed.empty() ? "" : ", ") + a;
    error("bad-value", what() + " must be one of " + allowed + ", not " + shown(),
          item.value.where);
    return false;
  }
  if (spec.type == "nodes") {
    auto words = split_words(v);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!valid_name(words[i])) {
        error("bad-name", "'" + words[i] + "' is not a valid node name",
              word_location(item.value, i));
        return false;
      }
      if (!db_.node(words[i])) {
        error("unknown-node", "node '" + words[i] + "' is not defined",
              word_location(item.value, i));
        return false;
      }
      for (std::size_t j = 0; j < i; ++j)
        if (words[j] == words[i]) {
          error("duplicate", "node '" + words[i] + "' is named twice",
                word_location(item.value, i));
          return false;
        }
    }
  }
  return true;
}

void Replayer::set_field(std::string_view kind, Fields& fields, const Item& item) {
  const FieldSpec* spec = tables_.field(kind, item.field.text);
  if (!spec) {
    diagnostics_.warning("failsafe.unknown-field",
                         "unknown " + std::string(kind) + " field '" + item.field.text +
                             "'; kept as written",
                         item.field.where);
  } else if (!check_value(*spec, item)) {
    return;
  }
  Field f{item.field.text, item.value.text, item.value.where, spec != nullptr};
  if (!spec || !spec->repeated) {
    for (auto& existing : fields) {
      if (existing.name == f.name) {
        existing = std::move(f);
        return;
      }
    }
  }
  fields.push_back(std::move(f));
}

SubObject Replayer::sub_object(std::string_view kind, const Item& item) {
  SubObject sub{item.name.text, {}, item.name.where};
  for (const auto& child : item.children) set_field(kind, sub.fields, child);
  return sub;
}

bool Replayer::check_cluster(const Statement& s) {
  if (db_.cluster(s.cluster)) return true;
  const auto& where = s.in_cluster.text.empty() ? s.where : s.in_cluster.where;
  error("unknown-cluster", "cluster '" + s.cluster + "' is not defined", where);
  return false;
}

void Replayer::node(const Statement& s) {
  NodeRecord* existing = find_named(db_.nodes, s.name.text);
  if (s.verb == Statement::Verb::kDefine && existing)
    return error("duplicate", "node '" + s.name.text + "' is already defined", s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing)
    return error("not-defined", "node '" + s.name.text + "' is not defined", s.name.where);
  NodeRecord r = existing ? *existing : NodeRecord{s.name.text, {}, {}, s.name.where};
  for (const auto& item : s.items) {
    if (item.kind == Item::Kind::kSet) {
      set_field("node", r.fields, item);
      if (item.field.text == "hostname" && item.value.text.starts_with('_'))
        error("bad-hostname", "a host name must not start with '_'", item.value.where);
      continue;
    }
    if (item.what.text != "nic") {
      unexpected(item, "node");
      continue;
    }
    auto* nic = find_named(r.nics, item.name.text);
    if (item.kind == Item::Kind::kAdd) {
      if (nic) {
        error("duplicate", "nic '" + item.name.text + "' is already on node '" + r.name + "'",
              item.name.where);
        continue;
      }
      r.nics.push_back(sub_object("nic", item));
    } else if (!nic) {
      error("not-defined", "node '" + r.name + "' has no nic '" + item.name.text + "'",
            item.name.where);
    } else {
      erase_named(r.nics, item.name.text);
    }
  }
  if (existing)
    *existing = std::move(r);
  else
    db_.nodes.push_back(std::move(r));
}

void Replayer::cluster(const Statement& s) {
  ClusterRecord* existing = find_named(db_.clusters, s.name.text);
  if (s.verb == Statement::Verb::kDefine && existing)
    return error("duplicate", "cluster '" + s.name.text + "' is already defined", s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing)
    return error("not-defined", "cluster '" + s.name.text + "' is not defined", s.name.where);
  ClusterRecord r = existing ? *existing : ClusterRecord{s.name.text, {}, {}, {}, s.name.where};
  for (const auto& item : s.items) {
    if (item.kind == Item::Kind::kSet) {
      set_field("cluster", r.fields, item);
      continue;
    }
    if (item.what.text != "node") {
      unexpected(item, "cluster");
      continue;
    }
    auto member = std::find_if(r.nodes.begin(), r.nodes.end(),
                               [&](const Reference& n) { return n.name == item.name.text; });
    if (item.kind == Item::Kind::kRemove) {
      if (member == r.nodes.end())
        error("not-defined", "node '" + item.name.text + "' is not in cluster '" + r.name + "'",
              item.name.where);
      else
        r.nodes.erase(member);
      continue;
    }
    if (!db_.node(item.name.text)) {
      error("unknown-node", "node '" + item.name.text + "' is not defined", item.name.where);
      continue;
    }
    if (member != r.nodes.end()) {
      error("duplicate", "node '" + item.name.text + "' is already in cluster '" + r.name + "'",
            item.name.where);
      continue;
    }
    bool elsewhere = false;
    for (const auto& c : db_.clusters)
      if (c.name != r.name)
        for (const auto& n : c.nodes) elsewhere = elsewhere || n.name == item.name.text;
    if (elsewhere) {
      error("duplicate", "node '" + item.name.text + "' is already in another cluster",
            item.name.where);
      continue;
    }
    r.nodes.push_back({item.name.text, {}, item.name.where});
  }
  if (existing)
    *existing = std::move(r);
  else
    db_.clusters.push_back(std::move(r));
}

void Replayer::ha_parameters(const Statement& s) {
  if (!check_cluster(s)) return;
  auto* c = find_named(db_.clusters, s.cluster);
  Fields fields = c->ha_parameters;
  for (const auto& item : s.items) {
    if (item.kind != Item::Kind::kSet) {
      unexpected(item, "ha_parameters block");
      continue;
    }
    set_field("ha_parameters", fields, item);
    if (item.field.text == "tie_breaker" && !db_.node(item.value.text))
      error("unknown-node", "tie_breaker node '" + item.value.text + "' is not defined",
            item.value.where);
  }
  c->ha_parameters = std::move(fields);
}

void Replayer::resource_type(const Statement& s) {
  if (!check_cluster(s)) return;
  if (!s.on_node.text.empty() && !db_.node(s.on_node.text))
    return error("unknown-node", "node '" + s.on_node.text + "' is not defined",
                 s.on_node.where);
  TypeRecord* existing = nullptr;
  for (auto& t : db_.types)
    if (t.name == s.name.text && t.on_node == s.on_node.text) existing = &t;
  bool shipped = tables_.type(s.name.text) != nullptr;
  if (s.verb == Statement::Verb::kDefine && existing && existing->defined)
    return error("duplicate", "resource type '" + s.name.text + "' is already defined",
                 s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing && !shipped)
    return error("unknown-type", "resource type '" + s.name.text + "' is not defined",
                 s.name.where);
  TypeRecord r = existing ? *existing : TypeRecord{};
  if (!existing) {
    r.name = s.name.text;
    r.on_node = s.on_node.text;
    r.cluster = s.cluster;
    r.where = s.name.where;
  }
  if (s.verb == Statement::Verb::kDefine) {
    r.defined = true;
    r.where = s.name.where;
  }
  for (const auto& item : s.items) {
    if (item.kind == Item::Kind::kSet) {
      set_field("resource_type", r.fields, item);
      continue;
    }
    const std::string& what = item.what.text;
    bool add = item.kind == Item::Kind::kAdd;
    if (what == "dependency") {
      auto dep = std::find_if(r.dependencies.begin(), r.dependencies.end(),
                              [&](const Reference& d) { return d.name == item.name.text; });
      if (!add) {
        if (dep == r.dependencies.end())
          error("not-defined", "no dependency on '" + item.name.text + "'", item.name.where);
        else
          r.dependencies.erase(dep);
      } else if (!type_known(item.name.text)) {
        error("unknown-type", "resource type '" + item.name.text + "' is not defined",
              item.name.where);
      } else if (dep != r.dependencies.end()) {
        error("duplicate", "dependency on '" + item.name.text + "' is given twice",
              item.name.where);
      } else {
        r.dependencies.push_back({item.name.text, {}, item.name.where});
      }
      continue;
    }
    if (what != "action" && what != "type_attribute") {
      unexpected(item, "resource_type");
      continue;
    }
    auto& list = what == "action" ? r.actions : r.attributes;
    if (what == "action" && !tables_.operation_for(item.name.text)) {
      error("unknown-action", "unknown action '" + item.name.text + "'", item.name.where);
      continue;
    }
    auto* sub = find_named(list, item.name.text);
    if (!add) {
      if (!sub)
        error("not-defined", "no " + what + " '" + item.name.text + "'", item.name.where);
      else
        erase_named(list, item.name.text);
    } else if (sub) {
      error("duplicate", what + " '" + item.name.text + "' is already defined",
            item.name.where);
    } else {
      list.push_back(sub_object(what, item));
    }
  }
  if (existing)
    *existing = std::move(r);
  else
    db_.types.push_back(std::move(r));
}

// `spec` and `site` are the shipped and the script's definition of r.type.
void Replayer::set_attribute(ResourceRecord& r, const Item& item, const TypeSpec* spec,
                             const TypeRecord* site) {
  bool known = true;
  if (site && !site->attributes.empty()) {
    auto* a = find_named(site->attributes, item.field.text);
    known = a != nullptr;
    auto* data_type = a ? find_field(a->fields, "data_type") : nullptr;
    if (data_type && data_type->value == "integer" && !is_integer(item.value.text))
      return error("bad-integer",
                   "'" + item.field.text + "' is an integer attribute, not " +
                       tables_.shown(item.field.text, item.value.text),
                   item.value.where);
  } else if (spec && spec->agent) {
    known = spec->attribute(item.field.text) != nullptr;
  }
  if (!known)
    diagnostics_.warning("failsafe.unknown-attribute",
                         "resource type '" + r.type + "' has no attribute '" +
                             item.field.text + "'; kept as written",
                         item.field.where);
  // A repeated attribute takes the place of the earlier one.
  for (auto& existing : r.fields) {
    if (existing.name == item.field.text) {
      existing.value = item.value.text;
      existing.where = item.value.where;
      existing.known = known;
      return;
    }
  }
  r.fields.push_back({item.field.text, item.value.text, item.value.where, known});
}

void Replayer::resource(const Statement& s) {
  if (!check_cluster(s)) return;
  const auto& type_where = s.of_type.text.empty() ? s.where : s.of_type.where;
  // A resource statement changes no type: the shipped and the script's
  // definitions are looked up once.
  const TypeSpec* spec = tables_.type(s.type);
  const TypeRecord* site = db_.type(s.type);
  if (!spec && !site)
    return error("unknown-type", "resource type '" + s.type + "' is not defined", type_where);
  ResourceRecord* existing = const_cast<ResourceRecord*>(db_.resource(s.name.text, s.type));
  if (s.verb == Statement::Verb::kDefine && existing)
    return error("duplicate",
                 "resource '" + s.name.text + "' of type '" + s.type + "' is already defined",
                 s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing)
    return error("not-defined",
                 "resource '" + s.name.text + "' of type '" + s.type + "' is not defined",
                 s.name.where);
  if (spec && spec->name_form == "ipv4" && !is_ipv4(s.name.text))
    return error("bad-address",
                 "an " + s.type + " resource is named by its dotted-decimal address, not '" +
                     s.name.text + "'",
                 s.name.where);
  // Changed in place: nothing below reads the record but through `r`, and a
  // statement's errors do not undo its other lines. A new record is indexed
  // once its statement is done.
  ResourceRecord& r = existing ? *existing : db_.resources.emplace_back();
  if (!existing) {
    r.name = s.name.text;
    r.type = s.type;
    r.cluster = s.cluster;
    r.where = s.name.where;
    r.fields.reserve(s.items.size());
  }
  for (const auto& item : s.items) {
    if (item.kind == Item::Kind::kSet) {
      set_attribute(r, item, spec, site);
      continue;
    }
    if (item.what.text != "dependency") {
      unexpected(item, "resource");
      continue;
    }
    auto dep = std::find_if(r.dependencies.begin(), r.dependencies.end(), [&](const Reference& d) {
      return d.name == item.name.text && d.type == item.type;
    });
    if (item.kind == Item::Kind::kRemove) {
      if (dep == r.dependencies.end())
        error("not-defined", "no dependency on '" + item.name.text + "'", item.name.where);
      else
        r.dependencies.erase(dep);
    } else if (!db_.resource(item.name.text, item.type)) {
      error("unknown-resource",
            "resource '" + item.name.text + "' of type '" + item.type + "' is not defined",
            item.name.where);
    } else if (dep != r.dependencies.end()) {
      error("duplicate", "dependency on '" + item.name.text + "' is given twice",
            item.name.where);
    } else if (item.name.text == r.name && item.type == r.type) {
      error("bad-dependency", "a resource cannot depend on itself", item.name.where);
    } else {
      r.dependencies.push_back({item.name.text, item.type, item.name.where});
    }
  }
  // Not in the index yet (it was looked up above), so built in place.
  if (!existing)
    db_.resource_index.emplace(std::piecewise_construct, std::forward_as_tuple(r.name, r.type),
                               std::forward_as_tuple(db_.resources.size() - 1));
}

void Replayer::check_policy(const PolicyRecord& p) {
  // Attribute choices (Lua: failover_attributes): a required choice takes
  // exactly one attribute, any other at most one.
  std::map<std::string, std::vector<const Field*>> chosen;
  for (const auto& f : p.fields) {
    if (f.name != "attribute") continue;
    if (const auto* spec = tables_.policy_attribute(f.value); spec && !spec->choice.empty())
      chosen[spec->choice].push_back(&f);
  }
  std::map<std::string, std::vector<std::string>> choices;
  std::map<std::string, bool> required;
  for (const auto& [name, spec] : tables_.policy_attributes()) {
    if (spec.choice.empty()) continue;
    choices[spec.choice].push_back(name);
    required[spec.choice] = required[spec.choice] || spec.required;
  }
  for (const auto& [choice, names] : choices) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    const auto& got = chosen[choice];
    if (required[choice] && got.empty())
      error("policy-" + choice,
            "failover policy '" + p.name + "' needs exactly one of " + list, p.where);
    else if (got.size() > 1)
      error("policy-" + choice,
            "failover policy '" + p.name + "' takes only one of " + list + ", not '" +
                got[0]->value + "' and '" + got[1]->value + "'",
            got[1]->where);
  }
  if (!find_field(p.fields, "script"))
    error("policy-script", "failover policy '" + p.name + "' needs 'set script to ...'",
          p.where);
  const Field* domain = find_field(p.fields, "domain");
  if (!domain || split_words(domain->value).empty())
    error("policy-domain", "failover policy '" + p.name + "' needs 'set domain to NODE ...'",
          p.where);
}

void Replayer::policy(const Statement& s) {
  auto* existing = const_cast<PolicyRecord*>(db_.policy(s.name.text));
  if (s.verb == Statement::Verb::kDefine && existing)
    return error("duplicate", "failover policy '" + s.name.text + "' is already defined",
                 s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing)
    return error("not-defined", "failover policy '" + s.name.text + "' is not defined",
                 s.name.where);
  PolicyRecord r = existing ? *existing : PolicyRecord{s.name.text, {}, s.name.where};
  std::size_t errors = diagnostics_.error_count();
  for (const auto& item : s.items) {
    if (item.kind != Item::Kind::kSet) {
      unexpected(item, "failover_policy");
      continue;
    }
    if (item.field.text == "attribute") {
      auto dup = std::find_if(r.fields.begin(), r.fields.end(), [&](const Field& f) {
        return f.name == "attribute" && f.value == item.value.text;
      });
      if (dup != r.fields.end()) {
        error("duplicate", "attribute '" + item.value.text + "' is given twice",
              item.value.where);
        continue;
      }
    }
    set_field("failover_policy", r.fields, item);
  }
  if (diagnostics_.error_count() == errors) check_policy(r);
  if (existing) {
    *existing = std::move(r);
  } else {
    db_.policy_index[r.name] = db_.policies.size();
    db_.policies.push_back(std::move(r));
  }
}

void Replayer::group(const Statement& s) {
  if (!check_cluster(s)) return;
  auto* existing = const_cast<GroupRecord*>(db_.group(s.name.text));
  if (s.verb == Statement::Verb::kDefine && existing)
    return error("duplicate", "resource group '" + s.name.text + "' is already defined",
                 s.name.where);
  if (s.verb == Statement::Verb::kModify && !existing)
    return error("not-defined", "resource group '" + s.name.text + "' is not defined",
                 s.name.where);
  GroupRecord r = existing ? *existing : GroupRecord{s.name.text, s.cluster, {}, {}, s.name.where};
  r.resources.reserve(r.resources.size() + s.items.size());
  for (const auto& item : s.items) {
    if (item.kind == Item::Kind::kSet) {
      set_field("resource_group", r.fields, item);
      if (item.field.text == "failover_policy" && !db_.policy(item.value.text))
        error("unknown-policy", "failover policy '" + item.value.text + "' is not defined",
              item.value.where);
      continue;
    }
    if (item.what.text != "resource") {
      unexpected(item, "resource_group");
      continue;
    }
    auto member = std::find_if(r.resources.begin(), r.resources.end(), [&](const Reference& m) {
      return m.name == item.name.text && m.type == item.type;
    });
    if (item.kind == Item::Kind::kRemove) {
      if (member == r.resources.end())
        error("not-defined", "resource '" + item.name.text + "' is not in group '" + r.name + "'",
              item.name.where);
      else
        r.resources.erase(member);
      continue;
    }
    if (!db_.resource(item.name.text, item.type)) {
      error("unknown-resource",
            "resource '" + item.name.text + "' of type '" + item.type + "' is not defined",
            item.name.where);
      continue;
    }
    auto owner = member_of_.find(NameType(item.name.text, item.type));
    bool taken = member != r.resources.end() ||
                 (owner != member_of_.end() && owner->second != r.name);
    if (taken) {
      error("duplicate",
            "resource '" + item.name.text + "' of type '" + item.type +
                "' is already in a resource group",
            item.name.where);
      continue;
    }
    r.resources.push_back({item.name.text, item.type, item.name.where});
  }
  if (!find_field(r.fields, "failover_policy"))
    error("group-without-policy",
          "resource group '" + r.name + "' needs 'set failover_policy to ...'", r.where);
  if (existing) forget_members(*existing);
  for (const auto& m : r.resources) member_of_.insert_or_assign({m.name, m.type}, r.name);
  if (existing) {
    *existing = std::move(r);
  } else {
    db_.group_index[r.name] = db_.groups.size();
    db_.groups.push_back(std::move(r));
  }
}

void Replayer::remove(const Statement& s) {
  const std::string& name = s.name.text;
  auto missing = [&](std::string_view what) {
    error("not-defined", std::string(what) + " '" + name + "' is not defined", s.name.where);
  };
  auto in_use = [&](const std::string& by) {
    error("in-use", "'" + name + "' is still used by " + by, s.name.where);
  };
  switch (s.object) {
    case ObjectKind::kNode:
      if (!db_.node(name)) return missing("node");
      for (const auto& c : db_.clusters)
        for (const auto& n : c.nodes)
          if (n.name == name) return in_use("cluster '" + c.name + "'");
      return erase_named(db_.nodes, name);
    case ObjectKind::kCluster:
      if (!db_.cluster(name)) return missing("cluster");
      return erase_named(db_.clusters, name);
    case ObjectKind::kResourceType: {
      auto it = std::find_if(db_.types.begin(), db_.types.end(), [&](const TypeRecord& t) {
        return t.name == name && t.on_node == s.on_node.text;
      });
      if (it == db_.types.end()) return missing("resource type");
      for (const auto& r : db_.resources)
        if (r.type == name && s.on_node.text.empty())
          return in_use("resource '" + r.name + "'");
      db_.types.erase(it);
      return;
    }
    case ObjectKind::kResource: {
      if (!db_.resource(name, s.type)) return missing("resource");
      if (auto owner = member_of_.find(NameType(name, s.type)); owner != member_of_.end())
        return in_use("group '" + owner->second + "'");
      std::erase_if(db_.resources,
                    [&](const ResourceRecord& r) { return r.name == name && r.type == s.type; });
      db_.reindex_resources();
      return;
    }
    case ObjectKind::kFailoverPolicy:
      if (!db_.policy(name)) return missing("failover policy");
      for (const auto& g : db_.groups)
        if (auto* f = find_field(g.fields, "failover_policy"); f && f->value == name)
          return in_use("group '" + g.name + "'");
      erase_named(db_.policies, name);
      return db_.reindex_policies();
    case ObjectKind::kResourceGroup:
      if (!db_.group(name)) return missing("resource group");
      forget_members(*db_.group(name));
      erase_named(db_.groups, name);
      return db_.reindex_groups();
    case ObjectKind::kHaParameters: return;
  }
}

}  // namespace

const NodeRecord* Database::node(std::string_view name) const { return find_named(nodes, name); }
const ClusterRecord* Database::cluster(std::string_view name) const {
  return find_named(clusters, name);
}
const TypeRecord* Database::type(std::string_view name, std::string_view on_node) const {
  for (const auto& t : types)
    if (t.name == name && t.on_node == on_node) return &t;
  return nullptr;
}
const ResourceRecord* Database::resource(std::string_view name, std::string_view type) const {
  auto it = resource_index.find(NameType(name, type));
  return it == resource_index.end() ? nullptr : &resources[it->second];
}

void Database::reindex_resources() {
  resource_index.clear();
  for (std::size_t i = 0; i < resources.size(); ++i)
    resource_index[{resources[i].name, resources[i].type}] = i;
}
const PolicyRecord* Database::policy(std::string_view name) const {
  auto it = policy_index.find(name);
  return it == policy_index.end() ? nullptr : &policies[it->second];
}
const GroupRecord* Database::group(std::string_view name) const {
  auto it = group_index.find(name);
  return it == group_index.end() ? nullptr : &groups[it->second];
}

void Database::reindex_policies() {
  policy_index.clear();
  for (std::size_t i = 0; i < policies.size(); ++i) policy_index[policies[i].name] = i;
}

void Database::reindex_groups() {
  group_index.clear();
  for (std::size_t i = 0; i < groups.size(); ++i) group_index[groups[i].name] = i;
}

Database replay(const Document& document, const Tables& tables,
                model::Diagnostics& diagnostics) {
  Replayer replayer(tables, diagnostics);
  return replayer.run(document);
}

}  // namespace ocf::adapters::failsafe
