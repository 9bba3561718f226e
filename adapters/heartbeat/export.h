// OCF model -> native heartbeat document, reporting what heartbeat v1 cannot
// express as losses at the model element's origin.
//
// A heartbeat read keeps its layout (layout.h), so heartbeat -> model ->
// heartbeat puts every directive back in its place with its comments. A
// model from elsewhere gets a new ha.cf with the global directives first.
// Losses: round-robin placement, local restarts, in-place/auto recovery,
// initially disabled groups, failover domains other than "the line's node,
// then the other nodes in ha.cf order", per-node channels, channel
// priorities, disk channels, node ids/addresses/attributes, constraints,
// cluster properties, operations and meta attributes, parameters a
// resource.d script cannot carry and agents with no heartbeat form.
// Foreign extensions are reported by the adapter (report_foreign_extensions).
#pragma once

#include "adapters/heartbeat/document.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/model/model.h"

namespace ocf::adapters::heartbeat {

Document export_cluster(const model::Cluster& cluster, const ScriptTable& scripts,
                        model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
