// Outcomes: the states of the network an action objective asks for, checked
// on the session's network whatever command brought them about (rate-limit as
// well as filter, moving a conference branch as well as restarting the MCU).
#pragma once

#include "drill/drill.h"
#include "session/session.h"

#include <string>
#include <vector>

namespace netdrill::drill {

/// @brief Whether the outcome holds now on the session's network (a done outcome: it happened at or after `fromS`).
bool OutcomeHolds(const Outcome& outcome, const Picks& picks, const session::Session& session, double fromS);

/// @brief The elements an outcome is about (the ids a diagnose command must have looked at for evidence).
std::vector<std::string> OutcomeElements(const Outcome& outcome, const Picks& picks, const twin::Twin& twin);

/// @brief The outcome as a line of the report: "attack toward province:44 below 0 Mbit/s".
std::string DescribeOutcome(const Outcome& outcome, const Picks& picks);

}  // namespace netdrill::drill
