// OCF meta-data for agents that have none of their own (LSB, heartbeat,
// FailSafe and Kimberlite scripts): built from what the Lua tables and the
// operator know, written as ra-api-1.dtd XML, and checked against that DTD
// with libxml2 -- the same check ocf-tester makes with xmllint --valid.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/agents/agent_kind.h"

namespace ocf::agents {

inline constexpr const char* kRaApiDtd = "/usr/share/resource-agents/ra-api-1.dtd";

struct ActionInfo {
  std::string name;  // one of the DTD's fixed action names
  std::string timeout = "20s";
  std::string interval;  // empty: not written
  std::string depth;
};

struct MetaData {
  std::string name;
  std::string version = "1.0";
  std::string shortdesc;
  std::string longdesc;
  std::vector<ParamInfo> params;
  std::vector<ActionInfo> actions;
};

// start stop monitor(interval 10s, depth 0) meta-data validate-all.
std::vector<ActionInfo> default_actions();

// The XML text, with a DOCTYPE naming ra-api-1.dtd so xmllint --valid run
// from the DTD's directory checks it. Text is escaped; characters XML 1.0
// cannot carry (control characters) are dropped.
std::string to_xml(const MetaData& meta);

struct DtdCheck {
  bool valid = false;
  std::string errors;  // libxml2's messages, one per line
};
// Parses `xml` (no network, no entity expansion from outside) and validates
// the document against the DTD file.
DtdCheck validate_against_dtd(std::string_view xml,
                              const std::filesystem::path& dtd = kRaApiDtd);

}  // namespace ocf::agents
