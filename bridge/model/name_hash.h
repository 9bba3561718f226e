// A fast hash of short strings (names, types, values) for the hash tables
// that adapters and the model's checks look them up in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ocf::model {

// A hash of short names (resource names, types, values), eight bytes at a
// time and inline: a large configuration is looked up by name tens of
// thousands of times, and the standard hash is a call per string.
// The last word of a key of eight bytes or more is its last eight bytes
// (overlapping the one before), a shorter key's is read in two overlapping
// halves or three single bytes; the length, mixed in first, tells keys
// apart whose words are alike. Only for tables that are looked up, never
// walked in hash order (a walk's order would change with the hash).
inline std::uint64_t name_hash(std::string_view text, std::uint64_t seed = 0) noexcept {
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
  const char* p = text.data();
  const std::size_t n = text.size();
  std::uint64_t h = (seed ^ n) * kMultiplier;
  auto load8 = [](const char* at) {
    std::uint64_t w;
    std::memcpy(&w, at, 8);
    return w;
  };
  auto load4 = [](const char* at) {
    std::uint32_t w;
    std::memcpy(&w, at, 4);
    return static_cast<std::uint64_t>(w);
  };
  std::uint64_t last = 0;
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ load8(p + i)) * kMultiplier;
      h ^= h >> 29;
    }
    last = load8(p + n - 8);
  } else if (n >= 4) {
    last = load4(p) | (load4(p + n - 4) << 32);
  } else if (n > 0) {
    auto byte = [&](std::size_t i) {
      return static_cast<std::uint64_t>(static_cast<unsigned char>(p[i]));
    };
    last = (byte(0) << 16) | (byte(n / 2) << 8) | byte(n - 1);
  }
  h = (h ^ last) * kMultiplier;
  // Spread every bit over the low ones, which pick a bucket or slot (an
  // open-addressing table masks the hash).
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  return h ^ (h >> 33);
}

// name_hash for string keys of hash tables (std::string or string_view).
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept { return name_hash(key); }
};

}  // namespace ocf::model
