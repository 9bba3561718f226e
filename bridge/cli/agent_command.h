// `ocfbridge agent ...`: run resource agents of every kind, show their
// meta-data, list them, and install native scripts as OCF agents.
//
//   agent run CLASS:PROVIDER:TYPE ACTION [--param k=v]... [--timeout S]
//   agent meta-data CLASS:PROVIDER:TYPE
//   agent list [--ocf-root DIR]
//   agent install --kind K --script PATH [--name N] [--param name[=default]]...
//                 --ocf-root DIR [--provider P]
//   agent export --to heartbeat|failsafe|kimberlite ocf:PROVIDER:TYPE --output PATH
//                [--param k=v]... [--args NAME,...] [--name-param NAME]
//   agent shim ... -- ACTION      (what installed entry points exec)
//   agent serve ... -- WORDS      (what exported scripts exec)
//
// CLASS is ocf (with PROVIDER), lsb, heartbeat, failsafe or kimberlite (TYPE
// is the script's path for kimberlite). `run` and `shim` exit with the OCF
// code of the action.
#pragma once

#include <ostream>
#include <span>
#include <string>

namespace ocf::cli {

// `args` are the words after `agent`.
int agent_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace ocf::cli
