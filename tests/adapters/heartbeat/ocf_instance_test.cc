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

// shell_name checks four characters at a time, then the rest one by one;
// ocf_instance_word and the writer's plain test look a character up in a
// table: each against the character classes spelled out, for every byte
// at every place of names of every length around the four-at-a-time step.
TEST(OcfInstance, TableChecksAgreeWithTheCharacterClasses) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto name_ok = [&](std::string_view n) {
    if (n.empty() || !(alpha(n[0]) || n[0] == '_')) return false;
    for (char c : n)
      if (!alpha(c) && !digit(c) && c != '_') return false;
    return true;
  };
  auto word_ok = [&](std::string_view w) {
    if (w.empty() || w[0] == '.') return false;
    for (char c : w)
      if (!alpha(c) && !digit(c) && c != '_' && c != '.' && c != '-') return false;
    return true;
  };
  for (std::size_t length = 1; length <= 13; ++length)
    for (std::size_t at = 0; at < length; ++at)
      for (int b = 0; b < 256; ++b) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(b);
        SCOPED_TRACE("length " + std::to_string(length) + " byte " + std::to_string(b) + " at " +
                     std::to_string(at));
        EXPECT_EQ(shell_name(text), name_ok(text));
        EXPECT_EQ(ocf_instance_word(text), word_ok(text));
      }
  // Written as it stands exactly when every byte is plain; else quoted.
  for (int b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    bool plain =
        alpha(c) || digit(c) || std::string_view("_./:,@%+=-").find(c) != std::string_view::npos;
    OcfInstance instance;
    instance.assignments.push_back({"A", std::string("x") + c + "y"});
    std::string expected = c == '\''  ? std::string("A='x'\\''y'\n")
                           : plain    ? std::string("A=x") + c + "y\n"
                                      : std::string("A='x") + c + "y'\n";
    EXPECT_EQ(write_ocf_instance(instance, "h"), "# h\n" + expected) << b;
  }
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
  EXPECT_NE(text.find("OCF_RESKEY_p13=''\\'''\\'''\n"), std::string::npos) << text;
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
