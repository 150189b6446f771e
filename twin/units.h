// Capacities as people write them ("100M", "2.5G", "10 Gbit/s") and numbers
// written the shortest way that reads back exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netdrill::twin {

/// @brief "100M", "1G", "2.5G", "20 Mbit/s", "512k", or a plain number of Mbit/s.
std::optional<double> ParseCapacityMbps(std::string_view text);

/// @brief The capacities a link may have: 1 kbit/s (a slower one would stall the packet model's
/// serialisation) to 100 Tbit/s. nullopt when `mbps` is one; else why not, for an error line.
std::optional<std::string> CapacityOutOfRange(double mbps);

/// @brief 100 -> "100M", 1000 -> "1G", 2500 -> "2.5G", 0.5 -> "500k".
std::string FormatCapacity(double mbps);

/// @brief The shortest decimal text that parses back to exactly `value`.
std::string FormatNumber(double value);

/// @brief A duration as instructors write it: "90s", "5m", "1h30m", "250ms", or plain seconds.
std::optional<double> ParseDurationSeconds(std::string_view text);

/// @brief The longest run, and so the longest duration any drill, run or replay may name: 72 simulated hours.
constexpr double kLongestRunS = 72.0 * 3600.0;
/// @brief Why a duration cannot be a run's (negative, or over 72 h), or nullopt.
std::optional<std::string> RunLengthRefusal(double seconds);

/// @brief Parses a whole string as a finite number; nullopt otherwise.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace netdrill::twin
