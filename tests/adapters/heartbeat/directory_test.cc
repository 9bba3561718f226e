// directory.cc: OutputEnv (the written files as an Env, for check_written)
// answers every call as a MemoryEnv holding the same files would; and
// check_written still turns what the reader reports into export.rejected.
#include <gtest/gtest.h>

#include "adapters/heartbeat/directory.h"
#include "adapters/heartbeat/import.h"
#include "adapters/heartbeat/resource_d.h"
#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

namespace fs = std::filesystem;

io::Output output_of(std::vector<std::pair<std::string, std::string>> files) {
  io::Output out;
  out.directory = true;
  for (auto& [name, contents] : files) out.files.push_back({name, contents, 0644});
  return out;
}

// Every query on both Envs, for paths in and around the files.
void expect_same(const io::Output& output, const fs::path& dir) {
  io::MemoryEnv memory;
  for (const auto& f : output.files) memory.add(dir / f.name, f.contents);
  OutputEnv env(output, dir);
  std::vector<std::string> paths = {"/", "", "/w", "/written", "/written/", "//written//",
                                    "/writtenx", "/writtenx/a", "/other"};
  for (const auto& f : output.files) {
    std::string full = (dir / f.name).string();
    paths.push_back(full);
    paths.push_back(full + "/");
    paths.push_back(full + "x");
    for (std::size_t i = 1; i < full.size(); ++i)
      if (full[i] == '/') {
        paths.push_back(full.substr(0, i));
        paths.push_back(full.substr(0, i + 1));
        paths.push_back(full.substr(0, i) + "//" + full.substr(i + 1));
      }
  }
  for (const auto& p : paths) {
    SCOPED_TRACE("path '" + p + "'");
    std::string a, b;
    io::IoError ea, eb;
    bool ra = memory.read_file(p, a, ea);
    bool rb = env.read_file(p, b, eb);
    EXPECT_EQ(ra, rb);
    EXPECT_EQ(a, b);
    EXPECT_EQ(ea.message, eb.message);
    std::string_view view;
    io::IoError ev;
    EXPECT_EQ(env.read_view(p, view, ev), ra);
    if (ra) EXPECT_EQ(view, a);
    else EXPECT_EQ(ev.message, ea.message);
    EXPECT_EQ(memory.exists(p), env.exists(p));
    EXPECT_EQ(memory.is_directory(p), env.is_directory(p));
    EXPECT_EQ(memory.list_files(p), env.list_files(p));
  }
}

TEST(OutputEnv, AnswersAsAMemoryEnvWithTheFiles) {
  expect_same(output_of({{"ha.cf", "a"},
                         {"haresources", "b"},
                         {"authkeys", "c"},
                         {"conf/OCF/Filesystem/data", "d"},
                         {"conf/OCF/Filesystem/data2", "e"},
                         {"conf/OCF/IPaddr2/ip", "f"},
                         {"conf/OCF-x/y", "g"}}),
              "/written");
}

TEST(OutputEnv, NamesNotInKeyFormAndRepeatedNames) {
  // Not what write_directory produces, but MemoryEnv's keying decides:
  // repeated '/' collapse, a trailing '/' goes, the last of a
  // name wins, an empty name is a file at dir itself.
  expect_same(output_of({{"b", "1"},
                         {"a//b", "2"},
                         {"d/", "4"},
                         {"b", "5"},
                         {"", "6"},
                         {"a/b", "7"}}),
              "/written");
  expect_same(output_of({{"x", "1"}, {"y/z", "2"}}), "/a/b/");
  // An absolute name is not below dir at all (dir / "/c" is "/c").
  expect_same(output_of({{"b", "1"}, {"/c", "3"}, {"c", "4"}}), "/written");
  expect_same(output_of({}), "/written");
}

TEST(OutputEnv, UnsortedOutputs) {
  expect_same(output_of({{"z", "1"}, {"conf/OCF/b/a", "2"}, {"conf/OCF/a/b", "3"}, {"a", "4"}}),
              "/written");
}

// check_written on outputs built by hand: what the reader reports on them
// (errors, and the incomplete configurations it promotes) is refused.
model::Diagnostics check(const io::Output& output) {
  io::MemoryEnv env;
  adapter::Context context(env, {lua_dir()});
  model::Diagnostics setup;
  ScriptTable scripts(context.quirks("heartbeat", setup), setup);
  EXPECT_FALSE(setup.has_errors()) << dump(setup);
  model::Diagnostics d;
  check_written(output, scripts, d);
  return d;
}

TEST(CheckWritten, RefusesWhatTheReaderReports) {
  const std::string hacf = kBaseHaCf;
  const std::string authkeys = kBaseAuthkeys;
  auto ok = check(output_of({{"ha.cf", hacf},
                             {"haresources", "alpha 10.0.0.5 OCF::Dummy::one\\\n beta\n"},
                             {"authkeys", authkeys},
                             {"conf/OCF/Dummy/one", "OCF_RESKEY_state=/run/one\n"}}));
  EXPECT_FALSE(ok.has_errors()) << dump(ok);

  auto missing = check(output_of({{"ha.cf", hacf},
                                  {"haresources", "alpha OCF::Dummy::one OCF::Dummy::two\n"},
                                  {"authkeys", authkeys},
                                  {"conf/OCF/Dummy/one", "OCF_RESKEY_state=/run/one\n"}}));
  ASSERT_EQ(missing.entries().size(), 1u) << dump(missing);
  EXPECT_EQ(missing.entries()[0].code, "export.rejected");
  EXPECT_NE(missing.entries()[0].message.find("written haresources:1:23: "), std::string::npos)
      << dump(missing);
  EXPECT_NE(missing.entries()[0].message.find("[hares.ocf-instance-missing]"), std::string::npos);

  auto bad = check(output_of({{"ha.cf", hacf},
                              {"haresources", "alpha 10.0.0.999 Foo::::x\n"},
                              {"authkeys", authkeys}}));
  EXPECT_TRUE(bad.has("export.rejected")) << dump(bad);
  EXPECT_NE(dump(bad).find("hares.bad-resource"), std::string::npos) << dump(bad);

  auto no_auth = check(output_of({{"ha.cf", hacf}, {"haresources", "alpha 10.0.0.5\n"},
                                  {"authkeys", ""}}));
  EXPECT_NE(dump(no_auth).find("[authkeys.empty]"), std::string::npos) << dump(no_auth);

  auto no_file = check(output_of({{"ha.cf", hacf}, {"haresources", "alpha 10.0.0.5\n"}}));
  EXPECT_NE(dump(no_file).find("cannot read /written/authkeys: No such file or directory"),
            std::string::npos)
      << dump(no_file);
}

// check_document (what check_written runs) reports exactly what
// import_document reports, on every heartbeat directory among the fixtures
// and on a directory with every resource form and its errors.
std::string expect_same_reports(const fs::path& dir, const io::Env& env) {
  SCOPED_TRACE(dir.string());
  adapter::Context context(env, {lua_dir()});
  model::Diagnostics setup;
  ScriptTable scripts(context.quirks("heartbeat", setup), setup);
  model::Diagnostics read;
  auto document = read_directory(dir, env, read);
  if (!document) return {};
  model::Diagnostics full, checked;
  import_document(*document, scripts, env, dir, full);
  check_document(*document, scripts, env, dir, checked);
  EXPECT_EQ(dump(full), dump(checked));
  return dump(full);
}

TEST(CheckDocument, ReportsWhatImportReportsOnEveryFixture) {
  int directories = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "tests/fixtures"))
    if (entry.path().filename() == "ha.cf") {
      expect_same_reports(entry.path().parent_path(), io::Env::real());
      ++directories;
    }
  EXPECT_GT(directories, 20);
}

TEST(CheckDocument, ReportsWhatImportReportsOnEveryResourceForm) {
  MemoryDir dir(std::string(kBaseHaCf) + "node alpha\n",
                "alpha 10.0.0.5 10.0.0.6/33 IPaddr::10.0.0.7/24/eth0 IPaddr::x.y \\\n"
                "  Filesystem::/dev/sdb1::/srv::ext4 Filesystem::/dev/sdb1 MailTo::a@b::s::x\n"
                "beta OCF::Dummy::one OCF::Dummy::two OCF::Dummy::one httpd site custom::a::b\n"
                "gamma 10.0.0.8\n"
                "alpha Delay::1::2 SendArp::10.0.0.9/eth0 # trailing\n");
  dir.add("conf/OCF/Dummy/one", "OCF_RESKEY_state=/run/one\nOTHER=$x\nrm -rf /\n");
  dir.add("resource.d/site", "#!/bin/sh\n");
  std::string reports = expect_same_reports(dir.dir(), dir.env());
  for (const char* code : {"hares.bad-arguments", "hares.ocf-instance-missing",
                           "hares.ocf-not-parameter", "hacf.duplicate-node"})
    EXPECT_NE(reports.find(code), std::string::npos) << code << "\n" << reports;
  MemoryDir pacemaker(std::string(kBaseHaCf) + "crm respawn\n", "alpha OCF::Dummy::zz\n");
  EXPECT_NE(expect_same_reports(pacemaker.dir(), pacemaker.env()).find("hares.ignored"),
            std::string::npos);
}

// ScriptTable's lookups: find_agent finds exactly the script whose agent
// text AgentRef::to_string spells (the first by name), find the script of
// that name; positional_argument is the check it replaced.
TEST(ScriptTable, LookupsAreTheTextLookups) {
  adapter::Context context(io::Env::real(), {lua_dir()});
  model::Diagnostics setup;
  ScriptTable scripts(context.quirks("heartbeat", setup), setup);
  ASSERT_FALSE(setup.has_errors()) << dump(setup);
  const ScriptEntry* ip = scripts.find("IPaddr");
  ASSERT_TRUE(ip);
  EXPECT_EQ(ip->name, "IPaddr");
  EXPECT_FALSE(scripts.find("IPadd"));
  EXPECT_FALSE(scripts.find("ipaddr"));
  EXPECT_FALSE(scripts.find(""));
  EXPECT_EQ(scripts.find_agent({"ocf", "heartbeat", "IPaddr"}), ip);
  // The same text from other pieces is the same agent, as it was when the
  // lookup went by text.
  EXPECT_EQ(scripts.find_agent({"ocf", "", "heartbeat:IPaddr"}), ip);
  EXPECT_EQ(scripts.find_agent({"ocf:heartbeat", "", "IPaddr"}), ip);
  EXPECT_FALSE(scripts.find_agent({"ocf", "heartbeat", "IPaddr "}));
  EXPECT_FALSE(scripts.find_agent({"ocf", "heartbeat", "ipaddr"}));
  EXPECT_FALSE(scripts.find_agent({"ocf", "pacemaker", "IPaddr"}));
  EXPECT_FALSE(scripts.find_agent({"lsb", "", "IPaddr"}));
  EXPECT_FALSE(scripts.find_agent({"", "", ""}));
  for (const char* name : {"IPaddr", "IPaddr2", "Filesystem", "MailTo", "apache", "LVM", "Delay"}) {
    SCOPED_TRACE(name);
    const ScriptEntry* e = scripts.find(name);
    ASSERT_TRUE(e);
    const ScriptEntry* by_agent = scripts.find_agent(e->agent);
    ASSERT_TRUE(by_agent);
    EXPECT_EQ(by_agent->agent.to_string(), e->agent.to_string());
    EXPECT_LE(by_agent->name, e->name);  // the first name of the agent
  }

  for (const char* value : {"", "a", "/srv", "a::b", "::", ":", "a:b", "a:", ":a", "a b", "a\tb",
                            "#", "a#", "\\", "a\\b", "a\nb", "x:::y", "ops@example.com"}) {
    std::string v = value;
    bool general = !(v.empty() || v.find("::") != std::string::npos ||
                     v.find_first_of(" \t#\\") != std::string::npos);
    EXPECT_EQ(positional_argument(v), general) << v;
  }
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
