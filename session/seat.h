// A team drill's seats: several people on one session with one clock, each
// at a desk of the real department (the NOCs of the north, centre and south,
// and the field-team coordinator). "Role" stays who may give a command
// (trainee, instructor, scenario); the seat is where a trainee sits, what
// their alarm view shows, and whose score a command counts to. Typed inside;
// the words ("noc-north") live at the edges. No ns-3.
#pragma once

#include "session/alarms.h"
#include "twin/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netdrill::session {

/// @brief None: a drill of one's own (every alarm, every score is the trainee's).
enum class Seat : std::uint8_t { None, NocNorth, NocCentral, NocSouth, Field };

/// @brief The seats and their words: "noc-north", "noc-central", "noc-south", "field".
const std::vector<std::pair<std::string, Seat>>& SeatWords();
/// @brief The seat's word ("" for None).
const char* SeatName(Seat seat);
/// @brief A seat from its word; nullopt for anything else ("" is not a seat either).
std::optional<Seat> ParseSeat(std::string_view word);
/// @brief "noc-north|noc-central|noc-south|field", for messages and help.
std::string SeatChoices();

/// @brief The region a NOC seat watches (None for the field seat and for no seat).
twin::Region RegionOfSeat(Seat seat);

/// @brief The regions an element stands in: a site's, a router's site's, both ends of a link,
/// every link of a shared-risk group; none when the twin does not know it (a conference-wide
/// alarm). An alarm's resource is one of those ids (a province's "province:44#..." qualifier aside).
std::vector<twin::Region> RegionsOfResource(const twin::Twin& twin, std::string_view resource);

/// @brief Whether an alarm is one a field team deals with: the plant (fibre, routers, power), not
/// routing, traffic, security or the conference.
bool IsFieldAlarm(const Alarm& alarm);

/// @brief The one rule for what a seat's alarm view shows (the session's `show alarms`, the class
/// server's snapshots, a team result's "alarms_seen"): no seat, everything; a NOC, the alarms of its
/// region and those of no region; the field coordinator, the plant's alarms everywhere.
/// `show alarms all` shows every alarm to any seat.
bool SeatSeesAlarm(Seat seat, const Alarm& alarm, const twin::Twin& twin);

}  // namespace netdrill::session
