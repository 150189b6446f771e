#include "wire/command-wire.h"

#include <algorithm>

namespace netdrill::wire {

namespace {

std::string Join(std::initializer_list<std::string> words) {
  std::string out;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// A value the parser reads as one word: newlines would start another command.
std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

std::string ActionLine(const Action& a) {
  std::string params;
  // The map's order is the wire's business: sorted, the line (and the journal) is the same for the same action.
  std::vector<std::pair<std::string, std::string>> sorted(a.params().begin(), a.params().end());
  std::sort(sorted.begin(), sorted.end());
  if (a.as_fault()) {
    for (const auto& [k, v] : sorted) params += (params.empty() ? "[" : ",") + OneLine(k) + "=" + OneLine(v);
    if (!params.empty()) params += "]";
    return "fault " + OneLine(a.action()) + ":" + OneLine(a.element()) + params;
  }
  for (const auto& [k, v] : sorted) params += " " + OneLine(k) + "=" + OneLine(v);
  return Join({OneLine(a.action()), OneLine(a.element())}) + params;
}

}  // namespace

const std::vector<std::pair<Command::VerbCase, session::Verb>>& VerbFields() {
  using V = session::Verb;
  static const std::vector<std::pair<Command::VerbCase, V>> fields = {
      {Command::kPing, V::Ping},
      {Command::kTraceroute, V::Traceroute},
      {Command::kShowInterface, V::ShowInterface},
      {Command::kShowRoute, V::ShowRoute},
      {Command::kShowAlarms, V::ShowAlarms},
      {Command::kShowConference, V::ShowConference},
      {Command::kShowTickets, V::ShowTickets},
      {Command::kShowTeams, V::ShowTeams},
      {Command::kDeclareCause, V::DeclareCause},
      {Command::kAlarmAck, V::AlarmAck},
      {Command::kAlarmShelve, V::AlarmShelve},
      {Command::kAlarmUnshelve, V::AlarmUnshelve},
      {Command::kAlarmClose, V::AlarmClose},
      {Command::kTicketOpen, V::TicketOpen},
      {Command::kTicketNote, V::TicketNote},
      {Command::kTicketClose, V::TicketClose},
      {Command::kMessage, V::Message},
      {Command::kCallerMessage, V::CallerMessage},
      {Command::kAction, V::Action},
      {Command::kSpeed, V::Speed},
      {Command::kPause, V::Pause},
      {Command::kResume, V::Resume},
      {Command::kEnd, V::End},
      {Command::kHint, V::Hint},
  };
  return fields;
}

std::optional<session::Verb> VerbOfField(Command::VerbCase field) {
  for (const auto& [f, v] : VerbFields()) {
    if (f == field) return v;
  }
  return std::nullopt;
}

std::string CommandLine(const Command& c) {
  switch (c.verb_case()) {
    case Command::kLine:
      return OneLine(c.line());
    case Command::kPing:
      return Join({"ping", OneLine(c.ping().site()), c.ping().count() > 0 ? std::to_string(c.ping().count()) : ""});
    case Command::kTraceroute:
      return Join({"traceroute", OneLine(c.traceroute().id())});
    case Command::kShowInterface: {
      const int i = c.show_interface().interface();
      return Join({"show interface", OneLine(c.show_interface().node()) + (i > 0 ? "/" + std::to_string(i) : "")});
    }
    case Command::kShowRoute:
      return Join({"show route", OneLine(c.show_route().node()), OneLine(c.show_route().destination())});
    case Command::kShowAlarms:
      return "show alarms";
    case Command::kShowConference:
      return Join({"show conference", OneLine(c.show_conference().id())});
    case Command::kShowTickets:
      return "show tickets";
    case Command::kShowTeams:
      return Join({"show teams", OneLine(c.show_teams().id())});
    case Command::kDeclareCause:
      return Join({"declare cause", OneLine(c.declare_cause().id())});
    case Command::kAlarmAck:
      return Join({"ack", OneLine(c.alarm_ack().alarm())});
    case Command::kAlarmShelve:
      return Join({"shelve", OneLine(c.alarm_shelve().alarm())});
    case Command::kAlarmUnshelve:
      return Join({"unshelve", OneLine(c.alarm_unshelve().alarm())});
    case Command::kAlarmClose:
      return Join({"close", OneLine(c.alarm_close().alarm())});
    case Command::kTicketOpen:
      return Join({"ticket open", OneLine(c.ticket_open().severity()), OneLine(c.ticket_open().title())});
    case Command::kTicketNote:
      return Join({"ticket note", OneLine(c.ticket_note().ticket()), OneLine(c.ticket_note().text())});
    case Command::kTicketClose:
      return Join({"ticket close", OneLine(c.ticket_close().ticket()), OneLine(c.ticket_close().text())});
    case Command::kMessage:
      return "message " + OneLine(c.message().to()) + ": " + OneLine(c.message().text());
    case Command::kCallerMessage:
      return "caller " + OneLine(c.caller_message().to()) + ": " + OneLine(c.caller_message().text());
    case Command::kAction:
      return ActionLine(c.action());
    case Command::kSpeed:
      return Join({"speed", OneLine(c.speed().speed())});
    case Command::kPause:
      return "pause";
    case Command::kResume:
      return "resume";
    case Command::kEnd:
      return "end";
    case Command::kHint:
      return Join({"hint", OneLine(c.hint().id())});
    case Command::VERB_NOT_SET:
      break;
  }
  return {};
}

}  // namespace netdrill::wire
