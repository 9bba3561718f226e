// mimalloc settings for every executable linked with mimalloc (added by
// ocf_use_allocator in CMakeLists.txt, and only when mimalloc is in use).
#include <mimalloc.h>

#include <cstdlib>

namespace {

// Pages mimalloc frees go back to the OS (decommitted) after a delay of a
// few milliseconds. A conversion frees tens of MB between its steps (one
// format's text or tree, then the next one's) and allocates as much again
// right after, so those pages were handed back and faulted in again, a
// tenth of a round trip's time. Ten seconds: longer than any conversion, and
// the memory still goes back. MIMALLOC_DECOMMIT_DELAY (or its older name
// MIMALLOC_RESET_DELAY) in the environment still decides when it is set.
constexpr long kDecommitDelayMs = 10000;

const bool kConfigured = [] {
  if (std::getenv("MIMALLOC_DECOMMIT_DELAY") == nullptr &&
      std::getenv("MIMALLOC_RESET_DELAY") == nullptr)
    mi_option_set(mi_option_decommit_delay, kDecommitDelayMs);
  return true;
}();

}  // namespace
