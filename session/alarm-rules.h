// What the alarm list is fed: the conditions the network shows now, read from
// the network model, with the thresholds and hysteresis of docs/assumptions.md
// ("Alarm thresholds"), and the resources whose failure explains each symptom
// (the topology says which).
#pragma once

#include "session/alarms.h"
#include "session/network-model.h"

#include <vector>

namespace netdrill::session {

/// @brief Every condition that holds now. `current` gives the hysteresis: a
/// congestion alarm already raised holds down to 80 % utilisation.
std::vector<AlarmCondition> AlarmConditions(const NetworkModel& network, const AlarmList& current);

}  // namespace netdrill::session
