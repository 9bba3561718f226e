// Value checks: the one-pass dotted-quad reader against the plain
// definition (split at '.', each part 1-3 digits, no leading zero, at most
// 255), and the check names' results, on the edge cases of each.
#include "adapters/kimberlite/values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ocf::adapters::kimberlite {
namespace {

// The definition, written out the slow way.
bool reference_octets(std::string_view text, unsigned out[4]) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text) {
    if (c == '.') {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  if (parts.size() != 4) return false;
  for (int i = 0; i < 4; ++i) {
    const std::string& p = parts[i];
    if (p.empty() || p.size() > 3) return false;
    for (char c : p)
      if (c < '0' || c > '9') return false;
    if (p.size() > 1 && p[0] == '0') return false;
    out[i] = static_cast<unsigned>(std::stoul(p));
    if (out[i] > 255) return false;
  }
  return true;
}

bool reference_ipv4(std::string_view text) {
  unsigned o[4];
  return reference_octets(text, o);
}

bool reference_netmask(std::string_view text) {
  unsigned o[4];
  if (!reference_octets(text, o)) return false;
  std::uint32_t inverted = ~((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]);
  return (inverted & (inverted + 1)) == 0;
}

TEST(KimberliteValues, DottedQuadsAgreeWithTheDefinition) {
  std::vector<std::string> cases = {
      "", ".", "...", "....", "1.2.3", "1.2.3.4", "1.2.3.4.", ".1.2.3.4", "1.2.3.4.5",
      "1..3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.1.1.256", "01.1.1.1", "1.1.1.01",
      "1.1.1.0", "1000.1.1.1", "1.1.1.1000", "12345.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1.2.3.a",
      "a.2.3.4", "1.2.3.-4", "+1.2.3.4", "999.1.1.1", "10.0.0.255", "1.2.3.4x", "1.2.3.00",
      "255.255.255.0", "255.255.0.255", "255.255.255.128", "128.0.0.0", "0.255.255.255",
      "255.255.255.254", "255.254.255.0"};
  // Every string of up to five characters over a small alphabet, and
  // three or four parts of the kinds that matter joined by dots.
  const std::string alphabet = "019.a";
  std::vector<std::string> level = {""};
  for (int length = 1; length <= 5; ++length) {
    std::vector<std::string> next;
    for (const auto& s : level)
      for (char c : alphabet) next.push_back(s + c);
    cases.insert(cases.end(), next.begin(), next.end());
    level = std::move(next);
  }
  const std::vector<std::string> parts = {"",    "0",   "7",   "00",   "01", "10", "99",
                                          "128", "255", "256", "1000", "a",  "2a", " 1"};
  std::vector<std::string> joined = {""};
  for (int count = 1; count <= 4; ++count) {
    std::vector<std::string> next;
    for (const auto& s : joined)
      for (const auto& part : parts) next.push_back(count == 1 ? part : s + "." + part);
    if (count >= 3) cases.insert(cases.end(), next.begin(), next.end());
    joined = std::move(next);
  }
  for (const auto& c : cases) {
    EXPECT_EQ(is_ipv4(c), reference_ipv4(c)) << "'" << c << "'";
    EXPECT_EQ(is_dotted_netmask(c), reference_netmask(c)) << "'" << c << "'";
  }
  EXPECT_TRUE(is_ipv4("10.0.0.1"));
  EXPECT_FALSE(is_ipv4("010.0.0.1"));
  EXPECT_TRUE(is_dotted_netmask("255.255.255.0"));
  EXPECT_FALSE(is_dotted_netmask("255.0.255.0"));
}

TEST(KimberliteValues, ChecksPassAndFailByName) {
  EXPECT_FALSE(check_value("", "anything"));
  EXPECT_FALSE(check_value("ip", "10.0.0.1"));
  EXPECT_EQ(check_value("ip", "10.0.0").value().code, "bad-ip");
  EXPECT_FALSE(check_value("netmask", "255.255.255.0"));
  EXPECT_EQ(check_value("netmask", "255.0.255.0").value().code, "bad-netmask");
  EXPECT_FALSE(check_value("yesno", "yes"));
  EXPECT_FALSE(check_value("yesno", "no"));
  EXPECT_EQ(check_value("yesno", "Yes").value().code, "bad-boolean");
  EXPECT_FALSE(check_value("path", "/x"));
  EXPECT_EQ(check_value("path", "x").value().code, "bad-path");
  EXPECT_EQ(check_value("path", "").value().code, "bad-path");
  EXPECT_FALSE(check_value("uint", "123456789"));
  EXPECT_EQ(check_value("uint", "1234567890").value().code, "bad-number");
  EXPECT_EQ(check_value("uint", "").value().code, "bad-number");
  EXPECT_FALSE(check_value("loglevel", "7"));
  EXPECT_EQ(check_value("loglevel", "8").value().code, "bad-log-level");
  // Names of the fast lengths that are not checks fall to the full chain.
  EXPECT_EQ(check_value("iq", "10.0.0.1").value().code, "bad-check");
  EXPECT_EQ(check_value("pith", "/x").value().code, "bad-check");
  EXPECT_EQ(check_value("yesnp", "yes").value().code, "bad-check");
}

}  // namespace
}  // namespace ocf::adapters::kimberlite
