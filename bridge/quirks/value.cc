// Value: the plain C++ picture of a Lua value (see quirks.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "bridge/quirks/quirks.h"
#include "bridge/quirks/state.h"

namespace ocf::quirks {

std::string number_text(double d) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14g", d);
  // Same test as Lua's tostring: digits and a sign only means it would read
  // back as an integer, so mark it as a float.
  if (buffer[std::strspn(buffer, "-0123456789")] == '\0') std::strcat(buffer, ".0");
  return buffer;
}

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::kBoolean;
  v.boolean_ = b;
  return v;
}

Value Value::integer(std::int64_t i) {
  Value v;
  v.kind_ = Kind::kInteger;
  v.integer_ = i;
  return v;
}

Value Value::number(double d) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.string_ = std::move(s);
  return v;
}

Value Value::table(std::vector<Value> items, std::vector<std::pair<std::string, Value>> fields) {
  Value v;
  v.kind_ = Kind::kTable;
  v.items_ = std::move(items);
  v.fields_ = std::move(fields);
  // operator[] relies on the order; callers need not sort.
  auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(v.fields_.begin(), v.fields_.end(), by_key))
    std::stable_sort(v.fields_.begin(), v.fields_.end(), by_key);
  return v;
}

Value Value::function(int reference) {
  Value v;
  v.kind_ = Kind::kFunction;
  v.reference_ = reference;
  return v;
}

std::int64_t Value::as_integer() const {
  if (kind_ == Kind::kInteger) return integer_;
  if (kind_ != Kind::kNumber || std::isnan(number_)) return 0;
  // Clamp first: converting an out-of-range double is undefined.
  constexpr double kMax = 9223372036854775807.0;
  if (number_ >= kMax) return std::numeric_limits<std::int64_t>::max();
  if (number_ <= -kMax) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(number_);
}

double Value::as_number() const {
  if (kind_ == Kind::kInteger) return static_cast<double>(integer_);
  if (kind_ == Kind::kNumber) return number_;
  return 0;
}

std::string Value::to_text() const {
  switch (kind_) {
    case Kind::kString: return string_;
    case Kind::kInteger: return std::to_string(integer_);
    case Kind::kNumber: return number_text(number_);
    case Kind::kBoolean: return boolean_ ? "true" : "false";
    case Kind::kNil:
    case Kind::kTable:
    case Kind::kFunction: break;
  }
  return {};
}

const Value& Value::operator[](std::string_view field) const {
  static const Value kNil;
  if (kind_ != Kind::kTable) return kNil;
  auto it = std::lower_bound(fields_.begin(), fields_.end(), field,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == fields_.end() || it->first != field) return kNil;
  return it->second;
}

std::vector<std::string> Value::strings() const {
  std::vector<std::string> out;
  out.reserve(items_.size());
  for (const auto& item : items_) out.push_back(item.to_text());
  return out;
}

}  // namespace ocf::quirks
