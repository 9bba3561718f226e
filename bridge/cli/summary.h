// A readable summary of a cluster for `ocfbridge show`: nodes, channels,
// timing, groups with their policy and resources. Secrets are never shown.
#pragma once

#include <ostream>

#include "bridge/model/model.h"

namespace ocf::cli {

void print_summary(const model::Cluster& cluster, std::ostream& out);

}  // namespace ocf::cli
