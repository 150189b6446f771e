// A drill running on a session: its injects at their times and triggers, the
// objectives watched from what the trainee does and what the network shows,
// hints, penalties, the steady state, and the score with its breakdown.
// It drives the session through its public header only (no ns-3).
#pragma once

#include "drill/drill.h"
#include "session/session.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace netdrill::drill {

struct ObjectiveResult {
  std::string id;
  Text title;  ///< the instructor's
  Text brief;  ///< what the trainee's console shows at standard and exam (ObjectiveBrief)
  std::string incident;
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
  /// declare or action with evidence: the diagnose command that looked at the target first ("" : none, half points).
  std::optional<std::string> evidence;
  /// action: the outcome that met it ("attack_toward province:44 below 0 Mbit/s").
  std::string outcome;
  /// stay: when it broke again after it was met (it is unmet then, until met again).
  std::optional<double> relapsedAt;
  /// ticket: whether it named the element asked for, and gave the impact (unset: not asked), judged
  /// on its title and notes at the end; and which ticket it was.
  std::optional<bool> named, impactGiven;
  std::string ticketId;
  /// ack, restore, action: whether the run ever broke what it asks to be seen or mended (an alarm
  /// on its target; its sites or state broken; an action done). `drill check --play` reports those that
  /// a run with no actions never broke: nothing in the drill gives the trainee anything to do.
  bool brokenSeen = false;
  /// When its incident began: the first inject that acted on its target (or its incident's first, or
  /// the drill's first); the time to acknowledge, diagnose or restore is counted from it.
  std::optional<double> startedAt;
  /// A team drill: the seat credited with meeting it (TeamCredit: the last trainee command of its kind
  /// before it was met; None: the team's, as an order objective is) and the seat that asked for its hint.
  session::Seat metBy = session::Seat::None;
  session::Seat hintBy = session::Seat::None;
  /// metAt - startedAt: time_to_ack_s, time_to_diagnose_s or time_to_restore_s by its task.
  std::optional<double> TimeTaken() const {
    return metAt && startedAt ? std::optional<double>(std::max(0.0, *metAt - *startedAt)) : std::nullopt;
  }
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
  session::Seat seat = session::Seat::None;
};

/// @brief A restoration aimed at nothing to restore (a blind change on a live network), and its cost.
struct BlindChange {
  double at = 0.0;
  std::string command;
  double cost = 0.0;
  session::Seat seat = session::Seat::None;
};

/// @brief Service a trainee's action cut (sites reachable before it, cut off once it converged), and its cost.
struct CollateralCharge {
  double at = 0.0;
  std::string command;
  int sites = 0;      ///< sites it cut off
  int endpoints = 0;  ///< conference endpoints it lost
  double siteMinutes = 0.0, endpointMinutes = 0.0;  ///< until they came back (or the end)
  double cost = 0.0;
  session::Seat seat = session::Seat::None;
};

/// @brief A ticket of a team drill: the team shares its tickets; who opened it and every seat that wrote in it.
struct TeamTicket {
  std::string id;
  session::Seat openedBy = session::Seat::None;
  std::vector<session::Seat> seats;  ///< the seats that opened, noted or closed it, in the drill's order
};

/// @brief A team drill's seat: what it earned and cost, and what its alarm view showed.
struct SeatResult {
  session::Seat seat = session::Seat::None;
  double points = 0.0;        ///< the objectives credited to it
  double costs = 0.0;         ///< its wrong declarations, blind changes, collateral, hints it asked for
  double contribution = 0.0;  ///< points - costs
  std::vector<std::string> objectivesMet;
  int commands = 0;           ///< the trainee commands it gave
  std::vector<std::string> alarmsSeen;  ///< the resources of the alarms its view showed (SeatSeesAlarm), sorted
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
  double collateralCosts = 0.0;  ///< the service trainee actions cut, capped at the drill's collateral max
  std::vector<CollateralCharge> collateral;
  double unresolvedCosts = 0.0;  ///< steady-state checks broken at the end (unless repairs_finish: false)
  std::vector<std::string> leftAtEnd;  ///< what was still wrong at the end: broken checks, dark provinces
  Assist assist = Assist::Guided;
  std::vector<ObjectiveResult> objectives;
  std::vector<SteadyResult> steadyState;
  std::vector<TimelineItem> timeline;
  std::vector<KpiSample> series;  ///< one a second
  std::vector<SeatResult> seats;  ///< a team drill's, in the drill's seat order (empty: a drill of one's own)
  std::vector<TeamTicket> teamTickets;  ///< a team drill's tickets
  std::uint64_t fingerprint = 0;
  bool instructorLines = false;  ///< an instructor's command went in during the run (an inject, a hint, a pause)
};

/// @brief A trainee's scripted actions (`--actions`): a YAML list of
/// `{at: 2m, do: "ack {uplink}"}` (and `as: instructor` if needed; in a team drill `seat: noc-north`).
struct ScriptedAction {
  double atS = 0.0;
  std::string command;
  session::Role role = session::Role::Trainee;
  session::Seat seat = session::Seat::None;  ///< a team drill's seat (`seat: noc-north`)
  twin::SourceLoc loc;
};
std::optional<std::vector<ScriptedAction>> LoadActions(const std::string& path, double durationS,
                                                       twin::Diagnostics& diags);

/// @brief Checks the seats of a drill's actions (every problem at once, at its file:line:col): in a team
/// drill each trainee action names one of its seats (unless `only` is given: one seat's client, whose
/// actions with no seat are its own), in a drill of one's own none does. With `only`, keeps that seat's
/// actions (and the instructor's) and drops the other seats'.
bool CheckActionSeats(const Drill& drill, std::vector<ScriptedAction>& actions, const std::string& path,
                      twin::Diagnostics& diags, session::Seat only = session::Seat::None);

/// @brief Checks that every {reference} in the actions' commands names one of the picks (within its count): one
/// that does not is an error at its action's place, not a line the session refuses later.
bool CheckActionPicks(const std::vector<ScriptedAction>& actions, const Picks& picks, const std::string& path,
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
  /// @brief One step as RunToEnd takes it: the actions due, the step, what it did (its answers returned).
  std::vector<session::Answer> StepOnce();
  /// @brief A scripted action given while the drill runs (a client of the class server): it is
  /// submitted at the step where RunToEnd would submit it, so the run is the same as `drill run`'s.
  /// An action earlier than the last one queued waits for it (their order is kept). Returns when it goes in.
  double Queue(ScriptedAction action);
  /// @brief Whether the drill has run its length (or ended).
  bool Over() const;

  DrillResult Result() const;
  /// @brief The assist level of this run (the drill's, or --assist, or the instructor's): timed hints
  /// show only when guided.
  void SetAssist(Assist assist) { m_result.assist = assist; }

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
  bool ObjectiveHolds(std::size_t k, const session::Snapshot& snap, double good);
  void ChargeCollateral(const session::Snapshot& snap);
  void NoteIncidentStart(const session::AppliedCommand& c);
  void ShowHintOnRequest(const std::string& objective, double at, session::Seat seat);
  void JudgeTickets(DrillResult& r) const;
  std::set<std::string> ObjectiveElements(const Objective& o) const;
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
  // Collateral: an action watched while it converges, then the service it cut charged by the minute.
  struct CollateralWatch {
    double until;
    std::string command;
    std::shared_ptr<const std::vector<std::uint8_t>> reachableBefore;
    int lostBefore;
    bool scenarioActed;  // an inject acted meanwhile: what was cut is not the trainee's
    session::Seat seat;
  };
  std::vector<CollateralWatch> m_collateralWatch;
  struct CollateralOpen {
    std::size_t charge;                 // index into m_result.collateral
    std::vector<std::size_t> sites;     // still cut off
    int lostBefore;
  };
  std::vector<CollateralOpen> m_collateralOpen;
  std::shared_ptr<const std::vector<std::uint8_t>> m_lastReachable;
  int m_lastLost = 0;
  std::vector<bool> m_outcomeBroken;
  std::optional<double> m_firstInjectAt;
  std::optional<double> m_lastOtherActAt;  // the last inject or instructor action (collateral attribution)  // the first fault of the drill: objectives about nothing it names start then  // per objective: its state outcomes were all false after its start
  int m_lastUnreachable = 0;
  session::AlarmSeverity m_incidentSeverity = session::AlarmSeverity::Warning;  // the worst root alarm so far
  double m_lastSampleAt = -1.0;
  std::optional<double> m_lastKpiGood;
};

/// @brief When an event fires if only the clock triggers it (`at`, plus its
/// delay); nullopt when it waits on the trainee, a command or a KPI.
std::optional<double> ClockDueTime(const Event& event);

/// @brief Why a trainee's command is refused for going faster than the drill's max_speed, or nullopt
/// (an instructor runs the clock at any pace): the console and the class server both ask this.
std::optional<std::string> SpeedLimitRefusal(const Drill& drill, const session::Command& command);

/// @brief The JSON of a result (what `drill run --json` prints and the report shows).
std::string ResultJson(const DrillResult& result);

}  // namespace netdrill::drill
