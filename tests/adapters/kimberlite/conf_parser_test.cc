// cluster.conf text -> Document: structure, locations, comments, and the
// structural errors the parser itself reports.
#include "adapters/kimberlite/conf_parser.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using testing::dump;
using testing::fixture;
using testing::read_text;

TEST(KimberliteParser, ReadsTheSpecExampleAsATreeOfPaths) {
  model::Diagnostics d;
  auto doc = parse_conf(read_text(fixture("nfs_server.conf")), "cluster.conf", d);
  ASSERT_TRUE(doc) << dump(d);
  ASSERT_EQ(doc->entries.size(), 4u);
  EXPECT_EQ(doc->entries[0].name, "cluster");
  const Entry* services = doc->section("services");
  ASSERT_NE(services, nullptr);
  const Entry* service = services->block("service0");
  ASSERT_NE(service, nullptr);
  const Entry* client = service->block("device0")
                            ->block("mount")
                            ->block("NFSexports")
                            ->block("directory0")
                            ->block("client0");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->value_of("name"), "*.example.com");
  EXPECT_EQ(client->value_of("options"), "rw,sync");
  // Locations: `start client0` is line 41, its options field line 43 col 3.
  EXPECT_EQ(client->where.line, 41u);
  EXPECT_EQ(client->where.column, 1u);
  EXPECT_EQ(client->field("options")->where.line, 43u);
  EXPECT_EQ(client->field("options")->where.column, 3u);
  EXPECT_EQ(client->field("options")->value_where.column, 13u);
  EXPECT_EQ(client->field("options")->where.file, "cluster.conf");
}

TEST(KimberliteParser, KeepsCommentsAndOptionalSpacesAroundEquals) {
  model::Diagnostics d;
  auto doc = parse_conf("# top\n[cluster]\n# about the name\nname=c1\n  alias_ip   =  10.0.0.1  \n",
                        "f", d);
  ASSERT_TRUE(doc) << dump(d);
  ASSERT_EQ(doc->entries.size(), 2u);
  EXPECT_EQ(doc->entries[0].kind, Entry::Kind::kComment);
  EXPECT_EQ(doc->entries[0].name, " top");
  const Entry* cluster = doc->section("cluster");
  ASSERT_EQ(cluster->children.size(), 3u);
  EXPECT_EQ(cluster->children[0].kind, Entry::Kind::kComment);
  EXPECT_EQ(cluster->value_of("name"), "c1");
  EXPECT_EQ(cluster->value_of("alias_ip"), "10.0.0.1");
}

TEST(KimberliteParser, HashInsideAValueIsPartOfTheValue) {
  model::Diagnostics d;
  auto doc = parse_conf("[members]\nstart member0\n  powerPassword = a#b\nend member0\n", "f", d);
  ASSERT_TRUE(doc) << dump(d);
  EXPECT_EQ(doc->section("members")->block("member0")->value_of("powerPassword"), "a#b");
}

TEST(KimberliteParser, AcceptsCrLfLineEnds) {
  model::Diagnostics d;
  auto doc = parse_conf("[cluster]\r\n  name = c1\r\n", "f", d);
  ASSERT_TRUE(doc) << dump(d);
  EXPECT_EQ(doc->section("cluster")->value_of("name"), "c1");
}

struct BadCase {
  const char* text;
  const char* code;
  std::uint32_t line;
  std::uint32_t column;
};

class KimberliteParserErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(KimberliteParserErrors, ReportsALocatedError) {
  const auto& c = GetParam();
  model::Diagnostics d;
  auto doc = parse_conf(c.text, "bad.conf", d);
  EXPECT_FALSE(doc);
  ASSERT_TRUE(d.has_errors());
  const auto errors = d.of(model::Severity::kError);
  const auto& first = errors.front();
  EXPECT_EQ(first.code, c.code) << dump(d);
  EXPECT_EQ(first.where.file, "bad.conf");
  EXPECT_EQ(first.where.line, c.line) << dump(d);
  EXPECT_EQ(first.where.column, c.column) << dump(d);
}

INSTANTIATE_TEST_SUITE_P(
    Structure, KimberliteParserErrors,
    ::testing::Values(
        BadCase{"[s]\nstart a\nend b\n", "kimberlite.end-mismatch", 3, 5},
        BadCase{"start a\n", "kimberlite.start-outside-section", 1, 1},
        BadCase{"[s]\n  start a\n", "kimberlite.unclosed-block", 2, 3},
        BadCase{"[s]\nstart a\n[t]\n", "kimberlite.unclosed-block", 2, 1},
        BadCase{"[s]\n = 1\n", "kimberlite.empty-key", 2, 2},
        BadCase{"[s]\nwhat is this\n", "kimberlite.syntax", 2, 1},
        BadCase{"[s]\nend a\n", "kimberlite.end-without-start", 2, 1},
        BadCase{"k = v\n", "kimberlite.field-outside-section", 1, 1},
        BadCase{"[s]\nk = 1\nk = 2\n", "kimberlite.duplicate-key", 3, 1},
        BadCase{"[members]\nstart member0\nend member0\nstart member2\nend member2\n",
                "kimberlite.numbering-gap", 4, 1},
        BadCase{"[members]\nstart member01\nend member01\n", "kimberlite.bad-block-number", 2, 7},
        BadCase{"[s\n", "kimberlite.bad-section", 1, 1},
        BadCase{"[s]\n[s]\n", "kimberlite.duplicate-section", 2, 1},
        BadCase{"[s]\nstart\n", "kimberlite.bad-block-name", 2, 1},
        BadCase{"[s]\nstart a\nend a\nstart a\nend a\n", "kimberlite.duplicate-block", 4, 1},
        BadCase{"[s]\n  bad key = 1\n", "kimberlite.bad-key", 2, 3}));

}  // namespace
}  // namespace ocf::adapters::kimberlite
