#include "adapters/failsafe/cmgr_writer.h"

namespace ocf::adapters::failsafe {

namespace {

void comments(std::string& out, const std::vector<std::string>& lines, int depth) {
  for (const auto& c : lines) {
    if (!c.empty()) out.append(static_cast<std::size_t>(depth) * 2, ' ') += c;
    out += '\n';
  }
}

void end_line(std::string& out, const std::string& line_comment) {
  if (!line_comment.empty()) out.append("  ").append(line_comment);
  out += '\n';
}

void item(std::string& out, const Item& it, int depth) {
  comments(out, it.comments, depth);
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  if (it.kind == Item::Kind::kSet) {
    out.append("set ").append(it.field.text).append(" to ").append(it.value.text);
    end_line(out, it.line_comment);
    return;
  }
  out += it.kind == Item::Kind::kAdd ? "add " : "remove ";
  out.append(it.what.text).append(" ").append(it.name.text);
  if (!it.of_type.text.empty()) out.append(" of resource_type ").append(it.of_type.text);
  end_line(out, it.line_comment);
  if (!it.block) return;
  for (const auto& child : it.children) item(out, child, depth + 1);
  comments(out, it.closing_comments, depth + 1);
  out.append(static_cast<std::size_t>(depth) * 2, ' ') += "done\n";
}

void header(std::string& out, const Statement& s) {
  out.append(keyword(s.object));
  if (!s.name.text.empty()) out.append(" ").append(s.name.text);
  if (!s.of_type.text.empty()) out.append(" of resource_type ").append(s.of_type.text);
  if (!s.on_node.text.empty()) out.append(" on node ").append(s.on_node.text);
  if (!s.in_cluster.text.empty()) out.append(" in cluster ").append(s.in_cluster.text);
}

void statement(std::string& out, const Statement& s) {
  comments(out, s.comments, 0);
  switch (s.verb) {
    case Statement::Verb::kQuit:
      out += "quit";
      return end_line(out, s.line_comment);
    case Statement::Verb::kSession:
      out.append("set ").append(keyword(s.object)).append(" ").append(s.name.text);
      return end_line(out, s.line_comment);
    case Statement::Verb::kOperational:
      for (std::size_t i = 0; i < s.words.size(); ++i) out.append(i ? " " : "").append(s.words[i]);
      return end_line(out, s.line_comment);
    case Statement::Verb::kDelete:
      out += "delete ";
      header(out, s);
      return end_line(out, s.line_comment);
    case Statement::Verb::kDefine:
    case Statement::Verb::kModify:
      break;
  }
  out += s.verb == Statement::Verb::kDefine ? "define " : "modify ";
  header(out, s);
  end_line(out, s.line_comment);
  for (const auto& it : s.items) item(out, it, 1);
  comments(out, s.closing_comments, 1);
  out += s.cancelled ? "cancel\n" : "done\n";
}

}  // namespace

std::string write_cmgr(const Document& document) {
  std::string out;
  // About a line of 40 bytes per item and two per statement; growing past
  // the guess is only a reallocation.
  std::size_t guess = 0;
  for (const auto& s : document.statements) guess += 80 + 40 * s.items.size();
  out.reserve(guess);
  if (!document.shebang.empty()) out.append(document.shebang).append("\n");
  for (const auto& s : document.statements) statement(out, s);
  comments(out, document.trailing_comments, 0);
  return out;
}

}  // namespace ocf::adapters::failsafe
