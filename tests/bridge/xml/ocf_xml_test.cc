// OCF XML: canonical writing, reading back, byte-stable round trips and
// the locations the reader attaches to every element.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/plain_text.h"
#include "bridge/xml/schema.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

namespace fs = std::filesystem;
using model::Diagnostics;

const fs::path kFixtures = fs::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures/ocf-xml";

using testing::slurp;

std::string describe(const Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += e.to_string() + "\n";
  return out;
}

// 1-based line and column of `needle`'s first occurrence in `text`.
std::pair<std::uint32_t, std::uint32_t> position_of(const std::string& text,
                                                    const std::string& needle) {
  auto offset = text.find(needle);
  EXPECT_NE(offset, std::string::npos) << needle;
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

TEST(OcfXml, FullModelWritesValidatesReadsBackEqualAndRewritesIdentically) {
  model::Cluster original = testing::full_model();
  Diagnostics d;
  auto text = write_ocf_xml(original, d);
  ASSERT_TRUE(text) << describe(d);
  EXPECT_TRUE(d.entries().empty()) << describe(d);

  Diagnostics check;
  EXPECT_TRUE(validate_ocf_xml(*text, "written.xml", check)) << describe(check);

  Diagnostics r;
  auto back = read_ocf_xml(*text, "written.xml", r);
  ASSERT_TRUE(back) << describe(r);
  EXPECT_TRUE(r.entries().empty()) << describe(r);
  EXPECT_EQ(*back, original);

  Diagnostics w2;
  auto again = write_ocf_xml(*back, w2);
  ASSERT_TRUE(again) << describe(w2);
  EXPECT_EQ(*again, *text);
}

TEST(OcfXml, CanonicalTextHasDeclarationIndentNamespaceAndTrailingNewline) {
  std::string text = write_ocf_xml(testing::full_model());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\" name=\"web &amp; db\">\n"
                       "  <properties>\n"
                       "    <property name=\"no-quorum-policy\" value=\"stop\" />\n",
                       0),
            0u)
      << text;
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\n      <address>alpha.example.com</address>\n"), std::string::npos);
  // Unset optionals are left out: beta has no id, the broadcast channel no port.
  EXPECT_NE(text.find("<node name=\"beta\">"), std::string::npos);
  EXPECT_NE(text.find("<channel kind=\"broadcast\" interface=\"eth0\" heartbeat=\"true\" "
                      "control=\"true\" />"),
            std::string::npos)
      << text;
  // Attributes in the fixed order, whatever order a reader met them in.
  EXPECT_NE(text.find("<channel kind=\"multicast\" interface=\"eth1\" address=\"225.0.0.1\" "
                      "port=\"694\" ttl=\"1\" loop=\"false\" priority=\"2\" heartbeat=\"true\" "
                      "control=\"true\" />"),
            std::string::npos);
}

TEST(OcfXml, EmptyModelIsAMinimalDocument) {
  std::string text = write_ocf_xml(model::Cluster{});
  EXPECT_EQ(text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\" />\n");
  Diagnostics d;
  auto back = read_ocf_xml(text, "empty.xml", d);
  ASSERT_TRUE(back) << describe(d);
  EXPECT_EQ(*back, model::Cluster{});
}

TEST(OcfXml, FixtureReadsAsTheHandBuiltModelAndRoundTripsByteStable) {
  std::string text = slurp(kFixtures / "full.xml");
  ASSERT_FALSE(text.empty());
  Diagnostics d;
  auto cluster = read_ocf_xml(text, "full.xml", d);
  ASSERT_TRUE(cluster) << describe(d);
  EXPECT_TRUE(d.entries().empty()) << describe(d);
  EXPECT_EQ(*cluster, testing::full_model());
  Diagnostics w;
  auto written = write_ocf_xml(*cluster, w);
  ASSERT_TRUE(written) << describe(w);
  EXPECT_EQ(*written, text);
}

TEST(OcfXml, EveryReadElementIsLocatedAtItsStartTag) {
  std::string text = slurp(kFixtures / "full.xml");
  const std::string file = (kFixtures / "full.xml").string();
  Diagnostics d;
  auto c = read_ocf_xml(text, file, d);
  ASSERT_TRUE(c) << describe(d);
  auto expect_at = [&](const model::SourceLocation& where, const std::string& start_tag) {
    auto [line, column] = position_of(text, start_tag);
    EXPECT_EQ(where.file, file) << start_tag;
    EXPECT_EQ(where.line, line) << start_tag;
    EXPECT_EQ(where.column, column) << start_tag;
  };
  expect_at(c->properties[1].origin, "<property name=\"note\"");
  expect_at(c->nodes[1].origin, "<node name=\"beta\"");
  expect_at(c->nodes[2].attributes[0].origin, "<attribute name=\"hostname\"");
  expect_at(c->channels[4].origin, "<channel kind=\"disk\"");
  expect_at(c->channels[2].attributes[0].origin, "<attribute name=\"netmask\"");
  expect_at(c->auth.origin, "<authentication");
  expect_at(c->auth.keys[2].origin, "<key number=\"3\"");
  expect_at(c->resources[1].origin, "<resource id=\"fs\"");
  expect_at(c->resources[1].params[2].origin, "<param name=\"options\"");
  expect_at(c->resources[0].operations[1].origin, "<op name=\"start\"");
  expect_at(c->resources[0].operations[0].attributes[0].origin, "<attribute name=\"depth\"");
  expect_at(c->resources[0].meta[0].origin, "<meta name=\"target-role\"");
  expect_at(c->groups[1].origin, "<group id=\"notify\"");
  expect_at(c->groups[0].policy.origin, "<policy name=\"web-policy\"");
  expect_at(c->groups[0].policy.attributes[0].origin, "<attribute name=\"Controlled_Failback\"");
  expect_at(c->groups[0].meta[0].origin, "<meta name=\"resource-stickiness\"");
  expect_at(c->constraints[2].origin, "<order id=\"web-then-notify\"");
  expect_at(c->constraints[3].origin, "<colocation");
  expect_at(c->extensions[1].origin, "<extension product=\"failsafe\"");
}

TEST(OcfXml, LocationsCountCarriageReturnLineEndsAndColumnsOfIndentedTags) {
  const std::string text =
      "<?xml version=\"1.0\"?>\r\n"
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\r\n"
      "  <nodes>\r\n"
      "    <node name=\"a\"/>\r\n"
      "\t\t<node name=\"b\" id=\"2\"/><node name=\"c\"/>\r\n"
      "  </nodes>\r\n"
      "</cluster>\r\n";
  Diagnostics d;
  auto c = read_ocf_xml(text, "crlf.xml", d);
  ASSERT_TRUE(c) << describe(d);
  ASSERT_EQ(c->nodes.size(), 3u);
  EXPECT_EQ(c->nodes[0].origin, (model::SourceLocation{"crlf.xml", 4, 5}));
  EXPECT_EQ(c->nodes[1].origin, (model::SourceLocation{"crlf.xml", 5, 3}));
  EXPECT_EQ(c->nodes[2].origin, (model::SourceLocation{"crlf.xml", 5, 26}));
}

TEST(OcfXml, ReaderAcceptsTheLexicalFormsTheSchemaAccepts) {
  const std::string text =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\" 1 \">\n"
      "  <nodes><node name=\"a\" id=\"7\"/></nodes>\n"
      "  <channels><channel kind=\" serial \" baud=\"9600\" loop=\" true\"/></channels>\n"
      "</cluster>\n";
  Diagnostics d;
  auto c = read_ocf_xml(text, "ws.xml", d);
  ASSERT_TRUE(c) << describe(d);
  EXPECT_EQ(c->nodes[0].id, 7u);
  EXPECT_EQ(c->channels[0].kind, model::ChannelKind::kSerial);
  EXPECT_EQ(c->channels[0].loop, true);
  // Numbers take the schema types' lexical forms too, and are written back
  // in canonical form.
  std::string padded = text;
  padded.replace(padded.find("id=\"7\""), 6, "id=\" 007 \"");
  auto seven = read_ocf_xml(padded, "ws.xml", d);
  ASSERT_TRUE(seven) << describe(d);
  EXPECT_EQ(seven->nodes[0].id, 7u);
  EXPECT_NE(write_ocf_xml(*seven).find("<node name=\"a\" id=\"7\" />"), std::string::npos);
  // libxml2 takes no sign on an unsigned type.
  std::string plus = text;
  plus.replace(plus.find("id=\"7\""), 6, "id=\"+7\"");
  EXPECT_FALSE(read_ocf_xml(plus, "ws.xml", d));
  EXPECT_TRUE(d.has("ocfxml.schema"));
}

TEST(OcfXml, ANamespacePrefixIsAcceptedAndWrittenBackCanonically) {
  const std::string text =
      "<o:cluster xmlns:o=\"urn:ocfbridge:ocf:1\" version=\"1\" name=\"p\">"
      "<o:nodes><o:node name=\"a\"><o:address>10.1.1.1</o:address></o:node></o:nodes>"
      "</o:cluster>";
  Diagnostics d;
  auto c = read_ocf_xml(text, "prefix.xml", d);
  ASSERT_TRUE(c) << describe(d);
  ASSERT_EQ(c->nodes.size(), 1u);
  EXPECT_EQ(c->nodes[0].addresses, std::vector<std::string>{"10.1.1.1"});
  EXPECT_NE(write_ocf_xml(*c).find("<node name=\"a\">\n      <address>10.1.1.1</address>"),
            std::string::npos);
}

TEST(OcfXml, ValuesWithMarkupQuotesAndControlWhiteSpaceSurvive) {
  model::Cluster c;
  c.properties = {{"p", "<a href=\"x\">&amp;</a>\r\n\t'q'", {}}};
  c.extensions = {{"heartbeat", "", "k", "  leading and trailing  ", {}}};
  std::string text = write_ocf_xml(c);
  ASSERT_FALSE(text.empty());
  Diagnostics d;
  auto back = read_ocf_xml(text, "v.xml", d);
  ASSERT_TRUE(back) << describe(d);
  EXPECT_EQ(*back, c);
  EXPECT_EQ(write_ocf_xml(*back), text);
}

TEST(OcfXml, GroupMemberNamingAnUnknownResourceIsALocatedModelError) {
  const std::string text =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
      "  <resources>\n"
      "    <resource id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\" />\n"
      "  </resources>\n"
      "  <groups>\n"
      "    <group id=\"g\">\n"
      "      <member ref=\"r1\" />\n"
      "      <member ref=\"nosuch\" />\n"
      "    </group>\n"
      "  </groups>\n"
      "</cluster>\n";
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(text, "sem.xml", d));
  ASSERT_TRUE(d.has("model.group-member")) << describe(d);
  for (const auto& e : d.entries())
    if (e.code == "model.group-member") {
      EXPECT_EQ(e.where, (model::SourceLocation{"sem.xml", 6, 5}));
    }
}

TEST(OcfXml, DuplicateNodeAndUnknownDomainNodeAreLocated) {
  const std::string text =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
      "  <nodes>\n"
      "    <node name=\"a\" />\n"
      "    <node name=\"a\" />\n"
      "  </nodes>\n"
      "  <groups>\n"
      "    <group id=\"g\">\n"
      "      <policy mode=\"ordered\"><domain><node ref=\"zz\"/></domain></policy>\n"
      "    </group>\n"
      "  </groups>\n"
      "</cluster>\n";
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(text, "dup.xml", d));
  bool duplicate = false, domain = false;
  for (const auto& e : d.entries()) {
    if (e.code == "model.duplicate-node") {
      duplicate = true;
      EXPECT_EQ(e.where.line, 4u);
    }
    if (e.code == "model.domain-node") {
      domain = true;
      EXPECT_EQ(e.where.line, 8u);
      EXPECT_EQ(e.where.column, 7u);
    }
  }
  EXPECT_TRUE(duplicate && domain) << describe(d);
}

TEST(OcfXml, UnwritableModelIsRefusedWithLocatedErrorsAndNoText) {
  model::Cluster c;
  model::SourceLocation at{"ha.cf", 12, 3};
  c.resources.push_back({"", {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, at});
  c.resources.push_back({"r2", {"ocf", "heartbeat", "Dummy"}, {{"x", std::string("a\x01") + "b", at}}, {}, {}, at});
  c.auth.keys.push_back({1, "md4", "pw-not-to-show", at});
  c.nodes.push_back({"n", std::nullopt, {"has space"}, {}, at});
  c.constraints.push_back({model::ConstraintKind::kLocation, "l", "r2", "", "n", "lots", at});
  c.properties.push_back({"bad\xff", "v", at});
  Diagnostics d;
  EXPECT_FALSE(write_ocf_xml(c, d));
  EXPECT_EQ(d.error_count(), 6u) << describe(d);
  for (const auto& e : d.entries()) {
    EXPECT_EQ(e.code, "ocfxml.unwritable");
    EXPECT_EQ(e.where, at);
    EXPECT_EQ(e.message.find("pw-not-to-show"), std::string::npos);
  }
  EXPECT_EQ(write_ocf_xml(c), "");
}

// The writer checks values eight bytes at a time while they are printable
// ASCII (a short value by single bytes below 4, by two four-byte halves
// below 8, a longer one by words overlapping at its end): every byte value,
// at every place in and around a word, in a value and in a name, must get
// the verdict of the one-character-at-a-time rule (xml_char_length).
TEST(OcfXml, EveryByteAnywhereInAValueGetsTheCharacterRule) {
  int refused = 0;
  for (std::size_t length : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 12u, 15u, 16u, 17u, 24u}) {
    for (std::size_t at = 0; at < length; ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string value(length, 'a');
        value[at] = static_cast<char>(byte);
        bool expected = true;
        for (std::size_t i = 0; i < value.size();) {
          std::size_t n = xml_char_length(value, i);
          if (n == 0) {
            expected = false;
            break;
          }
          i += n;
        }
        model::Cluster c;
        c.properties.push_back({"p", value, {}});
        Diagnostics d;
        ASSERT_EQ(write_ocf_xml(c, d).has_value(), expected)
            << "byte " << byte << " at " << at << " of " << length;
        model::Cluster named;
        named.properties.push_back({value, "v", {}});
        Diagnostics dn;
        ASSERT_EQ(write_ocf_xml(named, dn).has_value(), expected)
            << "name: byte " << byte << " at " << at << " of " << length;
        refused += !expected;
      }
    }
  }
  EXPECT_GT(refused, 1000);
  // A valid multi-byte character across a word boundary is fine.
  model::Cluster c;
  c.properties.push_back({"p", "abcdef\xC3\xA9ghij\xE2\x82\xACk", {}});
  Diagnostics d;
  EXPECT_TRUE(write_ocf_xml(c, d).has_value());
}

TEST(OcfXml, ConstraintFieldThatItsKindDoesNotUseIsALoss) {
  model::Cluster c;
  c.nodes.push_back({"n", std::nullopt, {}, {}, {}});
  c.resources.push_back({"r", {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, {}});
  c.constraints.push_back({model::ConstraintKind::kOrder, "o", "r", "r", "n", "", {"f", 3, 1}});
  Diagnostics d;
  auto text = write_ocf_xml(c, d);
  ASSERT_TRUE(text) << describe(d);
  ASSERT_EQ(d.count(model::Severity::kLoss), 1u);
  EXPECT_EQ(d.entries()[0].code, "loss.constraint-field");
  EXPECT_EQ(d.entries()[0].where.line, 3u);
}

TEST(OcfXml, SecretsNeverAppearInDiagnostics) {
  const std::string secret = "hunter2-secret-key";
  // An element named like the secret makes libxml2 quote it ("Did not
  // expect element ... there"); a group member named like it makes the
  // model check quote it.
  const std::string text =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
      "  <authentication active=\"1\">\n"
      "    <key number=\"1\" method=\"sha1\" secret=\"" + secret + "\" />\n"
      "    <" + secret + " />\n"
      "  </authentication>\n"
      "</cluster>\n";
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(text, "s.xml", d));
  ASSERT_TRUE(d.has_errors());
  const std::string semantic =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
      "  <authentication active=\"1\"><key number=\"1\" method=\"sha1\" secret=\"" + secret +
      "\"/></authentication>\n"
      "  <groups><group id=\"g\"><member ref=\"" + secret + "\"/></group></groups>\n"
      "</cluster>\n";
  EXPECT_FALSE(read_ocf_xml(semantic, "s2.xml", d));
  // A plain, valid document like this one passes the fast schema check, and
  // its secrets then come from the model's keys, every one of them.
  const std::string second = "opensesame-two";
  const std::string two_keys =
      "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
      "  <authentication active=\"1\"><key number=\"1\" method=\"sha1\" secret=\"" + secret +
      "\"/><key number=\"2\" method=\"md5\" secret=\"" + second + "\"/></authentication>\n"
      "  <groups><group id=\"g\"><member ref=\"" + second + "\"/></group></groups>\n"
      "</cluster>\n";
  {
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(two_keys.c_str()));
    EXPECT_TRUE(plain_text(two_keys) && schema_accepts_tree(doc));
  }
  EXPECT_FALSE(read_ocf_xml(two_keys, "s4.xml", d));
  const std::string broken = "<cluster secret=\"" + secret + "\"><" + secret + "></x></cluster>";
  EXPECT_FALSE(read_ocf_xml(broken, "s3.xml", d));
  ASSERT_GE(d.error_count(), 4u);
  for (const auto& e : d.entries()) {
    EXPECT_EQ(e.to_string().find(secret), std::string::npos) << e.to_string();
    EXPECT_EQ(e.to_string().find(second), std::string::npos) << e.to_string();
    EXPECT_GT(e.where.line, 0u) << e.to_string();
  }
}

TEST(OcfXml, ConcurrentReadsAndWritesAgree) {
  const std::string text = write_ocf_xml(testing::full_model());
  ASSERT_FALSE(text.empty());
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        Diagnostics d;
        auto c = read_ocf_xml(text, "t.xml", d);
        if (c && *c == testing::full_model() && write_ocf_xml(*c) == text) ++ok[t];
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, std::vector<int>(4, 20));
}

}  // namespace
}  // namespace ocf::xml
