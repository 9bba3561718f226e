#include "adapters/heartbeat/media.h"

namespace ocf::adapters::heartbeat {
namespace {

// What Linux accepts as an interface name: 1-15 bytes, no '/', ':' or
// white space (and not "." or "..").
bool interface_name(const std::string& name) {
  return !name.empty() && name.size() < 16 && name != "." && name != ".." &&
         name.find_first_of("/: \t\r\n#\\") == std::string::npos;
}

}  // namespace

MediaQuirks read_media_quirks(quirks::QuirkSet& quirks, model::Diagnostics& diagnostics) {
  MediaQuirks media;
  quirks::Value v = quirks.entry("media", "default_interface");
  if (v.is_nil()) return media;
  std::string file = quirks.origin("media", "default_interface");
  if (!v.is_string() || !interface_name(v.as_string())) {
    diagnostics.warning("quirks.bad-entry",
                        "media.default_interface must be an interface name such as \"eth0\"; "
                        "ignored",
                        {file, 0, 0});
    return media;
  }
  media.default_interface = v.as_string();
  media.default_interface_source = "media.default_interface (" + file + ")";
  return media;
}

}  // namespace ocf::adapters::heartbeat
