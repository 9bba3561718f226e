// The fast path of the schema check (pugixml's tree handed to libxml2's
// validator, plain_text() vouching that pugixml read the text as libxml2
// would) must never accept a document that the full libxml2 path rejects,
// and must accept the usual documents, or it buys nothing.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/schema.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

namespace fs = std::filesystem;

using testing::slurp;

// What the reader does before building a model, fast path only.
bool fast_accepts(const std::string& text) {
  pugi::xml_document doc;
  if (!doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8))
    return false;
  return plain_text(text) && schema_accepts_tree(doc);
}

bool full_accepts(const std::string& text) {
  model::Diagnostics d;
  return validate_ocf_xml(text, "t.xml", d);
}

std::vector<std::string> bases() {
  std::vector<std::string> out = {write_ocf_xml(testing::full_model())};
  fs::path fixtures = fs::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures";
  out.push_back(slurp(fixtures / "ocf-xml" / "full.xml"));
  for (const char* name : {"multi.xml", "nfs.xml", "web.xml"})
    out.push_back(slurp(fixtures / "ocf-xml" / "migration" / name));
  return out;
}

TEST(FastPath, AcceptsEveryValidFixtureAndTheCanonicalForm) {
  for (const auto& text : bases()) {
    ASSERT_FALSE(text.empty());
    EXPECT_TRUE(full_accepts(text));
    EXPECT_TRUE(fast_accepts(text)) << text.substr(0, 200);
  }
}

TEST(FastPath, AcceptsPlainHandEdits) {
  const std::string base = write_ocf_xml(testing::full_model());
  auto with = [&](std::string from, std::string to) {
    std::string text = base;
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    return text;
  };
  std::vector<std::string> edits = {
      "\xEF\xBB\xBF" + base,                                            // a byte-order mark
      with("<nodes>", "<!-- the members -->\n  <nodes>"),               // a comment
      with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0'?>"),
      with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),         // no declaration
      with("name=\"web &amp; db\"", "name='l&amp;b &#233;&#x263A; \xC3\xA9'"),  // references, UTF-8
  };
  std::string crlf;
  for (char c : base) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  edits.push_back(crlf);
  for (const auto& text : edits) {
    EXPECT_TRUE(full_accepts(text)) << text.substr(0, 300);
    EXPECT_TRUE(fast_accepts(text)) << text.substr(0, 300);
  }
}

TEST(PlainText, LeavesAnythingUnusualToLibxml2) {
  const std::vector<std::string> unusual = {
      "<!DOCTYPE c [<!ENTITY e \"x\">]><c/>",
      "<c><![CDATA[x]]></c>",
      "<?pi data?><c/>",
      "<c><?pi data?></c>",
      "<c a=\"&e;\"/>",
      "<c>&e;</c>",
      "<c>&#0;</c>",
      "<c>&#xD800;</c>",
      "<c>&#;</c>",
      "<c>&#x110000;</c>",
      "<c>a]]>b</c>",
      "<c>\x01</c>",
      "<c a=\"\x1F\"/>",
      "<c>\xFF</c>",
      "<c>\xC0\x80</c>",           // overlong
      "<c>\xED\xA0\x80</c>",       // a surrogate
      "<c>\xEF\xBF\xBE</c>",       // U+FFFE
      "<c>\xE2\x82</c>",           // cut short
      "<c a=\"x<y\"/>",
      "<c a=\"1\"b=\"2\"/>",
      "<c><!-- a -- b --></c>",
      "<c><!-- a ---></c>",
      "<c><!-- open",
      "<c a=\"open/>",
      "<c>a < b</c>",
      "<1c/>",
      ">c/>",
      "<c/>x",
      "<c/><c/>",
      "</c>",
      "<?xml version=\"1.1\"?><c/>",
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><c/>",
      "<?xml version=\"1.0\" standalone=\"maybe\"?><c/>",
      "<?xml version=\"1.0\"encoding=\"UTF-8\"?><c/>",
      " <?xml version=\"1.0\"?><c/>",
      "<c/><?xml version=\"1.0\"?>",
  };
  for (const auto& text : unusual) EXPECT_FALSE(plain_text(text)) << text;
  EXPECT_TRUE(plain_text("<c a='1' b=\"&lt;&#65;\">x &gt; y \"q\" 'q'</c>"));
}

TEST(FastPath, TreesOutsideTheHandledFormAreLeftToTheFullPath) {
  const std::string base = write_ocf_xml(testing::full_model());
  auto tree_ok = [](const std::string& text) {
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_buffer(text.data(), text.size(), pugi::parse_default,
                                pugi::encoding_utf8));
    return schema_accepts_tree(doc);
  };
  ASSERT_TRUE(tree_ok(base));
  auto with = [&](std::string from, std::string to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  // pugixml keeps a repeated attribute; libxml2 calls it not well-formed.
  EXPECT_FALSE(tree_ok(with("<node name=\"alpha\"", "<node name=\"alpha\" name=\"alpha\"")));
  EXPECT_FALSE(tree_ok(with("<nodes>", "<nodes xmlns=\"urn:ocfbridge:ocf:1\">")));
  EXPECT_FALSE(tree_ok(with("<nodes>", "<nodes xmlns:x=\"urn:x\">")));
  EXPECT_FALSE(tree_ok(base + "<cluster/>\n"));                     // a second root
  EXPECT_FALSE(tree_ok(with("xmlns=\"urn:ocfbridge:ocf:1\"", "xmlns=\"urn:other\"")));
  // The fast path checks element names without their namespace and the
  // root's namespace on its own: no namespace, or another one, is refused
  // by both paths.
  for (const char* ns : {"", " xmlns=\"\"", " xmlns=\"urn:ocfbridge:ocf:2\"",
                         " xmlns=\"urn:ocfbridge:ocf:1 \""}) {
    std::string text = with(" xmlns=\"urn:ocfbridge:ocf:1\"", ns);
    EXPECT_FALSE(tree_ok(text)) << ns;
    EXPECT_FALSE(fast_accepts(text)) << ns;
    EXPECT_FALSE(full_accepts(text)) << ns;
  }
  EXPECT_FALSE(tree_ok(with("<nodes>", "<nodes>text")));
  for (const auto& text : {with("<node name=\"alpha\"", "<node name=\"alpha\" name=\"alpha\""),
                           base + "<cluster/>\n", with("<nodes>", "<nodes>text")})
    EXPECT_FALSE(full_accepts(text));
}

// The fast check hands libxml2 an attribute without its value when the
// schema's pattern for it is text; these pin which ones keep their value.
std::map<std::string, std::vector<std::string>> checked_map(std::string_view rng) {
  CheckedAttributes checked = checked_attributes(rng);
  std::map<std::string, std::vector<std::string>> out;
  if (!checked.understood) out["not understood"] = {};
  for (const auto& [element, attributes] : checked.by_element) out[element] = attributes;
  return out;
}

TEST(FastPath, AttributesWithACheckedPatternKeepTheirValue) {
  auto shipped = checked_map(ocf_schema_text());
  using V = std::vector<std::string>;
  EXPECT_EQ(shipped["cluster"], V{"version"});
  EXPECT_EQ(shipped["node"], V{"id"});
  EXPECT_EQ(shipped["key"], (V{"method", "number"}));
  EXPECT_EQ(shipped["policy"], (V{"auto-recovery", "failback", "in-place-recovery",
                                  "initially-disabled", "local-restarts", "mode"}));
  EXPECT_EQ(shipped["location"], V{"score"});
  for (const char* text_only : {"param", "meta", "member", "resource", "group", "property",
                                "extension", "attribute", "address", "not understood"})
    EXPECT_EQ(shipped.count(text_only), 0u) << text_only;

  auto grammar = [](const std::string& body) {
    return "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\" "
           "datatypeLibrary=\"http://www.w3.org/2001/XMLSchema-datatypes\">"
           "<start><element name=\"e\">" + body + "</element></start>"
           "<define name=\"t\"><text/></define><define name=\"tt\"><ref name=\"t\"/></define>"
           "<define name=\"n\"><data type=\"int\"/></define>"
           "<define name=\"shared\"><attribute name=\"s\"><ref name=\"n\"/></attribute></define>"
           "</grammar>";
  };
  EXPECT_EQ(checked_map(grammar(
                "<attribute name=\"a\"/><attribute name=\"b\"><text/></attribute>"
                "<attribute name=\"c\"><ref name=\"tt\"/></attribute>"
                "<attribute name=\"d\"><ref name=\"n\"/></attribute>"
                "<attribute name=\"f\"><choice><text/><value>x</value></choice></attribute>"
                "<element name=\"g\"><attribute name=\"h\"><value>1</value></attribute></element>"
                "<ref name=\"shared\"/>")),
            (std::map<std::string, std::vector<std::string>>{
                {"*", {"s"}}, {"e", {"d", "f"}}, {"g", {"h"}}}));
  // What the reading does not follow: every value is handed over.
  for (const char* body : {
           "<attribute><anyName/></attribute>",
           "<attribute name=\"a\" ns=\"urn:x\"/>",
           "<attribute name=\"a\"><ref name=\"missing\"/></attribute>",
           "<externalRef href=\"x.rng\"/>",
           "<grammar><start><element name=\"x\"><empty/></element></start></grammar>",
           "<element><anyName/><empty/></element>",
       })
    EXPECT_EQ(checked_map(grammar(body)).count("not understood"), 1u) << body;
  std::string twice = grammar("<attribute name=\"a\"><ref name=\"t\"/></attribute>");
  twice.insert(twice.find("</grammar>"), "<define name=\"t\" combine=\"choice\"><data type=\"int\"/></define>");
  EXPECT_EQ(checked_map(twice).count("not understood"), 1u);
  EXPECT_EQ(checked_map("<element/>").count("not understood"), 1u);
}

// Values still count where the schema checks them: a bad one in an
// otherwise plain document is refused by the fast path and by the full one.
TEST(FastPath, ChecksTheValuesTheSchemaChecks) {
  const std::string base = write_ocf_xml(testing::full_model());
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"version=\"1\"", "version=\"2\""},
           {"mode=\"", "mode=\"sideways"},
           {"<node name=\"alpha\" id=\"1\"", "<node name=\"alpha\" id=\"x\""},
           {"<node name=\"alpha\" id=\"1\"", "<node name=\"alpha\" id=\"4294967296\""},
           {"method=\"", "method=\"rot13"},
       }) {
    std::string text = base;
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    EXPECT_FALSE(fast_accepts(text)) << to;
    EXPECT_FALSE(full_accepts(text)) << to;
  }
}

// A hostile nesting depth neither crashes the reader (its checks recurse)
// nor passes: it goes to the full path, whose depth limit words the error.
TEST(FastPath, DeepNestingIsRejectedWithoutCrashing) {
  const std::string base = write_ocf_xml(testing::full_model());
  for (std::string at : {"<nodes>", "<policy "}) {
    std::string open, close;
    for (int i = 0; i < 100000; ++i) {
      open += "<x>";
      close += "</x>";
    }
    std::string text = base;
    auto where = text.find(at);
    ASSERT_NE(where, std::string::npos);
    where = text.find('>', where) + 1;
    if (text[where - 2] == '/') {  // <policy ... />: open it
      text.replace(where - 2, 2, ">" + open + close + "</policy>");
    } else {
      text.insert(where, open + close);
    }
    EXPECT_FALSE(fast_accepts(text)) << at;
    model::Diagnostics d;
    EXPECT_FALSE(read_ocf_xml(text, "deep.xml", d).has_value()) << at;
    EXPECT_TRUE(d.has_errors()) << at;
  }
}

// Every base document, changed at many places by snippets that pugixml may
// take more lightly than libxml2: whatever the fast path accepts, the full
// path must accept too. Mutants both accept (a comment, white space) show
// that the comparison is not vacuous.
TEST(FastPath, NeverAcceptsWhatTheFullPathRejects) {
  const std::vector<std::string> snippets = {
      "<", ">", "&", "&e;", "&#1;", "]]>", "\x01", "\xFF", "\xC3", "\"", "'", "=", "/",
      "<!DOCTYPE c>", "<?pi x?>", "<![CDATA[x]]>", "<!-- a -- b -->", "<!-- fine -->",
      " a=\"1\"", " name=\"x\"", " xmlns:p=\"urn:p\"", "p:", " ", "\n", "x", "&#x9;",
      "</nodes>", "<nodes>", "<x/>",
  };
  int compared = 0, both = 0;
  for (const auto& base : bases()) {
    const std::size_t stride = std::max<std::size_t>(1, base.size() / 45);
    for (std::size_t at = 0; at <= base.size(); at += stride) {
      for (const auto& snippet : snippets) {
        for (int replace = 0; replace < 2; ++replace) {
          std::string text = base;
          if (replace && at < text.size())
            text.replace(at, 1, snippet);
          else
            text.insert(at, snippet);
          bool fast = fast_accepts(text);
          ++compared;
          if (!fast) continue;
          ASSERT_TRUE(full_accepts(text))
              << "the fast path accepts what libxml2 rejects:\n" << text;
          ++both;
        }
      }
    }
  }
  std::printf("%d mutants, %d accepted by both paths\n", compared, both);
  EXPECT_GT(compared, 10000);
  EXPECT_GT(both, 500);
}

}  // namespace
}  // namespace ocf::xml
