#include "session/command.h"

#include "twin/units.h"

#include <algorithm>
#include <cstdio>

namespace netdrill::session {

const std::vector<std::pair<std::string, Recipient>>& RecipientWords() {
  static const std::vector<std::pair<std::string, Recipient>> words{{"leadership", Recipient::Leadership},
                                                                    {"vptw", Recipient::CentralOffices},
                                                                    {"security", Recipient::Security}};
  return words;
}

const char* RecipientName(Recipient to) {
  for (const auto& [word, value] : RecipientWords()) {
    if (value == to) return word.c_str();
  }
  return "site";
}

using namespace netdrill::twin;

const std::vector<VerbInfo>& Verbs() {
  static const std::vector<VerbInfo> table{
      {Verb::Ping, "ping", "ping SITE [COUNT]", "echoes from the NOC, in simulated time"},
      {Verb::Traceroute, "traceroute", "traceroute SITE", "the path hop by hop; stars past a cut"},
      {Verb::ShowInterface, "show interface", "show interface NODE[/IF]", "a router's interfaces: state, load, loss"},
      {Verb::ShowRoute, "show route", "show route NODE [DEST]", "a router's routes, or the one toward DEST"},
      {Verb::ShowAlarms, "show alarms", "show alarms [all]", "the alarm list, impacted alarms under their root (a team seat: its region's; all: every one)"},
      {Verb::ShowConference, "show conference", "show conference [PROVINCE]", "conference endpoints good/degraded/lost"},
      {Verb::ShowTickets, "show tickets", "show tickets", "the trouble tickets"},
      {Verb::ShowTeams, "show teams", "show teams [PROVINCE]", "the field teams: on duty, busy until when, where"},
      {Verb::DeclareCause, "declare cause", "declare cause ELEMENT", "your diagnosis: the element that failed"},
      {Verb::AlarmAck, "ack", "ack A-N|ELEMENT", "acknowledge an alarm (or the alarm on an element)"},
      {Verb::AlarmShelve, "shelve", "shelve A-N|ELEMENT", "shelve an alarm until unshelved"},
      {Verb::AlarmUnshelve, "unshelve", "unshelve A-N|ELEMENT", "bring a shelved alarm back"},
      {Verb::AlarmClose, "close", "close A-N|ELEMENT", "close an alarm"},
      {Verb::TicketOpen, "ticket open", "ticket open SEVERITY TEXT", "a trouble ticket (critical, major, minor, warning)"},
      {Verb::TicketNote, "ticket note", "ticket note T-N TEXT", "a note on a ticket"},
      {Verb::TicketClose, "ticket close", "ticket close T-N [TEXT]", "close a ticket, with a last note"},
      {Verb::Message, "message", "message SITE|leadership|vptw|security: TEXT",
       "a message to the people at a site, to the leadership, to the central offices (vptw) or to the security team"},
      {Verb::Action, "backup on", "backup on|off SITE", "the site's standby backup link (4G, VSAT)"},
      {Verb::Action, "backup off", "", ""},
      {Verb::Action, "fault", "fault ACTION:ELEMENT[k=v,..]", "any fault, as sim --fault writes it, without @TIME", true},
      {Verb::CallerMessage, "caller", "caller SITE: TEXT", "a caller's message to the trainee", true},
      {Verb::Speed, "speed", "speed SPEED", "the clock's pace"},
      {Verb::Pause, "pause", "pause", "the clock stops"},
      {Verb::Resume, "resume", "resume", "the clock runs again"},
      {Verb::End, "end", "end", "the run ends", true},
      {Verb::Hint, "hint", "hint [OBJECTIVE]", "a hint for an objective (or the next one not shown), at its cost (not in an exam)"},
  };
  return table;
}

const VerbInfo& InfoOf(Verb verb) {
  for (const VerbInfo& v : Verbs()) {
    if (v.verb == verb) return v;
  }
  return Verbs().front();  // unreachable: every verb has its row
}

Verb VerbOf(const CommandArgs& args) {
  struct Visitor {
    Verb operator()(const cmd::Ping&) const { return Verb::Ping; }
    Verb operator()(const cmd::Traceroute&) const { return Verb::Traceroute; }
    Verb operator()(const cmd::ShowInterface&) const { return Verb::ShowInterface; }
    Verb operator()(const cmd::ShowRoute&) const { return Verb::ShowRoute; }
    Verb operator()(const cmd::ShowAlarms&) const { return Verb::ShowAlarms; }
    Verb operator()(const cmd::ShowConference&) const { return Verb::ShowConference; }
    Verb operator()(const cmd::ShowTickets&) const { return Verb::ShowTickets; }
    Verb operator()(const cmd::ShowTeams&) const { return Verb::ShowTeams; }
    Verb operator()(const cmd::DeclareCause&) const { return Verb::DeclareCause; }
    Verb operator()(const cmd::SetAlarmState& a) const {
      switch (a.state) {
        case OperatorState::Ack:
          return Verb::AlarmAck;
        case OperatorState::Shelved:
          return Verb::AlarmShelve;
        case OperatorState::Closed:
          return Verb::AlarmClose;
        case OperatorState::None:
          break;
      }
      return Verb::AlarmUnshelve;
    }
    Verb operator()(const cmd::OpenTicket&) const { return Verb::TicketOpen; }
    Verb operator()(const cmd::UpdateTicket& t) const { return t.close ? Verb::TicketClose : Verb::TicketNote; }
    Verb operator()(const cmd::SendMessage& m) const { return m.fromCaller ? Verb::CallerMessage : Verb::Message; }
    Verb operator()(const cmd::Act&) const { return Verb::Action; }
    Verb operator()(const cmd::SetPace& p) const { return p.verb; }
    Verb operator()(const cmd::End&) const { return Verb::End; }
    Verb operator()(const cmd::RequestHint&) const { return Verb::Hint; }
  };
  return std::visit(Visitor{}, args);
}

namespace {

// A router by its site's id when it is the site's first router, else by its own.
std::string NodeText(const Twin& twin, NodeId node) {
  const SiteId site = twin.GetNode(node).site;
  return twin.FirstNode(site) == node ? twin.GetSite(site).id : twin.GetNode(node).id;
}

std::string ActText(const cmd::Act& a) {
  if (a.asFault) return "fault " + FormatFault(a.words);
  std::string text = a.words.action + " " + a.words.element;
  for (const auto& [key, value] : a.words.params) text += " " + key + "=" + value;
  return text;
}

}  // namespace

std::string FormatCommand(const CommandArgs& args, const Twin& twin) {
  struct Visitor {
    const Twin& twin;
    std::string operator()(const cmd::Ping& p) const {
      return "ping " + NodeText(twin, p.node) + (p.count != 5 ? " " + std::to_string(p.count) : "");
    }
    std::string operator()(const cmd::Traceroute& t) const { return "traceroute " + NodeText(twin, t.node); }
    std::string operator()(const cmd::ShowInterface& s) const {
      return "show interface " + twin.GetNode(s.node).id + (s.interface > 0 ? "/" + std::to_string(s.interface) : "");
    }
    std::string operator()(const cmd::ShowRoute& s) const {
      return "show route " + twin.GetNode(s.node).id + (s.destination.empty() ? "" : " " + s.destination);
    }
    std::string operator()(const cmd::ShowAlarms& a) const { return a.all ? "show alarms all" : "show alarms"; }
    std::string operator()(const cmd::ShowConference& s) const {
      return s.province.IsValid() ? "show conference " + twin.GetSite(s.province).id : "show conference";
    }
    std::string operator()(const cmd::ShowTickets&) const { return "show tickets"; }
    std::string operator()(const cmd::ShowTeams& t) const {
      return t.province.IsValid() ? "show teams " + twin.GetSite(t.province).id : "show teams";
    }
    std::string operator()(const cmd::DeclareCause& d) const { return "declare cause " + d.element; }
    std::string operator()(const cmd::SetAlarmState& a) const {
      return std::string(InfoOf(VerbOf(a)).words) + " " + (a.alarm.empty() ? a.element : a.alarm);
    }
    std::string operator()(const cmd::OpenTicket& t) const {
      return std::string("ticket open ") + SeverityName(t.severity) + " " + t.title;
    }
    std::string operator()(const cmd::UpdateTicket& t) const {
      return std::string(t.close ? "ticket close " : "ticket note ") + t.ticket + (t.note.empty() ? "" : " " + t.note);
    }
    std::string operator()(const cmd::SendMessage& m) const {
      const std::string to = m.to == Recipient::Site ? twin.GetSite(m.site).id : RecipientName(m.to);
      return std::string(m.fromCaller ? "caller " : "message ") + to + ": " + m.text;
    }
    std::string operator()(const cmd::Act& a) const { return ActText(a); }
    std::string operator()(const cmd::SetPace& p) const {
      return p.verb == Verb::Speed ? SpeedCommand(p.speed) : p.verb == Verb::Pause ? "pause" : "resume";
    }
    std::string operator()(const cmd::End&) const { return "end"; }
    std::string operator()(const cmd::RequestHint& h) const { return h.objective.empty() ? "hint" : "hint " + h.objective; }
  };
  return std::visit(Visitor{twin}, args);
}

Command MakeCommand(Role role, CommandArgs args, const Twin& twin) {
  Command c;
  c.verb = VerbOf(args);
  c.role = role;
  c.text = FormatCommand(args, twin);
  c.args = std::move(args);
  return c;
}

std::vector<std::string> CompletionWords(Role role) {
  std::vector<std::string> out;
  for (const VerbInfo& v : Verbs()) {
    if (!v.staffOnly || role != Role::Trainee) out.emplace_back(v.words);
  }
  for (const FaultActionInfo& a : FaultActions()) {
    if (a.restoration) out.emplace_back(a.name);
  }
  out.emplace_back("help");
  return out;
}

const std::vector<double>& PaceSpeeds() {
  static const std::vector<double> speeds{1, 2, 5, 10, 30, 60};
  return speeds;
}

std::optional<double> ParseSpeed(std::string_view text) {
  if (text == "max") return 1e9;
  const auto n = ParseNumber(text);
  const auto& speeds = PaceSpeeds();
  if (n && (*n == 0 || std::find(speeds.begin(), speeds.end(), *n) != speeds.end())) return n;
  return std::nullopt;
}

std::string SpeedChoices() {
  std::string choices = "0";
  for (double s : PaceSpeeds()) choices += "|" + FormatNumber(s);
  return choices + "|max";
}

std::string SpeedCommand(double speed) {
  if (speed >= 1e9) return "speed max";
  return "speed " + FormatNumber(speed);
}

std::string CommandHelp() {
  auto line = [](std::string_view usage, const std::string& help) {
    char buf[512];
    std::snprintf(buf, sizeof buf, "%-29.*s %s\n", static_cast<int>(usage.size()), usage.data(), help.c_str());
    return std::string(buf);
  };
  std::string out;
  for (const VerbInfo& v : Verbs()) {
    if (v.usage.empty()) continue;
    std::string help = (v.staffOnly ? "(instructor) " : "") + std::string(v.help);
    if (v.verb == Verb::Speed) help += ": SPEED is " + SpeedChoices() + " (0 pauses)";
    out += line(v.usage, help);
    if (v.verb == Verb::Message) {
      std::string restorations;
      for (const FaultActionInfo& a : FaultActions()) {
        if (a.restoration) restorations += (restorations.empty() ? "" : ", ") + std::string(a.name);
      }
      out += line("ACTION ELEMENT [key=value]", "a restoration: " + restorations);
    }
  }
  return out;
}

}  // namespace netdrill::session
