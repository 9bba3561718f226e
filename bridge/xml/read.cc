// OCF XML -> model. The schema has already accepted the document when the
// model is built, so the builder trusts its shape and only converts values.
// A plain text is read by the reader's own scan into a flat tree (see
// plain_tree.h); anything else by pugixml. The builder is the same for both.
#include <pugixml.hpp>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/plain_tree.h"
#include "bridge/xml/schema.h"
#include "bridge/xml/secrets.h"
#include "bridge/xml/text_position.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;

// Element name without a namespace prefix: the schema has checked the
// namespace, and pugixml does not know about namespaces.
template <typename N>
std::string_view local_name(const N& node) {
  // Names are short: a plain loop, not a call to strlen and memchr.
  const char* name = node.name();
  const char* local = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':' && local == name) local = p + 1;
  return {local, static_cast<std::size_t>(p - local)};
}

// How many children `node` has, to size a vector once.
template <typename N>
std::size_t child_count(const N& node) {
  std::size_t count = 0;
  for (N child = node.first_child(); child; child = child.next_sibling()) ++count;
  return count;
}

// XML schema types collapse white space around enumerated values and
// numbers before checking them; so does the builder.
std::string_view collapse(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  auto begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);
}

template <typename N>
class Builder {
 public:
  Builder(const LineIndex& index, const std::string& file, Diagnostics& diagnostics)
      : index_(index), file_(file), diagnostics_(diagnostics) {}

  model::Cluster cluster(const N& root);

 private:
  SourceLocation at(const N& node);
  std::string text(const N& node, const char* attribute) const {
    auto a = node.attribute(attribute);
    if constexpr (requires { a.size(); }) return std::string(a.value(), a.size());
    else return a.value();
  }
  // A name, id or reference: present (the schema saw to that) and not empty.
  std::string required(const N& node, const char* attribute);
  template <typename T>
  std::optional<T> number(const N& node, const char* attribute);
  std::optional<bool> boolean(const N& node, const char* attribute);

  void pair(const N& node, model::Attributes& list);
  std::string address(const N& element);
  model::Node node(const N& element);
  model::Channel channel(const N& element);
  model::Timing timing(const N& element);
  model::Authentication authentication(const N& element);
  void resource(const N& element, model::Resource& out);
  model::Operation operation(const N& element);
  model::ResourceGroup group(const N& element);
  model::FailoverPolicy policy(const N& element);
  model::Constraint constraint(const N& element);
  model::Extension extension(const N& element);

  const LineIndex& index_;
  model::FileName file_;  // interned once, then copied as a pointer
  Diagnostics& diagnostics_;
  std::size_t line_hint_ = 0;  // elements are visited in document order
};

template <typename N>
SourceLocation Builder<N>::at(const N& node) {
  // offset_debug() is the offset of the element's name; the location is
  // that of its '<'.
  auto offset = node.offset_debug();
  if (offset <= 0) return {file_, 0, 0};
  TextPosition position = index_.locate(static_cast<std::size_t>(offset - 1), line_hint_);
  return {file_, position.line, position.column};
}

// The lexical forms of xsd:unsignedInt and xsd:unsignedLong: white space
// around, an optional sign ("-" only before zeros), decimal digits.
template <typename N>
std::string Builder<N>::required(const N& node, const char* attribute) {
  std::string value = text(node, attribute);
  if (value.empty())
    diagnostics_.error("ocfxml.empty",
                       std::string("attribute ") + attribute + " of <" +
                           std::string(local_name(node)) + "> is empty",
                       at(node));
  return value;
}

template <typename T>
std::optional<T> parse_unsigned(std::string_view value) {
  value = collapse(value);
  bool negative = !value.empty() && value.front() == '-';
  if (!value.empty() && (value.front() == '+' || negative)) value.remove_prefix(1);
  if (value.empty()) return std::nullopt;
  T out{};
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  if (negative && out != 0) return std::nullopt;
  return out;
}

template <typename N>
template <typename T>
std::optional<T> Builder<N>::number(const N& node, const char* attribute) {
  auto a = node.attribute(attribute);
  if (!a) return std::nullopt;
  std::optional<T> out = parse_unsigned<T>(a.value());
  if (!out)
    diagnostics_.error("ocfxml.value",
                       std::string("attribute ") + attribute + " of <" +
                           std::string(local_name(node)) + "> is not a number in range",
                       at(node));
  return out;
}

template <typename N>
std::optional<bool> Builder<N>::boolean(const N& node, const char* attribute) {
  auto a = node.attribute(attribute);
  if (!a) return std::nullopt;
  std::string_view value = collapse(a.value());
  if (value == "true") return true;
  if (value == "false") return false;
  diagnostics_.error("ocfxml.value",
                     std::string("attribute ") + attribute + " must be true or false", at(node));
  return std::nullopt;
}

// Made in place at the end of `list`: a model::Attribute moved into a
// vector costs about as much as making it.
template <typename N>
void Builder<N>::pair(const N& node, model::Attributes& list) {
  model::Attribute& out = list.emplace_back();
  out.name = required(node, "name");
  out.value = text(node, "value");
  out.origin = at(node);
}

template <typename N>
std::string concatenated_text(const N& element) {
  std::string out;
  for (N child = element.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      out += child.value();
  return out;
}

template <typename N>
std::string Builder<N>::address(const N& element) {
  std::string out = concatenated_text(element);
  if (out.empty() || out.find_first_of(" \t\r\n") != std::string::npos)
    diagnostics_.error("ocfxml.address",
                       "<address> must be a host name or address without white space",
                       at(element));
  return out;
}

template <typename N>
model::Node Builder<N>::node(const N& element) {
  model::Node out;
  out.name = required(element, "name");
  out.id = number<std::uint32_t>(element, "id");
  out.origin = at(element);
  for (N child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "address") out.addresses.push_back(address(child));
    else if (name == "attribute") pair(child, out.attributes);
  }
  return out;
}

template <typename N>
model::Channel Builder<N>::channel(const N& element) {
  model::Channel out;
  out.kind = model::channel_kind_from(collapse(element.attribute("kind").value()))
                 .value_or(model::ChannelKind::kBroadcast);
  out.node = text(element, "node");
  out.interface = text(element, "interface");
  out.address = text(element, "address");
  out.device = text(element, "device");
  out.port = number<std::uint32_t>(element, "port");
  out.ttl = number<std::uint32_t>(element, "ttl");
  out.loop = boolean(element, "loop");
  out.baud = number<std::uint32_t>(element, "baud");
  out.priority = number<std::uint32_t>(element, "priority");
  out.heartbeat = boolean(element, "heartbeat").value_or(true);
  out.control = boolean(element, "control").value_or(true);
  out.origin = at(element);
  for (N child = element.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element && local_name(child) == "attribute")
      pair(child, out.attributes);
  return out;
}

template <typename N>
model::Timing Builder<N>::timing(const N& element) {
  model::Timing out;
  out.keepalive_ms = number<std::uint64_t>(element, "keepalive-ms");
  out.warn_ms = number<std::uint64_t>(element, "warn-ms");
  out.dead_ms = number<std::uint64_t>(element, "dead-ms");
  out.initial_dead_ms = number<std::uint64_t>(element, "initial-dead-ms");
  // The attributes share their element's line.
  SourceLocation where = at(element);
  if (out.keepalive_ms) out.keepalive_origin = where;
  if (out.warn_ms) out.warn_origin = where;
  if (out.dead_ms) out.dead_origin = where;
  if (out.initial_dead_ms) out.initial_dead_origin = where;
  return out;
}

template <typename N>
model::Authentication Builder<N>::authentication(const N& element) {
  model::Authentication out;
  out.active = number<std::uint32_t>(element, "active");
  out.origin = at(element);
  for (N key = element.first_child(); key; key = key.next_sibling()) {
    if (key.type() != pugi::node_element || local_name(key) != "key") continue;
    model::AuthKey k;
    k.number = number<std::uint32_t>(key, "number").value_or(0);
    k.method = std::string(collapse(key.attribute("method").value()));
    k.secret = text(key, "secret");
    k.origin = at(key);
    out.keys.push_back(std::move(k));
  }
  return out;
}

template <typename N>
model::Operation Builder<N>::operation(const N& element) {
  model::Operation out;
  out.name = required(element, "name");
  out.interval_ms = number<std::uint64_t>(element, "interval-ms");
  out.timeout_ms = number<std::uint64_t>(element, "timeout-ms");
  out.origin = at(element);
  for (N child = element.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element && local_name(child) == "attribute")
      pair(child, out.attributes);
  return out;
}

// Made in place, as pair() is.
template <typename N>
void Builder<N>::resource(const N& element, model::Resource& out) {
  out.id = required(element, "id");
  out.agent = {required(element, "class"), text(element, "provider"),
               required(element, "type")};
  out.origin = at(element);
  out.params.reserve(child_count(element));  // nearly always all params
  for (N child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "param") pair(child, out.params);
    else if (name == "op") out.operations.push_back(operation(child));
    else if (name == "meta") pair(child, out.meta);
  }
}

template <typename N>
model::FailoverPolicy Builder<N>::policy(const N& element) {
  model::FailoverPolicy out;
  out.name = text(element, "name");
  if (collapse(element.attribute("mode").value()) == "round-robin")
    out.mode = model::PlacementMode::kRoundRobin;
  if (collapse(element.attribute("failback").value()) == "manual")
    out.failback = model::Failback::kManual;
  out.local_restarts = number<std::uint32_t>(element, "local-restarts");
  out.in_place_recovery = boolean(element, "in-place-recovery").value_or(false);
  out.auto_recovery = boolean(element, "auto-recovery").value_or(false);
  out.initially_disabled = boolean(element, "initially-disabled").value_or(false);
  out.origin = at(element);
  for (N child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "attribute") {
      pair(child, out.attributes);
    } else if (name == "domain") {
      out.domain.reserve(child_count(child));
      for (N n = child.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_element) out.domain.push_back(required(n, "ref"));
    }
  }
  return out;
}

template <typename N>
model::ResourceGroup Builder<N>::group(const N& element) {
  model::ResourceGroup out;
  out.id = required(element, "id");
  out.origin = at(element);
  out.members.reserve(child_count(element));  // nearly always all members
  for (N child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "member") out.members.push_back(required(child, "ref"));
    else if (name == "policy") out.policy = policy(child);
    else if (name == "meta") pair(child, out.meta);
  }
  return out;
}

template <typename N>
model::Constraint Builder<N>::constraint(const N& element) {
  model::Constraint out;
  auto name = local_name(element);
  out.kind = model::constraint_kind_from(name).value_or(model::ConstraintKind::kLocation);
  out.id = text(element, "id");
  out.score = std::string(collapse(element.attribute("score").value()));
  out.origin = at(element);
  switch (out.kind) {
    case model::ConstraintKind::kLocation:
      out.resource = required(element, "resource");
      out.node = required(element, "node");
      break;
    case model::ConstraintKind::kOrder:
      out.resource = required(element, "first");
      out.with = required(element, "then");
      break;
    case model::ConstraintKind::kColocation:
      out.resource = required(element, "resource");
      out.with = required(element, "with");
      break;
  }
  return out;
}

template <typename N>
model::Extension Builder<N>::extension(const N& element) {
  return {required(element, "product"), text(element, "scope"), required(element, "key"),
          text(element, "value"), at(element)};
}

template <typename N>
model::Cluster Builder<N>::cluster(const N& root) {
  model::Cluster out;
  out.name = text(root, "name");
  for (N section = root.first_child(); section; section = section.next_sibling()) {
    if (section.type() != pugi::node_element) continue;
    auto name = local_name(section);
    if (name == "timing") {
      out.timing = timing(section);
      continue;
    }
    if (name == "authentication") {
      out.auth = authentication(section);
      continue;
    }
    std::size_t count = child_count(section);  // sized once: thousands of entries
    if (name == "resources") out.resources.reserve(count);
    else if (name == "groups") out.groups.reserve(count);
    else if (name == "extensions") out.extensions.reserve(count);
    for (N e = section.first_child(); e; e = e.next_sibling()) {
      if (e.type() != pugi::node_element) continue;
      if (name == "properties") pair(e, out.properties);
      else if (name == "nodes") out.nodes.push_back(node(e));
      else if (name == "channels") out.channels.push_back(channel(e));
      else if (name == "resources") resource(e, out.resources.emplace_back());
      else if (name == "groups") out.groups.push_back(group(e));
      else if (name == "constraints") out.constraints.push_back(constraint(e));
      else if (name == "extensions") out.extensions.push_back(extension(e));
    }
  }
  return out;
}

// Every secret in the document, wherever it sits, so that no message can
// quote one; collected from the raw tree before the full validation (a
// tree the fast check accepts has its secrets taken from the model).
void collect_secrets(pugi::xml_document& doc, Redactor& redactor) {
  struct Walker : pugi::xml_tree_walker {
    explicit Walker(Redactor& r) : redactor(r) {}
    bool for_each(pugi::xml_node& node) override {
      for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        std::string_view name = a.name();
        if (name == "secret" || name.ends_with(":secret")) redactor.add_secret(a.value());
      }
      return true;
    }
    Redactor& redactor;
  } walker(redactor);
  doc.traverse(walker);
}

// A node of a PlainTree, with the part of pugixml's node interface the
// builder uses.
class FlatNode {
 public:
  class Attribute {
   public:
    Attribute() = default;
    Attribute(const char* value, std::size_t size) : value_(value), size_(size) {}
    explicit operator bool() const { return value_ != nullptr; }
    const char* value() const { return value_ ? value_ : ""; }
    std::size_t size() const { return size_; }  // of value()

   private:
    const char* value_ = nullptr;
    std::size_t size_ = 0;
  };

  FlatNode(const PlainTree& tree, std::uint32_t index) : tree_(&tree), index_(index) {}
  explicit operator bool() const { return index_ != BuiltTree::kNone; }
  pugi::xml_node_type type() const {
    return node().name ? pugi::node_element : pugi::node_pcdata;
  }
  const char* name() const { return node().name ? node().name : ""; }
  const char* value() const { return node().name ? "" : node().text; }
  // As pugixml's: the offset of the name, one past the '<'.
  std::ptrdiff_t offset_debug() const {
    return static_cast<std::ptrdiff_t>(tree_->offsets[index_]) + 1;
  }
  FlatNode first_child() const { return {*tree_, node().first_child}; }
  FlatNode next_sibling() const { return {*tree_, node().next_sibling}; }
  Attribute attribute(const char* name) const {
    const BuiltTree::Node& n = node();
    const BuiltTree::Attribute* a = tree_->tree.attributes.data() + n.first_attribute;
    for (const auto* end = a + n.attribute_count; a != end; ++a)
      if (a->name[0] == name[0] && std::strcmp(a->name, name) == 0) return {a->value, a->size};
    return {};
  }

 private:
  const BuiltTree::Node& node() const { return tree_->tree.nodes[index_]; }
  const PlainTree* tree_;
  std::uint32_t index_;
};

// The model of a tree the fast schema check has accepted, and its checks.
template <typename N>
std::optional<model::Cluster> build_accepted(const N& root, const LineIndex& index,
                                             const std::string& file_name,
                                             model::Diagnostics& diagnostics) {
  Diagnostics local;
  Redactor redactor;
  Builder<N> builder(index, file_name, local);
  std::optional<model::Cluster> cluster = builder.cluster(root);
  // A tree the fast check accepted is plain and valid: its only secrets
  // are keys' secret attributes (the schema allows one nowhere else, and
  // a plain declaration has none), now in the model in document order,
  // the order a walk of the tree finds them in. Messages are masked
  // when copied out below, so the redactor learns them in time.
  for (const auto& key : cluster->auth.keys) redactor.add_secret(key.secret);
  model::check(*cluster, local);
  redactor.copy(local, diagnostics);
  if (local.has_errors()) return std::nullopt;
  return cluster;
}

}  // namespace

std::optional<model::Cluster> read_ocf_xml_through_pugixml(std::string_view text,
                                                           const std::string& file_name,
                                                           model::Diagnostics& diagnostics,
                                                           bool plain) {
  Diagnostics local;
  Redactor redactor;
  LineIndex index(text);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    collect_secrets(doc, redactor);
    TextPosition p = index.locate(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, parsed.offset)));
    local.error("ocfxml.xml", std::string("malformed XML: ") + parsed.description(),
                {file_name, p.line, p.column});
    redactor.copy(local, diagnostics);
    return std::nullopt;
  }
  if (plain && schema_accepts_tree(doc))
    return build_accepted(doc.document_element(), index, file_name, diagnostics);
  collect_secrets(doc, redactor);
  std::optional<model::Cluster> cluster;
  if (validate_ocf_xml(text, file_name, local)) {
    Builder<pugi::xml_node> builder(index, file_name, local);
    cluster = builder.cluster(doc.document_element());
    model::check(*cluster, local);
  }
  redactor.copy(local, diagnostics);
  if (local.has_errors()) return std::nullopt;
  return cluster;
}

std::optional<model::Cluster> read_ocf_xml(std::string_view text, const std::string& file_name,
                                           model::Diagnostics& diagnostics) {
  PlainTree tree;
  if (read_plain_tree(text, tree)) {  // a plain text
    if (schema_accepts_tree(tree.tree))
      return build_accepted(FlatNode(tree, 0), LineIndex(text), file_name, diagnostics);
    return read_ocf_xml_through_pugixml(text, file_name, diagnostics, true);
  }
  return read_ocf_xml_through_pugixml(text, file_name, diagnostics, plain_text(text));
}

}  // namespace ocf::xml
