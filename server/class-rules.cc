#include "server/class-rules.h"

namespace netdrill::server {

std::optional<double> LastTraineeActionAt(const std::vector<session::AppliedCommand>& applied) {
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    if (it->role == session::Role::Trainee) return it->at;
  }
  return std::nullopt;
}

bool SolvedTooFast(const drill::DrillResult& result, const std::vector<session::AppliedCommand>& applied) {
  for (const drill::ObjectiveResult& o : result.objectives) {
    if (!o.metAt || !o.startedAt || *o.metAt - *o.startedAt >= kTooFastS) continue;
    bool looked = false;
    for (const session::AppliedCommand& c : applied) {
      if (c.role == session::Role::Trainee && session::IsDiagnose(c.verb) && c.at + 1e-9 >= *o.startedAt &&
          c.at <= *o.metAt + 1e-9) {
        looked = true;
        break;
      }
    }
    if (!looked) return true;
  }
  return false;
}

bool Stuck(double now, std::optional<double> lastActionAt, int objectivesOpen) {
  return objectivesOpen > 0 && now - lastActionAt.value_or(0.0) >= kStuckAfterS;
}

bool IdenticalRun(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() < kIdenticalRun || b.size() < kIdenticalRun) return false;
  // The longest common run of consecutive commands, by dynamic programming over the two sequences.
  std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] >= kIdenticalRun) return true;
    }
    std::swap(prev, cur);
  }
  return false;
}

}  // namespace netdrill::server
