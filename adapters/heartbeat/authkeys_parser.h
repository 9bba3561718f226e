// authkeys: text -> native document, with heartbeat 3.0.6's checks.
//
// `auth N` picks the key that signs outgoing messages; each key line is
// `NUMBER METHOD [SECRET]` with NUMBER 0-15 and METHOD crc (no secret), md5
// or sha1 (secret required). No message ever quotes a secret or a whole
// key line.
#pragma once

#include <string>
#include <string_view>

#include "adapters/heartbeat/document.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

inline constexpr int kMaxAuthKeys = 16;  // heartbeat's MAXAUTH

ConfigFile parse_authkeys(std::string_view text, std::string path,
                          model::Diagnostics& diagnostics);

// True for the methods heartbeat ships (HBauth plugins crc, md5, sha1);
// `needs_secret` tells whether the method takes a key.
bool known_auth_method(std::string_view method, bool& needs_secret);

}  // namespace ocf::adapters::heartbeat
