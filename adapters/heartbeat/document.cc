#include "adapters/heartbeat/document.h"

#include <array>

namespace ocf::adapters::heartbeat {

namespace {

// 1: a delimiter, 2: a comment starts (checked first, as '#' may also be a
// delimiter), 0: part of a word.
using Kinds = std::array<unsigned char, 256>;

Kinds kinds_of(std::string_view delims, bool comments) {
  Kinds kind{};
  for (char c : delims) kind[static_cast<unsigned char>(c)] = 1;
  if (comments) kind[static_cast<unsigned char>('#')] = 2;
  return kind;
}

// One table lookup per character instead of a search of the delimiters:
// every line of every file is split here.
void split_with(std::string_view text, std::uint32_t line, const Kinds& kind,
                std::vector<Word>& out) {
  auto of = [&](char c) { return kind[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char k = of(text[i]);
    if (k == 2) break;
    if (k == 1) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && of(text[i]) == 0) ++i;
    out.push_back({std::string(text.substr(start, i - start)), line,
                   static_cast<std::uint32_t>(start + 1)});
  }
}

}  // namespace

void split_words_into(std::string_view text, std::uint32_t line, std::string_view delims,
                      bool comments, std::vector<Word>& out) {
  // haresources' blanks, once: its thousands of lines build no table each.
  constexpr std::string_view kBlanks = " \t\r\f\v";
  static const Kinds kBlankKinds = kinds_of(kBlanks, false);
  if (!comments && delims == kBlanks)
    split_with(text, line, kBlankKinds, out);
  else
    split_with(text, line, kinds_of(delims, comments), out);
}

std::vector<Word> split_words(std::string_view text, std::uint32_t line,
                              std::string_view delims, bool comments) {
  std::vector<Word> words;
  split_words_into(text, line, delims, comments, words);
  return words;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace ocf::adapters::heartbeat
