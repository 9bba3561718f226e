// Installed OCF entry points for native scripts.
//
// `ocfbridge agent install` writes OCF_ROOT/resource.d/PROVIDER/NAME: a
// two-line /bin/sh script that execs the bridge's shim with everything it
// needs to know fixed at install time, and the OCF action as its last word:
//
//     #!/bin/sh
//     exec '/usr/bin/ocfbridge' 'agent' 'shim' '--kind' 'heartbeat' ... '--' "$@"
//
// Every fixed word is single-quoted (no expansion of any kind happens inside
// single quotes), so script paths and defaults with blanks, quotes or `$`
// reach the shim unchanged. Parameter values never appear in the file: the
// shim reads them from OCF_RESKEY_* at run time.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ocf::agents {

// 'text' with every ' written as '\'' -- safe for any bytes but NUL.
std::string shell_quote(std::string_view text);

struct EntryPoint {
  std::vector<std::string> bridge_command;  // {"/abs/ocfbridge", "agent"} or {"/abs/ocfbridge-agent"}
  std::string subcommand = "shim";          // "shim" (install) or "serve" (export)
  std::vector<std::string> shim_args;       // after the subcommand: --kind K --script P ...
  std::string comment;                      // one line saying what runs
};

std::string entry_point_script(const EntryPoint& entry);

}  // namespace ocf::agents
