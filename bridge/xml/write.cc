// model -> OCF XML. First a check that every value can be written (so a
// schema failure of the output really is a bug here), then the canonical
// rendering, then the schema check of the rendered tree (and, only if that
// fails, of the text, for located messages).
#include <pugixml.hpp>

#include <cstdint>
#include <utility>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/schema.h"
#include "bridge/xml/secrets.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;

bool xml_representable(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
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
  void text(std::string_view value, Describe what, const SourceLocation& where) {
    if (!xml_representable(value))
      diagnostics_.error("ocfxml.unwritable",
                         what() + " holds a byte sequence that is not a character XML 1.0 can carry",
                         where);
  }
  void name(std::string_view value, Describe what, const SourceLocation& where) {
    if (value.empty())
      diagnostics_.error("ocfxml.unwritable", what() + " is empty", where);
    else
      text(value, what, where);
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

// Renders the canonical tree. Attributes are appended in the fixed order
// of the schema's documentation; unset optional values are left out.
class Renderer {
 public:
  // The canonical text, and whether libxml2 finds the document valid.
  std::string render(const model::Cluster& cluster, bool& valid);

 private:
  static pugi::xml_node child(pugi::xml_node parent, const char* name) {
    return parent.append_child(name);
  }
  static void set(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name).set_value(value.c_str(), value.size());
  }
  static void set_if(pugi::xml_node node, const char* name, const std::string& value) {
    if (!value.empty()) set(node, name, value);
  }
  template <typename T>
  static void set_if(pugi::xml_node node, const char* name, const std::optional<T>& value) {
    if (value) set(node, name, std::to_string(*value));
  }
  static void set_bool(pugi::xml_node node, const char* name, bool value) {
    set(node, name, value ? "true" : "false");
  }
  static void pairs(pugi::xml_node parent, const char* element, const model::Attributes& list) {
    for (const auto& a : list) {
      pugi::xml_node e = child(parent, element);
      set(e, "name", a.name);
      set(e, "value", a.value);
    }
  }
  // A container element, only when it has entries.
  template <typename T, typename F>
  static void section(pugi::xml_node root, const char* name, const std::vector<T>& items, F each) {
    if (items.empty()) return;
    pugi::xml_node container = child(root, name);
    for (const auto& item : items) each(container, item);
  }

  static void node(pugi::xml_node parent, const model::Node& n);
  static void channel(pugi::xml_node parent, const model::Channel& c);
  static void timing(pugi::xml_node root, const model::Timing& t);
  static void authentication(pugi::xml_node root, const model::Authentication& auth);
  static void resource(pugi::xml_node parent, const model::Resource& r);
  static void group(pugi::xml_node parent, const model::ResourceGroup& g);
  static void constraint(pugi::xml_node parent, const model::Constraint& c);
  static void extension(pugi::xml_node parent, const model::Extension& e);
};

void Renderer::node(pugi::xml_node parent, const model::Node& n) {
  pugi::xml_node e = child(parent, "node");
  set(e, "name", n.name);
  set_if(e, "id", n.id);
  for (const auto& address : n.addresses)
    child(e, "address").append_child(pugi::node_pcdata).set_value(address.c_str());
  pairs(e, "attribute", n.attributes);
}

void Renderer::channel(pugi::xml_node parent, const model::Channel& c) {
  pugi::xml_node e = child(parent, "channel");
  set(e, "kind", std::string(model::to_string(c.kind)));
  set_if(e, "node", c.node);
  set_if(e, "interface", c.interface);
  set_if(e, "address", c.address);
  set_if(e, "device", c.device);
  set_if(e, "port", c.port);
  set_if(e, "ttl", c.ttl);
  if (c.loop) set_bool(e, "loop", *c.loop);
  set_if(e, "baud", c.baud);
  set_if(e, "priority", c.priority);
  set_bool(e, "heartbeat", c.heartbeat);
  set_bool(e, "control", c.control);
  pairs(e, "attribute", c.attributes);
}

void Renderer::timing(pugi::xml_node root, const model::Timing& t) {
  if (t == model::Timing{}) return;
  pugi::xml_node e = child(root, "timing");
  set_if(e, "keepalive-ms", t.keepalive_ms);
  set_if(e, "warn-ms", t.warn_ms);
  set_if(e, "dead-ms", t.dead_ms);
  set_if(e, "initial-dead-ms", t.initial_dead_ms);
}

void Renderer::authentication(pugi::xml_node root, const model::Authentication& auth) {
  if (auth.empty()) return;
  pugi::xml_node e = child(root, "authentication");
  set_if(e, "active", auth.active);
  for (const auto& k : auth.keys) {
    pugi::xml_node key = child(e, "key");
    set(key, "number", std::to_string(k.number));
    set(key, "method", k.method);
    set_if(key, "secret", k.secret);
  }
}

void Renderer::resource(pugi::xml_node parent, const model::Resource& r) {
  pugi::xml_node e = child(parent, "resource");
  set(e, "id", r.id);
  set(e, "class", r.agent.cls);
  set_if(e, "provider", r.agent.provider);
  set(e, "type", r.agent.type);
  pairs(e, "param", r.params);
  for (const auto& op : r.operations) {
    pugi::xml_node o = child(e, "op");
    set(o, "name", op.name);
    set_if(o, "interval-ms", op.interval_ms);
    set_if(o, "timeout-ms", op.timeout_ms);
    pairs(o, "attribute", op.attributes);
  }
  pairs(e, "meta", r.meta);
}

void Renderer::group(pugi::xml_node parent, const model::ResourceGroup& g) {
  pugi::xml_node e = child(parent, "group");
  set(e, "id", g.id);
  for (const auto& m : g.members) set(child(e, "member"), "ref", m);
  const auto& p = g.policy;
  pugi::xml_node policy = child(e, "policy");
  set_if(policy, "name", p.name);
  set(policy, "mode", std::string(model::to_string(p.mode)));
  set(policy, "failback", std::string(model::to_string(p.failback)));
  set_if(policy, "local-restarts", p.local_restarts);
  set_bool(policy, "in-place-recovery", p.in_place_recovery);
  set_bool(policy, "auto-recovery", p.auto_recovery);
  set_bool(policy, "initially-disabled", p.initially_disabled);
  if (!p.domain.empty()) {
    pugi::xml_node domain = child(policy, "domain");
    for (const auto& n : p.domain) set(child(domain, "node"), "ref", n);
  }
  pairs(policy, "attribute", p.attributes);
  pairs(e, "meta", g.meta);
}

void Renderer::constraint(pugi::xml_node parent, const model::Constraint& c) {
  pugi::xml_node e = child(parent, std::string(model::to_string(c.kind)).c_str());
  set_if(e, "id", c.id);
  switch (c.kind) {
    case model::ConstraintKind::kLocation:
      set(e, "resource", c.resource);
      set(e, "node", c.node);
      break;
    case model::ConstraintKind::kOrder:
      set(e, "first", c.resource);
      set(e, "then", c.with);
      break;
    case model::ConstraintKind::kColocation:
      set(e, "resource", c.resource);
      set(e, "with", c.with);
      break;
  }
  set_if(e, "score", c.score);
}

void Renderer::extension(pugi::xml_node parent, const model::Extension& x) {
  pugi::xml_node e = child(parent, "extension");
  set(e, "product", x.product);
  set_if(e, "scope", x.scope);
  set(e, "key", x.key);
  set(e, "value", x.value);
}

struct StringSink : pugi::xml_writer {
  std::string text;
  void write(const void* data, std::size_t size) override {
    text.append(static_cast<const char*>(data), size);
  }
};

std::string Renderer::render(const model::Cluster& cluster, bool& valid) {
  pugi::xml_document doc;
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  set(declaration, "version", "1.0");
  set(declaration, "encoding", "UTF-8");
  pugi::xml_node root = child(doc, "cluster");
  set(root, "xmlns", std::string(kNamespace));
  set(root, "version", std::string(kVersion));
  set_if(root, "name", cluster.name);
  section(root, "properties", cluster.properties, [](pugi::xml_node parent, const auto& a) {
    pugi::xml_node e = child(parent, "property");
    set(e, "name", a.name);
    set(e, "value", a.value);
  });
  section(root, "nodes", cluster.nodes, node);
  section(root, "channels", cluster.channels, channel);
  timing(root, cluster.timing);
  authentication(root, cluster.auth);
  section(root, "resources", cluster.resources, resource);
  section(root, "groups", cluster.groups, group);
  section(root, "constraints", cluster.constraints, constraint);
  section(root, "extensions", cluster.extensions, extension);
  // The tree is checked as built: every string in it passed WritableCheck,
  // so its text is one libxml2 reads back to this same tree.
  valid = schema_accepts_tree(doc);
  StringSink sink;
  doc.save(sink, "  ", pugi::format_indent, pugi::encoding_utf8);
  return std::move(sink.text);
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
