// Reading a drill from YAML: every key located, every problem reported at once.
#include "drill/drill.h"
#include "drill/procedure.h"

#include "twin/confine.h"
#include "twin/csv.h"
#include "twin/limits.h"
#include "twin/text.h"
#include "twin/units.h"
#include "twin/yaml-reader.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace netdrill::drill {

const std::vector<std::pair<std::string, Task>>& TaskWords() {
  static const std::vector<std::pair<std::string, Task>> words{
      {"ack", Task::Ack},         {"declare", Task::Declare}, {"restore", Task::Restore}, {"ticket", Task::Ticket},
      {"message", Task::Message}, {"action", Task::Action},   {"order", Task::Order}};
  return words;
}

const std::vector<std::pair<std::string, OutcomeKind>>& OutcomeWords() {
  static const std::vector<std::pair<std::string, OutcomeKind>> words{
      {"attack_toward", OutcomeKind::AttackBelow},   {"cost_implied", OutcomeKind::CostImplied},
      {"mcu_serving", OutcomeKind::McuServing},      {"branch_moved", OutcomeKind::BranchMoved},
      {"conference_good_pct", OutcomeKind::ConferenceGood}, {"no_leak", OutcomeKind::LeakWithdrawn},
      {"no_blackhole", OutcomeKind::BlackholeWithdrawn},    {"isolated", OutcomeKind::HostIsolated},
      {"link_lit", OutcomeKind::LinkLit},            {"team_sent", OutcomeKind::TeamSent},
      {"reachable", OutcomeKind::SitesReachable},    {"powered", OutcomeKind::Powered},
      {"no_vrf_leak", OutcomeKind::VrfLeakWithdrawn}, {"mgmt_locked", OutcomeKind::ManagementLocked},
      {"prioritised", OutcomeKind::Prioritised},
      {"command", OutcomeKind::Command}};
  return words;
}

const char* OutcomeName(OutcomeKind kind) {
  for (const auto& [word, value] : OutcomeWords()) {
    if (value == kind) return word.c_str();
  }
  return "command";
}

const std::vector<std::pair<std::string, Assist>>& AssistWords() {
  static const std::vector<std::pair<std::string, Assist>> words{
      {"guided", Assist::Guided}, {"standard", Assist::Standard}, {"exam", Assist::Exam}};
  return words;
}

const char* AssistName(Assist assist) {
  for (const auto& [word, value] : AssistWords()) {
    if (value == assist) return word.c_str();
  }
  return "guided";
}

std::optional<Assist> ParseAssist(const std::string& word) {
  for (const auto& [w, value] : AssistWords()) {
    if (w == word) return value;
  }
  return std::nullopt;
}

AssistRules RulesOf(Assist assist) {
  AssistRules r;
  if (assist == Assist::Guided) return r;
  r.instructorTitles = r.liveTicks = r.timedHints = false;
  if (assist == Assist::Standard) return r;
  r.hintsOnRequest = r.procedure = r.offeredActions = r.rootCauseFolding = false;
  return r;
}

Text ObjectiveBrief(const Objective& o) {
  if (o.brief) return *o.brief;
  switch (o.task) {
    case Task::Ack: return {"Xác nhận cảnh báo của sự cố", "Acknowledge the incident's alarm"};
    case Task::Declare: return {"Xác định nguyên nhân", "Find the cause"};
    case Task::Restore: return {"Khôi phục dịch vụ", "Restore service"};
    case Task::Ticket: return {"Mở phiếu sự cố", "Open an incident ticket"};
    case Task::Message: return {"Thông báo cho người liên quan", "Inform those concerned"};
    case Task::Action: return {"Xử lý sự cố", "Deal with the incident"};
    case Task::Order: return {"Đúng thứ tự ưu tiên", "Respect the priorities"};
  }
  return {"Mục tiêu", "Objective"};
}

const char* SkillOf(Task task) {
  switch (task) {
    case Task::Ack: return "detect";
    case Task::Declare: return "diagnose";
    case Task::Ticket:
    case Task::Message: return "communicate";
    default: return "restore";
  }
}

double WrongDeclarationCost(const Drill& drill) {
  if (drill.wrongCost) return *drill.wrongCost;
  for (const Objective& o : drill.objectives) {
    if (o.task == Task::Declare) return o.weight / 3.0;
  }
  return 0.0;
}

const char* TaskName(Task task) {
  for (const auto& [word, value] : TaskWords()) {
    if (value == task) return word.c_str();
  }
  return "ack";
}

using twin::SourceLoc;

namespace {

const std::vector<std::string> kKpis{"conference_good_pct", "sites_unreachable", "provinces_unreachable"};

class Reader {
public:
  Reader(const std::string& file, twin::Diagnostics& diags, int depth = 0)
      : m_file(file), m_diags(diags), m_y(file, diags), m_depth(depth) {}

  /// `fragment`: an included file, which adds picks, events, objectives, penalties and checks.
  void Read(const YAML::Node& root, Drill& d, bool fragment = false);

private:
  using Handler = std::function<void(const YAML::Node&, SourceLoc, const std::string&)>;
  const std::string& m_file;
  twin::Diagnostics& m_diags;
  // Every node is checked through it before it is read: a wrong kind is
  // error[bad-type] at its place ("expected a list, got a map"), never a throw.
  twin::YamlAccess m_y;
  int m_depth = 0;
  void Include(const std::string& relative, SourceLoc loc, const std::string& path, Drill& d);

  SourceLoc Loc(const YAML::Node& n) { return m_y.Loc(n); }
  void Error(SourceLoc loc, const std::string& path, const std::string& code, const std::string& message,
             const std::string& hint = {}) {
    m_diags.Error(code, m_file, loc, path, message, hint);
  }
  void Map(const YAML::Node& node, const std::string& path, const std::map<std::string, Handler>& handlers,
           const std::vector<std::string>& required = {}) {
    const SourceLoc loc = Loc(node);
    std::set<std::string> seen;
    const bool isMap = m_y.ForEachEntry(node, path, [&](const std::string& key, SourceLoc keyLoc, const YAML::Node& v) {
      auto h = handlers.find(key);
      if (h == handlers.end()) {
        std::vector<std::string> known;
        for (const auto& [k, unused] : handlers) known.push_back(k);
        Error(keyLoc, path, "unknown-key", "unknown key \"" + key + "\"", twin::SuggestHint(key, known));
        return;
      }
      seen.insert(key);
      h->second(v, Loc(v), twin::JoinPath(path, key));
    });
    if (!isMap) return;
    for (const std::string& r : required) {
      if (!seen.count(r)) Error(loc, path, "missing-key", "\"" + r + "\" is required here");
    }
  }
  // A list; nothing (`events:` alone) is an empty one.
  template <class F>
  void Seq(const YAML::Node& node, const std::string& path, F each) {
    if (twin::IsNothing(node)) return;
    m_y.ForEachItem(node, path, [&](std::size_t i, const YAML::Node& item) {
      each(item, Loc(item), path + "[" + std::to_string(i) + "]");
    });
  }
  Handler String(std::string& out) {
    return [this, &out](const YAML::Node& n, SourceLoc, const std::string& path) {
      if (auto s = m_y.String(n, path)) out = std::move(*s);
    };
  }
  // One of a table's words, stored as its value.
  template <class E>
  Handler Choice(E& out, std::vector<std::pair<std::string, E>> table) {
    return [this, &out, table](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      if (!m_y.IsScalar(n, path)) return;
      std::vector<std::string> words;
      for (const auto& [word, value] : table) {
        if (word == n.Scalar()) {
          out = value;
          return;
        }
        words.push_back(word);
      }
      std::string list;
      for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
      Error(loc, path, "bad-value", "expected one of " + list, twin::SuggestHint(n.Scalar(), words));
    };
  }
  template <class E>
  Handler ChoiceOptional(std::optional<E>& out, std::vector<std::pair<std::string, E>> table) {
    return [this, &out, table](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      E value{};
      const int before = m_diags.ErrorCount();
      Choice(value, table)(n, loc, path);
      if (m_diags.ErrorCount() == before) out = value;
    };
  }
  Handler OneOf(std::string& out, std::vector<std::string> allowed) {
    return [this, &out, allowed](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      if (!m_y.IsScalar(n, path)) return;
      if (std::find(allowed.begin(), allowed.end(), n.Scalar()) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        Error(loc, path, "bad-value", "expected one of " + list, twin::SuggestHint(n.Scalar(), allowed));
        return;
      }
      out = n.Scalar();
    };
  }
  Handler Number(double& out, double min, double max) {
    return [this, &out, min, max](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      if (!m_y.IsScalar(n, path)) return;
      const auto v = twin::ParseNumber(n.Scalar());
      if (!v || *v < min || *v > max) {
        Error(loc, path, "bad-value", "expected a number from " + twin::FormatNumber(min) + " to " + twin::FormatNumber(max));
        return;
      }
      out = *v;
    };
  }
  Handler Optional(std::optional<double>& out, double min, double max) {
    return [this, &out, min, max](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      double v = 0;
      const auto before = m_diags.ErrorCount();
      Number(v, min, max)(n, loc, path);
      if (m_diags.ErrorCount() == before) out = v;
    };
  }
  Handler Duration(double& out) {
    return [this, &out](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      if (!m_y.IsScalar(n, path)) return;
      const auto v = twin::ParseDurationSeconds(n.Scalar());
      if (!v || *v < 0) {
        Error(loc, path, "bad-time", "expected a time like 90s, 5m or 1h30m");
        return;
      }
      if (const auto wrong = twin::RunLengthRefusal(*v)) {
        Error(loc, path, "bad-time", *wrong);
        return;
      }
      out = *v;
    };
  }
  Handler OptionalDuration(std::optional<double>& out) {
    return [this, &out](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      double v = 0;
      const auto before = m_diags.ErrorCount();
      Duration(v)(n, loc, path);
      if (m_diags.ErrorCount() == before) out = v;
    };
  }
  Handler Bool(bool& out) {
    return [this, &out](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      if (!m_y.IsScalar(n, path)) return;
      if (n.Scalar() != "true" && n.Scalar() != "false") {
        Error(loc, path, "bad-value", "expected true or false");
        return;
      }
      out = n.Scalar() == "true";
    };
  }
  // Text: "just Vietnamese" or {vi: ..., en: ...}.
  Handler Bilingual(Text& out) {
    return [this, &out](const YAML::Node& n, SourceLoc, const std::string& path) {
      if (n.IsScalar()) {
        out.vi = n.Scalar();
        return;
      }
      if (!m_y.Expect(n.IsMap(), n, path, "text, or {vi: ..., en: ...}")) return;
      Map(n, path, {{"vi", String(out.vi)}, {"en", String(out.en)}}, {"vi"});
    };
  }
  // One value, or a list of them; nothing is none.
  Handler Strings(std::vector<std::string>& out) {
    return [this, &out](const YAML::Node& n, SourceLoc, const std::string& path) {
      if (n.IsScalar()) {
        out.push_back(n.Scalar());
        return;
      }
      Seq(n, path, [&](const YAML::Node& item, SourceLoc, const std::string& itemPath) {
        if (auto s = m_y.String(item, itemPath)) out.push_back(std::move(*s));
      });
    };
  }
  std::vector<std::string> m_fragmentFiles;
  Handler PickHandler(Drill& d) {
    return [this, &d](const YAML::Node& v, SourceLoc, const std::string& p) {
      if (!m_y.Expect(v.IsMap(), v, p, "a map: pick id -> what to pick")) return;
      m_y.ForEachEntry(v, p, [&](const std::string& id, SourceLoc idLoc, const YAML::Node& body) {
        Pick pick;
        ReadPick(id, body, idLoc, p + "." + id, pick);
        d.picks.push_back(pick);
      });
    };
  }
  // A list of maps, each read by `read` and appended to `out`; an item that is
  // no map is reported (bad-type) and left out, so nothing follows from it.
  template <class T, class F>
  Handler ListOf(std::vector<T>& out, F read) {
    return [this, &out, read](const YAML::Node& v, SourceLoc, const std::string& p) {
      Seq(v, p, [&](const YAML::Node& item, SourceLoc loc, const std::string& ip) {
        if (!m_y.IsMap(item, ip)) return;
        T value;
        read(item, loc, ip, value);
        out.push_back(value);
      });
    };
  }
  Handler SteadyHandler(Drill& d) {
    return ListOf(d.steadyState, [this](const YAML::Node& item, SourceLoc, const std::string& ip, SteadyCheck& c) {
      Map(item, ip, {{"kpi", OneOf(c.kpi, kKpis)}, {"min", Optional(c.min, -1e9, 1e9)}, {"max", Optional(c.max, -1e9, 1e9)}},
          {"kpi"});
    });
  }
  Handler EventsHandler(Drill& d) {
    return ListOf(d.events, [this](const YAML::Node& item, SourceLoc loc, const std::string& ip, Event& e) {
      ReadEvent(item, loc, ip, e);
    });
  }
  Handler ObjectivesHandler(Drill& d) {
    return ListOf(d.objectives, [this](const YAML::Node& item, SourceLoc loc, const std::string& ip, Objective& o) {
      ReadObjective(item, loc, ip, o);
    });
  }
  Handler PenaltiesHandler(Drill& d) {
    return ListOf(d.penalties, [this](const YAML::Node& item, SourceLoc, const std::string& ip, Penalty& pen) {
      Map(item, ip, {{"task", OneOf(pen.task, {"worsen"})}, {"points", Number(pen.points, 0, 100)}}, {"task", "points"});
    });
  }
  void ReadPick(const std::string& id, const YAML::Node& n, SourceLoc loc, const std::string& path, Pick& p);
  void ReadTrigger(const YAML::Node& n, const std::string& path, Trigger& t);
  void ReadEvent(const YAML::Node& n, SourceLoc loc, const std::string& path, Event& e);
  void ReadObjective(const YAML::Node& n, SourceLoc loc, const std::string& path, Objective& o);
  void ReadOutcome(const YAML::Node& n, SourceLoc loc, const std::string& path, Outcome& out);
};

// One outcome: a map with one of the outcome words (and below_mbps beside attack_toward).
void Reader::ReadOutcome(const YAML::Node& n, SourceLoc loc, const std::string& path, Outcome& out) {
  out.loc = loc;
  int kinds = 0;
  std::optional<double> below;
  std::map<std::string, Handler> keys{{"below_mbps", Optional(below, 0, 1e9)}};
  for (const auto& [word, kind] : OutcomeWords()) {
    const OutcomeKind k = kind;
    keys[word] = [this, &out, &kinds, k](const YAML::Node& v, SourceLoc l, const std::string& p) {
      ++kinds;
      out.kind = k;
      if (k == OutcomeKind::SitesReachable) Strings(out.sites)(v, l, p);
      else if (k == OutcomeKind::ConferenceGood) Number(out.value, 0, 100)(v, l, p);
      else if (k == OutcomeKind::Command) String(out.command)(v, l, p);
      else String(out.element)(v, l, p);
    };
  }
  Map(n, path, keys);
  if (!n.IsMap()) return;  // reported as bad-type
  if (kinds != 1) {
    std::string list;
    for (const auto& [word, kind] : OutcomeWords()) list += (list.empty() ? "" : ", ") + word;
    Error(loc, path, "bad-outcome", "an outcome names one state: one of " + list);
  }
  if (below && out.kind != OutcomeKind::AttackBelow) Error(loc, path, "bad-outcome", "below_mbps goes with attack_toward");
  if (kinds == 1 && out.kind == OutcomeKind::SitesReachable && out.sites.empty()) {
    Error(loc, path, "bad-outcome", "reachable needs at least one site");
  }
  if (below) out.value = *below;
}


void Reader::ReadPick(const std::string& id, const YAML::Node& n, SourceLoc loc, const std::string& path, Pick& p) {
  p.id = id;
  p.loc = loc;
  p.file = m_file;
  double count = 1;
  std::string kind;
  std::optional<YAML::Node> body;  // only ever emplaced: assigning to a bound node rewrites the document
  auto choose = [&](const std::string& which) {
    return [&, which](const YAML::Node& v, SourceLoc, const std::string&) {
      kind = which;
      body.emplace(v);
    };
  };
  Map(n, path, {{"site", choose("site")}, {"link", choose("link")}});
  if (!n.IsMap()) return;  // reported as bad-type
  if (kind.empty()) {
    Error(loc, path, "bad-pick", "a pick chooses a site: {...} or a link: {...}");
    return;
  }
  p.kind = kind == "site" ? Pick::Kind::Site : Pick::Kind::Link;
  std::map<std::string, Handler> keys{{"level", OneOf(p.level, twin::SiteLevelNames())},
                                      {"among", Strings(p.among)},
                                      {"in", String(p.within)},
                                      {"count", Number(count, 1, 100)},
                                      {"with_backup", Bool(p.hasBackup)}};
  if (p.kind == Pick::Kind::Link) {
    keys.erase("among");
    keys.erase("level");
    keys["from"] = OneOf(p.level, twin::SiteLevelNames());
    keys["to"] = OneOf(p.upperLevel, twin::SiteLevelNames());
    keys["single_homed"] = Bool(p.singleHomed);
  }
  if (!twin::IsNothing(*body)) Map(*body, path + "." + kind, keys);  // `site:` alone: any site
  p.count = static_cast<int>(count);
}

void Reader::ReadTrigger(const YAML::Node& n, const std::string& path, Trigger& t) {
  Map(n, path,
      {{"at", OptionalDuration(t.atS)},
       {"not_done", String(t.notDone)},
       {"command", String(t.command)},
       {"kpi", OneOf(t.kpi, kKpis)},
       {"below", Optional(t.below, -1e9, 1e9)},
       {"above", Optional(t.above, -1e9, 1e9)}});
}

void Reader::ReadEvent(const YAML::Node& n, SourceLoc loc, const std::string& path, Event& e) {
  e.loc = loc;
  e.file = m_file;
  double at = -1;
  Map(n, path,
      {{"at", [&](const YAML::Node& v, SourceLoc l, const std::string& p) {
          Duration(at)(v, l, p);
          e.when.atS = at >= 0 ? std::optional<double>(at) : std::nullopt;
        }},
       {"when", [&](const YAML::Node& v, SourceLoc, const std::string& p) { ReadTrigger(v, p, e.when); }},
       {"after", Duration(e.delayS)},
       {"do", String(e.command)},
       {"caller", [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          Text text;
          Map(v, p, {{"site", String(e.callerSite)}, {"text", Bilingual(text)}}, {"site", "text"});
          e.caller = text;
        }},
       {"hint", String(e.hint)}});
  if (!e.when.atS && e.when.notDone.empty() && e.when.command.empty() && e.when.kpi.empty()) {
    Error(loc, path, "bad-event", "an event needs a time (at: 5m) or a trigger (when: ...)");
  }
  const int actions = !e.command.empty() + e.caller.has_value() + !e.hint.empty();
  if (actions != 1) Error(loc, path, "bad-event", "an event does one thing: do, caller or hint");
}

void Reader::ReadObjective(const YAML::Node& n, SourceLoc loc, const std::string& path, Objective& o) {
  o.loc = loc;
  o.file = m_file;
  SourceLoc commandLoc = loc;
  Map(n, path,
      {{"id", String(o.id)},
       {"title", Bilingual(o.title)},
       {"task", Choice(o.task, TaskWords())},
       {"first", String(o.first)},
       {"then", String(o.then)},
       {"target", String(o.target)},
       {"sites", Strings(o.sites)},
       {"conference_good_pct", Optional(o.conferencePct, 0, 100)},
       {"severity", ChoiceOptional(o.severity, std::vector<std::pair<std::string, session::AlarmSeverity>>{
                                           {"critical", session::AlarmSeverity::Critical},
                                           {"major", session::AlarmSeverity::Major},
                                           {"minor", session::AlarmSeverity::Minor},
                                           {"warning", session::AlarmSeverity::Warning}})},
       {"command", [&](const YAML::Node& v, SourceLoc l, const std::string& p) {
          commandLoc = l;
          String(o.command)(v, l, p);
        }},
       {"after", Duration(o.afterS)},
       {"by", Duration(o.byS)},
       {"weight", Number(o.weight, 0, 100)},
       {"step", String(o.step)},
       {"evidence", Bool(o.evidence)},
       {"brief", [&](const YAML::Node& v, SourceLoc l, const std::string& p) {
          Text brief;
          Bilingual(brief)(v, l, p);
          o.brief = brief;
        }},
       {"incident", String(o.incident)},
       {"outcome", [&](const YAML::Node& v, SourceLoc l, const std::string& p) {
          if (!m_y.IsMap(v, p)) return;
          Outcome out;
          ReadOutcome(v, l, p, out);
          o.anyOf.push_back(out);
        }},
       {"any_of", ListOf(o.anyOf, [this](const YAML::Node& item, SourceLoc l, const std::string& ip, Outcome& out) {
          ReadOutcome(item, l, ip, out);
        })},
       {"stay", Bool(o.stay)},
       {"names", String(o.names)},
       {"impact", Bool(o.impact)},
       {"hint", [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          Hint h;
          Map(v, p, {{"text", Bilingual(h.text)}, {"after", Duration(h.afterS)}, {"cost", Number(h.cost, 0, 100)}},
              {"text"});
          o.hint = h;
        }}},
      {"id", "task", "by", "weight"});
  // What each task needs.
  if ((o.task == Task::Ack || o.task == Task::Declare) && o.target.empty()) {
    Error(loc, path, "bad-objective", std::string(TaskName(o.task)) + " needs a target: the element whose alarm or cause it is");
  }
  if (o.task == Task::Restore && o.sites.empty() && !o.conferencePct) {
    Error(loc, path, "bad-objective", "restore needs sites: [...] or conference_good_pct: N");
  }
  if (o.task == Task::Action && o.command.empty() && o.anyOf.empty()) {
    Error(loc, path, "bad-objective", "action needs an outcome: {...}, any_of: [...] or a command: \"...\"");
  }
  if (o.task != Task::Action && !o.anyOf.empty()) Error(loc, path, "bad-objective", "outcome and any_of go with task: action");
  if (!o.command.empty() && o.task == Task::Action) {
    Outcome typed;  // the typed-prefix match: the last of the alternatives
    typed.kind = OutcomeKind::Command;
    typed.command = o.command;
    typed.loc = commandLoc;
    o.anyOf.push_back(typed);
  }
  if (o.stay && o.task != Task::Restore && o.task != Task::Action) {
    Error(loc, path, "bad-objective", "stay goes with task: restore or action");
  }
  if (o.stay && std::any_of(o.anyOf.begin(), o.anyOf.end(), [](const Outcome& out) { return IsDoneOutcome(out.kind); })) {
    Error(loc, path, "bad-objective", "stay needs states that can break again: command and team_sent are done once");
  }
  if ((!o.names.empty() || o.impact) && o.task != Task::Ticket) {
    Error(loc, path, "bad-objective", "names and impact go with task: ticket");
  }
  if (o.task == Task::Order && (o.first.empty() || o.then.empty())) {
    Error(loc, path, "bad-objective", "order needs first: OBJECTIVE and then: OBJECTIVE (the priority to respect)");
  }
}

void Reader::Include(const std::string& relative, SourceLoc loc, const std::string& path, Drill& d) {
  // Inside the folder of the drill's top file, never outside it.
  const std::filesystem::path rel(relative);
  bool escapes = rel.is_absolute() || relative.empty();
  for (const auto& part : rel) escapes = escapes || part == "..";
  if (escapes) {
    Error(loc, path, "bad-include", "\"" + relative + "\": an include is a path inside the drill's folder (no .., not absolute)");
    return;
  }
  if (m_depth >= 8) {
    Error(loc, path, "bad-include", "includes nest deeper than 8 (a cycle?)");
    return;
  }
  const std::string file = (std::filesystem::path(d.file).parent_path() / rel).string();
  if (const auto outside = twin::OutsideFolders(file, ReachableFolders(d.file))) {  // a symlink out of the folder
    Error(loc, path, "outside", "\"" + relative + "\": " + *outside);
    return;
  }
  twin::Diagnostics unread;
  const auto text = twin::ReadFile(file, unread);
  if (!text) {
    Error(loc, path, "bad-include", "cannot read \"" + relative + "\" (" + file + "): " + unread.Items().front().message);
    return;
  }
  const auto root = twin::ParseYaml(*text, file, m_diags);
  if (!root) return;
  d.includes.push_back(relative);
  m_fragmentFiles.push_back(file);  // kept alive: the fragment's reader refers to its name
  Reader(m_fragmentFiles.back(), m_diags, m_depth + 1).Read(*root, d, true);
}

void Reader::Read(const YAML::Node& root, Drill& d, bool fragment) {
  // What a fragment may hold too: picks, checks, events, objectives, penalties, its own includes.
  std::map<std::string, Handler> keys{
      {"include", [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
         std::vector<std::string> files;
         Strings(files)(v, loc, p);
         for (const auto& f : files) Include(f, loc, p, d);
       }},
      {"pick", PickHandler(d)},
      {"steady_state", SteadyHandler(d)},
      {"events", EventsHandler(d)},
      {"objectives", ObjectivesHandler(d)},
      {"penalties", PenaltiesHandler(d)}};
  if (fragment) {
    Map(root, "", keys);
    return;
  }
  keys.insert({{"drill", [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
                  const auto version = m_y.String(v, p);
                  if (version && *version != "1") Error(loc, p, "bad-version", "this netdrill reads drill format 1");
                }},
               {"id", [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
                  String(d.id)(v, loc, p);
                  if (const auto wrong = twin::IdTextRefusal(d.id)) Error(loc, p, "bad-id", "the drill's id: " + *wrong);
                  else if (d.id.empty()) Error(loc, p, "bad-id", "the drill's id is empty");
                }},
               {"title", Bilingual(d.title)},
               {"briefing", Bilingual(d.briefing)},
               {"audience", Bilingual(d.audience)},
               {"difficulty", OneOf(d.difficulty, {"easy", "medium", "hard"})},
               {"duration", Duration(d.durationS)},
               {"clock", String(d.clock)},
               {"network", [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
                  d.networkLoc = loc;
                  String(d.network)(v, loc, p);
                }},
               {"fidelity", OneOf(d.fidelity, {"hybrid", "fluid", "packet"})},
               {"max_speed", Number(d.maxSpeed, 0.5, 10)},
               {"conference", [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
                  d.conferenceLoc = loc;
                  String(d.conference)(v, loc, p);
                }},
               {"vpn", Bool(d.vpn)},
               {"procedure", String(d.procedure)},
               {"wrong_cost", Optional(d.wrongCost, 0, 100)},
               {"escalation_cost", Optional(d.escalationCost, 0, 100)},
               {"blind_cost", Optional(d.blindCost, 0, 100)},
               {"collateral", [&](const YAML::Node& v, SourceLoc, const std::string& p) {
                  Map(v, p, {{"per_site_minute", Number(d.collateral.perSiteMinute, 0, 100)},
                             {"per_endpoint_minute", Number(d.collateral.perEndpointMinute, 0, 100)},
                             {"max", Number(d.collateral.max, 0, 100)}});
                }},
               {"assist", Choice(d.assist, AssistWords())},
               {"repairs_finish", Bool(d.repairsFinish)},
               {"field_teams", [&](const YAML::Node& v, SourceLoc l, const std::string& p) {
                  double teams = 2;
                  Number(teams, 1, 50)(v, l, p);
                  if (teams != std::floor(teams)) Error(l, p, "bad-value", "a whole number of teams");
                  d.fieldTeams = static_cast<int>(teams);
                }},
               {"unresolved_cost", Number(d.unresolvedCost, 0, 100)},
               {"team", [&](const YAML::Node& v, SourceLoc, const std::string& p) {
                  // A team drill: its seats, each a desk of the department (session/seat.h).
                  Map(v, p, {{"seats", [&](const YAML::Node& list, SourceLoc, const std::string& sp) {
                                const int errorsBefore = m_diags.ErrorCount();
                                Seq(list, sp, [&](const YAML::Node& item, SourceLoc itemLoc, const std::string& ip) {
                                  const auto word = m_y.String(item, ip);
                                  if (!word) return;
                                  const auto seat = session::ParseSeat(*word);
                                  std::vector<std::string> words;
                                  for (const auto& [w, s] : session::SeatWords()) words.push_back(w);
                                  if (!seat) {
                                    Error(itemLoc, ip, "bad-value", "expected one of " + session::SeatChoices(),
                                          twin::SuggestHint(*word, words));
                                  } else if (std::find(d.seats.begin(), d.seats.end(), *seat) != d.seats.end()) {
                                    Error(itemLoc, ip, "duplicate-id", "the seat \"" + *word + "\" is named twice");
                                  } else {
                                    d.seats.push_back(*seat);
                                  }
                                });
                                if (d.seats.size() == 1 && m_diags.ErrorCount() == errorsBefore)
                                  Error(m_y.Loc(list), sp, "bad-value", "a team has two seats or more (one seat is a drill of one's own)");
                              }}},
                      {"seats"});
                }}});
  Map(root, "", keys, {"drill", "id", "title", "duration", "network", "objectives"});

}

// Checks across keys (and across included fragments): times inside the run,
// objectives named once, weights adding up, references to objectives.
void CrossCheck(const Drill& d, twin::Diagnostics& diags) {
  const SourceLoc top{1, 1};
  // Its size, with what its includes bring (twin/limits.h).
  if (const auto many = twin::CountRefusal(d.events.size(), twin::kMostEvents, "events", "a drill")) {
    const Event& e = d.events[twin::kMostEvents];
    diags.Error("too-many", e.file, e.loc, "events[" + std::to_string(twin::kMostEvents) + "]", *many);
  }
  if (const auto many = twin::CountRefusal(d.objectives.size(), twin::kMostObjectives, "objectives", "a drill")) {
    const Objective& o = d.objectives[twin::kMostObjectives];
    diags.Error("too-many", o.file, o.loc, "objectives[" + std::to_string(twin::kMostObjectives) + "]", *many);
  }
  std::set<std::string> ids;
  double weights = 0.0;
  for (std::size_t i = 0; i < d.objectives.size(); ++i) {
    const Objective& o = d.objectives[i];
    const std::string path = "objectives[" + std::to_string(i) + "]";
    if (!ids.insert(o.id).second) {
      diags.Error("duplicate-id", o.file, o.loc, path + ".id", "objective \"" + o.id + "\" is named twice");
    }
    if (d.durationS > 0 && o.byS > d.durationS) {
      diags.Error("after-end", o.file, o.loc, path + ".by",
                  "the deadline " + twin::FormatNumber(o.byS) + " s is after the end of the drill (" +
                      twin::FormatNumber(d.durationS) + " s)");
    }
    if (o.byS <= o.afterS) {
      diags.Error("never-met", o.file, o.loc, path + ".by", "the deadline is not after the objective starts");
    }
    weights += o.weight;
  }
  if (!d.objectives.empty() && std::abs(weights - 100.0) > 1e-6) {
    diags.Error("bad-weights", d.objectives.front().file, d.objectives.front().loc, "objectives",
                "the weights add up to " + twin::FormatNumber(weights) + ", not 100");
  }
  const std::vector<std::string> known(ids.begin(), ids.end());
  for (std::size_t i = 0; i < d.objectives.size(); ++i) {
    const Objective& o = d.objectives[i];
    if (o.task != Task::Order) continue;
    for (const std::string& ref : {o.first, o.then}) {
      if (ref == o.id || !ids.count(ref)) {
        diags.Error("unknown-objective", o.file, o.loc, "objectives[" + std::to_string(i) + "]",
                    ref == o.id ? "an order objective cannot name itself" : "no objective \"" + ref + "\"",
                    ref == o.id ? "" : twin::SuggestHint(ref, known));
      }
    }
  }
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    const Event& e = d.events[i];
    const std::string path = "events[" + std::to_string(i) + "]";
    if (e.when.atS && d.durationS > 0 && *e.when.atS + e.delayS > d.durationS) {
      diags.Error("after-end", e.file, e.loc, path + ".at",
                  "at " + twin::FormatNumber(*e.when.atS + e.delayS) + " s, after the end of the drill (" +
                      twin::FormatNumber(d.durationS) + " s)");
    }
    for (const std::string& ref : {e.when.notDone, e.hint}) {
      if (!ref.empty() && !ids.count(ref)) {
        diags.Error("unknown-objective", e.file, e.loc, path, "no objective \"" + ref + "\"", twin::SuggestHint(ref, known));
      }
    }
    if (!e.hint.empty()) {
      for (const Objective& o : d.objectives) {
        if (o.id == e.hint && !o.hint) diags.Error("no-hint", e.file, e.loc, path + ".hint", "objective \"" + o.id + "\" has no hint");
      }
    }
  }
  if (d.durationS <= 0) diags.Error("bad-time", d.file, top, "duration", "a drill lasts more than 0 s");
}

}  // namespace

std::optional<Drill> ParseDrill(const std::string& text, const std::string& file, twin::Diagnostics& diags) {
  const int before = diags.ErrorCount();
  const auto root = twin::ParseYaml(text, file, diags);
  if (!root) return std::nullopt;
  if (twin::IsNothing(*root)) {
    diags.Error("empty-file", file, {1, 1}, "", "the drill file is empty");
    return std::nullopt;
  }
  Drill d;
  d.file = file;
  Reader(file, diags).Read(*root, d);
  CrossCheck(d, diags);
  // The procedures it points to, and their steps.
  std::map<std::string, std::optional<Procedure>> procedures;
  auto procedure = [&](const std::string& id, SourceLoc loc, const std::string& path) -> const Procedure* {
    auto it = procedures.find(id);
    if (it == procedures.end()) {
      if (id.empty() || id.find_first_of("/\\") != std::string::npos || id.front() == '.') {
        diags.Error("bad-procedure", file, loc, path, "a procedure is named by its id (fibre-cut), not a path: \"" + id + "\"");
        return nullptr;
      }
      if (const auto outside = twin::OutsideFolders(ProcedurePath(file, id), ReachableFolders(file))) {
        diags.Error("outside", file, loc, path, "procedure \"" + id + "\": " + *outside);
        return nullptr;
      }
      twin::Diagnostics inner;
      it = procedures.emplace(id, LoadProcedure(ProcedurePath(file, id), inner)).first;
      if (!it->second) {
        diags.Error("unknown-procedure", file, loc, path, "no procedure \"" + id + "\" (" + ProcedurePath(file, id) + ")");
      }
    }
    return it->second ? &*it->second : nullptr;
  };
  if (!d.procedure.empty()) procedure(d.procedure, {1, 1}, "procedure");
  for (std::size_t i = 0; i < d.objectives.size(); ++i) {
    const Objective& o = d.objectives[i];
    if (o.step.empty()) continue;
    const std::string path = "objectives[" + std::to_string(i) + "].step";
    const auto slash = o.step.find('/');
    const auto n = slash == std::string::npos ? std::nullopt : twin::ParseNumber(o.step.substr(slash + 1));
    if (!n) {
      diags.Error("bad-step", file, o.loc, path, "a step is PROCEDURE/N, e.g. fibre-cut/2");
      continue;
    }
    if (const Procedure* p = procedure(o.step.substr(0, slash), o.loc, path)) {
      if (*n < 1 || *n > static_cast<double>(p->steps.size())) {
        diags.Error("bad-step", file, o.loc, path,
                    "procedure " + p->id + " has steps 1 to " + std::to_string(p->steps.size()));
      }
    }
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return d;
}

std::optional<Drill> LoadDrill(const std::string& path, twin::Diagnostics& diags) {
  const auto text = twin::ReadFile(path, diags, "cannot read the drill");
  if (!text) return std::nullopt;
  return ParseDrill(*text, path, diags);
}

}  // namespace netdrill::drill
