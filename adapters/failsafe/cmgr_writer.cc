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
  if (!line_comment.empty()) out += "  " + line_comment;
  out += '\n';
}

void item(std::string& out, const Item& it, int depth) {
  comments(out, it.comments, depth);
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  if (it.kind == Item::Kind::kSet) {
    out += "set " + it.field.text + " to " + it.value.text;
    end_line(out, it.line_comment);
    return;
  }
  out += it.kind == Item::Kind::kAdd ? "add " : "remove ";
  out += it.what.text + " " + it.name.text;
  if (!it.of_type.text.empty()) out += " of resource_type " + it.of_type.text;
  end_line(out, it.line_comment);
  if (!it.block) return;
  for (const auto& child : it.children) item(out, child, depth + 1);
  comments(out, it.closing_comments, depth + 1);
  out.append(static_cast<std::size_t>(depth) * 2, ' ') += "done\n";
}

std::string header(const Statement& s) {
  std::string out = std::string(keyword(s.object));
  if (!s.name.text.empty()) out += " " + s.name.text;
  if (!s.of_type.text.empty()) out += " of resource_type " + s.of_type.text;
  if (!s.on_node.text.empty()) out += " on node " + s.on_node.text;
  if (!s.in_cluster.text.empty()) out += " in cluster " + s.in_cluster.text;
  return out;
}

void statement(std::string& out, const Statement& s) {
  comments(out, s.comments, 0);
  switch (s.verb) {
    case Statement::Verb::kQuit:
      out += "quit";
      return end_line(out, s.line_comment);
    case Statement::Verb::kSession:
      out += "set " + std::string(keyword(s.object)) + " " + s.name.text;
      return end_line(out, s.line_comment);
    case Statement::Verb::kOperational:
      for (std::size_t i = 0; i < s.words.size(); ++i) out += (i ? " " : "") + s.words[i];
      return end_line(out, s.line_comment);
    case Statement::Verb::kDelete:
      out += "delete " + header(s);
      return end_line(out, s.line_comment);
    case Statement::Verb::kDefine:
    case Statement::Verb::kModify:
      break;
  }
  out += (s.verb == Statement::Verb::kDefine ? "define " : "modify ") + header(s);
  end_line(out, s.line_comment);
  for (const auto& it : s.items) item(out, it, 1);
  comments(out, s.closing_comments, 1);
  out += s.cancelled ? "cancel\n" : "done\n";
}

}  // namespace

std::string write_cmgr(const Document& document) {
  std::string out;
  if (!document.shebang.empty()) out += document.shebang + "\n";
  for (const auto& s : document.statements) statement(out, s);
  comments(out, document.trailing_comments, 0);
  return out;
}

}  // namespace ocf::adapters::failsafe
