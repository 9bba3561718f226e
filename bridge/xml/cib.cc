#include "bridge/xml/cib.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bridge/xml/built_tree.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;
using Index = TreeMaker::Index;

// Which bytes an id keeps as they are, and which may start one.
struct IdBytes {
  std::array<bool, 256> name{};
  std::array<bool, 256> start{};
  constexpr IdBytes() {
    for (int c = 0; c < 256; ++c) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      name[c] = letter || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      start[c] = letter || c == '_' || !name[c];  // a replaced byte starts as '_'
    }
  }
};
constexpr IdBytes kIdBytes;

// Every id in a CIB is an xsd:ID (an NCName) and unique in the document.
// The ids are kept here, NUL-terminated in blocks that never move, and the
// tree points at them.
class Ids {
 public:
  // `wanted` (or `first` and `second` joined by '-') made a valid NCName and
  // unique: every byte other than a letter, digit, '-', '_' or '.' becomes
  // '_', a '_' goes before an id that is empty or starts with a digit, '-'
  // or '.', and a taken id gets the first free suffix -2, -3, ...
  std::string_view make(std::string_view wanted) { return make_parts(wanted, {}); }
  std::string_view make(std::string_view first, std::string_view second) {
    return make_parts(first, second);
  }

  // Room for about `count` ids without rehashing (a CIB of 10,000
  // resources has about ten ids per resource).
  void expect(std::size_t count) { used_.reserve(count); }

 private:
  static constexpr std::size_t kBlock = 64 * 1024;

  // The id is made in place, in the free part of the current block, and
  // kept there when it is free.
  std::string_view make_parts(std::string_view first, std::optional<std::string_view> second) {
    std::size_t size = first.size() + (second ? 1 + second->size() : 0);
    char* at = room(size + 2);  // a '_' before it, the NUL after it
    char* p = at;
    std::string_view lead = !first.empty() ? first : second ? std::string_view("-") : first;
    if (lead.empty() || !kIdBytes.start[static_cast<unsigned char>(lead[0])]) *p++ = '_';
    p = sanitized(p, first);
    if (second) {
      *p++ = '-';
      p = sanitized(p, *second);
    }
    *p = '\0';
    std::string_view id(at, static_cast<std::size_t>(p - at));
    if (used_.insert(id).second) {
      used_in_block_ += id.size() + 1;
      return id;
    }
    std::string taken(id);  // the block's free part is reused below
    for (int n = 2;; ++n) {
      std::string unique = taken + "-" + std::to_string(n);
      char* copy = room(unique.size() + 1);
      std::memcpy(copy, unique.data(), unique.size() + 1);
      std::string_view kept(copy, unique.size());
      if (used_.insert(kept).second) {
        used_in_block_ += kept.size() + 1;
        return kept;
      }
    }
  }
  static char* sanitized(char* out, std::string_view text) {
    for (char c : text) *out++ = kIdBytes.name[static_cast<unsigned char>(c)] ? c : '_';
    return out;
  }
  // `size` free bytes at the end of the current block (a new one when it
  // has fewer).
  char* room(std::size_t size) {
    if (size > capacity_ - used_in_block_) {
      capacity_ = std::max(kBlock, size);
      blocks_.emplace_back(new char[capacity_]);
      used_in_block_ = 0;
    }
    return blocks_.back().get() + used_in_block_;
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t capacity_ = 0;  // of the current block
  std::size_t used_in_block_ = 0;
  std::unordered_set<std::string_view> used_;
};

// "10s" when whole seconds, else "1500ms".
std::string duration(std::uint64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

bool pacemaker_class(std::string_view cls) {
  for (std::string_view known :
       {"ocf", "lsb", "heartbeat", "stonith", "upstart", "service", "systemd", "nagios"})
    if (cls == known) return true;
  return false;
}

// Operation attributes that a CIB <op> holds as XML attributes.
bool op_attribute(std::string_view name) {
  for (std::string_view known : {"description", "enabled", "interval-origin", "on-fail",
                                 "record-pending", "role", "start-delay"})
    if (name == known) return true;
  return false;
}

class CibWriter {
 public:
  explicit CibWriter(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  std::optional<std::string> write(const model::Cluster& cluster);

 private:
  // A name and value of an nvpair, each a model string, a literal or a kept
  // string.
  struct Pair {
    std::string_view name;
    std::string_view value;
  };
  using Pairs = std::vector<Pair>;

  Index child(Index parent, std::string_view name) { return t_.child(parent, name); }
  // Values are written up to their first NUL, as a C string would be.
  void set(Index node, std::string_view name, std::string_view value) {
    t_.set(node, name, value.data(), std::strlen(value.data()));
  }
  // A word made here (a number, a duration), kept as long as the tree.
  void set_made(Index node, std::string_view name, std::string&& value) {
    set(node, name, t_.keep(std::move(value)));
  }
  // An nvpair set (instance_attributes, meta_attributes, ...) named
  // "<owner>-<element>", when there is something to put in it. `pairs` is
  // Pairs or model::Attributes (each with a name and a value).
  template <typename List>
  void nvset(Index parent, std::string_view element, std::string_view owner, const List& pairs) {
    if (pairs.empty()) return;
    std::string_view set_id = ids_.make(owner, element);
    Index e = child(parent, element);
    set(e, "id", set_id);
    nvpairs(e, set_id, pairs);
  }
  template <typename List>
  void nvpairs(Index set_node, std::string_view set_id, const List& pairs) {
    for (const auto& pair : pairs) {
      Index nv = child(set_node, "nvpair");
      set(nv, "id", ids_.make(set_id, pair.name));
      set(nv, "name", pair.name);
      set(nv, "value", pair.value);
    }
  }
  static Pairs plain(const model::Attributes& list) {
    Pairs out;
    out.reserve(list.size());
    for (const auto& a : list) out.push_back({a.name, a.value});
    return out;
  }

  void crm_config(Index configuration, const model::Cluster& cluster);
  void nodes(Index configuration, const model::Cluster& cluster);
  void primitive(Index parent, const model::Resource& r);
  void operations(Index primitive, const std::string& id, const model::Resource& r);
  void group(Index parent, const model::ResourceGroup& g, const model::ResourceIndex& resources);
  Pairs policy_meta(const model::ResourceGroup& g);
  void domain_constraints(Index constraints, const model::ResourceGroup& g);
  void constraint(Index constraints, const model::Constraint& c, std::size_t index);
  void losses(const model::Cluster& cluster);
  // The CIB id of a resource or group (its model id, made valid).
  const std::string& ref(const std::string& model_id) const {
    auto it = renamed_.find(model_id);
    return it == renamed_.end() ? model_id : it->second;
  }
  void claim(const std::string& model_id, const SourceLocation& where);
  bool left_out(std::string_view model_id) const {
    return !left_out_.empty() && left_out_.contains(model_id);
  }

  Diagnostics& diagnostics_;
  Ids ids_;
  std::map<std::string, std::string> renamed_;
  // Model ids of resources and groups that are not written.
  std::unordered_set<std::string_view> left_out_;
  BuiltTree tree_;
  TreeMaker t_{tree_};
};

void CibWriter::claim(const std::string& model_id, const SourceLocation& where) {
  std::string_view id = ids_.make(model_id);
  if (id != model_id) {
    std::string& renamed = renamed_[model_id] = std::string(id);
    diagnostics_.warning("cib.id-renamed",
                         "'" + model_id + "' is not a valid Pacemaker id; written as '" + renamed +
                             "'",
                         where);
  }
}

void CibWriter::crm_config(Index configuration, const model::Cluster& cluster) {
  auto properties = plain(cluster.properties);
  if (!cluster.name.empty() && !model::find(cluster.properties, "cluster-name"))
    properties.push_back({"cluster-name", cluster.name});
  bool fencing = false;
  for (const auto& r : cluster.resources) fencing = fencing || r.agent.cls == "stonith";
  if (!fencing && !model::find(cluster.properties, "stonith-enabled")) {
    // Pacemaker refuses to start resources without fencing unless told.
    properties.push_back({"stonith-enabled", "false"});
    diagnostics_.warning("cib.no-fencing",
                         "the model has no fencing (stonith) resource; the CIB sets "
                         "stonith-enabled=false, which a production cluster should revisit");
  }
  Index crm = child(configuration, "crm_config");
  Index options = child(crm, "cluster_property_set");
  std::string_view set_id = ids_.make("cib-bootstrap-options");
  set(options, "id", set_id);
  nvpairs(options, set_id, properties);
}

void CibWriter::nodes(Index configuration, const model::Cluster& cluster) {
  Index nodes = child(configuration, "nodes");
  for (const auto& n : cluster.nodes) {
    Index e = child(nodes, "node");
    // Node ids are plain text in the CIB: the cluster layer's node id.
    if (n.id) set_made(e, "id", std::to_string(*n.id));
    else set(e, "id", n.name);
    set(e, "uname", n.name);
    nvset(e, "instance_attributes", "nodes-" + n.name, n.attributes);
    if (!n.addresses.empty())
      diagnostics_.loss("loss.cib-node-address",
                        "addresses of node '" + n.name +
                            "' have no place in the CIB (they belong in corosync.conf)",
                        n.origin);
  }
}

void CibWriter::operations(Index primitive, const std::string& id, const model::Resource& r) {
  if (r.operations.empty()) return;
  Index ops = child(primitive, "operations");
  for (const auto& op : r.operations) {
    const std::string& interval =
        t_.keep(op.interval_ms ? duration(*op.interval_ms) : std::string("0"));
    Index e = child(ops, "op");
    std::string_view op_id = ids_.make(id + "-" + op.name + "-interval-" + interval);
    set(e, "id", op_id);
    set(e, "name", op.name);
    set(e, "interval", interval);
    if (op.timeout_ms) set_made(e, "timeout", duration(*op.timeout_ms));
    Pairs instance;
    for (const auto& a : op.attributes) {
      if (op_attribute(a.name)) {
        set(e, std::string_view(a.name.c_str(), std::strlen(a.name.c_str())), a.value);
      } else if (a.name == "depth") {
        instance.push_back({"OCF_CHECK_LEVEL", a.value});  // the OCF name of a depth
      } else {
        diagnostics_.loss("loss.cib-op-attribute",
                          "operation attribute '" + a.name + "' of " + op.name + " on '" + r.id +
                              "' has no CIB equivalent",
                          a.origin.known() ? a.origin : op.origin);
      }
    }
    nvset(e, "instance_attributes", op_id, instance);
  }
}

void CibWriter::primitive(Index parent, const model::Resource& r) {
  Index e = child(parent, "primitive");
  const std::string& id = ref(r.id);
  set(e, "id", id);
  set(e, "class", r.agent.cls);
  if (r.agent.cls == "ocf") set(e, "provider", r.agent.provider);
  set(e, "type", r.agent.type);
  nvset(e, "instance_attributes", id, r.params);
  nvset(e, "meta_attributes", id, r.meta);
  operations(e, id, r);
}

CibWriter::Pairs CibWriter::policy_meta(const model::ResourceGroup& g) {
  const auto& p = g.policy;
  SourceLocation where = p.origin.known() ? p.origin : g.origin;
  Pairs meta;
  auto add = [&](std::string_view name, std::string_view value, const std::string& what) {
    if (const auto* explicit_meta = model::find(g.meta, name)) {
      if (explicit_meta->value != value)
        diagnostics_.loss("loss.cib-policy",
                          what + " of group '" + g.id + "' would set " + std::string(name) +
                              "=" + std::string(value) +
                              ", but the group's own meta attribute sets " +
                              explicit_meta->value,
                          where);
      return;
    }
    meta.push_back({name, value});
  };
  add("resource-stickiness", p.failback == model::Failback::kManual ? "INFINITY" : "0",
      "failback " + std::string(model::to_string(p.failback)));
  if (p.local_restarts)
    add("migration-threshold", t_.keep(std::to_string(*p.local_restarts + 1ULL)),
        "local restarts");
  if (p.initially_disabled) add("target-role", "Stopped", "initially disabled");
  return meta;
}

void CibWriter::group(Index parent, const model::ResourceGroup& g,
                      const model::ResourceIndex& resources) {
  Index e = child(parent, "group");
  const std::string& id = ref(g.id);
  set(e, "id", id);
  auto meta = plain(g.meta);
  for (auto& m : policy_meta(g)) meta.push_back(m);
  nvset(e, "meta_attributes", id, meta);
  for (const auto& member : g.members)
    if (const auto* r = resources.find(member); r && !left_out(r->id)) primitive(e, *r);
}

void CibWriter::domain_constraints(Index constraints, const model::ResourceGroup& g) {
  const auto& domain = g.policy.domain;
  for (std::size_t i = 0; i < domain.size(); ++i) {
    Index e = child(constraints, "rsc_location");
    set(e, "id", ids_.make("location-" + ref(g.id), domain[i]));
    set(e, "rsc", ref(g.id));
    set(e, "node", domain[i]);
    // Preferred first: scores fall by 100 along the domain.
    set_made(e, "score", std::to_string((domain.size() - i) * 100));
  }
}

void CibWriter::constraint(Index constraints, const model::Constraint& c, std::size_t index) {
  std::string_view id = ids_.make(c.id.empty() ? std::string(model::to_string(c.kind)) + "-" +
                                                       std::to_string(index + 1)
                                                 : c.id);
  const std::string& score = c.score;
  std::string_view score_or_infinity = score.empty() ? std::string_view("INFINITY") : score;
  switch (c.kind) {
    case model::ConstraintKind::kLocation: {
      Index e = child(constraints, "rsc_location");
      set(e, "id", id);
      set(e, "rsc", ref(c.resource));
      set(e, "node", c.node);
      set(e, "score", score_or_infinity);
      break;
    }
    case model::ConstraintKind::kOrder: {
      Index e = child(constraints, "rsc_order");
      set(e, "id", id);
      set(e, "first", ref(c.resource));
      set(e, "then", ref(c.with));
      // Pacemaker orders by kind; a score is deprecated there.
      if (score == "0") {
        set(e, "kind", "Optional");
      } else if (!score.empty() && score != "INFINITY" && score != "+INFINITY") {
        set(e, "kind", "Mandatory");
        diagnostics_.loss("loss.cib-order-score",
                          "order constraint score " + score + " becomes a mandatory order",
                          c.origin);
      }
      break;
    }
    case model::ConstraintKind::kColocation: {
      Index e = child(constraints, "rsc_colocation");
      set(e, "id", id);
      set(e, "rsc", ref(c.resource));
      set(e, "with-rsc", ref(c.with));
      set(e, "score", score_or_infinity);
      break;
    }
  }
}

void CibWriter::losses(const model::Cluster& cluster) {
  for (const auto& c : cluster.channels)
    diagnostics_.loss("loss.cib-channel",
                      std::string(model::to_string(c.kind)) +
                          " channel: the CIB has no communication channels (corosync.conf has)",
                      c.origin);
  if (cluster.timing != model::Timing{})
    diagnostics_.loss("loss.cib-timing",
                      "membership timing (keepalive, warn, dead, initial dead) belongs to "
                      "corosync.conf (token, consensus), not the CIB");
  for (const auto& k : cluster.auth.keys)
    diagnostics_.loss("loss.cib-auth",
                      "authentication key " + std::to_string(k.number) +
                          " belongs to corosync's authkey, not the CIB",
                      k.origin);
  for (const auto& g : cluster.groups) {
    const auto& p = g.policy;
    SourceLocation where = p.origin.known() ? p.origin : g.origin;
    auto lost = [&](const std::string& code, const std::string& what) {
      diagnostics_.loss(code, what + " of group '" + g.id + "' has no Pacemaker equivalent",
                        where);
    };
    if (g.members.empty())
      diagnostics_.loss("loss.cib-empty-group",
                        "group '" + g.id + "' has no members; Pacemaker groups need one",
                        g.origin);
    if (p.mode == model::PlacementMode::kRoundRobin)
      lost("loss.round-robin", "round-robin placement");
    if (p.in_place_recovery) lost("loss.cib-policy", "in-place recovery");
    if (p.auto_recovery) lost("loss.cib-policy", "auto recovery");
    if (!p.name.empty()) lost("loss.cib-policy", "the failover policy name '" + p.name + "'");
    for (const auto& a : p.attributes)
      diagnostics_.loss("loss.cib-policy",
                        "failover policy attribute " + a.name + "=" + a.value + " of group '" +
                            g.id + "' has no Pacemaker equivalent",
                        a.origin.known() ? a.origin : where);
  }
}

std::optional<std::string> CibWriter::write(const model::Cluster& cluster) {
  // A resource whose agent Pacemaker cannot run (a FailSafe or Kimberlite
  // script without an OCF or LSB mapping) is left out, as a loss; so is a
  // group left without members by that, and every constraint on either.
  for (const auto& r : cluster.resources)
    if (!pacemaker_class(r.agent.cls)) {
      left_out_.insert(r.id);
      diagnostics_.loss("loss.cib-agent-class",
                        "resource '" + r.id + "' uses agent class '" + r.agent.cls +
                            "', which Pacemaker cannot run; it is left out of the CIB",
                        r.origin);
    }
  if (!left_out_.empty())
    for (const auto& g : cluster.groups)
      if (!g.members.empty() && std::all_of(g.members.begin(), g.members.end(),
                                            [&](const std::string& m) { return left_out(m); })) {
        left_out_.insert(g.id);
        diagnostics_.loss("loss.cib-agent-class",
                          "group '" + g.id +
                              "' has no member that Pacemaker can run; it is left out of the CIB",
                          g.origin);
      }
  ids_.expect(10 * (cluster.resources.size() + cluster.groups.size()) + 64);
  // Resource and group ids first, so that every reference uses the same.
  for (const auto& r : cluster.resources)
    if (!left_out(r.id)) claim(r.id, r.origin);
  for (const auto& g : cluster.groups)
    if (!g.members.empty() && !left_out(g.id)) claim(g.id, g.origin);

  Index cib = t_.root("cib");
  set(cib, "validate-with", kCibSchema);
  set(cib, "admin_epoch", "0");
  set(cib, "epoch", "1");
  set(cib, "num_updates", "0");
  Index configuration = child(cib, "configuration");
  crm_config(configuration, cluster);
  nodes(configuration, cluster);

  // Resources in model order; a group where its first member stands.
  Index resources = child(configuration, "resources");
  std::unordered_map<std::string_view, const model::ResourceGroup*> group_of;
  for (const auto& g : cluster.groups)
    for (const auto& m : g.members) group_of.emplace(m, &g);
  std::unordered_set<const model::ResourceGroup*> written;
  const model::ResourceIndex by_id(cluster);
  for (const auto& r : cluster.resources) {
    auto it = group_of.find(r.id);
    if (it == group_of.end()) {
      if (!left_out(r.id)) primitive(resources, r);
    } else if (!left_out(it->second->id) && written.insert(it->second).second) {
      group(resources, *it->second, by_id);
    }
  }

  Index constraints = child(configuration, "constraints");
  for (const auto& g : cluster.groups)
    if (!g.members.empty() && !left_out(g.id)) domain_constraints(constraints, g);
  for (std::size_t i = 0; i < cluster.constraints.size(); ++i) {
    const model::Constraint& c = cluster.constraints[i];
    bool on_left_out = left_out(c.resource) ||
                       (c.kind != model::ConstraintKind::kLocation && left_out(c.with));
    if (!on_left_out) {
      constraint(constraints, c, i);
      continue;
    }
    diagnostics_.loss("loss.cib-agent-class",
                      std::string(model::to_string(c.kind)) + " constraint" +
                          (c.id.empty() ? std::string() : " '" + c.id + "'") +
                          " refers to a resource left out of the CIB",
                      c.origin);
  }
  child(cib, "status");
  losses(cluster);

  return serialize(tree_, t_.bytes());
}

}  // namespace

std::optional<std::string> write_cib(const model::Cluster& cluster,
                                     model::Diagnostics& diagnostics) {
  Diagnostics local;
  auto out = CibWriter(local).write(cluster);
  diagnostics.append(local);
  return out;
}

}  // namespace ocf::xml
