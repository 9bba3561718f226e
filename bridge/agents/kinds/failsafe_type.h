// FailSafe resource types: a directory TYPE_DIR holding the action scripts
// start, stop, monitor, exclusive and restart, each called as
//
//     TYPE_DIR/ACTION INFILE OUTFILE PARAMFILE
//
// INFILE has one line per resource, "resource_name action_flags" (the
// bridge always sends one resource and flags "0"); the script writes
// "resource_name status" lines to OUTFILE; PARAMFILE holds
// "ClusterName NAME". The resource name is the parameter `resource_name`,
// else the OCF instance name.
//
// Resource attributes (FailSafe's ha_get_info reads them from the CDB) are
// emulated: every other parameter becomes a line "resource_name attribute
// value" (value to the end of the line) of a file named by the environment
// variable OCFBRIDGE_RESOURCE_ATTRS. Names with blanks and values with
// newlines cannot be written that way and are refused (OCF 6).
//
// Status codes (scriptlib): HA_SUCCESS 0, HA_NOT_RUNNING 1, HA_INVAL_ARGS 2,
// HA_CMD_FAILED 3, HA_RUNNING 4, HA_NOTSUPPORTED 5, HA_NOCFGINFO 6. A missing
// status line counts as timed out (OCF 1). OCF monitor runs the monitor
// script (exclusive when the type has none): success/running -> 0, not
// running -> 7.
#pragma once

#include "bridge/agents/agent_kind.h"

namespace ocf::agents::kinds {

class FailsafeType : public AgentKind {
 public:
  explicit FailsafeType(AgentSpec spec) : spec_(std::move(spec)) {}
  std::string_view kind() const override { return "failsafe"; }
  OcfResult run(std::string_view action, const Params& params,
                std::chrono::milliseconds timeout) override;
  std::string meta_data() override;

  static std::string_view status_name(int ha_status);
  // The OCF code for a FailSafe status of a native action; `note` is set
  // when the mapping needs saying.
  static OcfCode map_status(std::string_view native_action, int ha_status, std::string& note);
  // The resource_name parameter the generated meta-data declares.
  static ParamInfo resource_name_param();

 private:
  OcfResult run_native(std::string_view native_action, const Params& params,
                       std::chrono::milliseconds timeout);
  std::string resource_name(const Params& params) const;

  AgentSpec spec_;
};

}  // namespace ocf::agents::kinds
