// cmgr command script text -> native Document.
//
// Checks the shape of the language (commands, clauses, blocks, names);
// what the commands mean -- fields, types, references -- is checked when
// the document is replayed into a configuration database (cdb.h). Every
// error names file:line:column. The returned document is only meaningful
// when no error was reported.
#pragma once

#include <string>
#include <string_view>

#include "adapters/failsafe/document.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::failsafe {

Document parse_cmgr(std::string_view text, const std::string& file,
                    model::Diagnostics& diagnostics);

// True when `name` is a legal FailSafe object name (spec section 7: not
// empty, at most 255 characters, printable, none of blank, '#', '*', '?',
// '\\').
bool valid_name(std::string_view name);

}  // namespace ocf::adapters::failsafe
