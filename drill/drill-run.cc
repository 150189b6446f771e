#include "drill/drill-run.h"
#include "drill/team-credit.h"

#include "drill/outcome.h"
#include "session/noise.h"
#include "twin/text.h"
#include "twin/units.h"


#include <algorithm>
#include <cctype>
#include <cstring>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace netdrill::drill {

using session::Role;

namespace {

double ConferenceGoodPct(const session::Snapshot& s) {
  return s.conference.endpoints == 0 ? 100.0 : 100.0 * s.conference.good / s.conference.endpoints;
}

int Unreachable(const session::Snapshot& s) {
  return s.siteReachable ? static_cast<int>(std::count(s.siteReachable->begin(), s.siteReachable->end(), 0)) : 0;
}

// Whether `word` stands in `text` on its own (not inside a longer id or word).
bool StandsAlone(const std::string& text, const std::string& word) {
  auto idChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || std::strchr(":/-_.#", c) != nullptr; };
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool before = at == 0 || !idChar(text[at - 1]);
    const bool after = at + word.size() >= text.size() || !idChar(text[at + word.size()]);
    if (before && after) return true;
  }
  return false;
}

// Whether a ticket's text names an element: its id, or the affected site's id, name (with or without
// diacritics) or administrative code after its level word ("tỉnh 44", "province 44"). A link or route
// names the site at its edge end (the less central one), not the core it hangs from.
bool NamesElement(const std::string& text, const std::string& element, const twin::Twin& twin) {
  const std::string folded = " " + twin::FoldForSearch(text) + " ";
  auto has = [&](const std::string& words) {
    const std::string key = twin::FoldForSearch(words);
    return !key.empty() && folded.find(" " + key + " ") != std::string::npos;
  };
  if (StandsAlone(text, element)) return true;
  std::vector<twin::SiteId> sites;
  if (const twin::SiteId s = twin.FindSite(element); s.IsValid()) sites.push_back(s);
  if (const twin::NodeId n = twin.FindNode(element); n.IsValid()) sites.push_back(twin.GetNode(n).site);
  for (const std::string& r : twin.ResourcesOf(element)) {
    if (const twin::LinkId l = twin.FindLink(r); l.IsValid()) {
      if (r != element && StandsAlone(text, r)) return true;  // a route named by one of its links
      const twin::SiteId a = twin.GetNode(twin.GetLink(l).a).site, b = twin.GetNode(twin.GetLink(l).b).site;
      if (twin.Priority(a) >= twin.Priority(b)) sites.push_back(a);
      if (twin.Priority(b) >= twin.Priority(a)) sites.push_back(b);
    }
  }
  for (twin::SiteId s : sites) {
    const twin::Site& site = twin.GetSite(s);
    if (StandsAlone(text, site.id) || has(site.name) || (!site.nameEn.empty() && has(site.nameEn))) return true;
    if (site.code.empty()) continue;
    for (const char* level : {"tinh", "thanh pho", "province", "huyen", "quan", "district", "xa", "phuong", "commune", "ward"}) {
      if (has(std::string(level) + " " + site.code)) return true;
    }
  }
  return false;
}

// Whether a ticket's text gives the impact: a count of sites or endpoints ("3 xã", "219 endpoints",
// "219 điểm cầu", a word between allowed) within a factor 2 of the truth. More than three counts is a spray, not an impact.
// Nothing affected: nothing to give.
bool GivesImpact(const std::string& text, int sites, int endpoints) {
  if (sites <= 0 && endpoints <= 0) return true;
  std::istringstream words(twin::FoldForSearch(text));
  std::vector<std::string> w;
  for (std::string x; words >> x;) w.push_back(x);
  static const std::set<std::string> units{"site",    "sites",    "endpoint", "endpoints", "diem",      "xa",
                                           "phuong",  "commune",  "communes", "ward",      "wards",     "huyen",
                                           "district", "districts", "tinh",   "province",  "provinces", "don"};
  int counts = 0;
  bool right = false;
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    if (w[i].empty() || w[i].size() > 7 || !std::all_of(w[i].begin(), w[i].end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    if (!units.count(w[i + 1]) && !(i + 2 < w.size() && units.count(w[i + 2]))) continue;  // "219 (video) endpoints"
    ++counts;
    const double n = std::stod(w[i]);
    for (int truth : {sites, endpoints}) right = right || (truth > 0 && n * 2 >= truth && n <= truth * 2.0);
  }
  return right && counts <= 3;
}

double Kpi(const std::string& kpi, const session::Snapshot& s, const twin::Twin& twin) {
  if (kpi == "conference_good_pct") return ConferenceGoodPct(s);
  if (kpi == "sites_unreachable") return Unreachable(s);
  int provinces = 0;
  if (s.siteReachable) {
    for (std::size_t i = 0; i < s.siteReachable->size(); ++i) {
      provinces += !(*s.siteReachable)[i] && twin.Sites()[i].level == twin::SiteLevel::Province;
    }
  }
  return provinces;
}

}  // namespace

std::optional<std::string> SpeedLimitRefusal(const Drill& drill, const session::Command& c) {
  const auto* pace = c.As<session::cmd::SetPace>();
  if (c.role != Role::Trainee || !pace || pace->verb != session::Verb::Speed || pace->speed <= drill.maxSpeed) return std::nullopt;
  return "this drill runs at most at " + twin::FormatNumber(drill.maxSpeed) + "x for a trainee";
}

std::optional<double> ClockDueTime(const Event& event) {
  const Trigger& w = event.when;
  if (w.atS && w.notDone.empty() && w.command.empty() && w.kpi.empty()) return *w.atS + event.delayS;
  return std::nullopt;
}

DrillRun::DrillRun(const Drill& drill, const Picks& picks, session::Session& session, std::uint64_t seed, std::string lang)
    : m_drill(drill), m_picks(picks), m_session(session), m_lang(std::move(lang)) {
  m_result.drillId = drill.id;
  m_result.title = drill.title;
  m_result.seed = seed;
  m_result.lang = m_lang;
  m_result.picks = picks;
  m_result.durationS = drill.durationS;
  m_fired.assign(drill.events.size(), false);
  m_dueAt.assign(drill.events.size(), std::nullopt);
  m_restoreBroken.assign(drill.objectives.size(), false);
  m_outcomeBroken.assign(drill.objectives.size(), false);
  m_result.assist = drill.assist;
  for (const Objective& o : drill.objectives) {
    ObjectiveResult r;
    r.id = o.id;
    r.title = o.title;
    r.brief = ObjectiveBrief(o);
    r.incident = o.incident;
    r.task = o.task;
    r.step = o.step;
    r.weight = o.weight;
    r.byS = o.byS;
    m_result.objectives.push_back(r);
  }
  for (const SteadyCheck& c : drill.steadyState) m_result.steadyState.push_back({c.kpi, c.min, c.max});
  // Timed events are due at their time.
  for (std::size_t i = 0; i < drill.events.size(); ++i) m_dueAt[i] = ClockDueTime(drill.events[i]);
}

std::string DrillRun::InjectCommand(std::size_t index) const {
  const Event& e = m_drill.events.at(index);
  if (!e.command.empty()) return Substitute(e.command, m_picks);
  if (e.caller) return "caller " + Substitute(e.callerSite, m_picks) + ": " + Substitute(e.caller->In(m_lang), m_picks);
  return {};
}

std::vector<DrillRun::InjectState> DrillRun::Injects() const {
  std::vector<InjectState> out;
  for (std::size_t i = 0; i < m_drill.events.size(); ++i) out.push_back({m_dueAt[i], m_fired[i], InjectCommand(i)});
  return out;
}

void DrillRun::Fire(const Event& e, std::size_t index) {
  m_fired[index] = true;
  if (!e.command.empty()) {
    const std::string command = Substitute(e.command, m_picks);
    m_session.Submit(command, Role::Scenario);
    m_result.timeline.push_back({Now(), "scenario", command});
  } else if (e.caller) {
    const std::string site = Substitute(e.callerSite, m_picks);
    const std::string text = Substitute(e.caller->In(m_lang), m_picks);
    m_session.Submit("caller " + site + ": " + text, Role::Scenario);
    m_result.timeline.push_back({Now(), "caller", site + ": " + text});
  } else if (!e.hint.empty() && RulesOf(m_result.assist).timedHints) {  // standard and exam: only on request
    for (std::size_t k = 0; k < m_drill.objectives.size(); ++k) {
      ObjectiveResult& r = m_result.objectives[k];
      if (m_drill.objectives[k].id != e.hint || r.hintShown || r.metAt || !m_drill.objectives[k].hint) continue;
      r.hintShown = true;
      r.hintCost = m_drill.objectives[k].hint->cost;
      m_result.timeline.push_back({Now(), "hint", m_drill.objectives[k].hint->text.In(m_lang)});
    }
  }
}

void DrillRun::BeforeStep() {
  const double now = Now();
  for (std::size_t i = 0; i < m_drill.events.size(); ++i) {
    if (!m_fired[i] && m_dueAt[i] && *m_dueAt[i] <= now + 1e-9) Fire(m_drill.events[i], i);
  }
  while (m_nextAction < m_actions.size() && m_actions[m_nextAction].atS <= now + 1e-9) {
    const ScriptedAction& a = m_actions[m_nextAction++];
    m_session.Submit(Substitute(a.command, m_picks), a.role, a.seat);
  }
}

void DrillRun::AfterStep() {
  const double now = Now();
  // What people did since the last step.
  const auto& applied = m_session.Applied();
  const auto snap = m_session.Latest();
  const int unreachable = Unreachable(*snap);
  for (; m_appliedSeen < applied.size(); ++m_appliedSeen) {
    const session::AppliedCommand& c = applied[m_appliedSeen];
    if (c.role != Role::Trainee && c.verb == session::Verb::Action) {
      NoteIncidentStart(c);
      // Another hand on the network: what is cut from now on is no longer the trainee's alone.
      m_lastOtherActAt = c.at;
      for (CollateralWatch& w : m_collateralWatch) w.scenarioActed = true;
      m_collateralOpen.clear();
    }
    if (c.role == Role::Scenario) continue;
    m_result.timeline.push_back({c.at, c.seat == session::Seat::None ? session::RoleName(c.role) : session::SeatName(c.seat), c.text});
    // An instructor who gives an inject's own command fires it early: it does not fire again.
    if (c.role == Role::Instructor) {
      for (std::size_t i = 0; i < m_drill.events.size(); ++i) {
        if (m_fired[i]) continue;
        const std::string inject = InjectCommand(i);
        if (!inject.empty() && (c.text == inject || c.text == "fault " + inject.substr(inject.find(' ') + 1))) m_fired[i] = true;
      }
    }
    // Triggers on a command.
    for (std::size_t i = 0; i < m_drill.events.size(); ++i) {
      const Trigger& w = m_drill.events[i].when;
      if (m_fired[i] || m_dueAt[i] || w.command.empty()) continue;
      if (c.text.rfind(Substitute(w.command, m_picks), 0) == 0) m_dueAt[i] = c.at + m_drill.events[i].delayS;
    }
    // A hint asked for: shown, at its cost, when the assist level allows it.
    if (c.role == Role::Trainee && c.verb == session::Verb::Hint) ShowHintOnRequest(std::get<session::cmd::RequestHint>(c.args).objective, c.at, c.seat);
    // A restoration with nothing to restore: a blind change on a live network costs.
    if (c.role == Role::Trainee && c.blind) {
      m_result.blindChanges.push_back({c.at, c.text, m_drill.blindCost.value_or(5.0), c.seat});
      m_result.timeline.push_back({c.at, "penalty", "a blind change (nothing to restore): " + c.text});
    }
    // A restoration that cuts more service than before it: watched for 2 s.
    if (c.role == Role::Trainee && c.verb == session::Verb::Action) {
      m_worsenWatch.push_back({c.at + 2.0, m_lastUnreachable});
      // The baseline is the last sample; an inject since shortly before it (still converging) leaves
      // the action uncharged: no trainee pays for the scenario's cut.
      const bool otherRecently = m_lastOtherActAt && *m_lastOtherActAt + 2.0 >= m_lastSampleAt;
      if (!c.blind) m_collateralWatch.push_back({c.at + 2.0, c.text, m_lastReachable, m_lastLost, otherRecently, c.seat});
    }
  }
  for (auto it = m_worsenWatch.begin(); it != m_worsenWatch.end();) {
    if (now + 1e-9 < it->until) {
      ++it;
      continue;
    }
    if (unreachable > it->baseline) {
      ++m_result.worsenings;
      m_result.timeline.push_back({now, "penalty", "an action cut service: " + std::to_string(unreachable - it->baseline) +
                                                       " more sites unreachable"});
    }
    it = m_worsenWatch.erase(it);
  }
  // Once a second: objectives, KPI triggers, hints, the steady state, the series, collateral.
  if (std::floor(now + 1e-9) > m_lastSampleAt) {
    m_lastSampleAt = std::floor(now + 1e-9);
    m_lastUnreachable = unreachable;
    ChargeCollateral(*snap);
    m_lastReachable = snap->siteReachable;
    m_lastLost = snap->conference.lost;
    Evaluate();
  }
}

void DrillRun::ChargeCollateral(const session::Snapshot& snap) {
  const double now = Now();
  // Actions that have converged: what they cut (reachable before, cut off now) is charged from now.
  for (auto it = m_collateralWatch.begin(); it != m_collateralWatch.end();) {
    if (now + 1e-9 < it->until) {
      ++it;
      continue;
    }
    if (!it->scenarioActed && it->reachableBefore && snap.siteReachable) {
      CollateralOpen open{m_result.collateral.size(), {}, it->lostBefore};
      for (std::size_t i = 0; i < snap.siteReachable->size() && i < it->reachableBefore->size(); ++i) {
        if ((*it->reachableBefore)[i] && !(*snap.siteReachable)[i]) open.sites.push_back(i);
      }
      const int endpoints = std::max(0, snap.conference.lost - it->lostBefore);
      if (!open.sites.empty() || endpoints > 0) {
        m_result.collateral.push_back(
            {now, it->command, static_cast<int>(open.sites.size()), endpoints, 0.0, 0.0, 0.0, it->seat});
        m_result.timeline.push_back({now, "penalty", "an action cut service: " + it->command + " (" +
                                                         std::to_string(open.sites.size()) + " sites, " +
                                                         std::to_string(endpoints) + " endpoints)"});
        m_collateralOpen.push_back(std::move(open));
      }
    }
    it = m_collateralWatch.erase(it);
  }
  // What is still cut: a second more of each site and endpoint, until they come back.
  if (!snap.siteReachable) return;
  for (auto it = m_collateralOpen.begin(); it != m_collateralOpen.end();) {
    CollateralCharge& charge = m_result.collateral[it->charge];
    it->sites.erase(std::remove_if(it->sites.begin(), it->sites.end(),
                                   [&](std::size_t i) { return (*snap.siteReachable)[i] != 0; }),
                    it->sites.end());
    const int lost = std::clamp(snap.conference.lost - it->lostBefore, 0, charge.endpoints);
    charge.siteMinutes += static_cast<double>(it->sites.size()) / 60.0;
    charge.endpointMinutes += lost / 60.0;
    if (it->sites.empty() && lost == 0) it = m_collateralOpen.erase(it);
    else ++it;
  }
}

void DrillRun::ShowHintOnRequest(const std::string& objective, double at, session::Seat seat) {
  if (!RulesOf(m_result.assist).hintsOnRequest) {
    m_result.timeline.push_back({at, "hint", std::string("no hint at the ") + AssistName(m_result.assist) + " level"});
    return;
  }
  for (std::size_t k = 0; k < m_drill.objectives.size(); ++k) {
    const Objective& o = m_drill.objectives[k];
    ObjectiveResult& r = m_result.objectives[k];
    if (!o.hint || r.hintShown || (!objective.empty() && o.id != objective)) continue;
    r.hintShown = true;
    r.hintCost = o.hint->cost;
    r.hintBy = seat;
    m_result.timeline.push_back({at, "hint", o.hint->text.In(m_lang)});
    return;
  }
}

// What a ticket says, read at the end with its notes: the element asked for, named; the impact, given
// against the incident's worst since the objective's start (sites cut off, endpoints not good). Each
// missing halves the objective's points.
void DrillRun::JudgeTickets(DrillResult& r) const {
  const auto snap = m_session.Latest();
  if (!snap) return;
  for (std::size_t k = 0; k < r.objectives.size() && k < m_drill.objectives.size(); ++k) {
    const Objective& o = m_drill.objectives[k];
    ObjectiveResult& res = r.objectives[k];
    if (o.task != Task::Ticket || !res.metAt || res.ticketId.empty() || (o.names.empty() && !o.impact)) continue;
    std::string text;
    for (const session::Ticket& t : snap->tickets) {
      if (t.id != res.ticketId) continue;
      text = t.title;
      for (const auto& note : t.notes) text += " " + note.second;
    }
    if (!o.names.empty()) res.named = NamesElement(text, Substitute(o.names, m_picks), m_session.Twin());
    if (o.impact) {
      int sites = 0, endpoints = 0;
      for (const KpiSample& s : r.series) {
        if (s.at + 1e-9 < o.afterS) continue;
        sites = std::max(sites, s.sitesUnreachable);
        endpoints = std::max(endpoints, static_cast<int>(std::lround(snap->conference.endpoints * (100.0 - s.conferenceGoodPct) / 100.0)));
      }
      res.impactGiven = GivesImpact(text, sites, endpoints);
    }
    if (res.named && !*res.named) res.points /= 2.0;
    if (res.impactGiven && !*res.impactGiven) res.points /= 2.0;
  }
}

std::set<std::string> DrillRun::ObjectiveElements(const Objective& o) const {
  const twin::Twin& twin = m_session.Twin();
  std::vector<std::string> out;
  if (!o.target.empty()) out = twin.ResourcesOf(Substitute(o.target, m_picks));
  for (const std::string& s : o.sites) out.push_back(Substitute(s, m_picks));
  if (!o.names.empty()) {
    for (const std::string& r : twin.ResourcesOf(Substitute(o.names, m_picks))) out.push_back(r);
  }
  for (const Outcome& outcome : o.anyOf) {
    for (std::string& e : OutcomeElements(outcome, m_picks, twin)) out.push_back(std::move(e));
  }
  return {out.begin(), out.end()};
}

// An inject (or an instructor's fault) acted: the objectives about what it acted on start their clocks.
void DrillRun::NoteIncidentStart(const session::AppliedCommand& c) {
  // The scenario's injects all count (a `disable` is a fault when the drill does it); an instructor's
  // restorations do not.
  const auto* act = std::get_if<session::cmd::Act>(&c.args);
  if (!act || (c.role == Role::Instructor && session::IsRestoration(act->fault.action))) return;
  const std::vector<std::string> acted = ElementsActedOn(act->fault, m_session.Twin());
  if (!m_firstInjectAt) m_firstInjectAt = c.at;
  for (std::size_t k = 0; k < m_drill.objectives.size(); ++k) {
    ObjectiveResult& r = m_result.objectives[k];
    if (r.startedAt) continue;
    const std::set<std::string> mine = ObjectiveElements(m_drill.objectives[k]);
    if (std::any_of(acted.begin(), acted.end(), [&](const std::string& e) { return mine.count(e) > 0; })) r.startedAt = c.at;
  }
}

void DrillRun::Evaluate() {
  const double now = Now();
  const auto snap = m_session.Latest();
  const twin::Twin& twin = m_session.Twin();
  const double good = ConferenceGoodPct(*snap);
  m_result.series.push_back({now, good, Unreachable(*snap), static_cast<int>(m_session.Alarms().ActiveCount())});
  // What the incident warrants: the worst perceived severity its root alarms reached so far (noise is no incident).
  for (const session::Alarm* a : m_session.Alarms().ActiveRoots()) {
    if (!session::Noise::IsNoiseType(a->type)) m_incidentSeverity = std::max(m_incidentSeverity, a->severity);
  }
  for (std::size_t k = 0; k < m_drill.objectives.size(); ++k) {
    const Objective& o = m_drill.objectives[k];
    ObjectiveResult& r = m_result.objectives[k];
    if (now + 1e-9 < o.afterS) {
      // Not started: only note whether its state is broken (an early fix, once broken, still counts at `after`).
      if (o.task == Task::Restore || o.task == Task::Action) ObjectiveHolds(k, *snap, good);
      continue;
    }
    if (r.metAt) {
      // Met, and asked to stay so: a relapse unmeets it (it can be met again, maybe late).
      if (o.stay && !ObjectiveHolds(k, *snap, good)) {
        r.metAt.reset();
        r.points = 0.0;
        r.relapsedAt = now;
        r.outcome.clear();
        m_result.timeline.push_back({now, "objective", o.id + " relapsed"});
      }
      continue;
    }
    if (ObjectiveHolds(k, *snap, good)) {
      r.metAt = now;
      const bool inTime = now <= o.byS + 1e-9;
      r.points = std::max(0.0, (inTime ? o.weight : o.weight / 2.0) - r.escalationCost);
      if (o.evidence && r.evidence && r.evidence->empty()) r.points /= 2.0;  // a guess, even a right one
      m_result.timeline.push_back({now, "objective", o.id + (inTime ? " met" : " met late")});
    } else if (o.hint && o.hint->afterS > 0 && now + 1e-9 >= o.hint->afterS && !r.hintShown &&
               RulesOf(m_result.assist).timedHints) {
      r.hintShown = true;
      r.hintCost = o.hint->cost;
      m_result.timeline.push_back({now, "hint", o.hint->text.In(m_lang)});
    }
  }
  // Triggers: an objective not met by a time; a KPI crossing.
  for (std::size_t i = 0; i < m_drill.events.size(); ++i) {
    const Event& e = m_drill.events[i];
    if (m_fired[i] || m_dueAt[i]) continue;
    const Trigger& w = e.when;
    if (!w.notDone.empty() && w.atS && now + 1e-9 >= *w.atS) {
      bool done = false;
      for (const ObjectiveResult& r : m_result.objectives) done = done || (r.id == w.notDone && r.metAt);
      if (!done) m_dueAt[i] = now + e.delayS;
      if (done) m_fired[i] = true;  // met in time: the event never comes
    }
    if (!w.kpi.empty() && (!w.atS || now + 1e-9 >= *w.atS)) {
      const double v = Kpi(w.kpi, *snap, twin);
      if ((w.below && v < *w.below) || (w.above && v > *w.above)) m_dueAt[i] = now + e.delayS;
    }
  }
  // The steady state: the first second is "before", every second counts toward the worst, the last is "after".
  for (std::size_t c = 0; c < m_drill.steadyState.size(); ++c) {
    SteadyResult& s = m_result.steadyState[c];
    const double v = Kpi(s.kpi, *snap, twin);
    const bool holds = (!s.min || v + 1e-9 >= *s.min) && (!s.max || v <= *s.max + 1e-9);
    if (m_result.series.size() == 1) {
      s.before = s.worst = v;
      s.heldBefore = holds;
    }
    s.worst = s.min ? std::min(s.worst, v) : std::max(s.worst, v);
    s.after = v;
    s.heldAfter = holds;
  }
}

// Whether objective k's condition holds now (and, for the first time, what it earned: evidence, severity, naming).
bool DrillRun::ObjectiveHolds(std::size_t k, const session::Snapshot& snap, double good) {
  const Objective& o = m_drill.objectives[k];
  ObjectiveResult& r = m_result.objectives[k];
  const twin::Twin& twin = m_session.Twin();
  const std::string target = Substitute(o.target, m_picks);
  // A shared-risk group stands for its links too: an alarm on any of them, or any of them declared.
  const std::vector<std::string> resources = twin.ResourcesOf(target);
  const std::set<std::string> targets(resources.begin(), resources.end());
  switch (o.task) {
    case Task::Ack:
      for (const session::Alarm& a : m_session.Alarms().Alarms()) {
        if (!targets.count(a.resource)) continue;
        for (const session::OperatorAction& op : a.operatorHistory) {
          if (op.state == session::OperatorState::Ack && op.by == Role::Trainee && op.at + 1e-9 >= o.afterS) return true;
        }
      }
      return false;
    case Task::Declare:
      for (const session::Declaration& d : snap.declarations) {
        if (!targets.count(d.element) || d.at + 1e-9 < o.afterS) continue;
        if (o.evidence) r.evidence = Evidence(targets, o.afterS, d.at);
        return true;
      }
      return false;
    case Task::Ticket:
      // The trainee's first ticket: its severity against the expected one (over- and under-escalation
      // cost), and, if asked, whether it says what is affected and how much.
      for (const session::Ticket& t : snap.tickets) {
        if (t.by != Role::Trainee || t.created + 1e-9 < o.afterS) continue;
        r.expectedSeverity = o.severity.value_or(m_incidentSeverity);
        r.ticketSeverity = t.severity;
        const int levels = std::abs(static_cast<int>(t.severity) - static_cast<int>(*r.expectedSeverity));
        r.escalationCost = levels * m_drill.escalationCost.value_or(o.weight / 2.0);
        r.ticketId = t.id;  // what it says is read at the end (Result), notes added since included
        return true;
      }
      return false;
    case Task::Message: {
      // A site, or the leadership, or the central offices.
      std::optional<session::Recipient> to;
      for (const auto& [word, recipient] : session::RecipientWords()) {
        if (target == word) to = recipient;
      }
      for (const session::Message& m : snap.messages) {
        if (m.fromCaller || m.at + 1e-9 < o.afterS) continue;
        if (to ? m.to == *to : m.to == session::Recipient::Site && (target.empty() || m.site == target)) return true;
      }
      return false;
    }
    case Task::Action: {
      // Any of its outcomes: a thing done once it happens; a state once it was not so after the start, then is.
      bool anyState = false;
      const Outcome* holding = nullptr;
      for (const Outcome& out : o.anyOf) {
        const bool holds = OutcomeHolds(out, m_picks, m_session, o.afterS);
        if (IsDoneOutcome(out.kind)) {
          if (holds && !holding) holding = &out;
          continue;
        }
        anyState = anyState || holds;
        if (holds && m_outcomeBroken[k] && !holding) holding = &out;
      }
      if (!anyState) m_outcomeBroken[k] = true;
      if (!holding) return false;
      r.outcome = DescribeOutcome(*holding, m_picks);
      if (o.evidence && !r.metAt) {
        std::set<std::string> elements;
        for (const Outcome& out : o.anyOf) {
          for (std::string& e : OutcomeElements(out, m_picks, twin)) elements.insert(std::move(e));
        }
        // Evidence comes before the fix: up to the trainee's last action (not a look taken after it).
        double until = Now();
        for (const session::AppliedCommand& c : m_session.Applied()) {
          if (c.role == Role::Trainee && c.verb == session::Verb::Action && c.at <= Now() + 1e-9) until = c.at;
        }
        r.evidence = Evidence(elements, o.afterS, until);
      }
      return true;
    }
    case Task::Order: {
      // The priority respected: `first` met, and no later than `then` (or `then` not met at all yet is not enough).
      const ObjectiveResult* a = nullptr;
      const ObjectiveResult* b = nullptr;
      for (const ObjectiveResult& x : m_result.objectives) {
        if (x.id == o.first) a = &x;
        if (x.id == o.then) b = &x;
      }
      return a && b && a->metAt && b->metAt && *a->metAt <= *b->metAt + 1e-9;
    }
    case Task::Restore: {
      bool holds = !o.conferencePct || good + 1e-9 >= *o.conferencePct;
      for (const std::string& s : o.sites) {
        const twin::SiteId id = twin.FindSite(Substitute(s, m_picks));
        holds = holds && id.IsValid() && snap.siteReachable && (*snap.siteReachable)[id.Index()];
      }
      // Restored means: broken after the objective starts, then whole again.
      if (!holds) m_restoreBroken[k] = true;
      return holds && m_restoreBroken[k];
    }
  }
  return false;
}

void DrillRun::RunToEnd(const std::vector<ScriptedAction>& actions) {
  m_actions = actions;
  m_nextAction = 0;
  while (!Over()) StepOnce();
}

bool DrillRun::Over() const { return m_session.Ended() || m_session.Now() + 1e-9 >= m_drill.durationS; }

std::vector<session::Answer> DrillRun::StepOnce() {
  BeforeStep();
  m_session.Step();
  std::vector<session::Answer> answers = m_session.TakeAnswers();
  AfterStep();
  return answers;
}

double DrillRun::Queue(ScriptedAction action) {
  if (!m_actions.empty()) action.atS = std::max(action.atS, m_actions.back().atS);
  m_actions.push_back(std::move(action));
  return m_actions.back().atS;
}

// Every trainee declaration, right or wrong: a guess that names no declare
// objective's target costs, before or after the right one (guessing must not pay).
// The first trainee diagnose command between `from` and `to` that looked at one of `targets` ("" : none).
std::string DrillRun::Evidence(const std::set<std::string>& targets, double from, double to) const {
  for (const session::AppliedCommand& c : m_session.Applied()) {
    if (c.role != Role::Trainee || c.at + 1e-9 < from || c.at > to + 1e-9) continue;
    for (const std::string& e : c.touched) {
      if (targets.count(e)) return c.text;
    }
  }
  return {};
}

std::vector<DeclarationResult> DrillRun::Declarations() const {
  std::set<std::string> right;
  const twin::Twin& twin = m_session.Twin();
  for (const Objective& o : m_drill.objectives) {
    if (o.task != Task::Declare) continue;
    for (const std::string& r : twin.ResourcesOf(Substitute(o.target, m_picks))) right.insert(r);
  }
  const double cost = WrongDeclarationCost(m_drill);
  std::vector<DeclarationResult> out;
  const auto snap = m_session.Latest();
  if (!snap) return out;
  for (const session::Declaration& d : snap->declarations) {
    if (d.role != Role::Trainee) continue;
    const bool correct = right.count(d.element) > 0;
    out.push_back({d.at, d.element, correct, correct ? 0.0 : cost, d.seat});
  }
  return out;
}

DrillResult DrillRun::Result() const {
  DrillResult r = m_result;
  JudgeTickets(r);  // before the points are summed: it halves a ticket that says too little
  r.objectivePoints = 0.0;
  r.hintCosts = 0.0;
  for (const ObjectiveResult& o : r.objectives) {
    r.objectivePoints += o.points;
    r.hintCosts += o.hintCost;
  }
  for (const Penalty& p : m_drill.penalties) {
    if (p.task == "worsen") r.penaltyPoints += p.points * r.worsenings;
  }
  r.declarations = Declarations();
  for (const DeclarationResult& d : r.declarations) {
    r.declarationCosts += d.cost;
    if (!d.correct) r.timeline.push_back({d.at, "penalty", "a wrong declaration: " + d.element});
  }
  for (const BlindChange& b : r.blindChanges) r.blindCosts += b.cost;
  // Collateral: each action's site- and endpoint-minutes at the drill's rates, all of it capped.
  const Collateral& rate = m_drill.collateral;
  for (CollateralCharge& c : r.collateral) {
    c.cost = c.siteMinutes * rate.perSiteMinute + c.endpointMinutes * rate.perEndpointMinute;
    r.collateralCosts += c.cost;
  }
  r.collateralCosts = std::min(r.collateralCosts, rate.max);
  // What the run broke for each objective (drill check --play: an objective nothing breaks is unmeetable).
  for (std::size_t k = 0; k < r.objectives.size() && k < m_drill.objectives.size(); ++k) {
    const Objective& o = m_drill.objectives[k];
    ObjectiveResult& res = r.objectives[k];
    if (o.task == Task::Restore) res.brokenSeen = m_restoreBroken[k];
    if (o.task == Task::Action) {
      res.brokenSeen = m_outcomeBroken[k] ||
                       std::any_of(o.anyOf.begin(), o.anyOf.end(), [](const Outcome& x) { return IsDoneOutcome(x.kind); });
    }
    if (o.task == Task::Ack) {
      const std::vector<std::string> resources = m_session.Twin().ResourcesOf(Substitute(o.target, m_picks));
      for (const session::Alarm& a : m_session.Alarms().Alarms()) {
        res.brokenSeen = res.brokenSeen || std::find(resources.begin(), resources.end(), a.resource) != resources.end();
      }
    }
  }
  // Objectives about nothing an inject named start with their incident's first inject, or the drill's.
  for (ObjectiveResult& o : r.objectives) {
    if (o.startedAt) continue;
    for (const ObjectiveResult& other : r.objectives) {
      if (other.incident == o.incident && other.startedAt && (!o.startedAt || *other.startedAt < *o.startedAt)) {
        o.startedAt = other.startedAt;
      }
    }
    if (!o.startedAt) o.startedAt = m_firstInjectAt;
  }
  // An objective's clock never starts before its own window opens.
  for (std::size_t k = 0; k < r.objectives.size() && k < m_drill.objectives.size(); ++k) {
    if (r.objectives[k].startedAt) r.objectives[k].startedAt = std::max(*r.objectives[k].startedAt, m_drill.objectives[k].afterS);
  }
  // The outcome at the end: what was still wrong; it costs unless the drill says repairs cannot finish in time.
  if (!m_result.series.empty() && Now() + 1e-9 >= m_drill.durationS) {  // the end, not a live score mid-run
    for (const SteadyResult& s : r.steadyState) {
      if (s.heldAfter) continue;
      r.leftAtEnd.push_back(s.kpi + " " + twin::FormatNumber(s.after) + " at the end");
      if (m_drill.repairsFinish) r.unresolvedCosts += m_drill.unresolvedCost;
    }
    const auto snap = m_session.Latest();
    const twin::Twin& twin = m_session.Twin();
    if (snap && snap->siteReachable && !r.leftAtEnd.empty()) {
      std::string dark;
      for (std::size_t i = 0; i < snap->siteReachable->size(); ++i) {
        if (!(*snap->siteReachable)[i] && twin.Sites()[i].level == twin::SiteLevel::Province) {
          dark += (dark.empty() ? "" : ", ") + twin.Sites()[i].name;
        }
      }
      if (!dark.empty()) r.leftAtEnd.push_back("provinces cut off: " + dark);
      r.leftAtEnd.push_back(std::to_string(Unreachable(*snap)) + " sites cut off");
    }
  }
  r.score = std::clamp(r.objectivePoints - r.hintCosts - r.penaltyPoints - r.declarationCosts - r.blindCosts -
                           r.collateralCosts - r.unresolvedCosts,
                       0.0, 100.0);
  std::stable_sort(r.timeline.begin(), r.timeline.end(), [](const TimelineItem& a, const TimelineItem& b) { return a.at < b.at; });
  if (!m_drill.seats.empty()) {
    r.seats = TeamCredit(m_drill, r, m_session.Applied(), m_session.Alarms(), m_session.Twin());
    if (const auto snap = m_session.Latest()) r.teamTickets = TeamTickets(m_drill, snap->tickets, m_session.Applied());
  }
  r.fingerprint = m_session.Fingerprint();
  r.instructorLines = std::any_of(m_session.Applied().begin(), m_session.Applied().end(),
                                  [](const session::AppliedCommand& c) { return c.role == session::Role::Instructor; });
  return r;
}

}  // namespace netdrill::drill
