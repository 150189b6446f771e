// The instructor's flags on a trainee's run, one rule each: stuck, too fast,
// identical to another trainee's. The server and its tests call these, nothing else
// decides them.
#pragma once

#include "drill/drill-run.h"
#include "session/session.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::server {

/// @brief Stuck: this long (simulated) with no trainee command while an objective is open.
inline constexpr double kStuckAfterS = 5 * 60.0;
/// @brief Too fast: an objective met this soon after its incident began, with no diagnose command before.
inline constexpr double kTooFastS = 30.0;
/// @brief Identical: this many commands or more, one after another, the same as another trainee's.
inline constexpr std::size_t kIdenticalRun = 5;

/// @brief When the trainee last gave a command (nullopt: never).
std::optional<double> LastTraineeActionAt(const std::vector<session::AppliedCommand>& applied);

/// @brief Whether an objective was met under kTooFastS after its start with no trainee diagnose command
/// (session::IsDiagnose) between the start and the moment it was met.
bool SolvedTooFast(const drill::DrillResult& result, const std::vector<session::AppliedCommand>& applied);

/// @brief Whether a trainee idle since `lastActionAt` (nullopt: since the start) is stuck at `now`.
bool Stuck(double now, std::optional<double> lastActionAt, int objectivesOpen);

/// @brief Whether two trainees' command sequences share kIdenticalRun or more consecutive commands.
bool IdenticalRun(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace netdrill::server
