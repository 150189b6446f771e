// The shotgun trainee: plays a drill through the console's host (on the ns-3
// engine, at the most helpful level the console has) using only what a trainee's
// console shows, and none of the drill's answers: it acknowledges every root alarm,
// declares every element in each root's neighbourhood (the root element, both ends
// of its links, every core router), applies every restoration the console offers
// for each, and opens a critical ticket. A score must not reward this: CI holds it
// to 40 on medium and hard drills, 60 on easy ones (tests/tools/run-drill.cmake).
//
//   shotgun-trainee DRILL.yaml   prints {"score": S, "difficulty": "medium", ...}
#include "app/gui-command.h"
#include "session/command.h"
#include "ui/drill-host.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <set>
#include <string>
#include <vector>

using namespace netdrill;

namespace {

// The root element and what stands next to it: a link's two routers, a router's
// neighbours across its links, a site's routers and theirs; then the core routers.
std::vector<std::string> Neighbourhood(const twin::Twin& twin, const std::string& resource) {
  std::vector<std::string> out{resource};
  std::vector<twin::NodeId> nodes;
  if (const twin::LinkId l = twin.FindLink(resource); l.IsValid()) {
    nodes = {twin.GetLink(l).a, twin.GetLink(l).b};
  } else if (const twin::NodeId n = twin.FindNode(resource); n.IsValid()) {
    nodes = {n};
  } else if (const twin::SiteId s = twin.FindSite(resource); s.IsValid()) {
    nodes = twin.GetSite(s).nodes;
  }
  for (twin::NodeId n : nodes) {
    out.push_back(twin.GetNode(n).id);
    for (const twin::Link& link : twin.Links()) {
      if (link.a == n) out.push_back(twin.GetNode(link.b).id);
      if (link.b == n) out.push_back(twin.GetNode(link.a).id);
    }
  }
  for (twin::NodeId c : twin.CoreNodes()) out.push_back(twin.GetNode(c).id);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: shotgun-trainee DRILL.yaml\n";
    return 2;
  }
  ui::ConsoleHostOptions options = app::EngineHostOptions();
  options.startSpeed = 0.0;
  options.keepRecords = false;
  options.journalDir = "-";
  ui::DrillHost host(options);
  ui::StartRequest request;
  request.file = argv[1];
  std::string error;
  if (!host.Start(request, error)) {
    std::cerr << "shotgun-trainee: " << error << '\n';
    return 2;
  }
  const twin::Twin& twin = host.Twin();
  const double duration = host.CurrentDrill().durationS;
  std::set<std::string> acked, declared;
  bool ticket = false;
  int commands = 0;
  auto give = [&](const std::string& line) {
    host.Submit(line, session::Role::Trainee);
    ++commands;
  };
  for (double t = 10.0; t <= duration; t += 10.0) {
    host.RunUntil(t);
    const auto view = host.Latest();
    if (!view) break;
    for (const session::Alarm& a : *view->alarms) {
      if (!a.Active() || !a.isRoot || !acked.insert(a.id).second) continue;
      host.Submit(session::MakeCommand(session::Role::Trainee,
                                       session::cmd::SetAlarmState{session::OperatorState::Ack, a.id, {}}, twin));
      ++commands;
      for (const std::string& element : Neighbourhood(twin, a.resource)) {
        if (!declared.insert(element).second) continue;
        give("declare cause " + element);
        for (const ui::OfferedAction& offer : host.Offer(element)) give(offer.command);
      }
      if (!ticket) {
        give("ticket open critical outage");
        ticket = true;
      }
    }
    if (view->ended) break;
  }
  host.RunUntil(duration);
  host.Finish();
  const drill::DrillResult r = host.Result();
  std::cout << nlohmann::json{{"drill", r.drillId},
                              {"difficulty", host.CurrentDrill().difficulty},
                              {"score", r.score},
                              {"commands", commands},
                              {"objective_points", r.objectivePoints},
                              {"declaration_costs", r.declarationCosts},
                              {"blind_costs", r.blindCosts},
                              {"penalty_points", r.penaltyPoints}}
                   .dump()
            << '\n';
  return 0;
}
