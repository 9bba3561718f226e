// ha.cf: text -> native document, with the checks heartbeat 3.0.6 makes.
//
// The real daemon is the referee. Every directive it knows is here with the
// check its handler makes (times, numbers, booleans, enumerations, syslog
// facilities, baud rates, multicast groups, ...), and the checks it makes
// after reading the whole file (media and nodes present, deadtime against
// keepalive, initdead against deadtime, logging configured). What depends on
// the machine the file is read on (an interface, a device, a program or a
// user that does not exist here) is a warning, since a configuration is often
// converted away from its cluster. Where we are stricter than the daemon
// (it silently takes "keepalive" with no value, or "ttl" as atoi("x") = 0),
// the README says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/heartbeat/document.h"
#include "bridge/io/env.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

// How heartbeat hands a directive its arguments.
enum class DirectiveStyle {
  kOption,     // each argument (split at white space and ',') on its own
  kWholeLine,  // the rest of the line as one string (apiauth, respawn, ...)
};

struct DirectiveInfo {
  std::string_view name;
  DirectiveStyle style;
  bool global;  // takes effect where it appears; put first in a new file
  bool media;   // a heartbeat communication medium
};

// The directive named `name` (case-sensitive, as the daemon compares), or
// nullptr when heartbeat 3.0.6 does not know it. "udp" is not listed: the
// parser rewrites it to "bcast" as the daemon does.
const DirectiveInfo* find_directive(std::string_view name);

// The global directives in the order a new file lists them.
const std::vector<std::string_view>& global_directive_order();

// Parses and checks ha.cf. Errors and warnings go to `diagnostics`, located at
// the offending word. The returned file keeps every line, in order.
ConfigFile parse_hacf(std::string_view text, std::string path, const io::Env& env,
                      model::Diagnostics& diagnostics);

// heartbeat time syntax: N, N.F, with an optional ms/msec or us/usec suffix
// (case-insensitive); no suffix means seconds. Milliseconds, rounded as the
// daemon rounds; nullopt when malformed.
std::optional<std::uint64_t> parse_time_ms(std::string_view text);
// Inverse for writing: "N" when whole seconds, else "Nms".
std::string format_time_ms(std::uint64_t ms);

// heartbeat booleans (case-insensitive): true on yes y 1 / false off no n 0.
std::optional<bool> parse_boolean(std::string_view text);

// True when a `crm`/`pacemaker` directive turns heartbeat's own resource
// manager (and so haresources) off.
bool uses_pacemaker(const ConfigFile& hacf);

}  // namespace ocf::adapters::heartbeat
