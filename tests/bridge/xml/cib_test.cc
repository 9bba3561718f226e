// The Pacemaker CIB export, checked by Pacemaker's own crm_verify.
#include <gtest/gtest.h>

#include "tests/require.h"
#include <pugixml.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bridge/adapter/adapter.h"
#include "bridge/xml/cib.h"
#include "bridge/xml/ocf_xml.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

namespace fs = std::filesystem;
using model::Diagnostics;

const fs::path kCrmVerify = "/usr/sbin/crm_verify";
const fs::path kFixtures = fs::path(OCFBRIDGE_SOURCE_DIR) / "tests/fixtures/ocf-xml";

struct ProgramRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a program with argv and a clean environment (no shell).
ProgramRun run(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    char path[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    char* env[] = {path, nullptr};
    ::execve(args[0], args.data(), env);
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ProgramRun out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.output.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string describe(const Diagnostics& d) {
  std::string out;
  for (const auto& e : d.entries()) out += e.to_string() + "\n";
  return out;
}

model::Cluster located_full_model() {
  std::ifstream in(kFixtures / "full.xml");
  std::stringstream s;
  s << in.rdbuf();
  Diagnostics d;
  auto c = read_ocf_xml(s.str(), "full.xml", d);
  EXPECT_TRUE(c) << describe(d);
  return c.value_or(model::Cluster{});
}

class Cib : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ocfbridge-cib-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Cib, CrmVerifyAcceptsTheCibOfTheFullModel) {
  OCF_REQUIRE(fs::exists(kCrmVerify), "crm_verify is not installed");
  Diagnostics d;
  auto cib = write_cib(located_full_model(), d);
  ASSERT_TRUE(cib) << describe(d);
  fs::path file = dir_ / "cib.xml";
  std::ofstream(file) << *cib;
  ProgramRun r = run({kCrmVerify.string(), "--xml-file", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.output << "\n" << *cib;
  EXPECT_EQ(r.output.find("error"), std::string::npos) << r.output;
}

TEST_F(Cib, CrmVerifyRejectsABrokenCibSoTheCheckAboveMeansSomething) {
  OCF_REQUIRE(fs::exists(kCrmVerify), "crm_verify is not installed");
  Diagnostics d;
  auto cib = write_cib(located_full_model(), d);
  ASSERT_TRUE(cib);
  std::string broken = *cib;
  broken.replace(broken.find("<primitive id=\"ip\""), 18, "<primitive ix=\"ip\"");
  fs::path file = dir_ / "broken.xml";
  std::ofstream(file) << broken;
  EXPECT_NE(run({kCrmVerify.string(), "--xml-file", file.string()}).exit_code, 0);
}

TEST(CibContent, PolicyBecomesScoresStickinessAndMeta) {
  Diagnostics d;
  auto cib = write_cib(located_full_model(), d);
  ASSERT_TRUE(cib) << describe(d);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(cib->c_str()));
  auto config = doc.child("cib").child("configuration");
  // The ordered domain alpha, beta, gamma of group web: descending scores.
  std::vector<std::pair<std::string, std::string>> web;
  for (auto loc : config.child("constraints").children("rsc_location"))
    if (std::string(loc.attribute("rsc").value()) == "web" &&
        std::string(loc.attribute("id").value()).rfind("location-web-", 0) == 0)
      web.emplace_back(loc.attribute("node").value(), loc.attribute("score").value());
  EXPECT_EQ(web, (std::vector<std::pair<std::string, std::string>>{
                     {"alpha", "300"}, {"beta", "200"}, {"gamma", "100"}}));
  auto meta_of = [&](const char* group) {
    std::map<std::string, std::string> out;
    auto g = config.child("resources").find_child_by_attribute("group", "id", group);
    for (auto nv : g.child("meta_attributes").children("nvpair"))
      out[nv.attribute("name").value()] = nv.attribute("value").value();
    return out;
  };
  // notify: automatic failback, initially disabled.
  auto notify = meta_of("notify");
  EXPECT_EQ(notify["resource-stickiness"], "0");
  EXPECT_EQ(notify["target-role"], "Stopped");
  // web: manual failback would be INFINITY, but its own meta says 100 (a
  // reported conflict); two local restarts mean failover on the third failure.
  auto web_meta = meta_of("web");
  EXPECT_EQ(web_meta["resource-stickiness"], "100");
  EXPECT_EQ(web_meta["migration-threshold"], "3");
  // Operations carry interval and timeout; depth is OCF_CHECK_LEVEL.
  auto ip = config.child("resources").find_child_by_attribute("group", "id", "web")
                .find_child_by_attribute("primitive", "id", "ip");
  auto monitor = ip.child("operations").find_child_by_attribute("op", "name", "monitor");
  EXPECT_STREQ(monitor.attribute("interval").value(), "10s");
  EXPECT_STREQ(monitor.attribute("timeout").value(), "20s");
  EXPECT_STREQ(monitor.child("instance_attributes").child("nvpair").attribute("name").value(),
               "OCF_CHECK_LEVEL");
  EXPECT_STREQ(ip.child("instance_attributes").child("nvpair").attribute("value").value(),
               "10.0.0.10");
  // The auth secret never reaches the CIB or a message.
  EXPECT_EQ(cib->find("hunter2-secret-key"), std::string::npos);
  EXPECT_EQ(describe(d).find("hunter2-secret-key"), std::string::npos);
}

TEST(CibContent, WhatTheCibCannotHoldIsALocatedLoss) {
  model::Cluster c = located_full_model();
  Diagnostics d;
  ASSERT_TRUE(write_cib(c, d));
  auto loss_at = [&](const std::string& code, const model::SourceLocation& where) {
    for (const auto& e : d.entries())
      if (e.severity == model::Severity::kLoss && e.code == code && e.where == where) return true;
    return false;
  };
  EXPECT_TRUE(loss_at("loss.round-robin", c.groups[1].policy.origin)) << describe(d);
  EXPECT_TRUE(loss_at("loss.cib-channel", c.channels[3].origin)) << describe(d);
  EXPECT_TRUE(loss_at("loss.cib-auth", c.auth.keys[1].origin)) << describe(d);
  EXPECT_TRUE(loss_at("loss.cib-node-address", c.nodes[0].origin)) << describe(d);
  EXPECT_TRUE(loss_at("loss.cib-empty-group", c.groups[2].origin)) << describe(d);
  EXPECT_TRUE(loss_at("loss.cib-policy", c.groups[0].policy.attributes[0].origin))
      << describe(d);
  EXPECT_TRUE(d.has("loss.cib-timing"));
  EXPECT_TRUE(d.has("cib.no-fencing"));
  EXPECT_FALSE(d.has_errors());
}

// A resource Pacemaker cannot run (a Kimberlite or FailSafe script with no
// OCF or LSB mapping) is left out as a loss at its line, with each
// constraint on it and the group it leaves empty; the rest is written, and
// crm_verify accepts it (no dangling reference).
TEST_F(Cib, AResourcePacemakerCannotRunIsLeftOutAsALoss) {
  model::Cluster c;
  c.nodes.push_back({"n1", 1, {}, {}, {}});
  c.resources.push_back({"svc", {"kimberlite", "", "svc"}, {}, {}, {}, {"c.conf", 4, 1}});
  c.resources.push_back({"ip", {"ocf", "heartbeat", "IPaddr2"}, {{"ip", "10.0.0.1", {}}}, {},
                         {}, {"c.conf", 5, 1}});
  c.resources.push_back({"app", {"failsafe", "", "app"}, {}, {}, {}, {"c.conf", 6, 1}});
  c.resources.push_back({"db", {"lsb", "", "db"}, {}, {}, {}, {"c.conf", 7, 1}});
  c.groups.push_back({"web", {"svc", "ip"}, {}, {}, {"c.conf", 8, 1}});
  c.groups.push_back({"apps", {"app"}, {}, {}, {"c.conf", 9, 1}});
  c.groups[0].policy.domain = {"n1"};
  c.groups[1].policy.domain = {"n1"};
  c.constraints.push_back({model::ConstraintKind::kOrder, "", "db", "apps", "", "", {"c.conf", 10, 1}});
  c.constraints.push_back({model::ConstraintKind::kColocation, "", "db", "web", "", "", {"c.conf", 11, 1}});
  c.constraints.push_back({model::ConstraintKind::kLocation, "", "svc", "", "n1", "", {"c.conf", 12, 1}});
  Diagnostics d;
  auto cib = write_cib(c, d);
  ASSERT_TRUE(cib) << describe(d);
  EXPECT_FALSE(d.has_errors()) << describe(d);
  std::vector<unsigned> lines;
  for (const auto& e : d.entries())
    if (e.code == "loss.cib-agent-class") lines.push_back(e.where.line);
  EXPECT_EQ(lines, (std::vector<unsigned>{4, 6, 9, 10, 12})) << describe(d);
  EXPECT_EQ(cib->find("id=\"svc\""), std::string::npos) << *cib;
  EXPECT_EQ(cib->find("apps"), std::string::npos) << *cib;
  EXPECT_EQ(cib->find("\"app\""), std::string::npos) << *cib;
  EXPECT_NE(cib->find("<group id=\"web\">"), std::string::npos) << *cib;
  EXPECT_NE(cib->find("<primitive id=\"ip\""), std::string::npos) << *cib;
  EXPECT_NE(cib->find("<rsc_colocation id=\"colocation-2\" rsc=\"db\" with-rsc=\"web\""),
            std::string::npos)
      << *cib;
  OCF_REQUIRE(fs::exists(kCrmVerify), "crm_verify is not installed");
  fs::path file = dir_ / "cib.xml";
  std::ofstream(file) << *cib;
  ProgramRun r = run({kCrmVerify.string(), "--xml-file", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.output << "\n" << *cib;
}

TEST(CibContent, InvalidIdsAreRewrittenConsistently) {
  model::Cluster c;
  c.nodes.push_back({"n1", std::nullopt, {}, {}, {}});
  c.resources.push_back({"10.0.0.1", {"ocf", "heartbeat", "IPaddr"}, {}, {}, {}, {}});
  c.groups.push_back({"group 1", {"10.0.0.1"}, {}, {}, {}});
  c.groups[0].policy.domain = {"n1"};
  Diagnostics d;
  auto cib = write_cib(c, d);
  ASSERT_TRUE(cib);
  EXPECT_TRUE(d.has("cib.id-renamed"));
  EXPECT_NE(cib->find("<group id=\"group_1\">"), std::string::npos) << *cib;
  EXPECT_NE(cib->find("<primitive id=\"_10.0.0.1\""), std::string::npos) << *cib;
  EXPECT_NE(cib->find("rsc=\"group_1\" node=\"n1\""), std::string::npos) << *cib;
}

// Each rule of id making: bytes other than letters, digits, '-', '_' and
// '.' become '_' (a replaced first byte then starts the id as '_'), an id
// starting with a digit, '-' or '.' gets a '_' in front, and a taken id the
// first free suffix -2, -3, ... (also when the suffixed id was itself a
// model id).
TEST(CibContent, IdsFollowEveryRuleAndStayUnique) {
  model::Cluster c;
  for (std::string id : {"9lives", "-dash", ".dot", "_under", "/slash", "a b", "a_b", "a/b",
                         "a_b-2", "caf\xc3\xa9", "ok-1.2_3"})
    c.resources.push_back({id, {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, {}});
  c.resources[0].params = {{"fake", "1", {}}, {"fa ke", "2", {}}, {"fa_ke", "3", {}}};
  Diagnostics d;
  auto cib = write_cib(c, d);
  ASSERT_TRUE(cib) << describe(d);
  std::vector<std::string> ids;
  for (std::size_t at = cib->find(" id=\""); at != std::string::npos;
       at = cib->find(" id=\"", at + 1)) {
    std::size_t start = at + 5;
    ids.push_back(cib->substr(start, cib->find('"', start) - start));
  }
  const std::vector<std::string> expected = {
      "cib-bootstrap-options", "cib-bootstrap-options-stonith-enabled",
      "_9lives", "_9lives-instance_attributes", "_9lives-instance_attributes-fake",
      "_9lives-instance_attributes-fa_ke", "_9lives-instance_attributes-fa_ke-2",
      "_-dash", "_.dot", "_under", "_slash", "a_b", "a_b-2", "a_b-3", "a_b-2-2",
      "caf__", "ok-1.2_3"};
  EXPECT_EQ(ids, expected) << *cib;
}

TEST(CibAdapter, IsRegisteredWriteOnlyAndLeavesForeignExtensionsToTheCaller) {
  const adapter::Adapter* a = adapter::Registry::instance().find("pacemaker");
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE(a->can_read());
  EXPECT_TRUE(a->can_write());
  EXPECT_FALSE(a->uses_directory());
  // The CIB does not keep them, so the caller reports them (once).
  EXPECT_FALSE(a->keeps_foreign_extensions());
  io::MemoryEnv env;
  adapter::Context context(env, {});
  Diagnostics d;
  auto out = a->write(testing::full_model(), context, d);
  ASSERT_TRUE(out) << describe(d);
  EXPECT_FALSE(d.has("loss.extension"));
}

TEST(CibAdapter, ACibHoldingAPasswordIsPrivate) {
  const adapter::Adapter* a = adapter::Registry::instance().find("pacemaker");
  ASSERT_NE(a, nullptr);
  io::MemoryEnv env;
  adapter::Context context(env, {});
  model::Cluster plain = testing::full_model();
  plain.auth = {};
  plain.extensions.clear();
  for (auto& n : plain.nodes) n.attributes.clear();
  Diagnostics d;
  auto out = a->write(plain, context, d);
  ASSERT_TRUE(out) << describe(d);
  EXPECT_EQ(out->files[0].mode, 0644u);

  model::Cluster with_password = plain;
  ASSERT_FALSE(with_password.resources.empty());
  with_password.resources[0].params.push_back({"passwd", "hunter2", {}});
  auto priv = a->write(with_password, context, d);
  ASSERT_TRUE(priv) << describe(d);
  EXPECT_EQ(priv->files[0].mode, 0600u);
}

}  // namespace
}  // namespace ocf::xml
