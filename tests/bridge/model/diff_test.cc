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

// Everything a difference shows: its line and its values (which `ocfbridge
// diff --json` prints as they are).
std::string shown(const std::vector<Difference>& ds) {
  std::string text;
  for (const auto& d : ds) text += d.to_string() + "\n" + d.left + "\n" + d.right + "\n";
  return text;
}

bool has_line(const std::vector<Difference>& ds, const std::string& line) {
  for (const auto& d : ds)
    if (d.to_string() == line) return true;
  return false;
}

TEST(Diff, ShowsThatAPasswordAttributeOrParameterChangedWithoutShowingIt) {
  auto left = base();
  left.nodes[0].attributes.push_back({"sysctrl_password", "hunter2", {}});
  left.resources[0].params.push_back({"passwd", "hunter2", {}});
  left.properties.push_back({"fence_password", "hunter2", {}});
  left.groups[0].meta.push_back({"credentials", "hunter2", {}});
  auto right = base();
  right.nodes[0].attributes.push_back({"sysctrl_password", "swordfish", {}});
  right.resources[0].params.push_back({"passwd", "swordfish", {}});
  right.properties.push_back({"fence_password", "swordfish", {}});
  right.groups[0].meta.push_back({"credentials", "swordfish", {}});
  auto ds = diff(left, right);
  std::string text = shown(ds);
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
  EXPECT_EQ(text.find("swordfish"), std::string::npos) << text;
  EXPECT_TRUE(has_line(ds, "~ node alpha: attribute sysctrl_password: (secret) -> (secret)"))
      << text;
  EXPECT_TRUE(has_line(ds, "~ resource IPaddr_1: param passwd: (secret) -> (secret)")) << text;
  EXPECT_TRUE(has_line(ds, "~ cluster: property fence_password: (secret) -> (secret)")) << text;
  EXPECT_TRUE(has_line(ds, "~ group group_1: meta credentials: (secret) -> (secret)")) << text;
  EXPECT_EQ(ds.size(), 4u) << text;
}

TEST(Diff, ShowsThatAPasswordAppearedOrWentWithoutShowingIt) {
  auto left = base();
  left.nodes[0].attributes.push_back({"sysctrl_password", "hunter2", {}});
  auto right = base();
  right.resources[0].params.push_back({"passwd", "hunter2", {}});
  auto ds = diff(left, right);
  std::string text = shown(ds);
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
  EXPECT_TRUE(has_line(ds, "~ node alpha: attribute sysctrl_password: (secret) -> (none)"))
      << text;
  EXPECT_TRUE(has_line(ds, "~ resource IPaddr_1: param passwd: (none) -> (secret)")) << text;
}

TEST(Diff, AResourceOrExtensionOnOneSideIsShownWithItsPasswordsMasked) {
  auto left = base();
  left.resources.push_back({"fence_1", {"stonith", "", "fence_ipmilan"},
                            {{"ipaddr", "10.0.0.9", {}}, {"passwd", "hunter2", {}}}, {}, {}, {}});
  left.extensions.push_back({"failsafe", "node:alpha", "sysctrl_password", "hunter2", {}});
  left.channels.push_back({});
  left.channels.back().interface = "eth0";
  left.channels.back().attributes.push_back({"password", "hunter2", {}});
  auto ds = diff(left, base());
  std::string text = shown(ds);
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
  EXPECT_TRUE(
      has_line(ds, "- resource fence_1: stonith:fence_ipmilan ipaddr=10.0.0.9 passwd=(secret)"))
      << text;
  EXPECT_TRUE(has_line(ds, "- extension: failsafe node:alpha sysctrl_password=(secret)")) << text;
  EXPECT_TRUE(has_line(ds, "- channel: broadcast interface=eth0 attributes=password=(secret)"))
      << text;
}

TEST(Diff, AnOrdinaryKeyParameterIsShown) {
  auto right = base();
  right.resources[0].params.push_back({"key", "abc", {}});
  auto ds = diff(base(), right);
  EXPECT_TRUE(has_line(ds, "~ resource IPaddr_1: param key: (none) -> abc")) << shown(ds);
}

TEST(Diff, TimingChangesAreLocatedWhereTheValueWasRead) {
  Cluster a = base(), b = base();
  a.timing.warn_ms = 5000;
  a.timing.warn_origin = {"ha.cf", 6, 1};
  b.timing.warn_origin = {"other.cf", 9, 1};  // where a value is read is not a difference
  Cluster c = a;
  c.timing.warn_origin = {"elsewhere", 1, 1};
  EXPECT_TRUE(a == c);
  auto d = diff(a, b);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].field, "warn-ms");
  EXPECT_EQ(d[0].left_origin.file, "ha.cf");
  EXPECT_EQ(d[0].left_origin.line, 6u);
}

}  // namespace
}  // namespace ocf::model
