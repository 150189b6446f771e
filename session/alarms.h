// The alarm list, after RFC 8632 (YANG alarm management) and X.733: an alarm
// is one (resource, type, qualifier); it is raised, changes severity, clears;
// its status history is kept; an operator acknowledges, shelves or closes it.
// Root-cause suppression: a condition names the resources whose failure
// explains it; while one of those has an alarm of its own, this alarm is an
// impacted one, folded under that root. No ns-3 here: the session feeds it.
#pragma once

#include "session/role.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace netdrill::session {

/// @brief X.733 / RFC 8632 perceived severity, least to most severe: alarms,
/// tickets and scoring share it.
enum class AlarmSeverity : std::uint8_t { Cleared, Indeterminate, Warning, Minor, Major, Critical };
const char* SeverityName(AlarmSeverity s);
/// @brief "critical", "major", "minor" or "warning" (what a ticket or an objective may name).
std::optional<AlarmSeverity> ParseSeverity(std::string_view text);

enum class OperatorState : std::uint8_t { None, Ack, Shelved, Closed };
const char* OperatorStateName(OperatorState s);

/// @brief What the network shows now: one condition per (resource, type, qualifier).
struct AlarmCondition {
  std::string resource;   ///< an element id: "commune:00001--district:001", "province:46/r1", "province:46"
  std::string type;       ///< "link-down", "node-down", "unreachable", "congestion", ...
  std::string qualifier;  ///< "" or what tells two alarms of one type apart
  AlarmSeverity severity = AlarmSeverity::Major;
  std::string text;       ///< what an operator reads (English; the console words it in its language from `args`)
  std::vector<std::string> args;  ///< the values the text quotes, in order (docs/alarm-types.md lists them per type)
  /// Resources whose failure explains it (empty: none modelled): "province:44" (any of its
  /// alarms), or "province:44#battery-exhausted" (that one alarm, even on the alarm's own resource).
  std::vector<std::string> rootCauses;
  double raiseAfterS = 0.0;  ///< the condition must hold this long before the alarm is raised
  double clearAfterS = 0.0;  ///< ... and be gone this long before it clears (no flapping)
};

struct AlarmStatusChange {
  double at = 0.0;
  AlarmSeverity severity = AlarmSeverity::Major;
  std::string text;
};

struct OperatorAction {
  double at = 0.0;
  OperatorState state = OperatorState::None;
  Role by = Role::Trainee;
};

struct Alarm {
  std::string id;  ///< "A-17"
  std::string resource;
  std::string type;
  std::string qualifier;
  AlarmSeverity severity = AlarmSeverity::Major;  ///< Cleared once cleared
  std::string text;
  std::vector<std::string> args;  ///< as the condition says
  double raisedAt = 0.0;
  double changedAt = 0.0;
  std::optional<double> clearedAt;
  std::vector<AlarmStatusChange> history;
  OperatorState operatorState = OperatorState::None;
  std::vector<OperatorAction> operatorHistory;
  std::vector<std::string> rootCauses;  ///< as the condition says
  bool isRoot = true;                   ///< no active alarm on any of its root causes
  std::vector<std::string> impacted;    ///< a root's impacted alarms (ids), while active
  bool Active() const { return !clearedAt.has_value(); }
};

class AlarmList {
public:
  /// @brief The conditions that hold at `now` (all of them: one missing is gone).
  /// Raises, changes and clears alarms with the conditions' delays, then works
  /// out roots and impacted alarms.
  void Update(double now, const std::vector<AlarmCondition>& conditions);

  /// @brief An operator's action on an alarm; an error line when it cannot be done.
  std::string SetOperatorState(const std::string& id, OperatorState state, Role by, double now);

  const std::vector<Alarm>& Alarms() const { return m_alarms; }
  const Alarm* Find(const std::string& id) const;
  /// @brief Active alarms that are roots, most severe first, then oldest.
  std::vector<const Alarm*> ActiveRoots() const;
  std::size_t ActiveCount() const;
  /// @brief Whether (resource, type, qualifier) has an active alarm: for hysteresis in the rules.
  bool IsActive(const std::string& resource, const std::string& type, const std::string& qualifier = {}) const;
  /// @brief Moves on at every update and operator action: what was read at one version still holds.
  std::uint64_t Version() const { return m_version; }

private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::vector<Alarm> m_alarms;
  std::map<Key, std::size_t> m_active;   ///< key -> alarm index, while active
  std::map<Key, double> m_seenSince;     ///< conditions not yet raised: since when they hold
  std::map<Key, double> m_goneSince;     ///< active alarms whose condition is gone: since when
  std::map<Key, double> m_clearDelay;    ///< each condition's clear delay, as it last said
  int m_next = 1;
  std::uint64_t m_version = 0;
};

}  // namespace netdrill::session
