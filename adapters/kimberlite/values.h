// Checks of Kimberlite field values (addresses, masks, yes/no, paths,
// numbers), named by the `check` of a Lua field rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ocf::adapters::kimberlite {

bool is_ipv4(std::string_view text);
// A dotted quad whose set bits are contiguous from the left.
bool is_dotted_netmask(std::string_view text);
bool is_unsigned(std::string_view text);

// For a check name ("ip", "netmask", "path", "yesno", "uint", "loglevel"):
// nullopt when `value` passes, otherwise {code suffix, what was expected}.
// An unknown check name fails with code "bad-check" so a typo in a quirk
// file is not silently a pass.
struct CheckFailure {
  std::string code;      // "bad-ip", "bad-netmask", ...
  std::string expected;  // "a dotted IPv4 address"
};
std::optional<CheckFailure> check_value(std::string_view check, std::string_view value);

// Seconds written as an integer or decimal ("2", "0.5") to milliseconds.
std::optional<std::uint64_t> seconds_to_ms(std::string_view text, std::uint64_t unit_ms);
// Milliseconds back to the unit, as short as exact ("2", "0.5").
std::string ms_to_seconds(std::uint64_t ms, std::uint64_t unit_ms);

}  // namespace ocf::adapters::kimberlite
