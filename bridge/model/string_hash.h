// A hash for std::string keys that also takes std::string_view, so that a
// hash-table lookup by a view into a parsed text builds no string
// (std::unordered_map<std::string, V, StringHash, std::equal_to<>>).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace ocf::model {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept {
    return std::hash<std::string_view>{}(key);
  }
};

}  // namespace ocf::model
