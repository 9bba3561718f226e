// Summaries of repeated timings, shared by the benchmarks. On a shared
// machine the best run is the one least disturbed; the median shows what a
// typical run costs.
#pragma once

#include <algorithm>
#include <vector>

namespace ocf::bench {

inline double best(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace ocf::bench
