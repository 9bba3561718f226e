// The writer's own tree and text (built_tree.h) stand in for pugixml's
// document and save(): the text must be what pugixml writes for the same
// tree, byte for byte, and the fast schema check must judge the two trees
// alike.
#include "bridge/xml/built_tree.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/schema.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

namespace fs = std::filesystem;

using testing::slurp;

// The same tree as `root` (elements, attributes, text), pointing at
// pugixml's strings.
std::uint32_t copy_tree(pugi::xml_node e, BuiltTree& tree) {
  auto index = static_cast<std::uint32_t>(tree.nodes.size());
  BuiltTree::Node node{e.name(), nullptr, std::strlen(e.name())};
  node.first_attribute = static_cast<std::uint32_t>(tree.attributes.size());
  for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) {
    tree.attributes.push_back({a.name(), a.value(), std::strlen(a.name()), std::strlen(a.value())});
    ++node.attribute_count;
  }
  tree.nodes.push_back(node);
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    std::uint32_t child;
    if (c.type() == pugi::node_element) {
      child = copy_tree(c, tree);
    } else if (c.type() == pugi::node_pcdata) {
      child = static_cast<std::uint32_t>(tree.nodes.size());
      tree.nodes.push_back({nullptr, c.value(), std::strlen(c.value())});
    } else {
      continue;
    }
    BuiltTree::Node& parent = tree.nodes[index];
    if (parent.last_child == BuiltTree::kNone) parent.first_child = child;
    else tree.nodes[parent.last_child].next_sibling = child;
    parent.last_child = child;
  }
  return index;
}

std::string pugixml_text(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

// A canonical-looking document (declaration, then one root) for pugixml to
// save and for serialize() to write.
pugi::xml_document& with_declaration(pugi::xml_document& doc) {
  pugi::xml_node declaration = doc.prepend_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("UTF-8");
  return doc;
}

// Where two texts first differ, rather than both whole.
void expect_same(const std::string& ours, const std::string& pugixml) {
  std::size_t at = 0;
  while (at < ours.size() && at < pugixml.size() && ours[at] == pugixml[at]) ++at;
  EXPECT_EQ(ours.size(), pugixml.size());
  EXPECT_TRUE(ours == pugixml) << "first difference at byte " << at << ":\n  ours:    "
                               << ours.substr(at > 40 ? at - 40 : 0, 80) << "\n  pugixml: "
                               << pugixml.substr(at > 40 ? at - 40 : 0, 80);
}

TEST(BuiltTree, TextIsWhatPugixmlWritesForEveryShippedDocument) {
  std::vector<std::string> texts = {write_ocf_xml(testing::full_model())};
  fs::path fixtures = fs::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures/ocf-xml";
  texts.push_back(slurp(fixtures / "full.xml"));
  for (const char* name : {"multi.xml", "nfs.xml", "web.xml"})
    texts.push_back(slurp(fixtures / "migration" / name));
  for (const auto& text : texts) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_buffer(text.data(), text.size(), pugi::parse_default,
                                pugi::encoding_utf8));
    BuiltTree tree;
    copy_tree(doc.document_element(), tree);
    expect_same(serialize(tree), pugixml_text(with_declaration(doc)));
    EXPECT_TRUE(schema_accepts_tree(tree));
    EXPECT_EQ(schema_accepts_tree(tree), schema_accepts_tree(doc));
  }
}

// Every byte that XML can carry, in a value and in text, at several depths,
// with an empty value, an empty element and long values (the writer grows
// its buffer).
TEST(BuiltTree, EscapesLikePugixml) {
  std::string every;
  for (int c = 1; c < 0x80; ++c) every += static_cast<char>(c);
  every += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  std::string long_value(100000, 'v');
  long_value += "\"&<>\n";
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("cluster");
  root.append_attribute("xmlns").set_value("urn:x");
  pugi::xml_node e = root.append_child("e");
  e.append_attribute("all").set_value(every.c_str());
  e.append_attribute("empty").set_value("");
  e.append_attribute("long").set_value(long_value.c_str());
  root.append_child("t").append_child(pugi::node_pcdata).set_value(every.c_str());
  pugi::xml_node deep = root.append_child("a").append_child("b").append_child("c");
  deep.append_child(pugi::node_pcdata).set_value(long_value.c_str());
  root.child("a").append_child("empty");
  for (int i = 0; i < 2000; ++i)
    root.append_child("many").append_attribute("i").set_value(std::to_string(i).c_str());
  BuiltTree tree;
  copy_tree(root, tree);
  expect_same(serialize(tree), pugixml_text(with_declaration(doc)));
  // Not a document of the schema: both trees are refused alike.
  EXPECT_FALSE(schema_accepts_tree(tree));
  EXPECT_FALSE(schema_accepts_tree(doc));
}

// The writer passes over a value or text by eight-byte words when no word
// holds a byte to escape (overlapping words at the end, two four-byte halves
// for 4 to 7 bytes, single bytes below that). Every byte, alone and at
// every place of values and texts of 1 to 26 bytes, around those edges.
TEST(BuiltTree, EscapesLikePugixmlAtEveryPlaceOfAWord) {
  std::vector<std::string> specials;
  for (int c = 1; c < 0x80; ++c) specials.emplace_back(1, static_cast<char>(c));
  specials.emplace_back("\xC3\xA9");
  specials.emplace_back("\xE2\x82\xAC");
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("cluster");
  std::vector<std::string> values;
  for (const std::string& special : specials) {
    for (std::size_t size = 1; size <= 26; ++size) {
      for (std::size_t at = 0; at + special.size() <= size; ++at) {
        std::string value(size, 'v');
        value.replace(at, special.size(), special);
        values.push_back(value);
      }
    }
    values.push_back(special);
  }
  for (std::size_t size = 0; size <= 26; ++size) values.emplace_back(size, 'w');
  for (const std::string& value : values) {
    pugi::xml_node e = root.append_child("e");
    e.append_attribute("v").set_value(value.c_str());
    e.append_child(pugi::node_pcdata).set_value(value.c_str());
  }
  BuiltTree tree;
  copy_tree(root, tree);
  expect_same(serialize(tree), pugixml_text(with_declaration(doc)));
}

// The fast check refuses a built tree for what it refuses in a parsed one.
TEST(BuiltTree, SchemaCheckAgreesWithThePugixmlTree) {
  const std::string base = write_ocf_xml(testing::full_model());
  auto with = [&](std::string from, std::string to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  int refused = 0;
  for (const std::string& text :
       {base, with("<node name=\"alpha\"", "<node name=\"alpha\" name=\"alpha\""),
        with("<nodes>", "<nodes xmlns:x=\"urn:x\">"), with("<nodes>", "<nodes x:a=\"1\">"),
        with("xmlns=\"urn:ocfbridge:ocf:1\"", "xmlns=\"urn:other\""),
        with("<nodes>", "<nodes unknown=\"1\">"), with("version=\"1\"", "version=\"2\"")}) {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_buffer(text.data(), text.size(), pugi::parse_default,
                                pugi::encoding_utf8))
        << text.substr(0, 200);
    BuiltTree tree;
    copy_tree(doc.document_element(), tree);
    bool accepted = schema_accepts_tree(tree);
    EXPECT_EQ(accepted, schema_accepts_tree(doc)) << text.substr(0, 300);
    refused += !accepted;
  }
  EXPECT_EQ(refused, 6);
}

}  // namespace
}  // namespace ocf::xml
