// ocfbridge: the command-line tool. Dispatches to one command per word.
#include <iostream>
#include <span>
#include <string>
#include <vector>

#include "bridge/cli/commands.h"
#if OCFBRIDGE_HAVE_AGENT_CLI
#include "bridge/cli/agent_command.h"
#endif

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(std::span<const std::string>, std::ostream&, std::ostream&);
};

constexpr Command kCommands[] = {
    {"convert", "convert a configuration between products", ocf::cli::convert_command},
    {"validate", "check a configuration; errors at file:line:column", ocf::cli::validate_command},
    {"show", "summarise a configuration", ocf::cli::show_command},
    {"diff", "semantic difference of two configurations", ocf::cli::diff_command},
    {"adapters", "list the adapters", ocf::cli::adapters_command},
#if OCFBRIDGE_HAVE_AGENT_CLI
    {"agent", "run, install and export resource agents", ocf::cli::agent_command},
#endif
};

void usage(std::ostream& out) {
  out << "usage: ocfbridge COMMAND [ARGS...]   (ocfbridge COMMAND --help for each)\n\n";
  for (const auto& c : kCommands) out << "  " << c.name << "\t" << c.summary << '\n';
  out << "\nExit codes: 0 ok, 1 differences (diff), 2 usage, 3 invalid input,\n"
         "4 losses with --strict, 5 output not written; `agent run` exits with\n"
         "the OCF code of the action.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? ocf::cli::kExitUsage : ocf::cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "ocfbridge " << OCFBRIDGE_VERSION << '\n';
    return 0;
  }
  for (const auto& c : kCommands) {
    if (args[0] == c.name) {
      std::span<const std::string> rest(args.data() + 1, args.size() - 1);
      return c.run(rest, std::cout, std::cerr);
    }
  }
  std::cerr << "ocfbridge: unknown command '" << args[0] << "'\n";
  usage(std::cerr);
  return ocf::cli::kExitUsage;
}
