// OCF XML: the canonical serialisation of the OCF model.
//
// The form is defined by ocf.rng (namespace urn:ocfbridge:ocf:1, version 1)
// and is checked against it with libxml2 on every read, before a model is
// built, and on every write, before text is handed out. Writing produces the
// one canonical text of a model: elements in model order, attributes in a
// fixed order, two-space indent, UTF-8, a trailing newline, and optional
// values omitted when unset. So ocf-xml -> model -> ocf-xml is byte-stable.
// Comments in an input are not part of the model and are not kept.
//
// Authentication secrets travel in the document (key/@secret) but never
// appear in a diagnostic, whatever the parser or validator says.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bridge/model/diagnostics.h"
#include "bridge/model/model.h"

namespace ocf::xml {

inline constexpr std::string_view kNamespace = "urn:ocfbridge:ocf:1";
inline constexpr std::string_view kVersion = "1";

// Parses and validates `text` (named `file_name` in diagnostics), builds the
// model with every element's SourceLocation set to the line and column of
// its start tag, then runs model::check(). Returns nullopt when diagnostics
// received an error (malformed XML, a schema violation, or a model error).
std::optional<model::Cluster> read_ocf_xml(std::string_view text, const std::string& file_name,
                                           model::Diagnostics& diagnostics);

// The canonical text of `cluster`, validated against the schema. Returns
// nullopt with errors in `diagnostics` when the model holds what the form
// cannot carry (code "ocfxml.unwritable": an empty required name, a
// character that XML 1.0 cannot hold) or, an internal error, when the text
// fails the schema ("ocfxml.internal"). A constraint field that its kind
// does not use is reported as a loss.
std::optional<std::string> write_ocf_xml(const model::Cluster& cluster,
                                         model::Diagnostics& diagnostics);

// The same, for callers that need no report: the empty string on failure.
std::string write_ocf_xml(const model::Cluster& cluster);

}  // namespace ocf::xml
