// The OCF XML schema check (RELAX NG, libxml2).
//
// ocf.rng, beside this file, is the contract of the canonical form. Its text
// is compiled into the binary at build time, so a program never depends on
// the source tree, and it is parsed once, on first use. The compiled schema
// is never modified afterwards and every call makes its own libxml2 parser
// and validation contexts (and installs its error handler only for the
// current thread, restoring the previous one), so calls on several threads
// at once are safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge/model/diagnostics.h"
#include "bridge/xml/built_tree.h"

namespace pugi {
class xml_document;
}

namespace ocf::xml {

// The text of ocf.rng as shipped in this binary.
std::string_view ocf_schema_text();

// Attributes whose value a RELAX NG schema text checks, for each element
// name: those whose pattern is anything but text (a datatype, a value, a
// choice...). An attribute whose pattern is <text/> (directly, through a
// <ref> to a define holding only <text/>, or with no pattern at all)
// accepts every string, so the fast check hands it to libxml2 without its
// value, which libxml2 would otherwise copy for nothing. The key "*" lists
// attributes checked for every element (an attribute outside any element,
// in a define). `understood` is false when the schema has a construct this
// reading does not follow (an attribute name class, an ns on an attribute,
// a define given twice or combined, a ref to a missing define, an element
// name class, nesting too deep); every value is then handed over.
struct CheckedAttributes {
  bool understood = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> by_element;
};
CheckedAttributes checked_attributes(std::string_view schema_text);

// Parses `text` with libxml2 (no network access, no DOCTYPE allowed) and
// validates it against the schema. Every problem is appended to
// `diagnostics` as an error in `file_name` with its line, and column where
// it can be found: code "ocfxml.xml" for malformed XML, "ocfxml.doctype",
// "ocfxml.schema" for a schema violation, "ocfxml.internal" when the schema
// itself cannot be loaded. Returns true when the document is valid.
bool validate_ocf_xml(std::string_view text, const std::string& file_name,
                      model::Diagnostics& diagnostics);

// The fast path: the schema check of a document pugixml has already parsed,
// handed to libxml2's RELAX NG validator element by element (its push
// interface) so that the text is not parsed a second time. True only when
// libxml2 finds the tree valid. False when it does not, or when the tree is
// outside what this path handles (a namespace other than the default one on
// the root, a prefixed name, a repeated attribute); the caller then runs
// validate_ocf_xml on the text for the verdict and its located messages.
// On text from outside, accept the tree only when plain_text() (see
// plain_text.h) also says pugixml read it as libxml2 would.
bool schema_accepts_tree(const pugi::xml_document& document);

// The same check as above for a built tree, which holds only what the
// writer puts in it (no prefixed name, no repeated attribute: the fast
// check still makes sure of both).
bool schema_accepts_tree(const BuiltTree& tree);

}  // namespace ocf::xml
