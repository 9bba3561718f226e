// OCF XML -> model. The schema has already accepted the document when the
// model is built, so the builder trusts its shape and only converts values.
#include <pugixml.hpp>

#include <charconv>
#include <cstdint>
#include <utility>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/schema.h"
#include "bridge/xml/secrets.h"
#include "bridge/xml/text_position.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;
using model::SourceLocation;

// Element name without a namespace prefix: the schema has checked the
// namespace, and pugixml does not know about namespaces.
std::string_view local_name(const pugi::xml_node& node) {
  // Names are short: a plain loop, not a call to strlen and memchr.
  const char* name = node.name();
  const char* local = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':' && local == name) local = p + 1;
  return {local, static_cast<std::size_t>(p - local)};
}

// How many children `node` has, to size a vector once.
std::size_t child_count(const pugi::xml_node& node) {
  std::size_t count = 0;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) ++count;
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

class Builder {
 public:
  Builder(const LineIndex& index, const std::string& file, Diagnostics& diagnostics)
      : index_(index), file_(file), diagnostics_(diagnostics) {}

  model::Cluster cluster(const pugi::xml_node& root);

 private:
  SourceLocation at(const pugi::xml_node& node);
  std::string text(const pugi::xml_node& node, const char* attribute) const {
    return node.attribute(attribute).value();
  }
  // A name, id or reference: present (the schema saw to that) and not empty.
  std::string required(const pugi::xml_node& node, const char* attribute);
  template <typename T>
  std::optional<T> number(const pugi::xml_node& node, const char* attribute);
  std::optional<bool> boolean(const pugi::xml_node& node, const char* attribute);

  model::Attribute pair(const pugi::xml_node& node);
  std::string address(const pugi::xml_node& element);
  model::Node node(const pugi::xml_node& element);
  model::Channel channel(const pugi::xml_node& element);
  model::Timing timing(const pugi::xml_node& element);
  model::Authentication authentication(const pugi::xml_node& element);
  model::Resource resource(const pugi::xml_node& element);
  model::Operation operation(const pugi::xml_node& element);
  model::ResourceGroup group(const pugi::xml_node& element);
  model::FailoverPolicy policy(const pugi::xml_node& element);
  model::Constraint constraint(const pugi::xml_node& element);
  model::Extension extension(const pugi::xml_node& element);

  const LineIndex& index_;
  model::FileName file_;  // interned once, then copied as a pointer
  Diagnostics& diagnostics_;
  std::size_t line_hint_ = 0;  // elements are visited in document order
};

SourceLocation Builder::at(const pugi::xml_node& node) {
  // offset_debug() is the offset of the element's name; the location is
  // that of its '<'.
  auto offset = node.offset_debug();
  if (offset <= 0) return {file_, 0, 0};
  TextPosition position = index_.locate(static_cast<std::size_t>(offset - 1), line_hint_);
  return {file_, position.line, position.column};
}

// The lexical forms of xsd:unsignedInt and xsd:unsignedLong: white space
// around, an optional sign ("-" only before zeros), decimal digits.
std::string Builder::required(const pugi::xml_node& node, const char* attribute) {
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

template <typename T>
std::optional<T> Builder::number(const pugi::xml_node& node, const char* attribute) {
  pugi::xml_attribute a = node.attribute(attribute);
  if (!a) return std::nullopt;
  std::optional<T> out = parse_unsigned<T>(a.value());
  if (!out)
    diagnostics_.error("ocfxml.value",
                       std::string("attribute ") + attribute + " of <" +
                           std::string(local_name(node)) + "> is not a number in range",
                       at(node));
  return out;
}

std::optional<bool> Builder::boolean(const pugi::xml_node& node, const char* attribute) {
  pugi::xml_attribute a = node.attribute(attribute);
  if (!a) return std::nullopt;
  std::string_view value = collapse(a.value());
  if (value == "true") return true;
  if (value == "false") return false;
  diagnostics_.error("ocfxml.value",
                     std::string("attribute ") + attribute + " must be true or false", at(node));
  return std::nullopt;
}

model::Attribute Builder::pair(const pugi::xml_node& node) {
  return {required(node, "name"), text(node, "value"), at(node)};
}

std::string concatenated_text(const pugi::xml_node& element) {
  std::string out;
  for (const auto& child : element.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      out += child.value();
  return out;
}

std::string Builder::address(const pugi::xml_node& element) {
  std::string out = concatenated_text(element);
  if (out.empty() || out.find_first_of(" \t\r\n") != std::string::npos)
    diagnostics_.error("ocfxml.address",
                       "<address> must be a host name or address without white space",
                       at(element));
  return out;
}

model::Node Builder::node(const pugi::xml_node& element) {
  model::Node out;
  out.name = required(element, "name");
  out.id = number<std::uint32_t>(element, "id");
  out.origin = at(element);
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "address") out.addresses.push_back(address(child));
    else if (name == "attribute") out.attributes.push_back(pair(child));
  }
  return out;
}

model::Channel Builder::channel(const pugi::xml_node& element) {
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
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element && local_name(child) == "attribute")
      out.attributes.push_back(pair(child));
  return out;
}

model::Timing Builder::timing(const pugi::xml_node& element) {
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

model::Authentication Builder::authentication(const pugi::xml_node& element) {
  model::Authentication out;
  out.active = number<std::uint32_t>(element, "active");
  out.origin = at(element);
  for (pugi::xml_node key = element.first_child(); key; key = key.next_sibling()) {
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

model::Operation Builder::operation(const pugi::xml_node& element) {
  model::Operation out;
  out.name = required(element, "name");
  out.interval_ms = number<std::uint64_t>(element, "interval-ms");
  out.timeout_ms = number<std::uint64_t>(element, "timeout-ms");
  out.origin = at(element);
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element && local_name(child) == "attribute")
      out.attributes.push_back(pair(child));
  return out;
}

model::Resource Builder::resource(const pugi::xml_node& element) {
  model::Resource out;
  out.id = required(element, "id");
  out.agent = {required(element, "class"), text(element, "provider"),
               required(element, "type")};
  out.origin = at(element);
  out.params.reserve(child_count(element));  // nearly always all params
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "param") out.params.push_back(pair(child));
    else if (name == "op") out.operations.push_back(operation(child));
    else if (name == "meta") out.meta.push_back(pair(child));
  }
  return out;
}

model::FailoverPolicy Builder::policy(const pugi::xml_node& element) {
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
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "attribute") {
      out.attributes.push_back(pair(child));
    } else if (name == "domain") {
      for (pugi::xml_node n = child.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_element) out.domain.push_back(required(n, "ref"));
    }
  }
  return out;
}

model::ResourceGroup Builder::group(const pugi::xml_node& element) {
  model::ResourceGroup out;
  out.id = required(element, "id");
  out.origin = at(element);
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    auto name = local_name(child);
    if (name == "member") out.members.push_back(required(child, "ref"));
    else if (name == "policy") out.policy = policy(child);
    else if (name == "meta") out.meta.push_back(pair(child));
  }
  return out;
}

model::Constraint Builder::constraint(const pugi::xml_node& element) {
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

model::Extension Builder::extension(const pugi::xml_node& element) {
  return {required(element, "product"), text(element, "scope"), required(element, "key"),
          text(element, "value"), at(element)};
}

model::Cluster Builder::cluster(const pugi::xml_node& root) {
  model::Cluster out;
  out.name = text(root, "name");
  for (pugi::xml_node section = root.first_child(); section; section = section.next_sibling()) {
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
    for (pugi::xml_node e = section.first_child(); e; e = e.next_sibling()) {
      if (e.type() != pugi::node_element) continue;
      if (name == "properties") out.properties.push_back(pair(e));
      else if (name == "nodes") out.nodes.push_back(node(e));
      else if (name == "channels") out.channels.push_back(channel(e));
      else if (name == "resources") out.resources.push_back(resource(e));
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

}  // namespace

std::optional<model::Cluster> read_ocf_xml(std::string_view text, const std::string& file_name,
                                           model::Diagnostics& diagnostics) {
  Diagnostics local;
  Redactor redactor;
  LineIndex index(text);
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  std::optional<model::Cluster> cluster;
  if (!parsed) {
    collect_secrets(doc, redactor);
    TextPosition p = index.locate(static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, parsed.offset)));
    local.error("ocfxml.xml", std::string("malformed XML: ") + parsed.description(),
                {file_name, p.line, p.column});
  } else {
    bool fast = plain_text(text) && schema_accepts_tree(doc);
    if (!fast) collect_secrets(doc, redactor);
    if (fast || validate_ocf_xml(text, file_name, local)) {
      Builder builder(index, file_name, local);
      cluster = builder.cluster(doc.document_element());
      // A tree the fast check accepted is plain and valid: its only secrets
      // are keys' secret attributes (the schema allows one nowhere else, and
      // a plain declaration has none), now in the model in document order,
      // the order a walk of the tree finds them in. Messages are masked
      // when copied out below, so the redactor learns them in time.
      if (fast)
        for (const auto& key : cluster->auth.keys) redactor.add_secret(key.secret);
      model::check(*cluster, local);
    }
  }
  redactor.copy(local, diagnostics);
  if (local.has_errors()) return std::nullopt;
  return cluster;
}

}  // namespace ocf::xml
