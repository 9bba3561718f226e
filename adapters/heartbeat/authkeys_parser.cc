#include "adapters/heartbeat/authkeys_parser.h"

#include <charconv>
#include <map>
#include <optional>

namespace ocf::adapters::heartbeat {
namespace {

constexpr std::string_view kWhitespace = " \t\r\f\v";

std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool known_auth_method(std::string_view method, bool& needs_secret) {
  needs_secret = method != "crc";
  return method == "crc" || method == "md5" || method == "sha1";
}

ConfigFile parse_authkeys(std::string_view text, std::string path,
                          model::Diagnostics& diagnostics) {
  ConfigFile file;
  file.path = std::move(path);
  file.present = true;
  auto where = [&](const Word& w) { return at(file, w); };
  std::optional<int> active;
  Word active_word;
  std::map<int, Word> keys;

  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto line_no = static_cast<std::uint32_t>(i + 1);
    std::string_view line = lines[i];
    Entry entry;
    entry.line = line_no;
    // The daemon takes a line as a comment only when '#' is its first
    // character; elsewhere '#' is part of a word (a secret may hold one).
    if (!line.empty() && line[0] == '#') {
      entry.kind = Entry::Kind::kComment;
      entry.text = std::string(line);
      file.entries.push_back(std::move(entry));
      continue;
    }
    entry.words = split_words(line, line_no, kWhitespace, false);
    if (entry.words.empty()) {
      entry.kind = Entry::Kind::kBlank;
      entry.text = std::string(line);
      file.entries.push_back(std::move(entry));
      continue;
    }
    const auto& w = entry.words;
    if (w[0].text == "auth") {
      auto n = w.size() >= 2 ? parse_number(w[1].text) : std::nullopt;
      if (!n) {
        diagnostics.error("authkeys.bad-auth", "expected 'auth NUMBER'",
                          where(w.size() >= 2 ? w[1] : w[0]));
      } else {
        if (active)
          diagnostics.warning("authkeys.auth-twice",
                              "auth given more than once; heartbeat uses the last", where(w[0]));
        active = n;
        active_word = w[1];
      }
      if (w.size() > 2)
        diagnostics.error("authkeys.bad-auth", "'auth' takes one number", where(w[2]));
      file.entries.push_back(std::move(entry));
      continue;
    }
    auto number = parse_number(w[0].text);
    if (!number) {
      diagnostics.error("authkeys.bad-line", "expected 'auth N' or 'NUMBER METHOD [SECRET]'",
                        where(w[0]));
      file.entries.push_back(std::move(entry));
      continue;
    }
    if (*number < 0 || *number >= kMaxAuthKeys) {
      diagnostics.error("authkeys.bad-number",
                        "key number " + w[0].text + " is outside 0-15", where(w[0]));
    } else if (w.size() < 2) {
      diagnostics.error("authkeys.missing-method", "key " + w[0].text + " has no method",
                        where(w[0]));
    } else {
      bool needs_secret = false;
      if (!known_auth_method(w[1].text, needs_secret)) {
        diagnostics.error("authkeys.unknown-method",
                          "unknown authentication method '" + w[1].text +
                              "' (crc, md5 or sha1)",
                          where(w[1]));
      } else if (needs_secret && w.size() < 3) {
        diagnostics.error("authkeys.missing-secret",
                          "method " + w[1].text + " of key " + w[0].text + " requires a secret",
                          where(w[1]));
      } else if (!needs_secret && w.size() >= 3) {
        diagnostics.error("authkeys.unexpected-secret",
                          "method crc of key " + w[0].text + " takes no secret", where(w[2]));
      } else if (w.size() > 3) {
        diagnostics.warning("authkeys.ignored-words",
                            "heartbeat ignores what follows the secret of key " + w[0].text +
                                " (a secret cannot contain white space)",
                            where(w[3]));
      }
      if (auto [it, inserted] = keys.emplace(*number, w[0]); !inserted)
        diagnostics.error("authkeys.duplicate-key",
                          "key " + w[0].text + " is defined twice (first at line " +
                              std::to_string(it->second.line) + ")",
                          where(w[0]));
    }
    file.entries.push_back(std::move(entry));
  }
  model::SourceLocation file_start{file.path, lines.empty() ? 0u : 1u, lines.empty() ? 0u : 1u};
  if (!active && keys.empty())
    diagnostics.warning("authkeys.empty",
                        "authkeys holds no key: heartbeat would not start", file_start);
  else if (!active)
    diagnostics.error("authkeys.no-auth", "no 'auth N' line selects a key", file_start);
  else if (!keys.count(*active))
    diagnostics.error("authkeys.missing-key",
                      "auth " + std::to_string(*active) + " names a key that is not defined",
                      where(active_word));
  return file;
}

}  // namespace ocf::adapters::heartbeat
