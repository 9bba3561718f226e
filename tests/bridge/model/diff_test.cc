// The semantic diff: what it reports and what it deliberately ignores.
#include "bridge/model/diff.h"

#include <gtest/gtest.h>

namespace ocf::model {
namespace {

Cluster base() {
  Cluster c;
  c.name = "demo";
  c.nodes = {{"alpha", {}, {}, {}, {}}, {"beta", {}, {}, {}, {}}};
  c.timing.dead_ms = 10000;
  c.resources.push_back({"IPaddr_1", {"ocf", "heartbeat", "IPaddr2"},
                         {{"ip", "10.0.0.1", {}}, {"nic", "eth0", {}}}, {}, {}, {}});
  ResourceGroup g;
  g.id = "group_1";
  g.members = {"IPaddr_1"};
  g.policy.domain = {"alpha", "beta"};
  c.groups.push_back(g);
  c.auth.active = 1;
  c.auth.keys.push_back({1, "sha1", "first-secret", {}});
  return c;
}

TEST(Diff, IdenticalClustersHaveNoDifference) { EXPECT_TRUE(diff(base(), base()).empty()); }

TEST(Diff, ParameterOrderIsNotADifference) {
  auto right = base();
  std::swap(right.resources[0].params[0], right.resources[0].params[1]);
  EXPECT_TRUE(diff(base(), right).empty());
}

TEST(Diff, ReportsPolicyTimingAndParameterChanges) {
  auto right = base();
  right.groups[0].policy.failback = Failback::kManual;
  right.timing.dead_ms = 5000;
  right.resources[0].params[1].value = "eth1";
  auto ds = diff(base(), right);
  std::vector<std::string> lines;
  for (const auto& d : ds) lines.push_back(d.to_string());
  {
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "~ group group_1: failback: automatic -> manual"),
              lines.end());
    EXPECT_NE(std::find(lines.begin(), lines.end(), "~ timing: dead-ms: 10000 -> 5000"),
              lines.end());
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "~ resource IPaddr_1: param nic: eth0 -> eth1"),
              lines.end());
  }
  EXPECT_EQ(ds.size(), 3u);
}

TEST(Diff, MatchesResourcesAndGroupsByContentWhenIdsDiffer) {
  auto right = base();
  right.resources[0].id = "IP_address:10.0.0.1";
  right.groups[0].id = "web";
  right.groups[0].members = {"IP_address:10.0.0.1"};
  auto ds = diff(base(), right);
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].kind, Difference::Kind::kRenamed);
  EXPECT_EQ(ds[0].right, "IP_address:10.0.0.1");
  EXPECT_EQ(ds[1].kind, Difference::Kind::kRenamed);
  EXPECT_EQ(ds[1].right, "web");
}

TEST(Diff, ReportsAddedAndRemovedNodes) {
  auto right = base();
  right.nodes.push_back({"gamma", {}, {}, {}, {}});
  right.nodes.erase(right.nodes.begin());
  right.groups[0].policy.domain = {"beta"};
  auto ds = diff(base(), right);
  bool added = false, removed = false;
  for (const auto& d : ds) {
    added |= d.kind == Difference::Kind::kAdded && d.subject == "node gamma";
    removed |= d.kind == Difference::Kind::kRemoved && d.subject == "node alpha";
  }
  EXPECT_TRUE(added);
  EXPECT_TRUE(removed);
}

TEST(Diff, ShowsThatASecretChangedWithoutShowingIt) {
  auto right = base();
  right.auth.keys[0].secret = "second-secret";
  auto ds = diff(base(), right);
  ASSERT_FALSE(ds.empty());
  for (const auto& d : ds) {
    EXPECT_EQ(d.to_string().find("first-secret"), std::string::npos);
    EXPECT_EQ(d.to_string().find("second-secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace ocf::model
