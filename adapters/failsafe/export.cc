#include "adapters/failsafe/export.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "adapters/failsafe/cdb.h"
#include "adapters/failsafe/cmgr_parser.h"
#include "adapters/failsafe/import.h"

namespace ocf::adapters::failsafe {

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

void put(Pairs& pairs, const std::string& name, const std::string& value) {
  for (auto& p : pairs)
    if (p.first == name) {
      p.second = value;
      return;
    }
  pairs.emplace_back(name, value);
}

// put() taking the value over: converted values are made once and moved on.
void put(Pairs& pairs, const std::string& name, std::string&& value) {
  for (auto& p : pairs)
    if (p.first == name) {
      p.second = std::move(value);
      return;
    }
  pairs.emplace_back(name, std::move(value));
}

// `parts` joined, in one allocation (for messages of many parts that many
// resources report).
std::string cat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (auto part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (auto part : parts) out.append(part);
  return out;
}

Item set_item(const std::string& field, const std::string& value) {
  Item it;
  it.kind = Item::Kind::kSet;
  it.field.text = field;
  it.value.text = value;
  return it;
}

// Appends `set FIELD to VALUE` to `items`, built in place (an Item is large
// to move, and a script has tens of thousands of them).
void push_set(std::vector<Item>& items, const std::string& field, const std::string& value) {
  Item& it = items.emplace_back();
  it.kind = Item::Kind::kSet;
  it.field.text = field;
  it.value.text = value;
}

// push_set() taking the value over.
void push_set(std::vector<Item>& items, const std::string& field, std::string&& value) {
  Item& it = items.emplace_back();
  it.kind = Item::Kind::kSet;
  it.field.text = field;
  it.value.text = std::move(value);
}

// Appends `add WHAT NAME [of resource_type TYPE]` to `items`, built in place.
void push_add(std::vector<Item>& items, std::string_view what, const std::string& name,
              const std::string& type = {}) {
  Item& it = items.emplace_back();
  it.kind = Item::Kind::kAdd;
  it.what.text = what;
  it.name.text = name;
  it.of_type.text = type;
  it.type = type;
}

Item add_item(const std::string& what, const std::string& name, const std::string& type = {}) {
  Item it;
  it.kind = Item::Kind::kAdd;
  it.what.text = what;
  it.name.text = name;
  it.of_type.text = type;
  it.type = type;
  return it;
}

// add_block(), made in place at the end of `items`.
void push_block(std::vector<Item>& items, std::string_view what, const std::string& name,
                const Pairs& fields) {
  Item& it = items.emplace_back();
  it.kind = Item::Kind::kAdd;
  it.what.text = what;
  it.name.text = name;
  it.block = true;
  it.children.reserve(fields.size());
  for (const auto& [f, v] : fields) push_set(it.children, f, v);
}

Item add_block(const std::string& what, const std::string& name, const Pairs& fields) {
  Item it = add_item(what, name);
  it.block = true;
  for (const auto& [f, v] : fields) push_set(it.children, f, v);
  return it;
}

// A value a `set F to V` line can carry unchanged through the parser.
bool expressible(const std::string& v) {
  if (v.empty() || v.front() == ' ' || v.front() == '\t' || v.front() == '#' ||
      v.back() == ' ' || v.back() == '\t')
    return false;
  // One pass: no line break, and no '#' after a blank (it would start a
  // comment); the first character is no '#', so a '#' has one before it.
  // ('\n', '\r' and '#' sort before nearly every character of a value, so
  // most characters take one comparison.)
  for (std::size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (static_cast<unsigned char>(c) > '#') continue;
    if (c == '\n' || c == '\r') return false;
    if (c == '#' && (v[i - 1] == ' ' || v[i - 1] == '\t')) return false;
  }
  return true;
}

struct SubBlock {
  std::string name;
  Pairs fields;
  bool mentioned = false;
};

SubBlock& sub(std::vector<SubBlock>& list, const std::string& name) {
  for (auto& s : list)
    if (s.name == name) return s;
  list.push_back({name, {}, false});
  return list.back();
}

// What a resource type statement will say.
struct TypeBlock {
  std::string name;
  std::string on_node;
  bool define = false;
  Pairs fields;
  std::vector<SubBlock> actions;
  std::vector<SubBlock> attributes;
  std::vector<std::string> dependencies;
  bool has_content() const {
    return define || !fields.empty() || !actions.empty() || !attributes.empty() ||
           !dependencies.empty();
  }
};

struct TypeUse;

// A model resource as FailSafe will hold it.
struct NativeResource {
  const model::Resource* resource = nullptr;
  const TypeSpec* spec = nullptr;  // the shipped type, when there is one
  // The tables' type named `type`, agent or not (spec, when that is set).
  const TypeSpec* named = nullptr;
  std::string type;
  std::string name;
  Pairs attributes;
  bool site = false;  // type is site-defined (or shipped without an agent)
  // How the agent is carried: exactly, by a shipped type standing for a
  // related agent (`also`), or by a site-defined type named after it.
  enum class Agent { kExact, kRelated, kSiteType } agent = Agent::kExact;
  // What its type's resources share, set by types().
  TypeUse* use = nullptr;
};

// The resources of one type (in model order), the type's block in types_,
// and its start order as member_order() judges it (worked out once).
struct TypeUse {
  std::vector<const NativeResource*> natives;
  // The groups holding one of them, in model order; last_group is the index
  // of the last one added (a group lists a type once).
  std::vector<const model::ResourceGroup*> groups;
  std::size_t last_group = static_cast<std::size_t>(-1);
  std::size_t block = 0;
  std::optional<std::int64_t> order;
};

class Exporter {
 public:
  Exporter(const model::Cluster& cluster, const Tables& tables, model::Diagnostics& diagnostics)
      : c_(cluster), t_(tables), d_(diagnostics) {}

  std::optional<Document> run();

 private:
  void nodes();
  void cluster();
  void ha_parameters();
  void unsupported();
  void map_resources();
  void identify(const model::Resource& r, NativeResource& n);
  const TypeSpec* type_for_agent(const model::AgentRef& agent);
  // (type, name) -> the resource written under it; views of natives_.
  // Hashed by name alone (names nearly always differ; equality compares
  // both): one string hashed per resource instead of two.
  struct TakenHash {
    std::size_t operator()(NameType key) const noexcept {
      return std::hash<std::string_view>{}(key.second);
    }
  };
  using Taken = std::unordered_map<NameType, const model::Resource*, TakenHash, NameTypeEqual>;
  bool writable(const NativeResource& n, Taken& taken);
  void describe(NativeResource& n);
  void attributes_of(const model::Resource& r, const TypeSpec* spec, NativeResource& n);
  void constraints();
  void types();
  void type_operations(TypeBlock& block, const std::string& type);
  void type_restarts(TypeBlock& block, const std::string& type);
  void type_extensions();
  void emit_types();
  void resources();
  void policies_and_groups();
  std::string policy_for(const model::ResourceGroup& g);
  void member_order(const model::ResourceGroup& g, const std::vector<std::size_t>& members);
  std::int64_t order_of(const NativeResource& n);

  bool name_ok(const std::string& name, std::string_view what, const SourceLocation& where) {
    if (valid_name(name)) return true;
    d_.error("failsafe.export-name",
             std::string(what) + " name '" + name + "' cannot be written in a cmgr script "
             "(blank, '#', '*', '?', '\\' or over 255 characters)",
             where);
    return false;
  }
  // `what` names the value in the loss, in parts: they are joined only for
  // a value that is lost, since nearly every value can be written.
  using What = std::initializer_list<std::string_view>;
  bool value_ok(const std::string& value, What what, const SourceLocation& where) {
    if (expressible(value)) return true;
    std::string message;
    for (auto part : what) message += part;
    message += ": a value that is empty, has a line break, leading or trailing blanks "
               "or ' #' cannot be written in a cmgr script";
    d_.loss("loss.value", std::move(message), where);
    return false;
  }
  void set(std::vector<Item>& items, const std::string& field, const std::string& value,
           What what, const SourceLocation& where) {
    if (value_ok(value, what, where)) push_set(items, field, value);
  }
  Statement open(Statement::Verb verb, ObjectKind kind, const std::string& name) {
    Statement s;
    fill(s, verb, kind, name);
    return s;
  }
  // open(), made in place as the document's next statement (a Statement is
  // large to move).
  Statement& open_next(Statement::Verb verb, ObjectKind kind, const std::string& name) {
    Statement& s = doc_.statements.emplace_back();
    fill(s, verb, kind, name);
    return s;
  }
  void fill(Statement& s, Statement::Verb verb, ObjectKind kind, const std::string& name) const {
    s.verb = verb;
    s.object = kind;
    s.name.text = name;
    bool in_cluster = kind == ObjectKind::kHaParameters || kind == ObjectKind::kResourceType ||
                      kind == ObjectKind::kResource || kind == ObjectKind::kResourceGroup;
    if (in_cluster) s.in_cluster.text = s.cluster = cluster_name_;
  }
  const std::vector<const model::Extension*>& own(std::string_view scope) {
    static const std::vector<const model::Extension*> kNone;
    auto it = ext_index_.find(scope);
    return it == ext_index_.end() ? kNone : *it->second;
  }
  // The extensions of scope `kind` + `name` ("resource:" and an id), the
  // scope put together in a reused buffer.
  const std::vector<const model::Extension*>& own(std::string_view kind, std::string_view name) {
    scope_.assign(kind).append(name);
    return own(scope_);
  }
  // The block of a type (on a node, or cluster-wide when on_node is empty),
  // made on first use; looked up through an index, since a large
  // configuration has thousands of site types.
  TypeBlock& type_block(std::string_view name, std::string_view on_node) {
    return types_[type_block_index(name, on_node)];
  }
  std::size_t type_block_index(std::string_view name, std::string_view on_node) {
    if (auto it = type_index_.find(NameType(name, on_node)); it != type_index_.end())
      return it->second;
    type_index_.emplace(std::make_pair(std::string(name), std::string(on_node)), types_.size());
    types_.push_back(TypeBlock{std::string(name), std::string(on_node), false, {}, {}, {}, {}});
    return types_.size() - 1;
  }
  const TypeBlock* find_type_block(std::string_view name) const {
    auto it = type_index_.find(NameType(name, ""));
    return it == type_index_.end() ? nullptr : &types_[it->second];
  }

  const model::Cluster& c_;
  const Tables& t_;
  model::Diagnostics& d_;
  // Fields named by their model target, which are asked about per type and
  // per group: looked up once (field_for searches a kind's fields in turn).
  const FieldSpec* const action_timeout_ = t_.field_for("action", "timeout");
  const FieldSpec* const action_interval_ = t_.field_for("action", "interval");
  const FieldSpec* const restart_mode_ = t_.field_for("resource_type", "restart_mode");
  const FieldSpec* const restart_count_ = t_.field_for("resource_type", "restart_count");
  const FieldSpec* const policy_attribute_ = t_.field_for("failover_policy", "attribute");
  const FieldSpec* const policy_script_ = t_.field_for("failover_policy", "script");
  const FieldSpec* const policy_domain_ = t_.field_for("failover_policy", "domain");
  const FieldSpec* const group_policy_ = t_.field_for("resource_group", "failover_policy");
  // The tables' policy attribute words, in their order, with what turns
  // each on: read once, since every group's policy asks.
  struct PolicyWord {
    const std::string* word;
    bool automatic, manual, auto_recovery, in_place_recovery;
  };
  const std::vector<PolicyWord> policy_words_ = [this] {
    std::vector<PolicyWord> words;
    for (const auto& [word, spec] : t_.policy_attributes())
      words.push_back({&word, spec.failback == "automatic", spec.failback == "manual",
                       spec.flag == "auto_recovery", spec.flag == "in_place_recovery"});
    return words;
  }();
  Document doc_;
  std::map<std::string, std::vector<const model::Extension*>> ext_;  // by scope, in order
  // ext_ by a view of its scope: looked up for every resource.
  std::unordered_map<std::string_view, const std::vector<const model::Extension*>*> ext_index_;
  std::string scope_;
  std::string cluster_name_;
  // Reserved for every resource by map_resources(), so that it never moves:
  // the maps below hold views of its types, and of the model's ids.
  std::vector<NativeResource> natives_;
  std::unordered_map<std::string_view, std::size_t> native_index_;  // by model id
  std::vector<TypeBlock> types_;
  NameTypeMap<std::size_t> type_index_;
  // By type (a view of its first resource's type), in no order.
  std::unordered_map<std::string_view, TypeUse> natives_of_type_;
  // Whether any extension has a "resource:" scope: most configurations have
  // none, and then no resource need look for its own.
  bool resource_extensions_ = false;
  // Per group of c_.groups, its members' indices in natives_ (kNotWritten for
  // a member not written), looked up once.
  static constexpr std::size_t kNotWritten = static_cast<std::size_t>(-1);
  std::vector<std::vector<std::size_t>> group_members_;
  NameMap<std::string> policies_;  // name -> what it says
  // By the agent's type alone: distinct agents nearly always differ in it,
  // and one string is hashed instead of three (equality still compares all).
  struct AgentHash {
    std::size_t operator()(const model::AgentRef& a) const noexcept {
      return std::hash<std::string_view>{}(a.type);
    }
  };
  std::unordered_map<model::AgentRef, const TypeSpec*, AgentHash> type_for_agent_;
};

std::optional<Document> Exporter::run() {
  std::size_t errors = d_.error_count();
  // Other products' extensions are the bridge's to report (Adapter::
  // keeps_foreign_extensions() is false), so that each is reported once.
  for (const auto& e : c_.extensions)
    if (e.product == kProduct) ext_[e.scope].push_back(&e);
  ext_index_.reserve(ext_.size());
  for (const auto& [scope, list] : ext_) ext_index_.emplace(scope, &list);
  if (auto it = ext_.lower_bound("resource:"); it != ext_.end())
    resource_extensions_ = it->first.starts_with("resource:");
  cluster_name_ = c_.name;
  if (cluster_name_.empty()) {
    cluster_name_ = "cluster";
    d_.warning("failsafe.cluster-name",
               "the model's cluster has no name; the script names it 'cluster'");
  }
  name_ok(cluster_name_, "cluster", {});
  nodes();
  cluster();
  ha_parameters();
  unsupported();
  map_resources();
  constraints();
  types();
  emit_types();
  resources();
  policies_and_groups();
  Statement quit;
  quit.verb = Statement::Verb::kQuit;
  doc_.statements.push_back(std::move(quit));
  if (d_.error_count() > errors) return std::nullopt;
  return std::move(doc_);
}

void Exporter::nodes() {
  for (const auto& n : c_.nodes) {
    if (!name_ok(n.name, "node", n.origin)) continue;
    Statement s = open(Statement::Verb::kDefine, ObjectKind::kNode, n.name);
    // Attributes in the model's order, so that the order survives.
    std::vector<const model::Attribute*> attributes;
    for (const auto& a : n.attributes) attributes.push_back(&a);
    auto hostname = std::find_if(attributes.begin(), attributes.end(),
                                 [](const auto* a) { return a->name == "hostname"; });
    if (hostname != attributes.end()) std::rotate(attributes.begin(), hostname, hostname + 1);
    const auto* id = t_.field_for("node", "id");
    bool id_written = false;
    for (const auto* a : attributes) {
      const auto* spec = t_.field_for("node", "attribute:" + a->name);
      if (!spec) {
        d_.loss("loss.node-attribute",
                "node " + n.name + ": attribute '" + a->name + "' has no FailSafe node field",
                a->origin.known() ? a->origin : n.origin);
        continue;
      }
      set(s.items, spec->name, a->value, {"node ", n.name, " ", a->name}, a->origin);
      if (a->name == "hostname" && id && n.id) {
        push_set(s.items, id->name, std::to_string(*n.id));
        id_written = true;
      }
    }
    if (id && n.id && !id_written)
      s.items.insert(s.items.begin(), set_item(id->name, std::to_string(*n.id)));
    for (const auto* e : own("node:" + n.name))
      if (!e->key.starts_with("nic:") && e->key != "pool_only")
        set(s.items, e->key, e->value, {"node ", n.name, " ", e->key}, e->origin);
    std::set<std::string> addresses;
    for (const auto& ch : c_.channels) {
      if (ch.node != n.name || ch.kind != model::ChannelKind::kUnicast) continue;
      if (!name_ok(ch.address, "nic", ch.origin)) continue;
      addresses.insert(ch.address);
      Pairs fields;
      std::set<std::string> attrs_used;
      for (const auto* spec : t_.fields("nic")) {
        const auto& m = spec->model;
        if (m == "heartbeat") put(fields, spec->name, ch.heartbeat ? "true" : "false");
        if (m == "control") put(fields, spec->name, ch.control ? "true" : "false");
        if (m == "priority" && ch.priority) put(fields, spec->name, std::to_string(*ch.priority));
        if (m.starts_with("attribute:"))
          if (const auto* a = model::find(ch.attributes, m.substr(10))) {
            attrs_used.insert(a->name);
            put(fields, spec->name, a->value);
          }
      }
      const std::string prefix = "nic:" + ch.address + ":";
      for (const auto* e : own("node:" + n.name))
        if (e->key.starts_with(prefix)) put(fields, e->key.substr(prefix.size()), e->value);
      for (const auto& a : ch.attributes)
        if (!attrs_used.count(a.name))
          d_.loss("loss.channel", "nic " + ch.address + " of node " + n.name + ": attribute '" +
                                      a.name + "' has no FailSafe field",
                  ch.origin);
      if (!ch.interface.empty() || !ch.device.empty() || ch.port || ch.ttl || ch.loop || ch.baud)
        d_.loss("loss.channel",
                "nic " + ch.address + " of node " + n.name +
                    ": FailSafe names a network by the node's address only; interface, "
                    "device, port, ttl, loop and baud are not kept",
                ch.origin);
      s.items.push_back(add_block("nic", ch.address, fields));
    }
    if (addresses.empty())
      d_.warning("failsafe.no-nic",
                 "node " + n.name + " has no nic: FailSafe nodes heartbeat and exchange "
                 "control messages over their nics, so add one before starting HA services",
                 n.origin);
    for (const auto& a : n.addresses)
      if (!addresses.count(a))
        d_.loss("loss.node-address",
                "node " + n.name + ": address '" + a + "' is not a nic of the node", n.origin);
    doc_.statements.push_back(std::move(s));
  }
}

void Exporter::cluster() {
  Statement s = open(Statement::Verb::kDefine, ObjectKind::kCluster, cluster_name_);
  for (const auto& p : c_.properties) {
    if (const auto* spec = t_.field_for("cluster", "property:" + p.name))
      set(s.items, spec->name, p.value, {"cluster property ", p.name}, p.origin);
    else if (!t_.field_for("ha_parameters", "property:" + p.name))
      d_.loss("loss.property", "cluster property '" + p.name + "' has no FailSafe field",
              p.origin);
  }
  for (const auto* e : own(""))
    if (!e->key.starts_with("ha_parameters:"))
      set(s.items, e->key, e->value, {"cluster ", e->key}, e->origin);
  for (const auto& n : c_.nodes) {
    bool pool_only = false;
    for (const auto* e : own("node:" + n.name)) pool_only = pool_only || e->key == "pool_only";
    if (!pool_only && valid_name(n.name)) s.items.push_back(add_item("node", n.name));
  }
  doc_.statements.push_back(std::move(s));
}

void Exporter::ha_parameters() {
  Statement s = open(Statement::Verb::kModify, ObjectKind::kHaParameters, "");
  const auto& t = c_.timing;
  std::set<std::string> timing_used;
  for (const auto* spec : t_.fields("ha_parameters")) {
    const auto& m = spec->model;
    const std::optional<std::uint64_t>* v = m == "timing:dead_ms"           ? &t.dead_ms
                                            : m == "timing:keepalive_ms"    ? &t.keepalive_ms
                                            : m == "timing:warn_ms"         ? &t.warn_ms
                                            : m == "timing:initial_dead_ms" ? &t.initial_dead_ms
                                                                            : nullptr;
    if (v && *v) {
      push_set(s.items, spec->name, std::to_string(**v));
      timing_used.insert(m.substr(7));
    }
  }
  for (const auto& p : c_.properties)
    if (const auto* spec = t_.field_for("ha_parameters", "property:" + p.name))
      set(s.items, spec->name, p.value, {"cluster property ", p.name}, p.origin);
  auto lost = [&](const std::optional<std::uint64_t>& v, const std::string& name,
                  const SourceLocation& where) {
    if (v && !timing_used.count(name))
      d_.loss("loss.timing",
              "timing " + name + " (" + std::to_string(*v) + " ms) has no FailSafe ha_parameters field",
              where);
  };
  lost(t.keepalive_ms, "keepalive_ms", t.keepalive_origin);
  lost(t.dead_ms, "dead_ms", t.dead_origin);
  lost(t.warn_ms, "warn_ms", t.warn_origin);
  lost(t.initial_dead_ms, "initial_dead_ms", t.initial_dead_origin);
  for (const auto* e : own(""))
    if (e->key.starts_with("ha_parameters:"))
      set(s.items, e->key.substr(14), e->value, {"ha_parameters ", e->key}, e->origin);
  if (!s.items.empty()) doc_.statements.push_back(std::move(s));
}

void Exporter::unsupported() {
  for (const auto& ch : c_.channels) {
    bool nic = ch.kind == model::ChannelKind::kUnicast && !ch.node.empty() &&
               c_.find_node(ch.node);
    if (!nic)
      d_.loss("loss.channel",
              std::string(model::to_string(ch.kind)) + " channel" +
                  (ch.interface.empty() ? "" : " on " + ch.interface) +
                  (ch.device.empty() ? "" : " " + ch.device) +
                  (ch.address.empty() ? "" : " " + ch.address) +
                  ": FailSafe has per-node nic networks only",
              ch.origin);
  }
  if (!c_.auth.empty())
    d_.loss("loss.auth",
            "authentication keys: FailSafe configuration has no message authentication "
            "(the key itself is not shown)",
            c_.auth.origin);
  // Each key is a line of its own in the products that have them.
  for (const auto& key : c_.auth.keys)
    if (key.origin.known() && key.origin != c_.auth.origin)
      d_.loss("loss.auth",
              "authentication key " + std::to_string(key.number) + " (" + key.method +
                  "): FailSafe has no message authentication (the key itself is not shown)",
              key.origin);
}

// After map_resources: an order between two written resources becomes a
// resource dependency; anything else is lost.
void Exporter::constraints() {
  for (const auto& k : c_.constraints) {
    if (k.kind != model::ConstraintKind::kOrder) {
      d_.loss("loss.constraint",
              std::string(model::to_string(k.kind)) + " constraint '" + k.id +
                  "': FailSafe orders resources by dependency only",
              k.origin);
      continue;
    }
    for (const auto* id : {&k.resource, &k.with})
      if (!native_index_.count(*id)) {
        d_.loss("loss.constraint",
                "order constraint '" + k.id + "': resource '" + *id +
                    "' is not written to FailSafe, so the dependency is not either",
                k.origin);
        break;
      }
  }
}

void Exporter::attributes_of(const model::Resource& r, const TypeSpec* spec, NativeResource& n) {
  for (const auto& p : r.params) {
    if (p.name == spec->name_param) continue;
    const AttributeMap* a = spec->attribute_for_param(p.name);
    if (!a) {
      const auto* def = model::find(spec->defaults, p.name);
      // A parameter the options repeat (fsid and fsid=N) is carried by them.
      bool in_options = spec->option_value(r.params, p.name) == p.value;
      if (!(def && def->value == p.value) && !in_options)
        d_.loss("loss.param",
                cat({"resource ", r.id, ": parameter ", p.name, "=", t_.shown(p.name, p.value),
                     " has no ", spec->name, " attribute"}),
                p.origin.known() ? p.origin : r.origin);
      continue;
    }
    auto value = t_.convert(a->from_ocf, p.value, d_, p.origin);
    if (!value) {
      d_.loss("loss.param", "resource " + r.id + ": parameter " + p.name + "=" +
                                t_.shown(p.name, p.value) + " cannot be written as " + a->name,
              p.origin.known() ? p.origin : r.origin);
      continue;
    }
    if (value_ok(*value, {"resource ", r.id, " ", a->name}, p.origin))
      put(n.attributes, a->name, std::move(*value));
  }
}

// Tables::type_for_agent, asked once per distinct agent: thousands of
// resources share a few agents, and the tables are searched type by type.
const TypeSpec* Exporter::type_for_agent(const model::AgentRef& agent) {
  auto [it, fresh] = type_for_agent_.try_emplace(agent, nullptr);
  if (fresh) it->second = t_.type_for_agent(agent);
  return it->second;
}

// Which FailSafe type and name a resource gets (into a fresh `n`); reports
// nothing.
void Exporter::identify(const model::Resource& r, NativeResource& n) {
  n.resource = &r;
  const auto* meta_type = model::find(r.meta, kMetaType);
  const auto* meta_name = model::find(r.meta, kMetaName);
  if (meta_type) {
    n.type = meta_type->value;
    n.spec = t_.type(n.type);
  } else if (r.agent.cls == kProduct) {
    n.type = r.agent.type;
    n.spec = t_.type(n.type);
  } else if ((n.spec = type_for_agent(r.agent))) {
    n.type = n.spec->name;
    if (n.spec->agent && *n.spec->agent != r.agent) n.agent = NativeResource::Agent::kRelated;
  } else {
    n.type = r.agent.type;
    n.agent = NativeResource::Agent::kSiteType;
  }
  n.named = n.spec ? n.spec : t_.type(n.type);
  n.site = r.agent.cls == kProduct || !(n.spec && n.spec->agent);
  if (meta_name)
    n.name = meta_name->value;
  else if (!n.site && !n.spec->name_param.empty() && model::find(r.params, n.spec->name_param))
    n.name = model::find(r.params, n.spec->name_param)->value;
  else
    n.name = r.id;
}

// Whether FailSafe can hold the resource at all; when it cannot, the loss
// is reported at the resource's origin and nothing of it is written (the
// reader would reject it).
bool Exporter::writable(const NativeResource& n, Taken& taken) {
  const model::Resource& r = *n.resource;
  auto lost = [&](const std::string& why) {
    d_.loss("loss.resource", "resource " + r.id + " (" + r.agent.to_string() + "): " + why +
                                 "; it is not written",
            r.origin);
    return false;
  };
  if (!valid_name(n.type))
    return lost("'" + n.type + "' cannot be a FailSafe resource type name (blank, '#', '*', "
                "'?', '\\' or over 255 characters)");
  if (!valid_name(n.name))
    return lost("'" + n.name + "' cannot be a FailSafe resource name (blank, '#', '*', '?', "
                "'\\' or over 255 characters)");
  if (n.spec && n.spec->name_form == "ipv4" && !is_ipv4(n.name))
    return lost("an " + n.type + " resource is named by a dotted-decimal address, not '" +
                n.name + "'");
  auto [it, fresh] = taken.emplace(NameType(n.type, n.name), &r);
  if (fresh) return true;
  // FailSafe keys a resource by (name, type): an NFS resource is its export
  // directory, with one export-info for every client, so a second export of
  // that directory (to other clients, with other options) has no place.
  const model::Resource& first = *it->second;
  std::string differs;
  for (const auto& p : r.params) {
    const auto* q = model::find(first.params, p.name);
    if (!q || q->value != p.value)
      differs += (differs.empty() ? "" : ", ") + p.name + "=" + t_.shown(p.name, p.value);
  }
  return lost("FailSafe keys a resource by name and type, and " + n.type + " '" + n.name +
              "' is already resource " + first.id +
              (differs.empty() ? "" : " (this one's " + differs + " would be lost)"));
}

// Reports how the agent is carried and fills the attributes.
void Exporter::describe(NativeResource& n) {
  const model::Resource& r = *n.resource;
  if (n.agent == NativeResource::Agent::kSiteType)
    d_.loss("loss.agent",
            cat({"resource ", r.id, ": agent ", r.agent.to_string(),
                 " has no FailSafe resource type; written as site-defined type '", n.type,
                 "', whose action scripts must be installed (ocfbridge agent export --to "
                 "failsafe)"}),
            r.origin);
  if (n.agent == NativeResource::Agent::kRelated)
    d_.loss("loss.agent",
            "resource " + r.id + ": agent " + r.agent.to_string() + " is written as FailSafe type " +
                n.type + ", which reads back as " + n.spec->agent->to_string(),
            r.origin);
  if (!n.site && !n.spec->name_param.empty() && !model::find(r.params, n.spec->name_param) &&
      !model::find(r.meta, kMetaName))
    d_.loss("loss.param",
            "resource " + r.id + " has no parameter " + n.spec->name_param + ", by which " +
                "FailSafe names a " + n.type + " resource; it is named '" + n.name +
                "', which reads back as " + n.spec->name_param + "='" + n.name + "'",
            r.origin);
  n.attributes.reserve(r.params.size());
  if (!n.site) {
    attributes_of(r, n.spec, n);
  } else {
    for (const auto& p : r.params)
      if (valid_name(p.name) && value_ok(p.value, {"resource ", r.id, " ", p.name}, p.origin))
        put(n.attributes, p.name, p.value);
      else if (!valid_name(p.name))
        d_.loss("loss.param", "resource " + r.id + ": parameter name '" + p.name +
                                  "' cannot be a FailSafe attribute",
                p.origin.known() ? p.origin : r.origin);
  }
  if (resource_extensions_)
    for (const auto* e : own("resource:", r.id))
      if (value_ok(e->value, {"resource ", r.id, " ", e->key}, e->origin))
        put(n.attributes, e->key, e->value);
  for (const auto& m : r.meta)
    if (m.name != kMetaName && m.name != kMetaType)
      d_.loss("loss.resource-meta",
              "resource " + r.id + ": meta attribute " + m.name + "=" + t_.shown(m.name, m.value) +
                  " has no FailSafe equivalent",
              m.origin.known() ? m.origin : r.origin);
}

void Exporter::map_resources() {
  Taken taken;
  taken.reserve(c_.resources.size());
  native_index_.reserve(c_.resources.size());
  natives_.reserve(c_.resources.size());
  // Each resource is made in place, and taken back when it is not written
  // (taken holds views of written ones only).
  for (const auto& r : c_.resources) {
    NativeResource& n = natives_.emplace_back();
    identify(r, n);
    if (!writable(n, taken)) {
      natives_.pop_back();
      continue;
    }
    describe(n);
    native_index_[r.id] = natives_.size() - 1;
  }
}

// Milliseconds from an operation attribute ("30000ms", "30s", "30000").
std::optional<std::uint64_t> milliseconds(std::string_view v) {
  std::uint64_t scale = 1;
  if (v.ends_with("ms")) {
    v.remove_suffix(2);
  } else if (v.ends_with("s")) {
    v.remove_suffix(1);
    scale = 1000;
  }
  if (!is_integer(v)) return std::nullopt;
  return std::stoull(std::string(v)) * scale;
}

void Exporter::type_operations(TypeBlock& block, const std::string& type) {
  const NativeResource* first = nullptr;
  auto natives = natives_of_type_.find(type);
  if (natives == natives_of_type_.end()) return;
  for (const NativeResource* np : natives->second.natives) {
    const NativeResource& n = *np;
    if (!first) {
      first = &n;
      continue;
    }
    if (n.resource->operations != first->resource->operations)
      d_.loss("loss.operation",
              "resource " + n.resource->id + ": its operations differ from those of " +
                  first->resource->id + "; FailSafe keeps one set of actions per resource type ('" +
                  type + "'), taken from " + first->resource->id,
              n.resource->origin);
  }
  if (!first) return;
  const auto* timeout = action_timeout_;
  const auto* interval = action_interval_;
  for (const auto& op : first->resource->operations) {
    auto action = t_.action_for(op.name);
    const auto& where = op.origin.known() ? op.origin : first->resource->origin;
    if (!action) {
      d_.loss("loss.operation",
              "resource " + first->resource->id + ": operation '" + op.name +
                  "' has no FailSafe action",
              where);
      continue;
    }
    SubBlock& a = sub(block.actions, *action);
    if (op.timeout_ms && timeout) put(a.fields, timeout->name, std::to_string(*op.timeout_ms));
    if (op.interval_ms && interval)
      put(a.fields, interval->name, std::to_string(*op.interval_ms));
    if ((op.timeout_ms && !timeout) || (op.interval_ms && !interval))
      d_.loss("loss.operation", "operation " + op.name + ": no action field for its timing",
              where);
    for (const auto& attr : op.attributes) {
      const auto* spec = t_.field_for("action", "op_attribute:" + attr.name);
      auto ms = milliseconds(attr.value);
      if (spec && ms) {
        put(a.fields, spec->name, std::to_string(*ms));
      } else {
        d_.loss("loss.operation",
                "resource " + first->resource->id + ": operation " + op.name + " attribute " +
                    attr.name + "=" + t_.shown(attr.name, attr.value) +
                    " has no FailSafe action field",
                where);
      }
    }
  }
}

void Exporter::type_restarts(TypeBlock& block, const std::string& type) {
  const auto* mode = restart_mode_;
  const auto* count = restart_count_;
  // Settings kept from a FailSafe script (a group whose types restarted
  // differently) win over the groups' single counts.
  if (mode && std::any_of(block.fields.begin(), block.fields.end(),
                          [&](const auto& f) { return f.first == mode->name; }))
    return;
  const model::ResourceGroup* first = nullptr;
  static const std::vector<const model::ResourceGroup*> kNone;
  auto use = natives_of_type_.find(type);
  for (const model::ResourceGroup* gp : use == natives_of_type_.end() ? kNone : use->second.groups) {
    const model::ResourceGroup& g = *gp;
    if (!first) {
      first = &g;
    } else if (g.policy.local_restarts != first->policy.local_restarts) {
      d_.loss("loss.local-restarts",
              "group " + g.id + ": its local restarts differ from group " + first->id +
                  ", which shares resource type '" + type +
                  "'; FailSafe sets restarts per type and keeps group " + first->id + "'s",
              g.policy.origin.known() ? g.policy.origin : g.origin);
    }
  }
  if (!first || !first->policy.local_restarts) return;
  if (!mode || !count) {
    d_.loss("loss.local-restarts", "group " + first->id + ": no restart fields in the tables",
            first->origin);
    return;
  }
  put(block.fields, mode->name, "1");
  put(block.fields, count->name, std::to_string(*first->policy.local_restarts));
}

void Exporter::type_extensions() {
  const std::string kScope = "resource_type:";
  for (const auto& [scope, list] : ext_) {
    if (!scope.starts_with(kScope)) continue;
    std::string type = scope.substr(kScope.size());
    for (const auto* e : list) {
      std::string on_node, path = e->key;
      if (path.starts_with("node:") && path.find('/') != std::string::npos) {
        on_node = path.substr(5, path.find('/') - 5);
        path = path.substr(path.find('/') + 1);
      }
      TypeBlock& b = type_block(type, on_node);
      if (!on_node.empty() || !t_.type(type)) b.define = true;
      // "action:A" / "type_attribute:A" (value empty) say the sub-block
      // exists; "...:A:FIELD" carry a field (values are never empty).
      auto split = [&](std::string_view prefix, std::vector<SubBlock>& list) {
        std::string rest = path.substr(prefix.size());
        auto colon = rest.rfind(':');
        if (e->value.empty() || colon == std::string::npos)
          sub(list, rest);
        else
          put(sub(list, rest.substr(0, colon)).fields, rest.substr(colon + 1), e->value);
      };
      if (path == "defined") {
        b.define = true;
      } else if (path.starts_with("action:")) {
        split("action:", b.actions);
      } else if (path.starts_with("type_attribute:")) {
        split("type_attribute:", b.attributes);
      } else if (path == "dependency") {
        b.dependencies.push_back(e->value);
      } else {
        put(b.fields, path, e->value);
      }
    }
  }
}

void Exporter::types() {
  // Per type: its resources, and the groups holding one (in model order).
  std::vector<TypeUse*> uses;  // in the order of their first resource
  // The last few types met: resources come in runs of a few types, which
  // are then found without hashing.
  std::array<TypeUse*, 4> recent{};
  std::size_t next_recent = 0;
  for (auto& n : natives_) {
    TypeUse* use = nullptr;
    for (TypeUse* r : recent)
      if (r && r->natives.front()->type == n.type) use = r;
    if (!use) {
      auto [it, fresh] = natives_of_type_.try_emplace(n.type);
      use = &it->second;
      if (fresh) uses.push_back(use);
      recent[next_recent++ % recent.size()] = use;
    }
    use->natives.push_back(&n);
    n.use = use;
  }
  group_members_.reserve(c_.groups.size());
  for (std::size_t gi = 0; gi < c_.groups.size(); ++gi) {
    const auto& g = c_.groups[gi];
    auto& members = group_members_.emplace_back();
    members.reserve(g.members.size());
    for (const auto& id : g.members) {
      auto it = native_index_.find(id);
      members.push_back(it == native_index_.end() ? kNotWritten : it->second);
      if (it == native_index_.end()) continue;
      TypeUse& use = *natives_[it->second].use;
      if (use.last_group != gi) {
        use.last_group = gi;
        use.groups.push_back(&g);
      }
    }
  }
  // A block per type, in the order of the types' first resources.
  types_.reserve(types_.size() + uses.size());
  type_index_.reserve(type_index_.size() + uses.size());
  for (TypeUse* use : uses) {
    use->block = type_block_index(use->natives.front()->type, "");
    for (const NativeResource* n : use->natives)
      if (!n->named) types_[use->block].define = true;
  }
  // Actions first (in the order of the operations), then what the
  // extensions kept (in their order), then attributes only parameters name.
  std::size_t used = types_.size();
  for (std::size_t i = 0; i < used; ++i) {
    std::string name = types_[i].name;
    type_operations(types_[i], name);
  }
  type_extensions();
  // (By type: the blocks are apart, and each takes its resources in order.)
  for (TypeUse* use : uses)
    for (const NativeResource* n : use->natives) {
      if (n->named) continue;
      TypeBlock& b = types_[use->block];
      for (const auto& [attr, _] : n->attributes) sub(b.attributes, attr);
    }
  for (std::size_t i = 0; i < used; ++i) {
    std::string name = types_[i].name;
    type_restarts(types_[i], name);
  }
  const auto* order = t_.field_for("resource_type", "order");
  for (auto& b : types_) {
    bool has_order = std::any_of(b.fields.begin(), b.fields.end(),
                                 [&](const auto& f) { return order && f.first == order->name; });
    if (b.define && b.on_node.empty() && !t_.type(b.name) && !has_order && order)
      b.fields.insert(b.fields.begin(), {order->name, std::to_string(t_.site_order())});
  }
}

void Exporter::emit_types() {
  // A type's dependencies must exist when it is defined.
  // Views of the blocks' names, which stay put while they are written.
  std::unordered_set<std::string_view> done;
  std::unordered_set<std::string_view> defined;  // types this script defines
  for (const auto& b : types_)
    if (b.define) defined.insert(b.name);
  doc_.statements.reserve(doc_.statements.size() + types_.size());
  std::vector<bool> emitted(types_.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < types_.size(); ++i) {
      const TypeBlock& b = types_[i];
      if (emitted[i]) continue;
      bool ready = std::all_of(b.dependencies.begin(), b.dependencies.end(),
                               [&](const std::string& d) {
                                 return done.count(d) || t_.type(d) || !defined.count(d);
                               });
      if (!ready) continue;
      emitted[i] = progress = true;
      if (b.on_node.empty()) done.insert(b.name);
      if (!b.has_content()) continue;
      if (!name_ok(b.name, "resource type", {})) continue;
      Statement& s = open_next(b.define ? Statement::Verb::kDefine : Statement::Verb::kModify,
                               ObjectKind::kResourceType, b.name);
      s.on_node.text = b.on_node;
      s.items.reserve(b.fields.size() + b.actions.size() + b.attributes.size() +
                      b.dependencies.size());
      for (const auto& [f, v] : b.fields)
        set(s.items, f, v, {"resource type ", b.name, " ", f}, {});
      for (const auto& a : b.actions) push_block(s.items, "action", a.name, a.fields);
      for (const auto& a : b.attributes)
        push_block(s.items, "type_attribute", a.name, a.fields);
      for (const auto& d : b.dependencies) push_add(s.items, "dependency", d);
    }
  }
}

void Exporter::resources() {
  // Order constraints by the resource that comes second.
  NameMap<std::vector<const model::Constraint*>> after;
  for (const auto& k : c_.constraints)
    if (k.kind == model::ConstraintKind::kOrder) after[k.with].push_back(&k);
  // The resources written so far, kept only when a dependency may ask.
  std::unordered_set<std::string_view> written;
  if (!after.empty()) written.reserve(natives_.size());
  std::vector<Statement> deferred;
  // Room for the statements still to come (resources, then policies, groups
  // and quit, as policies_and_groups() counts them), so that the document's
  // statements are not moved again.
  doc_.statements.reserve(doc_.statements.size() + natives_.size() + ext_.size() +
                          2 * c_.groups.size() + 1);
  static const std::vector<const model::Constraint*> kNone;
  for (auto& n : natives_) {
    Statement& s = open_next(Statement::Verb::kDefine, ObjectKind::kResource, n.name);
    s.of_type.text = s.type = n.type;
    const std::vector<const model::Constraint*>* constraints = &kNone;
    if (!after.empty())
      if (auto found = after.find(n.resource->id); found != after.end())
        constraints = &found->second;
    s.items.reserve(n.attributes.size() + constraints->size());
    // Nothing reads a resource's attributes after this: the values move.
    for (auto& [a, v] : n.attributes) push_set(s.items, a, std::move(v));
    if (after.empty()) continue;
    // The modify for dependencies on resources defined later, made only
    // when there is one.
    std::optional<Statement> later;
    for (const auto* kp : *constraints) {
      const auto& k = *kp;
      auto it = native_index_.find(k.resource);
      if (it == native_index_.end()) continue;
      const auto& dep = natives_[it->second];
      if (written.count(dep.resource->id)) {
        push_add(s.items, "dependency", dep.name, dep.type);
        continue;
      }
      if (!later) {
        later = open(Statement::Verb::kModify, ObjectKind::kResource, n.name);
        later->of_type.text = later->type = n.type;
      }
      push_add(later->items, "dependency", dep.name, dep.type);
    }
    written.insert(n.resource->id);
    if (later) deferred.push_back(std::move(*later));
  }
  doc_.statements.reserve(doc_.statements.size() + deferred.size());
  for (auto& s : deferred) doc_.statements.push_back(std::move(s));
}

std::string Exporter::policy_for(const model::ResourceGroup& g) {
  const auto& p = g.policy;
  std::string name = p.name.empty() ? g.id + "_fp" : p.name;
  const auto& exts = own("failover_policy:", name);
  // Made in place, and taken back when it is not written.
  Statement& s = open_next(Statement::Verb::kDefine, ObjectKind::kFailoverPolicy, name);
  s.items.reserve(4 + p.attributes.size() + exts.size());
  const auto* attribute = policy_attribute_;
  const auto* script = policy_script_;
  const auto* domain = policy_domain_;
  auto where = p.origin.known() ? p.origin : g.origin;
  if (!attribute || !script || !domain) {
    d_.error("failsafe.quirk-model", "the failover_policy field table lacks attribute, script "
                                     "or domain");
    doc_.statements.pop_back();
    return name;
  }
  for (const auto& w : policy_words_) {
    bool on = (w.automatic && p.failback == model::Failback::kAutomatic) ||
              (w.manual && p.failback == model::Failback::kManual) ||
              (w.auto_recovery && p.auto_recovery) || (w.in_place_recovery && p.in_place_recovery);
    if (on) push_set(s.items, attribute->name, *w.word);
  }
  for (const auto& a : p.attributes) {
    if (a.value == "true" && valid_name(a.name))
      push_set(s.items, attribute->name, a.name);
    else
      d_.loss("loss.policy-attribute",
              "group " + g.id + ": policy attribute " + a.name + "=" + t_.shown(a.name, a.value) +
                  " is not a FailSafe policy attribute word",
              a.origin.known() ? a.origin : where);
  }
  std::string script_name = t_.script_for(p.mode);
  for (const auto* e : exts)
    if (e->key == script->name) script_name = e->value;
  push_set(s.items, script->name, std::move(script_name));
  std::string nodes;
  for (const auto& n : p.domain) (nodes.empty() ? nodes : nodes += ' ') += n;
  if (nodes.empty()) {
    for (const auto& n : c_.nodes) (nodes.empty() ? nodes : nodes += ' ') += n.name;
    d_.warning("failsafe.default-domain",
               "group " + g.id + " has no failover domain; FailSafe needs one, so it gets "
               "every node in cluster order",
               where);
  }
  if (!nodes.empty()) push_set(s.items, domain->name, std::move(nodes));
  for (const auto* e : exts)
    if (e->key != script->name) set(s.items, e->key, e->value, {"policy ", name}, e->origin);
  if (p.initially_disabled)
    d_.loss("loss.initially-disabled",
            "group " + g.id + " starts disabled; a FailSafe group is brought online by "
            "'admin online', not by configuration",
            where);
  // Groups may share a policy; a name reused for a different policy is
  // renamed so that neither changes.
  std::string text;
  for (const auto& it : s.items) text.append(it.field.text).append("=").append(it.value.text) += '\n';
  auto known = policies_.find(name);
  if (known != policies_.end()) {
    if (known->second == text) {
      doc_.statements.pop_back();
      return name;
    }
    std::string renamed = name + "-" + g.id;
    d_.warning("failsafe.policy-renamed",
               "group " + g.id + " has a different policy under the name '" + name +
                   "'; written as '" + renamed + "'",
               where);
    name = renamed;
    s.name.text = name;
  }
  if (!name_ok(name, "failover policy", where)) {
    doc_.statements.pop_back();
    return name;
  }
  policies_[name] = std::move(text);
  return name;
}

// A resource's start order: its type's `order` as written, or the tables'.
// The same for every resource of a type, so asked once per type.
std::int64_t Exporter::order_of(const NativeResource& n) {
  auto& order = n.use->order;
  if (order) return *order;
  order = [&] {
    if (const TypeBlock* b = find_type_block(n.type))
      for (const auto& [f, v] : b->fields)
        if (f == "order" && is_integer(v)) return static_cast<std::int64_t>(std::stoll(v));
    return t_.order_of(n.type);
  }();
  return *order;
}

void Exporter::member_order(const model::ResourceGroup& g,
                            const std::vector<std::size_t>& members) {
  std::int64_t last = -1;
  std::string last_id;
  for (std::size_t m = 0; m < g.members.size(); ++m) {
    if (members[m] == kNotWritten) continue;
    const auto& id = g.members[m];
    auto order = order_of(natives_[members[m]]);
    if (order < last) {
      d_.loss("loss.member-order",
              "group " + g.id + ": FailSafe starts members by resource type order, so " + id +
                  " (order " + std::to_string(order) + ") starts before " + last_id +
                  " (order " + std::to_string(last) + ")",
              g.origin);
      return;
    }
    last = order;
    last_id = id;
  }
}

void Exporter::policies_and_groups() {
  // Policies no group uses, kept from a FailSafe script.
  const std::string kScope = "failover_policy:";
  doc_.statements.reserve(doc_.statements.size() + ext_.size() + 2 * c_.groups.size() + 1);
  // (The names the groups use, gathered only when a policy was kept.)
  std::set<std::string> used;
  if (auto kept = ext_.lower_bound(kScope); kept != ext_.end() && kept->first.starts_with(kScope))
    for (const auto& g : c_.groups)
      used.insert(g.policy.name.empty() ? g.id + "_fp" : g.policy.name);
  for (const auto& [scope, list] : ext_) {
    if (!scope.starts_with(kScope) || used.count(scope.substr(kScope.size()))) continue;
    Statement s = open(Statement::Verb::kDefine, ObjectKind::kFailoverPolicy,
                       scope.substr(kScope.size()));
    for (const auto* e : list) set(s.items, e->key, e->value, {"policy ", s.name.text}, e->origin);
    policies_[s.name.text] = "";
    doc_.statements.push_back(std::move(s));
  }
  for (std::size_t gi = 0; gi < c_.groups.size(); ++gi) {
    const auto& g = c_.groups[gi];
    if (!name_ok(g.id, "resource group", g.origin)) continue;
    std::string policy = policy_for(g);
    Statement& s = open_next(Statement::Verb::kDefine, ObjectKind::kResourceGroup, g.id);
    s.items.reserve(1 + g.members.size());
    push_set(s.items, group_policy_ ? group_policy_->name : "failover_policy", std::move(policy));
    for (std::size_t i : group_members_[gi]) {
      if (i == kNotWritten) continue;
      const auto& n = natives_[i];
      push_add(s.items, "resource", n.name, n.type);
    }
    for (const auto* e : own("group:", g.id))
      set(s.items, e->key, e->value, {"group ", g.id, " ", e->key}, e->origin);
    for (const auto& m : g.meta)
      d_.loss("loss.group-meta",
              "group " + g.id + ": meta attribute " + m.name + "=" + t_.shown(m.name, m.value) +
                  " has no FailSafe equivalent",
              m.origin.known() ? m.origin : g.origin);
    member_order(g, group_members_[gi]);
  }
}

}  // namespace

std::optional<Document> export_cmgr(const model::Cluster& cluster, const Tables& tables,
                                    model::Diagnostics& diagnostics) {
  Exporter exporter(cluster, tables, diagnostics);
  return exporter.run();
}

}  // namespace ocf::adapters::failsafe
