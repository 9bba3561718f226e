// The OCF XML document as the writer builds it, and its text.
//
// The writer does not need a DOM: it builds this flat tree of elements and
// text pointing at the model's own strings, has the schema check it (see
// schema.h), and writes it out. The text is the canonical form: what
// pugixml's save() with a two-space indent writes for the same tree, byte
// for byte (a test holds the two together).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ocf::xml {

// Nodes are elements or text, each element's attributes one range of
// `attributes`. Every string is NUL-terminated, owned by the caller and
// outlives the tree; sizes are the strings' lengths. nodes[0] is the root element (an xmlns attribute on it
// gives the default namespace). Text appears only as the one child of its
// element.
struct BuiltTree {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Attribute {
    const char* name;
    const char* value;
    std::size_t name_size;
    std::size_t size;  // of value
  };
  struct Node {
    const char* name;  // null for text
    const char* text;  // the text of a text node
    std::size_t size = 0;  // of name, or of text
    std::uint32_t first_attribute = 0;
    std::uint32_t attribute_count = 0;
    std::uint32_t first_child = kNone;
    std::uint32_t last_child = kNone;
    std::uint32_t next_sibling = kNone;
  };
  std::vector<Node> nodes;
  std::vector<Attribute> attributes;
};

// The text of `tree`: an XML declaration (version 1.0, UTF-8), then one
// element per line indented by two spaces a level, an element without
// children as <name ... />, one with only text on one line; in values
// & < " and characters below U+0020 are escaped, in text & < > and those
// below U+0020 other than tab, line feed and carriage return. `bytes_hint`
// (the bytes of all values and text) sizes the output once.
std::string serialize(const BuiltTree& tree, std::size_t bytes_hint = 0);

// Builds a BuiltTree: nodes pointing at the caller's own strings (numbers
// and other made-up words are kept here). An element's attributes are all
// set before its first child is made, so that they stay one range of the
// tree's list; unset optional values are left out.
class TreeMaker {
 public:
  using Index = std::uint32_t;

  explicit TreeMaker(BuiltTree& tree) : tree_(tree) {}

  // Names are literals (or kept strings): NUL-terminated, their sizes known
  // where the call is compiled.
  Index root(std::string_view name) {
    tree_.nodes.push_back({name.data(), nullptr, name.size()});
    return 0;
  }
  Index child(Index parent, std::string_view name) {
    auto index = static_cast<Index>(tree_.nodes.size());
    BuiltTree::Node node{name.data(), nullptr, name.size()};
    node.first_attribute = static_cast<std::uint32_t>(tree_.attributes.size());
    tree_.nodes.push_back(node);
    link(parent, index);
    return index;
  }
  void text(Index parent, const std::string& value) {
    auto index = static_cast<Index>(tree_.nodes.size());
    tree_.nodes.push_back({nullptr, value.c_str(), value.size()});
    link(parent, index);
    bytes_ += value.size();
  }
  void set(Index node, std::string_view name, const char* value, std::size_t value_size) {
    BuiltTree::Node& n = tree_.nodes[node];
    assert(n.first_attribute + n.attribute_count == tree_.attributes.size());  // one range
    tree_.attributes.push_back({name.data(), value, name.size(), value_size});
    ++n.attribute_count;
    bytes_ += value_size;
  }
  void set(Index node, std::string_view name, const std::string& value) {
    set(node, name, value.c_str(), value.size());
  }
  void set(Index node, std::string_view name, std::string_view word) {
    set(node, name, keep(word));
  }
  void set_if(Index node, std::string_view name, const std::string& value) {
    if (!value.empty()) set(node, name, value);
  }
  template <typename T>
  void set_if(Index node, std::string_view name, const std::optional<T>& value) {
    if (value) set(node, name, keep(std::to_string(*value)));
  }
  void set_bool(Index node, std::string_view name, bool value) {
    if (value) set(node, name, "true", 4);
    else set(node, name, "false", 5);
  }
  // A copy that lives as long as the tree.
  const std::string& keep(std::string_view text) { return kept_.emplace_back(text); }
  const std::string& keep(std::string&& text) { return kept_.emplace_back(std::move(text)); }
  // Bytes of text and values, to size the output once.
  std::size_t bytes() const { return bytes_; }

 private:
  void link(Index parent, Index index) {
    BuiltTree::Node& p = tree_.nodes[parent];
    if (p.last_child == BuiltTree::kNone) p.first_child = index;
    else tree_.nodes[p.last_child].next_sibling = index;
    p.last_child = index;
  }

  BuiltTree& tree_;
  std::deque<std::string> kept_;  // deque: the strings never move
  std::size_t bytes_ = 0;
};

}  // namespace ocf::xml
