// Kimberlite cluster.conf document -> OCF model.
//
// Members become nodes (with per-node heartbeat and quorum-partition disk
// channels and power-switch node attributes), services become resource
// groups whose members follow Kimberlite's start order: file systems and
// raw devices, NFS exports, Samba shares, IP addresses, then the user
// script. The names of everything come from the Lua tables (mapping.h).
//
// What the fields mean is checked here, with file:line:column: yes/no
// values, member ids (0 or 1, unique), at most two members, preferredNode
// naming a member, addresses and netmasks, channel types, required fields
// (a mount's name, a network's ipAddress, ...). A field the tables do not
// know survives as an Extension{product "kimberlite", key = its path} with
// a warning; comments survive as extensions too (key "#" + path of the
// entry they precede), so that a same-product conversion keeps them.
#pragma once

#include <filesystem>
#include <optional>

#include "adapters/kimberlite/document.h"
#include "bridge/adapter/adapter.h"
#include "bridge/model/model.h"
#include "bridge/quirks/quirks.h"

namespace ocf::adapters::kimberlite {

inline constexpr std::string_view kProduct = "kimberlite";

// nullopt when diagnostics hold an error.
std::optional<model::Cluster> import_document(const Document& document,
                                              quirks::QuirkSet& quirks,
                                              model::Diagnostics& diagnostics);

// Reads, parses and imports one cluster.conf through the context's Env and
// the "kimberlite" quirks.
std::optional<model::Cluster> read_cluster_conf(const std::filesystem::path& input,
                                                adapter::Context& context,
                                                model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::kimberlite
