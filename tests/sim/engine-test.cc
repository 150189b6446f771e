#include "sim/engine.h"
#include "tests/twin/test-support.h"
#include "twin/address-plan.h"
#include "twin/routing.h"

#include <cmath>

using namespace netdrill;
using namespace netdrill::twin;
using netdrill::test::Preset;

namespace {

// One-way time of an 84-byte echo (+2 bytes of PPP) over a link: serialisation plus propagation,
// as the engine builds it (delays rounded to the microsecond).
double HopMs(const Twin& t, LinkId l) {
  const double serialisation = 86.0 * 8.0 / (t.GetLink(l).capacityMbps * 1e6) * 1000.0;
  return serialisation + std::round(t.DelayMs(l) * 1000.0) / 1000.0;
}

std::unique_ptr<sim::Engine> MakeEngine(const Twin& t) {
  Diagnostics diags;
  auto engine = sim::Engine::Create(t, sim::EngineOptions{}, diags);
  REQUIRE(engine);
  return engine;
}

}  // namespace

TEST_CASE("ping RTT is twice the sum of delays and serialisation along the path", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  CHECK(engine->Build().nodes == t.Nodes().size());
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  const auto tables = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  const NodeId from = t.FirstNode(t.FindSite("commune:00001"));
  const NodeId to = t.CoreNodes().front();
  double expected = 0.0;
  for (NodeId at = from; at != to; at = tables.NextNode(t, at, to)) expected += 2 * HopMs(t, LinkId(tables.NextLink(at, to)));
  const int ping = engine->StartPing(from, to, 5, 0.1);
  engine->RunUntil(1.0);
  const sim::PingStats s = engine->PingResult(ping);
  INFO(Catch::Detail::stringify(s.sentAtS) << " " << Catch::Detail::stringify(s.rttMs));
  CHECK(s.sent == 5);
  CHECK(s.received == 5);
  CHECK(s.minRttMs == Approx(expected).margin(0.001));
  CHECK(s.maxRttMs == Approx(expected).margin(0.001));
}

TEST_CASE("a cut on a dual-homed province: traffic returns after the convergence time", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  const auto tables = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  const NodeId province = t.FirstNode(t.FindSite("province:02"));
  const NodeId core = t.CoreNodes().front();
  const LinkId primary(tables.NextLink(province, core));
  const int ping = engine->StartPing(province, core, 200, 0.01);  // 2 s of pings, 10 ms apart
  engine->RunUntil(0.5);
  engine->SetLinkUp(primary, false);
  const double converged = engine->RoutesChangeAt();
  CHECK(converged == Approx(0.5 + sim::ConvergenceParams{}.Total() / 1000.0));
  engine->RunUntil(3.0);
  const sim::PingStats s = engine->PingResult(ping);
  REQUIRE(s.sent == 200);
  int lostBefore = 0, lostDuring = 0, lostAfter = 0;
  double rttBefore = 0, rttAfter = 0;
  for (std::size_t i = 0; i < s.rttMs.size(); ++i) {
    const double at = s.sentAtS[i];
    const bool lost = s.rttMs[i] < 0;
    if (at < 0.5 - 0.05) {
      lostBefore += lost;
      rttBefore = lost ? rttBefore : s.rttMs[i];
    } else if (at > converged + 0.01) {
      lostAfter += lost;
      rttAfter = lost ? rttAfter : s.rttMs[i];
    } else {
      lostDuring += lost;
    }
  }
  CHECK(lostBefore == 0);
  CHECK(lostAfter == 0);
  // About 260 ms of pings, 10 ms apart, die on the cut fibre before the routes move.
  CHECK(lostDuring >= 25);
  CHECK(lostDuring <= 28);
  CHECK(rttAfter > rttBefore);  // the secondary uplink is the longer way
}

TEST_CASE("a single-homed commune goes dark when its fibre is cut, and returns when repaired", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  const NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
  const NodeId core = t.CoreNodes().front();
  LinkId uplink;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.Links()[l];
    if ((link.a == commune || link.b == commune) && link.role == LinkRole::Primary) uplink = LinkId(l);
  }
  REQUIRE(uplink.IsValid());
  engine->SetLinkUp(uplink, false);
  const int dark = engine->StartPing(commune, core, 10, 0.1);
  engine->RunUntil(2.0);
  CHECK(engine->PingResult(dark).received == 0);
  engine->SetLinkUp(uplink, true);
  engine->RunUntil(2.5);
  const int back = engine->StartPing(commune, core, 10, 0.1);
  engine->RunUntil(4.0);
  CHECK(engine->PingResult(back).received == 10);
}

TEST_CASE("the same inputs give the same run", "[sim]") {
  auto run = [] {
    const Twin& t = Preset("tiny");
    auto engine = MakeEngine(t);
    const int p = engine->StartPing(t.FirstNode(t.FindSite("commune:00001")), t.CoreNodes().back(), 50, 0.02);
    engine->RunUntil(0.3);
    engine->SetLinkUp(LinkId(0), false);
    engine->RunUntil(2.0);
    auto s = engine->PingResult(p);
    return std::make_pair(s.rttMs, engine->Events());
  };
  const auto a = run();
  const auto b = run();
  CHECK(a.first == b.first);
  CHECK(a.second == b.second);
}
