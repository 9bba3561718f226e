// Reads cluster.conf text into a Document (see document.h).
//
// The grammar is Kimberlite's: `# comment` lines, `[section]` headers,
// `start NAME` / `end NAME` blocks that nest, and `key = value` fields (the
// value runs to the end of the line, trimmed; spaces around '=' optional).
// A '#' only starts a comment at the beginning of a line: values such as
// passwords or export options may contain '#', and the format has no
// quoting to tell the two apart.
//
// Structural errors are reported here with file:line:column: `end X` not
// matching the open block, `start` or a field outside a section, a block
// not closed before the next section or the end of the file, an empty or
// blank-containing key, a line of no known form, duplicate sections, keys
// or blocks in one container, and numbered blocks (member0, service1...)
// with gaps or malformed numbers. What the fields mean is checked by
// import, not here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/kimberlite/document.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::kimberlite {

struct ParseOptions {
  // Stems of the block kinds that are numbered from 0 without gaps. The
  // spec's list; an unknown block such as "raid1" is not checked.
  std::vector<std::string> numbered_stems = {"member",    "service",         "network",
                                             "device",    "chan",            "powercontroller",
                                             "directory", "client"};
};

// Parses `text`, naming `file` in locations. nullopt when an error was
// reported (diagnostics then hold every error found).
std::optional<Document> parse_conf(std::string_view text, std::string_view file,
                                   model::Diagnostics& diagnostics,
                                   const ParseOptions& options = {});

}  // namespace ocf::adapters::kimberlite
