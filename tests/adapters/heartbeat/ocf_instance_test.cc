// conf/OCF/TYPE/INSTANCE files: the character classes (ASCII, whatever the
// byte), the literal-value fast path of the reader against the quoted forms
// the shell gives the same value for, and write -> read giving every value
// back.
#include <gtest/gtest.h>

#include "adapters/heartbeat/ocf_instance.h"

namespace ocf::adapters::heartbeat {
namespace {

std::string value_of(std::string_view text, model::Diagnostics& d) {
  auto instance = parse_ocf_instance(text, "conf/OCF/T/i", d);
  return instance.assignments.size() == 1 ? instance.assignments[0].value : "<none>";
}

TEST(OcfInstance, CharacterClassesAreAscii) {
  EXPECT_TRUE(shell_name("OCF_RESKEY_a1"));
  EXPECT_TRUE(shell_name("_x"));
  EXPECT_FALSE(shell_name("1x"));
  EXPECT_FALSE(shell_name(""));
  EXPECT_FALSE(shell_name("a-b"));
  EXPECT_FALSE(shell_name("caf\xc3\xa9"));
  EXPECT_FALSE(shell_name("a\x80"));
  EXPECT_TRUE(ocf_instance_word("IPaddr2"));
  EXPECT_TRUE(ocf_instance_word("a.b-c_d9"));
  EXPECT_FALSE(ocf_instance_word(".hidden"));
  EXPECT_FALSE(ocf_instance_word(""));
  EXPECT_FALSE(ocf_instance_word("a/b"));
  EXPECT_FALSE(ocf_instance_word("\xe2\x82\xac"));
  EXPECT_EQ(ocf_instance_name("Filesystem", "data"), "conf/OCF/Filesystem/data");
}

TEST(OcfInstance, LiteralAndQuotedValuesReadAlike) {
  const std::pair<const char*, const char*> same[] = {
      {"A=/dev/vg0/lv1\n", "A='/dev/vg0/lv1'\n"},
      {"A=ops@example.com\n", "A=\"ops@example.com\"\n"},
      {"A=a\\b\n", "A=ab\n"},
      {"A=\n", "A=''\n"},
      {"  A=x # note\n", "A='x'\n"},
      {"A=x\r\n", "A=x\n"},
  };
  for (const auto& [a, b] : same) {
    SCOPED_TRACE(std::string(a) + " vs " + b);
    model::Diagnostics da, db;
    EXPECT_EQ(value_of(a, da), value_of(b, db));
    EXPECT_TRUE(da.entries().empty());
    EXPECT_TRUE(db.entries().empty());
  }
  model::Diagnostics d;
  EXPECT_EQ(value_of("A=$HOME\n", d), "$HOME");
  EXPECT_TRUE(d.has("hares.ocf-expansion"));
  model::Diagnostics d2;
  EXPECT_EQ(value_of("A=x rm -rf\n", d2), "x");
  EXPECT_TRUE(d2.has("hares.ocf-line"));
  model::Diagnostics d3;
  EXPECT_EQ(value_of("A=x\t# fine\n", d3), "x");
  EXPECT_TRUE(d3.entries().empty());
}

TEST(OcfInstance, WrittenValuesReadBack) {
  OcfInstance instance;
  const std::vector<std::string> values = {
      "plain", "/a/b:c,d@e%f+g=h-i_j.k", "", "with space", "it's", "$HOME", "a\"b", "back\\slash",
      "tab\there", "caf\xc3\xa9", "#hash", "x;y", "`cmd`", "''"};
  for (std::size_t i = 0; i < values.size(); ++i)
    instance.assignments.push_back({"OCF_RESKEY_p" + std::to_string(i), values[i], {}});
  std::string text = write_ocf_instance(instance, "header one\nheader two");
  EXPECT_TRUE(text.starts_with("# header one\n# header two\nOCF_RESKEY_p0=plain\n")) << text;
  EXPECT_NE(text.find("OCF_RESKEY_p1=/a/b:c,d@e%f+g=h-i_j.k\n"), std::string::npos) << text;
  EXPECT_NE(text.find("OCF_RESKEY_p2=''\n"), std::string::npos) << text;
  EXPECT_NE(text.find("OCF_RESKEY_p4='it'\\''s'\n"), std::string::npos) << text;
  model::Diagnostics d;
  auto back = parse_ocf_instance(text, "f", d);
  EXPECT_TRUE(d.entries().empty());
  ASSERT_EQ(back.assignments.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(back.assignments[i].value, values[i]) << i;
    auto origin = origin_of(back, back.assignments[i]);
    EXPECT_EQ(origin.line, i + 3);
    EXPECT_EQ(origin.column, 1u);
    EXPECT_EQ(origin.file, "f");
  }
  for (const auto& a : instance.assignments) EXPECT_FALSE(origin_of(instance, a).known());
}

}  // namespace
}  // namespace ocf::adapters::heartbeat
