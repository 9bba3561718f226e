#include "adapters/kimberlite/values.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace ocf::adapters::kimberlite {
namespace {

// Splits a dotted quad into octets; false when it is not one: four parts
// of one to three digits, no leading zero ("010" reads as octal
// elsewhere), none above 255. One pass over the text.
bool octets(std::string_view text, unsigned out[4]) {
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t start = pos;
    unsigned value = 0;
    // At most four digits are read: a fourth already fails.
    while (pos < text.size() && pos - start < 4 && text[pos] >= '0' && text[pos] <= '9')
      value = value * 10 + static_cast<unsigned>(text[pos++] - '0');
    const std::size_t length = pos - start;
    if (length == 0 || length > 3) return false;
    if (length > 1 && text[start] == '0') return false;
    if (value > 255) return false;
    out[i] = value;
    if (i < 3) {
      if (pos >= text.size() || text[pos] != '.') return false;
      ++pos;
    } else if (pos != text.size()) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_unsigned(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ipv4(std::string_view text) {
  unsigned o[4];
  return octets(text, o);
}

bool is_dotted_netmask(std::string_view text) {
  unsigned o[4];
  if (!octets(text, o)) return false;
  std::uint32_t mask = (o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3];
  std::uint32_t inverted = ~mask;
  return (inverted & (inverted + 1)) == 0;  // ones then zeros
}

std::optional<CheckFailure> check_value(std::string_view check, std::string_view value) {
  if (check.empty()) return std::nullopt;
  // The common passes first, told apart by length and first byte, without
  // comparing the names; anything else takes the full chain below.
  switch (check.size()) {
    case 2:
      if (check[0] == 'i' && check[1] == 'p' && is_ipv4(value)) return std::nullopt;
      break;
    case 4:
      if (check == "path" && !value.empty() && value.front() == '/') return std::nullopt;
      if (check == "uint" && is_unsigned(value) && value.size() < 10) return std::nullopt;
      break;
    case 5:
      if (check == "yesno" && (value == "yes" || value == "no")) return std::nullopt;
      break;
    default:
      break;
  }
  if (check == "ip")
    return is_ipv4(value) ? std::nullopt
                          : std::optional(CheckFailure{"bad-ip", "a dotted IPv4 address"});
  if (check == "netmask")
    return is_dotted_netmask(value)
               ? std::nullopt
               : std::optional(CheckFailure{"bad-netmask", "a dotted-quad netmask such as 255.255.255.0"});
  if (check == "yesno")
    return value == "yes" || value == "no"
               ? std::nullopt
               : std::optional(CheckFailure{"bad-boolean", "'yes' or 'no'"});
  if (check == "path")
    return !value.empty() && value.front() == '/'
               ? std::nullopt
               : std::optional(CheckFailure{"bad-path", "an absolute path"});
  if (check == "uint")
    return is_unsigned(value) && value.size() < 10
               ? std::nullopt
               : std::optional(CheckFailure{"bad-number", "a whole number"});
  if (check == "loglevel")
    return value.size() == 1 && value[0] >= '0' && value[0] <= '7'
               ? std::nullopt
               : std::optional(CheckFailure{"bad-log-level", "a syslog level 0-7"});
  return CheckFailure{"bad-check", "a known check (quirk table names '" + std::string(check) + "')"};
}

std::optional<std::uint64_t> seconds_to_ms(std::string_view text, std::uint64_t unit_ms) {
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || !is_unsigned(whole) || whole.size() > 9) return std::nullopt;
  if (dot != std::string_view::npos && (!is_unsigned(fraction) || fraction.size() > 6))
    return std::nullopt;
  std::uint64_t w = 0, f = 0, scale = 1;
  std::from_chars(whole.data(), whole.data() + whole.size(), w);
  std::from_chars(fraction.data(), fraction.data() + fraction.size(), f);
  for (std::size_t i = 0; i < fraction.size(); ++i) scale *= 10;
  std::uint64_t ms = w * unit_ms + (f * unit_ms) / scale;
  if ((f * unit_ms) % scale != 0) return std::nullopt;  // finer than a millisecond
  return ms;
}

std::string ms_to_seconds(std::uint64_t ms, std::uint64_t unit_ms) {
  std::string out = std::to_string(ms / unit_ms);
  std::uint64_t rest = ms % unit_ms;
  if (rest == 0) return out;
  // unit_ms is a power of ten in practice (1000): print the fraction.
  std::string fraction = std::to_string(rest);
  std::string digits = std::to_string(unit_ms - 1);
  while (fraction.size() < digits.size()) fraction.insert(fraction.begin(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return out + "." + fraction;
}

}  // namespace ocf::adapters::kimberlite
