// Native heartbeat document -> text.
//
// Blank and comment lines come out as they were read; an item comes out as
// its words joined by single spaces (a tab after an ha.cf keyword, as the
// shipped samples write it), followed by its trailing comment.
#pragma once

#include <string>

#include "adapters/heartbeat/document.h"

namespace ocf::adapters::heartbeat {

enum class FileKind { kHaCf, kHaresources, kAuthkeys };

std::string write_file(const ConfigFile& file, FileKind kind);

}  // namespace ocf::adapters::heartbeat
