// FailSafe -> model -> FailSafe: the script written from the model reads
// back into the same model, the writing is stable, what the model could not
// hold survives as extensions, and the Lua tables decide the names.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "adapters/failsafe/cmgr_parser.h"
#include "adapters/failsafe/cmgr_writer.h"
#include "tests/adapters/failsafe/failsafe_test_util.h"

namespace ocf::adapters::failsafe::testing {
namespace {

namespace fs = std::filesystem;

class FailSafeRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(FailSafeRoundTrip, NativeModelNativeIsSemanticallyIdentical) {
  model::Diagnostics d1;
  auto first = read_file(fixture(GetParam()), d1);
  ASSERT_TRUE(first) << dump(d1);

  model::Diagnostics w1;
  auto out1 = write_model(*first, w1);
  ASSERT_TRUE(out1) << dump(w1);
  EXPECT_EQ(w1.count(model::Severity::kLoss), 0u) << dump(w1);
  ASSERT_EQ(out1->files.size(), 1u);
  EXPECT_TRUE(out1->files[0].name.empty());
  EXPECT_FALSE(out1->directory);

  model::Diagnostics d2;
  auto second = read_text(out1->files[0].contents, d2);
  ASSERT_TRUE(second) << dump(d2) << out1->files[0].contents;
  EXPECT_TRUE(*first == *second) << out1->files[0].contents;
  // Look closer when they differ, for a readable failure.
  EXPECT_EQ(first->nodes, second->nodes);
  EXPECT_EQ(first->channels, second->channels);
  EXPECT_EQ(first->properties, second->properties);
  EXPECT_EQ(first->timing, second->timing);
  EXPECT_EQ(first->resources, second->resources);
  EXPECT_EQ(first->groups, second->groups);
  EXPECT_EQ(first->constraints, second->constraints);
  EXPECT_EQ(first->extensions, second->extensions);
  // The same warnings come back (nothing new appeared on the way).
  EXPECT_EQ(d1.count(model::Severity::kWarning), d2.count(model::Severity::kWarning))
      << dump(d1) << dump(d2);

  model::Diagnostics w2;
  auto out2 = write_model(*second, w2);
  ASSERT_TRUE(out2);
  EXPECT_EQ(out1->files[0].contents, out2->files[0].contents) << "writing is stable";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FailSafeRoundTrip,
                         ::testing::Values("nfs-two-node.cmgr", "web-three-node.cmgr",
                                           "multi-group.cmgr"));

TEST(FailSafeRoundTripDetails, UnknownFieldSurvivesWithAWarning) {
  const std::string script =
      "define node a\n  set nodeid to 1\n  set rack_position to 12U\n"
      "  add nic 10.0.0.1\n    set bandwidth to 1000\n  done\ndone\n"
      "define cluster c\n  add node a\ndone\n"
      "modify ha_parameters in cluster c\n  set quorum_policy to majority\ndone\n"
      "define resource 10.0.0.5 of resource_type IP_address in cluster c\n"
      "  set arp_count to 5\ndone\n";
  model::Diagnostics d;
  auto c = read_text(script, d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kWarning), 4u) << dump(d);
  model::Diagnostics w;
  auto out = write_model(*c, w);
  ASSERT_TRUE(out) << dump(w);
  const std::string& text = out->files[0].contents;
  EXPECT_NE(text.find("  set rack_position to 12U\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    set bandwidth to 1000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  set quorum_policy to majority\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  set arp_count to 5\n"), std::string::npos) << text;
  model::Diagnostics d2;
  auto again = read_text(text, d2);
  ASSERT_TRUE(again) << dump(d2);
  EXPECT_EQ(c->extensions, again->extensions);
  EXPECT_EQ(d2.count(model::Severity::kWarning), 4u) << "still unknown, still warned";
}

// Scripts whose content the model holds only as extensions: a per-node
// type definition, a site type no resource uses, a type attribute nobody
// sets, a policy with a site-defined script, removals.
TEST(FailSafeRoundTripDetails, ExtensionOnlyContentSurvives) {
  const std::string script =
      "define node a\n  add nic 10.0.0.1\n  done\n  add nic 10.0.0.2\n  done\ndone\n"
      "define node b\ndone\n"
      "define cluster c\n  add node a\n  add node b\ndone\n"
      "modify node a\n  remove nic 10.0.0.2\ndone\n"
      "define resource_type app in cluster c\n  set order to 750\n"
      "  add action start\n    set exec_time to 1000\n  done\n"
      "  add type_attribute unused\n  done\n  add type_attribute mode\n"
      "    set default_value to fast\n  done\n  add dependency IP_address\ndone\n"
      "define resource_type app on node b in cluster c\n  set order to 760\n"
      "  add action start\n    set exec_time to 2000\n  done\ndone\n"
      "define resource_type spare_type in cluster c\ndone\n"
      "define resource x of resource_type app in cluster c\ndone\n"
      "define resource y of resource_type app in cluster c\n  set mode to slow\n"
      "  add dependency x of resource_type app\ndone\n"
      "define failover_policy fp\n  set attribute to Auto_Failback\n"
      "  set script to follow-the-sun\n  set domain to b a\ndone\n"
      "define resource_group g in cluster c\n  set failover_policy to fp\n"
      "  add resource x of resource_type app\n  add resource y of resource_type app\ndone\n"
      "modify resource_group g in cluster c\n  remove resource y of resource_type app\ndone\n";
  model::Diagnostics d;
  auto first = read_text(script, d);
  ASSERT_TRUE(first) << dump(d);
  ASSERT_EQ(first->channels.size(), 1u) << "remove nic took effect";
  EXPECT_EQ(first->groups[0].members, (std::vector<std::string>{"app-x"}));
  EXPECT_EQ(model::find(first->find_resource("app-x")->params, "mode")->value, "fast");
  EXPECT_EQ(model::find(first->find_resource("app-y")->params, "mode")->value, "slow");
  model::Diagnostics w;
  auto out = write_model(*first, w);
  ASSERT_TRUE(out) << dump(w);
  EXPECT_EQ(w.count(model::Severity::kLoss), 0u) << dump(w);
  model::Diagnostics d2;
  auto second = read_text(out->files[0].contents, d2);
  ASSERT_TRUE(second) << dump(d2) << out->files[0].contents;
  EXPECT_EQ(first->extensions, second->extensions) << out->files[0].contents;
  EXPECT_TRUE(*first == *second) << out->files[0].contents;
}

TEST(FailSafeRoundTripDetails, DocumentedLimitsAreWarningsOnly) {
  std::string script = "define node a\ndone\ndefine cluster c\n  add node a\ndone\n";
  for (int i = 0; i < 101; ++i)
    script += "define resource 10.0.1." + std::to_string(i) +
              " of resource_type IP_address in cluster c\ndone\n";
  model::Diagnostics d;
  auto c = read_text(script, d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->resources.size(), 101u);
  EXPECT_TRUE(d.has("failsafe.many-resources"));
}

TEST(FailSafeRoundTripDetails, ScriptParsesAndWritesBackByteForByte) {
  // Through the native document only (no model): comments, session
  // defaults, cancel and delete are all kept.
  for (const char* name : {"nfs-two-node.cmgr", "web-three-node.cmgr", "multi-group.cmgr"}) {
    SCOPED_TRACE(name);
    std::string text = slurp(fixture(name));
    model::Diagnostics d;
    auto doc = parse_cmgr(text, name, d);
    EXPECT_FALSE(d.has_errors()) << dump(d);
    EXPECT_EQ(write_cmgr(doc), text);
  }
}

TEST(FailSafeRoundTripDetails, LinesFarLongerThanTheWritersGuessAreWrittenWhole) {
  // The writer sizes its text from the number of lines (some tens of bytes
  // each) and grows it when a line does not fit: here the first line alone
  // is longer than the whole guess, and later ones outgrow it again.
  std::string text = "# " + std::string(3000, 'c') + "\n\ndefine node a  # " +
                     std::string(700, 'l') + "\n  set hostname to " + std::string(5000, 'h') +
                     "  # " + std::string(2000, 'n') + "\n  add nic " + std::string(40, '1') +
                     "\n    set priority to " + std::string(900, '2') + "\n";
  for (int i = 0; i < 60; ++i) text += "    # " + std::string(100 + i, 'x') + "\n";
  text += "  done\ndone\nquit\n";
  model::Diagnostics d;
  auto doc = parse_cmgr(text, "long.cmgr", d);
  ASSERT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(write_cmgr(doc), text);
}

// A quirk override directory: a later root replaces entries of the shipped
// tables.
class QuirkOverride : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("failsafe-quirks-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "failsafe");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& file, const std::string& lua) {
    std::ofstream(dir_ / "failsafe" / file) << lua;
  }
  std::vector<fs::path> roots() const { return {shipped_roots()[0], dir_}; }
  fs::path dir_;
};

TEST_F(QuirkOverride, RenamingAFieldChangesTheMapping) {
  // Suppose the real cmgr name of node_timeout were node_timeout_ms: one
  // line in an override file, and the old name becomes unknown.
  write("zz-site.lua",
        "return { ha_parameters_fields = {\n"
        "  node_timeout = false,\n"
        "  node_timeout_ms = { type = 'integer', model = 'timing:dead_ms' },\n"
        "} }\n");
  const std::string script =
      "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
      "modify ha_parameters in cluster c\n  set node_timeout_ms to 7000\ndone\n";
  model::Diagnostics shipped_d;
  auto shipped = read_text(script, shipped_d);
  ASSERT_TRUE(shipped) << dump(shipped_d);
  EXPECT_FALSE(shipped->timing.dead_ms) << "the shipped tables do not know the name";
  EXPECT_TRUE(shipped_d.has("failsafe.unknown-field"));

  model::Diagnostics d;
  auto c = read_text(script, d, roots());
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->timing.dead_ms, 7000u);
  EXPECT_FALSE(d.has("failsafe.unknown-field")) << dump(d);

  // And the old name is now unknown, kept as written.
  model::Diagnostics old_d;
  auto old = read_text(
      "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
      "modify ha_parameters in cluster c\n  set node_timeout to 7000\ndone\n",
      old_d, roots());
  ASSERT_TRUE(old) << dump(old_d);
  EXPECT_FALSE(old->timing.dead_ms);
  EXPECT_TRUE(old_d.has("failsafe.unknown-field"));

  // Export uses the new name.
  model::Diagnostics w;
  auto out = write_model(*c, w, roots());
  ASSERT_TRUE(out);
  EXPECT_NE(out->files[0].contents.find("set node_timeout_ms to 7000"), std::string::npos)
      << out->files[0].contents;
}

TEST_F(QuirkOverride, ASiteResourceTypeMapsToAnOcfAgent) {
  write("site-types.lua",
        "return { resource_types = {\n"
        "  webapp = { order = 720, agent = 'ocf:heartbeat:apache', name_param = 'configfile',\n"
        "             attributes = { { name = 'port', param = 'port' } } },\n"
        "} }\n");
  const std::string script =
      "define node a\ndone\ndefine cluster c\n  add node a\ndone\n"
      "define resource /etc/httpd.conf of resource_type webapp in cluster c\n"
      "  set port to 8080\ndone\n";
  model::Diagnostics d;
  auto c = read_text(script, d, roots());
  ASSERT_TRUE(c) << dump(d);
  ASSERT_EQ(c->resources.size(), 1u);
  EXPECT_EQ(c->resources[0].agent.to_string(), "ocf:heartbeat:apache");
  EXPECT_EQ(model::find(c->resources[0].params, "configfile")->value, "/etc/httpd.conf");
  EXPECT_EQ(model::find(c->resources[0].params, "port")->value, "8080");
  // Without the override it is an undefined type.
  model::Diagnostics shipped_d;
  EXPECT_FALSE(read_text(script, shipped_d));
  EXPECT_TRUE(shipped_d.has("failsafe.unknown-type"));
}

// A site whose system controllers take numeric passwords: the value that
// fails the check is still never quoted, because the field is secret.
TEST_F(QuirkOverride, ASecretFieldsBadValueIsNotQuoted) {
  write("zz-password.lua",
        "return { node_fields = {\n"
        "  sysctrl_password = { type = 'integer', secret = true,\n"
        "                       model = 'attribute:sysctrl_password' },\n"
        "} }\n");
  model::Diagnostics d;
  EXPECT_FALSE(read_text("define node a\n  set sysctrl_password to Pa55word\ndone\n", d,
                         roots()));
  EXPECT_TRUE(d.has("failsafe.bad-integer")) << dump(d);
  EXPECT_EQ(dump(d).find("Pa55word"), std::string::npos) << dump(d);
  // An ordinary field's bad value is quoted, to help find it.
  model::Diagnostics plain;
  EXPECT_FALSE(read_text("define node a\n  set nodeid to Pa55word\ndone\n", plain, roots()));
  EXPECT_NE(dump(plain).find("Pa55word"), std::string::npos) << dump(plain);
}

TEST_F(QuirkOverride, ABrokenQuirkFileIsReportedWithItsFileAndLine) {
  write("zz-broken.lua", "return {\n  node_fields = {\n    hostname = { type = 'string' ,, },\n  }\n}\n");
  model::Diagnostics d;
  read_text("define node a\ndone\n", d, roots());
  bool found = false;
  for (const auto& e : d.of(model::Severity::kError))
    found = found || (e.where.file.find("zz-broken.lua") != std::string::npos &&
                      (e.where.line == 3 || e.message.find(":3:") != std::string::npos));
  EXPECT_TRUE(found) << dump(d);
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
