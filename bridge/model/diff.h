// The semantic difference between two clusters, in model terms: what an
// operator checks after a migration. Pure; no I/O.
//
// Things are matched by identity (node name, resource and group id). A
// resource or group that has no partner by id is matched by content when
// exactly one candidate on the other side has the same agent and
// parameters (resources) or the same matched members (groups), since each
// product derives ids its own way; such a pair is reported as renamed and
// then compared field by field.
#pragma once

#include <string>
#include <vector>

#include "bridge/model/model.h"

namespace ocf::model {

struct Difference {
  enum class Kind { kAdded, kRemoved, kChanged, kRenamed };
  Kind kind = Kind::kChanged;
  std::string subject;  // "node node1", "group web", "timing"
  std::string field;    // "failback", "param ip", "" for a whole subject
  std::string left;     // value on the left ("" when absent)
  std::string right;    // value on the right
  SourceLocation left_origin;
  SourceLocation right_origin;
  // "~ group web: failback: automatic -> manual"
  std::string to_string() const;
};

std::vector<Difference> diff(const Cluster& left, const Cluster& right);

}  // namespace ocf::model
