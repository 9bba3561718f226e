#include "bridge/model/diff.h"

#include "bridge/model/secret.h"

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

// Values are compared as they are but shown masked when their name looks
// secret (secret.h): `shown` asks for the form to print.
std::string render(const Attributes& attributes, bool shown) {
  std::vector<std::string> parts;
  for (const auto& a : attributes)
    parts.push_back(a.name + "=" + (shown ? shown_value(a.name, a.value) : a.value));
  return join(parts);
}

std::string render(const Channel& c, bool shown) {
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
  add("attributes", render(c.attributes, shown));
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
  // As changed(), for the value of an attribute `name`: compared as is,
  // shown masked when the name looks secret.
  void changed_value(const std::string& subject, const std::string& field,
                     const std::string& name, const std::string& l, const std::string& r,
                     const SourceLocation& lo, const SourceLocation& ro) {
    if (l != r)
      out.push_back({Difference::Kind::kChanged, subject, field, shown_value(name, l),
                     shown_value(name, r), lo, ro});
  }
  void added(const std::string& subject, const std::string& value, const SourceLocation& ro) {
    out.push_back({Difference::Kind::kAdded, subject, "", "", value, {}, ro});
  }
  void removed(const std::string& subject, const std::string& value, const SourceLocation& lo) {
    out.push_back({Difference::Kind::kRemoved, subject, "", value, "", lo, {}});
  }

  // Compares two attribute lists by name (order is not semantic). An
  // attribute without its own origin is located at its owner's.
  void attributes(const std::string& subject, const std::string& prefix, const Attributes& l,
                  const Attributes& r, const SourceLocation& owner_lo = {},
                  const SourceLocation& owner_ro = {}) {
    auto at = [](const Attribute& a, const SourceLocation& owner) {
      return a.origin.line != 0 || !a.origin.file.empty() ? a.origin : owner;
    };
    std::map<std::string, const Attribute*> lm, rm;
    for (const auto& a : l) lm.emplace(a.name, &a);
    for (const auto& a : r) rm.emplace(a.name, &a);
    for (const auto& [name, a] : lm) {
      auto it = rm.find(name);
      changed_value(subject, prefix + name, name, a->value,
                    it == rm.end() ? "" : it->second->value,
              at(*a, owner_lo), it == rm.end() ? owner_ro : at(*it->second, owner_ro));
    }
    for (const auto& [name, a] : rm)
      if (!lm.count(name))
        changed_value(subject, prefix + name, name, "", a->value, owner_lo, at(*a, owner_ro));
  }

  // Multiset comparison of rendered items; an added or removed item is
  // shown as `show_one` renders it (secrets masked).
  template <typename T, typename Render, typename Show>
  void as_set(const std::string& subject, const std::vector<T>& l, const std::vector<T>& r,
              Render render_one, Show show_one) {
    std::multiset<std::string> ls, rs;
    for (const auto& x : l) ls.insert(render_one(x));
    for (const auto& x : r) rs.insert(render_one(x));
    for (const auto& x : l) {
      auto s = render_one(x);
      if (auto it = rs.find(s); it != rs.end()) rs.erase(it);
      else removed(subject, show_one(x), x.origin);
    }
    for (const auto& x : r) {
      auto s = render_one(x);
      if (auto it = ls.find(s); it != ls.end()) ls.erase(it);
      else added(subject, show_one(x), x.origin);
    }
  }
  template <typename T, typename Render>
  void as_set(const std::string& subject, const std::vector<T>& l, const std::vector<T>& r,
              Render render_one) {
    as_set(subject, l, r, render_one, render_one);
  }

  void node(const Node& l, const Node& r) {
    std::string s = "node " + l.name;
    changed(s, "id", opt32(l.id), opt32(r.id), l.origin, r.origin);
    changed(s, "addresses", join(l.addresses), join(r.addresses), l.origin, r.origin);
    attributes(s, "attribute ", l.attributes, r.attributes, l.origin, r.origin);
  }

  void resource(const Resource& l, const Resource& r) {
    std::string s = "resource " + l.id;
    if (l.id != r.id)
      out.push_back({Difference::Kind::kRenamed, s, "id", l.id, r.id, l.origin, r.origin});
    changed(s, "agent", l.agent.to_string(), r.agent.to_string(), l.origin, r.origin);
    attributes(s, "param ", l.params, r.params, l.origin, r.origin);
    attributes(s, "meta ", l.meta, r.meta, l.origin, r.origin);
    std::map<std::string, const Operation*> lo, ro;
    for (const auto& o : l.operations) lo.emplace(o.name, &o);
    for (const auto& o : r.operations) ro.emplace(o.name, &o);
    // An operation change is located at the operation, or else its resource.
    auto at = [](const Operation* o, const SourceLocation& owner) {
      return o && (o->origin.line != 0 || !o->origin.file.empty()) ? o->origin : owner;
    };
    for (const auto& [name, o] : lo) {
      auto it = ro.find(name);
      const Operation* p = it == ro.end() ? nullptr : it->second;
      const SourceLocation ol = at(o, l.origin), orr = at(p, r.origin);
      changed(s, "op " + name + " interval-ms", opt(o->interval_ms), p ? opt(p->interval_ms) : "",
              ol, orr);
      changed(s, "op " + name + " timeout-ms", opt(o->timeout_ms), p ? opt(p->timeout_ms) : "",
              ol, orr);
      if (p) attributes(s, "op " + name + " ", o->attributes, p->attributes, ol, orr);
    }
    for (const auto& [name, o] : ro)
      if (!lo.count(name)) {
        changed(s, "op " + name + " interval-ms", "", opt(o->interval_ms), l.origin, at(o, r.origin));
        changed(s, "op " + name + " timeout-ms", "", opt(o->timeout_ms), l.origin, at(o, r.origin));
      }
  }

  // Policy fields are located at the policy's origin, or else its group's.
  void policy(const std::string& s, const FailoverPolicy& l, const FailoverPolicy& r,
              const SourceLocation& group_lo, const SourceLocation& group_ro) {
    const auto& lo = l.origin.line != 0 || !l.origin.file.empty() ? l.origin : group_lo;
    const auto& ro = r.origin.line != 0 || !r.origin.file.empty() ? r.origin : group_ro;
    changed(s, "domain", join(l.domain), join(r.domain), lo, ro);
    changed(s, "mode", std::string(to_string(l.mode)), std::string(to_string(r.mode)), lo, ro);
    changed(s, "failback", std::string(to_string(l.failback)), std::string(to_string(r.failback)),
            lo, ro);
    changed(s, "local-restarts", opt32(l.local_restarts), opt32(r.local_restarts), lo, ro);
    auto yn = [](bool b) { return std::string(b ? "yes" : "no"); };
    changed(s, "in-place-recovery", yn(l.in_place_recovery), yn(r.in_place_recovery), lo, ro);
    changed(s, "auto-recovery", yn(l.auto_recovery), yn(r.auto_recovery), lo, ro);
    changed(s, "initially-disabled", yn(l.initially_disabled), yn(r.initially_disabled), lo, ro);
    attributes(s, "policy ", l.attributes, r.attributes, lo, ro);
  }
};

// Content signature of a resource, for matching across id schemes; with
// `shown`, the form to print (secret parameter values masked).
std::string signature_of(const Resource& r, bool shown) {
  std::vector<std::string> params;
  for (const auto& a : r.params)
    params.push_back(a.name + "=" + (shown ? shown_value(a.name, a.value) : a.value));
  std::sort(params.begin(), params.end());
  return r.agent.to_string() + " " + join(params);
}
std::string signature(const Resource& r) { return signature_of(r, false); }
std::string shown_signature(const Resource& r) { return signature_of(r, true); }

// Pairs items by key, then unmatched ones by a unique signature, then the
// rest by likeness: `score(l, r)` > 0 says how alike two items are, and two
// are paired when each is the other's unique best (so a renamed item that
// also changed still shows as one change, not a removal and an addition).
template <typename T, typename Key, typename Sig, typename Score>
std::vector<std::pair<const T*, const T*>> pair_up(const std::vector<T>& l, const std::vector<T>& r,
                                                   Key key, Sig sig, Score score) {
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
  std::vector<const T*> unmatched_l, unmatched_r;
  for (auto* x : lonely) {
    auto s = sig(*x);
    if (ls.count(s) == 1 && rs.count(s) == 1) {
      auto* y = rs.find(s)->second;
      pairs.emplace_back(x, y);
      used.insert(y);
    } else {
      unmatched_l.push_back(x);
    }
  }
  for (const auto& x : r)
    if (!used.count(&x)) unmatched_r.push_back(&x);
  // The unique best partner of `x` in `pool` (whose items are on the other
  // side), or nullptr; paired items are nulled out of the pools.
  auto best = [&](const T* x, const std::vector<const T*>& pool, bool x_is_left) -> const T* {
    const T* found = nullptr;
    int top = 0;
    bool unique = false;
    for (const auto* y : pool) {
      if (!y) continue;
      int n = x_is_left ? score(*x, *y) : score(*y, *x);
      if (n > top) top = n, found = y, unique = true;
      else if (n == top && n > 0) unique = false;
    }
    return unique ? found : nullptr;
  };
  for (auto& x : unmatched_l) {
    const T* y = best(x, unmatched_r, true);
    if (!y || best(y, unmatched_l, false) != x) continue;
    pairs.emplace_back(x, y);
    std::replace(unmatched_r.begin(), unmatched_r.end(), y, static_cast<const T*>(nullptr));
    x = nullptr;
  }
  for (auto* x : unmatched_l)
    if (x) pairs.emplace_back(x, nullptr);
  for (auto* y : unmatched_r)
    if (y) pairs.emplace_back(nullptr, y);
  return pairs;
}

// No likeness: only keys and signatures pair items.
template <typename T>
int unlike(const T&, const T&) {
  return 0;
}

}  // namespace

std::string Difference::to_string() const {
  switch (kind) {
    case Kind::kAdded: return "+ " + subject + ": " + right;
    case Kind::kRemoved: return "- " + subject + ": " + left;
    case Kind::kRenamed: return "~ " + subject + ": renamed to " + right;
    case Kind::kChanged: break;
  }
  // diff() masks secret values already; a Difference made elsewhere is
  // masked here too.
  bool secret = looks_secret(field);
  auto show = [&](const std::string& v) {
    if (v.empty()) return std::string("(none)");
    return secret ? std::string(kSecretMask) : v;
  };
  return "~ " + subject + ": " + field + ": " + show(left) + " -> " + show(right);
}

std::vector<Difference> diff(const Cluster& left, const Cluster& right) {
  Differ d;
  d.changed("cluster", "name", left.name, right.name);
  d.attributes("cluster", "property ", left.properties, right.properties);

  auto node_key = [](const Node& n) { return n.name; };
  for (auto [l, r] : pair_up(left.nodes, right.nodes, node_key, node_key, unlike<Node>)) {
    if (l && r) d.node(*l, *r);
    else if (l) d.removed("node " + l->name, l->name, l->origin);
    else d.added("node " + r->name, r->name, r->origin);
  }
  d.as_set(
      "channel", left.channels, right.channels,
      [](const Channel& c) { return render(c, false); },
      [](const Channel& c) { return render(c, true); });

  const Timing& lt = left.timing;
  const Timing& rt = right.timing;
  d.changed("timing", "keepalive-ms", opt(lt.keepalive_ms), opt(rt.keepalive_ms),
            lt.keepalive_origin, rt.keepalive_origin);
  d.changed("timing", "warn-ms", opt(lt.warn_ms), opt(rt.warn_ms), lt.warn_origin, rt.warn_origin);
  d.changed("timing", "dead-ms", opt(lt.dead_ms), opt(rt.dead_ms), lt.dead_origin, rt.dead_origin);
  d.changed("timing", "initial-dead-ms", opt(lt.initial_dead_ms), opt(rt.initial_dead_ms),
            lt.initial_dead_origin, rt.initial_dead_origin);

  // Secrets are compared, never shown.
  d.changed("authentication", "active key", opt32(left.auth.active), opt32(right.auth.active),
            left.auth.origin, right.auth.origin);
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

  // Resources: by id, then by content, then by likeness: the same agent and
  // then the most parameters in common.
  std::map<const Resource*, const Resource*> resource_match;
  auto rkey = [](const Resource& r) { return r.id; };
  auto alike = [](const Resource& a, const Resource& b) {
    if (a.agent.to_string() != b.agent.to_string()) return 0;
    int n = 1;
    for (const auto& x : a.params)
      for (const auto& y : b.params)
        if (x.name == y.name && x.value == y.value) ++n;
    return n;
  };
  for (auto [l, r] : pair_up(left.resources, right.resources, rkey, signature, alike)) {
    if (l && r) {
      d.resource(*l, *r);
      resource_match[l] = r;
    } else if (l) {
      d.removed("resource " + l->id, shown_signature(*l), l->origin);
    } else {
      d.added("resource " + r->id, shown_signature(*r), r->origin);
    }
  }
  // Groups: by id, then by the right-hand ids of their matched members.
  const ResourceIndex left_by_id(left);
  auto right_id_of = [&](const std::string& left_id) -> std::string {
    if (auto* l = left_by_id.find(left_id))
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
  // Likeness of groups: the most members in common.
  auto shared = [&](const ResourceGroup& l, const ResourceGroup& r) {
    int n = 0;
    for (const auto& m : l.members)
      if (std::find(r.members.begin(), r.members.end(), right_id_of(m)) != r.members.end()) ++n;
    return n;
  };
  for (auto [l, r] : pair_up(left.groups, right.groups, gkey, gsig, shared)) {
    if (l && r) {
      std::string s = "group " + l->id;
      if (l->id != r->id)
        d.out.push_back({Difference::Kind::kRenamed, s, "id", l->id, r->id, l->origin, r->origin});
      d.changed(s, "members", gsig(*l), join(r->members), l->origin, r->origin);
      d.policy(s, l->policy, r->policy, l->origin, r->origin);
      d.attributes(s, "meta ", l->meta, r->meta, l->origin, r->origin);
    } else if (l) {
      d.removed("group " + l->id, join(l->members), l->origin);
    } else {
      d.added("group " + r->id, join(r->members), r->origin);
    }
  }
  d.as_set("constraint", left.constraints, right.constraints,
           [](const Constraint& c) { return render(c); });
  auto extension = [](const Extension& e, bool shown) {
    return e.product + " " + (e.scope.empty() ? "" : e.scope + " ") + e.key + "=" +
           (shown ? shown_value(e.key, e.value) : e.value);
  };
  d.as_set(
      "extension", left.extensions, right.extensions,
      [&](const Extension& e) { return extension(e, false); },
      [&](const Extension& e) { return extension(e, true); });
  return d.out;
}

}  // namespace ocf::model
