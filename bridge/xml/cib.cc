#include "bridge/xml/cib.h"

#include <pugixml.hpp>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;

// Every id in a CIB is an xsd:ID (an NCName) and unique in the document.
class Ids {
 public:
  // `wanted` made a valid NCName and unique.
  std::string make(std::string_view wanted) {
    std::string id(wanted);
    for (char& c : id) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.';
      if (!ok) c = '_';
    }
    if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') ||
                        id[0] == '_'))
      id.insert(0, "_");
    if (used_.insert(id).second) return id;
    for (int n = 2;; ++n)
      if (std::string unique = id + "-" + std::to_string(n); used_.insert(unique).second)
        return unique;
  }

  // Room for about `count` ids without rehashing (a CIB of 10,000
  // resources has about ten ids per resource).
  void expect(std::size_t count) { used_.reserve(count); }

 private:
  std::unordered_set<std::string> used_;
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
  static pugi::xml_node child(pugi::xml_node parent, const char* name) {
    return parent.append_child(name);
  }
  static void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name).set_value(value.c_str());
  }
  // An nvpair set (instance_attributes, meta_attributes, ...) named
  // "<owner>-<element>", when there is something to put in it.
  void nvset(pugi::xml_node parent, const char* element, const std::string& owner,
             const std::vector<std::pair<std::string, std::string>>& pairs);
  static std::vector<std::pair<std::string, std::string>> plain(const model::Attributes& list) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& a : list) out.emplace_back(a.name, a.value);
    return out;
  }

  void crm_config(pugi::xml_node configuration, const model::Cluster& cluster);
  void nodes(pugi::xml_node configuration, const model::Cluster& cluster);
  void primitive(pugi::xml_node parent, const model::Resource& r);
  void operations(pugi::xml_node primitive, const std::string& id, const model::Resource& r);
  void group(pugi::xml_node parent, const model::ResourceGroup& g,
             const model::ResourceIndex& resources);
  std::vector<std::pair<std::string, std::string>> policy_meta(const model::ResourceGroup& g);
  void domain_constraints(pugi::xml_node constraints, const model::ResourceGroup& g);
  void constraint(pugi::xml_node constraints, const model::Constraint& c, std::size_t index);
  void losses(const model::Cluster& cluster);
  // The CIB id of a resource or group (its model id, made valid).
  std::string ref(const std::string& model_id) const {
    auto it = renamed_.find(model_id);
    return it == renamed_.end() ? model_id : it->second;
  }
  std::string claim(const std::string& model_id, const SourceLocation& where);

  Diagnostics& diagnostics_;
  Ids ids_;
  std::map<std::string, std::string> renamed_;
};

std::string CibWriter::claim(const std::string& model_id, const SourceLocation& where) {
  std::string id = ids_.make(model_id);
  if (id != model_id) {
    renamed_[model_id] = id;
    diagnostics_.warning("cib.id-renamed",
                         "'" + model_id + "' is not a valid Pacemaker id; written as '" + id + "'",
                         where);
  }
  return id;
}

void CibWriter::nvset(pugi::xml_node parent, const char* element, const std::string& owner,
                      const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (pairs.empty()) return;
  std::string set_id = ids_.make(owner + "-" + element);
  pugi::xml_node e = child(parent, element);
  set(e, "id", set_id);
  for (const auto& [name, value] : pairs) {
    pugi::xml_node nv = child(e, "nvpair");
    set(nv, "id", ids_.make(set_id + "-" + name));
    set(nv, "name", name);
    set(nv, "value", value);
  }
}

void CibWriter::crm_config(pugi::xml_node configuration, const model::Cluster& cluster) {
  auto properties = plain(cluster.properties);
  if (!cluster.name.empty() && !model::find(cluster.properties, "cluster-name"))
    properties.emplace_back("cluster-name", cluster.name);
  bool fencing = false;
  for (const auto& r : cluster.resources) fencing = fencing || r.agent.cls == "stonith";
  if (!fencing && !model::find(cluster.properties, "stonith-enabled")) {
    // Pacemaker refuses to start resources without fencing unless told.
    properties.emplace_back("stonith-enabled", "false");
    diagnostics_.warning("cib.no-fencing",
                         "the model has no fencing (stonith) resource; the CIB sets "
                         "stonith-enabled=false, which a production cluster should revisit");
  }
  pugi::xml_node crm = child(configuration, "crm_config");
  pugi::xml_node options = child(crm, "cluster_property_set");
  std::string set_id = ids_.make("cib-bootstrap-options");
  set(options, "id", set_id);
  for (const auto& [name, value] : properties) {
    pugi::xml_node nv = child(options, "nvpair");
    set(nv, "id", ids_.make(set_id + "-" + name));
    set(nv, "name", name);
    set(nv, "value", value);
  }
}

void CibWriter::nodes(pugi::xml_node configuration, const model::Cluster& cluster) {
  pugi::xml_node nodes = child(configuration, "nodes");
  for (const auto& n : cluster.nodes) {
    pugi::xml_node e = child(nodes, "node");
    // Node ids are plain text in the CIB: the cluster layer's node id.
    set(e, "id", n.id ? std::to_string(*n.id) : n.name);
    set(e, "uname", n.name);
    nvset(e, "instance_attributes", "nodes-" + n.name, plain(n.attributes));
    if (!n.addresses.empty())
      diagnostics_.loss("loss.cib-node-address",
                        "addresses of node '" + n.name +
                            "' have no place in the CIB (they belong in corosync.conf)",
                        n.origin);
  }
}

void CibWriter::operations(pugi::xml_node primitive, const std::string& id,
                           const model::Resource& r) {
  if (r.operations.empty()) return;
  pugi::xml_node ops = child(primitive, "operations");
  for (const auto& op : r.operations) {
    std::string interval = op.interval_ms ? duration(*op.interval_ms) : "0";
    pugi::xml_node e = child(ops, "op");
    std::string op_id = ids_.make(id + "-" + op.name + "-interval-" + interval);
    set(e, "id", op_id);
    set(e, "name", op.name);
    set(e, "interval", interval);
    if (op.timeout_ms) set(e, "timeout", duration(*op.timeout_ms));
    std::vector<std::pair<std::string, std::string>> instance;
    for (const auto& a : op.attributes) {
      if (op_attribute(a.name)) {
        set(e, a.name.c_str(), a.value);
      } else if (a.name == "depth") {
        instance.emplace_back("OCF_CHECK_LEVEL", a.value);  // the OCF name of a depth
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

void CibWriter::primitive(pugi::xml_node parent, const model::Resource& r) {
  pugi::xml_node e = child(parent, "primitive");
  std::string id = ref(r.id);
  set(e, "id", id);
  set(e, "class", r.agent.cls);
  if (r.agent.cls == "ocf") set(e, "provider", r.agent.provider);
  set(e, "type", r.agent.type);
  nvset(e, "instance_attributes", id, plain(r.params));
  nvset(e, "meta_attributes", id, plain(r.meta));
  operations(e, id, r);
}

std::vector<std::pair<std::string, std::string>> CibWriter::policy_meta(
    const model::ResourceGroup& g) {
  const auto& p = g.policy;
  SourceLocation where = p.origin.known() ? p.origin : g.origin;
  std::vector<std::pair<std::string, std::string>> meta;
  auto add = [&](const std::string& name, const std::string& value, const std::string& what) {
    if (const auto* explicit_meta = model::find(g.meta, name)) {
      if (explicit_meta->value != value)
        diagnostics_.loss("loss.cib-policy",
                          what + " of group '" + g.id + "' would set " + name + "=" + value +
                              ", but the group's own meta attribute sets " +
                              explicit_meta->value,
                          where);
      return;
    }
    meta.emplace_back(name, value);
  };
  add("resource-stickiness", p.failback == model::Failback::kManual ? "INFINITY" : "0",
      "failback " + std::string(model::to_string(p.failback)));
  if (p.local_restarts)
    add("migration-threshold", std::to_string(*p.local_restarts + 1ULL), "local restarts");
  if (p.initially_disabled) add("target-role", "Stopped", "initially disabled");
  return meta;
}

void CibWriter::group(pugi::xml_node parent, const model::ResourceGroup& g,
                      const model::ResourceIndex& resources) {
  pugi::xml_node e = child(parent, "group");
  std::string id = ref(g.id);
  set(e, "id", id);
  auto meta = plain(g.meta);
  for (auto& m : policy_meta(g)) meta.push_back(std::move(m));
  nvset(e, "meta_attributes", id, meta);
  for (const auto& member : g.members)
    if (const auto* r = resources.find(member)) primitive(e, *r);
}

void CibWriter::domain_constraints(pugi::xml_node constraints, const model::ResourceGroup& g) {
  const auto& domain = g.policy.domain;
  for (std::size_t i = 0; i < domain.size(); ++i) {
    pugi::xml_node e = child(constraints, "rsc_location");
    set(e, "id", ids_.make("location-" + ref(g.id) + "-" + domain[i]));
    set(e, "rsc", ref(g.id));
    set(e, "node", domain[i]);
    // Preferred first: scores fall by 100 along the domain.
    set(e, "score", std::to_string((domain.size() - i) * 100));
  }
}

void CibWriter::constraint(pugi::xml_node constraints, const model::Constraint& c,
                           std::size_t index) {
  std::string id = ids_.make(c.id.empty() ? std::string(model::to_string(c.kind)) + "-" +
                                                std::to_string(index + 1)
                                          : c.id);
  std::string score = c.score;
  switch (c.kind) {
    case model::ConstraintKind::kLocation: {
      pugi::xml_node e = child(constraints, "rsc_location");
      set(e, "id", id);
      set(e, "rsc", ref(c.resource));
      set(e, "node", c.node);
      set(e, "score", score.empty() ? "INFINITY" : score);
      break;
    }
    case model::ConstraintKind::kOrder: {
      pugi::xml_node e = child(constraints, "rsc_order");
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
      pugi::xml_node e = child(constraints, "rsc_colocation");
      set(e, "id", id);
      set(e, "rsc", ref(c.resource));
      set(e, "with-rsc", ref(c.with));
      set(e, "score", score.empty() ? "INFINITY" : score);
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

struct StringSink : pugi::xml_writer {
  std::string text;
  void write(const void* data, std::size_t size) override {
    text.append(static_cast<const char*>(data), size);
  }
};

std::optional<std::string> CibWriter::write(const model::Cluster& cluster) {
  for (const auto& r : cluster.resources)
    if (!pacemaker_class(r.agent.cls))
      diagnostics_.error("cib.agent-class",
                         "resource '" + r.id + "' uses agent class '" + r.agent.cls +
                             "', which Pacemaker cannot run",
                         r.origin);
  if (diagnostics_.has_errors()) return std::nullopt;
  ids_.expect(10 * (cluster.resources.size() + cluster.groups.size()) + 64);
  // Resource and group ids first, so that every reference uses the same.
  for (const auto& r : cluster.resources) claim(r.id, r.origin);
  for (const auto& g : cluster.groups)
    if (!g.members.empty()) claim(g.id, g.origin);

  pugi::xml_document doc;
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  set(declaration, "version", "1.0");
  set(declaration, "encoding", "UTF-8");
  pugi::xml_node cib = child(doc, "cib");
  set(cib, "validate-with", std::string(kCibSchema));
  set(cib, "admin_epoch", "0");
  set(cib, "epoch", "1");
  set(cib, "num_updates", "0");
  pugi::xml_node configuration = child(cib, "configuration");
  crm_config(configuration, cluster);
  nodes(configuration, cluster);

  // Resources in model order; a group where its first member stands.
  pugi::xml_node resources = child(configuration, "resources");
  std::unordered_map<std::string_view, const model::ResourceGroup*> group_of;
  for (const auto& g : cluster.groups)
    for (const auto& m : g.members) group_of.emplace(m, &g);
  std::unordered_set<const model::ResourceGroup*> written;
  const model::ResourceIndex by_id(cluster);
  for (const auto& r : cluster.resources) {
    auto it = group_of.find(r.id);
    if (it == group_of.end()) primitive(resources, r);
    else if (written.insert(it->second).second) group(resources, *it->second, by_id);
  }

  pugi::xml_node constraints = child(configuration, "constraints");
  for (const auto& g : cluster.groups)
    if (!g.members.empty()) domain_constraints(constraints, g);
  for (std::size_t i = 0; i < cluster.constraints.size(); ++i)
    constraint(constraints, cluster.constraints[i], i);
  child(cib, "status");
  losses(cluster);

  StringSink sink;
  doc.save(sink, "  ", pugi::format_indent, pugi::encoding_utf8);
  return std::move(sink.text);
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
