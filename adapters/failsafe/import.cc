#include "adapters/failsafe/import.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_set>

#include "adapters/failsafe/cdb.h"

namespace ocf::adapters::failsafe {

namespace {

// What each byte becomes in an id: itself for letters, digits, '_', '.'
// and '-', '_' for any other. One lookup per byte instead of six tests.
constexpr std::array<char, 256> kIdBytes = [] {
  std::array<char, 256> table{};
  for (unsigned b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    table[b] = ok ? c : '_';
  }
  return table;
}();

// Writes `text` at `out` with leading slashes dropped and characters other
// than letters, digits, '_', '.', '-' replaced by '_' ("r" for nothing
// left); returns the end of what it wrote (at most text.size() bytes, or 1).
char* put_sanitised(char* out, std::string_view text) {
  while (text.starts_with('/')) text.remove_prefix(1);
  if (text.empty()) {
    *out = 'r';
    return out + 1;
  }
  for (char c : text) *out++ = kIdBytes[static_cast<unsigned char>(c)];
  return out;
}

std::uint64_t to_number(const std::string& text) { return std::stoull(text); }

// The model target of a field the tables do not know.
const std::string kNoTarget;

class Importer {
 public:
  Importer(const Database& db, const Tables& tables, model::Diagnostics& diagnostics)
      : db_(db), tables_(tables), diagnostics_(diagnostics) {}

  model::Cluster run();

 private:
  void cluster_fields(const ClusterRecord& c);
  void nodes(const ClusterRecord* c);
  model::Channel nic(const NodeRecord& n, const SubObject& s);
  void resources();
  // Fills `r` (already in out_.resources, id set) from record `rec`.
  void resource(const ResourceRecord& rec, model::Resource& r);
  const std::vector<model::Operation>& operations(const TypeRecord& t);
  // Each resource of a type gets the type's operations: made once per type.
  std::unordered_map<const TypeRecord*, std::vector<model::Operation>> operations_;
  // Whether a shipped type is the one its agent reads back as, per type.
  std::unordered_map<const TypeSpec*, bool> agent_names_type_;
  void type_extensions(const TypeRecord& t);
  void groups();
  model::FailoverPolicy policy(const PolicyRecord& p);
  // Groups sharing a policy each get a copy of it, made once.
  std::unordered_map<const PolicyRecord*, model::FailoverPolicy> policies_made_;
  void unused_policies();
  void constraints();
  bool in_some_group(std::string_view type) const;
  // A type's `order`: the script's, else the shipped or site default.
  std::int64_t type_order(std::string_view type) const;
  // What groups() asks of a member's type, worked out once per type: a
  // large configuration has thousands of members of a few types, and the
  // script's types do not change during the import.
  struct TypeFacts {
    std::int64_t order = 0;
    std::optional<std::uint32_t> restarts;  // local restarts, when restart_mode is 1
  };
  const TypeFacts& type_facts(const std::string& type);
  std::unordered_map<std::string, TypeFacts, model::NameHash, std::equal_to<>> type_facts_;
  void limits();

  void extension(std::string scope, std::string key, std::string value,
                 const SourceLocation& where) {
    out_.extensions.push_back({std::string(kProduct), std::move(scope), std::move(key),
                               std::move(value), where});
  }
  // A field whose model target this importer does not know: the Lua table
  // names a target that does not exist for this kind.
  void bad_target(std::string_view kind, const FieldSpec& spec, const Field& f) {
    diagnostics_.warning("failsafe.quirk-model",
                         "the quirk table maps " + std::string(kind) + " field '" + f.name +
                             "' to '" + spec.model + "', which does not exist; kept as written",
                         f.where);
  }

  const Database& db_;
  const Tables& tables_;
  model::Diagnostics& diagnostics_;
  model::Cluster out_;
  // (name, type) of a record of db_ -> its resource in out_.resources,
  // which resources() fills once and nothing grows afterwards.
  std::unordered_map<NameType, std::size_t, NameTypeHash, NameTypeEqual> ids_;
  // Where resources() put the resource of db_.resources[0]; the others
  // follow in db_'s order (a record's (name, type) is unique in db_).
  std::size_t first_resource_ = 0;
  const std::string& id_of(std::string_view name, std::string_view type) const {
    static const std::string kNone;
    auto it = ids_.find(NameType(name, type));
    return it == ids_.end() ? kNone : out_.resources[it->second].id;
  }
  // Types whose restart settings the groups' single count cannot carry.
  std::map<std::string, SourceLocation> mixed_types_;  // type -> first group
  // groups()' buffers, reused from group to group.
  std::vector<std::pair<std::int64_t, const Reference*>> ordered_;
  std::vector<std::optional<std::uint32_t>> counts_;
  std::vector<std::string_view> types_;
};

model::Cluster Importer::run() {
  const ClusterRecord* c = db_.clusters.empty() ? nullptr : &db_.clusters[0];
  if (db_.clusters.size() > 1)
    diagnostics_.error("failsafe.several-clusters",
                       "the model holds one cluster; cluster '" + db_.clusters[1].name +
                           "' is a second one",
                       db_.clusters[1].where);
  if (c) {
    out_.name = c->name;
    cluster_fields(*c);
  }
  nodes(c);
  resources();
  groups();
  limits();
  unused_policies();
  constraints();
  for (const auto& t : db_.types) type_extensions(t);
  for (const auto& [type, where] : mixed_types_)
    if (!db_.type(type)) extension("resource_type:" + type, "restart_mode", "0", where);
  // Extensions grouped by scope (first appearance order is not stable
  // across a round trip: export writes types in the order resources use
  // them); within a scope they keep the script's order.
  // Sorted as positions, so that each extension is moved once.
  auto& extensions = out_.extensions;
  std::vector<std::size_t> order(extensions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return extensions[a].scope < extensions[b].scope;
  });
  std::vector<model::Extension> sorted;
  sorted.reserve(extensions.size());
  for (std::size_t i : order) sorted.push_back(std::move(extensions[i]));
  extensions = std::move(sorted);
  return std::move(out_);
}

void Importer::cluster_fields(const ClusterRecord& c) {
  for (const auto& f : c.fields) {
    const auto* spec = f.known ? tables_.field("cluster", f.name) : nullptr;
    if (spec && spec->model.starts_with("property:")) {
      model::set(out_.properties, spec->model.substr(9), f.value, f.where);
      continue;
    }
    if (spec) bad_target("cluster", *spec, f);
    extension("", f.name, f.value, f.where);
  }
  for (const auto& f : c.ha_parameters) {
    const auto* spec = f.known ? tables_.field("ha_parameters", f.name) : nullptr;
    const std::string& target = spec ? spec->model : kNoTarget;
    if (target.starts_with("property:")) {
      model::set(out_.properties, target.substr(9), f.value, f.where);
      continue;
    }
    auto& t = out_.timing;
    std::optional<std::uint64_t>* slot = target == "timing:dead_ms"        ? &t.dead_ms
                                         : target == "timing:keepalive_ms" ? &t.keepalive_ms
                                         : target == "timing:warn_ms"      ? &t.warn_ms
                                         : target == "timing:initial_dead_ms"
                                             ? &t.initial_dead_ms
                                             : nullptr;
    if (slot && is_integer(f.value)) {
      *slot = to_number(f.value);
      model::SourceLocation* where = slot == &t.dead_ms        ? &t.dead_origin
                                     : slot == &t.keepalive_ms ? &t.keepalive_origin
                                     : slot == &t.warn_ms      ? &t.warn_origin
                                                               : &t.initial_dead_origin;
      *where = f.where;
      continue;
    }
    if (spec) bad_target("ha_parameters", *spec, f);
    extension("", "ha_parameters:" + f.name, f.value, f.where);
  }
}

model::Channel Importer::nic(const NodeRecord& n, const SubObject& s) {
  model::Channel ch;
  ch.kind = model::ChannelKind::kUnicast;
  ch.node = n.name;
  ch.address = s.name;
  ch.origin = s.where;
  for (const auto& f : s.fields) {
    const auto* spec = f.known ? tables_.field("nic", f.name) : nullptr;
    const std::string& target = spec ? spec->model : kNoTarget;
    if (target == "heartbeat" && is_boolean(f.value)) {
      ch.heartbeat = f.value == "true";
    } else if (target == "control" && is_boolean(f.value)) {
      ch.control = f.value == "true";
    } else if (target == "priority" && is_integer(f.value)) {
      ch.priority = static_cast<std::uint32_t>(to_number(f.value));
    } else if (target.starts_with("attribute:")) {
      model::set(ch.attributes, target.substr(10), f.value, f.where);
    } else {
      if (spec) bad_target("nic", *spec, f);
      extension("node:" + n.name, "nic:" + s.name + ":" + f.name, f.value, f.where);
    }
  }
  return ch;
}

void Importer::nodes(const ClusterRecord* c) {
  for (const auto& n : db_.nodes) {
    model::Node node;
    node.name = n.name;
    node.origin = n.where;
    for (const auto& f : n.fields) {
      const auto* spec = f.known ? tables_.field("node", f.name) : nullptr;
      const std::string& target = spec ? spec->model : kNoTarget;
      if (target == "id" && is_integer(f.value)) {
        node.id = static_cast<std::uint32_t>(to_number(f.value));
      } else if (target.starts_with("attribute:")) {
        model::set(node.attributes, target.substr(10), f.value, f.where);
      } else {
        if (spec) bad_target("node", *spec, f);
        extension("node:" + n.name, f.name, f.value, f.where);
      }
    }
    for (const auto& s : n.nics) out_.channels.push_back(nic(n, s));
    bool member = c && std::any_of(c->nodes.begin(), c->nodes.end(),
                                   [&](const Reference& r) { return r.name == n.name; });
    // A pool node outside the cluster: the model has only cluster nodes,
    // so the mark keeps it out of the cluster on the way back.
    if (c && !member) extension("node:" + n.name, "pool_only", "true", n.where);
    out_.nodes.push_back(std::move(node));
  }
}

const std::vector<model::Operation>& Importer::operations(const TypeRecord& t) {
  auto [it, fresh] = operations_.try_emplace(&t);
  if (!fresh) return it->second;
  std::vector<model::Operation>& ops = it->second;
  for (const auto& a : t.actions) {
    model::Operation op;
    op.name = tables_.operation_for(a.name).value_or(a.name);
    op.origin = a.where;
    for (const auto& f : a.fields) {
      const auto* spec = f.known ? tables_.field("action", f.name) : nullptr;
      const std::string& target = spec ? spec->model : kNoTarget;
      if (target == "timeout" && is_integer(f.value))
        op.timeout_ms = to_number(f.value);
      else if (target == "interval" && is_integer(f.value))
        op.interval_ms = to_number(f.value);
      else if (target.starts_with("op_attribute:"))
        model::set(op.attributes, target.substr(13), f.value + "ms", f.where);
      // Anything else is kept once per type by type_extensions().
    }
    ops.push_back(std::move(op));
  }
  return ops;
}

void Importer::resource(const ResourceRecord& rec, model::Resource& r) {
  const std::string& id = r.id;
  r.origin = rec.where;
  const TypeSpec* spec = tables_.type(rec.type);
  if (spec && spec->agent) {
    r.agent = *spec->agent;
    r.params.reserve(1 + rec.fields.size() + spec->defaults.size() + spec->option_params.size());
    if (!spec->name_param.empty()) r.params.push_back({spec->name_param, rec.name, rec.where});
    for (const auto& f : rec.fields) {
      const AttributeMap* a = spec->attribute(f.name);
      if (!a || a->keep) {
        extension("resource:" + id, f.name, f.value, f.where);
        continue;
      }
      auto value = tables_.convert(a->to_ocf, f.value, diagnostics_, f.where);
      if (!value) {
        diagnostics_.error("failsafe.bad-attribute-value",
                           tables_.shown(f.name, f.value) + " is not a valid " + f.name,
                           f.where);
        continue;
      }
      model::set(r.params, a->param, std::move(*value), f.where);
    }
    for (const auto& d : spec->defaults)
      if (!model::find(r.params, d.name)) r.params.push_back({d.name, d.value, rec.where});
    for (const auto& [param, _] : spec->option_params)
      if (auto v = spec->option_value(r.params, param); v && !model::find(r.params, param))
        r.params.push_back({param, *v, model::find(r.params, spec->options_param)->origin});
    if (spec->name_param.empty()) r.meta.push_back({std::string(kMetaName), rec.name, rec.where});
    auto [names, fresh] = agent_names_type_.try_emplace(spec);
    if (fresh) names->second = tables_.type_for_agent(r.agent) == spec;
    if (!names->second) r.meta.push_back({std::string(kMetaType), rec.type, rec.where});
  } else {
    // A site-defined type (or a shipped one without an agent): FailSafe's
    // own action scripts run it, every attribute is a parameter.
    r.agent = {"failsafe", "", rec.type};
    const TypeRecord* t = db_.type(rec.type);
    r.params.reserve(rec.fields.size() + (t ? t->attributes.size() : 0));
    for (const auto& f : rec.fields) r.params.push_back({f.name, f.value, f.where});
    if (t) {
      for (const auto& a : t->attributes) {
        const Field* def = find_field(a.fields, "default_value");
        if (def && !model::find(r.params, a.name))
          r.params.push_back({a.name, def->value, def->where});
      }
    }
    r.meta.push_back({std::string(kMetaName), rec.name, rec.where});
  }
  if (const TypeRecord* t = db_.type(rec.type)) r.operations = operations(*t);
}

void Importer::resources() {
  // Ids taken so far: views of the ids in out_.resources, which is
  // reserved here so that they stay put.
  std::unordered_set<std::string_view, model::NameHash> used;
  used.reserve(db_.resources.size());
  ids_.reserve(db_.resources.size());
  out_.resources.reserve(out_.resources.size() + db_.resources.size());
  first_resource_ = out_.resources.size();
  for (const auto& rec : db_.resources) {
    std::string id = resource_id(rec.name, rec.type);
    if (used.count(id)) {
      const std::string base = id;
      for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
    }
    ids_.insert_or_assign(NameType(rec.name, rec.type), out_.resources.size());
    model::Resource& r = out_.resources.emplace_back();
    r.id = std::move(id);
    resource(rec, r);
    used.insert(r.id);
  }
}

std::int64_t Importer::type_order(std::string_view type) const {
  const TypeRecord* t = db_.type(type);
  const Field* f = t ? find_field(t->fields, "order") : nullptr;
  return f && is_integer(f->value) ? static_cast<std::int64_t>(to_number(f->value))
                                   : tables_.order_of(type);
}

const Importer::TypeFacts& Importer::type_facts(const std::string& type) {
  auto [it, fresh] = type_facts_.try_emplace(type);
  if (!fresh) return it->second;
  TypeFacts& facts = it->second;
  facts.order = type_order(type);
  const TypeRecord* t = db_.type(type);
  const Field* mode = t ? find_field(t->fields, "restart_mode") : nullptr;
  const Field* count = t ? find_field(t->fields, "restart_count") : nullptr;
  if (mode && mode->value == "1")
    facts.restarts = count && is_integer(count->value)
                         ? static_cast<std::uint32_t>(to_number(count->value))
                         : 1u;
  return facts;
}

bool Importer::in_some_group(std::string_view type) const {
  for (const auto& g : db_.groups)
    for (const auto& m : g.resources)
      if (m.type == type) return true;
  return false;
}

// What of a type definition the model does not carry otherwise. Keys:
// [node:N/](defined | FIELD | action:A[:FIELD] | type_attribute:A[:FIELD] |
// dependency).
void Importer::type_extensions(const TypeRecord& t) {
  const std::string scope = "resource_type:" + t.name;
  const std::string prefix = t.on_node.empty() ? "" : "node:" + t.on_node + "/";
  const bool node_specific = !t.on_node.empty();
  const TypeSpec* spec = tables_.type(t.name);
  bool has_resources = !node_specific && std::any_of(db_.resources.begin(), db_.resources.end(),
                                                     [&](const ResourceRecord& r) {
                                                       return r.type == t.name;
                                                     });
  bool grouped = !node_specific && in_some_group(t.name);
  std::size_t before = out_.extensions.size();
  const Field* mode = find_field(t.fields, "restart_mode");
  bool local = mode && mode->value == "1";
  bool mixed = !node_specific && mixed_types_.count(t.name);
  if (mixed && !mode)  // the default, said out loud: the group count is not this type's
    extension(scope, "restart_mode", "0", t.where);
  for (const auto& f : t.fields) {
    const auto* fs = f.known ? tables_.field("resource_type", f.name) : nullptr;
    const std::string& target = fs ? fs->model : kNoTarget;
    // The order a type would get anyway is not worth keeping.
    std::string implied = std::to_string(tables_.order_of(t.name));
    if (!node_specific && target == "order" && f.value == implied) continue;
    if (grouped && !mixed &&
        (target == "restart_mode" || (target == "restart_count" && local)))
      continue;  // carried by the groups' local_restarts
    extension(scope, prefix + f.name, f.value, f.where);
  }
  for (const auto& a : t.actions) {
    if (!has_resources) extension(scope, prefix + "action:" + a.name, "", a.where);
    for (const auto& f : a.fields) {
      const auto* fs = f.known ? tables_.field("action", f.name) : nullptr;
      const std::string& target = fs ? fs->model : kNoTarget;
      bool carried = target == "timeout" || target == "interval" ||
                     target.starts_with("op_attribute:");
      if (!has_resources || !carried)
        extension(scope, prefix + "action:" + a.name + ":" + f.name, f.value, f.where);
    }
  }
  for (const auto& a : t.attributes) {
    // An attribute no resource sets leaves no parameter behind.
    bool used = has_resources && std::any_of(db_.resources.begin(), db_.resources.end(),
                                             [&](const ResourceRecord& r) {
                                               return r.type == t.name &&
                                                      find_field(r.fields, a.name);
                                             });
    if (a.fields.empty() && !used)
      extension(scope, prefix + "type_attribute:" + a.name, "", a.where);
    for (const auto& f : a.fields)
      extension(scope, prefix + "type_attribute:" + a.name + ":" + f.name, f.value, f.where);
  }
  for (const auto& d : t.dependencies) extension(scope, prefix + "dependency", d.name, d.where);
  // A site type no resource uses, or a per-node definition, would vanish
  // without a trace; a shipped type's define is implied.
  bool needs_mark = t.defined && (node_specific || (!spec && !has_resources));
  if (needs_mark && out_.extensions.size() == before)
    extension(scope, prefix + "defined", "", t.where);
}

model::FailoverPolicy Importer::policy(const PolicyRecord& p) {
  auto [made, first] = policies_made_.try_emplace(&p);
  if (!first) return made->second;
  model::FailoverPolicy& out = made->second;
  out.name = p.name;
  out.origin = p.where;
  const std::string scope = "failover_policy:" + p.name;
  // Made once per policy (above), so its extensions and warnings come once.
  auto keep = [&](const Field& f) { extension(scope, f.name, f.value, f.where); };
  for (const auto& f : p.fields) {
    const auto* spec = f.known ? tables_.field("failover_policy", f.name) : nullptr;
    const std::string& target = spec ? spec->model : kNoTarget;
    if (target == "domain") {
      out.domain = split_words(f.value);
    } else if (target == "script") {
      auto mode = tables_.script_mode(f.value);
      if (mode) {
        out.mode = *mode;
      } else {
        diagnostics_.warning("failsafe.site-script",
                             "failover script '" + f.value +
                                 "' is site-defined; the model places the group as 'ordered'",
                             f.where);
        keep(f);
      }
    } else if (target == "attribute") {
      const auto* a = tables_.policy_attribute(f.value);
      if (a && a->failback == "automatic") out.failback = model::Failback::kAutomatic;
      if (a && a->failback == "manual") out.failback = model::Failback::kManual;
      if (a && a->flag == "auto_recovery") out.auto_recovery = true;
      if (a && a->flag == "in_place_recovery") out.in_place_recovery = true;
      if (!a) out.attributes.push_back({f.value, "true", f.where});
    } else {
      if (spec) bad_target("failover_policy", *spec, f);
      keep(f);
    }
  }
  return out;
}

void Importer::groups() {
  out_.groups.reserve(out_.groups.size() + db_.groups.size());
  for (const auto& g : db_.groups) {
    // Built in place: nothing else adds groups meanwhile.
    model::ResourceGroup& group = out_.groups.emplace_back();
    group.id = g.name;
    group.origin = g.where;
    // Members start in ascending type order (stable for equal orders); each
    // member's order is worked out once, not at every comparison.
    // A group has a handful of members: an insertion sort (stable) needs no
    // buffer, where stable_sort takes one from the heap for every group.
    auto& ordered = ordered_;
    ordered.clear();
    for (const auto& m : g.resources) ordered.emplace_back(type_facts(m.type).order, &m);
    auto by_order = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (ordered.size() <= 16) {
      for (std::size_t i = 1; i < ordered.size(); ++i)
        for (std::size_t j = i; j > 0 && by_order(ordered[j], ordered[j - 1]); --j)
          std::swap(ordered[j], ordered[j - 1]);
    } else {
      std::stable_sort(ordered.begin(), ordered.end(), by_order);
    }
    group.members.reserve(ordered.size());
    for (const auto& [_, m] : ordered) group.members.push_back(id_of(m->name, m->type));
    for (const auto& f : g.fields) {
      const auto* spec = f.known ? tables_.field("resource_group", f.name) : nullptr;
      if (spec && spec->model == "failover_policy") {
        if (const auto* p = db_.policy(f.value)) group.policy = policy(*p);
      } else {
        if (spec) bad_target("resource_group", *spec, f);
        extension("group:" + g.name, f.name, f.value, f.where);
      }
    }
    // Local restarts are a property of the member types in FailSafe; the
    // model has one count per group. When the members' types disagree the
    // group gets the highest count, and the types keep their own settings
    // as extensions so that FailSafe gets them back unchanged.
    std::optional<std::uint32_t> restarts;
    auto& counts = counts_;
    auto& types = types_;  // of the members, each once, in member order
    counts.clear();
    types.clear();
    for (const auto& [_, m] : ordered) {
      if (std::find(types.begin(), types.end(), m->type) != types.end()) continue;
      types.push_back(m->type);
      const std::optional<std::uint32_t> n = type_facts(m->type).restarts;
      counts.push_back(n);
      if (n && (!restarts || *n > *restarts)) restarts = n;
    }
    bool mixed = std::any_of(counts.begin(), counts.end(),
                             [&](const auto& n) { return n != counts.front(); });
    if (mixed) {
      diagnostics_.warning("failsafe.mixed-restarts",
                           "the resource types in group '" + g.name +
                               "' restart differently; the model keeps the highest local "
                               "restart count for the group",
                           g.where);
      for (const auto t : types) mixed_types_.emplace(std::string(t), g.where);
    }
    group.policy.local_restarts = restarts;
  }
}

// Documented limits of FailSafe 1.x (spec section 7): warnings only, since
// a configuration may be on its way to a product without them.
void Importer::limits() {
  constexpr std::size_t kMaxResources = 100;
  constexpr std::size_t kMaxDomain = 8;
  if (db_.resources.size() > kMaxResources)
    diagnostics_.warning("failsafe.many-resources",
                         std::to_string(db_.resources.size()) +
                             " resources; FailSafe documents at most " +
                             std::to_string(kMaxResources) + " per configuration",
                         db_.resources[kMaxResources].where);
  for (const auto& g : out_.groups)
    if (g.policy.domain.size() > kMaxDomain)
      diagnostics_.warning("failsafe.large-domain",
                           "failover domain of group '" + g.id + "' has " +
                               std::to_string(g.policy.domain.size()) +
                               " nodes; FailSafe examples span 2 to 8",
                           g.policy.origin);
}

void Importer::unused_policies() {
  std::set<std::string, std::less<>> used;
  for (const auto& g : db_.groups)
    if (const Field* f = find_field(g.fields, "failover_policy")) used.insert(f->value);
  for (const auto& p : db_.policies) {
    if (used.count(p.name)) continue;
    for (const auto& f : p.fields) extension("failover_policy:" + p.name, f.name, f.value, f.where);
  }
}

void Importer::constraints() {
  for (std::size_t i = 0; i < db_.resources.size(); ++i) {
    const ResourceRecord& r = db_.resources[i];
    const std::string& id = out_.resources[first_resource_ + i].id;
    for (const auto& d : r.dependencies) {
      const std::string& first = id_of(d.name, d.type);
      out_.constraints.push_back({model::ConstraintKind::kOrder, "order-" + first + "-" + id,
                                  first, id, "", "", d.where});
    }
  }
}

}  // namespace

std::string resource_id(std::string_view name, std::string_view type) {
  // Written in place into room for the longest result, then cut to size.
  std::string id(std::max<std::size_t>(type.size(), 1) + 1 + std::max<std::size_t>(name.size(), 1),
                 '\0');
  char* out = put_sanitised(id.data(), type);
  *out++ = '-';
  out = put_sanitised(out, name);
  id.resize(static_cast<std::size_t>(out - id.data()));
  return id;
}

std::optional<model::Cluster> import_cmgr(const Document& document, const Tables& tables,
                                          model::Diagnostics& diagnostics) {
  std::size_t errors = diagnostics.error_count();
  Database db = replay(document, tables, diagnostics);
  if (diagnostics.error_count() > errors) return std::nullopt;
  Importer importer(db, tables, diagnostics);
  model::Cluster cluster = importer.run();
  model::check(cluster, diagnostics);
  if (diagnostics.error_count() > errors) return std::nullopt;
  return cluster;
}

}  // namespace ocf::adapters::failsafe
