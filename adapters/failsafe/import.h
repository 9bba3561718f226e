// Native Document -> OCF model.
//
// Replays the script into a configuration database (cdb.h) and maps it
// onto one model::Cluster, with the Lua tables (tables.h) deciding field
// names and resource-type mappings:
//  - nodes (nodeid, hostname, sysctrl_*) -> Node; nics -> per-node unicast
//    Channel (address = the node's own address, priority, heartbeat and
//    control flags);
//  - cluster fields and ha_parameters -> properties and Timing (ms);
//  - resources -> Resource with the mapped OCF agent and parameters; id
//    "<type>-<name>" (sanitised, unique), native name/type kept as meta
//    "failsafe-name"/"failsafe-type" only when export could not derive them;
//  - resource-type actions -> operations of each resource of that type;
//    restart_mode/restart_count -> policy.local_restarts of the groups
//    holding the type; type order -> group member order;
//  - resource dependencies -> order constraints;
//  - failover policies -> the policy of each group that names them.
// What the model has no field for is kept as an Extension of product
// "failsafe" (scopes "", "node:N", "resource:ID", "group:ID",
// "resource_type:T", "failover_policy:P") so that export restores it.
#pragma once

#include <optional>

#include "adapters/failsafe/document.h"
#include "adapters/failsafe/tables.h"
#include "bridge/model/model.h"

namespace ocf::adapters::failsafe {

inline constexpr std::string_view kProduct = "failsafe";
inline constexpr std::string_view kMetaName = "failsafe-name";
inline constexpr std::string_view kMetaType = "failsafe-type";

// nullopt when diagnostics hold an error.
std::optional<model::Cluster> import_cmgr(const Document& document, const Tables& tables,
                                          model::Diagnostics& diagnostics);

// The model id of resource (name, type): "<type>-<name>" with characters
// other than letters, digits, '_', '.', '-' replaced by '_' and leading
// slashes dropped.
std::string resource_id(std::string_view name, std::string_view type);

}  // namespace ocf::adapters::failsafe
