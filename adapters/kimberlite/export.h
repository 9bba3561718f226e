// OCF model -> Kimberlite cluster.conf document.
//
// The inverse of import.h. Kimberlite can say less than the model, and
// every attribute it cannot say is reported as a loss located at the
// attribute's origin: nodes beyond two, failover domains longer than the
// two members (only the first preferred node is kept), round-robin
// placement, local restarts, in-place and automatic recovery, multicast
// channels, authentication keys, constraints, resource agents with no
// Kimberlite form (they could still run as a userScript through the agent
// bridge), resources outside groups, parameters and operations Kimberlite
// has no field for, a start order other than Kimberlite's fixed one.
// Other products' extensions are reported by the bridge
// (adapter::report_foreign_extensions), not here as well.
//
// Services, devices, networks and the other numbered blocks are numbered
// 0..n-1 in model order, so a model with groups removed or reordered
// gives a file without gaps; Kimberlite extensions follow their owner to
// its new number.
#pragma once

#include <optional>

#include "adapters/kimberlite/conf_writer.h"
#include "adapters/kimberlite/document.h"
#include "bridge/adapter/adapter.h"
#include "bridge/model/model.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::kimberlite {

// nullopt when diagnostics hold an error.
std::optional<Document> export_cluster(const model::Cluster& cluster, quirks::QuirkSet& quirks,
                                       model::Diagnostics& diagnostics);

// True when the document holds a value that must not be world-readable
// (a field whose name contains "passw": powerPassword, clumanager's
// passwd): the file is then written with mode 0600.
bool holds_secret(const Document& document);

// Exports and renders cluster.conf as a single-file Output.
std::optional<io::Output> write_cluster_conf(const model::Cluster& cluster,
                                             adapter::Context& context,
                                             model::Diagnostics& diagnostics,
                                             const WriteOptions& options = {});

}  // namespace ocf::adapters::kimberlite
