#include "bridge/xml/plain_tree.h"

#include <bit>
#include <cstring>

#include "bridge/xml/plain_text.h"
#include "bridge/io/word_scan.h"

namespace ocf::xml {
namespace {

constexpr std::uint32_t kNone = BuiltTree::kNone;

constexpr bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr bool is_name_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

constexpr bool is_name_char(unsigned char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}

// Bytes copied as they are: printable ASCII but for markup, in an attribute
// value and in text.
constexpr bool is_value_plain(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\'' && c != '&' && c != '<';
}
constexpr bool is_text_plain(unsigned char c) {
  return ((c >= 0x20 && c < 0x80) || c == '\t' || c == '\n') && c != '<' && c != '&' && c != ']';
}

struct Table {
  bool is[256] = {};
  explicit constexpr Table(bool (*test)(unsigned char)) {
    for (int c = 0; c < 256; ++c) is[c] = test(static_cast<unsigned char>(c));
  }
  bool operator()(char c) const { return is[static_cast<unsigned char>(c)]; }
};
constexpr Table space(is_space);
constexpr Table name_start(is_name_start);
constexpr Table name_char(is_name_char);
constexpr Table value_plain(is_value_plain);
constexpr Table text_plain(is_text_plain);

// Word tests (see word_scan.h) that flag every byte the tables above would
// stop at, and a few more; the byte loops go on from the first flag. The
// buffer has room for a word's load at any place up to its end.
constexpr std::size_t kPadding = 8;
// Bytes other than a lowercase letter: names are mostly those.
inline std::uint64_t not_lowercase(std::uint64_t w) {
  return word::less(w, 'a') | (((w + word::repeat(127 - 'z')) | w) & word::kHigh);
}
// Bytes not value_plain, and those from 0x20 to 0x27 (space to apostrophe).
inline std::uint64_t not_value_plain(std::uint64_t w) {
  return word::less(w, 0x28) | word::high(w) | word::equal(w, '<');
}

// Past the bytes `flags` leaves unflagged, a word at a time: to the first
// flagged byte (the caller goes on from there byte by byte).
template <typename Flags>
inline char* past_words(char* p, Flags flags) {
  while (true) {
    std::uint64_t flagged = flags(word::load(p));
    if (flagged != 0) return p + word::first(flagged);
    p += 8;
  }
}

// Past white space: spaces by words (indentation), other white space by
// bytes.
inline char* skip_space(char* p) {
  while (true) {
    std::uint64_t other = word::load(p) ^ word::repeat(' ');
    if (other == 0) {
      p += 8;
      continue;
    }
    p += static_cast<std::size_t>(std::countr_zero(other)) / 8;
    if (!space(*p)) return p;
    ++p;
  }
}

// Appends the UTF-8 form of `code` at `w` (a code point plain_text() has
// found to be an XML character).
char* put_utf8(char* w, std::uint32_t code) {
  if (code < 0x80) {
    *w++ = static_cast<char>(code);
  } else if (code < 0x800) {
    *w++ = static_cast<char>(0xC0 | (code >> 6));
    *w++ = static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (code >> 12));
    *w++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (code & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (code >> 18));
    *w++ = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (code & 0x3F));
  }
  return w;
}

class Reader {
 public:
  explicit Reader(PlainTree& out) : out_(out), tree_(out.tree) {}

  bool run(std::string_view text) {
    text_ = text;
    out_.buffer.assign(text.data(), text.size());
    // A sentinel: every scan stops at it; and room for a word's load.
    out_.buffer.append(kPadding, '\0');
    begin_ = out_.buffer.data();
    end_ = begin_ + text.size();
    char* p = begin_;
    if (end_ - p >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    if (end_ - p >= 5 && std::memcmp(p, "<?xml", 5) == 0) {
      // The declaration up to the first "?>", held to plain_text()'s rule
      // for one (a "?>" in a value makes it fail there).
      const char* close = std::strstr(p, "?>");
      if (!close) return false;
      p = begin_ + (close - begin_) + 2;
      if (!plain_text(std::string(text.substr(0, static_cast<std::size_t>(p - begin_))) + "<a/>"))
        return false;
    }
    while (true) {
      // Text up to the next '<'.
      char* mark = p;
      p = skip_space(p);
      if (p == end_) break;
      if (*p != '<') {
        if (stack_.empty()) return false;
        p = text_node(mark);
        if (!p) return false;
      }
      // Markup: p is at its '<', which a text just before it may now
      // overwrite with its terminator.
      if (pending_) {
        *pending_ = '\0';
        pending_ = nullptr;
      }
      if (p[1] == '!') {
        if (std::memcmp(p + 1, "!--", 3) != 0) return false;
        p = comment(p + 4);
      } else if (p[1] == '/') {
        p = end_tag(p + 2);
      } else {
        p = start_tag(p);
      }
      if (!p) return false;
    }
    return seen_root_ && stack_.empty();
  }

 private:
  // Links node `index` as the last child of the open element.
  void link(std::uint32_t index) {
    BuiltTree::Node& parent = tree_.nodes[stack_.back()];
    if (parent.last_child == kNone) parent.first_child = index;
    else tree_.nodes[parent.last_child].next_sibling = index;
    parent.last_child = index;
  }

  // The length of the character at r when it is one XML allows (a byte
  // not ASCII begins a UTF-8 sequence), else 0.
  std::size_t character(const char* r) const {
    auto c = static_cast<unsigned char>(*r);
    if (c < 0x80) return xml_char(c) ? 1 : 0;
    return xml_char_length(text_, static_cast<std::size_t>(r - begin_));
  }

  // After "<!--": XML characters up to "-->", no "--" among them; returns
  // the place after it.
  char* comment(char* r) const {
    while (true) {
      if (r[0] == '-' && r[1] == '-') return r[2] == '>' ? r + 3 : nullptr;
      if (r == end_) return nullptr;
      std::size_t n = character(r);
      if (n == 0) return nullptr;
      r += n;
    }
  }

  // "&...;" at r: a predefined entity or a character reference to an XML
  // character; writes its character at w and advances both.
  bool reference(char*& r, char*& w) const {
    char* s = r + 1;
    if (*s == '#') {
      ++s;
      std::uint32_t code = 0;
      std::string_view rest(s, static_cast<std::size_t>(end_ - s));
      std::size_t length = char_reference(rest, code);
      if (length == 0) return false;
      w = put_utf8(w, code);
      r = s + length;
      return true;
    }
    struct Entity {
      const char* name;
      std::size_t size;
      char c;
    };
    static constexpr Entity kEntities[] = {
        {"amp;", 4, '&'}, {"lt;", 3, '<'}, {"gt;", 3, '>'}, {"quot;", 5, '"'}, {"apos;", 5, '\''}};
    for (const Entity& e : kEntities) {
      if (std::strncmp(s, e.name, e.size) == 0) {
        *w++ = e.c;
        r = s + e.size;
        return true;
      }
    }
    return false;
  }

  // Text from `from` to the next '<', as a text node of the open element;
  // returns the place of that '<'.
  char* text_node(char* from) {
    char* r = from;
    char* w = from;
    while (true) {
      char c = *r;
      if (text_plain(c)) {
        *w++ = c;
        ++r;
      } else if (c == '<') {
        break;
      } else if (c == '&') {
        if (!reference(r, w)) return nullptr;
      } else if (c == '\r') {
        *w++ = '\n';
        ++r;
        if (*r == '\n') ++r;
      } else if (c == ']') {
        if (r[1] == ']' && r[2] == '>') return nullptr;  // not allowed in text
        *w++ = c;
        ++r;
      } else {
        // A control, the end, or a UTF-8 sequence.
        std::size_t n = r == end_ ? 0 : character(r);
        if (n == 0) return nullptr;
        std::memmove(w, r, n);
        w += n;
        r += n;
      }
    }
    // The '<' at r may be overwritten only if w has not caught up with it.
    std::uint32_t index = static_cast<std::uint32_t>(tree_.nodes.size());
    BuiltTree::Node node{};
    node.name = nullptr;
    node.text = from;
    node.size = static_cast<std::size_t>(w - from);
    tree_.nodes.push_back(node);
    out_.offsets.push_back(static_cast<std::size_t>(from - begin_));
    link(index);
    if (w != r) *w = '\0';
    else pending_ = w;  // no room before the '<': terminated once it is read
    return r;
  }

  // An element name at p; returns its end.
  static char* name_end(char* p) {
    if (!name_start(*p)) return nullptr;
    p = past_words(p + 1, not_lowercase);
    while (name_char(*p)) ++p;
    return p;
  }

  char* start_tag(char* lt) {
    if (stack_.empty() && seen_root_) return nullptr;
    seen_root_ = true;
    char* name = lt + 1;
    char* p = name_end(name);
    if (!p) return nullptr;
    std::uint32_t index = static_cast<std::uint32_t>(tree_.nodes.size());
    BuiltTree::Node node{};
    node.name = name;
    node.text = nullptr;
    node.size = static_cast<std::size_t>(p - name);
    node.first_attribute = static_cast<std::uint32_t>(tree_.attributes.size());
    char delimiter = *p;
    *p = '\0';
    // Attributes: white space, name, '=', a quoted value.
    while (true) {
      if (!space(delimiter)) break;
      ++p;
      while (space(*p)) ++p;
      delimiter = *p;
      if (!name_start(delimiter)) break;
      char* attribute = p;
      p = name_end(p);
      char* attribute_end = p;
      while (space(*p)) ++p;
      if (*p != '=') return nullptr;
      ++p;
      while (space(*p)) ++p;
      char quote = *p;
      if (quote != '"' && quote != '\'') return nullptr;
      char* value = ++p;
      // Nothing to move until a first change.
      p = past_words(p, not_value_plain);
      while (value_plain(*p)) ++p;
      char* w = p;
      while (*p != quote) {
        char c = *p;
        if (value_plain(c)) {
          *w++ = c;
          ++p;
        } else if (c == '&') {
          if (!reference(p, w)) return nullptr;
        } else if (c == '\r') {
          *w++ = ' ';
          ++p;
          if (*p == '\n') ++p;
        } else if (c == '\t' || c == '\n' || c == ' ') {
          *w++ = ' ';
          ++p;
        } else if (c == '"' || c == '\'') {
          *w++ = c;  // the other quote
          ++p;
        } else {
          // '<', a control, the end, or a UTF-8 sequence.
          std::size_t n = c == '<' || p == end_ ? 0 : character(p);
          if (n == 0) return nullptr;
          std::memmove(w, p, n);
          w += n;
          p += n;
        }
      }
      ++p;  // past the quote
      delimiter = *p;
      *attribute_end = '\0';
      *w = '\0';
      std::size_t name_size = static_cast<std::size_t>(attribute_end - attribute);
      for (std::uint32_t j = node.first_attribute; j < tree_.attributes.size(); ++j) {
        const BuiltTree::Attribute& other = tree_.attributes[j];
        if (other.name_size == name_size && std::memcmp(other.name, attribute, name_size) == 0)
          return nullptr;  // repeated
      }
      tree_.attributes.push_back(
          {attribute, value, name_size, static_cast<std::size_t>(w - value)});
    }
    node.attribute_count =
        static_cast<std::uint32_t>(tree_.attributes.size()) - node.first_attribute;
    bool empty = false;
    if (delimiter == '/') {
      ++p;
      if (*p != '>') return nullptr;
      empty = true;
    } else if (delimiter != '>') {
      return nullptr;
    }
    tree_.nodes.push_back(node);
    out_.offsets.push_back(static_cast<std::size_t>(lt - begin_));
    if (!stack_.empty()) link(index);
    if (!empty) stack_.push_back(index);
    return p + 1;
  }

  // After "</": the name of the open element, white space, '>'.
  char* end_tag(char* name) {
    if (stack_.empty()) return nullptr;
    char* p = name_end(name);
    if (!p) return nullptr;
    const BuiltTree::Node& open = tree_.nodes[stack_.back()];
    std::size_t size = static_cast<std::size_t>(p - name);
    if (size != open.size || std::memcmp(name, open.name, size) != 0) return nullptr;
    while (space(*p)) ++p;
    if (*p != '>') return nullptr;
    stack_.pop_back();
    return p + 1;
  }

  PlainTree& out_;
  BuiltTree& tree_;
  std::string_view text_;
  char* begin_ = nullptr;
  char* end_ = nullptr;
  char* pending_ = nullptr;  // where a text's terminator goes once its '<' is read
  std::vector<std::uint32_t> stack_;  // open elements
  bool seen_root_ = false;
};

}  // namespace

bool read_plain_tree(std::string_view text, PlainTree& out) {
  out = PlainTree{};
  // Sized once from the text's length: the canonical form spends about 55
  // bytes of text per element and 27 per attribute, so these leave some room
  // and a large read never doubles its vectors (a doubling shows in the peak
  // memory: 61 MiB against 52-55 for the 10,000-resource round trip). A text
  // with denser markup grows them as usual. Counting '<' and '=' instead
  // costs 7 instructions a byte.
  out.tree.nodes.reserve(text.size() / 40);
  out.offsets.reserve(text.size() / 40);
  out.tree.attributes.reserve(text.size() / 20);
  return Reader(out).run(text);
}

}  // namespace ocf::xml
