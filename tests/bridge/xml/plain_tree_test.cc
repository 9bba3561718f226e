// The reader's own tree of a plain text (plain_tree.h) must be the tree
// pugixml's default parse builds, value for value and offset for offset, and
// read_ocf_xml through it must give what the pugixml path gives: the same
// model, origins, diagnostics and locations.
#include <gtest/gtest.h>

#include <random>

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/plain_tree.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

namespace fs = std::filesystem;

using testing::slurp;

// Every .xml file under tests/fixtures, and the canonical form.
std::vector<std::string> documents() {
  std::vector<std::string> out = {write_ocf_xml(testing::full_model())};
  fs::path fixtures = fs::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures";
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(fixtures))
    if (entry.is_regular_file() && entry.path().extension() == ".xml")
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) out.push_back(slurp(path));
  return out;
}

// The canonical form with `from` replaced by `to` (once).
std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string> edge_texts() {
  const std::string base = write_ocf_xml(testing::full_model());
  std::string crlf, cr;
  for (char c : base) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const std::string open = "<cluster xmlns=\"http://ocfbridge.org/ns/ocf/1\" name=\"c\">";
  return {
      base, crlf, cr, "\xEF\xBB\xBF" + base,
      edit(base, decl, ""),
      edit(base, decl, "<?xml version='1.0'?>\r\n<!-- a -->\n"),
      edit(base, "<nodes>", "<!-- the members -->\n  <nodes>"),
      edit(base, "<nodes>", "<nodes >"),
      edit(base, "</nodes>", "</nodes\t\r\n>"),
      edit(base, "name=\"web &amp; db\"",
           "name='l&amp;b &lt;&gt;&quot;&apos; &#233;&#x263A;&#x1F600;&#65; \xC3\xA9'"),
      edit(base, "name=\"web &amp; db\"", "name=\"a\tb\nc\r\nd\re  f&#9;g&#10;h&#13;i\""),
      edit(base, "name=\"web &amp; db\"", "name = \"x\"\t"),
      edit(base, "name=\"web &amp; db\"", "name=\"\""),
      edit(base, "name=\"web &amp; db\"", "name=\"\" "),
      // Text: references, line ends, text split by a comment, white space.
      decl + open + "<nodes><node name=\"a\"><address>h&#x41;&amp;\r\n&#13;x</address>"
                    "</node><node name=\"b\"><address> a<!-- c -->b </address></node>"
                    "<node name=\"c\"><address>&lt;<!---->&gt;</address></node>"
                    "<node name=\"d\"><address>\r</address></node>"
                    "<node name=\"e\"><address>x</address>\n\t\r\n</node>"
                    "<node name=\"f\"><address></address></node>"
                    "<node name=\"g\"><address/></node></nodes></cluster>\n",
      decl + open + "\n<timing keepalive-ms=\" 5 \" dead-ms=\"x\"/></cluster>",
      decl + open + "\n<timing\nkeepalive-ms='1'\n/></cluster>\r\n<!-- end -->\r\n",
      // Not canonical, and not all valid: the outcome must still agree.
      decl + open + "<bogus/></cluster>",
      decl + open + "<nodes><node name=\"\"/></nodes></cluster>",
      decl + open + "<nodes><node name=\"a\" name=\"b\"/></nodes></cluster>",
      decl + "<cluster xmlns=\"a\" xmlns=\"b\" name=\"c\"/>",
      edit(base, "name=\"web &amp; db\"", "name=\"&#X41;\""),
      decl + open + "<nodes><node name=\"a\" id=\"1\"></node></nodes></cluster>",
      decl + open + "<nodes><node name=\"a\"></nodes></node></cluster>",
      decl + open + "<nodes><node name></node></nodes></cluster>",
      decl + open + "<nodes><node name=\"a\"/ ></nodes></cluster>",
      decl + open + "<nodes><node name=\"a\"/></nodes>",
      decl + open + "</cluster></cluster>",
      decl + open + "<x:nodes xmlns:x=\"y\"/></cluster>",
      decl + open + "text</cluster>",
      decl + open + "</cluster><cluster/>",
      "",
      "   ",
  };
}

std::string where(const model::SourceLocation& at) { return at.to_string(); }

// Values and origins of a model, as lines.
std::string dump(const model::Cluster& c) {
  std::ostringstream out;
  auto pairs = [&](const char* what, const model::Attributes& list) {
    for (const auto& a : list) out << what << ' ' << a.name << '=' << a.value << " @" << where(a.origin) << '\n';
  };
  out << write_ocf_xml(c) << '\n';
  pairs("property", c.properties);
  for (const auto& n : c.nodes) {
    out << "node @" << where(n.origin) << '\n';
    pairs(" attribute", n.attributes);
  }
  for (const auto& ch : c.channels) {
    out << "channel @" << where(ch.origin) << '\n';
    pairs(" attribute", ch.attributes);
  }
  out << "timing @" << where(c.timing.keepalive_origin) << where(c.timing.warn_origin)
      << where(c.timing.dead_origin) << where(c.timing.initial_dead_origin) << '\n';
  out << "auth @" << where(c.auth.origin) << '\n';
  for (const auto& k : c.auth.keys) out << "key " << k.secret << " @" << where(k.origin) << '\n';
  for (const auto& r : c.resources) {
    out << "resource @" << where(r.origin) << '\n';
    pairs(" param", r.params);
    pairs(" meta", r.meta);
    for (const auto& o : r.operations) {
      out << " op @" << where(o.origin) << '\n';
      pairs("  attribute", o.attributes);
    }
  }
  for (const auto& g : c.groups) {
    out << "group @" << where(g.origin) << '\n';
    pairs(" meta", g.meta);
    out << " policy @" << where(g.policy.origin) << '\n';
    pairs("  attribute", g.policy.attributes);
  }
  for (const auto& k : c.constraints) out << "constraint @" << where(k.origin) << '\n';
  for (const auto& e : c.extensions) out << "extension @" << where(e.origin) << '\n';
  return out.str();
}

std::string outcome(const std::optional<model::Cluster>& cluster, const model::Diagnostics& d) {
  std::string out = cluster ? dump(*cluster) : std::string("no model\n");
  for (const auto& e : d.entries()) out += e.to_string() + '\n';
  return out;
}

// The two trees, node for node.
void expect_same_tree(const std::string& text) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8));
  PlainTree tree;
  ASSERT_TRUE(read_plain_tree(text, tree)) << text.substr(0, 300);
  const BuiltTree& t = tree.tree;
  std::size_t visited = 0;
  auto same = [&](auto&& self, pugi::xml_node p, std::uint32_t i) -> void {
    ASSERT_LT(i, t.nodes.size());
    ++visited;
    const BuiltTree::Node& n = t.nodes[i];
    if (p.type() == pugi::node_element) {
      ASSERT_NE(n.name, nullptr);
      EXPECT_EQ(std::string(n.name, n.size), p.name());
      EXPECT_EQ(static_cast<std::ptrdiff_t>(tree.offsets[i]) + 1, p.offset_debug());
      std::uint32_t k = n.first_attribute;
      for (pugi::xml_attribute a = p.first_attribute(); a; a = a.next_attribute(), ++k) {
        ASSERT_LT(k, n.first_attribute + n.attribute_count);
        EXPECT_EQ(std::string(t.attributes[k].name, t.attributes[k].name_size), a.name());
        EXPECT_EQ(std::string(t.attributes[k].value, t.attributes[k].size), a.value());
        EXPECT_EQ(std::strlen(t.attributes[k].value), t.attributes[k].size);
      }
      EXPECT_EQ(k, n.first_attribute + n.attribute_count);
      std::uint32_t c = n.first_child;
      for (pugi::xml_node child = p.first_child(); child; child = child.next_sibling()) {
        ASSERT_NE(c, BuiltTree::kNone) << p.name();
        self(self, child, c);
        c = t.nodes[c].next_sibling;
      }
      EXPECT_EQ(c, BuiltTree::kNone) << p.name();
    } else {
      ASSERT_EQ(p.type(), pugi::node_pcdata);
      ASSERT_EQ(n.name, nullptr);
      EXPECT_EQ(std::string(n.text, n.size), p.value());
      EXPECT_EQ(std::strlen(n.text), n.size);
    }
  };
  same(same, doc.document_element(), 0);
  EXPECT_EQ(visited, t.nodes.size());
}

TEST(PlainTree, IsPugixmlsTreeOnEveryFixtureAndEdgeText) {
  std::size_t read = 0;
  for (const auto& text : documents()) {
    if (!plain_text(text)) continue;
    expect_same_tree(text);
    ++read;
  }
  EXPECT_GE(read, 5u);
  for (const auto& text : edge_texts()) {
    if (!plain_text(text)) continue;
    pugi::xml_document doc;
    PlainTree tree;
    bool ours = read_plain_tree(text, tree);
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8)) {
      EXPECT_FALSE(ours) << text;  // never a tree where pugixml has none
      continue;
    }
    if (ours) expect_same_tree(text);
  }
}

TEST(PlainTree, ReadsTheUsualForms) {
  // These must stay on the fast path, or it buys nothing.
  std::vector<std::string> texts = edge_texts();
  for (std::size_t i = 0; i < 17; ++i) {
    PlainTree tree;
    EXPECT_TRUE(plain_text(texts[i])) << i;
    EXPECT_TRUE(read_plain_tree(texts[i], tree)) << i;
  }
}

TEST(PlainTree, LeavesOddTagsToPugixml) {
  const std::string decl = "<?xml version=\"1.0\"?>";
  for (std::string text : {"<a></b>", "<a b></a>", "<a b=\"1\"/ >", "<a><b></a>", "<a>",
                           "<a/><b/>", "<a b=\"1\" b=\"2\"/>", "<a>x", "<a></a></a>",
                           "<a b = 1/>", "<a b=\"1\"c=\"2\"/>", "<a\x01/>"}) {
    PlainTree tree;
    EXPECT_FALSE(read_plain_tree(decl + text, tree)) << text;
  }
}

// The reader passes over spaces, lowercase names and plain values by
// eight-byte words, and goes on byte by byte from a word's first other
// byte. Every byte and some references, at every place of names and values
// of 1 to 20 bytes and after runs of 0 to 20 spaces, read as pugixml reads
// them or left to pugixml, never accepted where plain_text() refuses.
TEST(PlainTree, ReadsLikePugixmlAtEveryPlaceOfAWord) {
  std::vector<std::string> specials;
  for (int c = 1; c < 0x100; ++c) specials.emplace_back(1, static_cast<char>(c));
  for (const char* s : {"\xC3\xA9", "\xE2\x82\xAC", "&amp;", "&#65;", "&quot;", "\r\n", "]]>"})
    specials.emplace_back(s);
  std::vector<std::string> texts;
  for (const std::string& special : specials) {
    for (std::size_t size = 1; size <= 20; ++size) {
      for (std::size_t at = 0; at + special.size() <= size; ++at) {
        std::string piece(size, 'q');
        piece.replace(at, special.size(), special);
        texts.push_back("<cluster a=\"" + piece + "\"/>");
        texts.push_back("<cluster a='" + piece + "'/>");
        texts.push_back("<cluster " + piece + "=\"1\"/>");
        texts.push_back("<" + piece + " a=\"1\"/>");
        texts.push_back("<cluster>" + piece + "</cluster>");
        texts.push_back("<cluster>" + std::string(size, ' ') + special + "<a/>" +
                        std::string(size, ' ') + "</cluster>" + std::string(at, ' '));
      }
    }
  }
  for (std::size_t spaces = 0; spaces <= 20; ++spaces)
    texts.push_back("<cluster>\n" + std::string(spaces, ' ') + "<a/>\r\n" +
                    std::string(spaces, ' ') + "\t<b/>" + std::string(spaces, ' ') + "</cluster>");
  std::size_t accepted = 0;
  for (const std::string& text : texts) {
    PlainTree tree;
    bool ours = read_plain_tree(text, tree);
    if (!ours) continue;
    ++accepted;
    EXPECT_TRUE(plain_text(text)) << text;
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8)) {
      ADD_FAILURE() << "a tree where pugixml has none:\n" << text;
      continue;
    }
    expect_same_tree(text);
  }
  EXPECT_GT(accepted, texts.size() / 3);
}

// read_plain_tree applies plain_text's rules itself: it must never accept a
// text plain_text rejects, and what it accepts must be pugixml's tree.
TEST(PlainTree, NeverAcceptsWhatPlainTextRejects) {
  const std::vector<std::string> pieces = {
      "<", ">", "&", "&amp;", "&#0;", "&#x1;", "&#xD800;", "&#xFFFE;", "&#x110000;", "&#65;",
      "&#x41;", "&lt", "&#;", "&#x;", "&#12345678;", "&#123456789;", "&foo;", "]]>", "]", "--",
      "-->", "<!--", "<?", "?>", "<!DOCTYPE", "<![CDATA[", "\r", "\n", "\r\n", "\t", " ",
      std::string(1, '\0'), "\x01", "\x7F", "\xC3", "\xC3\xA9", "\xC0\x80", "\xED\xA0\x80",
      "\xEF\xBF\xBE", "\xF4\x90\x80\x80", "\xF0\x9F\x98\x80", "'", "\"", "/", "=", ":",
      "<a>", "</a>", "<a/>", "x=\"1\"", "\xEF\xBB\xBF", "<?xml version=\"1.0\"?>"};
  std::vector<std::string> bases = edge_texts();
  bases.resize(17);
  std::mt19937 random(20261126);
  std::size_t accepted = 0, rejected = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string text = bases[random() % bases.size()];
    for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
      std::size_t at = random() % (text.size() + 1);
      const std::string& piece = pieces[random() % pieces.size()];
      switch (random() % 3) {
        case 0: text.insert(at, piece); break;
        case 1: text.replace(at, std::min(piece.size(), text.size() - at), piece); break;
        default: text.erase(at, 1 + random() % 4); break;
      }
    }
    PlainTree tree;
    bool ours = read_plain_tree(text, tree);
    bool plain = plain_text(text);
    if (ours && !plain) ADD_FAILURE() << "accepted a text plain_text rejects:\n" << text;
    if (!ours) {
      ++rejected;
      continue;
    }
    ++accepted;
    pugi::xml_document doc;
    if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8)) {
      ADD_FAILURE() << "a tree where pugixml has none:\n" << text;
      continue;
    }
    expect_same_tree(text);
    if (round % 10 == 0) {
      model::Diagnostics fast, general;
      auto a = read_ocf_xml(text, "t.xml", fast);
      auto b = read_ocf_xml_through_pugixml(text, "t.xml", general, plain);
      EXPECT_EQ(outcome(a, fast), outcome(b, general)) << text;
    }
  }
  EXPECT_GT(accepted, 500u);
  EXPECT_GT(rejected, 500u);
}

TEST(PlainTree, ReadOcfXmlAgreesWithThePugixmlPath) {
  std::vector<std::string> texts = documents();
  for (const auto& text : edge_texts()) texts.push_back(text);
  for (const auto& text : texts) {
    model::Diagnostics fast, general;
    auto a = read_ocf_xml(text, "t.xml", fast);
    auto b = read_ocf_xml_through_pugixml(text, "t.xml", general, plain_text(text));
    EXPECT_EQ(outcome(a, fast), outcome(b, general)) << text.substr(0, 400);
  }
}

}  // namespace
}  // namespace ocf::xml
