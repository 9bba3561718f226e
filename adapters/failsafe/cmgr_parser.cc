#include "adapters/failsafe/cmgr_parser.h"

#include <array>
#include <cstring>
#include <optional>
#include <utility>

#include "bridge/io/word_scan.h"

namespace ocf::adapters::failsafe {

namespace {

constexpr std::array<std::pair<ObjectKind, std::string_view>, 7> kKinds{{
    {ObjectKind::kNode, "node"},
    {ObjectKind::kCluster, "cluster"},
    {ObjectKind::kHaParameters, "ha_parameters"},
    {ObjectKind::kResourceType, "resource_type"},
    {ObjectKind::kResource, "resource"},
    {ObjectKind::kResourceGroup, "resource_group"},
    {ObjectKind::kFailoverPolicy, "failover_policy"},
}};

// One line cut into words; `#` at the start of a word begins a comment
// (so a `#` inside a value such as a mail address does not).
// Words are views into the script text; a Word (text and location) is made
// only for the few that the document keeps.
struct Token {
  std::string_view text;
  std::uint32_t column = 0;  // 1-based
};

struct Line {
  std::uint32_t number = 0;
  std::vector<Token> words;
  std::string comment;  // from the first `#` word to the end, trimmed
  std::string_view text;
};

// A blank between words: space, tab, or the carriage return of a CRLF line.
// Nearly every character of a script is above ' ', so that test comes first.
inline bool blank(char c) {
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\r');
}

// A byte that ends a word: a blank, or the newline that ends the line.
inline bool word_break(char c) { return blank(c) || c == '\n'; }

// The end of the word starting at `p`: the first blank or newline, or
// `end`. Eight bytes at a time while the text has them (words are file
// names, addresses and values of a dozen bytes and more): a control byte
// that is neither is part of the word and the scan goes on past it.
inline const char* word_end(const char* p, const char* end) {
  while (end - p >= 8) {
    std::uint64_t low = word::less(word::load(p), ' ' + 1);
    if (low == 0) {
      p += 8;
      continue;
    }
    p += word::first(low);
    if (word_break(*p)) return p;
    ++p;
  }
  while (p != end && !word_break(*p)) ++p;
  return p;
}

// Cuts the line of `text` that starts at `from` into `line`, reusing its
// buffers; returns where the line ends (its newline, or the end of the
// text). The line is found as it is cut, not looked for first.
std::size_t split_line(std::string_view text, std::size_t from, std::uint32_t number,
                       Line& line) {
  line.number = number;
  line.words.clear();
  line.comment.clear();
  const char* const begin = text.data() + from;
  const char* const end = text.data() + text.size();
  const char* p = begin;
  while (true) {
    while (p != end && blank(*p)) ++p;
    if (p == end || *p == '\n') break;
    if (*p == '#') {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      const char* stop = nl ? static_cast<const char*>(nl) : end;
      const char* last = stop;
      while (blank(last[-1])) --last;  // stops at the '#' at the latest
      line.comment.assign(p, last);
      p = stop;
      break;
    }
    const char* start = p;
    p = word_end(p, end);
    line.words.push_back({std::string_view(start, static_cast<std::size_t>(p - start)),
                          static_cast<std::uint32_t>(start - begin + 1)});
  }
  line.text = std::string_view(begin, static_cast<std::size_t>(p - begin));
  return static_cast<std::size_t>(p - text.data());
}

// An upper bound of the top-level commands in `text`, from the first word
// of each line, so that the statements are allocated once.
std::size_t count_commands(std::string_view text) {
  // Only a capacity: each line's first word is compared in place, and the
  // next line is found with memchr.
  std::size_t count = 1;
  const char* p = text.data();
  const char* const end = p + text.size();
  auto is = [&](const char* at, std::string_view word) {
    return static_cast<std::size_t>(end - at) >= word.size() &&
           std::memcmp(at, word.data(), word.size()) == 0;
  };
  while (p != end) {
    while (p != end && (*p == ' ' || *p == '\t')) ++p;
    if (p == end) break;
    bool command = false;
    switch (*p) {
      case 'd': command = is(p, "define") || is(p, "delete"); break;
      case 'm': command = is(p, "modify"); break;
      case 's':
        command = is(p, "set c") || is(p, "set n") || is(p, "set r") || is(p, "show") ||
                  is(p, "start") || is(p, "stop");
        break;
      case 'q': command = is(p, "quit"); break;
      case 'e': command = is(p, "exit"); break;
      case 'a': command = is(p, "admin"); break;
      default: break;
    }
    if (command) ++count;
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
  }
  return count;
}

// A capacity for the items of a block whose lines start `rest`: its
// non-blank, non-comment lines up to the first `done` or `cancel`. That is
// the item count of a block of one-line items; a block with a nested
// `add ... done` is undercounted and its vector grows. Only a hint, so that a
// statement's items are allocated once and built in place.
std::size_t item_hint(std::string_view rest) {
  std::size_t count = 0;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    std::size_t first = 0;
    while (first < line.size() && blank(line[first])) ++first;
    line.remove_prefix(first);
    if (line.empty() || line.front() == '#') continue;
    auto is_word = [&](std::string_view word) {
      return line.starts_with(word) && (line.size() == word.size() || blank(line[word.size()]));
    };
    if (is_word("done") || is_word("cancel")) break;
    ++count;
  }
  return count;
}

// The parser proper: a small state machine over lines.
class Parser {
 public:
  Parser(const std::string& file, model::Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {
    document_.file = file;
  }

  Document run(std::string_view text);

 private:
  void top_level(const Line& line);
  void in_block(const Line& line);
  void in_sub_block(const Line& line);
  void open_block(const Line& line, Statement::Verb verb);
  void delete_statement(const Line& line);
  void session_set(const Line& line);
  bool header(const Line& line, std::size_t first, Statement& statement);
  void set_item(const Line& line, std::vector<Item>& into);
  void add_or_remove(const Line& line, Item::Kind kind);
  bool object_clause(const Line& line, std::size_t& i, std::string_view keyword,
                     std::string_view object, Word& out);
  void close_block(const Line& line, bool cancel);
  void error(std::string code, std::string message, const SourceLocation& where) {
    diagnostics_.error("failsafe." + std::move(code), std::move(message), where);
  }
  SourceLocation at(const Line& line, std::size_t i) const {
    return {file_, line.number, line.words[i].column};
  }
  Word word(const Line& line, std::size_t i) const {
    return {std::string(line.words[i].text), at(line, i)};
  }
  // word() into `out` in place.
  void set_word(Word& out, const Line& line, std::size_t i) const {
    out.text.assign(line.words[i].text);
    out.where = at(line, i);
  }
  // The comments in front of and after the command of `line`, into the
  // fields of a new (empty) item or statement; most commands have none.
  template <typename Command>
  void set_comments(Command& command, const Line& line) {
    if (!pending_comments_.empty()) command.comments = take_comments();
    if (!line.comment.empty()) command.line_comment = line.comment;
  }
  SourceLocation end_of(const Line& line) const {
    return {file_, line.number, static_cast<std::uint32_t>(line.text.size() + 1)};
  }
  std::vector<std::string> take_comments() { return std::exchange(pending_comments_, {}); }
  // The open define/modify block: the last statement, since nothing else is
  // added to the document while a block is open.
  Statement& block() { return document_.statements.back(); }

  // Interned once: every location of the script copies it.
  const model::FileName file_;
  model::Diagnostics& diagnostics_;
  Document document_;
  std::vector<std::string> pending_comments_;
  // A define/modify block is open: block() is built in place, so that its
  // items are not moved when it closes.
  bool block_open_ = false;
  std::optional<Item> sub_block_;  // open add ... done inside it
  std::string_view rest_;          // the text after the current line
  bool quit_ = false;
  bool warned_after_quit_ = false;
  std::string default_cluster_;
  std::string default_type_;
  std::string default_node_;
};

Document Parser::run(std::string_view text) {
  std::uint32_t number = 0;
  std::size_t pos = 0;
  Line line;
  document_.statements.reserve(count_commands(text));
  while (pos <= text.size()) {
    ++number;
    if (number == 1 && text.starts_with("#!")) {
      const std::size_t nl = std::min(text.find('\n'), text.size());
      document_.shebang = std::string(text.substr(0, nl));
      if (document_.shebang.ends_with('\r')) document_.shebang.pop_back();
      pos = nl + 1;
      continue;
    }
    const std::size_t nl = split_line(text, pos, number, line);
    rest_ = text.substr(std::min(nl + 1, text.size()));
    if (!(nl == text.size() && nl == pos)) {
      if (line.words.empty()) {
        pending_comments_.push_back(line.comment);  // "" for a blank line
      } else if (quit_) {
        if (!warned_after_quit_)
          diagnostics_.warning("failsafe.after-quit",
                               "commands after 'quit' are not run by cmgr and are ignored",
                               at(line, 0));
        warned_after_quit_ = true;
      } else if (sub_block_) {
        in_sub_block(line);
      } else if (block_open_) {
        in_block(line);
      } else {
        top_level(line);
      }
    }
    pos = nl + 1;
  }
  if (block_open_) {
    const auto& open = sub_block_ ? sub_block_->where : block().where;
    error("unterminated-block",
          std::string("'") + (sub_block_ ? "add " + sub_block_->what.text
                                         : std::string(keyword(block().object))) +
              "' block is not closed by 'done' before the end of the file",
          open);
    // An unclosed block is no statement.
    document_.statements.pop_back();
  }
  document_.trailing_comments = take_comments();
  return std::move(document_);
}

void Parser::top_level(const Line& line) {
  const std::string_view verb = line.words[0].text;
  if (verb == "define") return open_block(line, Statement::Verb::kDefine);
  if (verb == "modify") return open_block(line, Statement::Verb::kModify);
  if (verb == "delete") return delete_statement(line);
  if (verb == "set") return session_set(line);
  if (verb == "quit" || verb == "exit") {
    if (line.words.size() > 1)
      return error("extra-words", "'" + std::string(verb) + "' takes no arguments", at(line, 1));
    Statement s;
    s.verb = Statement::Verb::kQuit;
    s.name = word(line, 0);
    s.where = at(line, 0);
    s.comments = take_comments();
    s.line_comment = line.comment;
    document_.statements.push_back(std::move(s));
    quit_ = true;
    return;
  }
  if (verb == "done" || verb == "cancel")
    return error("done-without-block",
                 "'" + std::string(verb) + "' without an open define/modify block",
                 at(line, 0));
  if (verb == "show" || verb == "admin" || verb == "start" || verb == "stop") {
    // Operations, not configuration: kept so the script is written back as
    // it was, but they do not change the configuration database.
    diagnostics_.warning("failsafe.operational-command",
                         "'" + std::string(verb) + "' is an operation, not configuration; it is kept "
                         "but not translated",
                         at(line, 0));
    Statement s;
    s.verb = Statement::Verb::kOperational;
    for (const auto& w : line.words) s.words.emplace_back(w.text);
    s.where = at(line, 0);
    s.comments = take_comments();
    s.line_comment = line.comment;
    document_.statements.push_back(std::move(s));
    return;
  }
  error("unknown-command", "unknown cmgr command '" + std::string(verb) + "'", at(line, 0));
}

// `set cluster A` / `set node A` / `set resource_type A` outside a block.
void Parser::session_set(const Line& line) {
  if (line.words.size() < 2)
    return error("set-outside-block", "'set' outside a define/modify block", at(line, 0));
  const Word what = word(line, 1);
  if (what.text != "cluster" && what.text != "node" && what.text != "resource_type")
    return error("set-outside-block",
                 "'set " + what.text +
                     "' outside a define/modify block (only 'set cluster', 'set node' and "
                     "'set resource_type' set session defaults)",
                 what.where);
  if (line.words.size() < 3)
    return error("missing-name", "'set " + what.text + "' needs a name", end_of(line));
  if (line.words.size() > 3)
    return error("extra-words", "unexpected '" + std::string(line.words[3].text) + "'", at(line, 3));
  const Word name = word(line, 2);
  if (!valid_name(name.text))
    return error("bad-name", "'" + name.text + "' is not a valid FailSafe name", name.where);
  Statement s;
  s.verb = Statement::Verb::kSession;
  object_kind_from(what.text, s.object);
  s.name = name;
  s.where = at(line, 0);
  s.comments = take_comments();
  s.line_comment = line.comment;
  if (s.object == ObjectKind::kCluster) default_cluster_ = name.text;
  if (s.object == ObjectKind::kResourceType) default_type_ = name.text;
  if (s.object == ObjectKind::kNode) default_node_ = name.text;
  document_.statements.push_back(std::move(s));
}

bool Parser::object_clause(const Line& line, std::size_t& i, std::string_view keyword,
                           std::string_view object, Word& out) {
  // words[i] == keyword; expects `keyword object NAME`.
  if (i + 1 >= line.words.size() || line.words[i + 1].text != object) {
    error("bad-clause", "'" + std::string(keyword) + "' must be followed by '" +
                            std::string(object) + " NAME'",
          i + 1 < line.words.size() ? at(line, i + 1) : end_of(line));
    return false;
  }
  if (i + 2 >= line.words.size()) {
    error("missing-name", "'" + std::string(keyword) + " " + std::string(object) +
                              "' needs a name",
          end_of(line));
    return false;
  }
  if (!out.text.empty()) {
    error("bad-clause", "'" + std::string(keyword) + " " + std::string(object) +
                            "' is given twice",
          at(line, i));
    return false;
  }
  set_word(out, line, i + 2);
  if (!valid_name(out.text)) {
    error("bad-name", "'" + out.text + "' is not a valid FailSafe name", out.where);
    return false;
  }
  i += 3;
  return true;
}

// Parses `KIND [NAME] [of resource_type T] [on node N] [in cluster C]`
// starting at words[first] into `statement`.
bool Parser::header(const Line& line, std::size_t first, Statement& statement) {
  if (first >= line.words.size()) {
    error("missing-object", "'" + std::string(line.words[0].text) + "' needs an object kind", end_of(line));
    return false;
  }
  const std::string_view kind = line.words[first].text;
  if (!object_kind_from(kind, statement.object)) {
    error("unknown-object", "unknown object kind '" + std::string(kind) + "'", at(line, first));
    return false;
  }
  std::size_t i = first + 1;
  if (statement.object != ObjectKind::kHaParameters) {
    if (i >= line.words.size() || line.words[i].text == "in" || line.words[i].text == "of" ||
        line.words[i].text == "on") {
      error("missing-name", "'" + std::string(kind) + "' needs a name",
            i < line.words.size() ? at(line, i) : end_of(line));
      return false;
    }
    set_word(statement.name, line, i++);
    if (!valid_name(statement.name.text)) {
      error("bad-name", "'" + statement.name.text + "' is not a valid FailSafe name",
            statement.name.where);
      return false;
    }
  }
  while (i < line.words.size()) {
    const Token& w = line.words[i];
    bool ok = true;
    if (w.text == "in" && statement.object != ObjectKind::kNode &&
        statement.object != ObjectKind::kCluster &&
        statement.object != ObjectKind::kFailoverPolicy) {
      ok = object_clause(line, i, "in", "cluster", statement.in_cluster);
    } else if (w.text == "of" && statement.object == ObjectKind::kResource) {
      ok = object_clause(line, i, "of", "resource_type", statement.of_type);
    } else if (w.text == "on" && statement.object == ObjectKind::kResourceType) {
      ok = object_clause(line, i, "on", "node", statement.on_node);
    } else {
      error("extra-words",
            "unexpected '" + std::string(w.text) + "' after '" + std::string(kind) + "'",
            at(line, i));
      return false;
    }
    if (!ok) return false;
  }
  // Session defaults fill dropped clauses.
  statement.cluster = statement.in_cluster.text.empty() ? default_cluster_
                                                         : statement.in_cluster.text;
  statement.type = statement.of_type.text.empty() ? default_type_ : statement.of_type.text;
  bool needs_cluster = statement.object == ObjectKind::kHaParameters ||
                       statement.object == ObjectKind::kResourceType ||
                       statement.object == ObjectKind::kResource ||
                       statement.object == ObjectKind::kResourceGroup;
  if (needs_cluster && statement.cluster.empty()) {
    error("missing-cluster",
          "'" + std::string(kind) + "' needs 'in cluster NAME' (or an earlier 'set cluster NAME')",
          end_of(line));
    return false;
  }
  if (statement.object == ObjectKind::kResource && statement.type.empty()) {
    error("missing-type",
          "'resource' needs 'of resource_type TYPE' (or an earlier 'set resource_type TYPE')",
          end_of(line));
    return false;
  }
  return true;
}

void Parser::open_block(const Line& line, Statement::Verb verb) {
  Statement& s = document_.statements.emplace_back();
  block_open_ = true;
  s.verb = verb;
  s.where = at(line, 0);
  // On a bad header the block is still opened, so that its lines are
  // consumed up to its `done` instead of each giving a follow-on error.
  bool ok = header(line, 1, s);
  if (ok && s.object == ObjectKind::kHaParameters && verb == Statement::Verb::kDefine) {
    error("bad-verb", "ha_parameters exist with their cluster; use 'modify ha_parameters'",
          at(line, 0));
  }
  set_comments(s, line);
  s.items.reserve(item_hint(rest_));
}

void Parser::delete_statement(const Line& line) {
  Statement s;
  s.verb = Statement::Verb::kDelete;
  s.where = at(line, 0);
  if (!header(line, 1, s)) return;
  if (s.object == ObjectKind::kHaParameters)
    return error("bad-verb", "ha_parameters cannot be deleted", at(line, 0));
  s.comments = take_comments();
  s.line_comment = line.comment;
  document_.statements.push_back(std::move(s));
}

// Appends the item of a `set` line to `into` (nothing on an error).
void Parser::set_item(const Line& line, std::vector<Item>& into) {
  // set FIELD to VALUE...
  if (line.words.size() < 2) {
    error("missing-field", "'set' needs a field name", end_of(line));
    return;
  }
  if (line.words.size() < 3 || line.words[2].text != "to") {
    error("missing-to", "expected 'to' after 'set " + std::string(line.words[1].text) + "'",
          line.words.size() < 3 ? end_of(line) : at(line, 2));
    return;
  }
  if (line.words.size() < 4) {
    error("missing-value", "'set " + std::string(line.words[1].text) + " to' needs a value", end_of(line));
    return;
  }
  Item& item = into.emplace_back();
  item.kind = Item::Kind::kSet;
  set_word(item.field, line, 1);
  item.where = at(line, 0);
  // The value is the rest of the line (a domain is several node names),
  // up to a comment, with inner blanks as written.
  std::size_t from = line.words[3].column - 1;
  std::size_t to = line.words.back().column - 1 + line.words.back().text.size();
  item.value.text.assign(line.text.substr(from, to - from));
  item.value.where = at(line, 3);
  set_comments(item, line);
}

// Which `add WHAT` open a nested block, per object kind; the others are
// one line. This is grammar, so it lives here and not in Lua.
bool opens_block(ObjectKind object, std::string_view what) {
  if (object == ObjectKind::kNode) return what == "nic";
  if (object == ObjectKind::kResourceType) return what == "action" || what == "type_attribute";
  return false;
}

bool line_add(ObjectKind object, std::string_view what, bool& needs_type) {
  needs_type = false;
  switch (object) {
    case ObjectKind::kCluster: return what == "node";
    case ObjectKind::kResourceType: return what == "dependency";
    case ObjectKind::kResource: needs_type = true; return what == "dependency";
    case ObjectKind::kResourceGroup: needs_type = true; return what == "resource";
    default: return false;
  }
}

void Parser::add_or_remove(const Line& line, Item::Kind kind) {
  // Spelt out only for a message: "add" or "remove".
  const std::string_view verb = line.words[0].text;
  if (line.words.size() < 2)
    return error("missing-object",
                 "'" + std::string(verb) + "' needs what to " + std::string(verb), end_of(line));
  const std::string_view what = line.words[1].text;
  bool needs_type = false;
  const ObjectKind object = block().object;
  bool nested = opens_block(object, what);
  if (!nested && !line_add(object, what, needs_type))
    return error("bad-add",
                 "cannot " + std::string(verb) + " '" + std::string(what) + "' in a " +
                     std::string(keyword(object)),
                 at(line, 1));
  if (line.words.size() < 3)
    return error("missing-name",
                 "'" + std::string(verb) + " " + std::string(what) + "' needs a name",
                 end_of(line));
  // Built where it will stay: a nested block's header in sub_block_, a
  // one-line item in the open statement. An error takes it back out.
  const bool opens = kind == Item::Kind::kAdd && nested;
  Item& item = opens ? sub_block_.emplace() : block().items.emplace_back();
  auto drop = [&] {
    if (opens)
      sub_block_.reset();
    else
      block().items.pop_back();
  };
  auto fail = [&](std::string code, std::string message, const SourceLocation& where) {
    error(std::move(code), std::move(message), where);
    drop();
  };
  item.kind = kind;
  set_word(item.what, line, 1);
  set_word(item.name, line, 2);
  item.where = at(line, 0);
  if (!valid_name(item.name.text))
    return fail("bad-name", "'" + item.name.text + "' is not a valid FailSafe name",
                item.name.where);
  std::size_t i = 3;
  if (needs_type) {
    if (i < line.words.size() && line.words[i].text == "of") {
      if (!object_clause(line, i, "of", "resource_type", item.of_type)) return drop();
    } else if (default_type_.empty()) {
      return fail("missing-type",
                  "'" + std::string(verb) + " " + item.what.text + " " + item.name.text +
                      "' needs 'of resource_type TYPE'",
                  i < line.words.size() ? at(line, i) : end_of(line));
    }
  }
  if (i < line.words.size())
    return fail("extra-words", "unexpected '" + std::string(line.words[i].text) + "'",
                at(line, i));
  if (needs_type) item.type = item.of_type.text.empty() ? default_type_ : item.of_type.text;
  set_comments(item, line);
  item.block = opens;
}

void Parser::close_block(const Line& line, bool cancel) {
  if (line.words.size() > 1)
    return error("extra-words", "'" + std::string(line.words[0].text) + "' takes no arguments",
                 at(line, 1));
  block().closing_comments = take_comments();
  block().cancelled = cancel;
  block_open_ = false;
}

void Parser::in_block(const Line& line) {
  const std::string_view verb = line.words[0].text;
  if (verb == "set") {
    set_item(line, block().items);
    return;
  }
  if (verb == "add") return add_or_remove(line, Item::Kind::kAdd);
  if (verb == "remove") return add_or_remove(line, Item::Kind::kRemove);
  if (verb == "done") return close_block(line, false);
  if (verb == "cancel") return close_block(line, true);
  if (verb == "define" || verb == "modify" || verb == "delete" || verb == "quit" ||
      verb == "exit")
    return error("unterminated-block",
                 "'" + std::string(verb) + "' inside an open '" +
                     std::string(keyword(block().object)) +
                     "' block (line " + std::to_string(block().where.line) +
                     ") -- missing 'done'?",
                 at(line, 0));
  error("unknown-command", "unknown command '" + std::string(verb) + "' in a " +
                               std::string(keyword(block().object)) + " block",
        at(line, 0));
}

void Parser::in_sub_block(const Line& line) {
  const std::string_view verb = line.words[0].text;
  if (verb == "set") {
    set_item(line, sub_block_->children);
    return;
  }
  if (verb == "done") {
    if (line.words.size() > 1)
      return error("extra-words", "'done' takes no arguments", at(line, 1));
    sub_block_->closing_comments = take_comments();
    block().items.push_back(std::move(*sub_block_));
    sub_block_.reset();
    return;
  }
  if (verb == "define" || verb == "modify" || verb == "delete" || verb == "quit" ||
      verb == "add" || verb == "remove" || verb == "exit")
    return error("unterminated-block",
                 "'" + std::string(verb) + "' inside an open 'add " + sub_block_->what.text +
                     "' block (line " +
                     std::to_string(sub_block_->where.line) + ") -- missing 'done'?",
                 at(line, 0));
  error("unknown-command",
        "unknown command '" + std::string(verb) + "' in an 'add " + sub_block_->what.text +
            "' block",
        at(line, 0));
}

}  // namespace

std::string_view keyword(ObjectKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return name;
  return {};
}

bool object_kind_from(std::string_view word, ObjectKind& kind) {
  for (const auto& [k, name] : kKinds) {
    if (name == word) {
      kind = k;
      return true;
    }
  }
  return false;
}

namespace {

// The bytes a name cannot hold: blanks and control characters, DEL, and
// '#', '*', '?', '\\'. One table lookup per character instead of six tests.
constexpr std::array<bool, 256> kNameBreaks = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c <= ' '; ++c) table[c] = true;
  table[0x7f] = true;
  table[static_cast<unsigned char>('#')] = true;
  table[static_cast<unsigned char>('*')] = true;
  table[static_cast<unsigned char>('?')] = true;
  table[static_cast<unsigned char>('\\')] = true;
  return table;
}();

}  // namespace

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  for (unsigned char c : name)
    if (kNameBreaks[c]) return false;
  return true;
}

Document parse_cmgr(std::string_view text, const std::string& file,
                    model::Diagnostics& diagnostics) {
  Parser parser(file, diagnostics);
  return parser.run(text);
}

}  // namespace ocf::adapters::failsafe
