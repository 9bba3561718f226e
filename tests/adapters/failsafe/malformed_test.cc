// The malformed-input corpus: every file in tests/fixtures/failsafe/malformed/
// must be rejected with the error code and line:column its .expect sibling
// names, by the adapter and (when the CLI is built) by `ocfbridge convert`,
// which must exit non-zero and leave no output file.
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/adapters/failsafe/failsafe_test_util.h"
#include "tests/require.h"

namespace ocf::adapters::failsafe::testing {
namespace {

namespace fs = std::filesystem;

struct Case {
  fs::path input;
  std::string code;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

std::vector<Case> corpus() {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(fixture("malformed"))) {
    if (entry.path().extension() != ".cmgr") continue;
    Case c;
    c.input = entry.path();
    std::ifstream expect(fs::path(entry.path()).replace_extension(".expect"));
    std::string where;
    expect >> c.code >> where;
    auto colon = where.find(':');
    if (colon != std::string::npos) {
      c.line = static_cast<std::uint32_t>(std::stoul(where.substr(0, colon)));
      c.column = static_cast<std::uint32_t>(std::stoul(where.substr(colon + 1)));
    }
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.input < b.input; });
  return cases;
}

TEST(FailSafeMalformed, CorpusHasAtLeastFortyCasesEachWithAnExpectation) {
  auto cases = corpus();
  EXPECT_GE(cases.size(), 40u);
  for (const auto& c : cases) {
    EXPECT_TRUE(c.code.starts_with("failsafe.")) << c.input;
    EXPECT_GT(c.line, 0u) << c.input;
    EXPECT_GT(c.column, 0u) << c.input;
  }
}

TEST(FailSafeMalformed, EachCaseGivesItsLocatedError) {
  for (const auto& c : corpus()) {
    SCOPED_TRACE(c.input.filename().string());
    model::Diagnostics d;
    auto cluster = read_file(c.input, d);
    EXPECT_FALSE(cluster.has_value());
    ASSERT_TRUE(d.has_errors()) << dump(d);
    auto errors = d.of(model::Severity::kError);
    const auto& first = errors.front();
    EXPECT_EQ(first.code, c.code) << dump(d);
    EXPECT_EQ(first.where.file, c.input.string());
    EXPECT_EQ(first.where.line, c.line) << dump(d);
    EXPECT_EQ(first.where.column, c.column) << dump(d);
    for (const auto& e : errors) EXPECT_TRUE(e.where.known()) << e.to_string();
  }
}

// Runs argv without a shell; returns the exit status.
int run(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

TEST(FailSafeMalformed, CliExitsNonZeroAndWritesNothing) {
  fs::path cli = fs::path(OCFBRIDGE_BINARY_DIR) / "bridge/cli/ocfbridge";
  OCF_REQUIRE(fs::exists(cli), "the ocfbridge CLI is not built in this tree");
  fs::path out_dir = fs::temp_directory_path() / ("failsafe-malformed-" + std::to_string(getpid()));
  fs::create_directories(out_dir);
  for (const auto& c : corpus()) {
    SCOPED_TRACE(c.input.filename().string());
    fs::path out = out_dir / (c.input.stem().string() + ".xml");
    int status = run({cli.string(), "convert", "--from", "failsafe", "--to", "ocf-xml",
                      c.input.string(), "-o", out.string()});
    // An error exit, not a crash (run() gives 128 for a signal).
    EXPECT_GT(status, 0);
    EXPECT_LT(status, 126);
    EXPECT_FALSE(fs::exists(out));
  }
  fs::remove_all(out_dir);
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
