// The reader's fast path: a plain text (see plain_text.h) read straight into
// a flat tree, without pugixml.
//
// read_plain_tree() reads a plain text into the tree
// pugixml's default parse (parse_default, as the reader calls it) would
// build: element names and attribute values as written; values unescaped
// (the five predefined entities, decimal and hex character references);
// line ends in text made "\n" ("\r\n" and a lone "\r"); in attribute values
// each tab, line feed, carriage return or "\r\n" made one space; text that
// is only white space dropped; comments and the XML declaration skipped.
// Text is split where markup interrupts it, as in pugixml. Each element's
// offset in the text is that of its '<'.
//
// It applies plain_text()'s rules as it reads (so that the reader scans the
// text once): it answers true only for a text plain_text() accepts. It also
// answers false on anything else outside the form it handles (a tag pugixml
// might reject or read otherwise: mismatched or unclosed tags, an attribute
// without a value, a repeated attribute, an unusual name byte, and so on);
// the reader then takes the pugixml path, which reads or rejects the text
// as it always has.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <optional>

#include "bridge/model/diagnostics.h"
#include "bridge/model/model.h"
#include "bridge/xml/built_tree.h"

namespace ocf::xml {

struct PlainTree {
  // nodes[0] is the root element. Unlike the writer's trees, an element may
  // have several text children (text around comments or child elements).
  BuiltTree tree;
  std::vector<std::size_t> offsets;  // per node: the offset of an element's '<'
  std::string buffer;  // the text, unescaped in place; the tree points into it
};

bool read_plain_tree(std::string_view text, PlainTree& out);

// read_ocf_xml() without this fast path: pugixml reads the text, and a
// tree the fast schema check accepts (when `plain`, what plain_text() says
// of the text) is built without libxml2 parsing the text. What read_ocf_xml
// did before it had a reader of its own; tests hold the two together.
std::optional<model::Cluster> read_ocf_xml_through_pugixml(std::string_view text,
                                                           const std::string& file_name,
                                                           model::Diagnostics& diagnostics,
                                                           bool plain);

}  // namespace ocf::xml
