// OCF resource agents (RA API 1.0): `agent ACTION` with the OCF_* environment;
// the exit code is the OCF code; meta-data is the agent's own.
#pragma once

#include "bridge/agents/agent_kind.h"

namespace ocf::agents::kinds {

class OcfAgent : public AgentKind {
 public:
  explicit OcfAgent(AgentSpec spec) : spec_(std::move(spec)) {}
  std::string_view kind() const override { return "ocf"; }
  OcfResult run(std::string_view action, const Params& params,
                std::chrono::milliseconds timeout) override;
  std::string meta_data() override;

  // The environment an action gets (exactly this, plus PATH and HOME).
  std::vector<std::pair<std::string, std::string>> environment(const Params& params) const;

 private:
  AgentSpec spec_;
};

}  // namespace ocf::agents::kinds
