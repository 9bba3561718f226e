#include "adapters/heartbeat/ocf_instance.h"

#include <cctype>

namespace ocf::adapters::heartbeat {
namespace {

bool name_char(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

// Characters a value may hold without quotes.
bool plain_value(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("_./:,@%+=-").find(c) == std::string_view::npos)
      return false;
  return true;
}

// One shell word starting at `text` (quotes removed). Sets `expands` when
// the word uses $ or ` outside single quotes; `rest` to what follows the
// word (a command, when not blank or a comment).
std::string shell_word(std::string_view text, bool& expands, std::string_view& rest) {
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

std::string quote(std::string_view v) {
  if (plain_value(v)) return std::string(v);
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string ocf_instance_name(std::string_view type, std::string_view instance) {
  return "conf/OCF/" + std::string(type) + "/" + std::string(instance);
}

bool ocf_instance_word(std::string_view word) {
  if (word.empty() || word[0] == '.') return false;
  for (char c : word)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-')
      return false;
  return true;
}

bool shell_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (!name_char(name[i], i == 0)) return false;
  return true;
}

OcfInstance parse_ocf_instance(std::string_view text, std::string path,
                               model::Diagnostics& diagnostics) {
  OcfInstance instance;
  instance.path = std::move(path);
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos || line[start] == '#') continue;
    line = line.substr(start);
    model::SourceLocation where{instance.path, static_cast<std::uint32_t>(i + 1),
                                static_cast<std::uint32_t>(start + 1)};
    if (line.rfind("export", 0) == 0 && (line.size() == 6 || line[6] == ' ' || line[6] == '\t'))
      continue;  // the wrapper exports every assigned name itself
    auto eq = line.find('=');
    if (eq == std::string_view::npos || !shell_name(line.substr(0, eq))) {
      diagnostics.warning("hares.ocf-line",
                          "not a NAME=VALUE assignment; resource.d/OCF would run it as a "
                          "command. Ignored",
                          where);
      continue;
    }
    bool expands = false;
    std::string_view rest;
    std::string value = shell_word(line.substr(eq + 1), expands, rest);
    auto more = rest.find_first_not_of(" \t");
    if (more != std::string_view::npos && rest[more] != '#')
      diagnostics.warning("hares.ocf-line",
                          "text after the value of " + std::string(line.substr(0, eq)) +
                              " is a command for the shell; ignored",
                          where);
    if (expands)
      diagnostics.warning("hares.ocf-expansion",
                          "the value of " + std::string(line.substr(0, eq)) +
                              " uses shell expansion ($ or `), which the bridge does not "
                              "perform: read literally, and written back quoted",
                          where);
    instance.assignments.push_back({std::string(line.substr(0, eq)), std::move(value), where});
  }
  return instance;
}

std::string write_ocf_instance(const OcfInstance& instance, std::string_view header) {
  std::string out;
  for (const auto& line : split_lines(header)) out += "# " + std::string(line) + "\n";
  for (const auto& a : instance.assignments) out += a.name + "=" + quote(a.value) + "\n";
  return out;
}

}  // namespace ocf::adapters::heartbeat
