// An operator's quirk directory changes a Kimberlite mapping, and a quirk
// that fails is reported with its Lua file and line.
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using testing::dump;
using testing::Harness;

class QuirkRoot {
 public:
  explicit QuirkRoot(const std::string& lua) {
    root_ = std::filesystem::temp_directory_path() /
            ("kimberlite-quirks-" + std::to_string(getpid()) + "-" + std::to_string(++count_));
    std::filesystem::create_directories(root_ / "kimberlite");
    std::ofstream(root_ / "kimberlite" / "site.lua") << lua;
  }
  ~QuirkRoot() { std::filesystem::remove_all(root_); }
  const std::filesystem::path& path() const { return root_; }

 private:
  static inline int count_ = 0;
  std::filesystem::path root_;
};

std::string fence_agent(const model::Cluster& c) {
  const auto* a = model::find(c.nodes.at(0).attributes, "fence_agent");
  return a ? a->value : "";
}

TEST(KimberliteQuirks, AnOverrideFileChangesAMapping) {
  {
    Harness shipped;
    model::Diagnostics d;
    auto c = shipped.import_fixture("nfs_server.conf", d);
    ASSERT_TRUE(c) << dump(d);
    EXPECT_EQ(fence_agent(*c), "fence_rps10");
  }
  QuirkRoot site(
      "return {\n"
      "  power_switch_types = { RPS10 = 'fence_site_rps10' },\n"
      "  channel_names = { is_interface = function(name) return name:match('^node%-a$') end },\n"
      "}\n");
  Harness h({site.path()});
  model::Diagnostics d;
  auto c = h.import_fixture("nfs_server.conf", d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(fence_agent(*c), "fence_site_rps10");
  EXPECT_EQ(c->channels.at(0).kind, model::ChannelKind::kBroadcast);
  EXPECT_EQ(c->channels.at(0).interface, "node-a");
  // The reverse direction uses the same table.
  auto text = h.export_text(*c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_NE(text->find("  powerSwitchType = RPS10\n"), std::string::npos) << *text;
}

TEST(KimberliteQuirks, TheInitDirectoriesComeFromTheQuirks) {
  QuirkRoot site(
      "return { agents = { user_script = { class = 'kimberlite', id = 'script',\n"
      "  monitor = 'monitor', init_directories = { '/sbin/init.d' } } } }\n");
  Harness h({site.path()});
  model::Diagnostics d;
  auto c = h.import_fixture("web_service.conf", d);
  ASSERT_TRUE(c) << dump(d);
  // /etc/init.d is no longer an init directory...
  EXPECT_EQ(c->find_resource("web-script")->agent.to_string(), "kimberlite:/etc/init.d/httpd");
  // ...and lsb:NAME is written into the site's one.
  c->find_resource("web-script")->agent = {"lsb", "", "httpd"};
  auto text = h.export_text(*c, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_NE(text->find("  userScript = /sbin/init.d/httpd\n"), std::string::npos) << *text;
}

TEST(KimberliteQuirks, AFailingQuirkIsReportedWithItsFileAndLine) {
  QuirkRoot site(
      "return {\n"
      "  conversions = { netmask = { to_model = function(v)\n"
      "    error('site netmask rule broken')\n"
      "  end, to_native = function(v) return v end } },\n"
      "}\n");
  Harness h({site.path()});
  model::Diagnostics d;
  auto c = h.import_fixture("nfs_server.conf", d);
  EXPECT_FALSE(c);
  bool located = false;
  for (const auto& e : d.of(model::Severity::kError))
    located = located || (e.where.file.ends_with("site.lua") && e.where.line == 3 &&
                          e.message.find("site netmask rule broken") != std::string::npos);
  EXPECT_TRUE(located) << dump(d);
}

TEST(KimberliteQuirks, AMissingTableIsAnErrorNotASilentChange) {
  QuirkRoot site("return { members = { chan = 'not a table' } }\n");
  Harness h({site.path()});
  model::Diagnostics d;
  EXPECT_FALSE(h.import_fixture("nfs_server.conf", d));
  EXPECT_TRUE(d.has("kimberlite.quirk-missing")) << dump(d);
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
