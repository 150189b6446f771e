// The limits the readers hold every input to, one place each (docs/scenario-reference.md and
// docs/twin-format.md, "Limits"). A longest run lives with the durations (twin/units.h, kLongestRunS).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace netdrill::twin {

inline constexpr std::size_t kLargestFileBytes = std::size_t{64} << 20;  ///< 64 MiB, any file a reader takes
inline constexpr int kDeepestNesting = 64;                               ///< levels of YAML nesting
inline constexpr std::size_t kMostSites = 50'000;                        ///< in a twin
inline constexpr std::size_t kMostLinks = 100'000;                       ///< in a twin
inline constexpr std::size_t kMostEvents = 1'000;                        ///< in a drill
inline constexpr std::size_t kMostObjectives = 200;                      ///< in a drill

/// @brief "more than 50,000 sites (60,000): the most a twin holds", or nullopt when `count` is within `most`.
/// `what` names the things (plural), `whole` what holds them ("a twin", "a drill").
std::optional<std::string> CountRefusal(std::size_t count, std::size_t most, const std::string& what,
                                        const std::string& whole);

/// @brief "larger than 64 MiB (70 MiB)", or nullopt for a file within kLargestFileBytes.
std::optional<std::string> FileSizeRefusal(std::size_t bytes);

}  // namespace netdrill::twin
