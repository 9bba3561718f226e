// A heartbeat configuration directory <-> native document: which files are
// read (ha.cf, haresources, authkeys, conf/OCF/TYPE/INSTANCE) through the Env
// seam, and which are written (authkeys with mode 0600).
#pragma once

#include <filesystem>
#include <optional>

#include "adapters/heartbeat/document.h"
#include "adapters/heartbeat/resource_d.h"
#include "bridge/io/env.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

// Reads and checks the three files (and the OCF instance files haresources
// names). nullopt only when a required file cannot be read; parse errors
// are in `diagnostics` and the document is still returned.
std::optional<Document> read_directory(const std::filesystem::path& dir, const io::Env& env,
                                       model::Diagnostics& diagnostics);

// Renders the document as the files of a directory output (the OCF
// instances as conf/OCF/TYPE/INSTANCE, mode 0600).
io::Output write_directory(const Document& document);

// Reads what write_directory produced back through the adapter's own reader
// (which makes every check the daemon makes, and more); every error, and an
// incomplete configuration the daemon refuses (no node, no medium, no key,
// an OCF:: resource without its file), is reported as "export.rejected": the
// adapter never hands out files heartbeat or the adapter itself would
// refuse. Checks that depend on the machine are skipped.
void check_written(const io::Output& output, const ScriptTable& scripts,
                   model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
