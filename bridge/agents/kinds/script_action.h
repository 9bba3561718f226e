// Pieces every agent kind shares: building a RunRequest for a script,
// turning a failed run (spawn failure, signal, timeout) into an OCF result,
// generated meta-data, and the validate-all of a script kind.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/agents/agent_kind.h"
#include "bridge/agents/metadata.h"
#include "bridge/agents/runner.h"

namespace ocf::agents::kinds {

// A request for `program args...` with the spec's limits and `env`.
RunRequest script_request(const AgentSpec& spec, const std::filesystem::path& program,
                          std::vector<std::string> args, std::chrono::milliseconds timeout,
                          std::vector<std::pair<std::string, std::string>> env = {});

// Copies output, errors and timed_out from `run` into a result with
// `native` = run.describe().
OcfResult result_of(const RunResult& run);

// When the run did not end with an exit status: spawn failure -> 5 (not
// installed) or 4 (permission), signal or timeout -> 1; with a note. Returns
// false (and leaves `result` alone) when the script exited normally.
bool abnormal_end(const RunResult& run, OcfResult& result);

// The code for the actions no kind implements.
OcfResult unimplemented(std::string_view kind, std::string_view action);

bool is_executable_file(const std::filesystem::path& path);
// 0 when `path` is an executable file, else 5 with a note.
OcfResult validate_script(const std::filesystem::path& path);

// Generated meta-data for a native script kind.
OcfResult generated_meta_data(const AgentSpec& spec, std::string_view what,
                              std::vector<ParamInfo> params);

// Parameter names must be usable as environment variable suffixes.
bool valid_param_name(std::string_view name);
// 6 with a note naming the first bad name/value, or nothing.
bool check_params(const Params& params, OcfResult& result);

// "start" / "monitor": the spec's papering over of LSB-style scripts
// (start of a running service and stop of a stopped one must succeed).
std::string papered_note(std::string_view action, const RunResult& run, std::string_view state);

}  // namespace ocf::agents::kinds
