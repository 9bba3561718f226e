// ResultView: a call's first result read either from its flattened form
// (convert::flatten, for a plain result still on the Lua stack) or from the
// Value it was converted to (see quirks.h). Reading never enters Lua.
#include <lua.hpp>

#include "bridge/quirks/convert.h"
#include "bridge/quirks/quirks.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks {

Value::Kind ResultView::kind() const {
  if (value_ != nullptr) return value_->kind();
  if (node_ == nullptr) return Value::Kind::kNil;
  switch (node_->type) {
    case LUA_TBOOLEAN: return Value::Kind::kBoolean;
    case LUA_TNUMBER: return node_->is_integer ? Value::Kind::kInteger : Value::Kind::kNumber;
    case LUA_TSTRING: return Value::Kind::kString;
    case LUA_TTABLE: return Value::Kind::kTable;
    default: return Value::Kind::kNil;
  }
}

std::string ResultView::to_text() const {
  if (value_ != nullptr) return value_->to_text();
  if (node_ == nullptr) return {};
  switch (node_->type) {
    case LUA_TSTRING: return std::string(node_->text);
    case LUA_TNUMBER:
      return node_->is_integer ? std::to_string(node_->integer) : number_text(node_->number);
    case LUA_TBOOLEAN: return node_->boolean ? "true" : "false";
    default: return {};
  }
}

ResultView ResultView::operator[](std::string_view field) const {
  if (value_ != nullptr) return ResultView(&(*value_)[field]);
  if (node_ == nullptr || node_->type != LUA_TTABLE) return {};
  const Node* fields = nodes_ + node_->first + node_->items;
  for (const Node* f = fields; f != fields + node_->fields; ++f)
    if (f->key == field) return ResultView(nodes_, f);
  return {};
}

std::size_t ResultView::size() const {
  if (value_ != nullptr) return value_->items().size();
  if (node_ == nullptr || node_->type != LUA_TTABLE) return 0;
  return node_->items;
}

ResultView ResultView::item(std::size_t i) const {
  if (value_ != nullptr) return ResultView(&value_->items()[i]);
  if (node_ == nullptr || node_->type != LUA_TTABLE) return {};
  return ResultView(nodes_, nodes_ + node_->first + i);
}

}  // namespace ocf::quirks
