// The fake network model on its own, against what the tiny twin's shape says
// by hand: the same routes, cuts, convergence and repair rules as the engine,
// answers with no packets, the same run for the same inputs.
#include "session/fake-network-model.h"
#include "tests/twin/test-support.h"
#include "twin/repair.h"

#include <catch2/catch.hpp>

using namespace netdrill;
using netdrill::test::Preset;

namespace {

std::unique_ptr<session::FakeNetworkModel> MakeFake(const twin::Twin& t, std::uint64_t seed = 1) {
  twin::Diagnostics diags;
  session::ModelOptions options;
  options.seed = seed;
  auto m = session::FakeNetworkModel::Create(t, options, diags);
  REQUIRE(m);
  return m;
}

}  // namespace

TEST_CASE("fake network: a cut darkens the link at once, routes move after convergence, the repair brings it back",
          "[session][fake]") {
  const twin::Twin& t = Preset("tiny");
  auto m = MakeFake(t);
  const twin::LinkId fibre = t.FindLink("district:001--province:01");
  REQUIRE(fibre.IsValid());
  const twin::SiteId district = t.FindSite("district:001"), commune = t.FindSite("commune:00001");
  CHECK(m->SitesReachingCore()[district.Index()]);
  m->SetLinksUp({fibre}, false);
  CHECK(m->LinkDark(fibre));
  // District 001 hangs from province 01 by this fibre alone, and commune 00001 from district 001.
  const auto reach = m->SitesReachingCore();
  CHECK_FALSE(reach[district.Index()]);
  CHECK_FALSE(reach[commune.Index()]);
  CHECK(reach[t.FindSite("province:01").Index()]);
  // A field team: back after travel and the median repair (the engine's rule, no draw).
  const auto job = m->DispatchRepair(fibre);
  REQUIRE(job);
  const double done = job->doneS;
  const twin::RepairParams p;
  CHECK(done == Approx(twin::RepairSeconds(twin::EstimateRepair(t, fibre, p), p, 0.0)));
  m->RunUntil(done - 1.0);
  CHECK(m->LinkDark(fibre));
  m->RunUntil(done + session::ConvergenceParams{}.Total() / 1000.0 + 0.01);
  CHECK_FALSE(m->LinkDark(fibre));
  CHECK(m->SitesReachingCore()[commune.Index()]);
}

TEST_CASE("fake network: pings answer over lit paths and are lost across a cut, and the same inputs give the same run",
          "[session][fake]") {
  const twin::Twin& t = Preset("tiny");
  auto run = [&](std::uint64_t seed) {
    auto m = MakeFake(t, seed);
    const twin::NodeId core = t.CoreNodes().front();
    const twin::NodeId commune = t.FirstNode(t.FindSite("commune:00001"));
    const int good = m->StartPing(core, commune, 3, 1.0);
    m->RunUntil(5.0);
    const session::PingStats a = m->PingResult(good);
    CHECK(a.sent == 3);
    CHECK(a.received == 3);
    CHECK(a.minRttMs > 0.0);
    m->SetLinksUp({t.FindLink("commune:00001--district:001")}, false);
    const int lost = m->StartPing(core, commune, 3, 1.0);
    m->RunUntil(10.0);
    CHECK(m->PingResult(lost).received == 0);
    return m->Fingerprint();
  };
  CHECK(run(1) == run(1));
}

TEST_CASE("fake network: a flood loads the target's links and is filtered out", "[session][fake]") {
  const twin::Twin& t = Preset("province-2024:44");
  auto m = MakeFake(t);
  const twin::SiteId target = t.FindSite("province:44");
  m->StartAttack(target, 3000.0, 0);
  REQUIRE(m->AttackTargets() == std::vector<twin::SiteId>{target});
  const auto links = m->AttackLinks(target);
  REQUIRE_FALSE(links.empty());
  CHECK(m->Links().congested > 0);
  m->LimitAttacks(target, 0.0);
  CHECK(m->AttackTargets().empty());
  CHECK(m->Links().congested == 0);
}

TEST_CASE("fake network: field teams are a resource: with two teams the third repair waits for the first one free",
          "[session][fake]") {
  const twin::Twin& t = Preset("tiny");
  twin::Diagnostics diags;
  auto m = session::FakeNetworkModel::Create(t, {}, diags);  // two teams a province, the default
  REQUIRE(m);
  // Three fibres of province 01 (communes' and districts'), cut at once, three teams sent at t = 0.
  std::vector<twin::LinkId> fibres;
  for (const twin::Link& l : t.Links()) {
    const twin::LinkId id = t.FindLink(l.id);
    if (fibres.size() < 3 && t.GetSite(t.GetNode(l.a).site).level != twin::SiteLevel::Province &&
        twin::FieldTeams::ProvinceOf(t, id) == "province:01")
      fibres.push_back(id);
  }
  REQUIRE(fibres.size() == 3);
  m->SetLinksUp(fibres, false);
  const twin::RepairParams p;
  auto travel = [&](twin::LinkId l) { return twin::EstimateRepair(t, l, p).travelHours * 3600.0; };
  auto onSite = [&](twin::LinkId l) { return twin::OnSiteSeconds(twin::EstimateRepair(t, l, p), p, 0.0); };
  const auto first = m->DispatchRepair(fibres[0]);
  const auto second = m->DispatchRepair(fibres[1]);
  const auto third = m->DispatchRepair(fibres[2]);
  REQUIRE((first && second && third));
  CHECK(first->number == 1);
  CHECK(second->number == 2);
  CHECK(first->departS == 0.0);
  CHECK(first->doneS == Approx(travel(fibres[0]) + onSite(fibres[0])));
  // The third: the first team free (the earlier of the two), then its travel and repair.
  const double firstFree = std::min(first->doneS, second->doneS);
  CHECK(third->departS == Approx(firstFree));
  CHECK(third->doneS == Approx(firstFree + travel(fibres[2]) + onSite(fibres[2])));
  CHECK(third->number == (first->doneS <= second->doneS ? 1 : 2));
  // Staff unavailable: no team on duty, none sent; back on duty, the queue goes on.
  REQUIRE(m->SetTeamsOnDuty("province:01", 0));
  CHECK_FALSE(m->DispatchRepair(fibres[0]));
  CHECK_FALSE(m->SetTeamsOnDuty("province:99", 1));
  const auto teams = m->Teams();
  CHECK(std::count_if(teams.begin(), teams.end(), [](const twin::FieldTeam& x) { return x.province == "province:01"; }) == 2);
}
