// ParseCommand: one line into a typed command, a parser per kind of command.
#include "session/command.h"

#include "twin/text.h"
#include "twin/units.h"

#include <algorithm>
#include <sstream>

namespace netdrill::session {

using namespace netdrill::twin;

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

// What every parser reads: the line's words, who gives it, the twin.
struct Line {
  const std::vector<std::string>& w;
  Role role;
  const Twin& twin;
  const NameIndex& names;
  bool Staff() const { return role != Role::Trainee; }
  Target TargetOf(std::size_t from, std::size_t to) const { return ResolveTarget(Join(w, from, to), twin, names); }
  CommandParse Ok(CommandArgs args) const {
    Command c;
    c.verb = VerbOf(args);
    c.role = role;
    c.text = Join(w, 0, w.size());
    c.args = std::move(args);
    return {std::move(c), {}};
  }
  // An element by id (a link, a router, a group), else a site by id, code or name.
  std::optional<std::string> Element(std::size_t from, std::string& error) const {
    const std::string element = Join(w, from, w.size());
    if (twin.FindLink(element).IsValid() || twin.FindNode(element).IsValid() || twin.FindSrg(element).IsValid())
      return element;
    const Target t = TargetOf(from, w.size());
    if (!t.error.empty()) {
      error = t.error;
      return std::nullopt;
    }
    return twin.GetSite(t.site).id;
  }
};

CommandParse ParsePing(const Line& l) {
  if (l.w.size() < 2) return Fail("usage: ping SITE [COUNT]");
  cmd::Ping p;
  std::size_t end = l.w.size();
  // A last word that is a number is the count, unless the whole names a site ("Phường 1").
  if (l.w.size() >= 3) {
    const auto n = ParseNumber(l.w.back());
    const std::string whole = Join(l.w, 1, l.w.size());
    const bool wholeIsSite = ResolveTarget(whole, l.twin, l.names).node.IsValid() || l.names.Find(whole).IsAmbiguous();
    if (n && !wholeIsSite) {
      if (!(*n >= 1 && *n <= 100 && *n == static_cast<int>(*n))) return Fail("a ping's count is 1 to 100");
      p.count = static_cast<int>(*n);
      end = l.w.size() - 1;
    }
  }
  const Target t = l.TargetOf(1, end);
  if (!t.error.empty()) return Fail(t.error);
  p.site = t.site;
  p.node = t.node;
  return l.Ok(p);
}

CommandParse ParseTraceroute(const Line& l) {
  if (l.w.size() < 2) return Fail("usage: traceroute SITE");
  const Target t = l.TargetOf(1, l.w.size());
  if (!t.error.empty()) return Fail(t.error);
  return l.Ok(cmd::Traceroute{t.site, t.node});
}

CommandParse ParseShowInterface(const Line& l) {
  if (l.w.size() < 3) return Fail("usage: show interface NODE[/IF]");
  if (l.w.size() > 3) return Fail("usage: show interface NODE[/IF] (one router)");
  cmd::ShowInterface s;
  std::string node = l.w[2];
  // NODE/IF: the interface number after the last slash, when it is a number.
  if (const auto slash = node.rfind('/'); slash != std::string::npos) {
    if (const auto n = ParseNumber(node.substr(slash + 1)); n && *n >= 1) {
      s.interface = static_cast<int>(*n);
      node = node.substr(0, slash);
    }
  }
  const Target t = ResolveTarget(node, l.twin, l.names);
  if (!t.error.empty()) return Fail(t.error);
  s.node = t.node;
  return l.Ok(s);
}

CommandParse ParseShow(const Line& l) {
  static const std::vector<std::string> kWhat{"interface", "route", "alarms", "conference", "tickets", "teams"};
  if (l.w.size() < 2) return Fail("usage: show interface|route|alarms|conference|tickets|teams ...");
  const std::string& what = l.w[1];
  if (what == "alarms") {
    // A team seat sees its region's alarms; `all` asks for every one.
    if (l.w.size() > 3 || (l.w.size() == 3 && l.w[2] != "all")) return Fail("usage: show alarms [all]");
    return l.Ok(cmd::ShowAlarms{l.w.size() == 3});
  }
  if (what == "tickets") {
    if (l.w.size() > 2) return Fail("usage: show tickets");
    return l.Ok(cmd::ShowTickets{});
  }
  if (what == "conference" || what == "teams") {
    // An optional province: the whole conference (every team), or one province's.
    twin::SiteId province;
    if (l.w.size() > 2) {
      const Target t = l.TargetOf(2, l.w.size());
      if (!t.error.empty()) return Fail(t.error);
      province = t.site;
    }
    return what == "teams" ? l.Ok(cmd::ShowTeams{province}) : l.Ok(cmd::ShowConference{province});
  }
  if (what == "interface") return ParseShowInterface(l);
  if (what == "route") {
    if (l.w.size() < 3) return Fail("usage: show route NODE [DEST]");
    if (l.w.size() > 4) return Fail("usage: show route NODE [DEST] (DEST: a site id or an address)");
    const Target t = l.TargetOf(2, 3);
    if (!t.error.empty()) return Fail(t.error);
    return l.Ok(cmd::ShowRoute{t.node, l.w.size() == 4 ? l.w[3] : std::string()});
  }
  const std::string hint = SuggestHint(what, kWhat);
  return Fail("show what? interface, route, alarms, conference or tickets" + (hint.empty() ? "" : " (" + hint + ")"));
}

CommandParse ParseDeclare(const Line& l) {
  if (l.w.size() < 3 || l.w[1] != "cause") return Fail("usage: declare cause ELEMENT");
  std::string error;
  const auto element = l.Element(2, error);
  if (!element) return Fail(error);
  return l.Ok(cmd::DeclareCause{*element});
}

CommandParse ParseAlarmState(const Line& l, OperatorState state) {
  const std::string& verb = l.w[0];
  if (l.w.size() < 2) return Fail("usage: " + verb + " A-N (an alarm id from show alarms), or " + verb + " ELEMENT");
  cmd::SetAlarmState a;
  a.state = state;
  if (l.w.size() == 2 && IsAlarmId(l.w[1])) {
    a.alarm = l.w[1];
    return l.Ok(a);
  }
  // An element: the alarm on it (a link, a router, a group, a site).
  std::string error;
  const auto element = l.Element(1, error);
  if (!element) return Fail(error);
  a.element = *element;
  return l.Ok(a);
}

CommandParse ParseTicket(const Line& l) {
  if (l.w.size() < 3) return Fail("usage: ticket open SEVERITY TEXT | ticket note T-N TEXT | ticket close T-N [TEXT]");
  if (l.w[1] == "open") {
    const auto severity = ParseSeverity(l.w[2]);
    if (!severity) return Fail("a ticket's severity is critical, major, minor or warning, not \"" + l.w[2] + "\"");
    if (l.w.size() < 4) return Fail("usage: ticket open SEVERITY TEXT (say what is wrong)");
    return l.Ok(cmd::OpenTicket{*severity, Join(l.w, 3, l.w.size())});
  }
  if (l.w[1] == "note" || l.w[1] == "close") {
    if (!IsTicketId(l.w[2])) return Fail("usage: ticket " + l.w[1] + " T-N ... (a ticket id from show tickets)");
    if (l.w[1] == "note" && l.w.size() < 4) return Fail("usage: ticket note T-N TEXT");
    return l.Ok(cmd::UpdateTicket{l.w[2], Join(l.w, 3, l.w.size()), l.w[1] == "close"});
  }
  return Fail("ticket open, note or close, not \"" + l.w[1] + "\"");
}

CommandParse ParseMessage(const Line& l) {
  const std::string& verb = l.w[0];
  const std::string rest = Join(l.w, 1, l.w.size());
  const auto colon = rest.find(": ");  // site ids hold colons too: the text follows ": "
  if (colon == std::string::npos || colon + 2 >= rest.size()) return Fail("usage: " + verb + (verb == "caller" ? " SITE: TEXT" : " SITE|leadership|vptw|security: TEXT"));
  const bool caller = verb == "caller";
  if (caller && !l.Staff()) return Fail("only an instructor or the scenario speaks for callers");
  for (const auto& [word, to] : RecipientWords()) {
    if (!caller && rest.substr(0, colon) == word) return l.Ok(cmd::SendMessage{twin::SiteId(), rest.substr(colon + 2), false, to});
  }
  const Target t = ResolveTarget(rest.substr(0, colon), l.twin, l.names);
  if (!t.error.empty()) return Fail(t.error);
  return l.Ok(cmd::SendMessage{t.site, rest.substr(colon + 2), caller});
}

CommandParse ParsePace(const Line& l) {
  const std::string& verb = l.w[0];
  if (verb == "end") {
    if (!l.Staff()) return Fail("only an instructor or the scenario ends a run");
    if (l.w.size() != 1) return Fail("usage: end (no argument)");
    return l.Ok(cmd::End{});
  }
  cmd::SetPace p;
  p.verb = verb == "speed" ? Verb::Speed : verb == "pause" ? Verb::Pause : Verb::Resume;
  if (p.verb == Verb::Speed) {
    if (l.w.size() != 2) return Fail("usage: speed " + SpeedChoices());
    const auto speed = ParseSpeed(l.w[1]);
    if (!speed) return Fail("speed is one of " + SpeedChoices() + " (0 pauses), not \"" + l.w[1] + "\"");
    p.speed = *speed;
  } else if (l.w.size() != 1) {
    return Fail("usage: " + verb + " (no argument)");
  }
  return l.Ok(p);
}

// The words of a fault or restoration: "fault ACTION:ELEMENT[k=v]", "backup on|off SITE", "ACTION ELEMENT [k=v ...]".
std::optional<FaultWords> ActionWords(const Line& l, bool& asFault, std::string& error) {
  const std::string& verb = l.w[0];
  FaultWords words;
  if (verb == "fault") {
    asFault = true;
    if (l.w.size() != 2) {
      error = "usage: fault ACTION:ELEMENT[key=value,...] (as sim --fault, without @TIME)";
      return std::nullopt;
    }
    Diagnostics diags;
    auto split = SplitFaultText(l.w[1], false, l.w[1], diags);
    if (!split) {
      error = diags.Items().empty() ? "cannot parse \"" + l.w[1] + "\"" : diags.Items().front().message;
      return std::nullopt;
    }
    words = std::move(*split);
    return words;
  }
  if (verb == "backup") {
    if (l.w.size() < 3 || (l.w[1] != "on" && l.w[1] != "off")) {
      error = "usage: backup on|off SITE";
      return std::nullopt;
    }
    const Target t = l.TargetOf(2, l.w.size());
    if (!t.error.empty()) {
      error = t.error;
      return std::nullopt;
    }
    // The site's standby links: 4G, VSAT.
    for (const Link& link : l.twin.Links()) {
      const bool mine = l.twin.GetNode(link.a).site == t.site || l.twin.GetNode(link.b).site == t.site;
      if (mine && link.role == LinkRole::Backup) {
        words.action = l.w[1] == "on" ? "enable" : "disable";
        words.element = link.id;
        return words;
      }
    }
    error = l.twin.GetSite(t.site).id + " has no standby backup link";
    return std::nullopt;
  }
  std::vector<std::string> element;
  for (std::size_t i = 1; i < l.w.size(); ++i) {
    const auto eq = l.w[i].find('=');
    if (eq == std::string::npos) {
      element.push_back(l.w[i]);
    } else {
      words.params.emplace_back(l.w[i].substr(0, eq), l.w[i].substr(eq + 1));
    }
  }
  if (element.empty()) {
    std::vector<std::string> known = CompletionWords(l.role);
    const std::string hint = SuggestHint(verb, known);
    error = "unknown command \"" + verb + "\"" + (hint.empty() ? "" : " (" + hint + ")") + "; type help";
    return std::nullopt;
  }
  words.action = verb;
  words.element = Join(element, 0, element.size());
  return words;
}

CommandParse ParseAction(const Line& l) {
  cmd::Act act;
  std::string error;
  auto words = ActionWords(l, act.asFault, error);
  if (!words) return Fail(error);
  Diagnostics diags;
  const std::string spec = FormatFault(*words);
  auto fault = ResolveFault(*words, l.twin, l.names, spec, 0.0, diags);
  if (!fault) {
    std::string message = diags.Items().empty() ? "cannot parse \"" + spec + "\"" : diags.Items().front().message;
    if (!diags.Items().empty() && !diags.Items().front().hint.empty()) message += " (" + diags.Items().front().hint + ")";
    if (message.rfind("unknown action", 0) == 0) message = "unknown command \"" + l.w[0] + "\"; type help";
    return Fail(message);
  }
  if (l.role == Role::Trainee && !IsRestoration(fault->action)) {
    return Fail("\"" + l.w[0] + "\" is a fault: only an instructor or the scenario may inject it");
  }
  act.words = std::move(*words);
  act.fault = std::move(*fault);
  return l.Ok(std::move(act));
}

}  // namespace

CommandParse ParseCommand(std::string_view text, Role role, const Twin& twin, const NameIndex& names) {
  // Text only: a line that is not UTF-8 would reach the journal, a ticket or a report as bytes no reader takes.
  if (!twin::IsValidUtf8(text)) return Fail("the command is not UTF-8 text");
  if (text.find('\0') != std::string_view::npos) return Fail("the command holds a NUL character");
  const std::vector<std::string> w = Split(text);
  if (w.empty()) return Fail("an empty command (type help for the list)");
  const Line l{w, role, twin, names};
  const std::string& verb = w[0];
  if (verb == "ping") return ParsePing(l);
  if (verb == "traceroute") return ParseTraceroute(l);
  if (verb == "show") return ParseShow(l);
  if (verb == "declare") return ParseDeclare(l);
  if (verb == "ack") return ParseAlarmState(l, OperatorState::Ack);
  if (verb == "shelve") return ParseAlarmState(l, OperatorState::Shelved);
  if (verb == "unshelve") return ParseAlarmState(l, OperatorState::None);
  if (verb == "close") return ParseAlarmState(l, OperatorState::Closed);
  if (verb == "ticket") return ParseTicket(l);
  if (verb == "message" || verb == "caller") return ParseMessage(l);
  if (verb == "speed" || verb == "pause" || verb == "resume" || verb == "end") return ParsePace(l);
  if (verb == "hint") {
    if (w.size() > 2) return Fail("usage: hint [OBJECTIVE]");
    return l.Ok(cmd::RequestHint{w.size() == 2 ? w[1] : std::string()});
  }
  return ParseAction(l);
}

}  // namespace netdrill::session
