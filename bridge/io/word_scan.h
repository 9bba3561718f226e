// Eight bytes at a time: tests on a 64-bit word of text that the scanners
// (the XML reader and writer, the cmgr parser) use to pass over runs of
// ordinary bytes without a table lookup per byte.
//
// Each test answers for the whole word (is some byte such?); `first` gives
// the place of the lowest (first, in memory order) byte a mask flags. The
// masks are exact for their lowest flagged byte: a borrow or carry only
// runs upwards from a byte that is flagged itself, so bytes above the
// first flagged one may be flagged wrongly, never a byte below it. Callers
// use them only to skip bytes below the first flag, and do the exact work
// (a table, a byte loop) from there.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace ocf::word {

constexpr std::uint64_t kOnes = 0x0101010101010101;
constexpr std::uint64_t kHigh = 0x8080808080808080;

constexpr std::uint64_t repeat(unsigned char c) { return kOnes * c; }

inline std::uint64_t load(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Bytes below `n` (n at most 128); a byte of 0x80 or above is not flagged.
constexpr std::uint64_t less(std::uint64_t w, unsigned char n) {
  return (w - repeat(n)) & ~w & kHigh;
}
// Bytes equal to `c`.
constexpr std::uint64_t equal(std::uint64_t w, unsigned char c) {
  std::uint64_t x = w ^ repeat(c);
  return (x - kOnes) & ~x & kHigh;
}
// Bytes of 0x80 and above.
constexpr std::uint64_t high(std::uint64_t w) { return w & kHigh; }

// The index (0 to 7) of the first byte a nonzero mask flags.
inline std::size_t first(std::uint64_t mask) {
  static_assert(std::endian::native == std::endian::little);
  return static_cast<std::size_t>(std::countr_zero(mask)) / 8;
}

}  // namespace ocf::word
