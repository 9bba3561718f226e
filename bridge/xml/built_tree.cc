#include "bridge/xml/built_tree.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string_view>

#include "bridge/io/word_scan.h"

namespace ocf::xml {
namespace {

// Which bytes a value (attribute) or text escapes.
struct EscapeTable {
  std::array<bool, 256> attribute{};
  std::array<bool, 256> text{};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) {
      attribute[c] = true;
      text[c] = c != '\t' && c != '\n' && c != '\r';
    }
    for (unsigned char c : {'&', '<'}) attribute[c] = text[c] = true;
    attribute['"'] = true;
    text['>'] = true;
  }
};
constexpr EscapeTable kEscape;

// Word tests that flag every byte the tables above escape, and a few more
// (bytes from 0x20 to 0x26: space, '!', '"', '#', '$', '%', '&'; in text
// also tab, line feed and carriage return): a value none of whose words is
// flagged has nothing to escape; any other takes the byte loop.
struct AttributeWords {
  static std::uint64_t flags(std::uint64_t w) { return word::less(w, 0x27) | word::equal(w, '<'); }
};
struct TextWords {
  static std::uint64_t flags(std::uint64_t w) {
    return word::less(w, 0x27) | word::equal(w, '<') | word::equal(w, '>');
  }
};

// Writes through a raw pointer into a buffer of its own: appending to a
// string piece by piece (a name, '=', a quote) costs more than the bytes
// themselves, and a string's resize would first fill what is then
// overwritten. Before each piece the buffer is made large enough for it at
// its worst (every value byte escaped).
class TextWriter {
 public:
  TextWriter(const BuiltTree& tree, std::size_t size_hint)
      : tree_(tree), capacity_(std::max<std::size_t>(size_hint, 64)), buffer_(new char[capacity_]) {}

  void declaration() {
    constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    commit(copy(reserve(kDeclaration.size()), kDeclaration.data(), kDeclaration.size()));
  }
  std::string text() const { return std::string(buffer_.get(), used_); }

  void element(std::uint32_t index, std::size_t depth) {
    const BuiltTree::Node& node = tree_.nodes[index];
    const std::size_t name_size = node.size;
    std::size_t worst = 2 * depth + 2 * name_size + 8;
    for (std::uint32_t i = 0; i < node.attribute_count; ++i) {
      const BuiltTree::Attribute& a = tree_.attributes[node.first_attribute + i];
      worst += a.name_size + 4 + a.size * kWorstEscape;
    }
    char* p = reserve(worst);
    p = indent(p, depth);
    *p++ = '<';
    p = copy(p, node.name, name_size);
    for (std::uint32_t i = 0; i < node.attribute_count; ++i) {
      const BuiltTree::Attribute& a = tree_.attributes[node.first_attribute + i];
      *p++ = ' ';
      p = copy(p, a.name, a.name_size);
      *p++ = '=';
      *p++ = '"';
      p = escaped<AttributeWords>(p, a.value, a.size, kEscape.attribute);
      *p++ = '"';
    }
    if (node.first_child == BuiltTree::kNone) {
      p = copy(p, " />\n", 4);
      commit(p);
      return;
    }
    const BuiltTree::Node& first = tree_.nodes[node.first_child];
    if (!first.name && first.next_sibling == BuiltTree::kNone) {  // text only: one line
      *p++ = '>';
      commit(p);
      std::size_t size = first.size;
      p = reserve(size * kWorstEscape + name_size + 4);
      p = escaped<TextWords>(p, first.text, size, kEscape.text);
    } else {
      *p++ = '>';
      *p++ = '\n';
      commit(p);
      for (std::uint32_t c = node.first_child; c != BuiltTree::kNone;
           c = tree_.nodes[c].next_sibling)
        element(c, depth + 1);
      p = reserve(2 * depth + name_size + 4);
      p = indent(p, depth);
    }
    *p++ = '<';
    *p++ = '/';
    p = copy(p, node.name, name_size);
    *p++ = '>';
    *p++ = '\n';
    commit(p);
  }

 private:
  static constexpr std::size_t kWorstEscape = 6;  // '"' -> "&quot;"

  // Room for `size` more bytes; where to write them.
  char* reserve(std::size_t size) {
    if (capacity_ - used_ < size) {
      std::size_t capacity = std::max(capacity_ * 2, used_ + size);
      std::unique_ptr<char[]> bigger(new char[capacity]);
      std::memcpy(bigger.get(), buffer_.get(), used_);
      buffer_ = std::move(bigger);
      capacity_ = capacity;
    }
    return buffer_.get() + used_;
  }
  void commit(char* p) { used_ = static_cast<std::size_t>(p - buffer_.get()); }

  // Most pieces are short (a name, a small value): copied inline by two
  // overlapping words rather than through a call to memcpy.
  static char* copy(char* p, const char* from, std::size_t size) {
    if (size >= 8 && size <= 16) {
      std::uint64_t head, tail;
      std::memcpy(&head, from, 8);
      std::memcpy(&tail, from + size - 8, 8);
      std::memcpy(p, &head, 8);
      std::memcpy(p + size - 8, &tail, 8);
    } else if (size >= 4 && size < 8) {
      std::uint32_t head, tail;
      std::memcpy(&head, from, 4);
      std::memcpy(&tail, from + size - 4, 4);
      std::memcpy(p, &head, 4);
      std::memcpy(p + size - 4, &tail, 4);
    } else if (size < 4) {
      for (std::size_t i = 0; i < size; ++i) p[i] = from[i];
    } else {
      std::memcpy(p, from, size);
    }
    return p + size;
  }
  static char* indent(char* p, std::size_t depth) {
    std::memset(p, ' ', 2 * depth);
    return p + 2 * depth;
  }

  // Is there surely nothing to escape in the `size` bytes at `value`? By
  // words (overlapping at the end), without reading outside the value.
  template <typename Words>
  static bool clean(const char* value, std::size_t size, const std::array<bool, 256>& escape) {
    if (size >= 8) {
      std::uint64_t flags = Words::flags(word::load(value + size - 8));
      for (std::size_t i = 0; i + 8 < size; i += 8) flags |= Words::flags(word::load(value + i));
      return flags == 0;
    }
    if (size >= 4) {
      std::uint32_t head, tail;
      std::memcpy(&head, value, 4);
      std::memcpy(&tail, value + size - 4, 4);
      return Words::flags(head | (std::uint64_t{tail} << 32)) == 0;
    }
    for (std::size_t i = 0; i < size; ++i)
      if (escape[static_cast<unsigned char>(value[i])]) return false;
    return true;
  }

  template <typename Words>
  static char* escaped(char* p, const char* value, std::size_t size,
                       const std::array<bool, 256>& escape) {
    if (clean<Words>(value, size, escape)) return copy(p, value, size);
    const char* end = value + size;
    while (value != end) {
      const char* run = value;
      while (value != end && !escape[static_cast<unsigned char>(*value)]) ++value;
      p = copy(p, run, static_cast<std::size_t>(value - run));
      if (value == end) break;
      switch (*value) {
        case '&': p = copy(p, "&amp;", 5); break;
        case '<': p = copy(p, "&lt;", 4); break;
        case '>': p = copy(p, "&gt;", 4); break;
        case '"': p = copy(p, "&quot;", 6); break;
        default: {  // a control character, as two decimal digits
          auto c = static_cast<unsigned char>(*value);
          *p++ = '&';
          *p++ = '#';
          *p++ = static_cast<char>('0' + c / 10);
          *p++ = static_cast<char>('0' + c % 10);
          *p++ = ';';
        }
      }
      ++value;
    }
    return p;
  }

  const BuiltTree& tree_;
  std::size_t capacity_;
  std::unique_ptr<char[]> buffer_;
  std::size_t used_ = 0;  // bytes written; the rest is room
};

}  // namespace

std::string serialize(const BuiltTree& tree, std::size_t bytes_hint) {
  TextWriter writer(tree, bytes_hint + tree.nodes.size() * 40 + tree.attributes.size() * 12);
  writer.declaration();
  if (!tree.nodes.empty() && tree.nodes[0].name) writer.element(0, 0);
  return writer.text();
}

}  // namespace ocf::xml
