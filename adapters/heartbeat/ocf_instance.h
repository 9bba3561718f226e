// conf/OCF/TYPE/INSTANCE: the parameter file of an OCF::TYPE::INSTANCE
// haresources resource.
//
// heartbeat's /etc/ha.d/resource.d/OCF runs the agent TYPE (found under
// /usr/lib/ocf/resource.d/*/) after sourcing $HA_DIR/conf/OCF/TYPE/INSTANCE
// with the shell and exporting every variable the file assigns. An OCF agent
// reads parameter P from OCF_RESKEY_P, so a parameter is a line
// `OCF_RESKEY_P=VALUE`; any other assignment only sets an environment
// variable of the agent. The file must exist, or the wrapper refuses to run.
#pragma once

#include <string>
#include <string_view>

#include "adapters/heartbeat/document.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

inline constexpr std::string_view kReskeyPrefix = "OCF_RESKEY_";

// "conf/OCF/TYPE/INSTANCE", relative to the configuration directory.
std::string ocf_instance_name(std::string_view type, std::string_view instance);
// The same, appended to `out`.
void append_ocf_instance_name(std::string& out, std::string_view type, std::string_view instance);

// True for a word usable as TYPE or INSTANCE: a haresources word part and a
// file name ([A-Za-z0-9_.-], not starting with '.').
bool ocf_instance_word(std::string_view word);

// True for a shell variable name ([A-Za-z_][A-Za-z0-9_]*).
bool shell_name(std::string_view name);

// Reads the assignments; comments, blank lines and `export` lines are
// skipped. Values are unquoted as the shell would ('...', "...", \x); one
// that relies on expansion ($, `) is kept literally with a warning
// (hares.ocf-expansion), a line that is no assignment is warned about
// (hares.ocf-line).
OcfInstance parse_ocf_instance(std::string_view text, std::string path,
                               model::Diagnostics& diagnostics);

// The file text: a header comment, then one NAME=VALUE line per assignment,
// the value single-quoted unless it is plain. Values hold no line break
// (export reports those as losses).
std::string write_ocf_instance(const OcfInstance& instance, std::string_view header);

}  // namespace ocf::adapters::heartbeat
