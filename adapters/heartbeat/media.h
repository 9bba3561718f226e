// Quirks for writing heartbeat media: the interface a unicast channel that
// names none is written on (lua/heartbeat/media.lua, section `media`).
#pragma once

#include <string>

#include "bridge/model/diagnostics.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::heartbeat {

struct MediaQuirks {
  // Empty when the quirk is absent or unusable (then such channels are lost).
  std::string default_interface;
  // "media.default_interface (FILE)", for the warning that names the quirk.
  std::string default_interface_source;
};

// Reads section `media`; a value that is not an interface name is reported
// (quirks.bad-entry) and ignored.
MediaQuirks read_media_quirks(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
