#include "drill/drill-run.h"

#include "twin/units.h"
#include "twin/yaml-reader.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
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

std::optional<std::vector<ScriptedAction>> LoadActions(const std::string& path, double durationS,
                                                       twin::Diagnostics& diags) {
  // Every node is type-checked before it is read (twin::YamlAccess): a list, a map
  // or nothing where a value belongs is error[bad-type] at its place, never a throw.
  const int before = diags.ErrorCount();
  const auto root = twin::LoadYamlFile(path, diags, "cannot read the actions file");
  if (!root) return std::nullopt;
  std::vector<ScriptedAction> out;
  if (twin::IsNothing(*root)) return out;  // no action at all: a trainee who does nothing
  twin::YamlAccess y(path, diags);
  if (!y.Expect(root->IsSequence(), *root, "", "a list of {at, do}")) return std::nullopt;
  y.ForEachItem(*root, "", [&](std::size_t i, const YAML::Node& item) {
    const std::string where = "[" + std::to_string(i) + "]";
    const twin::SourceLoc loc = y.Loc(item);
    if (!y.Expect(item.IsMap(), item, where, "{at: TIME, do: COMMAND}")) return;
    ScriptedAction a;
    a.loc = loc;
    bool ok = true;
    bool badDo = false;  // reported as bad-type: not "missing" too
    y.ForEachEntry(item, where, [&](const std::string& key, twin::SourceLoc keyLoc, const YAML::Node& v) {
      if (key == "at") {
        const auto text = y.String(v, where + ".at");
        const auto t = text ? twin::ParseDurationSeconds(*text) : std::nullopt;
        if (t && *t >= 0 && *t <= durationS) {
          a.atS = *t;
        } else {
          if (text) {
            diags.Error("bad-time", path, y.Loc(v), where + ".at",
                        t ? "after the end of the drill" : "expected a time like 90s, 5m or 1h30m");
          }
          ok = false;
        }
      } else if (key == "do") {
        if (auto command = y.String(v, where + ".do")) a.command = std::move(*command);
        else badDo = true;
      } else if (key == "as") {
        const auto text = y.String(v, where + ".as");
        const auto role = text ? session::ParseRole(*text) : std::nullopt;
        if (role && *role != Role::Scenario) {
          a.role = *role;
        } else {
          if (text) diags.Error("bad-value", path, keyLoc, where + ".as", "expected trainee or instructor");
          ok = false;
        }
      } else {
        diags.Error("unknown-key", path, keyLoc, where, "unknown key \"" + key + "\"",
                    twin::SuggestHint(key, {"at", "do", "as"}));
        ok = false;
      }
    });
    if (a.command.empty() && !badDo) {
      diags.Error("missing-key", path, loc, where, "\"do\" is required: the command");
    }
    if (ok && !a.command.empty()) out.push_back(a);
  });
  if (diags.ErrorCount() > before) return std::nullopt;
  std::stable_sort(out.begin(), out.end(), [](const ScriptedAction& a, const ScriptedAction& b) { return a.atS < b.atS; });
  return out;
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
  for (const Objective& o : drill.objectives) {
    ObjectiveResult r;
    r.id = o.id;
    r.title = o.title;
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
  } else if (!e.hint.empty()) {
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
    m_session.Submit(Substitute(a.command, m_picks), a.role);
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
    if (c.role == Role::Scenario) continue;
    m_result.timeline.push_back({c.at, session::RoleName(c.role), c.text});
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
    // A restoration with nothing to restore: a blind change on a live network costs.
    if (c.role == Role::Trainee && c.blind) {
      m_result.blindChanges.push_back({c.at, c.text, m_drill.blindCost.value_or(5.0)});
      m_result.timeline.push_back({c.at, "penalty", "a blind change (nothing to restore): " + c.text});
    }
    // A restoration that cuts more service than before it: watched for 2 s.
    if (c.role == Role::Trainee && c.verb == session::Verb::Action) m_worsenWatch.push_back({c.at + 2.0, m_lastUnreachable});
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
  // Once a second: objectives, KPI triggers, hints, the steady state, the series.
  if (std::floor(now + 1e-9) > m_lastSampleAt) {
    m_lastSampleAt = std::floor(now + 1e-9);
    m_lastUnreachable = unreachable;
    Evaluate();
  }
}

void DrillRun::Evaluate() {
  const double now = Now();
  const auto snap = m_session.Latest();
  const twin::Twin& twin = m_session.Twin();
  const double good = ConferenceGoodPct(*snap);
  m_result.series.push_back({now, good, Unreachable(*snap), static_cast<int>(m_session.Alarms().ActiveCount())});
  // What the incident warrants: the worst perceived severity its root alarms reached so far.
  for (const session::Alarm* a : m_session.Alarms().ActiveRoots()) m_incidentSeverity = std::max(m_incidentSeverity, a->severity);
  for (std::size_t k = 0; k < m_drill.objectives.size(); ++k) {
    const Objective& o = m_drill.objectives[k];
    ObjectiveResult& r = m_result.objectives[k];
    if (r.metAt || now + 1e-9 < o.afterS) continue;
    const std::string target = Substitute(o.target, m_picks);
    // A shared-risk group stands for its links too: an alarm on any of them, or any of them declared.
    const std::vector<std::string> resources = twin.ResourcesOf(target);
    const std::set<std::string> targets(resources.begin(), resources.end());
    bool met = false;
    if (o.task == Task::Ack) {
      for (const session::Alarm& a : m_session.Alarms().Alarms()) {
        if (!targets.count(a.resource)) continue;
        for (const session::OperatorAction& op : a.operatorHistory) {
          met = met || (op.state == session::OperatorState::Ack && op.by == Role::Trainee && op.at + 1e-9 >= o.afterS);
        }
      }
    } else if (o.task == Task::Declare) {
      for (const session::Declaration& d : snap->declarations) {
        if (met || !targets.count(d.element) || d.at + 1e-9 < o.afterS) continue;
        met = true;
        if (o.evidence) r.evidence = Evidence(targets, o.afterS, d.at);
      }
    } else if (o.task == Task::Ticket) {
      // The trainee's first ticket; its severity against the expected one (over- and under-escalation cost).
      for (const session::Ticket& t : snap->tickets) {
        if (t.by != Role::Trainee || t.created + 1e-9 < o.afterS) continue;
        r.expectedSeverity = o.severity.value_or(m_incidentSeverity);
        r.ticketSeverity = t.severity;
        const int levels = std::abs(static_cast<int>(t.severity) - static_cast<int>(*r.expectedSeverity));
        r.escalationCost = levels * m_drill.escalationCost.value_or(o.weight / 2.0);
        met = true;
        break;
      }
    } else if (o.task == Task::Message) {
      for (const session::Message& m : snap->messages) {
        met = met || (!m.fromCaller && (target.empty() || m.site == target) && m.at + 1e-9 >= o.afterS);
      }
    } else if (o.task == Task::Action) {
      const std::string prefix = Substitute(o.command, m_picks);
      for (const session::AppliedCommand& c : m_session.Applied()) {
        met = met || (c.role == Role::Trainee && c.at + 1e-9 >= o.afterS && c.text.rfind(prefix, 0) == 0);
      }
    } else if (o.task == Task::Order) {
      // The priority respected: `first` met, and no later than `then` (or `then` not met at all yet is not enough).
      const ObjectiveResult* a = nullptr;
      const ObjectiveResult* b = nullptr;
      for (const ObjectiveResult& x : m_result.objectives) {
        if (x.id == o.first) a = &x;
        if (x.id == o.then) b = &x;
      }
      met = a && b && a->metAt && b->metAt && *a->metAt <= *b->metAt + 1e-9;
    } else if (o.task == Task::Restore) {
      bool holds = !o.conferencePct || good + 1e-9 >= *o.conferencePct;
      for (const std::string& s : o.sites) {
        const twin::SiteId id = twin.FindSite(Substitute(s, m_picks));
        holds = holds && id.IsValid() && snap->siteReachable && (*snap->siteReachable)[id.Index()];
      }
      // Restored means: broken after the objective starts, then whole again.
      if (!holds) m_restoreBroken[k] = true;
      met = holds && m_restoreBroken[k];
    }
    if (met) {
      r.metAt = now;
      r.points = std::max(0.0, (now <= o.byS + 1e-9 ? o.weight : o.weight / 2.0) - r.escalationCost);
      if (o.evidence && r.evidence && r.evidence->empty()) r.points /= 2.0;  // a guess, even a right one
      m_result.timeline.push_back({now, "objective", o.id + (now <= o.byS + 1e-9 ? " met" : " met late")});
    } else if (o.hint && o.hint->afterS > 0 && now + 1e-9 >= o.hint->afterS && !r.hintShown) {
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

void DrillRun::RunToEnd(const std::vector<ScriptedAction>& actions) {
  m_actions = actions;
  m_nextAction = 0;
  while (!m_session.Ended() && m_session.Now() + 1e-9 < m_drill.durationS) {
    BeforeStep();
    m_session.Step();
    m_session.TakeAnswers();
    AfterStep();
  }
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
    out.push_back({d.at, d.element, correct, correct ? 0.0 : cost});
  }
  return out;
}

DrillResult DrillRun::Result() const {
  DrillResult r = m_result;
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
  r.score = std::clamp(r.objectivePoints - r.hintCosts - r.penaltyPoints - r.declarationCosts - r.blindCosts, 0.0, 100.0);
  std::stable_sort(r.timeline.begin(), r.timeline.end(), [](const TimelineItem& a, const TimelineItem& b) { return a.at < b.at; });
  r.fingerprint = m_session.Fingerprint();
  return r;
}

std::string ResultJson(const DrillResult& r) {
  nlohmann::json objectives = nlohmann::json::array();
  for (const ObjectiveResult& o : r.objectives) {
    objectives.push_back({{"id", o.id},
                          {"title", o.title.In(r.lang)},
                          {"task", TaskName(o.task)},
                          {"weight", o.weight},
                          {"by_s", o.byS},
                          {"met", o.metAt.has_value()},
                          {"met_at_s", o.metAt ? nlohmann::json(*o.metAt) : nlohmann::json()},
                          {"points", o.points},
                          {"hint_shown", o.hintShown},
                          {"hint_cost", o.hintCost},
                          {"expected_severity", o.expectedSeverity ? nlohmann::json(session::SeverityName(*o.expectedSeverity))
                                                                   : nlohmann::json()},
                          {"ticket_severity", o.ticketSeverity ? nlohmann::json(session::SeverityName(*o.ticketSeverity))
                                                               : nlohmann::json()},
                          {"escalation_cost", o.escalationCost},
                          {"evidence", o.evidence ? nlohmann::json(*o.evidence) : nlohmann::json()},
                          {"step", o.step}});
  }
  nlohmann::json steady = nlohmann::json::array();
  for (const SteadyResult& s : r.steadyState) {
    steady.push_back({{"kpi", s.kpi}, {"before", s.before}, {"worst", s.worst}, {"after", s.after},
                      {"held_before", s.heldBefore}, {"held_after", s.heldAfter}});
  }
  nlohmann::json declarations = nlohmann::json::array();
  for (const DeclarationResult& d : r.declarations) {
    declarations.push_back({{"at_s", d.at}, {"element", d.element}, {"correct", d.correct}, {"cost", d.cost}});
  }
  nlohmann::json blind = nlohmann::json::array();
  for (const BlindChange& b : r.blindChanges) blind.push_back({{"at_s", b.at}, {"command", b.command}, {"cost", b.cost}});
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(r.fingerprint));
  return nlohmann::json{{"drill", r.drillId},
                        {"title", r.title.In(r.lang)},
                        {"seed", r.seed},
                        {"picks", r.picks},
                        {"score", r.score},
                        {"objective_points", r.objectivePoints},
                        {"hint_costs", r.hintCosts},
                        {"penalty_points", r.penaltyPoints},
                        {"declaration_costs", r.declarationCosts},
                        {"declarations", declarations},
                        {"blind_costs", r.blindCosts},
                        {"blind_changes", blind},
                        {"worsenings", r.worsenings},
                        {"objectives", objectives},
                        {"steady_state", steady},
                        {"fingerprint", hex}}
      .dump(2);
}

}  // namespace netdrill::drill
