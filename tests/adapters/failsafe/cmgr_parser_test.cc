// The cmgr grammar: statement shapes, clauses, session defaults, values,
// comments, and names.
#include "adapters/failsafe/cmgr_parser.h"

#include "adapters/failsafe/cmgr_writer.h"
#include "tests/adapters/failsafe/failsafe_test_util.h"

namespace ocf::adapters::failsafe::testing {
namespace {

Document parse(const std::string& text, model::Diagnostics& d) {
  return parse_cmgr(text, "t.cmgr", d);
}

TEST(CmgrParser, HeadersClausesAndSessionDefaults) {
  model::Diagnostics d;
  auto doc = parse(
      "set cluster c1\nset resource_type NFS\n"
      "define resource_type web on node n1\ndone\n"
      "define resource /x\ndone\n"
      "modify resource 10.0.0.1 of resource_type IP_address in cluster c2\ndone\n"
      "delete resource_group rg\n"
      "modify ha_parameters\ndone\n",
      d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  ASSERT_EQ(doc.statements.size(), 7u);
  EXPECT_EQ(doc.statements[0].verb, Statement::Verb::kSession);
  EXPECT_EQ(doc.statements[0].object, ObjectKind::kCluster);
  const auto& type = doc.statements[2];
  EXPECT_EQ(type.object, ObjectKind::kResourceType);
  EXPECT_EQ(type.on_node.text, "n1");
  EXPECT_TRUE(type.in_cluster.text.empty());
  EXPECT_EQ(type.cluster, "c1");
  const auto& res = doc.statements[3];
  EXPECT_TRUE(res.of_type.text.empty());
  EXPECT_EQ(res.type, "NFS");
  const auto& mod = doc.statements[4];
  EXPECT_EQ(mod.verb, Statement::Verb::kModify);
  EXPECT_EQ(mod.type, "IP_address");
  EXPECT_EQ(mod.cluster, "c2");
  EXPECT_EQ(mod.in_cluster.where.column, 65u);  // the cluster name
  EXPECT_EQ(doc.statements[5].verb, Statement::Verb::kDelete);
  EXPECT_EQ(doc.statements[6].object, ObjectKind::kHaParameters);
  EXPECT_EQ(doc.statements[6].cluster, "c1");
}

TEST(CmgrParser, SetValuesKeepInnerBlanksAndStopAtComments) {
  model::Diagnostics d;
  auto doc = parse(
      "define failover_policy fp\n"
      "  set domain to  n1   n2 n3   # preferred first\n"
      "  set notify to ops#1@example.com\n"
      "done  # end\n",
      d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  const auto& items = doc.statements[0].items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].field.text, "domain");
  EXPECT_EQ(items[0].value.text, "n1   n2 n3");
  EXPECT_EQ(items[0].value.where.line, 2u);
  EXPECT_EQ(items[0].value.where.column, 18u);
  EXPECT_EQ(items[0].line_comment, "# preferred first");
  EXPECT_EQ(items[1].value.text, "ops#1@example.com") << "# inside a word is not a comment";
}

TEST(CmgrParser, NestedBlocksAndOneLineAdds) {
  model::Diagnostics d;
  auto doc = parse(
      "define resource_type app in cluster c\n"
      "  add action monitor\n    set exec_time to 100\n  done\n"
      "  add type_attribute port\n    set data_type to integer\n  done\n"
      "  add dependency filesystem\n"
      "  remove dependency volume\n"
      "done\n"
      "define resource_group g in cluster c\n"
      "  add resource /x of resource_type filesystem\n"
      "done\n",
      d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  const auto& items = doc.statements[0].items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_TRUE(items[0].block);
  EXPECT_EQ(items[0].what.text, "action");
  EXPECT_EQ(items[0].name.text, "monitor");
  ASSERT_EQ(items[0].children.size(), 1u);
  EXPECT_EQ(items[0].children[0].value.text, "100");
  EXPECT_TRUE(items[1].block);
  EXPECT_FALSE(items[2].block);
  EXPECT_EQ(items[3].kind, Item::Kind::kRemove);
  const auto& add = doc.statements[1].items[0];
  EXPECT_EQ(add.of_type.text, "filesystem");
  EXPECT_EQ(add.type, "filesystem");
}

TEST(CmgrParser, CancelOperationsAndQuit) {
  model::Diagnostics d;
  auto doc = parse(
      "define node a\n  set nodeid to 1\ncancel\n"
      "show clusters\n"
      "quit\n"
      "define node b\n",
      d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  ASSERT_EQ(doc.statements.size(), 3u);
  EXPECT_TRUE(doc.statements[0].cancelled);
  EXPECT_EQ(doc.statements[1].verb, Statement::Verb::kOperational);
  EXPECT_TRUE(d.has("failsafe.operational-command"));
  EXPECT_EQ(doc.statements[2].verb, Statement::Verb::kQuit);
  EXPECT_TRUE(d.has("failsafe.after-quit"));
  EXPECT_EQ(write_cmgr(doc), "define node a\n  set nodeid to 1\ncancel\nshow clusters\nquit\n");
}

TEST(CmgrParser, WriterKeepsCommentsBlankLinesAndShebang) {
  const std::string text =
      "#!/usr/lib/failsafe/bin/cluster_mgr -f\n# head\n\ndefine node a  # the local node\n"
      "  # id\n  set nodeid to 1\n  add nic 10.0.0.1\n    set priority to 1\n"
      "    # closing\n  done\n  # last\ndone\n# tail\n";
  model::Diagnostics d;
  auto doc = parse(text, d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(doc.shebang, "#!/usr/lib/failsafe/bin/cluster_mgr -f");
  EXPECT_EQ(write_cmgr(doc), text);
}

TEST(CmgrParser, ValidNames) {
  EXPECT_TRUE(valid_name("venus"));
  EXPECT_TRUE(valid_name("/export"));
  EXPECT_TRUE(valid_name("a-b_c/d.e:f\"g=h@i,j|k"));
  EXPECT_FALSE(valid_name(""));
  EXPECT_FALSE(valid_name("a b"));
  EXPECT_FALSE(valid_name("a#b"));
  EXPECT_FALSE(valid_name("a*"));
  EXPECT_FALSE(valid_name("a?"));
  EXPECT_FALSE(valid_name("a\\b"));
  EXPECT_FALSE(valid_name("tab\there"));
  EXPECT_FALSE(valid_name(std::string(256, 'n')));
  EXPECT_TRUE(valid_name(std::string(255, 'n')));
}

// Lines are cut into words eight bytes at a time where they can be: the
// words of lines of every length, holding control bytes that are no blanks
// (\x01, \x1f, DEL), bytes above 0x7f and '#' inside a word, between runs
// of spaces, tabs and carriage returns, come out as a byte-by-byte cut
// gives them, with their columns -- also on the file's last line, which
// ends without a newline.
TEST(CmgrParser, WordsOfEveryLengthAsCutByteByByte) {
  const std::string inner = std::string("aZ9/.-#!") + '\x01' + '\x1f' + '\x7f' + '\x80' + '\xff';
  const std::vector<std::string> gaps{" ", "\t", "  ", " \t ", "\r ", "\t\r\t", "        "};
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % n;
  };
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  for (int round = 0; round < 300; ++round) {
    // A `show` line of random words, and a `set` line with the same words
    // as its value, each ended by a blank run or not.
    std::vector<std::string> words;
    const std::size_t count = 1 + next(4);
    for (std::size_t w = 0; w < count; ++w) {
      std::string word(1, 'w');  // not '#': that would begin a comment
      const std::size_t length = next(24);
      for (std::size_t i = 0; i < length; ++i) word += inner[next(inner.size())];
      words.push_back(word);
    }
    std::string rest;
    for (const auto& w : words) rest += gaps[next(gaps.size())] + w;
    const std::string tail = next(2) ? gaps[next(gaps.size())] : "";
    const std::string show = "show" + rest + tail;
    const std::string set = "  set f to" + rest + tail;
    const bool last_line_open = next(2) == 1;
    const std::string text =
        show + "\n" + "define cluster c\n" + set + "\ndone" + (last_line_open ? "" : "\n");
    // The byte-by-byte cut of the value: from its first to its last word.
    std::size_t from = 10;  // past "  set f to"
    while (blank(set[from])) ++from;
    std::size_t to = set.size();
    while (blank(set[to - 1])) --to;

    model::Diagnostics d;
    auto doc = parse(text, d);
    ASSERT_FALSE(d.has_errors()) << dump(d);
    ASSERT_EQ(doc.statements.size(), 2u);
    std::vector<std::string> expected{"show"};
    expected.insert(expected.end(), words.begin(), words.end());
    EXPECT_EQ(doc.statements[0].words, expected) << "round " << round;
    ASSERT_EQ(doc.statements[1].items.size(), 1u) << "round " << round;
    const Item& item = doc.statements[1].items[0];
    EXPECT_EQ(item.field.text, "f");
    EXPECT_EQ(item.value.text, set.substr(from, to - from)) << "round " << round;
    EXPECT_EQ(item.value.where.column, from + 1) << "round " << round;
  }
  // One long word running to the end of the text, no newline after it.
  model::Diagnostics d;
  auto doc = parse("show " + std::string(37, 'x') + "\x01" + "yz", d);
  ASSERT_EQ(doc.statements.size(), 1u);
  EXPECT_EQ(doc.statements[0].words,
            (std::vector<std::string>{"show", std::string(37, 'x') + "\x01" + "yz"}));
}

// valid_name looks bytes up in a table: every byte, alone and inside a
// name, answers as the rule spelled out (no blank or control character,
// no DEL, no '#', '*', '?' or '\\').
TEST(CmgrParser, ValidNameEveryByte) {
  for (unsigned b = 0; b < 256; ++b) {
    const unsigned char c = static_cast<unsigned char>(b);
    const bool allowed = !(c <= ' ' || c == 0x7f || c == '#' || c == '*' || c == '?' ||
                           c == '\\');
    const std::string one(1, static_cast<char>(c));
    EXPECT_EQ(valid_name(one), allowed) << "byte " << b;
    EXPECT_EQ(valid_name("ab" + one + "cd"), allowed) << "byte " << b;
  }
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
