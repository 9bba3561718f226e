#include "bridge/cli/options.h"

namespace ocf::cli {

std::optional<Options> Options::parse(std::span<const std::string> args, const OptionSpec& spec,
                                      std::string& error) {
  Options out;
  bool only_positional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (only_positional || word == "-" || word.empty() || word[0] != '-') {
      out.positional_.push_back(word);
      out.sequence_.emplace_back("", word);
      continue;
    }
    if (word == "--") {
      only_positional = true;
      continue;
    }
    std::string name = word;
    std::optional<std::string> inline_value;
    if (auto eq = word.find('='); eq != std::string::npos && word.starts_with("--")) {
      name = word.substr(0, eq);
      inline_value = word.substr(eq + 1);
    }
    if (spec.flags.count(name)) {
      if (inline_value) {
        error = "option " + name + " takes no value";
        return std::nullopt;
      }
      out.sequence_.emplace_back(name, "");
      continue;
    }
    if (!spec.with_value.count(name)) {
      error = "unknown option " + name;
      return std::nullopt;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        error = "option " + name + " needs a value";
        return std::nullopt;
      }
      inline_value = args[++i];
    }
    out.sequence_.emplace_back(name, *inline_value);
  }
  return out;
}

bool Options::flag(std::string_view name) const {
  for (const auto& [n, _] : sequence_)
    if (n == name) return true;
  return false;
}

std::optional<std::string> Options::value(std::string_view name) const {
  std::optional<std::string> last;
  for (const auto& [n, v] : sequence_)
    if (n == name) last = v;
  return last;
}

std::vector<std::string> Options::values(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : sequence_)
    if (n == name) out.push_back(v);
  return out;
}

}  // namespace ocf::cli
