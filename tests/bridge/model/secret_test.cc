// Which names hold secrets: what reports, diffs and summaries never print.
#include "bridge/model/secret.h"

#include <gtest/gtest.h>

namespace ocf::model {
namespace {

TEST(Secret, PasswordsSecretsAndCredentialsLookSecretInAnyCase) {
  for (const char* name :
       {"passwd", "password", "PASSWORD", "sysctrl_password", "fence_password", "powerPassword",
        "members%member0%powerPassword", "passwd_script", "secret", "client_secret",
        "credentials", "passphrase"})
    EXPECT_TRUE(looks_secret(name)) << name;
}

TEST(Secret, OrdinaryNamesIncludingKeyDoNotLookSecret) {
  // "key" alone is not a sign: agents have ordinary key parameters, and
  // heartbeat's authkeys are AuthKeys, never attributes.
  for (const char* name : {"key", "keyfile", "monkey", "ip", "hostname", "sysctrl_owner",
                           "fence_login", "pass", "bypass", "nic", ""})
    EXPECT_FALSE(looks_secret(name)) << name;
}

TEST(Secret, ShownValueMasksOnlyASecretThatIsThere) {
  EXPECT_EQ(shown_value("passwd", "hunter2"), "(secret)");
  EXPECT_EQ(shown_value("passwd", ""), "");
  EXPECT_EQ(shown_value("ip", "10.0.0.1"), "10.0.0.1");
}

}  // namespace
}  // namespace ocf::model
