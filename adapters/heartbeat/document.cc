#include "adapters/heartbeat/document.h"

namespace ocf::adapters::heartbeat {

std::vector<Word> split_words(std::string_view text, std::uint32_t line,
                              std::string_view delims, bool comments) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < text.size()) {
    if (comments && text[i] == '#') break;
    if (delims.find(text[i]) != std::string_view::npos) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && delims.find(text[i]) == std::string_view::npos &&
           !(comments && text[i] == '#'))
      ++i;
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
