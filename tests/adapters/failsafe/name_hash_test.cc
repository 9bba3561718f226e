// name_hash: the hash of the adapter's lookup tables answers for the bytes
// of a key and nothing else.
#include "bridge/model/name_hash.h"

#include <gtest/gtest.h>

#include <string>

#include "adapters/failsafe/cdb.h"

namespace ocf::adapters::failsafe::testing {
namespace {

using model::name_hash;

// Equal keys hash equal wherever their bytes are stored, whatever follows
// them in memory (the hash reads eight bytes at a time).
TEST(NameHash, ReadsOnlyTheKeysBytes) {
  for (std::size_t length = 0; length <= 24; ++length) {
    std::string key;
    for (std::size_t i = 0; i < length; ++i) key += static_cast<char>('a' + i % 26);
    const std::string padded_x = key + "xxxxxxxx";
    const std::string padded_y = key + "yyyyyyyy";
    EXPECT_EQ(name_hash(key), name_hash(std::string_view(padded_x).substr(0, length))) << length;
    EXPECT_EQ(name_hash(std::string_view(padded_x).substr(0, length)),
              name_hash(std::string_view(padded_y).substr(0, length)))
        << length;
  }
}

// A change of any one byte of a key, or of its length (also by a zero byte,
// which a zero-filled tail would otherwise not tell apart), changes the hash.
TEST(NameHash, EveryByteAndTheLengthCount) {
  for (std::size_t length = 1; length <= 24; ++length) {
    const std::string key(length, 'n');
    for (std::size_t i = 0; i < length; ++i) {
      std::string other = key;
      other[i] = 'm';
      EXPECT_NE(name_hash(key), name_hash(other)) << length << " at " << i;
      other[i] = '\xff';
      EXPECT_NE(name_hash(key), name_hash(other)) << length << " at " << i;
    }
    EXPECT_NE(name_hash(key), name_hash(key + '\0')) << length;
  }
  EXPECT_NE(name_hash(""), name_hash(std::string(1, '\0')));
}

// (name, type) keys: where the name ends counts, not only the bytes.
TEST(NameHash, NameTypePairsKeepTheirBoundary) {
  NameTypeHash hash;
  EXPECT_EQ(hash(NameType("/srv/g1", "NFS")),
            hash(std::pair<std::string, std::string>("/srv/g1", "NFS")));
  EXPECT_NE(hash(NameType("ab", "c")), hash(NameType("a", "bc")));
  EXPECT_NE(hash(NameType("a", "b")), hash(NameType("b", "a")));
}

}  // namespace
}  // namespace ocf::adapters::failsafe::testing
