// The `ocfbridge` commands. Each takes the words after its name and
// returns the process exit code (see kExit*).
#pragma once

#include <ostream>
#include <span>
#include <string>

namespace ocf::cli {

// Exit codes shared by the configuration commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitDifferent = 1;  // diff: the configurations differ
inline constexpr int kExitUsage = 2;      // bad command line
inline constexpr int kExitInvalid = 3;    // input has errors
inline constexpr int kExitLosses = 4;     // --strict and the conversion loses something
inline constexpr int kExitOutput = 5;     // output could not be written

int convert_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int validate_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int show_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int diff_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);
int adapters_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace ocf::cli
