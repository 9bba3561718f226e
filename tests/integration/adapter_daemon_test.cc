// The heartbeat adapter against the real daemon (issue 3, item 6): a configuration WRITTEN by
// `ocfbridge convert --to heartbeat` is accepted by heartbeat 3.0.6, and what the daemon
// rejects, `ocfbridge validate --from heartbeat` rejects too.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/process.h"

namespace ocf::integration {
namespace {
namespace fs = std::filesystem;

const fs::path kDaemonFixtures = source_dir() / "tests/fixtures/heartbeat-daemon";
// OCF XML models written to be runnable by heartbeat on any machine (the general OCF XML
// fixtures name programs and devices, e.g. a respawn path or a serial port, that the daemon
// checks on the machine it runs on).
const fs::path kOcfXmlFixtures = kDaemonFixtures / "ocf-xml";

// Asserts the CLI exists, so a missing build fails with one clear line, not a failed exec.
void require_cli() {
  ASSERT_TRUE(fs::exists(ocfbridge_binary()))
      << ocfbridge_binary() << " is not built (target ocfbridge)";
}

// Converts `input` to a heartbeat directory at `out` and lets the real daemon judge it.
void expect_daemon_accepts_conversion(const std::string& from, const fs::path& input,
                                      const fs::path& out) {
  std::vector<std::string> convert = {ocfbridge_binary(), "convert", "--from", from, "--to",
                                      "heartbeat", input.string(), "-o", out.string()};
  auto c = run(convert);
  ASSERT_EQ(c.exit_code, 0) << "ocfbridge could not convert " << input << "\n"
                            << c.describe(convert);
  for (const char* file : {"ha.cf", "haresources", "authkeys"}) {
    ASSERT_TRUE(fs::exists(out / file)) << "convert wrote no " << file << " in " << out;
  }
  auto mode = fs::status(out / "authkeys").permissions() & fs::perms::all;
  EXPECT_EQ(mode, fs::perms::owner_read | fs::perms::owner_write)
      << "authkeys written by the adapter must be mode 0600";
  std::vector<std::string> check = {hb_check_script(), out.string(), "2"};
  auto h = run(check);
  EXPECT_EQ(h.exit_code, 0) << "the real heartbeat daemon rejected what the adapter wrote from "
                            << input << "\n" << h.describe(check);
}

std::vector<fs::path> entries(const fs::path& dir, bool directories, const std::string& ext) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (directories ? e.is_directory() : (e.is_regular_file() && e.path().extension() == ext)) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AdapterAgainstDaemon, ConfigurationConvertedFromOcfXmlIsAccepted) {
  require_cli();
  auto inputs = entries(kOcfXmlFixtures, false, ".xml");
  ASSERT_FALSE(inputs.empty()) << "no OCF XML fixture (*.xml) in " << kOcfXmlFixtures;
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    TempDir tmp;
    expect_daemon_accepts_conversion("ocf-xml", input, tmp.path() / "out");
  }
}

TEST(AdapterAgainstDaemon, HeartbeatRoundTripIsAccepted) {
  require_cli();
  auto inputs = entries(kDaemonFixtures / "good", true, "");
  ASSERT_FALSE(inputs.empty()) << "no fixtures in " << kDaemonFixtures / "good";
  for (const auto& input : inputs) {
    SCOPED_TRACE(input.string());
    TempDir tmp;
    copy_config_fixture(input, tmp.path() / "in");
    expect_daemon_accepts_conversion("heartbeat", tmp.path() / "in", tmp.path() / "out");
  }
}

struct Case {
  std::string name;
  std::string adapter;  // reject | warn
  std::string daemon_line;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> cases() {
  std::vector<Case> out;
  std::ifstream in(kDaemonFixtures / "bad/cases.tsv");
  for (std::string line; std::getline(in, line);) {
    auto t1 = line.find('\t');
    auto t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  }
  return out;
}

class AdapterAgainstDaemonBad : public ::testing::TestWithParam<Case> {};

// Both referees look at the same files: the daemon must reject with its reason, and the
// adapter must reject ("reject" cases) or only warn (machine-dependent "warn" cases).
TEST_P(AdapterAgainstDaemonBad, BothJudgeAlike) {
  const auto& c = GetParam();
  require_cli();
  TempDir tmp;
  copy_config_fixture(kDaemonFixtures / "bad" / c.name, tmp.path() / "cfg");

  std::vector<std::string> check = {hb_check_script(), (tmp.path() / "cfg").string(), "2"};
  auto h = run(check);
  EXPECT_EQ(h.exit_code, 1) << "the daemon should reject bad/" << c.name << "\n"
                            << h.describe(check);
  EXPECT_TRUE(contains(h.output, c.daemon_line))
      << "the daemon should say [" << c.daemon_line << "]\n" << h.describe(check);

  std::vector<std::string> validate = {ocfbridge_binary(), "validate", "--from", "heartbeat",
                                       (tmp.path() / "cfg").string()};
  auto v = run(validate);
  if (c.adapter == "reject") {
    // A crash is not a rejection: the tool must exit, with a non-zero status of its own.
    EXPECT_GT(v.exit_code, 0) << "the daemon rejects bad/" << c.name
                              << " but `ocfbridge validate` did not reject it cleanly\n"
                              << v.describe(validate);
  } else {
    EXPECT_EQ(v.exit_code, 0) << "bad/" << c.name << " only fails on a machine without the "
                              << "named program/device: the adapter should warn, not reject\n"
                              << v.describe(validate);
  }
  EXPECT_FALSE(contains(v.output, "fixture-secret")) << "validate printed the authkeys secret";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, AdapterAgainstDaemonBad, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (auto& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace ocf::integration
