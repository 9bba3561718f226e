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
#pragma once

#include <string_view>

namespace ocf::xml {

bool plain_text(std::string_view text);

}  // namespace ocf::xml
