// Is an OCF XML text plain enough that pugixml and libxml2 read it alike?
//
// The reader parses with pugixml, which is fast but does not check
// everything XML 1.0 forbids. For the usual document (the canonical form
// this program writes, or a hand edit of it) the schema check can then run
// on pugixml's tree (see schema.h) instead of having libxml2 parse the text
// again. That is sound only when the text holds nothing pugixml might accept
// and libxml2 reject. plain_text() answers yes only for a conservative
// subset of XML: a text with anything else (a DOCTYPE, a CDATA section, a
// processing instruction, an entity reference other than the five
// predefined ones and character references, a byte that is not a valid
// UTF-8 XML character, "]]>" in text, "--" in a comment, attributes not
// separated by white space, and so on) takes the full libxml2 path, which
// gives the verdict and its located messages.
//
// The reader's own scan of a text (plain_tree.h) applies these rules as it
// reads, and builds its tree only for a text plain_text() accepts; the
// reader calls plain_text() itself only for a text that scan leaves to
// pugixml.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ocf::xml {

bool plain_text(std::string_view text);

// Length of the UTF-8 sequence starting at text[i] when it encodes a
// character that XML 1.0 allows (#x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]); 0 otherwise (a control, invalid or
// overlong UTF-8, a surrogate, U+FFFE/FFFF, a sequence cut short). The
// writer checks values with it too.
std::size_t xml_char_length(std::string_view text, std::size_t i);

// Is `code` an XML 1.0 Char (#x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF])?
bool xml_char(std::uint32_t code);

// A character reference's body, `rest` being what follows "&#": decimal
// digits, or 'x' and hex digits ("&#X" is outside the plain subset), at most
// eight, then ';', naming an XML Char. Its length through the ';', with the
// code point in `code`; 0 for anything else.
std::size_t char_reference(std::string_view rest, std::uint32_t& code);

}  // namespace ocf::xml
