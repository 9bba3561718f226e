// The native document of a FailSafe cmgr command script.
//
// A cmgr script is a sequence of commands (`define`, `modify`, `delete`,
// session `set`, `quit`); `define`/`modify` open a block of `set F to V`,
// `add ...` (some of which open a nested block closed by its own `done`)
// and `remove ...` lines. The document keeps every command as written, with
// its source location and the comment lines in front of it, so that
// parse -> write reproduces the script and every later error can name the
// line. What the commands mean (the configuration database they build) is
// worked out by cdb.h; this file is structure only.
#pragma once

#include <string>
#include <vector>

#include "bridge/model/diagnostics.h"

namespace ocf::adapters::failsafe {

using model::SourceLocation;

// One word of the script and where it stands.
struct Word {
  std::string text;
  SourceLocation where;
};

// Object kinds the cmgr language knows.
enum class ObjectKind {
  kNode,
  kCluster,
  kHaParameters,
  kResourceType,
  kResource,
  kResourceGroup,
  kFailoverPolicy,
};

// The cmgr keyword of a kind ("resource_type"), and back.
std::string_view keyword(ObjectKind kind);
bool object_kind_from(std::string_view word, ObjectKind& kind);

// A line inside a block.
//  - kSet:    `set FIELD to VALUE`      (field, value)
//  - kAdd:    `add WHAT NAME [of resource_type TYPE]`; `block` when it
//             opened a nested block (nic, action, type_attribute), whose
//             `set` lines are `children`
//  - kRemove: `remove WHAT NAME [of resource_type TYPE]`
struct Item {
  enum class Kind { kSet, kAdd, kRemove };
  Kind kind = Kind::kSet;
  Word field;  // kSet
  Word value;  // kSet: the rest of the line after `to`, blanks kept
  Word what;   // kAdd/kRemove: nic, node, dependency, resource, action, ...
  Word name;
  Word of_type;  // `of resource_type TYPE`, empty when absent
  std::string type;  // of_type, or the session default when dropped
  bool block = false;
  std::vector<Item> children;
  std::vector<std::string> comments;          // comment lines in front
  std::vector<std::string> closing_comments;  // comments before the `done`
  std::string line_comment;                   // `# ...` after the command
  SourceLocation where;
};

// One top-level command.
struct Statement {
  enum class Verb { kDefine, kModify, kDelete, kSession, kQuit, kOperational };
  Verb verb = Verb::kDefine;
  ObjectKind object = ObjectKind::kNode;
  Word name;      // empty for ha_parameters
  Word of_type;   // resource: `of resource_type TYPE` as written
  Word on_node;   // resource_type: `on node NODE` as written
  Word in_cluster;  // `in cluster C` as written (empty when dropped)
  // Filled by the parser from session defaults when a clause was dropped,
  // so that later stages need not replay `set cluster`.
  std::string cluster;
  std::string type;
  std::vector<Item> items;        // define/modify
  bool cancelled = false;         // block closed by `cancel`
  std::vector<std::string> words;  // kOperational: the raw line
  std::vector<std::string> comments;          // "" keeps a blank line
  std::vector<std::string> closing_comments;
  std::string line_comment;
  SourceLocation where;
};

struct Document {
  std::string file;
  std::string shebang;  // first line when it starts with "#!"
  std::vector<Statement> statements;
  std::vector<std::string> trailing_comments;
};

}  // namespace ocf::adapters::failsafe
