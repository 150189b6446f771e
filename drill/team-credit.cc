#include "drill/team-credit.h"

#include <algorithm>
#include <set>

namespace netdrill::drill {

std::optional<session::Verb> CreditingVerb(Task task) {
  switch (task) {
    case Task::Ack:
      return session::Verb::AlarmAck;
    case Task::Declare:
      return session::Verb::DeclareCause;
    case Task::Ticket:
      return session::Verb::TicketOpen;
    case Task::Message:
      return session::Verb::Message;
    case Task::Restore:
    case Task::Action:
      return session::Verb::Action;
    case Task::Order:
      return std::nullopt;
  }
  return std::nullopt;
}

session::Seat CreditedSeat(Task task, double metAt, const std::vector<session::AppliedCommand>& applied) {
  const auto verb = CreditingVerb(task);
  if (!verb) return session::Seat::None;
  session::Seat seat = session::Seat::None;
  for (const session::AppliedCommand& c : applied) {
    if (c.at > metAt + 1e-9) break;  // applied in time order
    if (c.role == session::Role::Trainee && c.verb == *verb) seat = c.seat;
  }
  return seat;
}

std::vector<SeatResult> TeamCredit(const Drill& drill, DrillResult& result,
                                   const std::vector<session::AppliedCommand>& applied, const session::AlarmList& alarms,
                                   const twin::Twin& twin) {
  std::vector<SeatResult> seats;
  for (const session::Seat seat : drill.seats) seats.push_back(SeatResult{seat, 0, 0, 0, {}, 0, {}});
  auto of = [&](session::Seat seat) -> SeatResult* {
    for (SeatResult& s : seats) {
      if (s.seat == seat) return &s;
    }
    return nullptr;  // the team's own (an order, a timed hint) or no seat
  };
  for (ObjectiveResult& o : result.objectives) {
    if (!o.metAt) continue;
    o.metBy = CreditedSeat(o.task, *o.metAt, applied);
    if (SeatResult* s = of(o.metBy)) {
      s->points += o.points;
      s->objectivesMet.push_back(o.id);
    }
    if (o.hintShown) {
      if (SeatResult* s = of(o.hintBy)) s->costs += o.hintCost;
    }
  }
  for (const DeclarationResult& d : result.declarations) {
    if (SeatResult* s = of(d.seat)) s->costs += d.cost;
  }
  for (const BlindChange& b : result.blindChanges) {
    if (SeatResult* s = of(b.seat)) s->costs += b.cost;
  }
  // Collateral is capped for the drill as a whole: each seat's share scaled to the cap.
  double collateralTotal = 0.0;
  for (const CollateralCharge& c : result.collateral) collateralTotal += c.cost;
  const double scale = collateralTotal > 0 ? result.collateralCosts / collateralTotal : 0.0;
  for (const CollateralCharge& c : result.collateral) {
    if (SeatResult* s = of(c.seat)) s->costs += c.cost * scale;
  }
  for (const session::AppliedCommand& c : applied) {
    if (c.role != session::Role::Trainee) continue;
    if (SeatResult* s = of(c.seat)) ++s->commands;
  }
  for (SeatResult& s : seats) {
    std::set<std::string> seen;
    for (const session::Alarm& a : alarms.Alarms()) {
      if (session::SeatSeesAlarm(s.seat, a, twin)) seen.insert(a.resource);
    }
    s.alarmsSeen.assign(seen.begin(), seen.end());
    s.contribution = s.points - s.costs;
  }
  return seats;
}

std::vector<TeamTicket> TeamTickets(const Drill& drill, const std::vector<session::Ticket>& tickets,
                                    const std::vector<session::AppliedCommand>& applied) {
  std::vector<TeamTicket> out;
  for (const session::Ticket& t : tickets) {
    std::set<session::Seat> wrote;
    if (t.seat != session::Seat::None) wrote.insert(t.seat);
    for (const session::AppliedCommand& c : applied) {
      const auto* update = std::get_if<session::cmd::UpdateTicket>(&c.args);
      if (update && update->ticket == t.id && c.seat != session::Seat::None) wrote.insert(c.seat);
    }
    TeamTicket team{t.id, t.seat, {}};
    for (const session::Seat seat : drill.seats) {
      if (wrote.count(seat)) team.seats.push_back(seat);
    }
    out.push_back(std::move(team));
  }
  return out;
}

}  // namespace netdrill::drill
