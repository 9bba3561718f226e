#include "adapters/heartbeat/hacf_parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <vector>

namespace ocf::adapters::heartbeat {
namespace {

using model::Diagnostics;
using model::SourceLocation;

constexpr std::string_view kWhitespace = " \t\r\f\v";
constexpr std::string_view kOptionDelims = " \t\r\f\v,";

// heartbeat 3.0.6's directive table (heartbeat/config.c: Directives[],
// WLdirectives[] and the HBcomm plugins Debian ships), in the daemon's order.
constexpr std::array kDirectives = {
    DirectiveInfo{"cluster", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"node", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"hopfudge", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"keepalive", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"deadtime", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"deadping", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"initdead", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"warntime", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"watchdog", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"baud", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"udpport", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"logfacility", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"logfile", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"debugfile", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"nice_failback", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"auto_failback", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"rtprio", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"hbgenmethod", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"realtime", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"debug", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"msgfmt", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"use_logd", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"conn_logd_time", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"use_apphbd", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"log_badpack", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"syslogmsgfmt", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"coredumps", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"coreroot", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"crm_daemon_dir", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"crmd_spawns_pengine", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"crm", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"pacemaker", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"autojoin", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"uuidfrom", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"compression", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"compression_threshold", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"traditional_compression", DirectiveStyle::kOption, true, false},
    DirectiveInfo{"env", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"max_rexmit_delay", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"record_config_changes", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"record_pengine_inputs", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"enable_config_writes", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"memreserve", DirectiveStyle::kOption, false, false},
    DirectiveInfo{"quorum_server", DirectiveStyle::kOption, false, false},
    // whole-line directives
    DirectiveInfo{"stonith", DirectiveStyle::kWholeLine, false, false},
    DirectiveInfo{"stonith_host", DirectiveStyle::kWholeLine, false, false},
    DirectiveInfo{"apiauth", DirectiveStyle::kWholeLine, false, false},
    DirectiveInfo{"respawn", DirectiveStyle::kWholeLine, false, false},
    DirectiveInfo{"failfast", DirectiveStyle::kWholeLine, false, false},
    // media plugins: bcast, ping, ping6 and serial take each argument on its
    // own; mcast, mcast6, ucast, ucast6 and ping_group parse the whole line.
    DirectiveInfo{"bcast", DirectiveStyle::kOption, false, true},
    DirectiveInfo{"serial", DirectiveStyle::kOption, false, true},
    DirectiveInfo{"ping", DirectiveStyle::kOption, false, true},
    DirectiveInfo{"ping6", DirectiveStyle::kOption, false, true},
    DirectiveInfo{"mcast", DirectiveStyle::kWholeLine, false, true},
    DirectiveInfo{"mcast6", DirectiveStyle::kWholeLine, false, true},
    DirectiveInfo{"ucast", DirectiveStyle::kWholeLine, false, true},
    DirectiveInfo{"ucast6", DirectiveStyle::kWholeLine, false, true},
    DirectiveInfo{"ping_group", DirectiveStyle::kWholeLine, false, true},
    // Not shipped by Debian's heartbeat 3.0.6 (no HBcomm/hbaping.so): the daemon
    // there says "Illegal directive"; we read it and warn (see README).
    DirectiveInfo{"hbaping", DirectiveStyle::kOption, false, true},
};

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_ipv4(std::string_view text) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    auto n = parse_integer(part);
    if (part.empty() || part.size() > 3 || !n || *n < 0 || *n > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

std::optional<std::uint32_t> ipv4_value(std::string_view text) {
  if (!is_ipv4(text)) return std::nullopt;
  std::uint32_t value = 0;
  std::size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    std::size_t dot = text.find('.', start);
    auto n = parse_integer(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    value = (value << 8) | static_cast<std::uint32_t>(*n);
    start = dot + 1;
  }
  return value;
}

// The syslog facilities heartbeat's cl_syslogfac_str2int accepts, and "none".
// (security and mark are old aliases the daemon accepts too.)
constexpr std::array kFacilities = {
    "auth",   "authpriv", "cron",   "daemon", "ftp",    "kern",   "lpr",
    "mail",   "news",     "syslog", "user",   "uucp",   "local0", "local1",
    "local2", "local3",   "local4", "local5", "local6", "local7", "security",
    "mark",   "none"};

constexpr std::array kBauds = {9600, 19200, 38400, 57600, 115200, 230400, 460800};

// What the directive checks have seen so far in the file.
struct State {
  State(std::string p, const io::Env& e, Diagnostics& diagnostics)
      : path(std::move(p)), env(e), d(diagnostics) {}
  std::string path;
  const io::Env& env;
  Diagnostics& d;
  bool any_media = false;
  bool any_bcast_or_ucast = false;
  bool watchdog_seen = false;
  bool baud_seen = false;
  bool pacemaker_seen = false;
  bool pacemaker_on = false;
  SourceLocation autojoin_at;
  bool logging = false;          // logfile, debugfile or logfacility (not none)
  std::optional<bool> use_logd;
  std::string autojoin = "none";
  std::set<std::string> apiauth_clients;
  std::size_t nodes = 0;
  std::optional<std::uint64_t> keepalive, deadtime, initdead, deadping;
  SourceLocation keepalive_at, deadtime_at, initdead_at, deadping_at;
  std::optional<std::set<std::string>> users;  // from /etc/passwd, lazily

  SourceLocation where(const Word& w) const { return {path, w.line, w.column}; }
  void error(std::string code, std::string message, const Word& w) {
    d.error(std::move(code), std::move(message), where(w));
  }
  void warning(std::string code, std::string message, const Word& w) {
    d.warning(std::move(code), std::move(message), where(w));
  }
  bool user_exists(const std::string& name) {
    if (!users) {
      users.emplace();
      std::string passwd;
      io::IoError ignored;
      if (env.read_file("/etc/passwd", passwd, ignored)) {
        for (auto line : split_lines(passwd)) {
          auto colon = line.find(':');
          if (colon != std::string_view::npos) users->emplace(line.substr(0, colon));
        }
      }
    }
    return users->count(name) > 0;
  }
};

std::string quote_word(std::string_view s) { return "'" + std::string(s) + "'"; }

// Per-argument checks (option-style directives).
using ArgCheck = std::function<void(State&, const Word&)>;

ArgCheck time_check(bool positive, std::optional<std::uint64_t> State::*slot,
                    SourceLocation State::*slot_at) {
  return [=](State& s, const Word& w) {
    auto ms = parse_time_ms(w.text);
    if (!ms) {
      s.error("hacf.bad-time", quote_word(w.text) + " is not a time (N seconds, or Nms)", w);
      return;
    }
    if (positive && *ms == 0) {
      s.error("hacf.bad-time", "the time must be greater than zero", w);
      return;
    }
    if (slot) {
      s.*slot = *ms;
      s.*slot_at = s.where(w);
    }
  };
}

ArgCheck range_check(long long low, long long high, std::string what) {
  return [=](State& s, const Word& w) {
    auto n = parse_integer(w.text);
    if (!n || *n < low || *n > high)
      s.error("hacf.bad-number",
              quote_word(w.text) + " is not a valid " + what + " (" + std::to_string(low) + "-" +
                  std::to_string(high) + ")",
              w);
  };
}

ArgCheck boolean_check() {
  return [](State& s, const Word& w) {
    if (!parse_boolean(w.text))
      s.error("hacf.bad-boolean",
              quote_word(w.text) + " is not a boolean (on/off, yes/no, true/false, y/n, 1/0)", w);
  };
}

ArgCheck choice_check(std::vector<std::string_view> choices, bool case_insensitive) {
  return [=](State& s, const Word& w) {
    for (auto c : choices)
      if (case_insensitive ? ascii_iequals(c, w.text) : c == w.text) return;
    std::string list;
    for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
    s.error("hacf.bad-value", quote_word(w.text) + " is not one of " + list, w);
  };
}

void check_facility(State& s, const Word& w) {
  for (auto f : kFacilities)
    if (w.text == f) {
      if (w.text != "none") s.logging = true;
      return;
    }
  s.error("hacf.bad-facility", "log facility " + quote_word(w.text) + " is not a syslog facility", w);
}

void check_baud(State& s, const Word& w) {
  if (s.baud_seen) {
    s.error("hacf.duplicate", "baud rate given more than once", w);
    return;
  }
  s.baud_seen = true;
  auto n = parse_integer(w.text);
  if (!n || std::find(kBauds.begin(), kBauds.end(), *n) == kBauds.end())
    s.error("hacf.bad-baud",
            quote_word(w.text) + " is not a serial speed (9600 19200 38400 57600 115200 230400 460800)",
            w);
}

void check_udpport(State& s, const Word& w) {
  auto n = parse_integer(w.text);
  if (!n || *n <= 0 || *n > 65535) {
    s.error("hacf.bad-port", quote_word(w.text) + " is not a UDP port (1-65535)", w);
    return;
  }
  if (s.any_bcast_or_ucast)
    s.warning("hacf.udpport-after-media",
              "udpport after a bcast/ucast line: heartbeat reads it when it sets up each medium, so "
              "earlier media keep the default port",
              w);
}

void check_path_exists(State& s, const Word& w, std::string code, std::string what) {
  if (!s.env.exists(w.text))
    s.warning(std::move(code), what + " " + quote_word(w.text) + " does not exist on this machine", w);
}

void check_interface(State& s, const Word& w) {
  if (!s.env.exists("/sys/class/net/" + w.text))
    s.warning("hacf.interface-missing",
              "interface " + quote_word(w.text) + " does not exist on this machine", w);
}

void check_pacemaker_value(State& s, const Word& w) {
  if (s.pacemaker_seen) {
    s.error("hacf.duplicate", "pacemaker/crm directive given more than once", w);
    return;
  }
  s.pacemaker_seen = true;
  for (auto v : {"minimal", "manual", "respawn", "ccm-only", "valgrind"})
    if (ascii_iequals(v, w.text)) {
      s.pacemaker_on = true;
      return;
    }
  auto on = parse_boolean(w.text);
  s.pacemaker_on = on.value_or(false);
  if (!on)
    s.error("hacf.bad-value",
            quote_word(w.text) + " is not on/off, respawn, minimal, manual, ccm-only or valgrind", w);
}

void check_before_pacemaker(State& s, const Word& w, std::string_view directive) {
  if (s.pacemaker_seen)
    s.error("hacf.order",
            std::string(directive) + " must come before the pacemaker/crm directive", w);
}

const std::map<std::string_view, ArgCheck>& option_checks() {
  static const std::map<std::string_view, ArgCheck> checks = {
      {"cluster", nullptr},
      {"quorum_server", nullptr},
      {"node", [](State& s, const Word&) { ++s.nodes; }},
      {"hopfudge", range_check(0, 255, "hop count")},
      {"keepalive", time_check(true, &State::keepalive, &State::keepalive_at)},
      {"deadtime", time_check(false, &State::deadtime, &State::deadtime_at)},
      {"deadping", time_check(false, &State::deadping, &State::deadping_at)},
      {"initdead", time_check(false, &State::initdead, &State::initdead_at)},
      {"warntime", time_check(true, nullptr, nullptr)},
      {"conn_logd_time", time_check(true, nullptr, nullptr)},
      {"watchdog",
       [](State& s, const Word& w) {
         if (s.watchdog_seen) s.error("hacf.duplicate", "watchdog device given more than once", w);
         s.watchdog_seen = true;
         check_path_exists(s, w, "hacf.device-missing", "watchdog device");
       }},
      {"baud", check_baud},
      {"udpport", check_udpport},
      {"logfacility", check_facility},
      {"logfile", [](State& s, const Word&) { s.logging = true; }},
      {"debugfile", [](State& s, const Word&) { s.logging = true; }},
      {"nice_failback",
       [](State& s, const Word& w) {
         if (!parse_boolean(w.text)) {
           boolean_check()(s, w);
           return;
         }
         s.warning("hacf.obsolete",
                   "nice_failback is obsolete: 'on' means auto_failback off, 'off' means "
                   "auto_failback legacy",
                   w);
       }},
      {"auto_failback",
       [](State& s, const Word& w) {
         if (ascii_iequals(w.text, "legacy")) {
           s.warning("hacf.legacy-failback",
                     "auto_failback legacy is deprecated; read as automatic failback", w);
           return;
         }
         if (!parse_boolean(w.text))
           s.error("hacf.bad-value", quote_word(w.text) + " is not on, off or legacy", w);
       }},
      {"rtprio", range_check(1, 99, "realtime priority")},
      {"hbgenmethod", choice_check({"file", "time"}, false)},
      {"realtime", boolean_check()},
      {"debug", range_check(0, 255, "debug level")},
      {"msgfmt", choice_check({"classic", "netstring"}, false)},
      {"use_logd",
       [](State& s, const Word& w) {
         auto b = parse_boolean(w.text);
         if (!b) boolean_check()(s, w);
         s.use_logd = b;
       }},
      {"use_apphbd", boolean_check()},
      {"log_badpack", boolean_check()},
      {"syslogmsgfmt", boolean_check()},
      {"coredumps", boolean_check()},
      {"coreroot",
       [](State& s, const Word& w) {
         check_path_exists(s, w, "hacf.directory-missing", "core directory");
       }},
      // heartbeat 3.0.6 tests this one the wrong way round (fail_if_after_
      // pacemaker's result is inverted): it accepts crm_daemon_dir only
      // *after* a pacemaker/crm line, and rejects it anywhere else.
      {"crm_daemon_dir",
       [](State& s, const Word& w) {
         if (!s.pacemaker_seen)
           s.error("hacf.order",
                   "heartbeat 3.0.6 accepts crm_daemon_dir only after the pacemaker/crm "
                   "directive",
                   w);
       }},
      {"crmd_spawns_pengine",
       [](State& s, const Word& w) {
         check_before_pacemaker(s, w, "crmd_spawns_pengine");
         boolean_check()(s, w);
       }},
      {"crm", check_pacemaker_value},
      {"pacemaker", check_pacemaker_value},
      {"autojoin",
       [](State& s, const Word& w) {
         choice_check({"none", "other", "any"}, true)(s, w);
         s.autojoin = w.text;
         s.autojoin_at = s.where(w);
         std::transform(s.autojoin.begin(), s.autojoin.end(), s.autojoin.begin(),
                        [](unsigned char c) { return std::tolower(c); });
       }},
      {"uuidfrom", choice_check({"file", "nodename"}, false)},
      {"compression",
       [](State& s, const Word& w) {
         if (w.text != "zlib" && w.text != "bz2")
           s.error("hacf.bad-value",
                   "compression module " + quote_word(w.text) +
                       " is not one heartbeat ships (zlib, bz2)",
                   w);
       }},
      {"compression_threshold", range_check(1, 1 << 20, "threshold in KB")},
      {"traditional_compression", boolean_check()},
      {"env",
       [](State& s, const Word& w) {
         auto eq = w.text.find('=');
         if (eq == std::string::npos || eq == 0)
           s.error("hacf.bad-value", "env needs NAME=VALUE, got " + quote_word(w.text), w);
       }},
      {"max_rexmit_delay", range_check(1, 1 << 30, "delay in ms")},
      {"record_config_changes", boolean_check()},
      {"record_pengine_inputs", boolean_check()},
      {"enable_config_writes", boolean_check()},
      {"memreserve", range_check(1, 1 << 30, "size in KB")},
      {"bcast",
       [](State& s, const Word& w) {
         s.any_media = s.any_bcast_or_ucast = true;
         check_interface(s, w);
       }},
      {"serial",
       [](State& s, const Word& w) {
         s.any_media = true;
         check_path_exists(s, w, "hacf.device-missing", "serial device");
       }},
      {"ping",
       [](State& s, const Word& w) {
         s.any_media = true;
         if (!is_ipv4(w.text) &&
             w.text.find_first_not_of(
                 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
                 std::string::npos)
           s.error("hacf.bad-address", quote_word(w.text) + " is not an IP address or host name", w);
       }},
      {"ping6", [](State& s, const Word&) { s.any_media = true; }},
      {"hbaping",
       [](State& s, const Word& w) {
         s.any_media = true;
         s.warning("hacf.plugin-missing",
                   "hbaping needs the HBcomm hbaping plugin, which Debian's heartbeat 3.0.6 does "
                   "not ship; the daemon here rejects it as an illegal directive",
                   w);
       }},
  };
  return checks;
}

// Whole-line directives: all the words at once.
void check_apiauth(State& s, const Entry& e) {
  const auto& w = e.words;
  if (w.size() < 2) {
    s.error("hacf.missing-argument", "apiauth needs a client name and uid=/gid= lists", w[0]);
    return;
  }
  bool uid = false, gid = false;
  for (std::size_t i = 2; i < w.size(); ++i) {
    bool* seen = w[i].text.rfind("uid=", 0) == 0   ? &uid
                 : w[i].text.rfind("gid=", 0) == 0 ? &gid
                                                   : nullptr;
    if (!seen) {
      s.error("hacf.bad-apiauth", "expected uid=LIST or gid=LIST, got " + quote_word(w[i].text), w[i]);
      return;
    }
    if (*seen) {
      s.error("hacf.bad-apiauth", "duplicate " + w[i].text.substr(0, 4) + " list", w[i]);
      return;
    }
    *seen = true;
  }
  if (!uid && !gid) {
    s.error("hacf.bad-apiauth", "apiauth " + w[1].text + " needs uid= or gid=", w[1]);
    return;
  }
  if (!s.apiauth_clients.insert(w[1].text).second)
    s.error("hacf.duplicate", "apiauth for client " + quote_word(w[1].text) + " given twice", w[1]);
}

void check_respawn(State& s, const Entry& e) {
  const auto& w = e.words;
  if (w.size() < 3) {
    s.error("hacf.missing-argument", w[0].text + " needs a user and a command", w[0]);
    return;
  }
  if (!s.user_exists(w[1].text))
    s.warning("hacf.user-missing", "user " + quote_word(w[1].text) + " does not exist on this machine",
              w[1]);
  if (w[2].text.empty() || w[2].text[0] != '/') {
    s.error("hacf.not-full-path", "command " + quote_word(w[2].text) + " is not a full path name",
            w[2]);
    return;
  }
  check_path_exists(s, w[2], "hacf.program-missing", "program");
}

void check_mcast(State& s, const Entry& e, bool ipv6) {
  const auto& w = e.words;
  static const char* kParts[] = {"interface", "multicast group", "port", "ttl", "loop"};
  if (w.size() < 6) {
    s.error("hacf.missing-argument",
            w[0].text + " needs " + kParts[w.size() - 1] +
                " (mcast IFACE GROUP PORT TTL LOOP)",
            w.back());
    return;
  }
  s.any_media = true;
  check_interface(s, w[1]);
  if (!ipv6) {
    auto group = ipv4_value(w[2].text);
    if (!group || (*group & 0xf0000000u) != 0xe0000000u) {
      s.error("hacf.bad-mcast-group",
              quote_word(w[2].text) + " is not a multicast group (224.0.0.0-239.255.255.255)", w[2]);
      return;
    }
  }
  auto port = parse_integer(w[3].text);
  if (!port || *port <= 0 || *port > 65535) {
    s.error("hacf.bad-port", quote_word(w[3].text) + " is not a UDP port (1-65535)", w[3]);
    return;
  }
  // The mcast plugin of 3.0.6 refuses a TTL above 4 (whatever its comment says).
  auto ttl = parse_integer(w[4].text);
  if (!ttl || *ttl < 0 || *ttl > 4) {
    s.error("hacf.bad-ttl", quote_word(w[4].text) + " is not a TTL heartbeat accepts (0-4)", w[4]);
    return;
  }
  auto loop = parse_integer(w[5].text);
  if (!loop || (*loop != 0 && *loop != 1)) {
    s.error("hacf.bad-loop", quote_word(w[5].text) + " is not a loop flag (0 or 1)", w[5]);
    return;
  }
  if (w.size() > 6)
    s.warning("hacf.ignored-arguments", "heartbeat ignores what follows the loop flag", w[6]);
}

void check_ucast(State& s, const Entry& e, bool ipv6) {
  const auto& w = e.words;
  if (w.size() < 3) {
    s.error("hacf.missing-argument",
            w[0].text + (w.size() < 2 ? " needs an interface and a peer address"
                                      : " needs a peer address"),
            w.back());
    return;
  }
  s.any_media = true;
  if (!ipv6) s.any_bcast_or_ucast = true;
  check_interface(s, w[1]);
  if (w.size() > 3)
    s.warning("hacf.ignored-arguments", "heartbeat ignores what follows the peer address", w[3]);
}

void check_whole_line(State& s, const Entry& e) {
  const std::string& name = e.words[0].text;
  if (name == "apiauth") return check_apiauth(s, e);
  if (name == "respawn" || name == "failfast") return check_respawn(s, e);
  if (name == "mcast" || name == "mcast6") return check_mcast(s, e, name == "mcast6");
  if (name == "ucast" || name == "ucast6") return check_ucast(s, e, name == "ucast6");
  if (name == "ping_group") {
    if (e.words.size() < 3)
      s.error("hacf.missing-argument", "ping_group needs a name and at least one address",
              e.words.back());
    s.any_media = true;
    return;
  }
  if (name == "stonith" && e.words.size() < 3)
    s.error("hacf.missing-argument", "stonith needs a device type and a configuration file",
            e.words.back());
  if (name == "stonith_host" && e.words.size() < 3)
    s.error("hacf.missing-argument", "stonith_host needs a host (or *), a device type and its "
            "parameters", e.words.back());
}

bool single_valued(std::string_view name) {
  static const std::set<std::string_view> multi = {"node", "bcast", "serial", "ping", "ping6",
                                                   "hbaping", "env"};
  return !multi.count(name);
}

// Splits option-style arguments further at ',' as the daemon's DELIMS do.
std::vector<Word> option_words(const std::vector<Word>& words) {
  std::vector<Word> out{words[0]};
  for (std::size_t i = 1; i < words.size(); ++i) {
    auto parts = split_words(words[i].text, words[i].line, ",", false);
    for (auto& p : parts) {
      p.column += words[i].column - 1;
      out.push_back(std::move(p));
    }
  }
  return out;
}

void check_directive(State& s, Entry& e) {
  Word& keyword = e.words[0];
  if (keyword.text == "udp") {
    s.warning("hacf.alias", "'udp' is an old name for 'bcast'", keyword);
    keyword.text = "bcast";
  }
  const DirectiveInfo* info = find_directive(keyword.text);
  if (!info) {
    s.error("hacf.unknown-directive", "Illegal directive " + quote_word(keyword.text), keyword);
    return;
  }
  if (info->style == DirectiveStyle::kWholeLine) {
    if (e.words.size() < 2) {
      s.error("hacf.missing-argument", keyword.text + " needs arguments", keyword);
      return;
    }
    check_whole_line(s, e);
    return;
  }
  const std::string name = keyword.text;  // option_words reallocates e.words
  e.words = option_words(e.words);
  if (e.words.size() < 2) {
    s.error("hacf.missing-argument", name + " needs a value", e.words[0]);
    return;
  }
  if (single_valued(name) && e.words.size() > 2) {
    s.error("hacf.too-many-arguments", name + " takes one value", e.words[2]);
    return;
  }
  const auto& checks = option_checks();
  auto it = checks.find(name);
  if (it == checks.end() || !it->second) return;
  for (std::size_t i = 1; i < e.words.size(); ++i) it->second(s, e.words[i]);
}

void check_whole_file(State& s, std::size_t lines) {
  SourceLocation file_start{s.path, 1, 1};
  if (lines == 0) file_start.line = 0, file_start.column = 0;
  // An unfinished file (the shipped sample is one) is read with a warning;
  // the daemon would not start it, and export refuses to write one.
  if (!s.any_media)
    s.d.warning("hacf.no-media",
                "no heartbeat media (bcast, mcast, ucast, serial) defined: heartbeat would not "
                "start",
                file_start);
  if (s.nodes == 0 && s.autojoin != "any")
    s.d.warning("hacf.no-nodes", "no nodes defined: heartbeat would not start", file_start);
  std::uint64_t keepalive = s.keepalive.value_or(1000);
  std::uint64_t deadtime = s.deadtime.value_or(30000);
  auto deadtime_at = s.deadtime ? s.deadtime_at : s.keepalive ? s.keepalive_at : file_start;
  if (deadtime <= 2 * keepalive)
    s.d.error("hacf.deadtime-too-small",
              "deadtime (" + std::to_string(deadtime) + " ms) must be more than twice keepalive (" +
                  std::to_string(keepalive) + " ms)",
              deadtime_at);
  if (s.initdead) {
    if (*s.initdead < deadtime)
      s.d.error("hacf.initdead-too-small",
                "initdead (" + std::to_string(*s.initdead) + " ms) is smaller than deadtime (" +
                    std::to_string(deadtime) + " ms)",
                s.initdead_at);
    else if (*s.initdead < 10000)
      s.d.warning("hacf.initdead-small", "initdead under 10 seconds may be too small",
                  s.initdead_at);
  }
  if (s.deadping && *s.deadping <= 2 * keepalive)
    s.d.error("hacf.deadping-too-small",
              "deadping (" + std::to_string(*s.deadping) +
                  " ms) must be more than twice keepalive (" + std::to_string(keepalive) + " ms)",
              s.deadping_at);
  if (!s.pacemaker_on && s.autojoin != "none")
    s.d.error("hacf.autojoin-conflict",
              "autojoin " + s.autojoin +
                  " conflicts with heartbeat's own (haresources) resource manager; turn autojoin "
                  "off or enable pacemaker",
              s.autojoin_at);
  if (!s.logging && s.use_logd && !*s.use_logd)
    s.d.error("hacf.no-logging",
              "no logfile, debugfile or logfacility, and use_logd is off: heartbeat would have "
              "nowhere to log",
              file_start);
}

}  // namespace

const DirectiveInfo* find_directive(std::string_view name) {
  for (const auto& d : kDirectives)
    if (d.name == name) return &d;
  return nullptr;
}

const std::vector<std::string_view>& global_directive_order() {
  // Logging first of all, as heartbeat's documentation asks.
  static const std::vector<std::string_view> order = {
      "logfacility", "logfile",  "debugfile", "use_logd",    "conn_logd_time",
      "udpport",     "baud",     "debug",     "realtime",    "hbgenmethod",
      "uuidfrom",    "msgfmt",   "compression", "compression_threshold",
      "traditional_compression", "coredumps", "coreroot", "syslogmsgfmt"};
  return order;
}

std::optional<std::uint64_t> parse_time_ms(std::string_view text) {
  std::size_t digits = text.find_first_not_of("0123456789.");
  if (digits == std::string_view::npos) digits = text.size();
  std::string_view number = text.substr(0, digits);
  std::string_view units = text.substr(digits);
  if (number.empty() || number.find_first_of("0123456789") == std::string_view::npos ||
      std::count(number.begin(), number.end(), '.') > 1)
    return std::nullopt;
  double multiplier = 1000, divisor = 1;
  if (ascii_iequals(units, "ms") || ascii_iequals(units, "msec")) {
    multiplier = 1;
  } else if (ascii_iequals(units, "us") || ascii_iequals(units, "usec")) {
    multiplier = 1;
    divisor = 1000;
  } else if (!units.empty()) {
    return std::nullopt;
  }
  double value = std::strtod(std::string(number).c_str(), nullptr);
  double ms = value * multiplier / divisor + 0.5;
  if (!std::isfinite(ms) || ms > 1e15) return std::nullopt;
  return static_cast<std::uint64_t>(ms);
}

std::string format_time_ms(std::uint64_t ms) {
  if (ms % 1000 == 0) return std::to_string(ms / 1000);
  return std::to_string(ms) + "ms";
}

std::optional<bool> parse_boolean(std::string_view text) {
  for (auto t : {"true", "on", "yes", "y", "1"})
    if (ascii_iequals(text, t)) return true;
  for (auto f : {"false", "off", "no", "n", "0"})
    if (ascii_iequals(text, f)) return false;
  return std::nullopt;
}

bool uses_pacemaker(const ConfigFile& hacf) {
  for (const auto& e : hacf.entries) {
    if (e.kind != Entry::Kind::kItem || e.words.size() < 2) continue;
    if (e.words[0].text != "crm" && e.words[0].text != "pacemaker") continue;
    auto b = parse_boolean(e.words[1].text);
    return !b || *b;  // respawn, minimal, ... all turn it on
  }
  return false;
}

ConfigFile parse_hacf(std::string_view text, std::string path, const io::Env& env,
                      model::Diagnostics& diagnostics) {
  ConfigFile file;
  file.path = std::move(path);
  file.present = true;
  State state(file.path, env, diagnostics);
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto line_no = static_cast<std::uint32_t>(i + 1);
    std::string_view line = lines[i];
    Entry entry;
    entry.line = line_no;
    entry.words = split_words(line, line_no, kWhitespace, true);
    if (entry.words.empty()) {
      entry.kind = line.find('#') == std::string_view::npos ? Entry::Kind::kBlank
                                                            : Entry::Kind::kComment;
      entry.text = std::string(line);
      file.entries.push_back(std::move(entry));
      continue;
    }
    if (auto hash = line.find('#'); hash != std::string_view::npos)
      entry.comment = std::string(line.substr(hash));
    check_directive(state, entry);
    file.entries.push_back(std::move(entry));
  }
  check_whole_file(state, lines.size());
  return file;
}

}  // namespace ocf::adapters::heartbeat
