// A drill as instructors write it (scenarios/*.yaml), read and checked: the
// network it runs on, seeded picks, the timeline of injects and the
// conditions that trigger more, the objectives with weights, deadlines and
// hints, penalties, and a steady state checked before, during and after.
// No ns-3 and no GL: the validator runs anywhere. docs/scenario-reference.md
// documents every key.
#pragma once

#include "session/alarms.h"
#include "session/fault-spec.h"
#include "session/seat.h"
#include "twin/diagnostics.h"
#include "twin/model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::drill {

/// @brief Text in both languages; `en` falls back to `vi` when missing.
struct Text {
  std::string vi;
  std::string en;
  const std::string& In(const std::string& lang) const { return lang == "en" && !en.empty() ? en : vi; }
};

/// @brief A seeded choice: one (or `count`) of the candidates that match.
struct Pick {
  std::string id;
  enum class Kind { Site, Link } kind = Kind::Site;
  std::string level;                ///< site: its level; link: the lower end's level
  std::string upperLevel;           ///< link: the upper end's level ("" any)
  std::vector<std::string> among;   ///< site: names or ids to choose from ("" any)
  std::string within;               ///< a province (a name, an id, or another pick) to choose inside
  bool singleHomed = false;         ///< link: the lower end has no other primary uplink
  bool hasBackup = false;           ///< site / link's lower end: has a standby backup link
  int count = 1;
  std::string file;  ///< where it is written
  twin::SourceLoc loc;
};

/// @brief What starts an inject or a hint besides the clock.
struct Trigger {
  std::optional<double> atS;            ///< at this time
  std::string notDone;                  ///< ... if this objective is not met by then
  std::string command;                  ///< when the trainee gives a command starting so (after substitution)
  std::string kpi;                      ///< when a KPI crosses: "conference_good_pct", "sites_unreachable"
  std::optional<double> below, above;
};

struct Event {
  Trigger when;
  double delayS = 0.0;     ///< after the trigger
  std::string command;     ///< an inject in the session's grammar, {pick} substituted
  std::optional<Text> caller;  ///< a caller's message ...
  std::string callerSite;      ///< ... from this site
  std::string hint;            ///< shows this objective's hint
  std::string file;            ///< where it is written (the drill, or a fragment it includes)
  twin::SourceLoc loc;
};

struct Hint {
  Text text;
  double afterS = 0.0;  ///< shown this long after the drill starts if the objective is not met (0: only on request)
  double cost = 0.0;    ///< points off when shown
};

/// @brief What an objective asks of the trainee (its `task:` word in the drill file).
enum class Task : std::uint8_t { Ack, Declare, Restore, Ticket, Message, Action, Order };
/// @brief The tasks and their words: "ack", "declare", "restore", "ticket", "message", "action", "order".
const std::vector<std::pair<std::string, Task>>& TaskWords();
const char* TaskName(Task task);

/// @brief A state of the network an action objective asks for, checked by the runtime
/// whatever command brought it about (`outcome:`, or one of `any_of:`).
enum class OutcomeKind : std::uint8_t {
  AttackBelow,         ///< attack_toward: SITE (below_mbps: N, default 0): the attack traffic toward it below N
  CostImplied,         ///< cost_implied: LINK: its IGP cost back to its designed one (as built: set, or implied)
  McuServing,          ///< mcu_serving: SITE: its MCU serving
  BranchMoved,         ///< branch_moved: SITE: its conference branch moved to another MCU
  ConferenceGood,      ///< conference_good_pct: N: the conference's good endpoints at N % or more
  LeakWithdrawn,       ///< no_leak: ROUTER: it announces no leaked block
  BlackholeWithdrawn,  ///< no_blackhole: ROUTER: it holds no route to nowhere
  HostIsolated,        ///< isolated: SITE: its hosts were isolated (not merely filtered) and send no attack traffic
  LinkLit,             ///< link_lit: LINK or ROUTE: every link of it lit
  TeamSent,            ///< team_sent: LINK or ROUTE: a field team sent to one of its cut links (or all lit)
  SitesReachable,      ///< reachable: [SITE, ...]: every one reaches the core
  Powered,             ///< powered: SITE: it runs on its mains or its generator (not its battery, not dark)
  VrfLeakWithdrawn,    ///< no_vrf_leak: ROUTER: it imports no other agency's VPN routes
  ManagementLocked,    ///< mgmt_locked: ROUTER: an intruder's management session closed out
  Prioritised,         ///< prioritised: SITE: its conference streams ahead of the queue
  Command,             ///< command: "PREFIX": a trainee command starting so (the last resort)
};
/// @brief Whether an outcome is something done (a command, a team sent) rather than a state:
/// done counts once it happens; a state counts when it was not so after the objective's start, then is.
bool IsDoneOutcome(OutcomeKind kind);
/// @brief The outcome words as drills write them: "attack_toward", "cost_implied", ...
const std::vector<std::pair<std::string, OutcomeKind>>& OutcomeWords();
const char* OutcomeName(OutcomeKind kind);

struct Outcome {
  OutcomeKind kind = OutcomeKind::Command;
  std::string element;             ///< the site, link, route or router ({pick} substituted at run time)
  std::vector<std::string> sites;  ///< reachable
  double value = 0.0;              ///< attack_toward: below_mbps; conference_good_pct: the percentage
  std::string command;             ///< command: the prefix
  twin::SourceLoc loc;
};

/// @brief Who a drill helps and how much (`assist:`): guided shows everything (live ticks,
/// hints, the procedure, offered actions, root-cause folding); standard shows the objectives'
/// briefs, no ticks, hints only on request; exam shows no hints, no procedure, no offered
/// actions and the raw alarms.
enum class Assist : std::uint8_t { Guided, Standard, Exam };
const std::vector<std::pair<std::string, Assist>>& AssistWords();
const char* AssistName(Assist assist);
std::optional<Assist> ParseAssist(const std::string& word);

/// @brief What the console shows and does at an assist level: the one rule every layer asks
/// (the runtime for hints, the console's panels, the host's offered actions).
struct AssistRules {
  bool instructorTitles = true;  ///< objectives under the instructor's titles (else their briefs)
  bool liveTicks = true;         ///< objectives tick as they are met
  bool timedHints = true;        ///< hints show by themselves after their time
  bool hintsOnRequest = true;    ///< the trainee may ask for a hint (`hint`), at its cost
  bool procedure = true;         ///< the step-by-step procedure
  bool offeredActions = true;    ///< the actions the console offers for an element
  bool rootCauseFolding = true;  ///< impacted alarms folded under their root
};
AssistRules RulesOf(Assist assist);

struct Objective {
  std::string id;
  Text title;  ///< the instructor's title (the debrief and the report); it may name the answer
  /// What the trainee's console shows at standard and exam ("Find the cause"); unset, a neutral
  /// title from the task (ObjectiveBrief).
  std::optional<Text> brief;
  std::string incident;  ///< groups objectives in a multi-incident drill ("" : the one incident)
  /// ack: acknowledge an alarm on `target`; declare: declare `target` as the cause;
  /// restore: every site of `sites` reachable (and the conference at `conferencePct`) after `afterS`;
  /// ticket: a ticket of `severity` or worse; message: a message to `target` (or any site);
  /// action: a command starting with `command`.
  Task task = Task::Ack;
  std::string target;
  std::vector<std::string> sites;
  std::optional<double> conferencePct;
  /// ticket: the severity expected; unset, the highest perceived severity of the incident's root alarms
  /// (session/severity.h) when the ticket is opened. Each level over or under costs the drill's escalation cost.
  std::optional<session::AlarmSeverity> severity;
  std::string command;
  /// action: met when any of these outcomes holds (a state that was not so after `after`, then is);
  /// `command:` alone is the outcome "command" (a typed-prefix match, the last resort).
  std::vector<Outcome> anyOf;
  /// restore and action: met only if it still holds at the end (no relapse); a relapse unmeets it.
  bool stay = false;
  /// ticket: it must name this element or site (id, code or name, with or without diacritics); else half.
  std::string names;
  /// ticket: it must give the impact (a number of sites or endpoints within a factor 2 of the truth); else half.
  bool impact = false;
  double afterS = 0.0;
  double byS = 0.0;
  double weight = 0.0;
  std::optional<Hint> hint;
  std::string step;  ///< the procedure's step it stands for: "fibre-cut/3"
  /// declare and action: full points only with evidence, a diagnose command (ping, traceroute, show) after `after`
  /// and before the declaration that looked at the target; without it, half.
  bool evidence = false;
  /// order: met when objective `first` was met no later than objective `then` (priorities respected).
  std::string first, then;
  std::string file;  ///< where it is written (the drill, or a fragment it includes)
  twin::SourceLoc loc;
};

struct Penalty {
  std::string task;  ///< "worsen": an action after which more sites are cut off than before it
  double points = 0.0;
};

/// @brief What service a trainee's action cuts costs (`collateral:`): by the minute, for each site
/// reachable before the action and cut off once it converged, and each conference endpoint it lost.
struct Collateral {
  double perSiteMinute = 0.5;
  double perEndpointMinute = 0.02;
  double max = 50.0;
};

struct SteadyCheck {
  std::string kpi;  ///< conference_good_pct, sites_unreachable, provinces_unreachable
  std::optional<double> min, max;
};

struct Drill {
  std::string file;
  std::string id;
  Text title, briefing, audience;
  std::string difficulty = "medium";
  double durationS = 0.0;
  std::string clock;          ///< "08:00": the time of day at the start
  std::string network;        ///< a preset, or "file:PATH" (resolved next to the drill)
  twin::SourceLoc networkLoc;  ///< where `network:` is written
  twin::SourceLoc conferenceLoc;  ///< where `conference:` is written
  std::string fidelity = "hybrid";
  double maxSpeed = 10.0;     ///< the trainee's speed limit
  std::string conference;     ///< a profile: the conference runs from the start
  bool vpn = false;
  std::string procedure;      ///< scenarios/procedures/<id>.yaml
  /// wrong_cost: points off for each declaration that names no declare objective's target
  /// (unset: a third of the weight of the drill's first declare objective).
  std::optional<double> wrongCost;
  /// escalation_cost: points off a ticket objective for each severity level its ticket is
  /// over or under the expected one (unset: half the objective's weight).
  std::optional<double> escalationCost;
  /// blind_cost: points off each restoration aimed at nothing to restore (unset: 5).
  std::optional<double> blindCost;
  Collateral collateral;
  /// field_teams: the field teams at each province centre (docs/assumptions.md); `dispatch` queues when all are busy.
  int fieldTeams = 2;
  /// assist: how much the console helps (a run's --assist and a class's instructor override it).
  Assist assist = Assist::Guided;
  /// repairs_finish: false when the repairs cannot finish in the drill's time (a storm's fibre
  /// needs hours): the steady state may stay broken at the end without cost, and the report
  /// says what was left. True: each steady-state check broken at the end costs `unresolved_cost`.
  bool repairsFinish = true;
  double unresolvedCost = 20.0;
  /// team: {seats: [...]}: a team drill, one session for several trainees, each at a seat seeing
  /// its region's alarms (session/seat.h), the tickets shared, scored as a team and per seat.
  std::vector<session::Seat> seats;
  std::vector<Pick> picks;
  std::vector<SteadyCheck> steadyState;
  std::vector<Event> events;
  std::vector<Objective> objectives;
  std::vector<Penalty> penalties;
  std::vector<std::string> includes;  ///< the fragments read, as written
};

/// @brief What the trainee's console shows for an objective at standard and exam: its `brief`, or a
/// neutral title from its task ("Find the cause", "Restore service") that names no answer.
Text ObjectiveBrief(const Objective& objective);

/// @brief The skill an objective measures, for the trend: detect (ack), diagnose (declare),
/// restore (restore, action, order), communicate (ticket, message).
const char* SkillOf(Task task);

/// @brief What each wrong declaration costs: `wrong_cost`, or a third of the first declare objective's weight.
double WrongDeclarationCost(const Drill& drill);

/// @brief Reads a drill; checks shapes, keys, times and weights (every problem at once).
std::optional<Drill> LoadDrill(const std::string& path, twin::Diagnostics& diags);
std::optional<Drill> ParseDrill(const std::string& text, const std::string& file, twin::Diagnostics& diags);

/// @brief The twin a drill runs on (a preset, or a file next to it).
std::optional<twin::Twin> DrillTwin(const Drill& drill, twin::Diagnostics& diags);

/// @brief The picks made for a seed: pick id -> element ids (one, or `count`).
using Picks = std::map<std::string, std::vector<std::string>>;
/// @brief Makes the seeded choices against the twin; reports picks that have
/// too few candidates and names that are not in the twin (with suggestions); with `warnFixed`
/// (drill check), warns of a pick with no choice at all (every seed the same).
std::optional<Picks> MakePicks(const Drill& drill, const twin::Twin& twin, std::uint64_t seed, twin::Diagnostics& diags,
                               bool warnFixed = false);

/// @brief "{uplink}" -> the pick's element id; "{hit[1]}" -> the second one. Unknown references are left as they are.
std::string Substitute(const std::string& text, const Picks& picks);
/// @brief The first {reference} in `text` that names no pick (or is past its count), or nullopt.
std::optional<std::string> UnresolvedReference(const std::string& text, const Picks& picks);

/// @brief The elements a fault acts on: its links (their routes and both ends' sites), its routers
/// and their sites, its site and the site it aims at. An objective about one of them starts then.
std::vector<std::string> ElementsActedOn(const session::FaultSpec& fault, const twin::Twin& twin);

/// @brief The checks that need the twin: places, references to picks, commands
/// that parse, objectives that something in the drill can satisfy.
void CheckAgainstTwin(const Drill& drill, const twin::Twin& twin, twin::Diagnostics& diags);

}  // namespace netdrill::drill
