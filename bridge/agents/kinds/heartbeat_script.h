// heartbeat v1 resource.d scripts: `script ARG1..ARGn start|stop|status`.
//
// Positional arguments come from named parameters in the order the agent
// spec declares them (from lua/heartbeat/resource_d.lua or the operator);
// with no declaration, parameters arg1..argN are used. The status action's
// exit code means nothing: like heartbeat's ResourceManager, the kind reads
// its standard output -- "not<space>...running" (case-folded as the
// daemon's glob *[Nn][Oo][Tt]\ *[Rr]unning* does) means stopped; otherwise
// "[Rr]unning" or "OK" means running; anything else means stopped. Start
// and stop also follow ResourceManager: start is skipped when status already
// says running, and a failed stop counts as success when status then says
// stopped (both reported in the note).
#pragma once

#include "bridge/agents/agent_kind.h"

namespace ocf::agents::kinds {

class HeartbeatScript : public AgentKind {
 public:
  explicit HeartbeatScript(AgentSpec spec) : spec_(std::move(spec)) {}
  std::string_view kind() const override { return "heartbeat"; }
  OcfResult run(std::string_view action, const Params& params,
                std::chrono::milliseconds timeout) override;
  std::string meta_data() override;

  // ResourceManager's reading of status output.
  static bool status_says_running(std::string_view text);

  // The positional arguments for `params`; false with `result` set (6) when
  // they cannot be formed (a gap, a required parameter missing).
  bool positional_args(const Params& params, std::vector<std::string>& args,
                       OcfResult& result) const;

 private:
  OcfResult status(const std::vector<std::string>& args, std::chrono::milliseconds timeout);
  OcfResult native(const std::vector<std::string>& args, std::string_view action,
                   std::chrono::milliseconds timeout);

  AgentSpec spec_;
};

}  // namespace ocf::agents::kinds
