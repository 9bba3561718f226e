#include "adapters/heartbeat/document.h"

#include <array>

namespace ocf::adapters::heartbeat {

std::vector<Word> split_words(std::string_view text, std::uint32_t line,
                              std::string_view delims, bool comments) {
  // One table lookup per character instead of a search of `delims`: every
  // line of every file is split here. 1: a delimiter, 2: a comment starts
  // (checked first, as '#' may also be a delimiter).
  std::array<unsigned char, 256> kind{};
  for (char c : delims) kind[static_cast<unsigned char>(c)] = 1;
  if (comments) kind[static_cast<unsigned char>('#')] = 2;
  auto of = [&](char c) { return kind[static_cast<unsigned char>(c)]; };
  std::vector<Word> words;
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
    words.push_back({std::string(text.substr(start, i - start)), line,
                     static_cast<std::uint32_t>(start + 1)});
  }
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
