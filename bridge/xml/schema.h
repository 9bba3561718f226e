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

#include "bridge/model/diagnostics.h"

namespace ocf::xml {

// The text of ocf.rng as shipped in this binary.
std::string_view ocf_schema_text();

// Parses `text` with libxml2 (no network access, no DOCTYPE allowed) and
// validates it against the schema. Every problem is appended to
// `diagnostics` as an error in `file_name` with its line, and column where
// it can be found: code "ocfxml.xml" for malformed XML, "ocfxml.doctype",
// "ocfxml.schema" for a schema violation, "ocfxml.internal" when the schema
// itself cannot be loaded. Returns true when the document is valid.
bool validate_ocf_xml(std::string_view text, const std::string& file_name,
                      model::Diagnostics& diagnostics);

}  // namespace ocf::xml
