// Native Document -> cmgr command script text.
//
// Writes commands as the document holds them (clauses as written, comments
// in place), two-space indentation per block level, so that a parsed script
// is reproduced line for line apart from indentation and spacing.
#pragma once

#include <string>

#include "adapters/failsafe/document.h"

namespace ocf::adapters::failsafe {

std::string write_cmgr(const Document& document);

}  // namespace ocf::adapters::failsafe
