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
// scripts must then exist: `ocfbridge agent export --to failsafe`) or one
// carried by the type of a related agent (IPaddr as IP_address, which
// reads back as IPaddr2), node attributes and cluster properties with no
// field, group meta attributes, `initially_disabled`, and a member order
// that FailSafe's type order would change.
//
// A resource FailSafe cannot hold at all -- its name or type name cannot be
// written, an IP_address named by a host name, or a second resource with the
// (name, type) of one already written, such as a second NFS export of one
// directory (FailSafe's NFS resource is the directory, with one export-info
// for every client) -- is a loss at the resource's origin and is left out
// with its group memberships and dependencies, so that the script always
// reads back. Secret values (sysctrl_password, passwords) never appear in a
// message. Other products' extensions are the bridge's to report. A node
// left without a nic (heartbeat's media are cluster-wide) is a warning.
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
