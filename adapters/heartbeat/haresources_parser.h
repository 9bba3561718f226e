// haresources: text -> native document, and the grammar of one resource.
//
// A haresources line is `NODE RESOURCE...`; '#' starts a comment (anywhere,
// as heartbeat's ResourceManager strips it), a trailing '\' continues the
// line. The daemon itself checks only that NODE is a node of ha.cf; the
// resource grammar below is what ResourceManager does with each word at
// takeover time, so a word it would misread is an error here already.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/heartbeat/document.h"
#include "bridge/model/diagnostics.h"

namespace ocf::adapters::heartbeat {

// One resource word, split: `IP...` (shorthand for IPaddr::IP...),
// `NAME::ARG::ARG`, `OCF::TYPE::INSTANCE` or a plain `NAME`.
struct ResourceSpec {
  enum class Form { kIpShorthand, kScript, kOcf, kPlain };
  Form form = Form::kPlain;
  std::string script;              // IPaddr for the shorthand, OCF for OCF::
  std::vector<Word> args;          // with their own columns
};

// Splits a resource word; reports malformed "::" use and returns nullopt.
std::optional<ResourceSpec> parse_resource(const Word& word, const std::string& path,
                                           model::Diagnostics& diagnostics);

// The same, read in place: `spec` views `word`'s text (valid while the
// word is) and is refilled, its storage kept, so a walk over thousands of
// resources builds nothing per word. False, with `spec` unspecified, where
// parse_resource gives nullopt.
struct ResourceView {
  ResourceSpec::Form form = ResourceSpec::Form::kPlain;
  std::string_view script;
  std::vector<WordView> args;
};
bool parse_resource(const Word& word, const std::string& path, model::Diagnostics& diagnostics,
                    ResourceView& spec);

// True for what ResourceManager takes as an IP address: digits and three
// dots ([0-9]*.[0-9]*.[0-9]*.[0-9]*).
bool looks_like_ip(std::string_view word);

// Parses haresources. `nodes` are ha.cf's nodes; a line whose node is not
// one of them (compared case-insensitively, as heartbeat lower-cases node
// names) is an error. Each item's words are the node then the resources.
ConfigFile parse_haresources(std::string_view text, std::string path,
                             const std::vector<std::string>& nodes,
                             model::Diagnostics& diagnostics);

}  // namespace ocf::adapters::heartbeat
