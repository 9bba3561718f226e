// kimberlite -> model -> kimberlite is semantically identical (and, for
// files already in Kimberlite's order, byte-identical but for the
// timestamp, which is rewritten on every write and never compared).
#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.h"

namespace ocf::adapters::kimberlite {
namespace {

using testing::dump;
using testing::fixed_clock;
using testing::fixture;
using testing::Harness;
using testing::read_text;

// Every field as "path = value", sorted; timestamp left out.
void flatten(const std::vector<Entry>& entries, const std::string& prefix,
             std::vector<std::string>& out) {
  for (const auto& e : entries) {
    std::string path = prefix.empty() ? e.name : prefix + "%" + e.name;
    if (e.kind == Entry::Kind::kField && path != "cluster%timestamp") out.push_back(path + " = " + e.value);
    if (e.kind == Entry::Kind::kComment) out.push_back(prefix + " #" + e.name);
    if (e.is_container()) flatten(e.children, path, out);
  }
}

std::vector<std::string> flat(const std::string& text) {
  model::Diagnostics d;
  auto doc = parse_conf(text, "x", d);
  EXPECT_TRUE(doc) << dump(d);
  std::vector<std::string> out;
  if (doc) flatten(doc->entries, "", out);
  std::sort(out.begin(), out.end());
  return out;
}

class KimberliteRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(KimberliteRoundTrip, NativeModelNativeIsIdentical) {
  Harness h;
  model::Diagnostics d;
  auto first = h.import_fixture(GetParam(), d);
  ASSERT_TRUE(first) << dump(d);
  auto text = h.export_text(*first, d);
  ASSERT_TRUE(text) << dump(d);
  EXPECT_EQ(d.count(model::Severity::kLoss), 0u) << dump(d);
  EXPECT_EQ(flat(*text), flat(read_text(fixture(GetParam()))));

  model::Diagnostics again;
  auto second = h.import_text(*text, "again.conf", again);
  ASSERT_TRUE(second) << dump(again);
  EXPECT_TRUE(*first == *second) << *text;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, KimberliteRoundTrip,
                         ::testing::Values("nfs_server.conf", "web_service.conf",
                                           "several_services.conf"));

TEST(KimberliteRoundTrip, CanonicalFilesComeBackByteForByte) {
  for (const char* name : {"nfs_server.conf", "web_service.conf"}) {
    Harness h;
    model::Diagnostics d;
    auto cluster = h.import_fixture(name, d);
    ASSERT_TRUE(cluster) << dump(d);
    auto document = export_cluster(*cluster, h.quirks(d), d);
    ASSERT_TRUE(document) << dump(d);
    std::string original = read_text(fixture(name));
    auto ts = original.find("timestamp = ") + 12;
    std::int64_t stamp = std::stoll(original.substr(ts, original.find('\n', ts) - ts));
    EXPECT_EQ(write_conf(*document, fixed_clock(stamp)), original) << name;
  }
}

TEST(KimberliteRoundTrip, RemovedAndReorderedGroupsAreRenumbered) {
  Harness h;
  model::Diagnostics d;
  auto c = h.import_fixture("several_services.conf", d);
  ASSERT_TRUE(c) << dump(d);
  // Drop "db" (service0) with its resources, and put "batch" before "files".
  auto db = *c->find_group("db");
  std::erase_if(c->resources, [&](const model::Resource& r) {
    return std::find(db.members.begin(), db.members.end(), r.id) != db.members.end();
  });
  std::erase_if(c->groups, [](const model::ResourceGroup& g) { return g.id == "db"; });
  std::swap(c->groups[0], c->groups[1]);

  model::Diagnostics w;
  auto text = h.export_text(*c, w);
  ASSERT_TRUE(text) << dump(w);
  EXPECT_EQ(text->find("service2"), std::string::npos) << *text;
  auto batch = text->find("start service0\n  checkInterval = 0\n  disabled = yes\n  name = batch\n");
  auto files = text->find("start service1\n");
  EXPECT_NE(batch, std::string::npos) << *text;
  ASSERT_NE(files, std::string::npos);
  EXPECT_LT(batch, files);
  // Comments follow their service to its new number...
  EXPECT_NE(text->find("# File and print service: stays where it is after a failover.\nstart service1\n"),
            std::string::npos)
      << *text;
  EXPECT_NE(text->find("# A batch service: no preferred member, disabled for now.\nstart service0\n"),
            std::string::npos);
  // ...and the comment of the removed service is reported, not written.
  EXPECT_EQ(text->find("The database"), std::string::npos);
  EXPECT_TRUE(w.has("loss.extension")) << dump(w);

  model::Diagnostics again;
  auto re = h.import_text(*text, "re.conf", again);
  ASSERT_TRUE(re) << dump(again);
  ASSERT_EQ(re->groups.size(), 2u);
  EXPECT_EQ(re->groups[0].id, "batch");
  EXPECT_EQ(re->groups[1].id, "files");
  EXPECT_EQ(re->groups[1].members.size(), 7u);
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
