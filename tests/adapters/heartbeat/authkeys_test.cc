// authkeys: every method heartbeat ships, the selected key, comments, and
// secrets that never reach a message and are written with mode 0600.
#include <gtest/gtest.h>

#include "tests/adapters/heartbeat/test_support.h"

namespace ocf::adapters::heartbeat::testing {
namespace {

TEST(Authkeys, EveryMethodIsRead) {
  MemoryDir dir(kBaseHaCf, kBaseHaresources,
                "# keys\nauth 3\n1 crc\n2 md5 md5-secret\n3 sha1 sha1-secret\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->auth.active, 3u);
  ASSERT_EQ(c->auth.keys.size(), 3u);
  EXPECT_EQ(c->auth.keys[0].method, "crc");
  EXPECT_EQ(c->auth.keys[0].secret, "");
  EXPECT_EQ(c->auth.keys[1].method, "md5");
  EXPECT_EQ(c->auth.keys[1].secret, "md5-secret");
  EXPECT_EQ(c->auth.keys[2].method, "sha1");
  EXPECT_EQ(c->auth.keys[2].origin.line, 5u);
  ASSERT_NE(c->auth.active_key(), nullptr);
  EXPECT_EQ(c->auth.active_key()->method, "sha1");

  model::Diagnostics wd;
  auto out = write_model(*c, wd);
  ASSERT_TRUE(out) << dump(wd);
  const auto* f = out->find("authkeys");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->mode, 0600u);
  EXPECT_EQ(f->contents, "# keys\nauth 3\n1 crc\n2 md5 md5-secret\n3 sha1 sha1-secret\n");
  EXPECT_EQ(out->find("ha.cf")->mode, 0644u);
}

TEST(Authkeys, SecretsNeverAppearInMessages) {
  const std::string secret = "Very-Secret-Key-42";
  for (const std::string& text :
       {"auth 2\n1 sha1 " + secret + "\n", "auth 1\n1 crc " + secret + "\n",
        "auth 1\n1 sha1 " + secret + "\n1 md5 " + secret + "\n",
        "auth 1\n1 sha256 " + secret + "\n", "auth 1\n1 sha1 " + secret + " extra\n"}) {
    MemoryDir dir(kBaseHaCf, kBaseHaresources, text);
    model::Diagnostics d;
    dir.read(d);
    EXPECT_FALSE(d.entries().empty()) << text;
    EXPECT_EQ(dump(d).find(secret), std::string::npos) << dump(d);
  }
}

TEST(Authkeys, ModelWithoutAuthGetsCrcWithWarning) {
  model::Cluster c;
  c.nodes.push_back({"alpha", {}, {}, {}, {}});
  model::Channel ch;
  ch.interface = "eth0";
  c.channels.push_back(ch);
  model::Diagnostics d;
  auto out = write_model(c, d);
  ASSERT_TRUE(out) << dump(d);
  EXPECT_TRUE(d.has("export.no-auth"));
  EXPECT_EQ(out->find("authkeys")->contents, "auth 1\n1 crc\n");
}

TEST(Authkeys, HashInsideSecretIsNotAComment) {
  MemoryDir dir(kBaseHaCf, kBaseHaresources, "auth 1\n1 sha1 abc#def\n");
  model::Diagnostics d;
  auto c = dir.read(d);
  ASSERT_TRUE(c) << dump(d);
  EXPECT_EQ(c->auth.keys[0].secret, "abc#def");
}

}  // namespace
}  // namespace ocf::adapters::heartbeat::testing
