// A team drill's seats on the class server: who sits where, and whose turn it
// is to move the shared clock. People's seats (a paced session) act whenever
// they like on the server's clock. Scripted seats each play their own actions
// file; so that the team's run is the one `drill run` plays from the merged
// file, the clock moves only when every seat has joined and none is acting,
// to the earliest time a seat waits for (ties in the drill's seat order), and
// only that seat goes on. No gRPC here: the server holds it under the session's lock.
#pragma once

#include "session/seat.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::server {

struct SeatMember {
  session::Seat seat = session::Seat::None;
  std::string trainee;
  std::string token;
  std::optional<double> want;  ///< waiting for the clock to reach this (a scripted seat's Advance)
  bool finished = false;       ///< its actions are all in
  int submitted = 0;           ///< its commands the session has taken
  std::vector<std::string> commands;
  std::string lastAction;
};

class TeamSeats {
public:
  TeamSeats(std::string team, std::vector<session::Seat> seats);

  const std::string& Team() const { return m_team; }
  const std::vector<session::Seat>& Seats() const { return m_seats; }

  /// @brief Seats a trainee; "" when done, else why not (not one of the drill's seats, taken).
  std::string Join(session::Seat seat, const std::string& trainee, const std::string& token);
  SeatMember* Member(session::Seat seat);
  const std::vector<SeatMember>& Members() const { return m_members; }
  bool AllJoined() const { return m_members.size() == m_seats.size(); }
  bool AllFinished() const;
  /// @brief The seats not joined yet, by their words ("noc-central, field"), for a message.
  std::string Missing() const;

  /// @brief The scripted seat whose turn it is to move the clock: none while a seat is missing or one is
  /// acting (neither waiting nor finished); else the waiting seat with the earliest time, ties in the
  /// drill's seat order.
  std::optional<session::Seat> Next() const;

private:
  int Order(session::Seat seat) const;
  std::string m_team;
  std::vector<session::Seat> m_seats;
  std::vector<SeatMember> m_members;
};

}  // namespace netdrill::server
