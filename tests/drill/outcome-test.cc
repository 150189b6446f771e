// Scoring by what the trainee achieved (issue 14), worked out by hand on small
// drills on the tiny network and the fake model: outcomes met by any valid
// action, relapses, collateral damage by the site-minute, tickets that say what
// and how much, distinct message recipients, time metrics, the end state.
#include "drill/drill-run.h"
#include "drill/drill.h"
#include "tests/drill/drill-support.h"
#include "tests/twin/test-support.h"

#include <nlohmann/json.hpp>

using namespace netdrill;

namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const drill::ObjectiveResult& Objective(const drill::DrillResult& r, const std::string& id) {
  for (const auto& o : r.objectives) {
    if (o.id == id) return o;
  }
  FAIL("no objective " + id);
  return r.objectives.front();
}

// A compromised commune host floods the province: the attack must stop, however.
const std::string kFlood = R"(drill: 1
id: tiny-flood
title: {vi: Tấn công, en: A flood}
duration: 10m
network: tiny
pick:
  host:
    site: {level: commune}
events:
  - at: 1m
    do: "fault compromise:{host}[to=province:01,mbps=500]"
objectives:
  - id: stop
    task: action
    outcome: {attack_toward: province:01, below_mbps: 100}
    after: 1m
    by: 8m
    weight: 100
)";

// A fibre cut on a single-homed commune; a second single-homed commune link stands by.
const std::string kCut = R"(drill: 1
id: tiny-cut
title: {vi: Đứt cáp, en: A cut}
duration: 10m
network: tiny
pick:
  fibre:
    link: {from: commune, to: district, single_homed: true, count: 2}
events:
  - at: 1m
    do: "fault cut:{fibre[0]}"
objectives:
  - id: detect
    task: ack
    target: "{fibre[0]}"
    by: 5m
    weight: 40
  - id: diagnose
    task: declare
    target: "{fibre[0]}"
    by: 8m
    weight: 60
)";

}  // namespace

TEST_CASE("outcomes: an action objective is met by any action that brings the state about", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("flood.yaml", kFlood);
  const std::string host = test::PlayOnFake(file, "").picks.at("host").at(0);
  auto play = [&](const std::string& name, const std::string& action) {
    return test::PlayOnFake(file, dir.Write(name, "- {at: 2m, do: \"" + action + "\"}\n"));
  };
  // Filtering, rate-limiting under the bound, isolating the source: each meets it in full.
  const auto filtered = play("filter.yaml", "filter province:01");
  CHECK(filtered.score == 100.0);
  CHECK(Objective(filtered, "stop").outcome == "attack_toward province:01 below 100 Mbit/s");
  CHECK(play("limit.yaml", "rate-limit province:01 mbps=50").score == 100.0);
  CHECK(play("isolate.yaml", "isolate " + host).score == 100.0);
  // A limit above the bound leaves the flood on: not met.
  CHECK(play("high.yaml", "rate-limit province:01 mbps=400").score == 0.0);
  // The old typed-prefix objective scores only its own command, not the alternative.
  const std::string typed = dir.Write(
      "typed.yaml", Replace(kFlood, "    outcome: {attack_toward: province:01, below_mbps: 100}\n", "    command: \"filter province:01\"\n"));
  CHECK(test::PlayOnFake(typed, dir.Write("t1.yaml", "- {at: 2m, do: \"rate-limit province:01 mbps=50\"}\n")).score == 0.0);
  CHECK(test::PlayOnFake(typed, dir.Write("t2.yaml", "- {at: 2m, do: \"filter province:01\"}\n")).score == 100.0);
  // Before the flood the state already holds: it counts only once it was broken after the start.
  const std::string early = dir.Write("early.yaml", Replace(kFlood, "    after: 1m\n", "    after: 0s\n"));
  const auto none = test::PlayOnFake(early, "");
  CHECK_FALSE(Objective(none, "stop").metAt);
}

TEST_CASE("outcomes: with evidence, an action earns full points only after a diagnose command looked at its element",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("flood.yaml", Replace(kFlood, "    weight: 100\n", "    weight: 100\n    evidence: true\n"));
  const auto blind = test::PlayOnFake(file, dir.Write("b.yaml", "- {at: 2m, do: \"filter province:01\"}\n"));
  CHECK(blind.score == 50.0);
  const auto looked = test::PlayOnFake(
      file, dir.Write("l.yaml", "- {at: 1m30s, do: \"show interface province:01\"}\n- {at: 2m, do: \"filter province:01\"}\n"));
  CHECK(looked.score == 100.0);
  CHECK(*Objective(looked, "stop").evidence == "show interface province:01");
}

TEST_CASE("outcomes: a restore that must stay is unmet by a relapse, and time to restore counts from the inject",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string restore = R"(  - id: back
    task: restore
    sites: ["{fibre.lower[0]}"]
    after: 1m
    by: 9m
    weight: 20
)";
  std::string text = Replace(Replace(kCut, "weight: 60", "weight: 40"), "objectives:\n", "objectives:\n" + restore);
  text = Replace(text, "objectives:", "  - at: 3m\n    do: \"fault repair:{fibre[0]}\"\n  - at: 6m\n    do: \"fault cut:{fibre[0]}\"\nobjectives:");
  const std::string plain = dir.Write("plain.yaml", text);
  const auto once = Objective(test::PlayOnFake(plain, ""), "back");
  REQUIRE(once.metAt);
  CHECK(*once.metAt == Approx(181.0).margin(1.0));
  REQUIRE(once.startedAt);
  CHECK(*once.startedAt == Approx(60.0).margin(0.5));  // the cut acts on the commune it cuts off
  CHECK(*once.TimeTaken() == Approx(121.0).margin(1.0));
  CHECK(once.points == 20.0);
  const std::string stay = dir.Write("stay.yaml", Replace(text, "    by: 9m\n    weight: 20\n", "    by: 9m\n    weight: 20\n    stay: true\n"));
  const auto relapsed = Objective(test::PlayOnFake(stay, ""), "back");
  CHECK_FALSE(relapsed.metAt);
  CHECK(relapsed.points == 0.0);
  REQUIRE(relapsed.relapsedAt);
  CHECK(*relapsed.relapsedAt == Approx(360.0).margin(1.0));
  // The JSON gives each objective its time metric by task.
  const auto json = nlohmann::json::parse(drill::ResultJson(test::PlayOnFake(plain, dir.Write(
      "ack.yaml", "- {at: 1m30s, do: \"ack {fibre[0]}\"}\n- {at: 2m, do: \"declare cause {fibre[0]}\"}\n"))));
  CHECK(json["objectives"][0]["time_to_restore_s"].get<double>() == Approx(121.0).margin(1.0));
  CHECK(json["objectives"][1]["time_to_ack_s"].get<double>() == Approx(31.0).margin(1.0));
  CHECK(json["objectives"][2]["time_to_diagnose_s"].get<double>() == Approx(61.0).margin(1.0));
  CHECK(json["objectives"][1]["skill"] == "detect");
}

TEST_CASE("collateral: service a trainee's action cuts is charged by the site-minute until it comes back",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("cut.yaml", kCut);
  // The second commune's only link, disabled at 2m and enabled at 5m: ~3 site-minutes.
  const std::string actions = dir.Write(
      "a.yaml", "- {at: 1m30s, do: \"ack {fibre[0]}\"}\n- {at: 1m40s, do: \"declare cause {fibre[0]}\"}\n"
                "- {at: 2m, do: \"disable {fibre[1]}\"}\n- {at: 5m, do: \"enable {fibre[1]}\"}\n");
  const auto r = test::PlayOnFake(file, actions);
  REQUIRE(r.collateral.size() == 1);  // the inject's own cut is never charged
  const drill::CollateralCharge& c = r.collateral.front();
  CHECK(c.command.rfind("disable ", 0) == 0);
  CHECK(c.sites == 1);
  CHECK(c.siteMinutes == Approx(3.0).margin(0.05));
  CHECK(c.cost == Approx(c.siteMinutes * 0.5));  // the default rate
  CHECK(r.score == Approx(100.0 - c.cost));
  // The rate and the cap are the drill's.
  const std::string dear = dir.Write("dear.yaml", Replace(kCut, "network: tiny\n", "network: tiny\ncollateral: {per_site_minute: 6}\n"));
  CHECK(test::PlayOnFake(dear, actions).collateralCosts == Approx(6.0 * c.siteMinutes));
  const std::string capped =
      dir.Write("capped.yaml", Replace(kCut, "network: tiny\n", "network: tiny\ncollateral: {per_site_minute: 6, max: 5}\n"));
  CHECK(test::PlayOnFake(capped, actions).collateralCosts == 5.0);
}

TEST_CASE("tickets say what and how much, and messages go to sites, the leadership or the central offices",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string ticket =
      "  - {id: tell, task: ticket, names: \"{fibre[0]}\", impact: true, by: 9m, weight: 20}\n"
      "  - {id: boss, task: message, target: leadership, by: 9m, weight: 10}\n";
  const std::string file =
      dir.Write("t.yaml", Replace(Replace(kCut, "weight: 60", "weight: 30"), "objectives:\n", "objectives:\n" + ticket));
  const std::string fibre = test::PlayOnFake(file, "").picks.at("fibre").at(0);
  auto play = [&](const std::string& name, const std::string& lines) { return test::PlayOnFake(file, dir.Write(name, lines)); };
  // The commune's link by its id, and one site cut off: full points; a message to the leadership counts.
  const auto full = play("full.yaml", "- {at: 2m, do: \"ticket open minor " + fibre + " cut, 1 site cut off\"}\n"
                                      "- {at: 2m30s, do: \"message leadership: one commune cut off\"}\n");
  CHECK(Objective(full, "tell").points == 20.0);
  CHECK(*Objective(full, "tell").named);
  CHECK(*Objective(full, "tell").impactGiven);
  CHECK(Objective(full, "boss").points == 10.0);
  CHECK(full.score == 30.0);
  // Saying neither what nor how much: a quarter; a message to a site is not one to the leadership.
  const auto vague = play("vague.yaml", "- {at: 2m, do: \"ticket open minor outage\"}\n"
                                        "- {at: 2m30s, do: \"message province:01: one commune cut off\"}\n");
  CHECK(Objective(vague, "tell").points == 5.0);
  CHECK(vague.score == 5.0);  // the score sums what the ticket earned once read
  CHECK_FALSE(*Objective(vague, "tell").named);
  CHECK_FALSE(Objective(vague, "boss").metAt);
  // A number far from the truth is no impact.
  CHECK_FALSE(*Objective(play("far.yaml", "- {at: 2m, do: \"ticket open minor " + fibre + " cut, 40 sites\"}\n"), "tell").impactGiven);
}

TEST_CASE("the end state: a steady state still broken at the end costs, unless the drill says repairs cannot finish",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string steady = "steady_state:\n  - {kpi: sites_unreachable, max: 0}\nevents:";
  const std::string file = dir.Write("s.yaml", Replace(kCut, "events:", steady));
  const std::string good = dir.Write("g.yaml", "- {at: 2m, do: \"ack {fibre[0]}\"}\n- {at: 3m, do: \"declare cause {fibre[0]}\"}\n");
  const auto costly = test::PlayOnFake(file, good);
  CHECK(costly.unresolvedCosts == 20.0);
  CHECK(costly.score == 80.0);
  const std::string hours = dir.Write("h.yaml", Replace(Replace(kCut, "events:", steady), "network: tiny\n", "network: tiny\nrepairs_finish: false\n"));
  const auto stated = test::PlayOnFake(hours, good);
  CHECK(stated.score == 100.0);
  REQUIRE_FALSE(stated.leftAtEnd.empty());
  CHECK(stated.leftAtEnd.front() == "sites_unreachable 1 at the end");
}

TEST_CASE("outcomes: a filter at the target is no isolation of the host", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write(
      "iso.yaml", Replace(kFlood, "    outcome: {attack_toward: province:01, below_mbps: 100}\n", "    outcome: {isolated: \"{host}\"}\n"));
  const std::string host = test::PlayOnFake(file, "").picks.at("host").at(0);
  CHECK(test::PlayOnFake(file, dir.Write("f.yaml", "- {at: 2m, do: \"filter province:01\"}\n")).score == 0.0);
  CHECK(test::PlayOnFake(file, dir.Write("i.yaml", "- {at: 2m, do: \"isolate " + host + "\"}\n")).score == 100.0);
}

TEST_CASE("outcomes: a fix made before the objective's window opens counts when it opens", "[drill][scoring]") {
  test::TempDir dir;
  // The flood starts at 1m; the objective's window opens at 3m; the trainee filters at 2m.
  const std::string file = dir.Write("late.yaml", Replace(kFlood, "    after: 1m\n", "    after: 3m\n"));
  const auto r = test::PlayOnFake(file, dir.Write("a.yaml", "- {at: 2m, do: \"filter province:01\"}\n"));
  REQUIRE(Objective(r, "stop").metAt);
  CHECK(*Objective(r, "stop").metAt == Approx(180.0).margin(1.0));
  CHECK(r.score == 100.0);
}

TEST_CASE("tickets: a spray of numbers or a bare code is no impact and no name", "[drill][scoring]") {
  test::TempDir dir;
  const std::string ticket = "  - {id: tell, task: ticket, names: province:01, impact: true, by: 9m, weight: 20}\n";
  const std::string file =
      dir.Write("t.yaml", Replace(Replace(kCut, "weight: 60", "weight: 40"), "objectives:\n", "objectives:\n" + ticket));
  auto tell = [&](const std::string& name, const std::string& text) {
    return Objective(test::PlayOnFake(file, dir.Write(name, "- {at: 2m, do: \"ticket open minor " + text + "\"}\n")), "tell");
  };
  // Every count from 1 to 5: one of them is right, but it is a spray.
  CHECK_FALSE(*tell("spray.yaml", "1 site 2 sites 3 sites 4 sites 5 sites").impactGiven);
  // A bare number is no count (what of?), nor a code without its level word.
  const auto bare = tell("bare.yaml", "outage 1 01");
  CHECK_FALSE(*bare.impactGiven);
  CHECK_FALSE(*bare.named);
  const auto coded = tell("coded.yaml", "outage in tỉnh 01, 1 xã cut off");
  CHECK(*coded.named);
  CHECK(*coded.impactGiven);
  // The impact added later in a note counts: the ticket is read at the end.
  const auto noted = Objective(test::PlayOnFake(file, dir.Write("n.yaml", "- {at: 2m, do: \"ticket open minor province:01 outage\"}\n"
                                                                          "- {at: 3m, do: \"ticket note T-1 1 commune cut off\"}\n")),
                               "tell");
  CHECK(*noted.named);
  CHECK(*noted.impactGiven);
  CHECK(noted.points == 20.0);
}

TEST_CASE("outcomes: stay is refused with outcomes that are done once", "[drill]") {
  test::TempDir dir;
  const std::string file = dir.Write(
      "stay.yaml", Replace(kFlood, "    outcome: {attack_toward: province:01, below_mbps: 100}\n",
                           "    command: \"filter province:01\"\n    stay: true\n"));
  twin::Diagnostics diags;
  CHECK_FALSE(drill::LoadCheckedDrill(file, diags));
  REQUIRE_FALSE(diags.Items().empty());
  CHECK(twin::Format(diags.Items().front()).find("stay needs states that can break again") != std::string::npos);
}

TEST_CASE("outcomes: powered is met by a team restarting the generator, not by a blind restart", "[drill][scoring]") {
  test::TempDir dir;
  // Hà Giang's province site: its generator fails, then the mains go; on its battery (8 h) it waits
  // for a field team: the team is at the province centre (no travel) and works one hour.
  const std::string file = dir.Write("gen.yaml", R"(drill: 1
id: tiny-generator
title: {vi: Máy phát, en: A generator}
duration: 3h
max_speed: 10
network: tiny
events:
  - at: 1m
    do: "fault generator-fail:province:02"
  - at: 2m
    do: "fault power-loss:province:02"
objectives:
  - id: power
    task: action
    outcome: {powered: province:02}
    after: 2m
    by: 2h
    weight: 100
)");
  CHECK(test::PlayOnFake(file, "").score == 0.0);
  const auto sent = test::PlayOnFake(file, dir.Write("a.yaml", "- {at: 10m, do: \"restart-generator province:02\"}\n"));
  REQUIRE(Objective(sent, "power").metAt);
  CHECK(*Objective(sent, "power").metAt == Approx(600.0 + 3600.0).margin(2.0));
  CHECK(sent.score == 100.0);
  // Sent before the generator failed: nothing to restart, no team goes, a blind change.
  const auto early = test::PlayOnFake(file, dir.Write("b.yaml", "- {at: 30s, do: \"restart-generator province:02\"}\n"));
  CHECK(early.score == 0.0);
}

TEST_CASE("outcomes: a VRF leak withdrawn and an intruder locked out, each by its own command", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("sec.yaml", R"(drill: 1
id: tiny-security
title: {vi: An toàn thông tin, en: Security}
duration: 10m
network: tiny
events:
  - at: 1m
    do: "fault vrf-leak:centre:01/r2"
  - at: 1m
    do: "fault intrusion:province:01"
objectives:
  - id: leak
    task: action
    outcome: {no_vrf_leak: centre:01/r2}
    after: 1m
    by: 8m
    weight: 50
  - id: lock
    task: action
    outcome: {mgmt_locked: province:01}
    after: 1m
    by: 8m
    weight: 50
)");
  CHECK(test::PlayOnFake(file, "").score == 0.0);
  CHECK(test::PlayOnFake(file, dir.Write("a.yaml", "- {at: 2m, do: \"withdraw-vrf-leak centre:01/r2\"}\n- {at: 3m, do: "
                                                   "\"lock-mgmt province:01\"}\n"))
            .score == 100.0);
  // Locking another router's management, or withdrawing elsewhere, does nothing for these.
  CHECK(test::PlayOnFake(file, dir.Write("b.yaml", "- {at: 2m, do: \"withdraw-vrf-leak centre:01/r1\"}\n- {at: 3m, do: "
                                                   "\"lock-mgmt province:02\"}\n"))
            .score == 0.0);
}

TEST_CASE("outcomes: team_sent is not met by a dispatch no team could take", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("team.yaml", R"(drill: 1
id: tiny-team
title: {vi: Đội ứng cứu, en: A team}
duration: 10m
network: tiny
events:
  - at: 30s
    do: "fault staff:province:01[teams=0]"
  - at: 1m
    do: "fault cut:commune:00001--district:001"
  - at: 4m
    do: "fault staff:province:01[teams=1]"
objectives:
  - id: send
    task: action
    outcome: {team_sent: commune:00001--district:001}
    after: 1m
    by: 8m
    weight: 100
)");
  // Nobody on duty at 2m: "none sent", not met; at 5m a team is back on duty and goes.
  CHECK(test::PlayOnFake(file, dir.Write("a.yaml", "- {at: 2m, do: \"dispatch commune:00001--district:001\"}\n")).score ==
        0.0);
  CHECK(test::PlayOnFake(file, dir.Write("b.yaml", "- {at: 5m, do: \"dispatch commune:00001--district:001\"}\n")).score ==
        100.0);
}
