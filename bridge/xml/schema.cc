#include "bridge/xml/schema.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>
#include <pugixml.hpp>

#include <array>
#include <climits>
#include <cstring>
#include <map>
#include <deque>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "bridge/xml/text_position.h"

namespace ocf::xml {
namespace {

// libxml2 2.12 made the error argument of structured handlers const.
#if LIBXML_VERSION >= 21200
using ErrorArg = const xmlError*;
#else
using ErrorArg = xmlErrorPtr;
#endif

constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

// One libxml2 error, copied out of libxml2 at once: the node it names may
// be freed soon after (the streaming validator frees nodes as it goes).
struct RawError {
  int domain = 0;
  int code = 0;
  int level = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string element;  // name of the element concerned, when known
  std::string str1;
  std::string message;
};

using RawErrors = std::vector<RawError>;

std::string trimmed(const char* text) {
  std::string out = text ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// libxml2's wording for a bad attribute value is "Invalid attribute X for
// element Y", which reads like an unknown attribute; say what it means and
// show the value (never a secret's: those stay out of messages).
std::string explain(int code, const std::string& message, xmlNodePtr element,
                    const std::string& attribute) {
  if (code == XML_RELAXNG_ERR_ATTRVALID)
    return message + " (a required attribute is missing, or one is not allowed or invalid)";
  if (code != XML_RELAXNG_ERR_INVALIDATTR || !element || attribute.empty()) return message;
  std::string where = "<" + std::string(reinterpret_cast<const char*>(element->name)) + ">";
  xmlChar* value = xmlGetProp(element, reinterpret_cast<const xmlChar*>(attribute.c_str()));
  if (!value) return message;
  std::string shown = attribute == "secret"
                          ? attribute
                          : attribute + "=\"" + reinterpret_cast<const char*>(value) + "\"";
  xmlFree(value);
  return "attribute " + shown + " of " + where + " is not allowed there or has an invalid value";
}

void collect(void* data, ErrorArg error) {
  if (!data || !error) return;
  RawError raw;
  raw.domain = error->domain;
  raw.code = error->code;
  raw.level = error->level;
  raw.message = trimmed(error->message);
  raw.str1 = error->str1 ? error->str1 : "";
  raw.column = error->int2 > 0 ? static_cast<std::uint32_t>(error->int2) : 0;
  auto* node = static_cast<xmlNodePtr>(error->node);
  if (node && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  if (node && node->type == XML_ELEMENT_NODE) {
    raw.element = reinterpret_cast<const char*>(node->name);
    long line = xmlGetLineNo(node);
    raw.line = line > 0 ? static_cast<std::uint32_t>(line) : 0;
    raw.column = 0;  // int2 is a parser column; for a node the column is found later
  } else if (error->line > 0) {
    raw.line = static_cast<std::uint32_t>(error->line);
  }
  if (error->domain == XML_FROM_RELAXNGV)
    raw.message = explain(error->code, raw.message,
                          node && node->type == XML_ELEMENT_NODE ? node : nullptr, raw.str1);
  static_cast<RawErrors*>(data)->push_back(std::move(raw));
}

// Silences libxml2's generic (unstructured) messages.
void ignore_generic(void*, const char*, ...) {}

// Routes this thread's libxml2 errors into `errors` while alive. libxml2
// keeps these handlers per thread, so other threads are not affected.
class ErrorScope {
 public:
  explicit ErrorScope(RawErrors& errors)
      : structured_(xmlStructuredError),
        structured_context_(xmlStructuredErrorContext),
        generic_(xmlGenericError),
        generic_context_(xmlGenericErrorContext) {
    xmlSetStructuredErrorFunc(&errors, collect);
    xmlSetGenericErrorFunc(nullptr, ignore_generic);
  }
  ~ErrorScope() {
    xmlSetStructuredErrorFunc(structured_context_, structured_);
    xmlSetGenericErrorFunc(generic_context_, generic_);
  }
  ErrorScope(const ErrorScope&) = delete;
  ErrorScope& operator=(const ErrorScope&) = delete;

 private:
  xmlStructuredErrorFunc structured_;
  void* structured_context_;
  xmlGenericErrorFunc generic_;
  void* generic_context_;
};

struct SchemaFree {
  void operator()(xmlRelaxNG* schema) const { xmlRelaxNGFree(schema); }
};
struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ReaderFree {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
struct ValidFree {
  void operator()(xmlRelaxNGValidCtxt* context) const { xmlRelaxNGFreeValidCtxt(context); }
};

// For the fast check: whether libxml2 needs an attribute's value (see
// checked_attributes in schema.h). Looked up once per element and then per
// attribute of the few elements that have checked attributes, by first
// byte before any strcmp: this runs for every node of a large document.
class ValueNeeds {
 public:
  struct Entry {
    std::string element;
    std::vector<std::string> attributes;
  };

  ValueNeeds() = default;
  explicit ValueNeeds(const CheckedAttributes& checked) : all_(!checked.understood) {
    for (const auto& [element, attributes] : checked.by_element) {
      if (element == "*") {
        global_ = attributes;
      } else {
        by_first_[static_cast<unsigned char>(element[0])].push_back({element, attributes});
      }
    }
  }

  // The entry of `element`, or null when none of its attributes is checked.
  const Entry* find(const char* element) const {
    for (const Entry& entry : by_first_[static_cast<unsigned char>(element[0])])
      if (std::strcmp(entry.element.c_str(), element) == 0) return &entry;
    return nullptr;
  }

  bool needed(const Entry* entry, const char* attribute) const {
    return all_ || (entry && listed(entry->attributes, attribute)) ||
           (!global_.empty() && listed(global_, attribute));
  }

 private:
  static bool listed(const std::vector<std::string>& names, const char* name) {
    for (const auto& n : names)
      if (n[0] == name[0] && std::strcmp(n.c_str(), name) == 0) return true;
    return false;
  }

  bool all_ = true;
  std::vector<std::string> global_;
  std::array<std::vector<Entry>, 256> by_first_;
};

struct CompiledSchema {
  std::unique_ptr<xmlRelaxNG, SchemaFree> schema;
  ValueNeeds values;  // for the fast check, read from the same text
  // The same grammar without the `ns` attribute of its root, so with every
  // element in no namespace, for the fast path (see TreeFeeder): libxml2
  // matches each element against a name joined to its namespace, which
  // cost about an eighth of the check. Null when the grammar does not have
  // exactly that one `ns` attribute; the fast path then uses `schema`.
  std::unique_ptr<xmlRelaxNG, SchemaFree> local;
  std::string ns;  // the namespace `local` leaves out
  std::string error;  // why it could not be compiled
};

std::unique_ptr<xmlRelaxNG, SchemaFree> parse_schema(std::string_view text, RawErrors& errors) {
  std::unique_ptr<xmlRelaxNG, SchemaFree> schema;
  xmlRelaxNGParserCtxtPtr parser =
      xmlRelaxNGNewMemParserCtxt(text.data(), static_cast<int>(text.size()));
  if (parser) {
    xmlRelaxNGSetParserStructuredErrors(parser, collect, &errors);
    schema.reset(xmlRelaxNGParse(parser));
    xmlRelaxNGFreeParserCtxt(parser);
  }
  return schema;
}

// `text` without the `ns` attribute of its grammar, and that namespace in
// `ns`; empty when the grammar has none or another element has one too.
std::string local_grammar(std::string_view text, std::string& ns) {
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_comments))
    return {};
  pugi::xml_node grammar = doc.document_element();
  pugi::xml_attribute attribute = grammar.attribute("ns");
  if (!attribute) return {};
  // find_node looks below the grammar, not at it.
  if (grammar.find_node([](pugi::xml_node n) { return static_cast<bool>(n.attribute("ns")); }))
    return {};
  ns = attribute.value();
  grammar.remove_attribute(attribute);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

CompiledSchema compile_schema() {
  xmlInitParser();
  CompiledSchema out;
  RawErrors errors;
  ErrorScope scope(errors);
  std::string_view text = ocf_schema_text();
  out.schema = parse_schema(text, errors);
  if (!out.schema) {
    out.error = "the built-in OCF XML schema cannot be loaded";
    if (!errors.empty()) out.error += ": " + errors.front().message;
    return out;
  }
  out.values = ValueNeeds(checked_attributes(text));
  std::string local = local_grammar(text, out.ns);
  if (!local.empty()) {
    RawErrors ignored;
    out.local = parse_schema(local, ignored);
  }
  return out;
}

const CompiledSchema& compiled_schema() {
  static const CompiledSchema schema = compile_schema();  // thread-safe once
  return schema;
}

// Column of the start tag of `element` on `line`, or 0.
std::uint32_t element_column(const LineIndex& index, std::uint32_t line,
                             std::string_view element) {
  if (element.empty()) return 0;
  std::string_view text = index.line_text(line);
  std::string tag = "<" + std::string(element);
  for (auto pos = text.find(tag); pos != std::string_view::npos;
       pos = text.find(tag, pos + 1)) {
    auto end = pos + tag.size();
    if (end == text.size() || std::string_view(" \t/>").find(text[end]) != std::string_view::npos)
      return static_cast<std::uint32_t>(pos + 1);
  }
  return 0;
}

// Where the start tag of `element` reported at `line` is. Past line 65535
// libxml2 derives an element's line from a neighbouring node and can be one
// off, so the lines around are tried too.
TextPosition place(const LineIndex& index, std::uint32_t line, std::string_view element) {
  for (int delta : {0, -1, 1, -2, 2}) {
    auto candidate = static_cast<std::int64_t>(line) + delta;
    if (candidate < 1) continue;
    auto at = static_cast<std::uint32_t>(candidate);
    if (std::uint32_t column = element_column(index, at, element)) return {at, column};
    if (line < 65535) break;
  }
  return {line, 0};
}

model::SourceLocation where(const std::string& file, std::uint32_t line,
                            std::uint32_t column = 0) {
  return {file, line, column};
}

void report(const RawErrors& errors, const std::string& code, const std::string& file,
            const LineIndex& index, model::Diagnostics& diagnostics) {
  std::set<std::pair<std::uint32_t, std::string>> seen;
  for (const auto& e : errors) {
    if (!seen.emplace(e.line, e.message).second) continue;
    TextPosition at = e.column ? TextPosition{e.line, e.column} : place(index, e.line, e.element);
    if (e.level == XML_ERR_WARNING)
      diagnostics.warning(code, e.message, where(file, at.line, at.column));
    else
      diagnostics.error(code, e.message, where(file, at.line, at.column));
  }
}

// The streaming pass: parses and validates without keeping the tree, so a
// valid document costs little memory. Parse errors, warnings and schema
// errors all land in `errors`.
struct StreamResult {
  bool valid = false;
  bool doctype = false;
  bool malformed = false;
};

StreamResult validate_streaming(std::string_view text, const std::string& file,
                                xmlRelaxNGPtr schema, RawErrors& errors) {
  StreamResult out;
  ErrorScope scope(errors);
  std::unique_ptr<xmlTextReader, ReaderFree> reader(xmlReaderForMemory(
      text.data(), static_cast<int>(text.size()), file.c_str(), "UTF-8", kParseOptions));
  if (!reader) {
    out.malformed = true;
    return out;
  }
  xmlTextReaderSetStructuredErrorHandler(reader.get(), collect, &errors);
  if (xmlTextReaderRelaxNGSetSchema(reader.get(), schema) != 0) return out;
  int rc;
  while ((rc = xmlTextReaderRead(reader.get())) == 1) {
    if (xmlTextReaderNodeType(reader.get()) == XML_READER_TYPE_DOCUMENT_TYPE) {
      out.doctype = true;
      return out;
    }
  }
  for (const auto& e : errors)
    if (e.domain != XML_FROM_RELAXNGV && e.level != XML_ERR_WARNING) out.malformed = true;
  out.malformed = out.malformed || rc < 0;
  out.valid = !out.malformed && xmlTextReaderIsValid(reader.get()) == 1;
  return out;
}

// The tree pass, run only on a document that failed: the tree validator
// words its errors better (the streaming one cascades after an unexpected
// element), but leaves some without a line ("Element node failed to
// validate attributes"); those take their line from the streaming pass.
RawErrors explain_invalid(std::string_view text, const std::string& file, xmlRelaxNGPtr schema,
                          const RawErrors& streamed) {
  RawErrors errors;
  ErrorScope scope(errors);
  std::unique_ptr<xmlDoc, DocFree> doc(xmlReadMemory(
      text.data(), static_cast<int>(text.size()), file.c_str(), "UTF-8", kParseOptions));
  std::unique_ptr<xmlRelaxNGValidCtxt, ValidFree> validator(xmlRelaxNGNewValidCtxt(schema));
  if (doc && validator) {
    errors.clear();  // parser warnings were reported by the streaming pass
    xmlRelaxNGSetValidStructuredErrors(validator.get(), collect, &errors);
    xmlRelaxNGValidateDoc(validator.get(), doc.get());
  }
  std::vector<bool> used(streamed.size(), false);
  for (auto& e : errors) {
    if (e.line != 0) continue;
    for (std::size_t i = 0; i < streamed.size(); ++i) {
      const auto& s = streamed[i];
      if (used[i] || s.line == 0 || s.code != e.code || s.str1 != e.str1) continue;
      used[i] = true;
      e.line = s.line;
      e.element = s.element;
      break;
    }
  }
  // Should the tree pass find nothing, the streaming errors stand.
  bool any = false;
  for (const auto& e : errors) any = any || e.domain == XML_FROM_RELAXNGV;
  return any ? errors : streamed;
}

// Offset of a DOCTYPE declaration, for its location.
std::size_t doctype_offset(std::string_view text) {
  auto pos = text.find("<!DOCTYPE");
  return pos == std::string_view::npos ? 0 : pos;
}

RawErrors only(const RawErrors& errors, bool schema) {
  RawErrors out;
  for (const auto& e : errors)
    if ((e.domain == XML_FROM_RELAXNGV) == schema) out.push_back(e);
  return out;
}

// ---- the fast path: validating a tree already in memory ----
//
// libxml2's validator reads its input as xmlNode and xmlAttr structures
// (public in tree.h) and never changes or frees them. They are built here by
// hand, pointing at the tree's own strings: one element per depth level
// while the validator walks in streaming mode, and a whole subtree only for
// an element it cannot check that way (it says so by returning 0 from
// PushElement, and then wants the subtree at once).
//
// The tree is pugixml's (the reader's) or a BuiltTree (the writer's); a
// view says how to walk each, and the feeder is the same code for both.

// Kinds of child the feeder tells apart.
enum class ChildKind { kElement, kText, kOther };

class PugiView {
 public:
  using Node = pugi::xml_node;
  using Attr = pugi::xml_attribute;
  const char* name(Node n) const { return n.name(); }
  Attr first_attribute(Node n) const { return n.first_attribute(); }
  bool valid(Attr a) const { return static_cast<bool>(a); }
  Attr next(Attr a) const { return a.next_attribute(); }
  const char* name(Attr a) const { return a.name(); }
  const char* value(Attr a) const { return a.value(); }
  Node first_child(Node n) const { return n.first_child(); }
  bool valid(Node n) const { return static_cast<bool>(n); }
  Node next(Node n) const { return n.next_sibling(); }
  ChildKind kind(Node n) const {
    switch (n.type()) {
      case pugi::node_element: return ChildKind::kElement;
      case pugi::node_pcdata:
      case pugi::node_cdata: return ChildKind::kText;
      default: return ChildKind::kOther;
    }
  }
  const char* text(Node n) const { return n.value(); }
  std::size_t text_size(Node n) const { return std::strlen(n.value()); }
};

class BuiltView {
 public:
  explicit BuiltView(const BuiltTree& tree) : tree_(tree) {}
  struct Node {
    std::uint32_t index;
  };
  struct Attr {
    std::uint32_t index;
    std::uint32_t end;
  };
  const char* name(Node n) const { return tree_.nodes[n.index].name; }
  Attr first_attribute(Node n) const {
    const BuiltTree::Node& node = tree_.nodes[n.index];
    return {node.first_attribute, node.first_attribute + node.attribute_count};
  }
  bool valid(Attr a) const { return a.index != a.end; }
  Attr next(Attr a) const { return {a.index + 1, a.end}; }
  const char* name(Attr a) const { return tree_.attributes[a.index].name; }
  const char* value(Attr a) const { return tree_.attributes[a.index].value; }
  Node first_child(Node n) const { return {tree_.nodes[n.index].first_child}; }
  bool valid(Node n) const { return n.index != BuiltTree::kNone; }
  Node next(Node n) const { return {tree_.nodes[n.index].next_sibling}; }
  ChildKind kind(Node n) const {
    return tree_.nodes[n.index].name ? ChildKind::kElement : ChildKind::kText;
  }
  const char* text(Node n) const { return tree_.nodes[n.index].text; }
  std::size_t text_size(Node n) const { return std::strlen(tree_.nodes[n.index].text); }

 private:
  const BuiltTree& tree_;
};

template <typename View>
class TreeFeeder {
 public:
  using Node = typename View::Node;

  // Checks against `schema`. With `local_ns`, `schema` is the grammar with
  // its namespace left out (CompiledSchema::local): the tree's elements are
  // handed over in no namespace, and the root's default namespace must be
  // `local_ns` itself. Every element of a tree this path takes is in the
  // root's default namespace (a prefix or a second xmlns sends the tree to
  // the full path), so that is the same verdict as the whole grammar's.
  TreeFeeder(xmlRelaxNGPtr schema, const ValueNeeds& values, View view,
             const char* local_ns = nullptr)
      : view_(view),
        values_(values),
        context_(xmlRelaxNGNewValidCtxt(schema)),
        doc_(xmlNewDoc(BAD_CAST "1.0")),
        local_ns_(local_ns) {
    if (context_) xmlRelaxNGSetValidStructuredErrors(context_.get(), count, &errors_);
    levels_.reserve(kMaxDepth + 1);  // never more: addresses stay put
  }
  // The validator holds the address of errors_.
  TreeFeeder(const TreeFeeder&) = delete;
  TreeFeeder& operator=(const TreeFeeder&) = delete;

  // Validates the tree under `root`, an element; `href` is the default
  // namespace (the root's xmlns attribute), or null.
  bool run(Node root, const char* href) {
    if (!context_ || !doc_) return false;
    if (local_ns_ && (!href || std::strcmp(href, local_ns_) != 0)) return false;
    // The one namespace declaration handled here: xmlns="..." on the root.
    std::memset(&ns_, 0, sizeof ns_);
    ns_.type = XML_NAMESPACE_DECL;
    ns_.href = local_ns_ ? nullptr : BAD_CAST href;
    xmlNode top;
    std::memset(&top, 0, sizeof top);
    top.type = XML_DOCUMENT_NODE;
    top.doc = doc_.get();
    return walk(root, &top, 0) && errors_ == 0;
  }

 private:
  static void count(void* errors, ErrorArg) { ++*static_cast<int*>(errors); }

  static bool has_colon(const char* name) { return std::strchr(name, ':') != nullptr; }

  // `e` and its attributes as libxml2 nodes: `element`, and `attrs` with
  // their values in `texts`. The vectors are reused from element to element
  // and only grow; every field the validator reads is set here, the others
  // stay zero from when a slot was made. False for what this path leaves to
  // the full one.
  bool fill(Node e, xmlNode& element, std::vector<xmlAttr>& attrs, std::vector<xmlNode>& texts,
            bool root) {
    std::memset(&element, 0, sizeof element);
    element.type = XML_ELEMENT_NODE;
    const char* element_name = view_.name(e);
    element.name = BAD_CAST element_name;
    if (has_colon(element_name)) return false;
    element.ns = ns_.href ? &ns_ : nullptr;
    element.doc = doc_.get();
    const ValueNeeds::Entry* checked = values_.find(element_name);
    std::size_t k = 0;
    for (auto a = view_.first_attribute(e); view_.valid(a); a = view_.next(a)) {
      const char* name = view_.name(a);
      if (name[0] == 'x' && std::strcmp(name, "xmlns") == 0) {
        if (root) continue;
        return false;
      }
      if (has_colon(name)) return false;
      for (std::size_t j = 0; j < k; ++j) {  // repeated: libxml2 says not well-formed
        const char* other = reinterpret_cast<const char*>(attrs[j].name);
        if (other[0] == name[0] && std::strcmp(name, other) == 0) return false;
      }
      if (k == attrs.size()) {
        attrs.emplace_back();
        texts.emplace_back();
      }
      xmlAttr& at = attrs[k];
      at.type = XML_ATTRIBUTE_NODE;
      at.name = BAD_CAST name;
      at.parent = &element;
      at.doc = doc_.get();
      xmlNode& value = texts[k];
      value.type = XML_TEXT_NODE;
      value.name = xmlStringText;
      value.content = BAD_CAST view_.value(a);
      value.doc = doc_.get();
      ++k;
    }
    // Linked once all are in place: emplace_back may have moved them. An
    // attribute whose pattern is text goes without its value (ValueNeeds).
    for (std::size_t j = 0; j < k; ++j) {
      bool needed = values_.needed(checked, reinterpret_cast<const char*>(attrs[j].name));
      attrs[j].children = attrs[j].last = needed ? &texts[j] : nullptr;
      texts[j].parent = reinterpret_cast<xmlNode*>(&attrs[j]);
      attrs[j].prev = j > 0 ? &attrs[j - 1] : nullptr;
      attrs[j].next = j + 1 < k ? &attrs[j + 1] : nullptr;
    }
    element.properties = k > 0 ? &attrs[0] : nullptr;
    return true;
  }

  // Storage for the element open at one depth.
  struct Level {
    xmlNode element;
    std::vector<xmlAttr> attrs;
    std::vector<xmlNode> texts;
  };

  // The whole subtree of `e` under `parent`, in subtree_ storage.
  Level& next_level() {
    if (subtree_used_ == subtree_.size()) subtree_.emplace_back();
    return subtree_[subtree_used_++];
  }

  // Deeper than any valid document; a deeper one goes to the full path,
  // where libxml2's own depth limit words the error, and this recursion
  // stays shallow.
  static constexpr std::size_t kMaxDepth = 64;

  xmlNode* build(Node e, xmlNode* parent, std::size_t depth) {
    if (depth > kMaxDepth) return nullptr;
    Level& level = next_level();
    if (!fill(e, level.element, level.attrs, level.texts, false)) return nullptr;
    xmlNode* node = &level.element;
    node->parent = parent;
    for (Node c = view_.first_child(e); view_.valid(c); c = view_.next(c)) {
      xmlNode* child = nullptr;
      ChildKind kind = view_.kind(c);
      if (kind == ChildKind::kElement) {
        child = build(c, node, depth + 1);
        if (!child) return nullptr;
      } else if (kind == ChildKind::kText) {
        Level& text = next_level();
        std::memset(&text.element, 0, sizeof text.element);
        child = &text.element;
        child->type = XML_TEXT_NODE;
        child->name = xmlStringText;
        child->content = BAD_CAST view_.text(c);
        child->parent = node;
        child->doc = doc_.get();
      } else {
        continue;
      }
      if (node->last) {
        node->last->next = child;
        child->prev = node->last;
      } else {
        node->children = child;
      }
      node->last = child;
    }
    return node;
  }

  bool walk(Node e, xmlNode* parent, std::size_t depth) {
    if (depth > kMaxDepth) return false;
    if (levels_.size() <= depth) levels_.emplace_back();  // depth grows by one
    Level& level = levels_[depth];
    if (!fill(e, level.element, level.attrs, level.texts, depth == 0)) return false;
    level.element.parent = parent;
    int pushed = xmlRelaxNGValidatePushElement(context_.get(), doc_.get(), &level.element);
    if (pushed == 0) {
      // Not checkable in streaming mode: the validator wants the subtree.
      subtree_used_ = 0;
      xmlNode* node = build(e, parent, depth);
      if (!node) return false;
      parent->children = parent->last = node;
      int full = xmlRelaxNGValidateFullElement(context_.get(), doc_.get(), node);
      parent->children = parent->last = nullptr;
      return full == 1;
    }
    if (pushed != 1) return false;
    for (Node c = view_.first_child(e); view_.valid(c); c = view_.next(c)) {
      ChildKind kind = view_.kind(c);
      if (kind == ChildKind::kElement) {
        if (!walk(c, &level.element, depth + 1)) return false;
      } else if (kind == ChildKind::kText) {
        std::size_t length = view_.text_size(c);
        if (length > static_cast<std::size_t>(INT_MAX) ||
            xmlRelaxNGValidatePushCData(context_.get(), BAD_CAST view_.text(c),
                                        static_cast<int>(length)) != 1)
          return false;
      }
    }
    return xmlRelaxNGValidatePopElement(context_.get(), doc_.get(), &level.element) == 1;
  }

  View view_;
  const ValueNeeds& values_;
  std::unique_ptr<xmlRelaxNGValidCtxt, ValidFree> context_;
  std::unique_ptr<xmlDoc, DocFree> doc_;
  int errors_ = 0;
  xmlNs ns_;
  const char* local_ns_;
  std::vector<Level> levels_;  // reserved for kMaxDepth + 1: addresses stay put
  std::deque<Level> subtree_;  // reused: the first subtree_used_ hold the subtree
  std::size_t subtree_used_ = 0;
};

template <typename View>
TreeFeeder<View> feeder(const CompiledSchema& compiled, View view) {
  if (compiled.local)
    return TreeFeeder<View>(compiled.local.get(), compiled.values, view, compiled.ns.c_str());
  return TreeFeeder<View>(compiled.schema.get(), compiled.values, view);
}

}  // namespace

bool validate_ocf_xml(std::string_view text, const std::string& file_name,
                      model::Diagnostics& diagnostics) {
  const CompiledSchema& compiled = compiled_schema();
  if (!compiled.schema) {
    diagnostics.error("ocfxml.internal", compiled.error, where(file_name, 0));
    return false;
  }
  if (text.size() > static_cast<std::size_t>(INT_MAX)) {
    diagnostics.error("ocfxml.xml", "document is too large", where(file_name, 0));
    return false;
  }
  RawErrors streamed;
  StreamResult result = validate_streaming(text, file_name, compiled.schema.get(), streamed);
  if (result.valid && streamed.empty()) return true;
  LineIndex index(text);  // only needed to place columns
  // Parser messages (errors, or warnings on a document that is otherwise fine).
  RawErrors parser = only(streamed, false);
  if (result.malformed && parser.empty())
    parser.push_back({0, 0, XML_ERR_ERROR, 1, 0, {}, {}, "malformed XML"});
  report(parser, "ocfxml.xml", file_name, index, diagnostics);
  if (result.malformed) return false;
  if (result.doctype) {
    auto at = index.locate(doctype_offset(text));
    diagnostics.error("ocfxml.doctype",
                      "a DOCTYPE is not allowed in OCF XML (entities would bypass the schema)",
                      where(file_name, at.line, at.column));
    return false;
  }
  if (result.valid) return true;
  RawErrors errors =
      explain_invalid(text, file_name, compiled.schema.get(), only(streamed, true));
  if (errors.empty())
    errors.push_back({0, 0, XML_ERR_ERROR, 0, 0, {}, {},
                      "document does not match the OCF XML schema"});
  report(errors, "ocfxml.schema", file_name, index, diagnostics);
  return false;
}

bool schema_accepts_tree(const pugi::xml_document& document) {
  const CompiledSchema& compiled = compiled_schema();
  if (!compiled.schema) return false;
  pugi::xml_node root;
  for (pugi::xml_node n = document.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) {
      if (root) return false;  // a second root: libxml2 says not well-formed
      root = n;
    } else if (n.type() != pugi::node_declaration) {
      return false;  // text, a DOCTYPE: the full path words it
    }
  }
  if (!root) return false;
  pugi::xml_attribute xmlns = root.attribute("xmlns");
  RawErrors ignored;
  ErrorScope scope(ignored);  // nothing from here reaches stderr
  return feeder(compiled, PugiView()).run(root, xmlns ? xmlns.value() : nullptr);
}

bool schema_accepts_tree(const BuiltTree& tree) {
  const CompiledSchema& compiled = compiled_schema();
  if (!compiled.schema || tree.nodes.empty() || !tree.nodes[0].name) return false;
  const char* href = nullptr;
  const BuiltTree::Node& root = tree.nodes[0];
  for (std::uint32_t i = 0; i < root.attribute_count; ++i)
    if (std::strcmp(tree.attributes[root.first_attribute + i].name, "xmlns") == 0)
      href = tree.attributes[root.first_attribute + i].value;
  RawErrors ignored;
  ErrorScope scope(ignored);  // nothing from here reaches stderr
  return feeder(compiled, BuiltView(tree)).run({0}, href);
}

}  // namespace ocf::xml

namespace ocf::xml {
namespace {

// The RELAX NG elements checked_attributes follows below the grammar; any
// other (include, externalRef, parentRef, a nested grammar, a name
// class...) makes it give up.
bool followed(std::string_view name) {
  static const std::set<std::string_view> kFollowed = {
      "start",    "define",     "element",   "attribute",  "ref",
      "text",     "empty",      "data",       "param",     "value",      "choice",
      "optional", "zeroOrMore", "oneOrMore",  "interleave", "group",     "mixed",
      "list",     "notAllowed", "div"};
  return kFollowed.count(name) > 0;
}

constexpr int kMaxRefs = 16;

// 1 when the pattern children of `node` (an attribute or a define) accept
// exactly the strings <text/> does, 0 when they may check the value, -1
// when this reading cannot tell.
int text_pattern(pugi::xml_node node, const std::map<std::string, pugi::xml_node>& defines,
                 int refs) {
  pugi::xml_node only;
  int count = 0;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_element) {
      only = child;
      ++count;
    }
  if (count == 0) return std::strcmp(node.name(), "attribute") == 0 ? 1 : 0;
  if (count > 1) return 0;
  if (std::strcmp(only.name(), "text") == 0) return 1;
  if (std::strcmp(only.name(), "ref") != 0) return 0;
  auto define = defines.find(only.attribute("name").value());
  if (define == defines.end() || refs >= kMaxRefs) return -1;
  return text_pattern(define->second, defines, refs + 1);
}

bool walk_schema(pugi::xml_node node, std::size_t depth,
                 const std::map<std::string, pugi::xml_node>& defines,
                 std::map<std::string, std::set<std::string>>& checked) {
  if (depth > 64) return false;
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = child.name();
    if (!followed(name)) return false;
    if (name == "element" && !child.attribute("name")) return false;
    if (name == "attribute") {
      if (!child.attribute("name") || child.attribute("ns")) return false;
      int text = text_pattern(child, defines, 0);
      if (text < 0) return false;
      if (text == 0) {
        pugi::xml_node owner = child.parent();
        while (owner && std::strcmp(owner.name(), "element") != 0) owner = owner.parent();
        checked[owner ? owner.attribute("name").value() : "*"].insert(
            child.attribute("name").value());
      }
    }
    if (!walk_schema(child, depth + 1, defines, checked)) return false;
  }
  return true;
}

}  // namespace

CheckedAttributes checked_attributes(std::string_view schema_text) {
  CheckedAttributes out;
  pugi::xml_document doc;
  if (!doc.load_buffer(schema_text.data(), schema_text.size())) return out;
  pugi::xml_node grammar = doc.document_element();
  if (std::strcmp(grammar.name(), "grammar") != 0) return out;
  std::map<std::string, pugi::xml_node> defines;
  std::set<std::string> given_twice;
  for (pugi::xml_node define : grammar.children("define")) {
    std::string name = define.attribute("name").value();
    if (define.attribute("combine") || !defines.emplace(name, define).second)
      given_twice.insert(name);
  }
  if (!given_twice.empty()) return out;
  std::map<std::string, std::set<std::string>> checked;
  if (!walk_schema(grammar, 0, defines, checked)) return out;
  out.understood = true;
  for (auto& [element, attributes] : checked)
    out.by_element.emplace_back(element, std::vector<std::string>(attributes.begin(), attributes.end()));
  return out;
}

}  // namespace ocf::xml
