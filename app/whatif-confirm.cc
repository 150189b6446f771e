#include "app/whatif-confirm.h"

#include "app/run-support.h"
#include "sim/engine.h"

#include <algorithm>
#include <cmath>

namespace netdrill::app {

namespace {

struct Measure {
  int unreachable = 0;
  sim::Engine::ConferenceKpi conference;
  int over = 0;
};

Measure Take(const sim::Engine& e) {
  Measure m;
  const auto reach = e.SitesReachingCore();
  m.unreachable = static_cast<int>(std::count(reach.begin(), reach.end(), false));
  m.conference = e.Conference();
  m.over = e.Links().overCapacity;
  return m;
}

}  // namespace

bool ConfirmInEngine(const twin::Twin& twin, whatif::SweepResult& r, std::size_t k, const std::string& rankBy,
                     std::ostream& err) {
  twin::Diagnostics diags;
  auto engine = sim::Engine::Create(twin, sim::EngineOptions{}, diags);
  if (!engine) {
    diags.Print(err);
    return false;
  }
  engine->StartConference("");
  engine->SetVpnLoad(true);
  double now = 5.0;
  engine->RunUntil(now);
  const Measure base = Take(*engine);
  const auto ranked = whatif::Ranked(r, r.singles, rankBy);
  Progress progress(err);
  // Long enough for the routes to move (detection + SPF + FIB, well under a second) and the rates to settle.
  constexpr double kSettleS = 3.0;
  for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
    const whatif::Element& e = r.elements[ranked[i]->elements.front()];
    progress.Show("ns-3: failure " + std::to_string(i + 1) + " / " + std::to_string(std::min(k, ranked.size())) + ": " + e.id);
    std::vector<twin::LinkId> links;
    for (std::uint32_t l : e.links) links.push_back(twin::LinkId(l));
    if (e.node >= 0) engine->SetNodeUp(twin::NodeId(static_cast<std::uint32_t>(e.node)), false);
    else engine->SetLinksUp(links, false);
    engine->RunUntil(now += kSettleS);
    const Measure m = Take(*engine);
    if (e.node >= 0) engine->SetNodeUp(twin::NodeId(static_cast<std::uint32_t>(e.node)), true);
    else engine->SetLinksUp(links, true);
    engine->RunUntil(now += kSettleS);

    whatif::Confirmation c;
    c.element = ranked[i]->elements.front();
    const whatif::Impact& a = ranked[i]->impact;
    c.sitesAnalytic = a.cut.sites;
    c.sitesSimulated = m.unreachable - base.unreachable;
    c.endpointsAnalytic = a.cut.endpoints;
    c.endpointsLostSimulated = m.conference.lost - base.conference.lost;
    c.endpointsDegradedSimulated = m.conference.degraded - base.conference.degraded;
    c.overAnalytic = a.linksOver;
    c.overSimulated = m.over - base.over;
    // Sites must match exactly; endpoints within 5 % (or 2); overloaded links exactly.
    const double tolerance = std::max(2.0, 0.05 * static_cast<double>(c.endpointsAnalytic));
    std::string note;
    if (c.sitesSimulated != c.sitesAnalytic) note += "sites cut differ; ";
    if (std::fabs(static_cast<double>(c.endpointsLostSimulated - c.endpointsAnalytic)) > tolerance)
      note += "endpoints lost differ (the engine also loses endpoints to congestion and delay); ";
    if (c.overSimulated != c.overAnalytic) note += "links over capacity differ; ";
    c.agree = note.empty();
    if (!note.empty()) note.resize(note.size() - 2);
    c.note = note;
    r.confirmed.push_back(std::move(c));
  }
  progress.Done();
  return true;
}

}  // namespace netdrill::app
