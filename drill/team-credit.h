// A team drill's score per seat: which seat met each objective and which
// seat's commands cost what, summed for each seat, with what its alarm view
// showed. The team's score is the drill's own (drill-run.h); each seat's
// contribution is the part of it the seat earned or lost.
#pragma once

#include "drill/drill-run.h"
#include "session/alarms.h"
#include "session/session.h"
#include "twin/model.h"

#include <optional>
#include <vector>

namespace netdrill::drill {

/// @brief The verb whose command meets an objective of this task (ack: an ack, declare: a declaration,
/// ticket: a ticket opened, message: a message, restore and action: a restoration); nullopt for order,
/// which the team meets as a whole.
std::optional<session::Verb> CreditingVerb(Task task);

/// @brief The seat credited with an objective met at `metAt`: the seat of the last trainee command of
/// CreditingVerb(task) applied at or before it (None when there is none, or for an order).
session::Seat CreditedSeat(Task task, double metAt, const std::vector<session::AppliedCommand>& applied);

/// @brief Each of the drill's seats, in its order: the objectives credited to it, the costs its commands
/// incurred (wrong declarations, blind changes, collateral, hints it asked for), its commands, and the
/// alarms its view showed. Also sets each met objective's `metBy`.
std::vector<SeatResult> TeamCredit(const Drill& drill, DrillResult& result,
                                   const std::vector<session::AppliedCommand>& applied, const session::AlarmList& alarms,
                                   const twin::Twin& twin);

/// @brief The team's tickets: who opened each and every seat that opened, noted or closed it.
std::vector<TeamTicket> TeamTickets(const Drill& drill, const std::vector<session::Ticket>& tickets,
                                    const std::vector<session::AppliedCommand>& applied);

}  // namespace netdrill::drill
