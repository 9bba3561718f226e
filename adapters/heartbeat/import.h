// Native heartbeat document -> OCF model.
//
// ha.cf's nodes, timing, media, cluster name and failback land in model
// fields; every other directive is kept as a heartbeat Extension (key = the
// directive, value = its arguments) so that a heartbeat round trip loses
// nothing. Each haresources line becomes a ResourceGroup "group_<n>" (n
// counts the lines from 1) whose failover domain is the line's node, then
// the other ha.cf nodes in ha.cf order; its resources map to agents through
// the resource.d table of lua/heartbeat/. Comments and directive order are
// kept as layout extensions (see layout.h). The README has the full table.
#pragma once

#include <filesystem>

#include "adapters/heartbeat/document.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/io/env.h"
#include "bridge/model/model.h"

namespace ocf::adapters::heartbeat {

// `dir` is the configuration directory, used to tell a site's resource.d
// script (dir/resource.d/NAME) from an init script for a plain NAME.
model::Cluster import_document(const Document& document, const ScriptTable& scripts,
                               const io::Env& env, const std::filesystem::path& dir,
                               model::Diagnostics& diagnostics);

// Reports exactly what import_document reports on the document, without
// building the model (no ids, parameters, groups or layout): the write's
// read-back (check_written) keeps only the diagnostics.
void check_document(const Document& document, const ScriptTable& scripts, const io::Env& env,
                    const std::filesystem::path& dir, model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
