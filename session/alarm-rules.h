// What the alarm list is fed: the conditions the network shows now, read from
// the engine, with domain.md's thresholds, hysteresis, and the resources whose
// failure explains each symptom (the topology says which).
#pragma once

#include "sim/alarms.h"
#include "sim/engine.h"

#include <vector>

namespace netdrill::sim {

/// @brief Every condition that holds now. `current` gives the hysteresis: a
/// congestion alarm already raised holds down to 80 % utilisation.
std::vector<AlarmCondition> AlarmConditions(const Engine& engine, const AlarmList& current);

}  // namespace netdrill::sim
