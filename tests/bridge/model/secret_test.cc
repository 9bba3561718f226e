// Which names hold secrets: what reports, diffs and summaries never print.
#include "bridge/model/secret.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

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

// The folded search against lower-casing a copy and searching it: marks at
// the start, the end, overlapping false starts, every case, non-ASCII bytes.
TEST(Secret, TheFoldedSearchAgreesWithLowerCasingACopy) {
  auto reference = [](std::string name) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* mark : {"passw", "secret", "passphrase", "credential"})
      if (name.find(mark) != std::string::npos) return true;
    return false;
  };
  for (const char* name :
       {"passw", "xpassw", "passwx", "PaSsW", "pass", "passpassw", "passpass", "secre",
        "secresecret", "SECRET\xc3\xa9", "\xc3\xa9" "credential", "CREDENTIA", "credentiaL",
        "passphras", "PASSPHRASE", "p\xc1ssw", "s", "", "\xff\xfe", "my_Secret_key"}) {
    EXPECT_EQ(looks_secret(name), reference(name)) << name;
  }
}

TEST(Secret, ShownValueMasksOnlyASecretThatIsThere) {
  EXPECT_EQ(shown_value("passwd", "hunter2"), "(secret)");
  EXPECT_EQ(shown_value("passwd", ""), "");
  EXPECT_EQ(shown_value("ip", "10.0.0.1"), "10.0.0.1");
}

}  // namespace
}  // namespace ocf::model
