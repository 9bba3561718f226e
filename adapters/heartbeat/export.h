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
// cluster properties, operations and meta attributes, and agents with no
// heartbeat form. An ocf:heartbeat agent keeps every parameter: in its
// resource.d script's arguments when they fit, else as OCF::TYPE::INSTANCE
// with a conf/OCF/TYPE/INSTANCE file. A unicast channel that names only an
// address is written on the quirk media.default_interface (a warning).
// Foreign extensions are reported by the adapter (report_foreign_extensions).
#pragma once

#include "adapters/heartbeat/document.h"
#include "adapters/heartbeat/media.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/model/model.h"

namespace ocf::adapters::heartbeat {

// `media` says how a channel without an interface is written.
Document export_cluster(const model::Cluster& cluster, const ScriptTable& scripts,
                        const MediaQuirks& media, model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
