// LSB init scripts and Kimberlite service scripts: `script start|stop|status`,
// no parameters, status decided by the exit code. They differ only in how
// the codes map:
//   LSB status: 0 -> 0 running, 1/2 -> 1 (dead, pid/lock file left),
//     3 -> 7 not running, 4 and others -> 1; other actions: 0..7 keep their
//     meaning (LSB and OCF share it), anything else -> 1.
//   Kimberlite: 0 = success / running; any other exit = failure, or for
//     status: not running (7).
// Both get the LSB rule papered over: a start that fails while status says
// running, or a stop that fails while status says stopped, is reported as
// success with a note.
#pragma once

#include "bridge/agents/agent_kind.h"

namespace ocf::agents::kinds {

class ServiceScript : public AgentKind {
 public:
  enum class Flavor { kLsb, kKimberlite };
  ServiceScript(AgentSpec spec, Flavor flavor) : spec_(std::move(spec)), flavor_(flavor) {}
  std::string_view kind() const override {
    return flavor_ == Flavor::kLsb ? "lsb" : "kimberlite";
  }
  OcfResult run(std::string_view action, const Params& params,
                std::chrono::milliseconds timeout) override;
  std::string meta_data() override;

  // The mappings, exposed for table-driven tests.
  static OcfCode map_status(Flavor flavor, int exit_code);
  static OcfCode map_action(Flavor flavor, int exit_code);

 private:
  OcfResult run_native(std::string_view native_action, std::chrono::milliseconds timeout,
                       bool status);
  OcfResult start_or_stop(std::string_view action, std::chrono::milliseconds timeout);

  AgentSpec spec_;
  Flavor flavor_;
};

}  // namespace ocf::agents::kinds
