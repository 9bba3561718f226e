// Command-line words -> named options and positional arguments.
//
// Each command declares which options take a value and which are flags;
// anything else that starts with '-' is a usage error. Options may repeat
// (--from A X --from B Y keeps both, in order, each with its position).
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ocf::cli {

struct OptionSpec {
  std::set<std::string, std::less<>> with_value;  // "--from", "-o"
  std::set<std::string, std::less<>> flags;       // "--json"
};

class Options {
 public:
  // Parses `args`; on a usage error returns nullopt and sets `error`.
  static std::optional<Options> parse(std::span<const std::string> args, const OptionSpec& spec,
                                      std::string& error);

  bool flag(std::string_view name) const;
  // Last value of an option.
  std::optional<std::string> value(std::string_view name) const;
  // Every value of an option, in order.
  std::vector<std::string> values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // Options and positionals interleaved as given: (name or "", value).
  const std::vector<std::pair<std::string, std::string>>& sequence() const { return sequence_; }

 private:
  std::vector<std::pair<std::string, std::string>> sequence_;
  std::vector<std::string> positional_;
};

}  // namespace ocf::cli
