// The referee itself: tests/lab/hb-check.sh must accept what the real heartbeat 3.0.6
// accepts and reject, with the daemon's own reason, what it rejects. Needs root and the
// Debian heartbeat package; nothing is skipped when they are missing.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/process.h"

namespace ocf::integration {
namespace {
namespace fs = std::filesystem;

const fs::path kFixtures = source_dir() / "tests/fixtures/heartbeat-daemon";
constexpr const char* kAcceptSeconds = "2";

RunResult hb_check(const fs::path& dir, const std::vector<std::string>& extra_env = {}) {
  return run({hb_check_script().string(), dir.string(), kAcceptSeconds}, extra_env);
}

std::vector<std::string> subdirs(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Prerequisites, RootAndRealHeartbeat) {
  EXPECT_EQ(geteuid(), 0u) << "the integration tests need root (namespaces, mounts)";
  for (const char* tool : {"/usr/libexec/heartbeat/heartbeat", "/usr/bin/cl_status",
                           "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/perl"}) {
    EXPECT_TRUE(fs::exists(tool)) << tool << " is missing: install Debian packages heartbeat, "
                                  << "util-linux, perl (.ci/run does)";
  }
  EXPECT_TRUE(fs::exists("/usr/sbin/ip") || fs::exists("/sbin/ip") || fs::exists("/bin/ip"))
      << "ip is missing: install iproute2";
  EXPECT_TRUE(fs::is_directory("/etc/ha.d/resource.d")) << "heartbeat's /etc/ha.d is missing";
}

TEST(HbCheck, AcceptsEveryGoodFixture) {
  auto names = subdirs(kFixtures / "good");
  ASSERT_FALSE(names.empty()) << "no fixtures in " << kFixtures / "good";
  for (const auto& name : names) {
    TempDir tmp;
    copy_config_fixture(kFixtures / "good" / name, tmp.path() / "cfg");
    auto r = hb_check(tmp.path() / "cfg");
    EXPECT_EQ(r.exit_code, 0) << "the real daemon should accept good/" << name << "\n"
                              << r.describe({hb_check_script(), "good/" + name});
    EXPECT_TRUE(contains(r.output, "ACCEPTED")) << r.output;
  }
}

struct BadCase {
  std::string name;
  std::string adapter;  // "reject" (the adapter must reject too) or "warn" (machine-dependent)
  std::string daemon_line;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

std::vector<BadCase> load_bad_cases() {
  std::vector<BadCase> out;
  std::ifstream in(kFixtures / "bad/cases.tsv");
  for (std::string line; std::getline(in, line);) {
    auto t1 = line.find('\t');
    auto t2 = line.find('\t', t1 + 1);
    if (line.empty() || t1 == std::string::npos || t2 == std::string::npos) continue;
    out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  }
  return out;
}

class HbCheckBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(HbCheckBad, DaemonRejectsAndSaysWhy) {
  const auto& c = GetParam();
  TempDir tmp;
  copy_config_fixture(kFixtures / "bad" / c.name, tmp.path() / "cfg");
  auto r = hb_check(tmp.path() / "cfg");
  const auto what = r.describe({hb_check_script(), "bad/" + c.name});
  EXPECT_EQ(r.exit_code, 1) << "the real daemon should reject bad/" << c.name << "\n" << what;
  EXPECT_TRUE(contains(r.output, c.daemon_line))
      << "the daemon's log should say [" << c.daemon_line << "]\n" << what;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, HbCheckBad, ::testing::ValuesIn(load_bad_cases()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (auto& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(HbCheck, BadCaseTableIsNotEmpty) {
  EXPECT_GE(load_bad_cases().size(), 5u) << "tests/fixtures/heartbeat-daemon/bad/cases.tsv";
}

TEST(HbCheck, RejectsAuthkeysReadableByOthers) {
  TempDir tmp;
  copy_config_fixture(kFixtures / "good/bcast-sha1", tmp.path() / "cfg");
  fs::permissions(tmp.path() / "cfg/authkeys", fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::add);
  auto r = hb_check(tmp.path() / "cfg");
  EXPECT_EQ(r.exit_code, 1) << r.describe({hb_check_script(), "authkeys 0644"});
  EXPECT_TRUE(contains(r.output, "ERROR: Bad permissions on keyfile")) << r.output;
}

TEST(HbCheck, RejectsANodeNameNotInHaCf) {
  TempDir tmp;
  copy_config_fixture(kFixtures / "good/bcast-sha1", tmp.path() / "cfg");
  std::vector<std::string> argv = {hb_check_script(), "--node", "stranger",
                                   (tmp.path() / "cfg").string(), kAcceptSeconds};
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 1) << r.describe(argv);
  EXPECT_TRUE(contains(r.output, "ERROR: Current node [stranger] not in configuration!"))
      << r.output;
}

TEST(HbCheck, NeverPrintsTheAuthkeysSecret) {
  TempDir tmp;
  copy_config_fixture(kFixtures / "bad/haresources-unknown-node", tmp.path() / "cfg");
  std::vector<std::string> argv = {hb_check_script(), "--verbose",
                                   (tmp.path() / "cfg").string(), kAcceptSeconds};
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 1) << r.describe(argv);
  EXPECT_FALSE(contains(r.output, "fixture-secret")) << r.output;
}

TEST(HbCheck, LeavesNoWorkDirBehind) {
  TempDir tmp;
  fs::create_directory(tmp.path() / "scratch");
  copy_config_fixture(kFixtures / "good/bcast-sha1", tmp.path() / "cfg");
  auto r = hb_check(tmp.path() / "cfg", {"TMPDIR=" + (tmp.path() / "scratch").string()});
  ASSERT_EQ(r.exit_code, 0) << r.describe({hb_check_script(), "good/bcast-sha1"});
  EXPECT_TRUE(fs::is_empty(tmp.path() / "scratch"))
      << "hb-check.sh left files in its TMPDIR " << tmp.path() / "scratch";
}

// After daemonising, heartbeat logs only to syslog and ha.cf's logfile; hb-check must catch
// both in its private /dev/log and overlays, and never write the host's /var/log.
TEST(HbCheck, CapturesTheDaemonLogWithoutTouchingTheHost) {
  TempDir tmp;
  copy_config_fixture(kFixtures / "good/logfile", tmp.path() / "cfg");
  const fs::path host_log = "/var/log/ha-log";
  const bool existed = fs::exists(host_log);
  const auto size_before = existed ? fs::file_size(host_log) : 0;
  const auto log = tmp.path() / "daemon.log";
  std::vector<std::string> argv = {hb_check_script(), "--log", log.string(),
                                   (tmp.path() / "cfg").string(), kAcceptSeconds};
  auto r = run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.describe(argv);
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(contains(text, "Configuration validated")) << text;
  EXPECT_TRUE(contains(text, "Local status now set to: 'up'"))
      << "a line the daemon logs only after daemonising is missing:\n" << text;
  EXPECT_EQ(fs::exists(host_log), existed) << "hb-check wrote the host's " << host_log;
  if (existed) {
    EXPECT_EQ(fs::file_size(host_log), size_before) << host_log;
  }
}

TEST(HbCheck, HarnessFailureIsExitTwo) {
  TempDir tmp;  // exists, but SECONDS is out of range: the harness, not the daemon, says no
  std::vector<std::string> argv = {hb_check_script(), tmp.path().string(), "0"};
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 2) << r.describe(argv);
  EXPECT_TRUE(contains(r.output, "harness failure")) << r.output;
}

}  // namespace
}  // namespace ocf::integration
