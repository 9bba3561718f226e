// Which named values are secrets, so that no report, diff or summary ever
// prints them.
//
// A value is secret when its name (a node attribute, resource parameter,
// cluster property, extension key, ...) contains, case-insensitively,
// "passw" (passwd, password, sysctrl_password, fence_password), "secret",
// "passphrase" or "credential". "key" alone is not a sign: OCF agents have
// ordinary "key" parameters; heartbeat's authkeys are model::AuthKey, whose
// secret is never rendered anywhere.
#pragma once

#include <string>
#include <string_view>

namespace ocf::model {

bool looks_secret(std::string_view name);

// What is printed in place of a secret value.
inline constexpr std::string_view kSecretMask = "(secret)";

// `value`, or kSecretMask when `name` looks secret and the value is not
// empty (that a secret is absent is not itself a secret).
std::string shown_value(std::string_view name, const std::string& value);

struct Cluster;

// True when the model holds a secret anywhere: an authentication key, or a
// non-empty value under a secret-looking name (property, node or channel
// attribute, parameter, meta, operation or policy attribute, extension).
// Writers give a file holding one mode 0600.
bool holds_secret(const Cluster& cluster);

}  // namespace ocf::model
