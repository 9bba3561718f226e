// model -> OCF XML. First a check that every value can be written (so a
// schema failure of the output really is a bug here), then the canonical
// rendering, then the schema check of the rendered tree (and, only if that
// fails, of the text, for located messages).
#include <cassert>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "bridge/xml/built_tree.h"
#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/schema.h"
#include "bridge/xml/secrets.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;

bool xml_representable(std::string_view text) {
  constexpr std::uint64_t kSpaces = 0x2020202020202020, kHigh = 0x8080808080808080;
  for (std::size_t i = 0; i < text.size();) {
    if (text.size() - i >= 8) {
      // Eight bytes at once when all are printable ASCII: a byte below
      // 0x20 borrows into its top bit when 0x20 is taken from it, a byte
      // of 0x80 and above has it set already.
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((((word - kSpaces) | word) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80) {  // printable ASCII, the usual case
      ++i;
      continue;
    }
    std::size_t length = xml_char_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// Only printable ASCII (0x20 to 0x7F), which XML carries as it is: the
// usual value, checked by words (overlapping at the end, or two four-byte
// halves) with no loop per byte. False says only "look closer".
inline bool printable_ascii(std::string_view text) {
  constexpr std::uint64_t kSpaces = 0x2020202020202020, kHigh = 0x8080808080808080;
  auto printable = [&](std::uint64_t word) { return (((word - kSpaces) | word) & kHigh) == 0; };
  const char* p = text.data();
  std::size_t n = text.size();
  if (n >= 8) {
    std::uint64_t word;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&word, p + i, 8);
      if (!printable(word)) return false;
    }
    std::memcpy(&word, p + n - 8, 8);
    return printable(word);
  }
  if (n >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    return printable(head | (std::uint64_t{tail} << 32));
  }
  for (std::size_t i = 0; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) < 0x20 || static_cast<unsigned char>(p[i]) >= 0x80)
      return false;
  return true;
}

bool valid_score(std::string_view score) {
  if (score == "INFINITY" || score == "+INFINITY" || score == "-INFINITY") return true;
  if (!score.empty() && (score.front() == '+' || score.front() == '-')) score.remove_prefix(1);
  if (score.empty()) return false;
  for (char c : score)
    if (c < '0' || c > '9') return false;
  return true;
}

// What a checked value is, worded only when a message needs it: building
// "parameter 'ip' of resource 'x'" for each of 100,000 valid values would
// cost more than checking them.
class Describe {
 public:
  template <typename F>
  Describe(const F& f) : object_(&f), call_([](const void* o) {  // NOLINT: implicit by design
                                   return std::string((*static_cast<const F*>(o))());
                                 }) {}
  std::string operator()() const { return call_(object_); }

 private:
  const void* object_;
  std::string (*call_)(const void*);
};

// Finds what the model holds that OCF XML cannot carry.
class WritableCheck {
 public:
  explicit WritableCheck(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  void cluster(const model::Cluster& cluster);

 private:
  // The usual value is settled inline; any other is looked at closely.
  void text(std::string_view value, Describe what, const SourceLocation& where) {
    if (!printable_ascii(value)) closely(value, what, where);
  }
  void name(std::string_view value, Describe what, const SourceLocation& where) {
    if (value.empty() || !printable_ascii(value)) closely_name(value, what, where);
  }
  [[gnu::noinline]] void closely(std::string_view value, Describe what,
                                 const SourceLocation& where) {
    if (!xml_representable(value))
      diagnostics_.error("ocfxml.unwritable",
                         what() + " holds a byte sequence that is not a character XML 1.0 can carry",
                         where);
  }
  [[gnu::noinline]] void closely_name(std::string_view value, Describe what,
                                      const SourceLocation& where) {
    if (value.empty())
      diagnostics_.error("ocfxml.unwritable", what() + " is empty", where);
    else
      closely(value, what, where);
  }
  void pairs(const model::Attributes& attributes, Describe what) {
    for (const auto& a : attributes) {
      name(a.name, [&] { return what() + " name"; }, a.origin);
      text(a.value, [&] { return what() + " '" + a.name + "'"; }, a.origin);
    }
  }
  void node(const model::Node& node);
  void channel(const model::Channel& channel);
  void authentication(const model::Authentication& auth);
  void resource(const model::Resource& resource);
  void group(const model::ResourceGroup& group);
  void constraint(const model::Constraint& constraint);

  Diagnostics& diagnostics_;
};

void WritableCheck::node(const model::Node& n) {
  name(n.name, [] { return "node name"; }, n.origin);
  auto of_node = [&](const char* what) { return std::string(what) + " of node '" + n.name + "'"; };
  for (const auto& address : n.addresses) {
    name(address, [&] { return of_node("address"); }, n.origin);
    if (address.find_first_of(" \t\r\n") != std::string::npos)
      diagnostics_.error("ocfxml.unwritable", of_node("address") + " contains white space",
                         n.origin);
  }
  pairs(n.attributes, [&] { return of_node("attribute"); });
}

void WritableCheck::channel(const model::Channel& c) {
  auto what = [&] { return std::string(model::to_string(c.kind)) + " channel"; };
  for (const auto* field : {&c.node, &c.interface, &c.address, &c.device})
    text(*field, what, c.origin);
  pairs(c.attributes, [&] { return "attribute of " + what(); });
}

void WritableCheck::authentication(const model::Authentication& auth) {
  for (const auto& k : auth.keys) {
    std::string what = "authentication key " + std::to_string(k.number);
    if (k.method != "crc" && k.method != "md5" && k.method != "sha1")
      diagnostics_.error("ocfxml.unwritable",
                         what + " has method '" + k.method + "'; OCF XML knows crc, md5, sha1",
                         k.origin);
    // Never quote the secret itself.
    text(k.secret, [&] { return "the secret of " + what; }, k.origin);
  }
}

void WritableCheck::resource(const model::Resource& r) {
  name(r.id, [] { return "resource id"; }, r.origin);
  auto of = [&](const char* what) { return std::string(what) + " of resource '" + r.id + "'"; };
  name(r.agent.cls, [&] { return of("agent class"); }, r.origin);
  text(r.agent.provider, [&] { return of("agent provider"); }, r.origin);
  name(r.agent.type, [&] { return of("agent type"); }, r.origin);
  pairs(r.params, [&] { return of("parameter"); });
  for (const auto& op : r.operations) {
    name(op.name, [&] { return of("operation name"); }, op.origin);
    pairs(op.attributes, [&] {
      return "attribute of operation '" + op.name + "' of resource '" + r.id + "'";
    });
  }
  pairs(r.meta, [&] { return of("meta attribute"); });
}

void WritableCheck::group(const model::ResourceGroup& g) {
  name(g.id, [] { return "group id"; }, g.origin);
  auto of = [&](const char* what) { return std::string(what) + " of group '" + g.id + "'"; };
  for (const auto& m : g.members) name(m, [&] { return of("member"); }, g.origin);
  const auto& p = g.policy;
  SourceLocation where = p.origin.known() ? p.origin : g.origin;
  text(p.name, [&] { return of("failover policy name"); }, where);
  for (const auto& n : p.domain) name(n, [&] { return of("failover domain node"); }, where);
  pairs(p.attributes, [&] { return of("failover policy attribute"); });
  pairs(g.meta, [&] { return of("meta attribute"); });
}

void WritableCheck::constraint(const model::Constraint& c) {
  std::string what = std::string(model::to_string(c.kind)) + " constraint" +
                     (c.id.empty() ? std::string() : " '" + c.id + "'");
  text(c.id, [&] { return what + " id"; }, c.origin);
  name(c.resource, [&] { return "resource of " + what; }, c.origin);
  if (c.kind == model::ConstraintKind::kLocation) {
    name(c.node, [&] { return "node of " + what; }, c.origin);
    if (!c.with.empty())
      diagnostics_.loss("loss.constraint-field",
                        what + " names a partner resource '" + c.with +
                            "', which a location constraint does not use",
                        c.origin);
  } else {
    name(c.with, [&] { return "partner resource of " + what; }, c.origin);
    if (!c.node.empty())
      diagnostics_.loss("loss.constraint-field",
                        what + " names node '" + c.node + "', which only a location uses",
                        c.origin);
  }
  if (!c.score.empty() && !valid_score(c.score))
    diagnostics_.error("ocfxml.unwritable",
                       "score of " + what + " is not an integer, INFINITY or -INFINITY",
                       c.origin);
}

void WritableCheck::cluster(const model::Cluster& cluster) {
  text(cluster.name, [] { return "cluster name"; }, {});
  pairs(cluster.properties, [] { return "cluster property"; });
  for (const auto& n : cluster.nodes) node(n);
  for (const auto& c : cluster.channels) channel(c);
  authentication(cluster.auth);
  for (const auto& r : cluster.resources) resource(r);
  for (const auto& g : cluster.groups) group(g);
  for (const auto& c : cluster.constraints) constraint(c);
  for (const auto& e : cluster.extensions) {
    auto what = [&] { return e.product + " extension '" + e.key + "'"; };
    name(e.product, [] { return "product of an extension"; }, e.origin);
    text(e.scope, [&] { return "scope of " + what(); }, e.origin);
    name(e.key, [] { return "key of an extension"; }, e.origin);
    text(e.value, [&] { return "value of " + what(); }, e.origin);
  }
}

class Renderer {
 public:
  // The canonical text, and whether libxml2 finds the document valid.
  std::string render(const model::Cluster& cluster, bool& valid);

 private:
  using Index = TreeMaker::Index;

  void pairs(Index parent, std::string_view element, const model::Attributes& list) {
    for (const auto& a : list) {
      Index e = t_.child(parent, element);
      t_.set(e, "name", a.name);
      t_.set(e, "value", a.value);
    }
  }
  // A container element, only when it has entries.
  template <typename T, typename F>
  void section(Index root, std::string_view name, const std::vector<T>& items, F each) {
    if (items.empty()) return;
    Index container = t_.child(root, name);
    for (const auto& item : items) (this->*each)(container, item);
  }

  void property(Index parent, const model::Attribute& a);
  void node(Index parent, const model::Node& n);
  void channel(Index parent, const model::Channel& c);
  void timing(Index root, const model::Timing& t);
  void authentication(Index root, const model::Authentication& auth);
  void resource(Index parent, const model::Resource& r);
  void group(Index parent, const model::ResourceGroup& g);
  void constraint(Index parent, const model::Constraint& c);
  void extension(Index parent, const model::Extension& e);

  BuiltTree tree_;
  TreeMaker t_{tree_};
};

void Renderer::property(Index parent, const model::Attribute& a) {
  Index e = t_.child(parent, "property");
  t_.set(e, "name", a.name);
  t_.set(e, "value", a.value);
}

void Renderer::node(Index parent, const model::Node& n) {
  Index e = t_.child(parent, "node");
  t_.set(e, "name", n.name);
  t_.set_if(e, "id", n.id);
  for (const auto& address : n.addresses) t_.text(t_.child(e, "address"), address);
  pairs(e, "attribute", n.attributes);
}

void Renderer::channel(Index parent, const model::Channel& c) {
  Index e = t_.child(parent, "channel");
  t_.set(e, "kind", model::to_string(c.kind));
  t_.set_if(e, "node", c.node);
  t_.set_if(e, "interface", c.interface);
  t_.set_if(e, "address", c.address);
  t_.set_if(e, "device", c.device);
  t_.set_if(e, "port", c.port);
  t_.set_if(e, "ttl", c.ttl);
  if (c.loop) t_.set_bool(e, "loop", *c.loop);
  t_.set_if(e, "baud", c.baud);
  t_.set_if(e, "priority", c.priority);
  t_.set_bool(e, "heartbeat", c.heartbeat);
  t_.set_bool(e, "control", c.control);
  pairs(e, "attribute", c.attributes);
}

void Renderer::timing(Index root, const model::Timing& t) {
  if (t == model::Timing{}) return;
  Index e = t_.child(root, "timing");
  t_.set_if(e, "keepalive-ms", t.keepalive_ms);
  t_.set_if(e, "warn-ms", t.warn_ms);
  t_.set_if(e, "dead-ms", t.dead_ms);
  t_.set_if(e, "initial-dead-ms", t.initial_dead_ms);
}

void Renderer::authentication(Index root, const model::Authentication& auth) {
  if (auth.empty()) return;
  Index e = t_.child(root, "authentication");
  t_.set_if(e, "active", auth.active);
  for (const auto& k : auth.keys) {
    Index key = t_.child(e, "key");
    t_.set(key, "number", t_.keep(std::to_string(k.number)));
    t_.set(key, "method", k.method);
    t_.set_if(key, "secret", k.secret);
  }
}

void Renderer::resource(Index parent, const model::Resource& r) {
  Index e = t_.child(parent, "resource");
  t_.set(e, "id", r.id);
  t_.set(e, "class", r.agent.cls);
  t_.set_if(e, "provider", r.agent.provider);
  t_.set(e, "type", r.agent.type);
  pairs(e, "param", r.params);
  for (const auto& op : r.operations) {
    Index o = t_.child(e, "op");
    t_.set(o, "name", op.name);
    t_.set_if(o, "interval-ms", op.interval_ms);
    t_.set_if(o, "timeout-ms", op.timeout_ms);
    pairs(o, "attribute", op.attributes);
  }
  pairs(e, "meta", r.meta);
}

void Renderer::group(Index parent, const model::ResourceGroup& g) {
  Index e = t_.child(parent, "group");
  t_.set(e, "id", g.id);
  for (const auto& m : g.members) t_.set(t_.child(e, "member"), "ref", m);
  const auto& p = g.policy;
  Index policy = t_.child(e, "policy");
  t_.set_if(policy, "name", p.name);
  t_.set(policy, "mode", model::to_string(p.mode));
  t_.set(policy, "failback", model::to_string(p.failback));
  t_.set_if(policy, "local-restarts", p.local_restarts);
  t_.set_bool(policy, "in-place-recovery", p.in_place_recovery);
  t_.set_bool(policy, "auto-recovery", p.auto_recovery);
  t_.set_bool(policy, "initially-disabled", p.initially_disabled);
  if (!p.domain.empty()) {
    Index domain = t_.child(policy, "domain");
    for (const auto& n : p.domain) t_.set(t_.child(domain, "node"), "ref", n);
  }
  pairs(policy, "attribute", p.attributes);
  pairs(e, "meta", g.meta);
}

void Renderer::constraint(Index parent, const model::Constraint& c) {
  Index e = t_.child(parent, t_.keep(model::to_string(c.kind)));
  t_.set_if(e, "id", c.id);
  switch (c.kind) {
    case model::ConstraintKind::kLocation:
      t_.set(e, "resource", c.resource);
      t_.set(e, "node", c.node);
      break;
    case model::ConstraintKind::kOrder:
      t_.set(e, "first", c.resource);
      t_.set(e, "then", c.with);
      break;
    case model::ConstraintKind::kColocation:
      t_.set(e, "resource", c.resource);
      t_.set(e, "with", c.with);
      break;
  }
  t_.set_if(e, "score", c.score);
}

void Renderer::extension(Index parent, const model::Extension& x) {
  Index e = t_.child(parent, "extension");
  t_.set(e, "product", x.product);
  t_.set_if(e, "scope", x.scope);
  t_.set(e, "key", x.key);
  t_.set(e, "value", x.value);
}

std::string Renderer::render(const model::Cluster& cluster, bool& valid) {
  const std::string ns(kNamespace), version(kVersion);
  Index root = t_.root("cluster");
  t_.set(root, "xmlns", ns);
  t_.set(root, "version", version);
  t_.set_if(root, "name", cluster.name);
  section(root, "properties", cluster.properties, &Renderer::property);
  section(root, "nodes", cluster.nodes, &Renderer::node);
  section(root, "channels", cluster.channels, &Renderer::channel);
  timing(root, cluster.timing);
  authentication(root, cluster.auth);
  section(root, "resources", cluster.resources, &Renderer::resource);
  section(root, "groups", cluster.groups, &Renderer::group);
  section(root, "constraints", cluster.constraints, &Renderer::constraint);
  section(root, "extensions", cluster.extensions, &Renderer::extension);
  // The tree is checked as built: every string in it passed WritableCheck,
  // so its text is one libxml2 reads back to this same tree.
  valid = schema_accepts_tree(tree_);
  return serialize(tree_, t_.bytes());
}

}  // namespace

std::optional<std::string> write_ocf_xml(const model::Cluster& cluster,
                                         model::Diagnostics& diagnostics) {
  Redactor redactor;
  for (const auto& k : cluster.auth.keys) redactor.add_secret(k.secret);
  Diagnostics local;
  WritableCheck(local).cluster(cluster);
  std::optional<std::string> out;
  if (!local.has_errors()) {
    bool valid = false;
    std::string text = Renderer().render(cluster, valid);
    Diagnostics invalid;
    if (valid || validate_ocf_xml(text, "(written OCF XML)", invalid)) {
      out = std::move(text);
    } else {
      // The check above should make this unreachable: it is a bug here.
      for (const auto& e : invalid.entries())
        local.error("ocfxml.internal",
                    "internal error: the written OCF XML fails its schema at line " +
                        std::to_string(e.where.line) + ": " + e.message);
    }
  }
  redactor.copy(local, diagnostics);
  return out;
}

std::string write_ocf_xml(const model::Cluster& cluster) {
  model::Diagnostics ignored;
  return write_ocf_xml(cluster, ignored).value_or(std::string());
}

}  // namespace ocf::xml
