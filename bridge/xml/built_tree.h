// The OCF XML document as the writer builds it, and its text.
//
// The writer does not need a DOM: it builds this flat tree of elements and
// text pointing at the model's own strings, has the schema check it (see
// schema.h), and writes it out. The text is the canonical form: what
// pugixml's save() with a two-space indent writes for the same tree, byte
// for byte (a test holds the two together).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
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

}  // namespace ocf::xml
