// A drill's edges as text: the scripted trainee read from YAML (`--actions`),
// and the result written as JSON (`drill run --json`, the report's data).
#include "drill/drill-run.h"

#include "session/session.h"
#include "twin/text.h"
#include "twin/units.h"
#include "twin/yaml-reader.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>

namespace netdrill::drill {

using session::Role;

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
        if (auto command = y.String(v, where + ".do"); command && !twin::IsValidUtf8(*command)) {
          diags.Error("bad-text", path, y.Loc(v), where + ".do", "the command is not UTF-8 text");
          badDo = true;
          ok = false;
        } else if (command) {
          a.command = std::move(*command);
        } else {
          badDo = true;
        }
      } else if (key == "as") {
        const auto text = y.String(v, where + ".as");
        const auto role = text ? session::ParseRole(*text) : std::nullopt;
        if (role && *role != Role::Scenario) {
          a.role = *role;
        } else {
          if (text) diags.Error("bad-value", path, keyLoc, where + ".as", "expected trainee or instructor");
          ok = false;
        }
      } else if (key == "seat") {
        const auto text = y.String(v, where + ".seat");
        const auto seat = text ? session::ParseSeat(*text) : std::nullopt;
        if (seat) {
          a.seat = *seat;
        } else {
          if (text) diags.Error("bad-value", path, y.Loc(v), where + ".seat", "expected one of " + session::SeatChoices());
          ok = false;
        }
      } else {
        diags.Error("unknown-key", path, keyLoc, where, "unknown key \"" + key + "\"",
                    twin::SuggestHint(key, {"at", "do", "as", "seat"}));
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
                          {"outcome", o.outcome},
                          {"relapsed_at_s", o.relapsedAt ? nlohmann::json(*o.relapsedAt) : nlohmann::json()},
                          {"named", o.named ? nlohmann::json(*o.named) : nlohmann::json()},
                          {"impact_given", o.impactGiven ? nlohmann::json(*o.impactGiven) : nlohmann::json()},
                          {"incident", o.incident},
                          {"skill", SkillOf(o.task)},
                          {"started_at_s", o.startedAt ? nlohmann::json(*o.startedAt) : nlohmann::json()},
                          {"step", o.step}});
    const auto taken = o.TimeTaken();
    const char* metric = o.task == Task::Ack       ? "time_to_ack_s"
                         : o.task == Task::Declare ? "time_to_diagnose_s"
                         : (o.task == Task::Restore || o.task == Task::Action) ? "time_to_restore_s"
                                                                                 : nullptr;
    if (metric) objectives.back()[metric] = taken ? nlohmann::json(*taken) : nlohmann::json();
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
  nlohmann::json collateral = nlohmann::json::array();
  for (const CollateralCharge& c : r.collateral) {
    collateral.push_back({{"at_s", c.at}, {"command", c.command}, {"sites", c.sites}, {"endpoints", c.endpoints},
                          {"site_minutes", c.siteMinutes}, {"endpoint_minutes", c.endpointMinutes}, {"cost", c.cost}});
  }
  nlohmann::json blind = nlohmann::json::array();
  for (const BlindChange& b : r.blindChanges) blind.push_back({{"at_s", b.at}, {"command", b.command}, {"cost", b.cost}});
  const std::string hex = session::FingerprintHex(r.fingerprint);
  nlohmann::json out{{"drill", r.drillId},
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
                        {"collateral_costs", r.collateralCosts},
                        {"collateral", collateral},
                        {"unresolved_costs", r.unresolvedCosts},
                        {"left_at_end", r.leftAtEnd},
                        {"assist", AssistName(r.assist)},
                        {"objectives", objectives},
                        {"steady_state", steady},
                        {"fingerprint", hex}};
  if (!r.seats.empty()) {
    // A team drill: the team's score is the drill's; each seat's part of it.
    nlohmann::json seats = nlohmann::json::array();
    for (const SeatResult& s : r.seats) {
      seats.push_back({{"seat", session::SeatName(s.seat)}, {"points", s.points}, {"costs", s.costs},
                       {"contribution", s.contribution}, {"objectives_met", s.objectivesMet},
                       {"commands", s.commands}, {"alarms_seen", s.alarmsSeen}});
    }
    nlohmann::json credited = nlohmann::json::object();
    for (const ObjectiveResult& o : r.objectives) {
      if (o.metAt) credited[o.id] = o.metBy == session::Seat::None ? "team" : session::SeatName(o.metBy);
    }
    nlohmann::json tickets = nlohmann::json::array();
    for (const TeamTicket& t : r.teamTickets) {
      nlohmann::json wrote = nlohmann::json::array();
      for (const session::Seat seat : t.seats) wrote.push_back(session::SeatName(seat));
      tickets.push_back({{"id", t.id}, {"opened_by", session::SeatName(t.openedBy)}, {"seats", wrote}});
    }
    out["team"] = {{"score", r.score}, {"seats", seats}, {"credited", credited}, {"tickets", tickets}};
  }
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool CheckActionSeats(const Drill& drill, std::vector<ScriptedAction>& actions, const std::string& path,
                      twin::Diagnostics& diags, session::Seat only) {
  const int before = diags.ErrorCount();
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const ScriptedAction& a = actions[i];
    const std::string where = "[" + std::to_string(i) + "].seat";
    if (a.role != Role::Trainee) continue;
    if (drill.seats.empty() && a.seat != session::Seat::None) {
      diags.Error("bad-value", path, a.loc, where, "a seat in a drill of one's own (\"" + drill.id + "\" has no team: seats)");
    } else if (!drill.seats.empty() && a.seat == session::Seat::None && only == session::Seat::None) {
      diags.Error("missing-key", path, a.loc, where,
                  "a team drill's trainee action says its seat (seat: " + session::SeatChoices() + ")");
    } else if (a.seat != session::Seat::None && !drill.seats.empty() &&
               std::find(drill.seats.begin(), drill.seats.end(), a.seat) == drill.seats.end()) {
      diags.Error("bad-value", path, a.loc, where,
                  "the seat \"" + std::string(session::SeatName(a.seat)) + "\" is not one of the drill's");
    }
  }
  if (diags.ErrorCount() > before) return false;
  if (only != session::Seat::None) {
    // One seat's client: its own actions (and the instructor's, and those that name no seat).
    actions.erase(std::remove_if(actions.begin(), actions.end(),
                                 [&](ScriptedAction& a) {
                                   if (a.role == Role::Trainee && a.seat == session::Seat::None) a.seat = only;
                                   return a.role == Role::Trainee && a.seat != only;
                                 }),
                  actions.end());
  }
  return true;
}


bool CheckActionPicks(const std::vector<ScriptedAction>& actions, const Picks& picks, const std::string& path,
                      twin::Diagnostics& diags) {
  std::string known;
  for (const auto& [id, chosen] : picks) {
    if (id.find('.') == std::string::npos) known += (known.empty() ? "" : ", ") + id;
  }
  const int before = diags.ErrorCount();
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (const auto ref = UnresolvedReference(actions[i].command, picks)) {
      diags.Error("unknown-pick", path, actions[i].loc, "[" + std::to_string(i) + "].do",
                  *ref + " names no pick of the drill (or is past its count)", known.empty() ? "the drill has no picks" : "picks: " + known);
    }
  }
  return diags.ErrorCount() == before;
}

}  // namespace netdrill::drill
