#include "server/team-seats.h"

#include <algorithm>

namespace netdrill::server {

TeamSeats::TeamSeats(std::string team, std::vector<session::Seat> seats) : m_team(std::move(team)), m_seats(std::move(seats)) {}

int TeamSeats::Order(session::Seat seat) const {
  const auto it = std::find(m_seats.begin(), m_seats.end(), seat);
  return it == m_seats.end() ? -1 : static_cast<int>(it - m_seats.begin());
}

std::string TeamSeats::Join(session::Seat seat, const std::string& trainee, const std::string& token) {
  if (Order(seat) < 0) {
    std::string seats;
    for (const session::Seat s : m_seats) seats += (seats.empty() ? "" : ", ") + std::string(session::SeatName(s));
    return "the drill's seats are " + seats;
  }
  for (const SeatMember& m : m_members) {
    if (m.seat == seat) return "the seat " + std::string(session::SeatName(seat)) + " of team \"" + m_team + "\" is taken by " + m.trainee;
  }
  SeatMember member;
  member.seat = seat;
  member.trainee = trainee;
  member.token = token;
  m_members.push_back(std::move(member));
  return "";
}

SeatMember* TeamSeats::Member(session::Seat seat) {
  for (SeatMember& m : m_members) {
    if (m.seat == seat) return &m;
  }
  return nullptr;
}

bool TeamSeats::AllFinished() const {
  return AllJoined() && std::all_of(m_members.begin(), m_members.end(), [](const SeatMember& m) { return m.finished; });
}

std::string TeamSeats::Missing() const {
  std::string out;
  for (const session::Seat s : m_seats) {
    const bool joined = std::any_of(m_members.begin(), m_members.end(), [&](const SeatMember& m) { return m.seat == s; });
    if (!joined) out += (out.empty() ? "" : ", ") + std::string(session::SeatName(s));
  }
  return out;
}

std::optional<session::Seat> TeamSeats::Next() const {
  if (!AllJoined()) return std::nullopt;
  const SeatMember* next = nullptr;
  for (const SeatMember& m : m_members) {
    if (m.finished) continue;
    if (!m.want) return std::nullopt;  // acting: the clock waits for it
    if (!next || *m.want < *next->want || (*m.want == *next->want && Order(m.seat) < Order(next->seat))) next = &m;
  }
  return next ? std::optional<session::Seat>(next->seat) : std::nullopt;
}

}  // namespace netdrill::server
