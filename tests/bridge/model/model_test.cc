// The model's own rules: agent references, attribute helpers and the
// structural checks every adapter relies on.
#include "bridge/model/model.h"

#include <gtest/gtest.h>

namespace ocf::model {
namespace {

Cluster two_node_cluster() {
  Cluster c;
  c.name = "demo";
  c.nodes = {{"alpha", 1, {}, {}, {"ha.cf", 3, 6}}, {"beta", 2, {}, {}, {"ha.cf", 3, 12}}};
  Resource ip{"ip", {"ocf", "heartbeat", "IPaddr2"}, {{"ip", "10.0.0.1", {}}}, {}, {}, {}};
  c.resources.push_back(ip);
  ResourceGroup g;
  g.id = "web";
  g.members = {"ip"};
  g.policy.domain = {"alpha", "beta"};
  c.groups.push_back(g);
  return c;
}

TEST(AgentRef, ParsesThreeAndTwoPartNamesAndRejectsEmptyParts) {
  auto ocf = AgentRef::parse("ocf:heartbeat:IPaddr2");
  ASSERT_TRUE(ocf);
  EXPECT_EQ(ocf->cls, "ocf");
  EXPECT_EQ(ocf->provider, "heartbeat");
  EXPECT_EQ(ocf->type, "IPaddr2");
  EXPECT_EQ(ocf->to_string(), "ocf:heartbeat:IPaddr2");
  auto lsb = AgentRef::parse("lsb:nfs-kernel-server");
  ASSERT_TRUE(lsb);
  EXPECT_TRUE(lsb->provider.empty());
  EXPECT_EQ(lsb->to_string(), "lsb:nfs-kernel-server");
  EXPECT_FALSE(AgentRef::parse("ocf::IPaddr2"));
  EXPECT_FALSE(AgentRef::parse("IPaddr2"));
  EXPECT_FALSE(AgentRef::parse("a:b:c:d"));
}

TEST(Attributes, SetReplacesTheFirstOfANameAndKeepsOrder) {
  Attributes a;
  set(a, "ip", "10.0.0.1");
  set(a, "nic", "eth0");
  set(a, "ip", "10.0.0.2");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "ip");
  EXPECT_EQ(a[0].value, "10.0.0.2");
  EXPECT_EQ(find(a, "nic")->value, "eth0");
  EXPECT_EQ(find(a, "broadcast"), nullptr);
}

TEST(Check, AcceptsAConsistentCluster) {
  Diagnostics d;
  check(two_node_cluster(), d);
  EXPECT_FALSE(d.has_errors()) << d.entries().front().to_string();
}

TEST(Check, ReportsDuplicateNodesAtTheSecondDeclaration) {
  auto c = two_node_cluster();
  c.nodes.push_back({"alpha", 3, {}, {}, {"ha.cf", 9, 6}});
  Diagnostics d;
  check(c, d);
  ASSERT_TRUE(d.has("model.duplicate-node"));
  EXPECT_EQ(d.entries().front().where.line, 9u);
}

TEST(Check, ReportsGroupMembersAndDomainsNamingUnknownThings) {
  auto c = two_node_cluster();
  c.groups[0].members.push_back("missing");
  c.groups[0].policy.domain.push_back("gamma");
  Diagnostics d;
  check(c, d);
  EXPECT_TRUE(d.has("model.group-member"));
  EXPECT_TRUE(d.has("model.domain-node"));
}

TEST(Check, ReportsAResourceInTwoGroups) {
  auto c = two_node_cluster();
  ResourceGroup g2;
  g2.id = "other";
  g2.members = {"ip"};
  c.groups.push_back(g2);
  Diagnostics d;
  check(c, d);
  EXPECT_TRUE(d.has("model.member-twice"));
}

TEST(Check, ReportsAnActiveAuthKeyThatIsNotDefined) {
  auto c = two_node_cluster();
  c.auth.active = 2;
  c.auth.keys.push_back({1, "sha1", "s3cret", {}});
  Diagnostics d;
  check(c, d);
  ASSERT_TRUE(d.has("model.auth-key"));
  for (const auto& e : d.entries()) EXPECT_EQ(e.message.find("s3cret"), std::string::npos);
}

TEST(Check, ReportsConstraintsNamingUnknownResourcesOrNodes) {
  auto c = two_node_cluster();
  c.constraints.push_back({ConstraintKind::kLocation, "loc", "web", "", "delta", "100", {}});
  c.constraints.push_back({ConstraintKind::kOrder, "ord", "ip", "nothing", "", "", {}});
  Diagnostics d;
  check(c, d);
  EXPECT_TRUE(d.has("model.constraint-node"));
  EXPECT_TRUE(d.has("model.constraint-resource"));
}

// check() keeps its names in a hash set of its own: among thousands of
// names of every length from 1 to 40 bytes, alike but for one byte, it
// finds every repeat and only those, in order.
TEST(Check, FindsEveryRepeatAmongThousandsOfAlikeNames) {
  std::vector<std::string> ids;
  for (std::size_t size = 1; size <= 40; ++size)
    for (std::size_t at = 0; at < size; ++at)
      for (char x : {'a', 'b'}) {
        std::string id(size, 'r');
        id[at] = x;
        ids.push_back(id);
      }
  Cluster c;
  for (const auto& id : ids) c.resources.push_back({id, {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, {}});
  ResourceGroup all;
  all.id = "all";
  all.members = ids;
  c.groups.push_back(all);
  Diagnostics clean;
  check(c, clean);
  EXPECT_FALSE(clean.has_errors()) << clean.entries().front().to_string();

  std::vector<std::string> expected;
  for (std::size_t i = 0; i < ids.size(); i += 7) {
    c.resources.push_back({ids[i], {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, {}});
    expected.push_back("resource id '" + ids[i] + "' is used twice");
  }
  ResourceGroup again;
  again.id = "again";
  again.members = {ids[5], "r", "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr", std::string(40, 'r')};
  c.groups.push_back(again);
  expected.push_back("resource '" + ids[5] + "' belongs to more than one group");
  for (const char* unknown : {"r", "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"})
    expected.push_back(std::string("group 'again' names unknown resource '") + unknown + "'");
  expected.push_back("group 'again' names unknown resource '" + std::string(40, 'r') + "'");
  Diagnostics d;
  check(c, d);
  std::vector<std::string> messages;
  for (const auto& e : d.entries()) messages.push_back(e.message);
  EXPECT_EQ(messages, expected);
}

TEST(Diagnostics, FormatsLocationSeverityAndCode) {
  Diagnostics d;
  d.loss("loss.round-robin", "round-robin placement has no equivalent", {"cmgr.txt", 12, 3});
  d.warning("w", "no location");
  EXPECT_EQ(d.entries()[0].to_string(),
            "cmgr.txt:12:3: loss: round-robin placement has no equivalent [loss.round-robin]");
  EXPECT_EQ(d.entries()[1].to_string(), "warning: no location [w]");
  EXPECT_EQ(d.count(Severity::kLoss), 1u);
  EXPECT_FALSE(d.has_errors());
}

}  // namespace
}  // namespace ocf::model
