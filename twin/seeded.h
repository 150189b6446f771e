// Seeded choices that are the same on every machine: SplitMix64 to mix a seed
// and FNV-1a to hash a name (std::shuffle and std::hash are not portable).
#pragma once

#include <cstdint>
#include <string_view>

namespace netdrill::twin {

inline std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

inline std::uint64_t Fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace netdrill::twin
