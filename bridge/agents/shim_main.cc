// ocfbridge-agent: the `ocfbridge agent` command as a small program of its
// own, so installed entry points exec a binary with few dependencies
// (`ocfbridge-agent shim ...` == `ocfbridge agent shim ...`).
#include <iostream>
#include <string>
#include <vector>

#include "bridge/cli/agent_command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return ocf::cli::agent_command(args, std::cout, std::cerr);
}
