// The "ocf-xml" adapter as the bridge sees it through the registry.
#include <gtest/gtest.h>

#include "bridge/adapter/adapter.h"
#include "bridge/io/env.h"
#include "bridge/xml/ocf_xml.h"
#include "tests/bridge/xml/full_model.h"

namespace ocf::xml {
namespace {

using model::Diagnostics;

const adapter::Adapter& ocf_xml_adapter() {
  const adapter::Adapter* a = adapter::Registry::instance().find("ocf-xml");
  if (!a) throw std::runtime_error("ocf-xml adapter is not registered");
  return *a;
}

TEST(OcfXmlAdapter, IsRegisteredAsAReadWriteSingleFileAdapterKeepingExtensions) {
  const auto& a = ocf_xml_adapter();
  EXPECT_EQ(a.name(), "ocf-xml");
  EXPECT_TRUE(a.can_read());
  EXPECT_TRUE(a.can_write());
  EXPECT_FALSE(a.uses_directory());
  EXPECT_TRUE(a.keeps_foreign_extensions());
  EXPECT_FALSE(a.description().empty());
}

// checks_model(): the adapter's read has run model::check, so the CLI does
// not run it a second time. The claim holds: a document the schema accepts
// but the model does not (a group member naming no resource) fails to read,
// with the model's error, reported once.
TEST(OcfXmlAdapter, ReadRunsTheModelCheckItself) {
  const auto& a = ocf_xml_adapter();
  EXPECT_TRUE(a.checks_model());
  io::MemoryEnv env;
  env.add("/in/cluster.xml",
          "<?xml version=\"1.0\"?>\n<cluster xmlns=\"urn:ocfbridge:ocf:1\" version=\"1\">\n"
          "  <groups>\n    <group id=\"g\">\n      <member ref=\"nowhere\" />\n"
          "    </group>\n  </groups>\n</cluster>\n");
  adapter::Context context(env, {});
  Diagnostics d;
  EXPECT_FALSE(a.read("/in/cluster.xml", context, d));
  int member_errors = 0;
  for (const auto& e : d.entries()) member_errors += e.code == "model.group-member";
  EXPECT_EQ(member_errors, 1);
}

TEST(OcfXmlAdapter, WritesSecretsPrivatelyAndReadsBackThroughTheEnv) {
  io::MemoryEnv env;
  adapter::Context context(env, {});
  Diagnostics d;
  auto out = ocf_xml_adapter().write(testing::full_model(), context, d);
  ASSERT_TRUE(out) << d.entries().size();
  EXPECT_FALSE(out->directory);
  ASSERT_EQ(out->files.size(), 1u);
  EXPECT_EQ(out->files[0].name, "");
  EXPECT_EQ(out->files[0].mode, 0600u);
  EXPECT_EQ(out->files[0].contents, write_ocf_xml(testing::full_model()));
  // Foreign extensions are kept, so nothing is reported lost.
  EXPECT_TRUE(d.entries().empty());

  env.add("/in/cluster.xml", out->files[0].contents);
  auto back = ocf_xml_adapter().read("/in/cluster.xml", context, d);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, testing::full_model());
  EXPECT_EQ(back->resources[0].origin.file, "/in/cluster.xml");
}

TEST(OcfXmlAdapter, WithoutASecretTheFileIsWorldReadable) {
  io::MemoryEnv env;
  adapter::Context context(env, {});
  model::Cluster c = testing::full_model();
  for (auto& k : c.auth.keys) k.secret.clear();
  c.auth.keys.resize(1);  // crc needs none
  Diagnostics d;
  auto out = ocf_xml_adapter().write(c, context, d);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->files[0].mode, 0644u);
}

TEST(OcfXmlAdapter, MissingInputIsAnErrorNamingTheFile) {
  io::MemoryEnv env;
  adapter::Context context(env, {});
  Diagnostics d;
  EXPECT_FALSE(ocf_xml_adapter().read("/nope.xml", context, d));
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.entries()[0].where.file, "/nope.xml");
}

TEST(OcfXmlAdapter, AnUnwritableModelGivesNoOutput) {
  io::MemoryEnv env;
  adapter::Context context(env, {});
  model::Cluster c;
  c.resources.push_back({"", {"ocf", "heartbeat", "Dummy"}, {}, {}, {}, {}});
  Diagnostics d;
  EXPECT_FALSE(ocf_xml_adapter().write(c, context, d));
  EXPECT_TRUE(d.has("ocfxml.unwritable"));
}

}  // namespace
}  // namespace ocf::xml
