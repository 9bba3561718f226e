// The ocfbridge command line as an operator meets it: exit codes, reports,
// atomic output, file modes, and located errors for every malformed input
// in the fixture corpora.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#ifdef OCFBRIDGE_WITH_MIMALLOC
#include <mimalloc.h>
#endif
#include <gtest/gtest.h>
#include <regex>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

const fs::path kSource = OCFBRIDGE_SOURCE_DIR;
const fs::path kBinary = fs::path(OCFBRIDGE_BINARY_DIR) / "bridge/cli/ocfbridge";
const fs::path kExample = kSource / "tests/fixtures/heartbeat/example";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Runs ocfbridge with argv (no shell), capturing stdout and stderr in files.
Run ocfbridge(std::vector<std::string> args) {
  static int counter = 0;
  fs::path base = fs::temp_directory_path() /
                  ("ocfbridge-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::string out_path = base.string() + ".out", err_path = base.string() + ".err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  args.insert(args.begin(), kBinary.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  Run run;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return run;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocfbridge-cli-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
  }
  void TearDown() override { fs::remove_all(tmp_); }
  fs::path tmp_;
};

TEST_F(Cli, ListsEveryAdapterWithWhatItCanDo) {
  auto r = ocfbridge({"adapters"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* line : {"heartbeat\tread+write\tdirectory", "ocf-xml\tread+write\tfile",
                           "failsafe\tread+write\tfile", "kimberlite\tread+write\tfile"})
    EXPECT_NE(r.out.find(line), std::string::npos) << "missing: " << line << "\n" << r.out;
}

TEST_F(Cli, EveryCommandHasHelp) {
  for (const char* command : {"convert", "validate", "show", "diff", "adapters", "agent"}) {
    auto r = ocfbridge({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("usage: ocfbridge " + std::string(command)), std::string::npos)
        << command << ": " << r.out;
  }
  EXPECT_EQ(ocfbridge({"--help"}).exit_code, 0);
  for (const char* sub : {"run", "meta-data", "list", "install", "export"}) {
    auto r = ocfbridge({"agent", sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub << ": " << r.err;
    EXPECT_NE(r.out.find("ocfbridge agent " + std::string(sub)), std::string::npos) << sub;
  }
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(ocfbridge({}).exit_code, 2);
  EXPECT_EQ(ocfbridge({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(ocfbridge({"convert", "--from", "heartbeat", kExample.string()}).exit_code, 2);
  EXPECT_EQ(ocfbridge({"convert", "--from", "nosuch", "--to", "ocf-xml", kExample.string()}).exit_code, 2);
  EXPECT_EQ(ocfbridge({"convert", "--from", "heartbeat", "--to", "ocf-xml", "--bogus",
                       kExample.string()}).exit_code, 2);
  // A directory adapter needs -o.
  EXPECT_EQ(ocfbridge({"convert", "--from", "heartbeat", "--to", "heartbeat", kExample.string()})
                .exit_code, 2);
}

TEST_F(Cli, ConvertsTheExampleToOcfXmlAndReportsOnStandardError) {
  fs::path out = tmp_ / "cluster.xml";
  auto r = ocfbridge({"convert", "--from", "heartbeat", "--to", "ocf-xml", kExample.string(), "-o",
                      out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("error(s)"), std::string::npos) << r.err;
  std::string xml = slurp(out);
  EXPECT_NE(xml.find("<node name=\"alpha\""), std::string::npos);
  // The XML carries the auth secret, so it is private to its owner.
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

// The shipped binary allocates through mimalloc (linked ahead of libc, so
// that libxml2 and Lua use it too), except in a sanitizer build, whose
// runtime owns malloc. mimalloc prints its heap statistics at exit when
// MIMALLOC_SHOW_STATS is set; glibc's malloc and ASan's ignore the variable.
TEST_F(Cli, AllocatesThroughMimallocUnlessSanitized) {
  ASSERT_EQ(::setenv("MIMALLOC_SHOW_STATS", "1", 1), 0);
  fs::path out = tmp_ / "cluster.xml";
  auto r = ocfbridge({"convert", "--from", "heartbeat", "--to", "ocf-xml", kExample.string(), "-o",
                      out.string()});
  ::unsetenv("MIMALLOC_SHOW_STATS");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  bool stats = r.err.find("heap stats:") != std::string::npos;
  if (std::string(OCFBRIDGE_ALLOCATOR) == "mimalloc")
    EXPECT_TRUE(stats) << r.err;
  else
    EXPECT_FALSE(stats) << r.err;
}

// mimalloc keeps the pages a program frees for ten seconds before handing
// them back to the OS (bridge/allocator/mimalloc_options.cc), unless the
// environment says otherwise; a sanitizer build has no mimalloc.
TEST(Allocator, KeepsFreedPagesLongerThanAConversion) {
#ifdef OCFBRIDGE_WITH_MIMALLOC
  EXPECT_EQ(std::string(OCFBRIDGE_ALLOCATOR), "mimalloc");
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr &&
      std::getenv("MIMALLOC_RESET_DELAY") == nullptr) {
    EXPECT_EQ(mi_option_get(mi_option_decommit_delay), 10000);
  }
#else
  EXPECT_EQ(std::string(OCFBRIDGE_ALLOCATOR), "");
#endif
}

// Every shipped example of every product converts to every writable format
// and ends with an exit code, never a signal: either it is written, or an
// error says why.
// ocf-xml/full.xml to Kimberlite once ended in an uncaught exception.
TEST_F(Cli, EveryExampleConvertsToEveryFormatWithoutCrashing) {
  const fs::path f = kSource / "tests/fixtures";
  const std::pair<std::string, fs::path> inputs[] = {
      {"heartbeat", f / "heartbeat/example"},
      {"heartbeat", f / "heartbeat/sample"},
      {"failsafe", f / "failsafe/multi-group.cmgr"},
      {"failsafe", f / "failsafe/nfs-two-node.cmgr"},
      {"failsafe", f / "failsafe/web-three-node.cmgr"},
      {"kimberlite", f / "kimberlite/nfs_server.conf"},
      {"kimberlite", f / "kimberlite/several_services.conf"},
      {"kimberlite", f / "kimberlite/web_service.conf"},
      {"ocf-xml", f / "ocf-xml/full.xml"},
  };
  int written = 0;
  for (const auto& [from, input] : inputs) {
    for (const char* to : {"heartbeat", "failsafe", "kimberlite", "ocf-xml", "pacemaker"}) {
      SCOPED_TRACE(from + " " + input.filename().string() + " -> " + to);
      fs::path out = tmp_ / (input.filename().string() + "." + to);
      auto r = ocfbridge({"convert", "--from", from, "--to", to, input.string(), "-o", out.string()});
      ASSERT_LT(r.exit_code, 128) << r.err;
      if (r.exit_code == 0) {
        EXPECT_TRUE(fs::exists(out)) << r.err;
        ++written;
      } else {
        EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out)) << r.err;
      }
    }
  }
  EXPECT_GE(written, 40) << "most pairs convert";
}

TEST_F(Cli, HeartbeatRoundTripWritesAuthkeysPrivatelyAndNeverPrintsTheSecret) {
  fs::path out = tmp_ / "ha.d";
  auto r = ocfbridge({"convert", "--from", "heartbeat", "--to", "heartbeat", kExample.string(),
                      "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat((out / "authkeys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(slurp(out / "authkeys").find("demo-secret-change-me"), std::string::npos);
  EXPECT_EQ(r.err.find("demo-secret-change-me"), std::string::npos);
  auto d = ocfbridge({"diff", "--from", "heartbeat", kExample.string(), "--from", "heartbeat",
                      out.string()});
  EXPECT_EQ(d.exit_code, 0) << d.out << d.err;
  auto s = ocfbridge({"show", "--from", "heartbeat", kExample.string()});
  EXPECT_EQ(s.exit_code, 0);
  EXPECT_EQ(s.out.find("demo-secret-change-me"), std::string::npos);
  EXPECT_NE(s.out.find("alpha"), std::string::npos);
}

TEST_F(Cli, StrictRefusesALossyConversionAndWritesNothing) {
  // Heartbeat's ping node and respawn lines have no FailSafe form.
  fs::path out = tmp_ / "cluster.cmgr";
  auto r = ocfbridge({"convert", "--strict", "--from", "heartbeat", "--to", "failsafe",
                      kExample.string(), "-o", out.string()});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("loss"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  // Without --strict the same conversion succeeds and reports the losses.
  auto ok = ocfbridge({"convert", "--from", "heartbeat", "--to", "failsafe", kExample.string(),
                       "-o", out.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(fs::exists(out));
}

TEST_F(Cli, JsonReportCountsLossesAndLocatesThem) {
  auto r = ocfbridge({"convert", "--json", "--from", "heartbeat", "--to", "kimberlite",
                      kExample.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.rfind("{\"errors\":0,", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("\"severity\":\"loss\""), std::string::npos);
  EXPECT_NE(r.err.find("\"file\":\"" + (kExample / "ha.cf").string() + "\""), std::string::npos);
}

TEST_F(Cli, AnOutputThatCannotBeWrittenExitsFive) {
  auto r = ocfbridge({"convert", "--from", "heartbeat", "--to", "ocf-xml", kExample.string(),
                      "-o", (tmp_ / "no/such/dir/out.xml").string()});
  EXPECT_EQ(r.exit_code, 5) << r.err;
}

// Every malformed case of every adapter's corpus: a located error, exit 3,
// and no output at all.
TEST_F(Cli, EveryMalformedInputGivesALocatedErrorAndNoOutput) {
  const std::regex located(R"(:\d+:\d+: error: )");
  std::size_t cases = 0;
  for (const char* adapter : {"heartbeat", "failsafe", "kimberlite"}) {
    fs::path corpus = kSource / "tests/fixtures" / adapter / "malformed";
    ASSERT_TRUE(fs::is_directory(corpus)) << corpus;
    for (const auto& entry : fs::directory_iterator(corpus)) {
      const fs::path& input = entry.path();
      // Heartbeat cases are directories; the others are single files with
      // a sibling expectation file.
      if (std::string(adapter) == "heartbeat" ? !entry.is_directory()
                                              : input.extension() == ".expect" ||
                                                    !entry.is_regular_file())
        continue;
      ++cases;
      for (const char* to : {"ocf-xml", "heartbeat"}) {
        fs::path out = tmp_ / ("out-" + std::to_string(cases) + "-" + to);
        auto r = ocfbridge({"convert", "--from", adapter, "--to", to, input.string(), "-o",
                            out.string()});
        EXPECT_EQ(r.exit_code, 3) << input << "\n" << r.err;
        EXPECT_TRUE(std::regex_search(r.err, located)) << input << ": no located error\n" << r.err;
        EXPECT_FALSE(fs::exists(out)) << input << ": partial output left";
      }
    }
  }
  EXPECT_GE(cases, 120u);
}

// OCF XML input through the tool: bad documents (not XML, wrong root,
// schema violations, bad text) give a located error, exit 3, and no output.
TEST_F(Cli, MalformedOcfXmlGivesALocatedErrorAndNoOutput) {
  const std::regex located(R"(:\d+:\d+: error: )");
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  const std::string open = "<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\" name=\"c\">\n";
  std::string deep;  // deeper than libxml2's limit of 256
  for (int i = 0; i < 1000; ++i) deep = "<x>" + deep + "</x>";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"not-xml", "node alpha\n"},
      {"unclosed", head + open + "  <nodes>\n"},
      {"wrong-root", head + "<cib/>\n"},
      {"wrong-namespace", head + "<cluster version=\"1\" name=\"c\"/>\n"},
      {"unknown-element", head + open + "  <bogus/>\n</cluster>\n"},
      {"node-without-name", head + open + "  <nodes>\n    <node id=\"1\"/>\n  </nodes>\n</cluster>\n"},
      {"not-utf8", head + open + "  <properties>\n    <property name=\"a\" value=\"\xff\"/>\n"
                   "  </properties>\n</cluster>\n"},
      // Well-formed enough for pugixml, not for libxml2: the reader's fast
      // path must hand these to the full check.
      {"repeated-attribute", head + open + "  <nodes>\n    <node name=\"a\" name=\"b\"/>\n"
                             "  </nodes>\n</cluster>\n"},
      {"text-before-root", head + "x" + open + "</cluster>\n"},
      {"second-root", head + open + "</cluster>\n<cluster/>\n"},
      {"undeclared-entity", head + open + "  <nodes>\n    <node name=\"&a;\"/>\n"
                            "  </nodes>\n</cluster>\n"},
      {"control-character", head + open + "  <nodes>\n    <node name=\"a\x01\"/>\n"
                            "  </nodes>\n</cluster>\n"},
      {"deep-nesting", head + open + deep + "</cluster>\n"},
      // Texts the one-pass plain-text reader must decline (the full path
      // words the error).
      {"mismatched-end-tag", head + open + "  <nodes>\n    <node name=\"a\"/>\n  </node>\n"
                             "</cluster>\n"},
      {"attribute-without-value", head + open + "  <nodes>\n    <node name/>\n  </nodes>\n"
                                  "</cluster>\n"},
      {"unquoted-attribute", head + open + "  <nodes>\n    <node name=a/>\n  </nodes>\n"
                             "</cluster>\n"},
      {"bad-character-reference", head + open + "  <nodes>\n    <node name=\"&#1;\"/>\n"
                                  "  </nodes>\n</cluster>\n"},
  };
  for (const auto& [name, text] : cases) {
    fs::path input = tmp_ / (name + ".xml");
    std::ofstream(input, std::ios::binary) << text;
    fs::path out = tmp_ / ("out-" + name);
    auto r = ocfbridge({"convert", "--from", "ocf-xml", "--to", "heartbeat", input.string(), "-o",
                        out.string()});
    EXPECT_EQ(r.exit_code, 3) << name << "\n" << r.err;
    EXPECT_TRUE(std::regex_search(r.err, located)) << name << ": no located error\n" << r.err;
    EXPECT_NE(r.err.find(input.string()), std::string::npos) << name << ": file not named";
    EXPECT_FALSE(fs::exists(out)) << name << ": partial output left";
  }
}

// A FailSafe node with a system-controller password and a site-defined
// application with a password attribute (a parameter in the model).
std::string cmgr_with_password(const std::string& password) {
  return "define node alpha\n  set hostname to alpha.example.com\n  set nodeid to 1\n"
         "  set sysctrl_type to msc\n  set sysctrl_password to " + password +
         "\n  set sysctrl_status to enabled\n  add nic 10.0.0.1\n    set priority to 1\n  done\n"
         "done\n"
         "define cluster demo\n  add node alpha\ndone\nset cluster demo\n"
         "define resource_type app\n  add type_attribute passwd\n    set data_type to string\n"
         "  done\ndone\n"
         "define resource shop of resource_type app\n  set passwd to " + password + "\ndone\n"
         "define failover_policy fp\n  set attribute to Auto_Failback\n  set script to ordered\n"
         "  set domain to alpha\ndone\n"
         "define resource_group rg\n  set failover_policy to fp\n"
         "  add resource shop of resource_type app\ndone\nquit\n";
}

TEST_F(Cli, ShowAndDiffNameAPasswordButNeverPrintIt) {
  fs::path a = tmp_ / "a.cmgr", b = tmp_ / "b.cmgr";
  std::ofstream(a) << cmgr_with_password("hunter2");
  std::ofstream(b) << cmgr_with_password("swordfish");

  auto s = ocfbridge({"show", "--from", "failsafe", a.string()});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ((s.out + s.err).find("hunter2"), std::string::npos) << s.out << s.err;
  EXPECT_NE(s.out.find("sysctrl_password=(secret)"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("passwd=(secret)"), std::string::npos) << s.out;

  for (bool json : {false, true}) {
    std::vector<std::string> args = {"diff", "--from", "failsafe", a.string(),
                                     "--from", "failsafe", b.string()};
    if (json) args.push_back("--json");
    auto d = ocfbridge(args);
    EXPECT_EQ(d.exit_code, 1) << d.out << d.err;
    std::string text = d.out + d.err;
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
    EXPECT_EQ(text.find("swordfish"), std::string::npos) << text;
    EXPECT_NE(text.find("sysctrl_password"), std::string::npos) << text;
    EXPECT_NE(text.find("passwd"), std::string::npos) << text;
    EXPECT_NE(text.find("(secret)"), std::string::npos) << text;
  }
}

}  // namespace
