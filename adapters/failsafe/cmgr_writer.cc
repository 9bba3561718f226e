#include "adapters/failsafe/cmgr_writer.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace ocf::adapters::failsafe {

namespace {

// The script text, written through a cursor into a string sized ahead of
// it: a script is tens of thousands of short lines of a few pieces each, so
// each line makes room once (line()) and its pieces are plain copies
// (std::string::append checks and calls per piece).
class Text {
 public:
  explicit Text(std::size_t guess) {
    text_.resize(std::max<std::size_t>(guess, 64));
    at_ = text_.data();
  }
  // Room for the next `n` bytes; a line's pieces then go through copy().
  char* line(std::size_t n) {
    if (static_cast<std::size_t>(text_.data() + text_.size() - at_) < n) grow(n);
    return at_;
  }
  // Ends the line begun with line(), `end` past its last byte.
  void done(char* end) { at_ = end; }
  std::string take() && {
    text_.resize(static_cast<std::size_t>(at_ - text_.data()));
    return std::move(text_);
  }

 private:
  void grow(std::size_t n) {
    auto used = static_cast<std::size_t>(at_ - text_.data());
    text_.resize(std::max(text_.size() * 2, used + n));
    at_ = text_.data() + used;
  }

  std::string text_;
  char* at_ = nullptr;
};

char* copy(char* at, std::string_view piece) {
  std::memcpy(at, piece.data(), piece.size());
  return at + piece.size();
}

char* indent(char* at, int depth) {
  for (int i = 0; i < depth; ++i) at = copy(at, "  ");
  return at;
}

std::size_t width(int depth) { return static_cast<std::size_t>(depth) * 2; }

// The bytes end_line() writes.
std::size_t end_width(const std::string& line_comment) {
  return (line_comment.empty() ? 0 : 2 + line_comment.size()) + 1;
}

char* end_line(char* at, const std::string& line_comment) {
  if (!line_comment.empty()) at = copy(copy(at, "  "), line_comment);
  *at++ = '\n';
  return at;
}

void comments(Text& out, const std::vector<std::string>& lines, int depth) {
  for (const auto& c : lines) {
    char* at = out.line(width(depth) + c.size() + 1);
    if (!c.empty()) at = copy(indent(at, depth), c);
    *at++ = '\n';
    out.done(at);
  }
}

// `done` (or `cancel`) closing a block at `depth`.
void close(Text& out, int depth, std::string_view word) {
  char* at = out.line(width(depth) + word.size() + 1);
  at = copy(indent(at, depth), word);
  *at++ = '\n';
  out.done(at);
}

void item(Text& out, const Item& it, int depth) {
  if (!it.comments.empty()) comments(out, it.comments, depth);
  if (it.kind == Item::Kind::kSet) {
    char* at = out.line(width(depth) + 4 + it.field.text.size() + 4 + it.value.text.size() +
                        end_width(it.line_comment));
    at = copy(indent(at, depth), "set ");
    at = copy(copy(copy(at, it.field.text), " to "), it.value.text);
    out.done(end_line(at, it.line_comment));
    return;
  }
  std::string_view verb = it.kind == Item::Kind::kAdd ? "add " : "remove ";
  std::string_view of = it.of_type.text.empty() ? "" : " of resource_type ";
  char* at = out.line(width(depth) + verb.size() + it.what.text.size() + 1 +
                      it.name.text.size() + of.size() + it.of_type.text.size() +
                      end_width(it.line_comment));
  at = copy(indent(at, depth), verb);
  at = copy(copy(copy(at, it.what.text), " "), it.name.text);
  if (!of.empty()) at = copy(copy(at, of), it.of_type.text);
  out.done(end_line(at, it.line_comment));
  if (!it.block) return;
  for (const auto& child : it.children) item(out, child, depth + 1);
  comments(out, it.closing_comments, depth + 1);
  close(out, depth, "done");
}

// `VERB KEYWORD [NAME] [of resource_type T] [on node N] [in cluster C]` and
// the line comment, `verb` with its blank.
void header_line(Text& out, std::string_view verb, const Statement& s) {
  std::string_view kind = keyword(s.object);
  auto clause = [](std::string_view lead, const std::string& word) {
    return word.empty() ? std::string_view("") : lead;
  };
  std::string_view name = clause(" ", s.name.text);
  std::string_view of = clause(" of resource_type ", s.of_type.text);
  std::string_view on = clause(" on node ", s.on_node.text);
  std::string_view in = clause(" in cluster ", s.in_cluster.text);
  char* at = out.line(verb.size() + kind.size() + name.size() + s.name.text.size() + of.size() +
                      s.of_type.text.size() + on.size() + s.on_node.text.size() + in.size() +
                      s.in_cluster.text.size() + end_width(s.line_comment));
  at = copy(copy(at, verb), kind);
  // (Most statements lack some clauses: those are not copied at all.)
  if (!name.empty()) at = copy(copy(at, name), s.name.text);
  if (!of.empty()) at = copy(copy(at, of), s.of_type.text);
  if (!on.empty()) at = copy(copy(at, on), s.on_node.text);
  if (!in.empty()) at = copy(copy(at, in), s.in_cluster.text);
  out.done(end_line(at, s.line_comment));
}

// A line of `words` joined by blanks, and the line comment.
void words_line(Text& out, const std::vector<std::string>& words,
                const std::string& line_comment) {
  std::size_t n = end_width(line_comment);
  for (const auto& w : words) n += w.size() + 1;
  char* at = out.line(n);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) *at++ = ' ';
    at = copy(at, words[i]);
  }
  out.done(end_line(at, line_comment));
}

void statement(Text& out, const Statement& s) {
  if (!s.comments.empty()) comments(out, s.comments, 0);
  switch (s.verb) {
    case Statement::Verb::kQuit:
      return words_line(out, {"quit"}, s.line_comment);
    case Statement::Verb::kSession:
      return words_line(out, {"set", std::string(keyword(s.object)), s.name.text},
                        s.line_comment);
    case Statement::Verb::kOperational:
      return words_line(out, s.words, s.line_comment);
    case Statement::Verb::kDelete:
      return header_line(out, "delete ", s);
    case Statement::Verb::kDefine:
    case Statement::Verb::kModify:
      break;
  }
  header_line(out, s.verb == Statement::Verb::kDefine ? "define " : "modify ", s);
  for (const auto& it : s.items) item(out, it, 1);
  comments(out, s.closing_comments, 1);
  close(out, 0, s.cancelled ? "cancel" : "done");
}

}  // namespace

std::string write_cmgr(const Document& document) {
  // About a line of 40 bytes per item and two per statement; growing past
  // the guess is only a reallocation.
  std::size_t guess = 0;
  for (const auto& s : document.statements) guess += 80 + 40 * s.items.size();
  Text out(guess);
  if (!document.shebang.empty()) words_line(out, {document.shebang}, {});
  for (const auto& s : document.statements) statement(out, s);
  comments(out, document.trailing_comments, 0);
  return std::move(out).take();
}

}  // namespace ocf::adapters::failsafe
