// The diagnose commands' answers, printed as a router or an NMS would print
// them, from the engine's model (its routes, link states and loads). Ping
// alone is measured by real probe packets; the session collects them.
#pragma once

#include "session/alarms.h"
#include "session/seat.h"
#include "session/network-model.h"
#include "twin/name-index.h"

#include <string>

namespace netdrill::session {

/// @brief Simulated time as a clock: "01:02:03".
std::string FormatClock(double seconds);

/// @brief A router's name as people write it: "Huế (province:46/r1)".
std::string NodeLabel(const twin::Twin& twin, twin::NodeId node);

std::string PingReport(const NetworkModel& network, twin::NodeId from, twin::NodeId to, const PingStats& stats,
                       int count);
std::string TracerouteReport(const NetworkModel& network, twin::NodeId from, twin::NodeId to);
/// @brief `interface` 0: every interface of the router; N: the Nth (1-based, in link order).
std::string InterfaceReport(const NetworkModel& network, twin::NodeId node, int interface, std::string& error);
/// @brief `destination` "": the router's routes, one per area and one per router of its own area;
/// else a site, a router or an address, and the route that serves it.
std::string RouteReport(const NetworkModel& network, twin::NodeId node, const std::string& destination,
                        const twin::NameIndex& names, std::string& error);
/// @brief The alarm list as `show alarms` prints it, for a seat's view (SeatSeesAlarm; Seat::None: every alarm).
std::string AlarmsReport(const AlarmList& alarms, const twin::Twin& twin, Seat seat = Seat::None);
/// @brief The field teams (of `province` only, when given): on duty or not, idle or on a job with its ETA.
std::string TeamsReport(const std::vector<twin::FieldTeam>& teams, const twin::Twin& twin, const std::string& province,
                        double now);
/// @brief The whole conference by province, or one province's sites.
std::string ConferenceReport(const NetworkModel& network, twin::SiteId province);

}  // namespace netdrill::session
