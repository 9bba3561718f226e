#include "bridge/model/diff.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace ocf::model {

namespace {

std::string opt(const std::optional<std::uint64_t>& v) { return v ? std::to_string(*v) : ""; }
std::string opt32(const std::optional<std::uint32_t>& v) { return v ? std::to_string(*v) : ""; }

std::string join(const std::vector<std::string>& items, std::string_view sep = " ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::string render(const Attributes& attributes) {
  std::vector<std::string> parts;
  for (const auto& a : attributes) parts.push_back(a.name + "=" + a.value);
  return join(parts);
}

std::string render(const Channel& c) {
  std::string out(to_string(c.kind));
  auto add = [&](std::string_view k, const std::string& v) {
    if (!v.empty()) out += " " + std::string(k) + "=" + v;
  };
  add("node", c.node);
  add("interface", c.interface);
  add("address", c.address);
  add("device", c.device);
  add("port", opt32(c.port));
  add("ttl", opt32(c.ttl));
  add("loop", c.loop ? (*c.loop ? "1" : "0") : "");
  add("baud", opt32(c.baud));
  add("priority", opt32(c.priority));
  if (!c.heartbeat) out += " no-heartbeat";
  if (!c.control) out += " no-control";
  add("attributes", render(c.attributes));
  return out;
}

std::string render(const Constraint& c) {
  std::string out(to_string(c.kind));
  out += " " + c.resource;
  if (!c.with.empty()) out += " with " + c.with;
  if (!c.node.empty()) out += " on " + c.node;
  if (!c.score.empty()) out += " score " + c.score;
  return out;
}

class Differ {
 public:
  std::vector<Difference> out;

  void changed(const std::string& subject, const std::string& field, const std::string& l,
               const std::string& r, const SourceLocation& lo = {},
               const SourceLocation& ro = {}) {
    if (l != r) out.push_back({Difference::Kind::kChanged, subject, field, l, r, lo, ro});
  }
  void added(const std::string& subject, const std::string& value, const SourceLocation& ro) {
    out.push_back({Difference::Kind::kAdded, subject, "", "", value, {}, ro});
  }
  void removed(const std::string& subject, const std::string& value, const SourceLocation& lo) {
    out.push_back({Difference::Kind::kRemoved, subject, "", value, "", lo, {}});
  }

  // Compares two attribute lists by name (order is not semantic).
  void attributes(const std::string& subject, const std::string& prefix, const Attributes& l,
                  const Attributes& r) {
    std::map<std::string, const Attribute*> lm, rm;
    for (const auto& a : l) lm.emplace(a.name, &a);
    for (const auto& a : r) rm.emplace(a.name, &a);
    for (const auto& [name, a] : lm) {
      auto it = rm.find(name);
      changed(subject, prefix + name, a->value, it == rm.end() ? "" : it->second->value,
              a->origin, it == rm.end() ? SourceLocation{} : it->second->origin);
    }
    for (const auto& [name, a] : rm)
      if (!lm.count(name)) changed(subject, prefix + name, "", a->value, {}, a->origin);
  }

  // Multiset comparison of rendered items.
  template <typename T, typename Render>
  void as_set(const std::string& subject, const std::vector<T>& l, const std::vector<T>& r,
              Render render_one) {
    std::multiset<std::string> ls, rs;
    for (const auto& x : l) ls.insert(render_one(x));
    for (const auto& x : r) rs.insert(render_one(x));
    for (const auto& x : l) {
      auto s = render_one(x);
      if (auto it = rs.find(s); it != rs.end()) rs.erase(it);
      else removed(subject, s, x.origin);
    }
    for (const auto& x : r) {
      auto s = render_one(x);
      if (auto it = ls.find(s); it != ls.end()) ls.erase(it);
      else added(subject, s, x.origin);
    }
  }

  void node(const Node& l, const Node& r) {
    std::string s = "node " + l.name;
    changed(s, "id", opt32(l.id), opt32(r.id), l.origin, r.origin);
    changed(s, "addresses", join(l.addresses), join(r.addresses), l.origin, r.origin);
    attributes(s, "attribute ", l.attributes, r.attributes);
  }

  void resource(const Resource& l, const Resource& r) {
    std::string s = "resource " + l.id;
    if (l.id != r.id)
      out.push_back({Difference::Kind::kRenamed, s, "id", l.id, r.id, l.origin, r.origin});
    changed(s, "agent", l.agent.to_string(), r.agent.to_string(), l.origin, r.origin);
    attributes(s, "param ", l.params, r.params);
    attributes(s, "meta ", l.meta, r.meta);
    std::map<std::string, const Operation*> lo, ro;
    for (const auto& o : l.operations) lo.emplace(o.name, &o);
    for (const auto& o : r.operations) ro.emplace(o.name, &o);
    for (const auto& [name, o] : lo) {
      auto it = ro.find(name);
      const Operation* p = it == ro.end() ? nullptr : it->second;
      changed(s, "op " + name + " interval-ms", opt(o->interval_ms), p ? opt(p->interval_ms) : "");
      changed(s, "op " + name + " timeout-ms", opt(o->timeout_ms), p ? opt(p->timeout_ms) : "");
      if (p) attributes(s, "op " + name + " ", o->attributes, p->attributes);
    }
    for (const auto& [name, o] : ro)
      if (!lo.count(name)) {
        changed(s, "op " + name + " interval-ms", "", opt(o->interval_ms));
        changed(s, "op " + name + " timeout-ms", "", opt(o->timeout_ms));
      }
  }

  void policy(const std::string& s, const FailoverPolicy& l, const FailoverPolicy& r) {
    changed(s, "domain", join(l.domain), join(r.domain), l.origin, r.origin);
    changed(s, "mode", std::string(to_string(l.mode)), std::string(to_string(r.mode)));
    changed(s, "failback", std::string(to_string(l.failback)), std::string(to_string(r.failback)));
    changed(s, "local-restarts", opt32(l.local_restarts), opt32(r.local_restarts));
    auto yn = [](bool b) { return std::string(b ? "yes" : "no"); };
    changed(s, "in-place-recovery", yn(l.in_place_recovery), yn(r.in_place_recovery));
    changed(s, "auto-recovery", yn(l.auto_recovery), yn(r.auto_recovery));
    changed(s, "initially-disabled", yn(l.initially_disabled), yn(r.initially_disabled));
    attributes(s, "policy ", l.attributes, r.attributes);
  }
};

// Content signature of a resource, for matching across id schemes.
std::string signature(const Resource& r) {
  std::vector<std::string> params;
  for (const auto& a : r.params) params.push_back(a.name + "=" + a.value);
  std::sort(params.begin(), params.end());
  return r.agent.to_string() + " " + join(params);
}

// Pairs items by key, then unmatched ones by a unique signature.
template <typename T, typename Key, typename Sig>
std::vector<std::pair<const T*, const T*>> pair_up(const std::vector<T>& l, const std::vector<T>& r,
                                                   Key key, Sig sig) {
  std::vector<std::pair<const T*, const T*>> pairs;
  std::map<std::string, const T*> rk;
  for (const auto& x : r) rk.emplace(key(x), &x);
  std::set<const T*> used;
  std::vector<const T*> lonely;
  for (const auto& x : l) {
    auto it = rk.find(key(x));
    if (it != rk.end() && !used.count(it->second)) {
      pairs.emplace_back(&x, it->second);
      used.insert(it->second);
    } else {
      lonely.push_back(&x);
    }
  }
  std::multimap<std::string, const T*> rs;
  for (const auto& x : r)
    if (!used.count(&x)) rs.emplace(sig(x), &x);
  std::multimap<std::string, const T*> ls;
  for (auto* x : lonely) ls.emplace(sig(*x), x);
  for (auto* x : lonely) {
    auto s = sig(*x);
    if (ls.count(s) == 1 && rs.count(s) == 1) {
      auto* y = rs.find(s)->second;
      pairs.emplace_back(x, y);
      used.insert(y);
    } else {
      pairs.emplace_back(x, nullptr);
    }
  }
  for (const auto& x : r)
    if (!used.count(&x)) pairs.emplace_back(nullptr, &x);
  return pairs;
}

}  // namespace

std::string Difference::to_string() const {
  switch (kind) {
    case Kind::kAdded: return "+ " + subject + ": " + right;
    case Kind::kRemoved: return "- " + subject + ": " + left;
    case Kind::kRenamed: return "~ " + subject + ": renamed to " + right;
    case Kind::kChanged: break;
  }
  auto show = [](const std::string& v) { return v.empty() ? std::string("(none)") : v; };
  return "~ " + subject + ": " + field + ": " + show(left) + " -> " + show(right);
}

std::vector<Difference> diff(const Cluster& left, const Cluster& right) {
  Differ d;
  d.changed("cluster", "name", left.name, right.name);
  d.attributes("cluster", "property ", left.properties, right.properties);

  auto node_key = [](const Node& n) { return n.name; };
  for (auto [l, r] : pair_up(left.nodes, right.nodes, node_key, node_key)) {
    if (l && r) d.node(*l, *r);
    else if (l) d.removed("node " + l->name, l->name, l->origin);
    else d.added("node " + r->name, r->name, r->origin);
  }
  d.as_set("channel", left.channels, right.channels, [](const Channel& c) { return render(c); });

  d.changed("timing", "keepalive-ms", opt(left.timing.keepalive_ms), opt(right.timing.keepalive_ms));
  d.changed("timing", "warn-ms", opt(left.timing.warn_ms), opt(right.timing.warn_ms));
  d.changed("timing", "dead-ms", opt(left.timing.dead_ms), opt(right.timing.dead_ms));
  d.changed("timing", "initial-dead-ms", opt(left.timing.initial_dead_ms),
            opt(right.timing.initial_dead_ms));

  // Secrets are compared, never shown.
  d.changed("authentication", "active key", opt32(left.auth.active), opt32(right.auth.active));
  d.as_set("authentication key", left.auth.keys, right.auth.keys, [](const AuthKey& k) {
    return std::to_string(k.number) + " " + k.method +
           (k.secret.empty() ? "" : " secret#" + std::to_string(std::hash<std::string>{}(k.secret)));
  });
  for (auto& x : d.out)
    if (x.subject == "authentication key") {
      auto hide = [](std::string& v) {
        if (auto p = v.find(" secret#"); p != std::string::npos) v = v.substr(0, p) + " (secret)";
      };
      hide(x.left);
      hide(x.right);
    }

  // Resources: match by id, then by content.
  std::map<const Resource*, const Resource*> resource_match;
  auto rkey = [](const Resource& r) { return r.id; };
  for (auto [l, r] : pair_up(left.resources, right.resources, rkey, signature)) {
    if (l && r) {
      d.resource(*l, *r);
      resource_match[l] = r;
    } else if (l) {
      d.removed("resource " + l->id, signature(*l), l->origin);
    } else {
      d.added("resource " + r->id, signature(*r), r->origin);
    }
  }
  // Groups: by id, then by the right-hand ids of their matched members.
  auto right_id_of = [&](const std::string& left_id) -> std::string {
    if (auto* l = left.find_resource(left_id))
      if (auto it = resource_match.find(l); it != resource_match.end()) return it->second->id;
    return "?" + left_id;
  };
  std::map<const ResourceGroup*, std::string> left_sig;
  for (const auto& g : left.groups) {
    std::vector<std::string> ids;
    for (const auto& m : g.members) ids.push_back(right_id_of(m));
    left_sig[&g] = join(ids);
  }
  auto gkey = [](const ResourceGroup& g) { return g.id; };
  auto gsig = [&](const ResourceGroup& g) {
    auto it = left_sig.find(&g);
    return it != left_sig.end() ? it->second : join(g.members);
  };
  for (auto [l, r] : pair_up(left.groups, right.groups, gkey, gsig)) {
    if (l && r) {
      std::string s = "group " + l->id;
      if (l->id != r->id)
        d.out.push_back({Difference::Kind::kRenamed, s, "id", l->id, r->id, l->origin, r->origin});
      d.changed(s, "members", gsig(*l), join(r->members), l->origin, r->origin);
      d.policy(s, l->policy, r->policy);
      d.attributes(s, "meta ", l->meta, r->meta);
    } else if (l) {
      d.removed("group " + l->id, join(l->members), l->origin);
    } else {
      d.added("group " + r->id, join(r->members), r->origin);
    }
  }
  d.as_set("constraint", left.constraints, right.constraints,
           [](const Constraint& c) { return render(c); });
  d.as_set("extension", left.extensions, right.extensions, [](const Extension& e) {
    return e.product + " " + (e.scope.empty() ? "" : e.scope + " ") + e.key + "=" + e.value;
  });
  return d.out;
}

}  // namespace ocf::model
