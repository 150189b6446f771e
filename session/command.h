// The session's commands: one typed set, one text grammar, used everywhere a
// person or a scenario acts on the network (the session's stdin, the console,
// scripted actions, the journal). Each command says who may give it.
//
//   ping SITE [COUNT]              traceroute SITE
//   show interface NODE[/IF]       show route NODE [DEST]
//   show alarms                    show conference [PROVINCE]
//   show tickets                   declare cause ELEMENT
//   ack|shelve|unshelve|close A-N  ticket open SEVERITY TEXT
//   ticket note T-N TEXT           ticket close T-N [TEXT]
//   message SITE: TEXT             backup on|off SITE
//   ACTION ELEMENT [key=value ...] (a restoration: dispatch, enable, cost, filter, ...)
//   fault ACTION:ELEMENT[k=v,...]  (instructor, scenario: any fault)
//   caller SITE: TEXT              (instructor, scenario: a caller's message)
//   speed 0|1|2|5|10|30|60|max, pause, resume, end
#pragma once

#include "session/fault-spec.h"
#include "twin/model.h"
#include "twin/name-index.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netdrill::session {

enum class Role : std::uint8_t { Trainee, Instructor, Scenario };
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view text);

enum class Verb : std::uint8_t {
  Ping, Traceroute, ShowInterface, ShowRoute, ShowAlarms, ShowConference, ShowTickets,
  DeclareCause,
  AlarmAck, AlarmShelve, AlarmUnshelve, AlarmClose,
  TicketOpen, TicketNote, TicketClose,
  Message,        ///< to a caller
  CallerMessage,  ///< from a caller (instructor, scenario)
  Action,         ///< a fault or restoration on the network
  Speed, Pause, Resume, End,
};

struct Command {
  Verb verb = Verb::ShowAlarms;
  Role role = Role::Trainee;
  std::string text;            ///< the line as given, trimmed (what the journal keeps)
  twin::SiteId site;           ///< ping, traceroute, show conference, message, caller
  twin::NodeId node;           ///< ping/traceroute target router; show interface/route
  int count = 0;               ///< ping: echoes; show interface: the interface (0: all)
  std::string id;              ///< an alarm or ticket id
  std::string body;            ///< message or ticket text; ticket severity in `severity`
  std::string severity;
  std::string destination;     ///< show route: a site or an address
  std::string element;         ///< declare cause: the element's id
  std::optional<FaultSpec> action;
  double speed = 1.0;          ///< speed: 0 = pause, a huge number = max
};

struct CommandParse {
  std::optional<Command> command;
  std::string error;  ///< one line, when there is no command
};

/// @brief Parses one line for a role, resolving names against the twin.
/// Restorations are open to trainees; faults, callers' messages and `end` are not.
CommandParse ParseCommand(std::string_view line, Role role, const twin::Twin& twin, const twin::NameIndex& names);

/// @brief Whether a verb sets the clock's pace (speed, pause, resume): not the network's business.
inline bool IsPace(Verb verb) { return verb == Verb::Speed || verb == Verb::Pause || verb == Verb::Resume; }

/// @brief Whether a fault action is a restoration a trainee may carry out.
bool IsRestoration(FaultAction action);

/// @brief The speeds a run may be paced at, slowest first (besides 0, a pause, and
/// max, as fast as it goes): one table for the grammar and the console's buttons.
const std::vector<double>& PaceSpeeds();
/// @brief A speed as written ("0", one of PaceSpeeds(), "max" = 1e9); nullopt for anything else.
std::optional<double> ParseSpeed(std::string_view text);
/// @brief What ParseSpeed accepts, for messages and help: "0|1|2|5|10|30|60|max".
std::string SpeedChoices();
/// @brief The command that sets a speed: "speed 30" (0: "speed 0", 1e9 or more: "speed max").
std::string SpeedCommand(double speed);

/// @brief The help text: every command, one line each.
std::string CommandHelp();

}  // namespace netdrill::session
