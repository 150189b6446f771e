// A drill running on a session: its injects at their times and triggers, the
// objectives watched from what the trainee does and what the network shows,
// hints, penalties, the steady state, and the score with its breakdown.
// It drives the session through its public header only (no ns-3).
#pragma once

#include "drill/drill.h"
#include "session/session.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace netdrill::drill {

struct ObjectiveResult {
  std::string id;
  Text title;
  Task task = Task::Ack;
  std::string step;
  double weight = 0.0;
  double byS = 0.0;
  std::optional<double> metAt;
  double points = 0.0;  ///< weight if met in time, half if late, 0 if not met
  bool hintShown = false;
  double hintCost = 0.0;
  /// ticket: the severity expected and the trainee's, and what the difference cost.
  std::optional<session::AlarmSeverity> expectedSeverity, ticketSeverity;
  double escalationCost = 0.0;
  /// declare with evidence: the diagnose command that looked at the target first ("" : none, half points).
  std::optional<std::string> evidence;
};

struct SteadyResult {
  std::string kpi;
  std::optional<double> min, max;
  double before = 0.0, worst = 0.0, after = 0.0;
  bool heldBefore = true, heldAfter = true;
};

struct TimelineItem {
  double at = 0.0;
  std::string who;  ///< scenario, trainee, instructor, hint, objective
  std::string text;
};

struct KpiSample {
  double at = 0.0;
  double conferenceGoodPct = 100.0;
  int sitesUnreachable = 0;
  int alarmsActive = 0;
};

/// @brief A trainee's declaration of a cause: right (it names a declare objective's target) or wrong.
struct DeclarationResult {
  double at = 0.0;
  std::string element;
  bool correct = false;
  double cost = 0.0;  ///< points off: the drill's wrong-declaration cost when wrong
};

/// @brief A restoration aimed at nothing to restore (a blind change on a live network), and its cost.
struct BlindChange {
  double at = 0.0;
  std::string command;
  double cost = 0.0;
};

struct DrillResult {
  std::string drillId;
  Text title;
  std::uint64_t seed = 1;
  std::string lang = "vi";
  Picks picks;
  double durationS = 0.0;
  double score = 0.0;  ///< 0-100
  double objectivePoints = 0.0;
  double hintCosts = 0.0;
  double penaltyPoints = 0.0;
  double declarationCosts = 0.0;  ///< the wrong declarations' costs (in the score, apart from penalties)
  int worsenings = 0;
  std::vector<DeclarationResult> declarations;
  double blindCosts = 0.0;  ///< the blind changes' costs
  std::vector<BlindChange> blindChanges;
  std::vector<ObjectiveResult> objectives;
  std::vector<SteadyResult> steadyState;
  std::vector<TimelineItem> timeline;
  std::vector<KpiSample> series;  ///< one a second
  std::uint64_t fingerprint = 0;
};

/// @brief A trainee's scripted actions (`--actions`): a YAML list of
/// `{at: 2m, do: "ack {uplink}"}` (and `as: instructor` if needed).
struct ScriptedAction {
  double atS = 0.0;
  std::string command;
  session::Role role = session::Role::Trainee;
  twin::SourceLoc loc;
};
std::optional<std::vector<ScriptedAction>> LoadActions(const std::string& path, double durationS,
                                                       twin::Diagnostics& diags);

class DrillRun {
public:
  DrillRun(const Drill& drill, const Picks& picks, session::Session& session, std::uint64_t seed, std::string lang);

  /// @brief Before each session step: the injects and scripted actions now due.
  void BeforeStep();
  /// @brief After each step: what the trainee did, objectives, triggers, KPIs, the objective status in the snapshot.
  void AfterStep();
  /// @brief Runs the whole drill headless with scripted actions, at full speed.
  void RunToEnd(const std::vector<ScriptedAction>& actions);

  DrillResult Result() const;

  /// @brief An inject as the instructor's timeline shows it.
  struct InjectState {
    std::optional<double> dueAt;
    bool fired = false;
    std::string command;  ///< what it submits ("" for a hint)
  };
  std::vector<InjectState> Injects() const;
  /// @brief The command that fires inject `index` ("caller SITE: TEXT" for a caller; "" for a hint).
  /// An instructor who gives it fires the inject early: the journal keeps it, so a replay does the same.
  std::string InjectCommand(std::size_t index) const;

private:
  void Fire(const Event& e, std::size_t index);
  std::vector<DeclarationResult> Declarations() const;
  std::string Evidence(const std::set<std::string>& targets, double from, double to) const;
  void Evaluate();
  double Now() const { return m_session.Now(); }

  const Drill& m_drill;
  Picks m_picks;
  session::Session& m_session;
  std::string m_lang;
  DrillResult m_result;
  std::vector<bool> m_fired;                   // per event
  std::vector<std::optional<double>> m_dueAt;  // per event: when a triggered event fires
  std::vector<bool> m_restoreBroken;           // per objective: the restore condition was false after its start
  std::vector<ScriptedAction> m_actions;
  std::size_t m_nextAction = 0;
  std::size_t m_appliedSeen = 0;
  struct Watch {
    double until;
    int baseline;
  };
  std::vector<Watch> m_worsenWatch;
  int m_lastUnreachable = 0;
  session::AlarmSeverity m_incidentSeverity = session::AlarmSeverity::Warning;  // the worst root alarm so far
  double m_lastSampleAt = -1.0;
  std::optional<double> m_lastKpiGood;
};

/// @brief When an event fires if only the clock triggers it (`at`, plus its
/// delay); nullopt when it waits on the trainee, a command or a KPI.
std::optional<double> ClockDueTime(const Event& event);

/// @brief The JSON of a result (what `drill run --json` prints and the report shows).
std::string ResultJson(const DrillResult& result);

}  // namespace netdrill::drill
