// The malformed corpus: tests/fixtures/heartbeat/malformed/<case>/ is a
// complete heartbeat directory with one defect and an `expect` file:
//     code <diagnostic code>
//     file <ha.cf|haresources|authkeys>
//     at <line>:<column>
// Reading it must fail with that error at that place.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

struct Expectation {
  std::string name;
  std::string code;
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

std::vector<Expectation> corpus() {
  std::vector<Expectation> out;
  for (const auto& entry : std::filesystem::directory_iterator(fixture_dir() / "malformed")) {
    std::istringstream in(slurp(entry.path() / "expect"));
    Expectation e;
    e.name = entry.path().filename().string();
    std::string key, at;
    while (in >> key) {
      if (key == "code") in >> e.code;
      if (key == "file") in >> e.file;
      if (key == "at") {
        in >> at;
        e.line = static_cast<std::uint32_t>(std::stoul(at.substr(0, at.find(':'))));
        e.column = static_cast<std::uint32_t>(std::stoul(at.substr(at.find(':') + 1)));
      }
    }
    out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

TEST(MalformedCorpus, HasAtLeastFortyCasesAcrossTheThreeFiles) {
  auto cases = corpus();
  EXPECT_GE(cases.size(), 40u);
  std::set<std::string> files;
  for (const auto& c : cases) files.insert(c.file);
  EXPECT_EQ(files, (std::set<std::string>{"authkeys", "ha.cf", "haresources"}));
}

class Malformed : public ::testing::TestWithParam<Expectation> {};

TEST_P(Malformed, GivesALocatedError) {
  const auto& e = GetParam();
  model::Diagnostics d;
  auto cluster = read_real(fixture_dir() / "malformed" / e.name, d);
  EXPECT_FALSE(cluster);
  ASSERT_TRUE(d.has_errors());
  bool found = false;
  for (const auto& entry : d.of(model::Severity::kError)) {
    if (entry.code != e.code) continue;
    found = true;
    EXPECT_TRUE(entry.where.file.ends_with("/" + e.file)) << entry.to_string();
    EXPECT_EQ(entry.where.line, e.line) << entry.to_string();
    EXPECT_EQ(entry.where.column, e.column) << entry.to_string();
  }
  EXPECT_TRUE(found) << "no " << e.code << " in:\n" << dump(d);
  // Every error names a place.
  for (const auto& entry : d.of(model::Severity::kError)) {
    EXPECT_TRUE(entry.where.known()) << entry.to_string();
    EXPECT_GT(entry.where.line, 0u) << entry.to_string();
    EXPECT_GT(entry.where.column, 0u) << entry.to_string();
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, Malformed, ::testing::ValuesIn(corpus()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (auto& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(MalformedCorpus, BaseConfigurationIsValid) {
  // The corpus base (as in make_malformed.py) reads cleanly, so each case's
  // error comes from its one defect.
  MemoryDir dir(
      "# malformed corpus base\nlogfacility local0\nkeepalive 1\ndeadtime 10\ninitdead 30\n"
      "udpport 694\nbcast eth0\nnode alpha\nnode beta\nauto_failback off\n",
      "alpha 10.0.0.50/24/eth0 Filesystem::/dev/sdb1::/srv::ext4 apache\n",
      "auth 1\n1 sha1 topsecret\n");
  model::Diagnostics d;
  EXPECT_TRUE(dir.read(d)) << dump(d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
