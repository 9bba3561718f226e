// report_foreign_extensions: what the bridge says about other products'
// extensions when writing to a target -- and what it never says.
#include "bridge/adapter/adapter.h"

#include <gtest/gtest.h>

#include <string>

namespace ocf::adapter {
namespace {

using model::Severity;

std::string report_text(const model::Diagnostics& d) {
  std::string text;
  for (const auto& e : d.entries()) text += e.to_string() + "\n";
  return text;
}

// FailSafe's system-controller password of a node and a password parameter
// kept as extensions, as adapters keep fields the model has no place for;
// the same cluster also holds them as a node attribute and a parameter.
model::Cluster cluster_with_passwords() {
  model::Cluster c;
  c.nodes.push_back({"alpha", 1, {}, {{"sysctrl_password", "hunter2", {}}}, {}});
  c.resources.push_back(
      {"app_1", {"failsafe", "", "app"}, {{"passwd", "hunter2", {}}}, {}, {}, {}});
  c.extensions.push_back({"failsafe", "node:alpha", "sysctrl_password", "hunter2", {"a.cmgr", 7, 3}});
  c.extensions.push_back({"failsafe", "resource:app_1", "passwd", "hunter2", {"a.cmgr", 20, 3}});
  c.extensions.push_back(
      {"kimberlite", "node:alpha", "members%member0%powerPassword", "hunter2", {}});
  c.extensions.push_back({"failsafe", "resource:app_1", "monitoring-level", "2", {}});
  return c;
}

TEST(ReportForeignExtensions, NeverShowsAPasswordButNamesIt) {
  for (const char* target : {"heartbeat", "pacemaker", "kimberlite", "failsafe"}) {
    model::Diagnostics d;
    report_foreign_extensions(cluster_with_passwords(), target, d);
    std::string text = report_text(d);
    EXPECT_EQ(text.find("hunter2"), std::string::npos) << target << ":\n" << text;
  }
  model::Diagnostics d;
  report_foreign_extensions(cluster_with_passwords(), "heartbeat", d);
  std::string text = report_text(d);
  ASSERT_EQ(d.count(Severity::kLoss), 4u) << text;
  EXPECT_NE(text.find("a.cmgr:7:3: loss: failsafe sysctrl_password (secret) (node:alpha) has no "
                      "equivalent in heartbeat [loss.extension]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("failsafe passwd (secret) (resource:app_1)"), std::string::npos) << text;
  EXPECT_NE(text.find("kimberlite members%member0%powerPassword (secret) (node:alpha)"),
            std::string::npos)
      << text;
}

TEST(ReportForeignExtensions, ShowsAnOrdinaryValue) {
  model::Diagnostics d;
  report_foreign_extensions(cluster_with_passwords(), "heartbeat", d);
  EXPECT_NE(report_text(d).find("failsafe monitoring-level '2' (resource:app_1)"),
            std::string::npos)
      << report_text(d);
}

TEST(ReportForeignExtensions, SkipsTheTargetsOwnExtensions) {
  model::Diagnostics d;
  report_foreign_extensions(cluster_with_passwords(), "failsafe", d);
  EXPECT_EQ(d.count(Severity::kLoss), 1u) << report_text(d);  // the kimberlite one
}

}  // namespace
}  // namespace ocf::adapter
