// The session's commands: one typed set (a variant of typed records), one
// parser and one formatter, used everywhere a person or a scenario acts on the
// network. Text exists only at the edges: the terminal, the journal, a drill's
// YAML, the help. One verb table feeds the parser, the help, the terminal's
// completion and the console's menus; each command says who may give it.
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

#include "session/alarms.h"
#include "session/fault-spec.h"
#include "session/role.h"
#include "session/seat.h"
#include "twin/model.h"
#include "twin/name-index.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace netdrill::session {

/// @brief What a command does: one per row of the verb table.
enum class Verb : std::uint8_t {
  Ping, Traceroute, ShowInterface, ShowRoute, ShowAlarms, ShowConference, ShowTickets,
  DeclareCause,
  AlarmAck, AlarmShelve, AlarmUnshelve, AlarmClose,
  TicketOpen, TicketNote, TicketClose,
  Message,        ///< to a caller
  CallerMessage,  ///< from a caller (instructor, scenario)
  Action,         ///< a fault or restoration on the network
  Speed, Pause, Resume, End,
  Hint,           ///< the trainee asks for a hint (the drill shows it, at its cost)
  ShowTeams,      ///< the field teams: on duty, busy until when, on which link
};

/// @brief Who a trainee's message goes to: a site's callers, the leadership, or the central offices (VPTW).
enum class Recipient : std::uint8_t { Site, Leadership, CentralOffices, Security };
/// @brief The words that name the recipients that are not sites: "leadership", "vptw".
const std::vector<std::pair<std::string, Recipient>>& RecipientWords();
/// @brief "leadership", "vptw", or "site".
const char* RecipientName(Recipient to);

/// @brief The typed records a command carries, one per kind.
namespace cmd {
struct Ping {
  twin::SiteId site;
  twin::NodeId node;
  int count = 5;
};
struct Traceroute {
  twin::SiteId site;
  twin::NodeId node;
};
struct ShowInterface {
  twin::NodeId node;
  int interface = 0;  ///< 0: every interface; N: the Nth, 1-based
};
struct ShowRoute {
  twin::NodeId node;
  std::string destination;  ///< "" : the whole table; else a site, a router or an address
};
struct ShowAlarms {
  bool all = false;  ///< `show alarms all`: every alarm, whatever the seat's view
};
struct ShowConference {
  twin::SiteId province;  ///< invalid: the whole conference
};
struct ShowTickets {};
struct ShowTeams {
  twin::SiteId province;  ///< invalid: every province
};
struct DeclareCause {
  std::string element;  ///< a link, router, shared-risk group or site id
};
/// @brief ack, shelve, unshelve (state None), close: an alarm by id, or the alarm on an element.
struct SetAlarmState {
  OperatorState state = OperatorState::Ack;
  std::string alarm;    ///< "A-3", or ""
  std::string element;  ///< when no id: its active alarm, the root first
};
struct OpenTicket {
  AlarmSeverity severity = AlarmSeverity::Warning;
  std::string title;
};
struct UpdateTicket {
  std::string ticket;  ///< "T-1"
  std::string note;    ///< may be empty when closing
  bool close = false;
};
struct SendMessage {
  twin::SiteId site;  ///< to (or from, a caller) this site; invalid for the leadership and the central offices
  std::string text;
  bool fromCaller = false;  ///< a caller's message (instructor, scenario), or the trainee's to a site
  Recipient to = Recipient::Site;
};
/// @brief A fault or restoration: the words as given and what they resolved to.
struct Act {
  FaultWords words;
  FaultSpec fault;
  bool asFault = false;  ///< given as "fault ACTION:ELEMENT" (else "ACTION ELEMENT k=v")
};
struct SetPace {
  Verb verb = Verb::Speed;  ///< Speed, Pause or Resume
  double speed = 1.0;       ///< Speed: 0 pauses, 1e9 or more is as fast as it goes
};
struct End {};
struct RequestHint {
  std::string objective;  ///< "" : the first objective whose hint is not shown yet
};
}  // namespace cmd

using CommandArgs = std::variant<cmd::Ping, cmd::Traceroute, cmd::ShowInterface, cmd::ShowRoute, cmd::ShowAlarms,
                                 cmd::ShowConference, cmd::ShowTickets, cmd::DeclareCause, cmd::SetAlarmState,
                                 cmd::OpenTicket, cmd::UpdateTicket, cmd::SendMessage, cmd::Act, cmd::SetPace, cmd::End, cmd::RequestHint, cmd::ShowTeams>;

/// @brief The verb a command's record stands for.
Verb VerbOf(const CommandArgs& args);

struct Command {
  Verb verb = Verb::ShowAlarms;  ///< always VerbOf(args)
  Role role = Role::Trainee;
  Seat seat = Seat::None;        ///< a team drill's seat that gave it (None: a drill of one's own)
  std::string text;              ///< the line as given, trimmed (what the journal keeps), or FormatCommand's
  CommandArgs args;
  template <class T>
  const T* As() const { return std::get_if<T>(&args); }
};

/// @brief A command from its record, its text the canonical one (FormatCommand).
Command MakeCommand(Role role, CommandArgs args, const twin::Twin& twin);

/// @brief The canonical text of a command, which ParseCommand reads back to the same record.
std::string FormatCommand(const CommandArgs& args, const twin::Twin& twin);

struct CommandParse {
  std::optional<Command> command;
  std::string error;  ///< one line, when there is no command
};

/// @brief Parses one line for a role, resolving names against the twin.
/// Restorations are open to trainees; faults, callers' messages and `end` are not.
CommandParse ParseCommand(std::string_view line, Role role, const twin::Twin& twin, const twin::NameIndex& names);

/// @brief Whether a verb sets the clock's pace (speed, pause, resume): not the network's business.
inline bool IsPace(Verb verb) { return verb == Verb::Speed || verb == Verb::Pause || verb == Verb::Resume; }

/// @brief Whether a verb looks at the network without changing it (ping, traceroute, show interface,
/// show route, show conference): the evidence a diagnosis rests on.
inline bool IsDiagnose(Verb verb) {
  return verb == Verb::Ping || verb == Verb::Traceroute || verb == Verb::ShowInterface || verb == Verb::ShowRoute ||
         verb == Verb::ShowConference;
}

/// @brief One row of the verb table: the words that start the command, its usage and help line, and who may give it.
struct VerbInfo {
  Verb verb;
  std::string_view words;  ///< "ping", "show interface", "ack"
  std::string_view usage;  ///< "ping SITE [COUNT]"
  std::string_view help;
  bool staffOnly = false;  ///< an instructor or the scenario only
};
/// @brief The verb table (restorations are the rows of FaultActions() with `restoration` set).
const std::vector<VerbInfo>& Verbs();
const VerbInfo& InfoOf(Verb verb);

/// @brief What the terminal completes a first word to: the verbs a role may give, the restorations, help.
std::vector<std::string> CompletionWords(Role role);

/// @brief The speeds a run may be paced at, slowest first (besides 0, a pause, and
/// max, as fast as it goes): one table for the grammar and the console's buttons.
const std::vector<double>& PaceSpeeds();
/// @brief A speed as written ("0", one of PaceSpeeds(), "max" = 1e9); nullopt for anything else.
std::optional<double> ParseSpeed(std::string_view text);
/// @brief What ParseSpeed accepts, for messages and help: "0|1|2|5|10|30|60|max".
std::string SpeedChoices();
/// @brief The command that sets a speed: "speed 30" (0: "speed 0", 1e9 or more: "speed max").
std::string SpeedCommand(double speed);

/// @brief The help text: every command, one line each, from the verb table.
std::string CommandHelp();

}  // namespace netdrill::session
