#include "sim/engine.h"
#include "tests/twin/test-support.h"
#include "twin/address-plan.h"
#include "twin/routing.h"

#include <algorithm>
#include <cmath>
#include <tuple>

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
  const session::PingStats s = engine->PingResult(ping);
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
  const session::PingStats s = engine->PingResult(ping);
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
    return std::make_tuple(s.rttMs, engine->Events(), engine->Fingerprint());
  };
  const auto a = run();
  const auto b = run();
  CHECK(std::get<0>(a) == std::get<0>(b));
  CHECK(std::get<1>(a) == std::get<1>(b));
  CHECK(std::get<2>(a) == std::get<2>(b));
}

TEST_CASE("a router down, a shared-risk group cut, and a reachability round", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  const NodeId core = t.CoreNodes().front();
  const int before = engine->StartReachabilityRound(core, 0.1, 0.4);
  CHECK(engine->ReachabilityResult(before).empty());  // not over yet
  engine->RunUntil(0.5);
  const auto all = engine->ReachabilityResult(before);
  REQUIRE(all.size() == t.Sites().size());
  CHECK(std::count(all.begin(), all.end(), true) == static_cast<long>(t.Sites().size()));

  // Province 02 down: it and everything below it go dark, the rest stays.
  const SiteId province = t.FindSite("province:02");
  engine->SetNodeUp(t.FirstNode(province), false);
  engine->RunUntil(1.0);
  const int during = engine->StartReachabilityRound(core, 0.1, 0.4);
  engine->RunUntil(1.5);
  const auto down = engine->ReachabilityResult(during);
  for (std::uint32_t s = 0; s < t.Sites().size(); ++s) {
    const Site& site = t.Sites()[s];
    INFO(site.id);
    CHECK(down[s] == (site.provinceCode != "02"));
  }
  engine->SetNodeUp(t.FirstNode(province), true);

  // Both uplinks of province 01 through one group: cut them together.
  std::vector<LinkId> uplinks;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.Links()[l];
    if (link.a == t.FirstNode(t.FindSite("province:01")) && !link.srgs.empty()) uplinks.push_back(LinkId(l));
  }
  REQUIRE(uplinks.size() == 2);
  engine->RunUntil(2.0);
  engine->SetLinksUp(uplinks, false);
  engine->RunUntil(2.5);
  const int storm = engine->StartReachabilityRound(core, 0.1, 0.4);
  engine->RunUntil(3.0);
  const auto cut = engine->ReachabilityResult(storm);
  for (std::uint32_t s = 0; s < t.Sites().size(); ++s) {
    INFO(t.Sites()[s].id);
    CHECK(cut[s] == (t.Sites()[s].provinceCode != "01" || t.Sites()[s].level == SiteLevel::CentralAgency ||
                     t.Sites()[s].level == SiteLevel::RegionalCentre));
  }
}

TEST_CASE("faults scheduled ahead happen at their time", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  const NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
  const NodeId core = t.CoreNodes().front();
  engine->ScheduleAt(1.0, [&] { engine->SetNodeUp(commune, false); });
  const int p = engine->StartPing(core, commune, 20, 0.1);
  engine->RunUntil(3.0);
  const session::PingStats s = engine->PingResult(p);
  for (std::size_t i = 0; i < s.rttMs.size(); ++i) {
    INFO(s.sentAtS[i]);
    CHECK((s.rttMs[i] >= 0) == (s.sentAtS[i] < 0.99));
  }
}

TEST_CASE("a link offered twice its capacity drops about half, and pings meet it", "[sim]") {
  Twin t = Preset("tiny");
  const NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
  const NodeId district = t.FirstNode(t.FindSite("district:001"));
  LinkId fibre;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.Links()[l];
    if (link.a == commune && link.b == district) fibre = LinkId(l);
  }
  REQUIRE(fibre.IsValid());
  t.GetLink(fibre).capacityMbps = 0.75;  // the endpoint's 1.5 Mbit/s each way is twice that
  auto engine = MakeEngine(t);
  engine->StartConference("2023");
  const auto state = engine->LinkState(fibre);
  CHECK(state.aToBMbps == 1.5);
  CHECK(state.lossAtoBPct == Approx(50.0));
  CHECK(state.lossBtoAPct == Approx(50.0));
  const auto kpi = engine->Conference();
  CHECK(kpi.endpoints == t.TotalEndpoints("2023"));
  CHECK(kpi.lost == 1);  // that commune's one endpoint
  CHECK(kpi.good == kpi.endpoints - 1);
  // An echo crosses the link twice: about a quarter come back.
  const int p = engine->StartPing(district, commune, 400, 0.01);
  engine->RunUntil(5.0);
  const auto s = engine->PingResult(p);
  CHECK(s.received >= 75);
  CHECK(s.received <= 125);
  // ... and each waits behind a full queue both ways: 100 packets of 8,016 bits at 0.75 Mbit/s, 1.069 s.
  const double fullQueueMs = 100 * 8016.0 / 0.75e6 * 1000.0;
  CHECK(s.minRttMs > 2 * fullQueueMs);
  CHECK(s.minRttMs < 2 * fullQueueMs + 10.0);
  engine->StopConference();
  CHECK(engine->LinkState(fibre).lossAtoBPct == 0.0);
  const int quiet = engine->StartPing(district, commune, 1, 0.01);
  engine->RunUntil(6.0);
  CHECK(engine->PingResult(quiet).maxRttMs < 5.0);  // the queue gone with the load
}

TEST_CASE("an MCU failure sends its endpoints up the cascade, a degradation adds loss and delay", "[sim]") {
  const Twin& t = Preset("province-2025:46");  // Huế: 40 communes on the province MCU
  auto engine = MakeEngine(t);
  engine->StartConference("2026");
  const NodeId province = t.FirstNode(t.FindSite("province:46"));
  const NodeId central = t.FirstNode(t.FindSite("centre:01"));
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  const auto tables = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  const LinkId uplink(tables.NextLink(province, central));
  const bool provinceIsA = t.GetLink(uplink).a == province;
  auto up = [&] { return provinceIsA ? engine->LinkState(uplink).aToBMbps : engine->LinkState(uplink).bToAMbps; };
  CHECK(up() == 1.5);
  engine->SetMcuFailed(t.FindSite("province:46"), true);
  CHECK(up() == Approx((40 * 9 + 30) * 1.5));
  CHECK(engine->Conference().good == engine->Conference().endpoints);  // 4 G carries 585 Mbit/s
  // Degrade the uplink to a tenth of its capacity with 2 % loss: every fallen-back endpoint suffers.
  engine->SetLinkDegraded(uplink, 2.0, 20.0, 0.1);
  const auto k = engine->Conference();
  CHECK(k.lost == 40 * 9 + 30);
  CHECK(engine->LinkState(uplink).utilisation == Approx(585.0 / 400.0));
  // Restoring both brings everyone back.
  engine->SetLinkDegraded(uplink, 0, 0, 1);
  engine->SetMcuFailed(t.FindSite("province:46"), false);
  CHECK(engine->Conference().good == engine->Conference().endpoints);
}

TEST_CASE("an endpoint is as good as the cascade above its MCU: Trường Sa over VSAT", "[sim]") {
  const Twin& t = Preset("province-2024:56");  // Khánh Hòa, with the Trường Sa district on VSAT
  auto engine = MakeEngine(t);
  engine->StartConference("2023");
  // The district MCU on the island reaches the province over 270 ms of satellite:
  // its 6 endpoints and its 3 communes' are degraded (one-way delay 150-400 ms).
  auto k = engine->Conference();
  CHECK(k.degraded == 6 + 3);
  CHECK(k.lost == 0);
  // Add the background VPN: 35 Mbit/s more on the 10 Mbit/s link, and they are lost.
  engine->SetVpnLoad(true);
  k = engine->Conference();
  CHECK(k.lost == 6 + 3);
  CHECK(k.good + k.degraded + k.lost == k.endpoints);
}

TEST_CASE("restorations: a 4G backup brings a cut commune back, slower, a cost moves a route", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  LinkId backup;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    if (t.Links()[l].medium == Medium::Cellular4G) backup = LinkId(l);
  }
  REQUIRE(backup.IsValid());
  const NodeId commune = t.GetLink(backup).a;
  LinkId fibre;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    if (t.Links()[l].a == commune && t.Links()[l].role == LinkRole::Primary) fibre = LinkId(l);
  }
  const NodeId core = t.CoreNodes().front();
  const int before = engine->StartPing(commune, core, 3, 0.1);
  engine->RunUntil(1.0);
  engine->SetLinkUp(fibre, false);
  engine->RunUntil(2.0);
  const int dark = engine->StartPing(commune, core, 3, 0.1);
  engine->RunUntil(3.0);
  engine->SetLinkEnabled(backup, true);
  engine->RunUntil(4.0);
  const int onBackup = engine->StartPing(commune, core, 3, 0.1);
  engine->RunUntil(5.0);
  CHECK(engine->PingResult(before).received == 3);
  CHECK(engine->PingResult(dark).received == 0);
  const auto b = engine->PingResult(onBackup);
  CHECK(b.received == 3);
  // The 4G path adds its 30 ms each way (it goes straight to the province, skipping the district).
  CHECK(b.minRttMs > 60.0);
  CHECK(b.minRttMs > engine->PingResult(before).minRttMs + 55.0);

  // A wrong cost on the province's primary uplink sends it out by the secondary.
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  const auto tables = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  const NodeId province = t.FirstNode(t.FindSite("province:02"));
  const LinkId primary(tables.NextLink(province, core));
  const int normal = engine->StartPing(province, core, 3, 0.1);
  engine->RunUntil(6.0);
  engine->SetLinkCost(primary, 1e9);
  engine->RunUntil(7.0);
  const int misrouted = engine->StartPing(province, core, 3, 0.1);
  engine->RunUntil(8.0);
  CHECK(engine->PingResult(misrouted).minRttMs > engine->PingResult(normal).minRttMs);
  engine->SetLinkCost(primary, 0);  // back to the implied cost
  engine->RunUntil(9.0);
  const int fixed = engine->StartPing(province, core, 3, 0.1);
  engine->RunUntil(10.0);
  CHECK(engine->PingResult(fixed).minRttMs == Approx(engine->PingResult(normal).minRttMs));
}

TEST_CASE("power loss: a commune runs on battery for 2 h then goes dark, provinces ride on generators", "[sim]") {
  const Twin& t = Preset("province-2025:12");  // Lai Châu: 38 communes
  auto engine = MakeEngine(t);
  const SiteId commune = t.FindSite("commune:03388");
  REQUIRE(commune.IsValid());
  const NodeId core = t.CoreNodes().front();
  engine->SetPowerLost(commune, true);
  engine->SetPowerLost(t.FindSite("province:12"), true);
  engine->RunUntil(7190.0);
  const int onBattery = engine->StartPing(core, t.FirstNode(commune), 1, 1.0);
  engine->RunUntil(7210.0);
  const int empty = engine->StartPing(core, t.FirstNode(commune), 1, 1.0);
  const int province = engine->StartPing(core, t.FirstNode(t.FindSite("province:12")), 1, 1.0);
  engine->RunUntil(7220.0);
  CHECK(engine->PingResult(onBattery).received == 1);
  CHECK(engine->PingResult(empty).received == 0);
  CHECK(engine->PingResult(province).received == 1);  // this seed's generator started
  engine->SetPowerLost(commune, false);
  engine->RunUntil(7230.0);
  const int back = engine->StartPing(core, t.FirstNode(commune), 1, 1.0);
  engine->RunUntil(7240.0);
  CHECK(engine->PingResult(back).received == 1);
}

TEST_CASE("queueing delay from load, and a field team's repair after travel and a drawn time", "[sim]") {
  Twin t = Preset("tiny");
  const NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
  LinkId fibre;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    if (t.Links()[l].a == commune && t.Links()[l].role == LinkRole::Primary) fibre = LinkId(l);
  }
  t.GetLink(fibre).capacityMbps = 3.0;  // the endpoint's 1.5 Mbit/s is half of it
  {
    auto engine = MakeEngine(t);
    engine->StartConference("2023");
    // One constant-rate stream alone never waits below capacity.
    CHECK(engine->LinkState(fibre).utilisation == Approx(0.5));
    CHECK(engine->LinkState(fibre).queueAtoBMs == 0.0);
    engine->SetLinkDegraded(fibre, 0, 0, 0.25);  // 0.75 Mbit/s left: overloaded, the queue is full
    // 100 packets of 1,000 bytes (+2 of PPP) at 0.75 Mbit/s.
    CHECK(engine->LinkState(fibre).queueAtoBMs == Approx(100 * 8016.0 / 0.75e6 * 1000.0));
  }
  {
    Twin vpn = t;
    vpn.GetLink(fibre).capacityMbps = 13.0;  // the conference's 1.5 and the VPN's 5 Mbit/s: half of it
    auto engine = MakeEngine(vpn);
    engine->StartConference("2023");
    engine->SetVpnLoad(true);
    // Two streams at rho = 0.5: the M/D/1 wait rho / (2 (1 - rho)) x S, times (1 - 1/2).
    CHECK(engine->LinkState(fibre).utilisation == Approx(0.5));
    CHECK(engine->LinkState(fibre).queueAtoBMs == Approx(0.5 * 0.5 * 8016.0 / 13e6 * 1000.0));
  }
  auto repairAt = [&]() {
    auto engine = MakeEngine(t);
    const NodeId core = t.CoreNodes().front();
    engine->SetLinkUp(fibre, false);
    const auto job = engine->DispatchRepair(fibre);
    REQUIRE(job);
    const double done = job->doneS;
    CHECK(done > 3600.0);  // hours: travel plus a repair drawn around 4-8 h
    engine->RunUntil(done - 10.0);
    const int before = engine->StartPing(commune, core, 1, 1.0);
    engine->RunUntil(done + 5.0);
    const int after = engine->StartPing(commune, core, 1, 1.0);
    engine->RunUntil(done + 10.0);
    CHECK(engine->PingResult(before).received == 0);
    CHECK(engine->PingResult(after).received == 1);
    return done;
  };
  CHECK(repairAt() == repairAt());  // the same seed draws the same repair time
}

TEST_CASE("a DDoS toward a province fills its uplink, filtering restores the conference", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  engine->StartConference("2023");
  REQUIRE(engine->Conference().good == engine->Conference().endpoints);
  const SiteId target = t.FindSite("province:02");
  engine->StartAttack(target, 10000.0, 0);  // 10 Gbit/s from the Internet gateway
  // Everything under province 02 rides on its 1 G uplink: 20 + 2 x 6 + 2 x 1 endpoints lost.
  const auto k = engine->Conference();
  CHECK(k.lost == 34);
  engine->LimitAttacks(target, 100.0);  // rate-limited at the gateway: the uplink copes
  CHECK(engine->Conference().lost == 0);
  engine->LimitAttacks(target, 0.0);    // filtered
  CHECK(engine->Conference().good == engine->Conference().endpoints);
  // Compromised hosts: two communes at 600 Mbit/s each, toward the province.
  engine->StartAttack(target, 600.0, 2);
  double busiest = 0.0;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) busiest = std::max(busiest, engine->LinkState(LinkId(l)).utilisation);
  CHECK(busiest >= 6.0);  // a 100 M commune fibre offered 600 M
}

TEST_CASE("a compromised host floods from inside until it is isolated", "[sim]") {
  const Twin& t = Preset("tiny");
  auto engine = MakeEngine(t);
  engine->StartConference("2023");
  const SiteId host = t.FindSite("commune:00001");
  LinkId fibre;
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    if (t.Links()[l].a == t.FirstNode(host) && t.Links()[l].role == LinkRole::Primary) fibre = LinkId(l);
  }
  engine->CompromiseHost(host, t.FindSite("province:02"), 150.0);
  CHECK(engine->LinkState(fibre).utilisation == Approx((150.0 + 1.5) / 100.0));
  CHECK(engine->Conference().lost == 1);  // the host's own commune loses its endpoint
  engine->IsolateHost(host);
  CHECK(engine->LinkState(fibre).utilisation == Approx(1.5 / 100.0));
  CHECK(engine->Conference().good == engine->Conference().endpoints);
}

namespace {

// Tiny with one commune fibre of `capacityMbps`, the 2023 conference as packets,
// measured from `warmupS` for `measureS`.
std::unique_ptr<sim::Engine> PacketRun(Twin& t, LinkId fibre, double capacityMbps, double warmupS, double measureS) {
  t.GetLink(fibre).capacityMbps = capacityMbps;
  Diagnostics diags;
  sim::EngineOptions options;
  options.bulk = session::BulkTraffic::Packets;
  auto engine = sim::Engine::Create(t, options, diags);
  REQUIRE(engine);
  engine->StartConference("2023");
  engine->RunUntil(warmupS);
  engine->ResetMeasurements();
  engine->RunUntil(warmupS + measureS);
  return engine;
}

LinkId CommuneFibre(const Twin& t) {
  const NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    if (t.Links()[l].a == commune && t.Links()[l].role == LinkRole::Primary) return LinkId(l);
  }
  return LinkId();
}

}  // namespace

TEST_CASE("packets: a link offered twice its capacity drops half, measured on the link and by the receiver", "[sim]") {
  Twin t = Preset("tiny");
  const LinkId fibre = CommuneFibre(t);
  REQUIRE(fibre.IsValid());
  // The commune's endpoint sends 1.5 Mbit/s up a 0.75 Mbit/s fibre: the queue
  // fills in about a second, then drops every other packet.
  auto engine = PacketRun(t, fibre, 0.75, 1.5, 2.0);
  const sim::Engine::LinkLoad up = engine->LinkState(fibre);
  CHECK(up.measured);
  CHECK(up.packetsAtoB == Approx(2.0 * 1.5e6 / 8000.0).epsilon(0.01));  // 375 packets offered
  CHECK(up.lossAtoBPct == Approx(50.0).margin(1.0));
  CHECK(up.lossBtoAPct == Approx(50.0).margin(1.0));  // the mix coming down meets the same fibre
  const SiteId commune = t.FindSite("commune:00001");
  int seen = 0;
  for (const auto& s : engine->ConferenceStreams()) {
    if (s.endpointSite != commune) continue;
    ++seen;
    const bool upward = t.GetNode(s.from).site == commune;
    INFO((upward ? "up" : "down"));
    CHECK(s.lossPct == Approx(50.0).margin(1.0));
    // Every packet waits behind a full queue: 100 packets of 8,016 bits at 0.75 Mbit/s, 1.07 s.
    CHECK(s.delayMs > 100 * 8016.0 / 0.75e6 * 1000.0 - 12.0);
  }
  CHECK(seen == 2);
  const sim::Engine::ConferenceKpi k = engine->Conference();
  CHECK(k.lost == 1);
  CHECK(k.good == k.endpoints - 1);
}

TEST_CASE("packets: below capacity each stream's delay is propagation plus serialisation, as the rates say", "[sim]") {
  Twin t = Preset("tiny");
  const LinkId fibre = CommuneFibre(t);
  auto packets = PacketRun(t, fibre, 3.0, 0.5, 1.0);
  const std::vector<sim::Engine::StreamKpi> measured = packets->ConferenceStreams();
  const std::uint64_t fingerprint = packets->Fingerprint();
  packets.reset();
  auto again = PacketRun(t, fibre, 3.0, 0.5, 1.0);
  CHECK(again->Fingerprint() == fingerprint);  // the same inputs, the same run
  again.reset();
  Diagnostics diags;
  auto rates = sim::Engine::Create(t, sim::EngineOptions{}, diags);
  REQUIRE(rates);
  rates->StartConference("2023");
  const std::vector<sim::Engine::StreamKpi> modelled = rates->ConferenceStreams();
  REQUIRE(measured.size() == modelled.size());
  REQUIRE(!measured.empty());
  for (std::size_t i = 0; i < measured.size(); ++i) {
    CHECK(measured[i].packets > 0);
    CHECK(measured[i].lossPct == 0.0);
    CHECK(modelled[i].lossPct == 0.0);
    // Each stream alone on its links, or on links far below capacity: no wait to speak of.
    CHECK(measured[i].delayMs == Approx(modelled[i].delayMs).margin(0.05));
  }
}
