#include "bridge/xml/plain_text.h"

#include <cstddef>
#include <cstdint>

namespace ocf::xml {

bool xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

std::size_t char_reference(std::string_view rest, std::uint32_t& code) {
  std::size_t i = 0;
  bool hex = i < rest.size() && rest[i] == 'x';
  if (hex) ++i;
  code = 0;
  std::size_t digits = 0;
  for (; i < rest.size() && rest[i] != ';'; ++i, ++digits) {
    char c = rest[i];
    int value = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
    if (value < 0 || digits >= 8) return 0;
    code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(value);
  }
  if (digits == 0 || i == rest.size() || !xml_char(code)) return 0;
  return i + 1;
}

namespace {

// ASCII that needs no second look in text or in a quoted value: printable
// or white space, and none of < & ] " '.
constexpr bool plain(unsigned char c) {
  return (c >= 0x20 && c < 0x80 && c != '<' && c != '&' && c != ']' && c != '"' && c != '\'') ||
         c == '\t' || c == '\n' || c == '\r';
}

// Inside a tag, outside a quoted value: names, '=', '/', white space.
constexpr bool tag_plain(unsigned char c) {
  return (c >= 0x20 && c < 0x80 && c != '<' && c != '>' && c != '&' && c != '"' && c != '\'') ||
         c == '\t' || c == '\n' || c == '\r';
}

struct PlainTable {
  bool is[256] = {};
  explicit constexpr PlainTable(bool (*test)(unsigned char)) {
    for (int c = 0; c < 256; ++c) is[c] = test(static_cast<unsigned char>(c));
  }
};
constexpr PlainTable kPlain(plain);
constexpr PlainTable kTagPlain(tag_plain);

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  bool run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    if (s_.substr(i_, 5) == "<?xml" && !declaration()) return false;
    while (i_ < s_.size()) {
      if (depth_ == 0) {
        // Outside the root: white space and markup only, and one root.
        skip_space();
        if (i_ >= s_.size()) break;
        if (byte() != '<') return false;
      }
      skip_plain();
      if (i_ >= s_.size()) break;
      unsigned char c = byte();
      if (c == '<') {
        if (!markup()) return false;
      } else if (c == '&') {
        if (!reference()) return false;
      } else if (c == ']' && s_.substr(i_, 3) == "]]>") {
        return false;
      } else if (!character()) {
        return false;
      }
    }
    return depth_ == 0 && seen_root_;
  }

 private:
  unsigned char byte() const { return static_cast<unsigned char>(s_[i_]); }
  // The scan runs over local pointers: s_'s characters may alias i_ as far
  // as the compiler knows, so a loop on i_ itself stores and reloads it at
  // every byte.
  void skip(const PlainTable& table) {
    const char* p = s_.data() + i_;
    const char* end = s_.data() + s_.size();
    while (p != end && table.is[static_cast<unsigned char>(*p)]) ++p;
    i_ = static_cast<std::size_t>(p - s_.data());
  }
  void skip_plain() { skip(kPlain); }
  bool at_space() const {
    return i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r');
  }
  void skip_space() {
    while (at_space()) ++i_;
  }
  bool take(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  // One character of text at i_: ASCII other than the C0 controls XML
  // forbids, or a well-formed UTF-8 sequence of an XML character.
  bool character() {
    std::size_t length = xml_char_length(s_, i_);
    i_ += length;
    return length != 0;
  }

  // "&...;" at i_: a predefined entity or a character reference to an XML
  // character. Anything else (an undeclared entity) libxml2 rejects.
  bool reference() {
    for (std::string_view name : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (take(name)) return true;
    if (!take("&#")) return false;
    std::uint32_t cp = 0;
    std::size_t length = char_reference(s_.substr(i_), cp);
    i_ += length;
    return length > 0;
  }

  // Markup at i_ ('<'): a comment, an end tag or a start tag. Declarations,
  // CDATA and processing instructions are left to libxml2.
  bool markup() {
    if (take("<!--")) return comment();
    ++i_;
    bool end_tag = i_ < s_.size() && s_[i_] == '/';
    if (end_tag) ++i_;
    if (i_ >= s_.size()) return false;
    if (end_tag) {
      if (depth_ == 0) return false;
      --depth_;
    } else {
      if (depth_ == 0 && seen_root_) return false;  // a second root
      seen_root_ = true;
      ++depth_;
    }
    char c = s_[i_];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
    // The rest of the tag: names and quoted values. A value holds no '<'
    // and only plain references; after a value comes white space or the end.
    while (i_ < s_.size()) {
      skip(kTagPlain);
      if (i_ >= s_.size()) return false;
      c = s_[i_];
      if (c == '>') {
        if (s_[i_ - 1] == '/' && !end_tag) --depth_;  // <empty/>
        ++i_;
        return true;
      }
      if (c == '<' || c == '&') return false;
      if (c == '"' || c == '\'') {
        char quote = c;
        ++i_;
        while (i_ < s_.size() && s_[i_] != quote) {
          skip_plain();
          if (i_ >= s_.size() || s_[i_] == quote) break;
          if (s_[i_] == '<') return false;
          if (s_[i_] == '&' ? !reference() : !character()) return false;
        }
        if (i_ >= s_.size()) return false;
        ++i_;
        if (i_ < s_.size() && !at_space() && s_[i_] != '/' && s_[i_] != '>') return false;
        continue;
      }
      if (!character()) return false;
    }
    return false;
  }

  // After "<!--": text up to "-->" with no "--" inside.
  bool comment() {
    while (i_ < s_.size()) {
      if (s_[i_] == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
        if (i_ + 2 < s_.size() && s_[i_ + 2] == '>') {
          i_ += 3;
          return true;
        }
        return false;
      }
      if (!character()) return false;
    }
    return false;
  }

  // <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?>
  bool declaration() {
    i_ += 5;
    auto pseudo = [&](std::string_view name, auto accept) {
      std::size_t start = i_;
      if (!at_space()) return false;
      skip_space();
      if (!take(name)) {
        i_ = start;
        return false;
      }
      skip_space();
      if (!take("=")) return false;
      skip_space();
      if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return false;
      char quote = s_[i_++];
      std::size_t end = s_.find(quote, i_);
      if (end == std::string_view::npos) return false;
      std::string_view value = s_.substr(i_, end - i_);
      i_ = end + 1;
      return accept(value);
    };
    if (!pseudo("version", [](std::string_view v) { return v == "1.0"; })) return false;
    std::size_t mark = i_;
    if (!pseudo("encoding", [](std::string_view v) { return v == "UTF-8" || v == "utf-8"; }))
      if (i_ != mark) return false;
    mark = i_;
    if (!pseudo("standalone", [](std::string_view v) { return v == "yes" || v == "no"; }))
      if (i_ != mark) return false;
    skip_space();
    return take("?>");
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t depth_ = 0;  // elements open
  bool seen_root_ = false;
};

}  // namespace

bool plain_text(std::string_view text) { return Scanner(text).run(); }

std::size_t xml_char_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return xml_char(lead) ? 1 : 0;
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || i + length > text.size()) return 0;
  std::uint32_t code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
  return code >= kLeast[length] && xml_char(code) ? length : 0;  // not overlong, a Char
}

}  // namespace ocf::xml
