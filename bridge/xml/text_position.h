// Byte offsets to line:column positions in one text buffer.
//
// Both XML parsers report places as byte offsets (pugixml) or as a line
// (libxml2's validator); diagnostics want line and column. The index of
// line starts is built once per document, then each lookup is a binary
// search, so locating every element of a 10,000-resource file stays cheap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ocf::xml {

struct TextPosition {
  std::uint32_t line = 0;    // from 1
  std::uint32_t column = 0;  // from 1, in bytes
};

class LineIndex {
 public:
  // Lines end at "\n", "\r\n" or a lone "\r", as XML counts them.
  explicit LineIndex(std::string_view text);

  // Position of the byte at `offset` (an offset past the end maps to the
  // end of the last line).
  TextPosition locate(std::size_t offset) const;
  // The same, for lookups that mostly move forward through the text (a
  // reader visiting elements in document order): `hint` is the index of the
  // line found last (start it at 0), and a lookup at or after that line
  // steps forward from it instead of searching the whole index.
  TextPosition locate(std::size_t offset, std::size_t& hint) const;
  // The text of line `line` (from 1) without its line end; empty when out
  // of range.
  std::string_view line_text(std::uint32_t line) const;
  std::size_t line_count() const { return starts_.size(); }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;  // offset of each line's first byte
};

}  // namespace ocf::xml
