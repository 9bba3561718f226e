// The schema check: bad documents are rejected before a model is built,
// each with an error that names the line (and column) of the fault.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bridge/xml/ocf_xml.h"
#include "bridge/xml/schema.h"
#include "tests/bridge/xml/full_model.h"  // PrintTo(SourceLocation)

namespace ocf::xml {
namespace {

using model::Diagnostics;

// A valid document; each case replaces one of its lines.
const std::vector<std::string> kLines = {
    R"(<?xml version="1.0" encoding="UTF-8"?>)",                            // 1
    R"(<cluster xmlns="urn:ocfbridge:ocf:1" version="1" name="c">)",        // 2
    R"(  <nodes>)",                                                         // 3
    R"(    <node name="a" id="1" />)",                                      // 4
    R"(    <node name="b" />)",                                             // 5
    R"(  </nodes>)",                                                        // 6
    R"(  <channels>)",                                                      // 7
    R"(    <channel kind="broadcast" interface="eth0" />)",                 // 8
    R"(  </channels>)",                                                     // 9
    R"(  <resources>)",                                                     // 10
    R"(    <resource id="r" class="ocf" provider="heartbeat" type="Dummy">)",  // 11
    R"(      <op name="monitor" interval-ms="10000" />)",                   // 12
    R"(    </resource>)",                                                   // 13
    R"(  </resources>)",                                                    // 14
    R"(  <groups>)",                                                        // 15
    R"(    <group id="g">)",                                                // 16
    R"(      <member ref="r" />)",                                          // 17
    R"(      <policy mode="ordered" failback="manual" />)",                 // 18
    R"(    </group>)",                                                      // 19
    R"(  </groups>)",                                                       // 20
    R"(</cluster>)",                                                        // 21
};

std::string document(std::size_t line = 0, const std::string& replacement = {}) {
  std::string out;
  for (std::size_t i = 0; i < kLines.size(); ++i)
    out += (i + 1 == line ? replacement : kLines[i]) + "\n";
  return out;
}

std::string describe(const Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += "  " + e.to_string() + "\n";
  return out;
}

struct BadCase {
  const char* name;
  std::size_t line;         // the line replaced
  std::string replacement;
  const char* code;         // of the first error
  std::uint32_t error_line; // of the first error
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class Rejection : public ::testing::TestWithParam<BadCase> {};

TEST(Schema, TheBaseDocumentIsValid) {
  Diagnostics d;
  EXPECT_TRUE(validate_ocf_xml(document(), "base.xml", d)) << describe(d);
  auto c = read_ocf_xml(document(), "base.xml", d);
  ASSERT_TRUE(c) << describe(d);
  EXPECT_EQ(c->resources.size(), 1u);
}

TEST(Schema, TheEmbeddedSchemaIsTheShippedFile) {
  std::ifstream in(std::string(OCFBRIDGE_SOURCE_DIR) + "/bridge/xml/ocf.rng", std::ios::binary);
  std::stringstream shipped;
  shipped << in.rdbuf();
  ASSERT_FALSE(shipped.str().empty());
  EXPECT_EQ(ocf_schema_text(), shipped.str());
  EXPECT_NE(ocf_schema_text().find("ns=\"urn:ocfbridge:ocf:1\""), std::string_view::npos);
}

TEST_P(Rejection, GivesALocatedErrorAndNoModel) {
  const BadCase& c = GetParam();
  std::string text = document(c.line, c.replacement);
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(text, "bad.xml", d));
  ASSERT_TRUE(d.has_errors());
  const auto& first = d.entries().front();
  EXPECT_EQ(first.code, c.code) << describe(d);
  EXPECT_EQ(first.where.file, "bad.xml");
  EXPECT_EQ(first.where.line, c.error_line) << describe(d);
  for (const auto& e : d.entries()) {
    EXPECT_GT(e.where.line, 0u) << e.to_string();
    EXPECT_GT(e.where.column, 0u) << e.to_string();
  }
  // The schema check alone agrees.
  Diagnostics v;
  EXPECT_FALSE(validate_ocf_xml(text, "bad.xml", v));
}

INSTANTIATE_TEST_SUITE_P(
    BadDocuments, Rejection,
    ::testing::Values(
        BadCase{"UnknownElement", 5, R"(    <bogus name="b" />)", "ocfxml.schema", 5},
        BadCase{"MissingNodeName", 5, R"(    <node id="2" />)", "ocfxml.schema", 5},
        BadCase{"MissingResourceType", 11,
                R"(    <resource id="r" class="ocf" provider="heartbeat">)", "ocfxml.schema", 11},
        BadCase{"NonIntegerNodeId", 4, R"(    <node name="a" id="one" />)", "ocfxml.schema", 4},
        BadCase{"NodeIdOutOfRange", 4, R"(    <node name="a" id="4294967296" />)",
                "ocfxml.schema", 4},
        BadCase{"NegativeInterval", 12, R"(      <op name="monitor" interval-ms="-5" />)",
                "ocfxml.schema", 12},
        BadCase{"BadChannelKind", 8, R"(    <channel kind="pigeon" interface="eth0" />)",
                "ocfxml.schema", 8},
        BadCase{"BadBoolean", 8, R"(    <channel kind="broadcast" loop="yes" />)",
                "ocfxml.schema", 8},
        BadCase{"BadFailback", 18, R"(      <policy mode="ordered" failback="sometimes" />)",
                "ocfxml.schema", 18},
        BadCase{"BadMode", 18, R"(      <policy mode="random" failback="manual" />)",
                "ocfxml.schema", 18},
        BadCase{"BadAuthMethod", 9,
                R"(  </channels><authentication><key number="1" method="md4" secret="x"/></authentication>)",
                "ocfxml.schema", 9},
        BadCase{"BadScore", 20,
                R"(  </groups><constraints><location resource="g" node="a" score="lots"/></constraints>)",
                "ocfxml.schema", 20},
        BadCase{"WrongVersion", 2, R"(<cluster xmlns="urn:ocfbridge:ocf:1" version="2">)",
                "ocfxml.schema", 2},
        BadCase{"WrongNamespace", 2, R"(<cluster xmlns="urn:example:other" version="1">)",
                "ocfxml.schema", 2},
        BadCase{"ElementOutOfOrder", 17, R"(      <meta name="x" value="y" /><member ref="r" />)",
                "ocfxml.schema", 17},
        BadCase{"TextWhereNoneBelongs", 4, R"(    <node name="a">text</node>)",
                "ocfxml.schema", 4},
        BadCase{"EmptyContainer", 8, "", "ocfxml.schema", 7},
        BadCase{"MismatchedEndTag", 13, R"(    </resorce>)", "ocfxml.xml", 13},
        BadCase{"UnquotedAttribute", 12, R"(      <op name=monitor />)", "ocfxml.xml", 12},
        BadCase{"DuplicateAttribute", 4, R"(    <node name="a" name="b" />)", "ocfxml.xml", 4},
        BadCase{"UndefinedEntity", 8, R"(    <channel kind="broadcast" interface="&eth;" />)",
                "ocfxml.xml", 8},
        BadCase{"UnclosedRoot", 21, "", "ocfxml.xml", 21},
        BadCase{"Doctype", 1, R"(<!DOCTYPE cluster [ <!ENTITY e "x"> ]>)", "ocfxml.doctype",
                1}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

// Names, ids and references must not be empty; the reader says so at the
// element (the schema leaves it to the reader, see ocf.rng).
TEST(Schema, EmptyNamesAndBadAddressesAreLocatedErrors) {
  struct Case {
    std::size_t line;
    std::string replacement;
    const char* code;
  };
  for (const auto& c : std::vector<Case>{
           {11, R"(    <resource id="" class="ocf" provider="heartbeat" type="Dummy">)", "ocfxml.empty"},
           {12, R"(      <op name="" />)", "ocfxml.empty"},
           {17, R"(      <member ref="" />)", "ocfxml.empty"},
           {5, R"(    <node name="b"><address>10.0.0.2 10.0.0.3</address></node>)", "ocfxml.address"},
           {5, R"(    <node name="b"><address></address></node>)", "ocfxml.address"},
       }) {
    Diagnostics d;
    EXPECT_FALSE(read_ocf_xml(document(c.line, c.replacement), "e.xml", d)) << c.replacement;
    ASSERT_TRUE(d.has(c.code)) << c.replacement << "\n" << describe(d);
    for (const auto& e : d.entries()) {
      if (e.code == c.code) {
        EXPECT_EQ(e.where.line, c.line) << describe(d);
      }
    }
  }
}

TEST(Schema, ColumnPointsAtTheOffendingStartTag) {
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(document(8, R"(    <channel kind="pigeon" />)"), "c.xml", d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.entries().front().where, (model::SourceLocation{"c.xml", 8, 5})) << describe(d);
}

// libxml2 keeps line numbers in 16 bits unless told otherwise.
TEST(Schema, ErrorsPastLine65535KeepTheirLine) {
  std::string text = "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n<properties>\n";
  for (int i = 0; i < 70000; ++i)
    text += "<property name=\"p" + std::to_string(i) + "\" value=\"v\"/>\n";
  text += "</properties>\n<nodes>\n<node name=\"a\" id=\"x\"/>\n</nodes>\n</cluster>\n";
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(text, "long.xml", d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.entries().front().where, (model::SourceLocation{"long.xml", 70005, 1}))
      << describe(d);
}

TEST(Schema, NonUtf8InputIsRejected) {
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml(document(5, "    <node name=\"b\xff\" />"), "u.xml", d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.entries().front().where.line, 5u) << describe(d);
}

TEST(Schema, EmptyInputIsRejectedWithALocation) {
  Diagnostics d;
  EXPECT_FALSE(read_ocf_xml("", "empty.xml", d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.entries().front().where.file, "empty.xml");
  EXPECT_EQ(d.entries().front().where.line, 1u) << describe(d);
}

}  // namespace
}  // namespace ocf::xml
