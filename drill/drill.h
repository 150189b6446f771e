// A drill as instructors write it (scenarios/*.yaml), read and checked: the
// network it runs on, seeded picks, the timeline of injects and the
// conditions that trigger more, the objectives with weights, deadlines and
// hints, penalties, and a steady state checked before, during and after.
// No ns-3 and no GL: the validator runs anywhere. docs/scenario-reference.md
// documents every key.
#pragma once

#include "session/alarms.h"
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

struct Objective {
  std::string id;
  Text title;
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
  double afterS = 0.0;
  double byS = 0.0;
  double weight = 0.0;
  std::optional<Hint> hint;
  std::string step;  ///< the procedure's step it stands for: "fibre-cut/3"
  /// declare: full points only with evidence, a diagnose command (ping, traceroute, show) after `after`
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
  std::vector<Pick> picks;
  std::vector<SteadyCheck> steadyState;
  std::vector<Event> events;
  std::vector<Objective> objectives;
  std::vector<Penalty> penalties;
  std::vector<std::string> includes;  ///< the fragments read, as written
};

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
/// too few candidates and names that are not in the twin (with suggestions).
std::optional<Picks> MakePicks(const Drill& drill, const twin::Twin& twin, std::uint64_t seed, twin::Diagnostics& diags);

/// @brief "{uplink}" -> the pick's element id; "{hit[1]}" -> the second one. Unknown references are left as they are.
std::string Substitute(const std::string& text, const Picks& picks);

/// @brief The checks that need the twin: places, references to picks, commands
/// that parse, objectives that something in the drill can satisfy.
void CheckAgainstTwin(const Drill& drill, const twin::Twin& twin, twin::Diagnostics& diags);

}  // namespace netdrill::drill
