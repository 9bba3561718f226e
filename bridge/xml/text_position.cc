#include "bridge/xml/text_position.h"

#include <algorithm>
#include <cstring>

namespace ocf::xml {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {
    // The common case, done with memchr.
    const char* begin = text.data();
    const char* end = begin + text.size();
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));)
      starts_.push_back(static_cast<std::size_t>(++p - begin));
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(i + 1);
    }
  }
}

TextPosition LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto after = std::upper_bound(starts_.begin(), starts_.end(), offset);
  auto index = static_cast<std::size_t>(after - starts_.begin()) - 1;
  return {static_cast<std::uint32_t>(index + 1),
          static_cast<std::uint32_t>(offset - starts_[index] + 1)};
}

TextPosition LineIndex::locate(std::size_t offset, std::size_t& hint) const {
  offset = std::min(offset, text_.size());
  std::size_t index = hint < starts_.size() ? hint : 0;
  if (offset < starts_[index]) {
    index = static_cast<std::size_t>(
                std::upper_bound(starts_.begin(), starts_.begin() + static_cast<std::ptrdiff_t>(index),
                                 offset) - starts_.begin()) - 1;
  } else {
    // A few lines on, as a rule; a long jump is searched.
    constexpr std::size_t kSteps = 8;
    std::size_t steps = 0;
    while (index + 1 < starts_.size() && starts_[index + 1] <= offset && steps < kSteps) {
      ++index;
      ++steps;
    }
    if (steps == kSteps && index + 1 < starts_.size() && starts_[index + 1] <= offset)
      index = static_cast<std::size_t>(
                  std::upper_bound(starts_.begin() + static_cast<std::ptrdiff_t>(index), starts_.end(),
                                   offset) - starts_.begin()) - 1;
  }
  hint = index;
  return {static_cast<std::uint32_t>(index + 1),
          static_cast<std::uint32_t>(offset - starts_[index] + 1)};
}

std::string_view LineIndex::line_text(std::uint32_t line) const {
  if (line == 0 || line > starts_.size()) return {};
  std::size_t begin = starts_[line - 1];
  std::size_t end = line < starts_.size() ? starts_[line] : text_.size();
  std::string_view text = text_.substr(begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace ocf::xml
