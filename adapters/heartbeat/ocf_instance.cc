#include "adapters/heartbeat/ocf_instance.h"

#include <algorithm>
#include <array>

#include "bridge/model/diagnostics.h"


namespace ocf::adapters::heartbeat {
namespace {

// ASCII classes: the program never sets a locale, so these are what
// isalpha/isdigit/isalnum answer, without a library call per character
// (every parameter of every instance file is checked and quoted).
constexpr bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool name_char(char c, bool first) {
  return ascii_alpha(c) || c == '_' || (!first && ascii_digit(c));
}

// ASCII letters and digits, and the characters of `extra`, as a table: a
// check of one lookup a character.
constexpr std::array<bool, 256> ascii_class(std::string_view extra) {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    char ch = static_cast<char>(c);
    t[c] = ascii_alpha(ch) || ascii_digit(ch);
  }
  for (char c : extra) t[static_cast<unsigned char>(c)] = true;
  return t;
}

// Characters a value may hold without quotes.
bool plain_value(std::string_view v) {
  static constexpr auto kPlain = ascii_class("_./:,@%+=-");
  if (v.empty()) return false;
  for (char c : v)
    if (!kPlain[static_cast<unsigned char>(c)]) return false;
  return true;
}

// No quote, escape, expansion or blank: the word is the text as it stands.
// One table lookup a character (every value read back goes through here).
bool literal_word(std::string_view text) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\'', '"', '\\', '$', '`'}) t[c] = true;
    return t;
  }();
  for (char c : text)
    if (kSpecial[static_cast<unsigned char>(c)]) return false;
  return true;
}

// One shell word starting at `text` (quotes removed). Sets `expands` when
// the word uses $ or ` outside single quotes; `rest` to what follows the
// word (a command, when not blank or a comment).
std::string shell_word(std::string_view text, bool& expands, std::string_view& rest) {
  if (literal_word(text)) {
    rest = std::string_view();
    return std::string(text);
  }
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t') break;
    if (c == '\'') {
      auto end = text.find('\'', i + 1);
      if (end == std::string_view::npos) end = text.size();
      out += text.substr(i + 1, end - i - 1);
      i = end + 1;
    } else if (c == '"') {
      ++i;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size() &&
            std::string_view("$`\"\\").find(text[i + 1]) != std::string_view::npos)
          ++i;
        else if (text[i] == '$' || text[i] == '`')
          expands = true;
        out += text[i++];
      }
      ++i;
    } else if (c == '\\' && i + 1 < text.size()) {
      out += text[i + 1];
      i += 2;
    } else {
      if (c == '$' || c == '`') expands = true;
      out += c;
      ++i;
    }
  }
  rest = i < text.size() ? text.substr(i) : std::string_view();
  return out;
}

// How a value is written: as it stands when plain, else in single quotes
// with each ' as '\''. quoted_size gives the length put_quoted writes.
std::size_t quoted_size(std::string_view v) {
  if (plain_value(v)) return v.size();
  return v.size() + 2 + 3 * static_cast<std::size_t>(std::count(v.begin(), v.end(), '\''));
}

char* put_quoted(char* out, std::string_view v) {
  if (plain_value(v)) return std::copy(v.begin(), v.end(), out);
  *out++ = '\'';
  for (char c : v) {
    if (c == '\'') {
      out = std::copy_n("'\\''", 4, out);
    } else {
      *out++ = c;
    }
  }
  *out++ = '\'';
  return out;
}

// The lines of `text` (as split_lines gives them), one call each.
template <typename Line>
void each_line(std::string_view text, Line&& line) {
  std::size_t start = 0, number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    line(l, ++number);
    start = end + 1;
  }
}

}  // namespace

namespace {
constexpr std::string_view kInstanceDir = "conf/OCF/";
}  // namespace

std::string ocf_instance_name(std::string_view type, std::string_view instance) {
  std::string out;
  out.reserve(kInstanceDir.size() + type.size() + 1 + instance.size());
  append_ocf_instance_name(out, type, instance);
  return out;
}

void append_ocf_instance_name(std::string& out, std::string_view type, std::string_view instance) {
  out.append(kInstanceDir).append(type).append(1, '/').append(instance);
}

bool ocf_instance_word(std::string_view word) {
  static constexpr auto kWord = ascii_class("_.-");
  if (word.empty() || word[0] == '.') return false;
  for (char c : word)
    if (!kWord[static_cast<unsigned char>(c)]) return false;
  return true;
}

// One table lookup a character: every parameter of every instance file is
// checked when written and when read back.
bool shell_name(std::string_view name) {
  static constexpr auto kClass = [] {  // bit 1: may start a name, bit 2: may follow
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
      char ch = static_cast<char>(c);
      t[c] = (name_char(ch, true) ? 1 : 0) | (name_char(ch, false) ? 2 : 0);
    }
    return t;
  }();
  if (name.empty() || !(kClass[static_cast<unsigned char>(name[0])] & 1)) return false;
  auto at = [&](std::size_t i) { return kClass[static_cast<unsigned char>(name[i])]; };
  std::size_t i = 1;
  for (; i + 4 <= name.size(); i += 4)  // four at a time: one test for all four
    if (!(at(i) & at(i + 1) & at(i + 2) & at(i + 3) & 2)) return false;
  for (; i < name.size(); ++i)
    if (!(at(i) & 2)) return false;
  return true;
}

OcfInstance parse_ocf_instance(std::string_view text, std::string path,
                               model::Diagnostics& diagnostics) {
  OcfInstance instance;
  instance.path = std::move(path);
  // About one assignment a line of some 24 bytes (capped: a huge file
  // reserves no more); a guess, so the text is not scanned twice.
  instance.assignments.reserve(std::min<std::size_t>(text.size() / 24 + 1, 64));
  // The file's name is interned for a diagnostic only (origin_of).
  auto where = [&](std::size_t number, std::size_t column) {
    return model::SourceLocation{instance.path, static_cast<std::uint32_t>(number),
                                 static_cast<std::uint32_t>(column)};
  };
  each_line(text, [&](std::string_view line, std::size_t number) {
    std::size_t start = 0;
    while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
    if (start == line.size() || line[start] == '#') return;
    line.remove_prefix(start);
    if (line.starts_with("export") && (line.size() == 6 || line[6] == ' ' || line[6] == '\t'))
      return;  // the wrapper exports every assigned name itself
    auto eq = line.find('=');
    if (eq == std::string_view::npos || !shell_name(line.substr(0, eq))) {
      diagnostics.warning("hares.ocf-line",
                          "not a NAME=VALUE assignment; resource.d/OCF would run it as a "
                          "command. Ignored",
                          where(number, start + 1));
      return;
    }
    bool expands = false;
    std::string_view rest;
    std::string value = shell_word(line.substr(eq + 1), expands, rest);
    auto more = rest.find_first_not_of(" \t");
    if (more != std::string_view::npos && rest[more] != '#')
      diagnostics.warning("hares.ocf-line",
                          "text after the value of " + std::string(line.substr(0, eq)) +
                              " is a command for the shell; ignored",
                          where(number, start + 1));
    if (expands)
      diagnostics.warning("hares.ocf-expansion",
                          "the value of " + std::string(line.substr(0, eq)) +
                              " uses shell expansion ($ or `), which the bridge does not "
                              "perform: read literally, and written back quoted",
                          where(number, start + 1));
    instance.assignments.push_back({std::string(line.substr(0, eq)), std::move(value),
                                    static_cast<std::uint32_t>(number),
                                    static_cast<std::uint32_t>(start + 1)});
  });
  return instance;
}

std::string write_ocf_instance(const OcfInstance& instance, std::string_view header) {
  // Sized exactly, then written in place: a write makes thousands of these.
  std::size_t size = 0;
  each_line(header, [&](std::string_view line, std::size_t) { size += 2 + line.size() + 1; });
  for (const auto& a : instance.assignments) size += a.name.size() + 2 + quoted_size(a.value);
  std::string out(size, '\0');
  char* at = out.data();
  auto put = [&](std::string_view part) { at = std::copy(part.begin(), part.end(), at); };
  each_line(header, [&](std::string_view line, std::size_t) {
    put("# ");
    put(line);
    *at++ = '\n';
  });
  for (const auto& a : instance.assignments) {
    put(a.name);
    *at++ = '=';
    at = put_quoted(at, a.value);
    *at++ = '\n';
  }
  return out;
}

}  // namespace ocf::adapters::heartbeat
