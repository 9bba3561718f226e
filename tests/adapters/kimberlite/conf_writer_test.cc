// Document -> cluster.conf text: Kimberlite's order, renumbering, indent
// and timestamp.
#include "adapters/kimberlite/conf_writer.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using testing::dump;
using testing::fixed_clock;
using testing::fixture;
using testing::read_text;

TEST(KimberliteWriter, RewritesTheSpecExampleByteForByte) {
  std::string text = read_text(fixture("nfs_server.conf"));
  model::Diagnostics d;
  auto doc = parse_conf(text, "f", d);
  ASSERT_TRUE(doc) << dump(d);
  // The example's timestamp, from the injected clock.
  EXPECT_EQ(write_conf(*doc, fixed_clock(1005314702)), text);
}

TEST(KimberliteWriter, TimestampComesFromTheClock) {
  model::Diagnostics d;
  auto doc = parse_conf("[cluster]\n  name = c\n  timestamp = 1\n", "f", d);
  ASSERT_TRUE(doc);
  EXPECT_EQ(write_conf(*doc, fixed_clock(42)), "[cluster]\n  name = c\n  timestamp = 42\n");
}

TEST(KimberliteWriter, OrdersNamesAsCaseSensitiveAsciiWithNumbersNumerically) {
  EXPECT_TRUE(name_less("NFSexports", "forceUnmount"));
  EXPECT_TRUE(name_less("chan0", "id"));
  EXPECT_TRUE(name_less("device0", "disabled"));
  EXPECT_TRUE(name_less("name", "network0"));
  EXPECT_TRUE(name_less("service2", "service10"));
  EXPECT_FALSE(name_less("service10", "service2"));
  EXPECT_TRUE(name_less("cluquorumd", "cluster"));
}

TEST(KimberliteWriter, SortsFieldsAndBlocksTogetherAndKeepsCommentsWithTheirEntry) {
  model::Diagnostics d;
  auto doc = parse_conf(
      "[services]\nstart service0\n  userScript = None\n# the name\n  name = s\n"
      "start network0\n  ipAddress = 10.0.0.1\nend network0\n  disabled = no\nend service0\n"
      "[cluster]\n  name = c\n",
      "f", d);
  ASSERT_TRUE(doc) << dump(d);
  EXPECT_EQ(write_conf(*doc, fixed_clock(7)),
            "[cluster]\n  name = c\n  timestamp = 7\n"
            "[services]\nstart service0\n  disabled = no\n# the name\n  name = s\n"
            "start network0\n  ipAddress = 10.0.0.1\nend network0\n  userScript = None\n"
            "end service0\n");
}

TEST(KimberliteWriter, RenumbersNumberedBlocksWithoutGaps) {
  Document doc;
  Entry& services = ensure_container(doc, {"services"});
  for (const char* name : {"service3", "service1", "service7"}) {
    Entry& s = ensure_container(doc, {"services", name});
    set_field(s, "name", std::string("was-") + name);
  }
  (void)services;
  std::string text = write_conf(doc, fixed_clock(1));
  EXPECT_NE(text.find("start service0\n  name = was-service1\nend service0\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("start service1\n  name = was-service3\nend service1\n"), std::string::npos);
  EXPECT_NE(text.find("start service2\n  name = was-service7\nend service2\n"), std::string::npos);
  EXPECT_EQ(text.find("start service3"), std::string::npos);
}

TEST(KimberliteWriter, PreambleCommentsStayOnTop) {
  model::Diagnostics d;
  auto doc = parse_conf("# header\n[services]\n[cluster]\n  name = c\n", "f", d);
  ASSERT_TRUE(doc);
  EXPECT_EQ(write_conf(*doc, fixed_clock(1)),
            "# header\n[cluster]\n  name = c\n  timestamp = 1\n[services]\n");
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
