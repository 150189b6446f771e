#include "session/command.h"

#include "twin/text.h"
#include "twin/units.h"

#include <algorithm>
#include <sstream>

namespace netdrill::session {

using namespace netdrill::twin;

const char* RoleName(Role role) {
  switch (role) {
    case Role::Trainee:
      return "trainee";
    case Role::Instructor:
      return "instructor";
    case Role::Scenario:
      return "scenario";
  }
  return "trainee";
}

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "trainee") return Role::Trainee;
  if (text == "instructor") return Role::Instructor;
  if (text == "scenario") return Role::Scenario;
  return std::nullopt;
}

bool IsRestoration(FaultAction a) {
  switch (a) {
    case FaultAction::McuRestore:
    case FaultAction::Enable:
    case FaultAction::Disable:
    case FaultAction::Cost:
    case FaultAction::Dispatch:
    case FaultAction::RateLimit:
    case FaultAction::Filter:
    case FaultAction::WithdrawBlackhole:
    case FaultAction::WithdrawLeak:
    case FaultAction::MoveBranch:
    case FaultAction::RestoreBranch:
    case FaultAction::Isolate:
    case FaultAction::LowerVideo:
    case FaultAction::RestoreVideo:
      return true;
    default:
      return false;
  }
}

const std::vector<double>& PaceSpeeds() {
  static const std::vector<double> speeds{1, 2, 5, 10, 30, 60};
  return speeds;
}

std::string SpeedCommand(double speed) {
  if (speed >= 1e9) return "speed max";
  return "speed " + twin::FormatNumber(speed);
}

std::optional<double> ParseSpeed(std::string_view text) {
  if (text == "max") return 1e9;
  const auto n = twin::ParseNumber(std::string(text));
  const auto& speeds = PaceSpeeds();
  if (n && (*n == 0 || std::find(speeds.begin(), speeds.end(), *n) != speeds.end())) return n;
  return std::nullopt;
}

std::string SpeedChoices() {
  std::string choices = "0";
  for (double s : PaceSpeeds()) choices += "|" + twin::FormatNumber(s);
  return choices + "|max";
}

std::string CommandHelp() {
  return "ping SITE [COUNT]             echoes from the NOC, in simulated time\n"
         "traceroute SITE               the path hop by hop; stars past a cut\n"
         "show interface NODE[/IF]      a router's interfaces: state, load, loss\n"
         "show route NODE [DEST]        a router's routes, or the one toward DEST\n"
         "show alarms                   the alarm list, impacted alarms under their root\n"
         "show conference [PROVINCE]    conference endpoints good/degraded/lost\n"
         "show tickets                  the trouble tickets\n"
         "declare cause ELEMENT         your diagnosis: the element that failed\n"
         "ack|shelve|unshelve|close A-N the operator state of an alarm (or name its element)\n"
         "ticket open SEVERITY TEXT     a trouble ticket (critical, major, minor, warning)\n"
         "ticket note T-N TEXT          a note on a ticket; ticket close T-N [TEXT]\n"
         "message SITE: TEXT            a message to the people at a site\n"
         "backup on|off SITE            the site's standby backup link (4G, VSAT)\n"
         "ACTION ELEMENT [key=value]    a restoration: dispatch, enable, disable, cost value=N, rate-limit mbps=N,\n"
         "                              filter, isolate, mcu-restore, move-branch to=SITE, restore-branch,\n"
         "                              lower-video conference, restore-video conference, withdraw-blackhole to=SITE,\n"
         "                              withdraw-leak to=SITE\n"
         "fault ACTION:ELEMENT[k=v,..]  (instructor) any fault, as sim --fault writes it, without @TIME\n"
         "caller SITE: TEXT             (instructor) a caller's message to the trainee\n"
         "speed " + SpeedChoices() + ", pause, resume; end (instructor)\n";
}

namespace {

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// A site by id, code or name; a router id names its site's router.
struct Target {
  SiteId site;
  NodeId node;
  std::string error;
};

Target ResolveTarget(const std::string& text, const Twin& twin, const NameIndex& names) {
  Target t;
  if (NodeId n = twin.FindNode(text); n.IsValid()) {
    t.node = n;
    t.site = twin.GetNode(n).site;
    return t;
  }
  const SiteMatch m = names.Find(text);
  if (m.IsUnique()) {
    t.site = m.sites.front();
    t.node = twin.FirstNode(t.site);
  } else if (m.IsAmbiguous()) {
    std::string list;
    for (std::size_t i = 0; i < m.sites.size() && i < 8; ++i) {
      list += (list.empty() ? "" : "; ") + names.QualifiedName(m.sites[i]);
    }
    t.error = "\"" + text + "\" names " + std::to_string(m.sites.size()) + " sites: " + list +
              (m.sites.size() > 8 ? "; ..." : "") + " (give the id, or add \", DISTRICT\" or \", PROVINCE\")";
  } else {
    const auto close = names.Suggest(text, 3);
    std::string hint;
    for (const auto& c : close) hint += (hint.empty() ? "" : ", ") + std::string("\"") + c + "\"";
    t.error = "no site or router \"" + text + "\"" + (hint.empty() ? "" : "; did you mean " + hint + "?");
  }
  return t;
}

bool IsAlarmId(const std::string& s) { return s.size() > 2 && s[0] == 'A' && s[1] == '-'; }
bool IsTicketId(const std::string& s) { return s.size() > 2 && s[0] == 'T' && s[1] == '-'; }

CommandParse Fail(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

CommandParse ParseCommand(std::string_view line, Role role, const Twin& twin, const NameIndex& names) {
  const std::vector<std::string> w = Split(line);
  if (w.empty()) return Fail("an empty command (type help for the list)");
  Command c;
  c.role = role;
  c.text = Join(w, 0, w.size());
  const std::string& verb = w[0];
  const bool staff = role != Role::Trainee;
  auto need = [&](std::size_t n, const char* usage) -> std::optional<CommandParse> {
    if (w.size() < n) return Fail(std::string("usage: ") + usage);
    return std::nullopt;
  };
  auto target = [&](std::size_t from, std::size_t to, Command& into) -> std::string {
    const Target t = ResolveTarget(Join(w, from, to), twin, names);
    into.site = t.site;
    into.node = t.node;
    return t.error;
  };

  if (verb == "ping") {
    if (auto e = need(2, "ping SITE [COUNT]")) return *e;
    c.verb = Verb::Ping;
    c.count = 5;
    std::size_t end = w.size();
    // A last word that is a number is the count, unless the whole names a site ("Phường 1").
    if (w.size() >= 3) {
      const auto n = ParseNumber(w.back());
      const bool wholeIsSite = ResolveTarget(Join(w, 1, w.size()), twin, names).node.IsValid() ||
                               names.Find(Join(w, 1, w.size())).IsAmbiguous();
      if (n && !wholeIsSite) {
        if (!(*n >= 1 && *n <= 100 && *n == static_cast<int>(*n))) return Fail("a ping's count is 1 to 100");
        c.count = static_cast<int>(*n);
        end = w.size() - 1;
      }
    }
    if (auto e = target(1, end, c); !e.empty()) return Fail(e);
    return {c, {}};
  }
  if (verb == "traceroute") {
    if (auto e = need(2, "traceroute SITE")) return *e;
    c.verb = Verb::Traceroute;
    if (auto e = target(1, w.size(), c); !e.empty()) return Fail(e);
    return {c, {}};
  }
  if (verb == "show") {
    if (auto e = need(2, "show interface|route|alarms|conference|tickets ...")) return *e;
    const std::string& what = w[1];
    if (what == "alarms") {
      if (w.size() > 2) return Fail("usage: show alarms");
      c.verb = Verb::ShowAlarms;
      return {c, {}};
    }
    if (what == "tickets") {
      if (w.size() > 2) return Fail("usage: show tickets");
      c.verb = Verb::ShowTickets;
      return {c, {}};
    }
    if (what == "conference") {
      c.verb = Verb::ShowConference;
      if (w.size() > 2) {
        if (auto e = target(2, w.size(), c); !e.empty()) return Fail(e);
      }
      return {c, {}};
    }
    if (what == "interface") {
      if (auto e = need(3, "show interface NODE[/IF]")) return *e;
      if (w.size() > 3) return Fail("usage: show interface NODE[/IF] (one router)");
      c.verb = Verb::ShowInterface;
      std::string node = w[2];
      // NODE/IF: the interface number after the last slash, when it is a number.
      if (const auto slash = node.rfind('/'); slash != std::string::npos) {
        if (const auto n = ParseNumber(node.substr(slash + 1)); n && *n >= 1) {
          c.count = static_cast<int>(*n);
          node = node.substr(0, slash);
        }
      }
      const Target t = ResolveTarget(node, twin, names);
      if (!t.error.empty()) return Fail(t.error);
      c.site = t.site;
      c.node = t.node;
      return {c, {}};
    }
    if (what == "route") {
      if (auto e = need(3, "show route NODE [DEST]")) return *e;
      if (w.size() > 4) return Fail("usage: show route NODE [DEST] (DEST: a site id or an address)");
      c.verb = Verb::ShowRoute;
      if (auto e = target(2, 3, c); !e.empty()) return Fail(e);
      if (w.size() == 4) c.destination = w[3];
      return {c, {}};
    }
    return Fail("show what? interface, route, alarms, conference or tickets" +
                std::string(SuggestHint(what, {"interface", "route", "alarms", "conference", "tickets"}).empty()
                                ? ""
                                : " (" + SuggestHint(what, {"interface", "route", "alarms", "conference", "tickets"}) + ")"));
  }
  if (verb == "declare") {
    if (w.size() < 3 || w[1] != "cause") return Fail("usage: declare cause ELEMENT");
    c.verb = Verb::DeclareCause;
    const std::string element = Join(w, 2, w.size());
    if (twin.FindLink(element).IsValid() || twin.FindNode(element).IsValid() || twin.FindSrg(element).IsValid()) {
      c.element = element;
    } else {
      Command site;
      if (auto e = target(2, w.size(), site); !e.empty()) return Fail(e);
      c.element = twin.GetSite(site.site).id;
      c.site = site.site;
    }
    return {c, {}};
  }
  if (verb == "ack" || verb == "shelve" || verb == "unshelve" || verb == "close") {
    if (w.size() < 2) return Fail("usage: " + verb + " A-N (an alarm id from show alarms), or " + verb + " ELEMENT");
    c.verb = verb == "ack" ? Verb::AlarmAck : verb == "shelve" ? Verb::AlarmShelve : verb == "unshelve" ? Verb::AlarmUnshelve : Verb::AlarmClose;
    if (w.size() == 2 && IsAlarmId(w[1])) {
      c.id = w[1];
      return {c, {}};
    }
    // An element: the alarm on it (a link, a router, a group, a site).
    const std::string element = Join(w, 1, w.size());
    if (twin.FindLink(element).IsValid() || twin.FindNode(element).IsValid() || twin.FindSrg(element).IsValid()) {
      c.element = element;
      return {c, {}};
    }
    Command site;
    if (auto e = target(1, w.size(), site); !e.empty()) return Fail(e);
    c.element = twin.GetSite(site.site).id;
    return {c, {}};
  }
  if (verb == "ticket") {
    if (auto e = need(3, "ticket open SEVERITY TEXT | ticket note T-N TEXT | ticket close T-N [TEXT]")) return *e;
    if (w[1] == "open") {
      static const std::vector<std::string> kSeverities{"critical", "major", "minor", "warning"};
      if (std::find(kSeverities.begin(), kSeverities.end(), w[2]) == kSeverities.end()) {
        return Fail("a ticket's severity is critical, major, minor or warning, not \"" + w[2] + "\"");
      }
      if (w.size() < 4) return Fail("usage: ticket open SEVERITY TEXT (say what is wrong)");
      c.verb = Verb::TicketOpen;
      c.severity = w[2];
      c.body = Join(w, 3, w.size());
      return {c, {}};
    }
    if (w[1] == "note" || w[1] == "close") {
      if (!IsTicketId(w[2])) return Fail("usage: ticket " + w[1] + " T-N ... (a ticket id from show tickets)");
      if (w[1] == "note" && w.size() < 4) return Fail("usage: ticket note T-N TEXT");
      c.verb = w[1] == "note" ? Verb::TicketNote : Verb::TicketClose;
      c.id = w[2];
      c.body = Join(w, 3, w.size());
      return {c, {}};
    }
    return Fail("ticket open, note or close, not \"" + w[1] + "\"");
  }
  if (verb == "message" || verb == "caller") {
    const std::string rest = Join(w, 1, w.size());
    const auto colon = rest.find(": ");  // site ids hold colons too: the text follows ": "
    if (colon == std::string::npos || colon + 2 >= rest.size()) return Fail("usage: " + verb + " SITE: TEXT");
    if (verb == "caller" && !staff) return Fail("only an instructor or the scenario speaks for callers");
    c.verb = verb == "message" ? Verb::Message : Verb::CallerMessage;
    const Target t = ResolveTarget(rest.substr(0, colon), twin, names);
    if (!t.error.empty()) return Fail(t.error);
    c.site = t.site;
    c.body = rest.substr(colon + 2);
    return {c, {}};
  }
  if (verb == "speed" || verb == "pause" || verb == "resume" || verb == "end") {
    if (verb == "end" && !staff) return Fail("only an instructor or the scenario ends a run");
    c.verb = verb == "speed" ? Verb::Speed : verb == "pause" ? Verb::Pause : verb == "resume" ? Verb::Resume : Verb::End;
    if (verb == "speed") {
      if (w.size() != 2) return Fail("usage: speed " + SpeedChoices());
      const auto speed = ParseSpeed(w[1]);
      if (!speed) return Fail("speed is one of " + SpeedChoices() + " (0 pauses), not \"" + w[1] + "\"");
      c.speed = *speed;
    } else if (w.size() != 1) {
      return Fail("usage: " + verb + " (no argument)");
    }
    return {c, {}};
  }
  // A fault or a restoration: "fault ACTION:ELEMENT[k=v]" or "ACTION ELEMENT [k=v ...]".
  std::string spec;
  if (verb == "fault") {
    if (w.size() != 2) return Fail("usage: fault ACTION:ELEMENT[key=value,...] (as sim --fault, without @TIME)");
    spec = w[1];
  } else if (verb == "backup") {
    if (w.size() < 3 || (w[1] != "on" && w[1] != "off")) return Fail("usage: backup on|off SITE");
    Command site;
    if (auto e = target(2, w.size(), site); !e.empty()) return Fail(e);
    // The site's standby links: 4G, VSAT.
    std::vector<std::string> standby;
    for (const Link& l : twin.Links()) {
      const bool mine = twin.GetNode(l.a).site == site.site || twin.GetNode(l.b).site == site.site;
      if (mine && l.role == LinkRole::Backup) standby.push_back(l.id);
    }
    if (standby.empty()) return Fail(twin.GetSite(site.site).id + " has no standby backup link");
    spec = std::string(w[1] == "on" ? "enable:" : "disable:") + standby.front();
  } else {
    std::vector<std::string> element, params;
    for (std::size_t i = 1; i < w.size(); ++i) (w[i].find('=') != std::string::npos ? params : element).push_back(w[i]);
    if (element.empty()) {
      static const std::vector<std::string> kVerbs{"ping", "traceroute", "show", "declare", "ack", "shelve", "unshelve",
                                                   "close", "ticket", "message", "backup", "speed", "pause", "resume",
                                                   "dispatch", "enable", "disable", "cost", "rate-limit", "filter",
                                                   "isolate", "mcu-restore", "move-branch", "restore-branch",
                                                   "lower-video", "restore-video", "withdraw-blackhole", "withdraw-leak"};
      const std::string hint = SuggestHint(verb, kVerbs);
      return Fail("unknown command \"" + verb + "\"" + (hint.empty() ? "" : " (" + hint + ")") + "; type help");
    }
    spec = verb + ":" + Join(element, 0, element.size());
    if (!params.empty()) {
      std::string list;
      for (const auto& p : params) list += (list.empty() ? "" : ",") + p;
      spec += "[" + list + "]";
    }
  }
  Diagnostics diags;
  auto fault = ParseFaultNow(spec, twin, diags, &names);
  if (!fault) {
    std::string message = diags.Items().empty() ? "cannot parse \"" + spec + "\"" : diags.Items().front().message;
    if (!diags.Items().empty() && !diags.Items().front().hint.empty()) message += " (" + diags.Items().front().hint + ")";
    if (message.rfind("unknown action", 0) == 0) {
      message = "unknown command \"" + verb + "\"; type help";
    }
    return Fail(message);
  }
  if (role == Role::Trainee && !IsRestoration(fault->action)) {
    return Fail("\"" + verb + "\" is a fault: only an instructor or the scenario may inject it");
  }
  c.verb = Verb::Action;
  c.action = std::move(fault);
  return {c, {}};
}

}  // namespace netdrill::session
