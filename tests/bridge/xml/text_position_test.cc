#include "bridge/xml/text_position.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ocf::xml {
namespace {

// The hinted lookup (a reader walking forward through a document) must find
// what the plain one finds, whatever order the offsets come in and wherever
// the hint was left: forward by a line or by many, backward, past the end.
TEST(LineIndex, HintedLookupsAgreeWithThePlainOne) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += std::string(static_cast<std::size_t>(i % 7), 'x');
    text += i % 5 == 0 ? "\r\n" : i % 11 == 0 ? "\r" : "\n";
    if (i % 13 == 0) text += "\n\n";
  }
  text += "tail";
  LineIndex index(text);
  auto same = [&](std::size_t offset, std::size_t& hint) {
    TextPosition plain = index.locate(offset);
    TextPosition hinted = index.locate(offset, hint);
    ASSERT_EQ(plain.line, hinted.line) << offset;
    ASSERT_EQ(plain.column, hinted.column) << offset;
  };
  std::size_t hint = 0;
  for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) same(offset, hint);
  for (std::size_t offset = text.size() + 2; offset-- > 0;) same(offset, hint);
  for (std::size_t step : {3u, 17u, 40u, 97u}) {
    hint = 0;
    for (std::size_t k = 0; k < 400; ++k) same(k * step % (text.size() + 1), hint);
  }
  hint = 12345;  // a stale hint from a longer text
  same(5, hint);
}

}  // namespace
}  // namespace ocf::xml
