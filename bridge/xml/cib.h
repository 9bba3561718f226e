// Pacemaker CIB export: the OCF model as a Pacemaker cluster information
// base (pacemaker-3.9 schema), for migrating a cluster to Pacemaker.
//
// Cluster properties become crm_config nvpairs, nodes become CIB nodes,
// resources become primitives (parameters as instance_attributes,
// operations with interval and timeout, meta attributes), resource groups
// become groups. A failover policy becomes what Pacemaker can say of it: an
// ordered domain is a set of location constraints with descending scores,
// failback is resource-stickiness (automatic 0, manual INFINITY), local
// restarts are migration-threshold, initially disabled is target-role
// Stopped. What the CIB cannot hold (channels, timing and keys belong to
// corosync; round-robin placement; node addresses) is reported as a loss at
// the line that held it; so is a resource whose agent class Pacemaker cannot
// run (a FailSafe or Kimberlite script without an OCF or LSB mapping), which
// is left out with every constraint on it (and its group, when no member is
// left). Ids that are not valid XML ids are rewritten, with a warning.
#pragma once

#include <optional>
#include <string>

#include "bridge/model/diagnostics.h"
#include "bridge/model/model.h"

namespace ocf::xml {

inline constexpr std::string_view kCibSchema = "pacemaker-3.9";

// The CIB text (nullopt would come with errors in `diagnostics`; every
// model has a CIB today, with its losses reported). Product extensions are
// not looked at: the caller reports them (adapter::report_foreign_extensions).
std::optional<std::string> write_cib(const model::Cluster& cluster,
                                     model::Diagnostics& diagnostics);

}  // namespace ocf::xml
