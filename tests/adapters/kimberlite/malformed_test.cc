// The malformed corpus (tests/fixtures/kimberlite/malformed/): every file
// names its expected error on its first line, "# expect: CODE LINE:COLUMN",
// and reading it must fail with exactly that located error first. The
// files are made by tests/fixtures/kimberlite/make_malformed.py.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "bridge/adapter/adapter.h"
#include "test_support.h"
#include "tests/require.h"

extern char** environ;

namespace ocf::adapters::kimberlite {
namespace {

using testing::dump;
using testing::fixture;
using testing::Harness;
using testing::read_text;

struct Expectation {
  std::string code;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

std::optional<Expectation> expectation_of(const std::string& text) {
  static const std::regex form(R"(^# expect: (\S+) (\d+):(\d+)\n)");
  std::smatch m;
  if (!std::regex_search(text, m, form)) return std::nullopt;
  return Expectation{m[1], static_cast<std::uint32_t>(std::stoul(m[2])),
                     static_cast<std::uint32_t>(std::stoul(m[3]))};
}

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(fixture("malformed")))
    if (e.path().extension() == ".conf") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(KimberliteMalformed, CorpusHasAtLeastFortyCases) { EXPECT_GE(corpus().size(), 40u); }

TEST(KimberliteMalformed, EveryCaseGivesItsLocatedError) {
  for (const auto& path : corpus()) {
    SCOPED_TRACE(path.filename().string());
    auto expected = expectation_of(read_text(path));
    ASSERT_TRUE(expected) << "no '# expect:' line";
    Harness h;
    model::Diagnostics d;
    auto cluster = h.import_fixture("malformed/" + path.filename().string(), d);
    EXPECT_FALSE(cluster);
    auto errors = d.of(model::Severity::kError);
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors[0].code, expected->code) << dump(d);
    EXPECT_EQ(errors[0].where.file, path.string());
    EXPECT_EQ(errors[0].where.line, expected->line) << dump(d);
    EXPECT_EQ(errors[0].where.column, expected->column) << dump(d);
  }
}

TEST(KimberliteMalformed, TheRegisteredAdapterRefusesThemToo) {
  const adapter::Adapter* a = adapter::Registry::instance().find("kimberlite");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->uses_directory());
  Harness h;
  for (const auto& path : corpus()) {
    model::Diagnostics d;
    EXPECT_FALSE(a->read(path, h.context, d)) << path;
    EXPECT_TRUE(d.has_errors()) << path;
  }
}

// With the ocfbridge tool built, converting a malformed file exits
// non-zero and leaves no output file.
TEST(KimberliteMalformed, TheToolExitsNonZeroAndWritesNothing) {
  std::filesystem::path tool = std::filesystem::path(OCFBRIDGE_BINARY_DIR) / "bridge/cli/ocfbridge";
  OCF_REQUIRE(std::filesystem::exists(tool), "ocfbridge not built");
  auto dir = std::filesystem::temp_directory_path() / ("kimberlite-malformed-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  for (const auto& path : corpus()) {
    auto out = dir / (path.stem().string() + ".xml");
    std::vector<std::string> args = {tool.string(), "convert", "--from", "kimberlite", "--to",
                                     "ocf-xml", path.string(), "-o", out.string()};
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << path;
    EXPECT_FALSE(std::filesystem::exists(out)) << path;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
