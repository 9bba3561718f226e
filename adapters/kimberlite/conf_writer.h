// Writes a Document (see document.h) as cluster.conf text in Kimberlite's
// own form.
//
// Order: Kimberlite writes the file out of a flat key database, so inside
// every container the fields and sub-blocks appear together in ascending
// order of their names, compared as case-sensitive ASCII bytes. The spec's
// example shows this rule and no other: `chan0` before `id` in a member,
// `device0` < `disabled` < `name` < `network0` < `preferredNode` in a
// service, and `NFSexports` before `forceUnmount` in a mount ('N' < 'f';
// a case-insensitive order would put it after `name`). Two refinements
// where the example is silent: a trailing number compares as a number
// (service2 before service10), and sections follow the same rule (the
// example's cluster, database, members, services already do).
//
// Numbered blocks (see ParseOptions) are renumbered 0..n-1 in their
// current order, so a document with a block removed is still valid.
// Fields are indented by two spaces, `start`/`end` lines are not, as in the
// example. Comments stay in front of the entry they preceded.
//
// `[cluster] timestamp` is the time of the last change and is rewritten on
// every write from the injected clock; round-trip comparisons therefore
// never compare it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "adapters/kimberlite/conf_parser.h"
#include "adapters/kimberlite/document.h"

namespace ocf::adapters::kimberlite {

// Seconds since the epoch; injectable so tests are deterministic.
using Clock = std::function<std::int64_t()>;
Clock system_clock();

struct WriteOptions {
  Clock clock = system_clock();
  std::vector<std::string> numbered_stems = ParseOptions{}.numbered_stems;
};

// The canonical order of two names in a container (see above).
bool name_less(std::string_view a, std::string_view b);

// Sorts and renumbers every container of `document` in place (what write
// does before rendering), and sets [cluster] timestamp.
void normalize(Document& document, const WriteOptions& options = {});

// Renders a copy of `document` normalized.
std::string write_conf(const Document& document, const WriteOptions& options = {});
// Renders `document` normalized, consuming it (no copy).
std::string write_conf(Document&& document, const WriteOptions& options = {});

}  // namespace ocf::adapters::kimberlite
