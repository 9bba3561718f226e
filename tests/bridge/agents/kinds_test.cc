// Every agent kind: its native-to-OCF mapping (table-driven, through real
// scripts), parameters reaching scripts unchanged, a clean environment,
// generated meta-data valid against ra-api-1.dtd, and the real Dummy agent.
#include <gtest/gtest.h>

#include "tests/require.h"

#include <cstdlib>
#include <set>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/kinds/failsafe_type.h"
#include "bridge/agents/kinds/heartbeat_script.h"
#include "bridge/agents/kinds/ocf_agent.h"
#include "bridge/agents/kinds/service_script.h"
#include "bridge/agents/metadata.h"
#include "tests/bridge/agents/test_support.h"

namespace ocf::agents {
namespace {

using namespace std::chrono_literals;
using kinds::FailsafeType;
using kinds::HeartbeatScript;
using kinds::ServiceScript;
using testing::TempDir;
using testing::write_script;

constexpr auto kTimeout = 30s;

ParamInfo param(std::string name, std::optional<std::string> default_value = std::nullopt,
                bool required = false, std::string type = "string") {
  ParamInfo p;
  p.name = std::move(name);
  p.default_value = std::move(default_value);
  p.required = required;
  p.type = std::move(type);
  return p;
}

// A value a shell would mangle in every way it can.
const std::string kNastyValue =
    "two  spaces 'single' \"double\" $(touch /tmp/ocfbridge-pwned) `touch /tmp/ocfbridge-pwned` "
    "$HOME ; | & > < * ? [a] \\ \n second line\ttab";

class KindTest : public ::testing::Test {
 protected:
  void TearDown() override {
    EXPECT_TRUE(testing::no_children_left());
    EXPECT_FALSE(std::filesystem::exists("/tmp/ocfbridge-pwned"));
  }
  std::unique_ptr<AgentKind> make(AgentSpec spec) {
    std::string error;
    auto kind = make_agent_kind(std::move(spec), error);
    EXPECT_TRUE(kind) << error;
    return kind;
  }
  AgentSpec spec(std::string kind, std::filesystem::path script) {
    AgentSpec s;
    s.kind = std::move(kind);
    s.script = std::move(script);
    s.name = "test-agent";
    return s;
  }
  TempDir dir_;
};

// --- LSB and Kimberlite --------------------------------------------------------

struct ExitCase {
  int native;
  OcfCode lsb;
  OcfCode kimberlite;
};

TEST_F(KindTest, StatusMappingOfServiceScripts) {
  const ExitCase cases[] = {
      {0, OcfCode::kSuccess, OcfCode::kSuccess},     {1, OcfCode::kErrGeneric, OcfCode::kNotRunning},
      {2, OcfCode::kErrGeneric, OcfCode::kNotRunning}, {3, OcfCode::kNotRunning, OcfCode::kNotRunning},
      {4, OcfCode::kErrGeneric, OcfCode::kNotRunning}, {150, OcfCode::kErrGeneric, OcfCode::kNotRunning},
  };
  for (const auto& c : cases) {
    auto script = write_script(dir_ / ("status" + std::to_string(c.native)),
                               "[ \"$1\" = status ] && exit " + std::to_string(c.native) + "\nexit 99\n");
    auto lsb = make(spec("lsb", script));
    auto kim = make(spec("kimberlite", script));
    EXPECT_EQ(lsb->run("monitor", {}, kTimeout).code, c.lsb) << "LSB status " << c.native;
    EXPECT_EQ(kim->run("monitor", {}, kTimeout).code, c.kimberlite) << "Kimberlite status " << c.native;
    EXPECT_EQ(ServiceScript::map_status(ServiceScript::Flavor::kLsb, c.native), c.lsb);
  }
}

TEST_F(KindTest, ActionMappingOfServiceScripts) {
  for (int native : {0, 1, 2, 3, 4, 5, 6, 7, 42}) {
    // status says "unknown" (4) so nothing is papered over.
    auto script = write_script(dir_ / ("stop" + std::to_string(native)),
                               "[ \"$1\" = status ] && exit 4\nexit " + std::to_string(native) + "\n");
    OcfCode lsb_expected = native <= 7 ? static_cast<OcfCode>(native) : OcfCode::kErrGeneric;
    EXPECT_EQ(make(spec("lsb", script))->run("stop", {}, kTimeout).code, lsb_expected) << native;
    EXPECT_EQ(make(spec("kimberlite", script))->run("start", {}, kTimeout).code,
              native == 0 ? OcfCode::kSuccess : OcfCode::kErrGeneric)
        << native;
  }
}

// A script breaking the LSB rule: start of a running service and stop of a
// stopped one fail.
std::string strict_service(const std::filesystem::path& state) {
  std::string s = state.string();
  return "case \"$1\" in\n"
         "start) [ -f " + s + " ] && exit 1; touch " + s + ";;\n"
         "stop) [ -f " + s + " ] || exit 1; rm " + s + ";;\n"
         "status) [ -f " + s + " ] && exit 0; exit 3;;\n"
         "*) exit 3;;\nesac\n";
}

TEST_F(KindTest, LsbStartOfRunningAndStopOfStoppedArePaperedOverAndReported) {
  auto state = dir_ / "state";
  auto lsb = make(spec("lsb", write_script(dir_ / "svc", strict_service(state))));
  OcfResult first = lsb->run("start", {}, kTimeout);
  EXPECT_EQ(first.code, OcfCode::kSuccess);
  EXPECT_TRUE(first.note.empty()) << first.note;
  OcfResult again = lsb->run("start", {}, kTimeout);
  EXPECT_EQ(again.code, OcfCode::kSuccess);
  EXPECT_NE(again.note.find("papered over"), std::string::npos) << again.note;
  EXPECT_EQ(lsb->run("stop", {}, kTimeout).code, OcfCode::kSuccess);
  OcfResult stop_again = lsb->run("stop", {}, kTimeout);
  EXPECT_EQ(stop_again.code, OcfCode::kSuccess);
  EXPECT_NE(stop_again.note.find("papered over"), std::string::npos);
  EXPECT_EQ(lsb->run("monitor", {}, kTimeout).code, OcfCode::kNotRunning);
}

TEST_F(KindTest, FailedStartIsNotPaperedOverWhenStatusSaysStopped) {
  auto lsb = make(spec("lsb", write_script(dir_ / "svc", "[ \"$1\" = status ] && exit 3\nexit 1\n")));
  OcfResult r = lsb->run("start", {}, kTimeout);
  EXPECT_EQ(r.code, OcfCode::kErrGeneric);
  EXPECT_TRUE(r.note.empty());
}

TEST_F(KindTest, MissingScriptIsNotInstalledAndUnknownActionUnimplemented) {
  auto missing = make(spec("lsb", dir_ / "nothing"));
  EXPECT_EQ(missing->run("start", {}, kTimeout).code, OcfCode::kErrInstalled);
  EXPECT_EQ(missing->run("validate-all", {}, kTimeout).code, OcfCode::kErrInstalled);
  auto kim = make(spec("kimberlite", write_script(dir_ / "k", "exit 0\n")));
  EXPECT_EQ(kim->run("promote", {}, kTimeout).code, OcfCode::kErrUnimplemented);
  EXPECT_EQ(kim->run("validate-all", {}, kTimeout).code, OcfCode::kSuccess);
}

TEST_F(KindTest, TimeoutIsAGenericErrorAndSaysSo) {
  auto kim = make(spec("kimberlite", write_script(dir_ / "k", "sleep 1000\n")));
  OcfResult r = kim->run("monitor", {}, 200ms);
  EXPECT_EQ(r.code, OcfCode::kErrGeneric);
  EXPECT_TRUE(r.timed_out);
  EXPECT_NE(r.note.find("timed out"), std::string::npos) << r.note;
}

// --- heartbeat -----------------------------------------------------------------

struct TextCase {
  const char* text;
  bool running;
};

TEST_F(KindTest, HeartbeatStatusIsDecidedFromTheTextLikeResourceManager) {
  const TextCase cases[] = {
      {"running", true},
      {"Running OK", true},
      {"OK", true},
      {"resource is running\n", true},
      {"stopped", false},
      {"", false},
      {"not running", false},
      {"NOT running", false},
      {"Not currently Running", false},   // glob: "not" + space + anything + running
      {"notrunning", true},               // no blank after "not": ResourceManager says running
      {"ok", false},                      // OK is case-sensitive
      {"RUNNING", false},                 // only [Rr]unning
      {"running\nnot running", false},
      {"status: not yet running", false},
      {"error", false},
  };
  auto text = dir_ / "text";
  auto hb = make(spec("heartbeat", write_script(dir_ / "hb", "[ \"$2\" = status ] && cat \"$1\"\n")));
  for (const auto& c : cases) {
    EXPECT_EQ(HeartbeatScript::status_says_running(c.text), c.running) << "'" << c.text << "'";
    testing::write_file(text, c.text);
    OcfResult r = hb->run("monitor", {{"arg1", text.string()}}, kTimeout);
    EXPECT_EQ(r.code, c.running ? OcfCode::kSuccess : OcfCode::kNotRunning) << "'" << c.text << "'";
  }
}

TEST_F(KindTest, HeartbeatMonitorIgnoresTheStatusExitCode) {
  auto text = dir_ / "text";
  auto script = write_script(dir_ / "hb", "[ \"$2\" = status ] && cat \"$1\"\nexit 3\n");
  auto hb = make(spec("heartbeat", script));
  for (const TextCase& c : {TextCase{"Running", true}, TextCase{"not running", false},
                            TextCase{"OK", true}, TextCase{"gone", false}}) {
    testing::write_file(text, c.text);
    OcfResult r = hb->run("monitor", {{"arg1", text.string()}}, kTimeout);
    EXPECT_EQ(r.code, c.running ? OcfCode::kSuccess : OcfCode::kNotRunning) << c.text << ": " << r.native;
  }
}

TEST_F(KindTest, HeartbeatPositionalArgumentsComeFromDeclaredParametersInOrder) {
  auto out = dir_ / "args";
  auto script = write_script(dir_ / "hb", "for a in \"$@\"; do printf '[%s]' \"$a\"; done > " +
                                              out.string() + "\nexit 0\n");
  AgentSpec s = spec("heartbeat", script);
  s.params = {param("first"), param("second", "dflt"), param("third")};
  auto hb = make(s);
  OcfResult r = hb->run("stop", {{"third", "3"}, {"first", kNastyValue}, {"extra", "x"}}, kTimeout);
  EXPECT_EQ(r.code, OcfCode::kSuccess) << r.note;
  EXPECT_EQ(testing::read_file(out), "[" + kNastyValue + "][dflt][3][stop]");
  EXPECT_NE(r.note.find("extra"), std::string::npos) << "an unused parameter is reported";

  s.params[1].default_value.reset();
  OcfResult gap = make(s)->run("stop", {{"first", "1"}, {"third", "3"}}, kTimeout);
  EXPECT_EQ(gap.code, OcfCode::kErrConfigured);
  EXPECT_NE(gap.note.find("second"), std::string::npos) << gap.note;
}

TEST_F(KindTest, HeartbeatUndeclaredParametersAreArg1ToArgN) {
  auto out = dir_ / "args";
  auto script = write_script(dir_ / "hb", "echo \"$*\" > " + out.string() + "\n");
  auto hb = make(spec("heartbeat", script));
  EXPECT_EQ(hb->run("stop", {{"arg2", "b"}, {"arg1", "a"}}, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(testing::read_file(out), "a b stop\n");
  EXPECT_EQ(hb->run("stop", {{"arg2", "b"}}, kTimeout).code, OcfCode::kErrConfigured);
}

TEST_F(KindTest, HeartbeatStartIsSkippedWhenRunningAndFailedStopOfStoppedIsSuccess) {
  auto state = dir_ / "state";
  auto calls = dir_ / "calls";
  auto script = write_script(dir_ / "hb",
                             "echo \"$2\" >> " + calls.string() + "\ncase \"$2\" in\n"
                             "start) [ -f \"$1\" ] && exit 1; touch \"$1\";;\n"
                             "stop) [ -f \"$1\" ] || exit 1; rm \"$1\";;\n"
                             "status) [ -f \"$1\" ] && echo running || echo stopped;;\nesac\n");
  AgentSpec s = spec("heartbeat", script);
  s.params = {param("state")};
  auto hb = make(s);
  Params p{{"state", state.string()}};
  EXPECT_EQ(hb->run("start", p, kTimeout).code, OcfCode::kSuccess);
  OcfResult again = hb->run("start", p, kTimeout);
  EXPECT_EQ(again.code, OcfCode::kSuccess);
  EXPECT_NE(again.note.find("start not run"), std::string::npos) << again.note;
  EXPECT_EQ(hb->run("stop", p, kTimeout).code, OcfCode::kSuccess);
  OcfResult stop_again = hb->run("stop", p, kTimeout);
  EXPECT_EQ(stop_again.code, OcfCode::kSuccess);
  EXPECT_NE(stop_again.note.find("papered over"), std::string::npos);
  EXPECT_EQ(testing::read_file(calls), "status\nstart\nstatus\nstop\nstop\nstatus\n");
}

// --- FailSafe ------------------------------------------------------------------

struct FsCase {
  const char* action;
  int status;
  OcfCode expected;
};

TEST_F(KindTest, FailsafeStatusMappingPerAction) {
  const FsCase cases[] = {
      {"start", 0, OcfCode::kSuccess},        {"start", 4, OcfCode::kSuccess},
      {"start", 1, OcfCode::kErrGeneric},     {"start", 2, OcfCode::kErrArgs},
      {"start", 3, OcfCode::kErrGeneric},     {"start", 5, OcfCode::kErrUnimplemented},
      {"start", 6, OcfCode::kErrConfigured},  {"stop", 0, OcfCode::kSuccess},
      {"stop", 1, OcfCode::kSuccess},         {"stop", 4, OcfCode::kErrGeneric},
      {"monitor", 0, OcfCode::kSuccess},      {"monitor", 4, OcfCode::kSuccess},
      {"monitor", 1, OcfCode::kNotRunning},   {"monitor", 3, OcfCode::kErrGeneric},
      {"monitor", 6, OcfCode::kErrConfigured}, {"exclusive", 4, OcfCode::kSuccess},
      {"exclusive", 1, OcfCode::kNotRunning}, {"exclusive", 0, OcfCode::kNotRunning},
      {"monitor", 17, OcfCode::kErrGeneric},
  };
  auto type = dir_ / "type";
  for (const auto& c : cases) {
    std::string note;
    EXPECT_EQ(FailsafeType::map_status(c.action, c.status, note), c.expected)
        << c.action << " " << c.status;
    // The same through a real action script that writes the status line
    // (and exits 0 regardless: the OUTFILE decides).
    write_script(type / c.action, "read name flags < \"$1\"\necho \"$name " +
                                      std::to_string(c.status) + "\" > \"$2\"\nexit 0\n");
    for (const char* required : {"start", "stop", "exclusive"})
      if (!std::filesystem::exists(type / required)) write_script(type / required, "exit 0\n");
    OcfResult r = make(spec("failsafe", type))->run(c.action, {}, kTimeout);
    EXPECT_EQ(r.code, c.expected) << c.action << " " << c.status << ": " << r.native;
  }
}

TEST_F(KindTest, FailsafeCallConventionFilesAndAttributes) {
  auto type = dir_ / "type";
  auto seen = dir_ / "seen";
  for (const char* a : {"stop", "exclusive"}) write_script(type / a, "exit 0\n");
  write_script(type / "start",
               "{ echo \"argc=$#\"; cat \"$1\"; cat \"$3\"; cat \"$OCFBRIDGE_RESOURCE_ATTRS\"; } > " +
                   seen.string() + "\nread name flags < \"$1\"\necho \"$name 0\" >> \"$2\"\n");
  AgentSpec s = spec("failsafe", type);
  s.cluster_name = "clu1";
  auto fs = make(s);
  OcfResult r = fs->run("start", {{"resource_name", "10.0.0.1"}, {"NetworkMask", "0xffffff00"},
                                  {"interfaces", "eth0 eth1"}}, kTimeout);
  EXPECT_EQ(r.code, OcfCode::kSuccess) << r.native << r.note;
  EXPECT_EQ(testing::read_file(seen),
            "argc=3\n10.0.0.1 0\nClusterName clu1\n10.0.0.1 NetworkMask 0xffffff00\n"
            "10.0.0.1 interfaces eth0 eth1\n");
  // A value a line cannot hold is refused, not mangled.
  EXPECT_EQ(fs->run("start", {{"resource_name", "x"}, {"a", "1\n2"}}, kTimeout).code,
            OcfCode::kErrConfigured);
}

TEST_F(KindTest, FailsafeMissingStatusLineCountsAsTimedOut) {
  auto type = dir_ / "type";
  for (const char* a : {"start", "stop", "exclusive"}) write_script(type / a, "exit 0\n");
  write_script(type / "monitor", "echo someone-else 0 > \"$2\"\nexit 0\n");
  OcfResult r = make(spec("failsafe", type))->run("monitor", {}, kTimeout);
  EXPECT_EQ(r.code, OcfCode::kErrGeneric);
  EXPECT_NE(r.native.find("no status line"), std::string::npos) << r.native;
}

TEST_F(KindTest, FailsafeMonitorFallsBackToExclusiveAndValidateChecksScripts) {
  auto type = dir_ / "type";
  write_script(type / "start", "exit 0\n");
  AgentSpec s = spec("failsafe", type);
  EXPECT_EQ(make(s)->run("validate-all", {}, kTimeout).code, OcfCode::kErrInstalled);
  write_script(type / "stop", "exit 0\n");
  write_script(type / "exclusive", "read n f < \"$1\"; echo \"$n 1\" > \"$2\"\n");
  EXPECT_EQ(make(s)->run("validate-all", {}, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(make(s)->run("monitor", {}, kTimeout).code, OcfCode::kNotRunning);
  EXPECT_EQ(make(s)->run("restart", {}, kTimeout).code, OcfCode::kErrUnimplemented);
}

// --- OCF agents ------------------------------------------------------------------

TEST_F(KindTest, OcfAgentGetsExactlyTheOcfEnvironment) {
  ::setenv("OCFBRIDGE_TEST_CANARY", "leaked", 1);
  auto dump = dir_ / "env";
  auto agent = write_script(dir_ / "agent", "/usr/bin/env -0 > " + dump.string() + "\nexit 7\n");
  AgentSpec s = spec("ocf", agent);
  s.provider = "test";
  s.instance = "inst1";
  s.ocf_root = "/usr/lib/ocf";
  OcfResult r = make(s)->run("monitor", {{"value", kNastyValue}}, kTimeout);
  ::unsetenv("OCFBRIDGE_TEST_CANARY");
  EXPECT_EQ(r.code, OcfCode::kNotRunning);
  std::string env = testing::read_file(dump);
  std::set<std::string> seen;
  for (std::size_t at = 0, end; (end = env.find('\0', at)) != std::string::npos; at = end + 1)
    seen.insert(env.substr(at, end - at));
  // Exactly the OCF variables, PATH and HOME; /bin/sh itself adds PWD.
  std::set<std::string> expected = {
      "OCF_ROOT=/usr/lib/ocf", "OCF_RA_VERSION_MAJOR=1", "OCF_RA_VERSION_MINOR=0",
      "OCF_RESOURCE_INSTANCE=inst1", "OCF_RESOURCE_TYPE=test-agent", "OCF_RESOURCE_PROVIDER=test",
      "OCF_RESKEY_value=" + kNastyValue, std::string("PATH=") + kDefaultPath,
      std::string("HOME=") + kDefaultHome, "PWD=/"};
  EXPECT_EQ(seen, expected);
}

TEST_F(KindTest, OcfParameterReachesTheAgentByteForByte) {
  auto copy = dir_ / "copy";
  auto agent = write_script(dir_ / "agent", "printf '%s' \"$OCF_RESKEY_value\" > " + copy.string() + "\n");
  EXPECT_EQ(make(spec("ocf", agent))->run("start", {{"value", kNastyValue}}, kTimeout).code,
            OcfCode::kSuccess);
  EXPECT_EQ(testing::read_file(copy), kNastyValue);
}

TEST_F(KindTest, OcfExitCodesPassThrough) {
  for (int code = 0; code <= 9; ++code) {
    auto agent = write_script(dir_ / "a", "exit " + std::to_string(code) + "\n");
    EXPECT_EQ(make(spec("ocf", agent))->run("monitor", {}, kTimeout).exit_code(), code);
  }
  auto odd = write_script(dir_ / "odd", "exit 42\n");
  EXPECT_EQ(make(spec("ocf", odd))->run("monitor", {}, kTimeout).code, OcfCode::kErrGeneric);
}

const std::filesystem::path kDummy = "/usr/lib/ocf/resource.d/heartbeat/Dummy";

TEST_F(KindTest, RealDummyAgentStartsMonitorsAndStops) {
  OCF_REQUIRE(std::filesystem::exists(kDummy), "resource-agents not installed");
  AgentSpec s = spec("ocf", kDummy);
  s.name = "Dummy";
  s.provider = "heartbeat";
  s.instance = "dummy1";
  auto dummy = make(s);
  auto state = dir_ / "dummy.state";
  Params p{{"state", state.string()}};
  EXPECT_EQ(dummy->run("monitor", p, kTimeout).code, OcfCode::kNotRunning);
  EXPECT_EQ(dummy->run("start", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_TRUE(std::filesystem::exists(state));
  EXPECT_EQ(dummy->run("monitor", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(dummy->run("stop", p, kTimeout).code, OcfCode::kSuccess);
  EXPECT_EQ(dummy->run("monitor", p, kTimeout).code, OcfCode::kNotRunning);
  std::string xml = dummy->meta_data();
  EXPECT_NE(xml.find("<resource-agent name=\"Dummy\""), std::string::npos);
  DtdCheck check = validate_against_dtd(xml);
  EXPECT_TRUE(check.valid) << check.errors;
}

// --- meta-data -------------------------------------------------------------------

TEST_F(KindTest, GeneratedMetaDataOfEveryNativeKindValidatesAgainstTheDtd) {
  auto script = write_script(dir_ / "s", "exit 0\n");
  std::filesystem::create_directories(dir_ / "type");
  for (const char* kind : {"lsb", "heartbeat", "failsafe", "kimberlite"}) {
    AgentSpec s = spec(kind, std::string(kind) == "failsafe" ? dir_ / "type" : script);
    s.params = {param("ip", "<&\"'>", true), param("nic"), param("count", "3", false, "integer")};
    s.params[0].shortdesc = "an <address>";
    std::string xml = make(s)->meta_data();
    DtdCheck check = validate_against_dtd(xml);
    EXPECT_TRUE(check.valid) << kind << ": " << check.errors << "\n" << xml;
    EXPECT_NE(xml.find("<parameter name=\"ip\" required=\"1\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("default=\"&lt;&amp;&quot;&apos;&gt;\""), std::string::npos) << xml;
    for (const char* action : {"start", "stop", "monitor", "meta-data", "validate-all"})
      EXPECT_NE(xml.find(std::string("<action name=\"") + action + "\""), std::string::npos);
  }
}

TEST_F(KindTest, DtdCheckRejectsWhatTheDtdForbids) {
  MetaData meta;
  meta.name = "x";
  meta.actions = {{"frobnicate", "20s", "", ""}};  // not one of the DTD's action names
  DtdCheck bad = validate_against_dtd(to_xml(meta));
  EXPECT_FALSE(bad.valid);
  EXPECT_FALSE(bad.errors.empty());
  meta.actions = default_actions();
  meta.params = {param("p", std::nullopt, false, "float")};  // not a DTD content type
  EXPECT_FALSE(validate_against_dtd(to_xml(meta)).valid);
  EXPECT_FALSE(validate_against_dtd("<resource-agent").valid);
  meta.params[0].type = "integer";
  EXPECT_TRUE(validate_against_dtd(to_xml(meta)).valid);
}

}  // namespace
}  // namespace ocf::agents
