#include "bridge/cli/commands.h"

#include <filesystem>
#include <optional>

#include "bridge/adapter/adapter.h"
#include "bridge/cli/options.h"
#include "bridge/cli/report.h"
#include "bridge/cli/summary.h"
#include "bridge/model/diff.h"

#ifndef OCFBRIDGE_LUA_DIR
#error "OCFBRIDGE_LUA_DIR must name the shipped Lua quirk directory"
#endif

namespace ocf::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kConvertHelp = R"(usage: ocfbridge convert --from ADAPTER --to ADAPTER INPUT [-o OUTPUT]
                         [--quirks DIR]... [--lua-dir DIR] [--json] [--strict]

Reads INPUT with one adapter and writes it with another. INPUT and OUTPUT
are a directory for adapters that use one (heartbeat: ha.cf, haresources,
authkeys) and a file otherwise. Without -o a single-file result goes to
standard output. Output is written to temporary files and renamed into
place only when everything succeeded; authkeys is written with mode 0600.

After the conversion a report lists every error, warning and loss (an
attribute the target cannot express, with the source line that held it)
on standard error; --json prints it as JSON instead.

  --from ADAPTER   adapter that reads INPUT (see `ocfbridge adapters`)
  --to ADAPTER     adapter that writes OUTPUT
  -o, --output P   where to write
  --quirks DIR     extra Lua quirk root (DIR/common/*.lua, DIR/ADAPTER/*.lua),
                   loaded after the shipped ones; repeatable
  --lua-dir DIR    use DIR instead of the shipped Lua quirks
  --json           report as JSON
  --strict         fail (exit 4, nothing written) when anything is lost

Exit: 0 done, 2 usage, 3 invalid input, 4 losses with --strict,
      5 output not written.
)";

constexpr const char* kValidateHelp = R"(usage: ocfbridge validate --from ADAPTER INPUT [--quirks DIR]... [--lua-dir DIR] [--json]

Reads INPUT and reports every error and warning, located at file:line:column.
Exit: 0 valid, 2 usage, 3 invalid.
)";

constexpr const char* kShowHelp = R"(usage: ocfbridge show --from ADAPTER INPUT [--quirks DIR]... [--lua-dir DIR]

Prints a readable summary: nodes, channels, timing, groups with their
failover policy and resources. Secrets are never shown.
Exit: 0 shown, 2 usage, 3 invalid.
)";

constexpr const char* kDiffHelp = R"(usage: ocfbridge diff --from ADAPTER LEFT --from ADAPTER RIGHT
                      [--quirks DIR]... [--lua-dir DIR] [--json]

Shows the semantic difference between two configurations, of the same or
of different products, in model terms. Resources and groups that each
product names differently are matched by content and reported as renamed.
Exit: 0 same, 1 different, 2 usage, 3 invalid input.
)";

constexpr const char* kAdaptersHelp = R"(usage: ocfbridge adapters

Lists the registered adapters, what each can read and write, and whether
it uses a directory or a single file.
)";

bool wants_help(std::span<const std::string> args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

OptionSpec config_spec() {
  return {{"--from", "--to", "-o", "--output", "--quirks", "--lua-dir"}, {"--json", "--strict"}};
}

std::vector<fs::path> quirk_roots(const Options& options) {
  std::vector<fs::path> roots;
  roots.emplace_back(options.value("--lua-dir").value_or(OCFBRIDGE_LUA_DIR));
  for (const auto& q : options.values("--quirks")) roots.emplace_back(q);
  return roots;
}

void report(const model::Diagnostics& diagnostics, bool json, std::ostream& err) {
  if (json) print_json(diagnostics, err);
  else print_human(diagnostics, err);
}

const adapter::Adapter* find_adapter(const std::string& name, std::ostream& err) {
  const auto* a = adapter::Registry::instance().find(name);
  if (!a) {
    err << "ocfbridge: unknown adapter '" << name << "' (known:";
    for (const auto* known : adapter::Registry::instance().all()) err << " " << known->name();
    err << ")\n";
  }
  return a;
}

// Reads a configuration and runs the model's structural checks.
std::optional<model::Cluster> read_config(const adapter::Adapter& reader, const fs::path& input,
                                          adapter::Context& context,
                                          model::Diagnostics& diagnostics) {
  if (!reader.can_read()) {
    diagnostics.error("cli.cannot-read", "adapter '" + std::string(reader.name()) +
                                             "' cannot read configurations");
    return std::nullopt;
  }
  if (!context.env().exists(input)) {
    diagnostics.error("cli.no-input", "no such file or directory", {input.string(), 0, 0});
    return std::nullopt;
  }
  if (reader.uses_directory() != context.env().is_directory(input)) {
    diagnostics.error("cli.input-kind",
                      std::string("the ") + std::string(reader.name()) + " adapter reads a " +
                          (reader.uses_directory() ? "directory" : "file"),
                      {input.string(), 0, 0});
    return std::nullopt;
  }
  auto cluster = reader.read(input, context, diagnostics);
  if (cluster && !diagnostics.has_errors() && !reader.checks_model())
    model::check(*cluster, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return cluster;
}

// Parses the common form "--from A INPUT"; prints usage errors.
struct SingleInput {
  Options options;
  const adapter::Adapter* reader = nullptr;
  fs::path input;
};

std::optional<SingleInput> single_input(std::span<const std::string> args, const char* help,
                                        std::ostream& err) {
  std::string error;
  auto options = Options::parse(args, config_spec(), error);
  if (!options) {
    err << "ocfbridge: " << error << "\n" << help;
    return std::nullopt;
  }
  auto from = options->value("--from");
  if (!from || options->positional().size() != 1) {
    err << "ocfbridge: need --from ADAPTER and one INPUT\n" << help;
    return std::nullopt;
  }
  const auto* reader = find_adapter(*from, err);
  if (!reader) return std::nullopt;
  std::filesystem::path input = options->positional()[0];
  return SingleInput{std::move(*options), reader, std::move(input)};
}

}  // namespace

int convert_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (wants_help(args)) {
    out << kConvertHelp;
    return kExitOk;
  }
  auto parsed = single_input(args, kConvertHelp, err);
  if (!parsed) return kExitUsage;
  const Options& options = parsed->options;
  auto to = options.value("--to");
  if (!to) {
    err << "ocfbridge: need --to ADAPTER\n" << kConvertHelp;
    return kExitUsage;
  }
  const auto* writer = find_adapter(*to, err);
  if (!writer) return kExitUsage;
  if (!writer->can_write()) {
    err << "ocfbridge: adapter '" << *to << "' cannot write configurations\n";
    return kExitUsage;
  }
  auto output = options.value("-o");
  if (auto long_form = options.value("--output")) output = long_form;
  if (!output && writer->uses_directory()) {
    err << "ocfbridge: the " << *to << " adapter writes a directory: give -o DIR\n";
    return kExitUsage;
  }
  bool json = options.flag("--json");

  adapter::Context context(io::Env::real(), quirk_roots(options));
  model::Diagnostics diagnostics;
  auto cluster = read_config(*parsed->reader, parsed->input, context, diagnostics);
  if (!cluster) {
    report(diagnostics, json, err);
    return kExitInvalid;
  }
  auto rendered = adapter::write_reporting_losses(*writer, *cluster, context, diagnostics);
  if (!rendered || diagnostics.has_errors()) {
    report(diagnostics, json, err);
    return kExitInvalid;
  }
  if (options.flag("--strict") && diagnostics.count(model::Severity::kLoss) > 0) {
    report(diagnostics, json, err);
    err << "ocfbridge: --strict: the conversion loses information; nothing written\n";
    return kExitLosses;
  }
  if (output) {
    io::IoError error;
    if (!io::commit(*rendered, *output, error)) {
      report(diagnostics, json, err);
      err << "ocfbridge: " << error.message << "\n";
      return kExitOutput;
    }
  } else {
    out << rendered->files.front().contents;
    out.flush();
  }
  report(diagnostics, json, err);
  return kExitOk;
}

int validate_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (wants_help(args)) {
    out << kValidateHelp;
    return kExitOk;
  }
  auto parsed = single_input(args, kValidateHelp, err);
  if (!parsed) return kExitUsage;
  adapter::Context context(io::Env::real(), quirk_roots(parsed->options));
  model::Diagnostics diagnostics;
  auto cluster = read_config(*parsed->reader, parsed->input, context, diagnostics);
  report(diagnostics, parsed->options.flag("--json"), cluster ? out : err);
  return cluster ? kExitOk : kExitInvalid;
}

int show_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (wants_help(args)) {
    out << kShowHelp;
    return kExitOk;
  }
  auto parsed = single_input(args, kShowHelp, err);
  if (!parsed) return kExitUsage;
  adapter::Context context(io::Env::real(), quirk_roots(parsed->options));
  model::Diagnostics diagnostics;
  auto cluster = read_config(*parsed->reader, parsed->input, context, diagnostics);
  if (!cluster) {
    report(diagnostics, false, err);
    return kExitInvalid;
  }
  print_summary(*cluster, out);
  if (!diagnostics.entries().empty()) report(diagnostics, false, err);
  return kExitOk;
}

int diff_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (wants_help(args)) {
    out << kDiffHelp;
    return kExitOk;
  }
  std::string error;
  auto options = Options::parse(args, config_spec(), error);
  if (!options) {
    err << "ocfbridge: " << error << "\n" << kDiffHelp;
    return kExitUsage;
  }
  // Pair each --from with the positional that follows it.
  std::vector<std::pair<std::string, std::string>> inputs;
  std::optional<std::string> pending;
  for (const auto& [name, value] : options->sequence()) {
    if (name == "--from") pending = value;
    else if (name.empty() && pending) inputs.emplace_back(*std::exchange(pending, std::nullopt), value);
    else if (name.empty()) {
      err << "ocfbridge: each INPUT needs a --from ADAPTER before it\n" << kDiffHelp;
      return kExitUsage;
    }
  }
  if (inputs.size() != 2 || pending) {
    err << "ocfbridge: need exactly two --from ADAPTER INPUT pairs\n" << kDiffHelp;
    return kExitUsage;
  }
  adapter::Context context(io::Env::real(), quirk_roots(*options));
  model::Diagnostics diagnostics;
  std::vector<model::Cluster> clusters;
  for (const auto& [adapter_name, input] : inputs) {
    const auto* reader = find_adapter(adapter_name, err);
    if (!reader) return kExitUsage;
    auto cluster = read_config(*reader, input, context, diagnostics);
    if (!cluster) {
      report(diagnostics, options->flag("--json"), err);
      return kExitInvalid;
    }
    clusters.push_back(std::move(*cluster));
  }
  auto differences = model::diff(clusters[0], clusters[1]);
  if (options->flag("--json")) {
    out << "{\"differences\":[";
    for (std::size_t i = 0; i < differences.size(); ++i) {
      const auto& d = differences[i];
      static constexpr const char* kKinds[] = {"added", "removed", "changed", "renamed"};
      out << (i ? "," : "") << "{\"kind\":\"" << kKinds[static_cast<int>(d.kind)]
          << "\",\"subject\":" << json_quote(d.subject) << ",\"field\":" << json_quote(d.field)
          << ",\"left\":" << json_quote(d.left) << ",\"right\":" << json_quote(d.right) << "}";
    }
    out << "]}\n";
  } else {
    for (const auto& d : differences) out << d.to_string() << '\n';
    out << differences.size() << " difference(s)\n";
  }
  return differences.empty() ? kExitOk : kExitDifferent;
}

int adapters_command(std::span<const std::string> args, std::ostream& out, std::ostream&) {
  if (wants_help(args)) {
    out << kAdaptersHelp;
    return kExitOk;
  }
  for (const auto* a : adapter::Registry::instance().all()) {
    std::string caps;
    if (a->can_read()) caps += "read";
    if (a->can_write()) caps += caps.empty() ? "write" : "+write";
    out << a->name() << "\t" << caps << "\t" << (a->uses_directory() ? "directory" : "file")
        << "\t" << a->description() << '\n';
  }
  return kExitOk;
}

}  // namespace ocf::cli
