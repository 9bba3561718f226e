#include "adapters/heartbeat/haresources_parser.h"

#include <algorithm>
#include <optional>

namespace ocf::adapters::heartbeat {
namespace {

constexpr std::string_view kWhitespace = " \t\r\f\v";

// A physical line with its comment removed.
struct Physical {
  std::string_view code;
  std::string comment;
  std::uint32_t line;
};

bool continues(std::string_view code) { return !code.empty() && code.back() == '\\'; }

// Words of a logical line made of physical lines, appended to `words`; a
// '\\' joins the lines the way ResourceManager's sed does (the backslash
// and newline vanish, so a word right before it runs on into the next line).
void logical_words(const std::vector<Physical>& parts, std::vector<Word>& words,
                   std::vector<std::uint32_t>& breaks) {
  bool glue = false;
  for (const auto& p : parts) {
    // A break inside a glued word cannot be kept; any other one is.
    if (&p != &parts.front() && !words.empty() && !glue)
      breaks.push_back(static_cast<std::uint32_t>(words.size()));
    std::string_view code = p.code;
    bool more = continues(code);
    if (more) code.remove_suffix(1);
    std::size_t before = words.size();
    split_words_into(code, p.line, kWhitespace, false, words);
    bool starts_with_word = !code.empty() && kWhitespace.find(code[0]) == std::string_view::npos;
    if (glue && starts_with_word && before > 0 && words.size() > before) {
      words[before - 1].text += words[before].text;
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(before));
    }
    glue = more && !code.empty() && kWhitespace.find(code.back()) == std::string_view::npos;
  }
}

}  // namespace

bool looks_like_ip(std::string_view word) {
  // [0-9]*.[0-9]*.[0-9]*.[0-9]* as a shell pattern: a digit first, then
  // anything with three more dots each followed by a digit.
  // (ASCII digits: what isdigit answers in the C locale the program runs in.)
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (word.empty() || !digit(word[0])) return false;
  std::size_t pos = 1;
  for (int i = 0; i < 3; ++i) {
    bool found = false;
    while (pos < word.size()) {
      if (word[pos] == '.' && pos + 1 < word.size() &&
          digit(word[pos + 1])) {
        pos += 2;
        found = true;
        break;
      }
      ++pos;
    }
    if (!found) return false;
  }
  return true;
}

namespace {

// The grammar of one resource word, reporting what is malformed; fills
// `spec` when given (cleared first). parse_haresources only checks each word
// (the spec is built again by whoever needs it), so the check builds nothing.
bool scan_resource(const Word& word, const std::string& path, model::Diagnostics& diagnostics,
                   ResourceView* spec) {
  const std::string& text = word.text;
  auto where = [&](std::size_t offset) {
    return model::SourceLocation{path, word.line,
                                 word.column + static_cast<std::uint32_t>(offset)};
  };
  if (spec) {
    spec->script = {};
    spec->args.clear();
  }
  if (looks_like_ip(text)) {
    if (spec) {
      spec->form = ResourceSpec::Form::kIpShorthand;
      spec->script = "IPaddr";
      spec->args.push_back({text, word.line, word.column});
    }
    return true;
  }
  std::size_t sep = text.find("::");
  if (sep == std::string::npos) {
    if (spec) {
      spec->form = ResourceSpec::Form::kPlain;
      spec->script = text;
    }
    return true;
  }
  if (sep == 0) {
    diagnostics.error("hares.bad-resource", "'" + text + "' has no script name before '::'",
                      where(0));
    return false;
  }
  bool ocf = std::string_view(text).substr(0, sep) == "OCF";
  if (spec) spec->script = std::string_view(text).substr(0, sep);
  std::size_t count = 0, third = 0;  // arguments, and where the third starts
  std::size_t start = sep + 2;
  while (true) {
    std::size_t next = text.find("::", start);
    std::size_t length = (next == std::string::npos ? text.size() : next) - start;
    if (length == 0) {
      diagnostics.error("hares.bad-resource",
                        "empty argument in '" + text +
                            "': ResourceManager would drop it and shift the rest",
                        where(start));
      return false;
    }
    if (count == 2) third = start;
    ++count;
    if (spec)
      spec->args.push_back({std::string_view(text).substr(start, length), word.line,
                            word.column + static_cast<std::uint32_t>(start)});
    if (next == std::string::npos) break;
    start = next + 2;
  }
  if (ocf) {
    if (spec) spec->form = ResourceSpec::Form::kOcf;
    if (count != 2) {
      diagnostics.error("hares.bad-ocf", "'" + text + "' must be OCF::TYPE::INSTANCE",
                        count < 2 ? where(0) : where(third));
      return false;
    }
    return true;
  }
  if (spec) spec->form = ResourceSpec::Form::kScript;
  return true;
}

}  // namespace

std::optional<ResourceSpec> parse_resource(const Word& word, const std::string& path,
                                           model::Diagnostics& diagnostics) {
  ResourceView view;
  if (!scan_resource(word, path, diagnostics, &view)) return std::nullopt;
  ResourceSpec spec;
  spec.form = view.form;
  spec.script = std::string(view.script);
  spec.args.reserve(view.args.size());
  for (const auto& a : view.args) spec.args.push_back({std::string(a.text), a.line, a.column});
  return spec;
}

bool parse_resource(const Word& word, const std::string& path, model::Diagnostics& diagnostics,
                    ResourceView& spec) {
  return scan_resource(word, path, diagnostics, &spec);
}

ConfigFile parse_haresources(std::string_view text, std::string path,
                             const std::vector<std::string>& nodes,
                             model::Diagnostics& diagnostics) {
  ConfigFile file;
  file.path = std::move(path);
  file.present = true;
  auto lines = split_lines(text);
  file.entries.reserve(lines.size());  // at least a line each
  std::vector<Physical> parts;         // of one entry, reused
  std::size_t words_hint = 0;          // the last line's words: lines look alike
  std::size_t i = 0;
  while (i < lines.size()) {
    auto line_no = static_cast<std::uint32_t>(i + 1);
    std::string_view line = lines[i];
    std::size_t hash = line.find('#');
    std::string_view code = line.substr(0, hash);
    bool has_code = code.find_first_not_of(kWhitespace) != std::string_view::npos;
    if (!has_code && !continues(code)) {
      Entry entry;
      entry.kind = hash == std::string_view::npos ? Entry::Kind::kBlank : Entry::Kind::kComment;
      entry.line = line_no;
      entry.text = std::string(line);
      file.entries.push_back(std::move(entry));
      ++i;
      continue;
    }
    parts.clear();
    while (true) {
      std::string_view l = lines[i];
      std::size_t h = l.find('#');
      Physical p{l.substr(0, h), h == std::string_view::npos ? "" : std::string(l.substr(h)),
                 static_cast<std::uint32_t>(i + 1)};
      parts.push_back(p);
      ++i;
      if (!continues(p.code)) break;
      if (i == lines.size()) {
        diagnostics.error("hares.unterminated",
                          "the last line ends with '\\' but no line follows",
                          {file.path, p.line, static_cast<std::uint32_t>(p.code.size())});
        break;
      }
    }
    Entry entry;
    entry.kind = Entry::Kind::kItem;
    entry.line = line_no;
    entry.words.reserve(words_hint);
    logical_words(parts, entry.words, entry.breaks);
    words_hint = entry.words.size();
    // A break before the first word, or two at one place, says nothing.
    std::erase_if(entry.breaks, [](std::uint32_t b) { return b == 0; });
    entry.breaks.erase(std::unique(entry.breaks.begin(), entry.breaks.end()), entry.breaks.end());
    entry.comment = parts.back().comment;
    if (entry.words.empty()) {
      diagnostics.error("hares.empty-group", "a continued line holds no node and no resource",
                        {file.path, line_no, 1});
      continue;
    }
    const Word& node = entry.words[0];
    if (std::none_of(nodes.begin(), nodes.end(),
                     [&](const std::string& n) { return ascii_iequals(n, node.text); }))
      diagnostics.error("hares.bad-node",
                        "Bad nodename in haresources: '" + node.text + "' is not a node of ha.cf",
                        at(file, node));
    if (entry.words.size() == 1)
      diagnostics.error("hares.empty-group", "node '" + node.text + "' is given no resources",
                        at(file, node));
    for (std::size_t w = 1; w < entry.words.size(); ++w)
      scan_resource(entry.words[w], file.path, diagnostics, nullptr);
    file.entries.push_back(std::move(entry));
  }
  return file;
}

}  // namespace ocf::adapters::heartbeat
