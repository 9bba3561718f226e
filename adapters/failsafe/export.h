// OCF model -> native Document (a cmgr script), reporting losses.
//
// Writes, in this order: nodes (with nics), the cluster, ha_parameters,
// resource types (site-defined types, shipped types whose actions or
// restart settings the model sets, and per-node definitions kept as
// extensions), resources, failover policies, resource groups, `quit`.
// Every clause is explicit (`in cluster C`, `of resource_type T`), so the
// script does not depend on session defaults.
//
// Reported as losses, with the model element's origin: channels other than
// per-node unicast ones (FailSafe has nic networks only) and their
// interface/port settings, authentication keys (never their secrets), warn
// and initial-dead timing, constraints other than resource order,
// resource parameters a FailSafe type has no attribute for, operations and
// operation attributes with no action field, an agent with no FailSafe
// type (written as a site-defined type named after the agent, whose action
// scripts must then exist: `ocfbridge agent export --to failsafe`), node
// attributes and cluster properties with no field, group meta attributes,
// `initially_disabled` and a member order that FailSafe's type order would
// change. Other products' extensions are the bridge's to report
// (adapter::report_foreign_extensions), once.
#pragma once

#include <optional>

#include "adapters/failsafe/document.h"
#include "adapters/failsafe/tables.h"
#include "bridge/model/model.h"

namespace ocf::adapters::failsafe {

// nullopt when diagnostics hold an error (a name FailSafe cannot hold).
std::optional<Document> export_cmgr(const model::Cluster& cluster, const Tables& tables,
                                    model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::failsafe
