// Printing diagnostics: the human loss report and its JSON form.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "bridge/model/diagnostics.h"

namespace ocf::cli {

// One line per diagnostic ("file:line:col: loss: message [code]"), then a
// summary line counting errors, warnings and losses.
void print_human(const model::Diagnostics& diagnostics, std::ostream& out);

// {"errors":N,"warnings":N,"losses":N,"diagnostics":[{"severity":...,
//  "code":...,"message":...,"file":...,"line":N,"column":N},...]}
void print_json(const model::Diagnostics& diagnostics, std::ostream& out);

// JSON string literal with escapes.
std::string json_quote(std::string_view text);

}  // namespace ocf::cli
