#include "drill/drill-report.h"
#include "drill/drill-run.h"
#include "drill/drill.h"
#include "drill/procedure.h"
#include "tests/drill/drill-support.h"
#include "tests/twin/test-support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

using namespace netdrill;

namespace {

const std::string kLibrary = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/";

// A small valid drill on tiny; each bad-drill case changes one line of it.
const std::string kGood = R"(drill: 1
id: tiny-cut
title: {vi: Đứt cáp, en: A cut}
duration: 10m
network: tiny
pick:
  fibre:
    link: {from: commune, to: district, single_homed: true}
events:
  - at: 1m
    do: "fault cut:{fibre}"
objectives:
  - id: detect
    task: ack
    target: "{fibre}"
    by: 5m
    weight: 40
  - id: diagnose
    task: declare
    target: "{fibre}"
    by: 8m
    weight: 60
)";

std::vector<std::string> Check(const std::string& text) {
  test::TempDir dir;
  const std::string file = dir.Write("drill.yaml", text);
  twin::Diagnostics diags;
  auto d = drill::ParseDrill(text, "drill.yaml", diags);
  if (d) {
    auto t = drill::DrillTwin(*d, diags);
    REQUIRE(t);
    drill::CheckAgainstTwin(*d, *t, diags);
  }
  std::vector<std::string> out;
  for (const auto& item : diags.Items()) out.push_back(twin::Format(item));
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("bad drills: every error class at its exact line and column, all at once", "[drill]") {
  CHECK(Check(kGood).empty());
  struct Case {
    std::string from, to, expect;
  };
  const std::vector<Case> cases{
      {"title:", "titel:", "drill.yaml:3:1: error[unknown-key]: unknown key \"titel\"; did you mean \"title\"?"},
      {"  - at: 1m\n", "  - at: 30m\n", "drill.yaml:10:5: error[after-end]: at 1800 s, after the end of the drill (600 s)"},
      {"weight: 60", "weight: 50", "drill.yaml:13:5: error[bad-weights]: the weights add up to 90, not 100"},
      {"\"fault cut:{fibre}\"", "\"fault cut:{fibr}\"",
       "drill.yaml:10:5: error[unknown-pick]: {fibr} refers to no pick (at events[0].do); did you mean \"fibre\"?"},
      {"\"fault cut:{fibre}\"", "\"fault cut:{fibre[1]}\"",
       "drill.yaml:10:5: error[unknown-pick]: {fibre[1]}: the pick makes 1 choice(s), counted from 0"},
      {"    target: \"{fibre}\"\n    by: 8m", "    target: \"province:01\"\n    by: 8m",
       "drill.yaml:18:5: error[never-met]: no event acts on \"province:01\""},
      {"    link: {from: commune, to: district, single_homed: true}", "    site: {level: province, among: [Hà Nộii]}",
       "drill.yaml:7:3: error[unknown-site]: no place \"Hà Nộii\" in the twin"},
      {"by: 5m", "by: 15m", "drill.yaml:13:5: error[after-end]: the deadline 900 s is after the end of the drill"},
      {"task: ack", "task: acknowledge", "drill.yaml:14:11: error[bad-value]: expected one of ack, declare"},
      // (the library's procedures are found after the drill's own folder: a name in neither)
      {"    weight: 40", "    weight: 40\n    step: no-such-procedure/2",
       "drill.yaml:13:5: error[unknown-procedure]: no procedure \"no-such-procedure\""},
  };
  for (const Case& c : cases) {
    INFO(c.to);
    const auto problems = Check(Replace(kGood, c.from, c.to));
    REQUIRE(!problems.empty());
    bool found = false;
    for (const auto& p : problems) found = found || p.find(c.expect) != std::string::npos;
    INFO(problems.front());
    CHECK(found);
  }
  // Several mistakes: every one reported, in one pass.
  const auto many = Check(Replace(Replace(kGood, "title:", "titel:"), "weight: 60", "weight: 50"));
  CHECK(many.size() >= 2);
  // A YAML syntax error has its place too.
  const auto syntax = Check("drill: 1\nid: [x\n");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax.front().rfind("drill.yaml:3:1: error[yaml-syntax]", 0) == 0);
}

TEST_CASE("drills: shared fragments are included from inside the drill's folder only, their errors at their place",
          "[drill]") {
  test::TempDir dir;
  std::filesystem::create_directories(dir.File("fragments"));
  dir.Write("fragments/penalties.yaml", "penalties:\n  - {task: worsen, points: 10}\n");
  dir.Write("fragments/bad.yaml", "events:\n  - at: 1m\n    dooo: \"x\"\n");
  dir.Write("fragments/order.yaml",
            "objectives:\n  - {id: first-things-first, task: order, first: detect, then: diagnose, by: 9m, weight: 10}\n");
  auto load = [&](const std::string& includes, const std::string& weight) {
    const std::string text = Replace(Replace(kGood, "network: tiny\n", "network: tiny\ninclude: " + includes + "\n"),
                                     "weight: 60", "weight: " + weight);
    const std::string file = dir.Write("drill.yaml", text);
    twin::Diagnostics diags;
    auto d = drill::LoadDrill(file, diags);
    std::vector<std::string> out;
    for (const auto& item : diags.Items()) out.push_back(twin::Format(item));
    return std::make_pair(d, out);
  };
  auto [good, none] = load("[fragments/penalties.yaml, fragments/order.yaml]", "50");
  INFO((none.empty() ? "" : none.front()));
  REQUIRE(good);
  CHECK(good->penalties.size() == 1);
  CHECK(good->objectives.size() == 3);
  for (const auto& o : good->objectives) {
    CHECK(o.file == dir.File(o.id == "first-things-first" ? "fragments/order.yaml" : "drill.yaml"));
  }
  auto [escaped, why] = load("[../elsewhere.yaml]", "60");
  CHECK(!escaped);
  REQUIRE(!why.empty());
  CHECK(why.front().find("drill.yaml:6:10: error[bad-include]") != std::string::npos);
  auto [bad, where] = load("[fragments/bad.yaml]", "60");
  CHECK(!bad);
  bool atFragment = false;
  for (const auto& w : where) atFragment = atFragment || w.find("fragments/bad.yaml:3:5: error[unknown-key]") != std::string::npos;
  CHECK(atFragment);
}

TEST_CASE("drills: an order objective is met only when the priority was respected", "[drill]") {
  test::TempDir dir;
  const std::string file = dir.Write(
      "drill.yaml", Replace(Replace(kGood, "weight: 60", "weight: 50"), "objectives:\n",
                            "objectives:\n  - {id: ack-first, task: order, first: detect, then: diagnose, by: 9m, weight: 10}\n"));
  const std::string right = dir.Write("right.yaml", "- {at: 2m, do: \"ack {fibre}\"}\n- {at: 3m, do: \"declare cause {fibre}\"}\n");
  const std::string wrong = dir.Write("wrong.yaml", "- {at: 3m, do: \"ack {fibre}\"}\n- {at: 2m, do: \"declare cause {fibre}\"}\n");
  auto points = [&](const std::string& actions) {
    for (const auto& o : test::PlayOnFake(file, actions).objectives) {
      if (o.id == "ack-first") return o.points;
    }
    return -1.0;
  };
  CHECK(points(right) == 10.0);
  CHECK(points(wrong) == 0.0);
}

TEST_CASE("drills: the same drill, seed and actions give the same score and fingerprint, and seeds give variants",
          "[drill]") {
  const std::string drillFile = kLibrary + "commune-cut-backup.yaml";
  const std::string actions = kLibrary + "actions/commune-cut-backup.good.yaml";
  const drill::DrillResult a = test::PlayOnFake(drillFile, actions, 3);
  const drill::DrillResult b = test::PlayOnFake(drillFile, actions, 3);
  CHECK(a.score == b.score);
  CHECK(a.fingerprint == b.fingerprint);
  CHECK(a.score >= 80);
  CHECK(test::PlayOnFake(drillFile, "", 3).score <= 30);
  // Seeds 1-20: at least 10 different fibres (or as many as the drill allows).
  twin::Diagnostics diags;
  const auto d = drill::LoadDrill(drillFile, diags);
  REQUIRE(d);
  const auto t = drill::DrillTwin(*d, diags);
  REQUIRE(t);
  std::set<std::string> variants;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) variants.insert(drill::MakePicks(*d, *t, seed, diags)->at("fibre")[0]);
  CHECK(variants.size() >= 10);
}

TEST_CASE("drills: a scripted trainee's file is checked too", "[drill]") {
  test::TempDir dir;
  const std::string actions = dir.Write("a.yaml", "- {at: 1m, do: \"ack x\"}\n- {at: 99m, do: \"ack y\"}\n- {at: 2m, doo: z}\n");
  twin::Diagnostics diags;
  const auto d = drill::LoadDrill(kLibrary + "interface-shut.yaml", diags);
  REQUIRE(d);
  CHECK_FALSE(drill::LoadActions(actions, d->durationS, diags));
  std::string all;
  for (const auto& item : diags.Items()) all += twin::Format(item) + "\n";
  CHECK(all.find("a.yaml:2:8: error[bad-time]: after the end of the drill") != std::string::npos);
  CHECK(all.find("a.yaml:3:12: error[unknown-key]: unknown key \"doo\"") != std::string::npos);
}

namespace {

// Every diagnostic as "code line:col", to compare a reader's report as a whole.
std::vector<std::string> CodesAt(const twin::Diagnostics& diags, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& item : diags.Items()) {
    if (item.code == code) out.push_back(std::to_string(item.loc.line) + ":" + std::to_string(item.loc.column));
  }
  return out;
}

bool Reported(const twin::Diagnostics& diags, const std::string& line) {
  for (const auto& item : diags.Items()) {
    if (twin::Format(item) == line) return true;
  }
  return false;
}

std::string AllOf(const twin::Diagnostics& diags) {
  std::string all;
  for (const auto& item : diags.Items()) all += twin::Format(item) + "\n";
  return all;
}

}  // namespace

TEST_CASE("drills with wrong types: every one is error[bad-type] at its line and column, all at once, never a throw",
          "[drill]") {
  const std::string text = R"(drill: 1
id: tiny-cut
title: [A cut]
duration: [1]
network: tiny
pick:
  fibre:
    link: {from: [commune], to: district, single_homed: {x: 1}}
  other: [site]
events:
  - at: 1m
    do: {x: 1}
  - [at, 2m]
  - {at: {}, hint: [detect]}
objectives: 5
penalties: {task: worsen}
)";
  twin::Diagnostics diags;
  std::optional<drill::Drill> d;
  CHECK_NOTHROW(d = drill::ParseDrill(text, "drill.yaml", diags));
  CHECK_FALSE(d);
  INFO(AllOf(diags));
  CHECK(CodesAt(diags, "bad-type") == std::vector<std::string>{"3:8", "4:11", "8:18", "8:57", "9:10", "12:9", "13:5",
                                                                "14:10", "14:20", "15:13", "16:12"});
  CHECK(Reported(diags, "drill.yaml:3:8: error[bad-type]: expected text, or {vi: ..., en: ...}, got a list (at title)"));
  CHECK(Reported(diags, "drill.yaml:4:11: error[bad-type]: expected a single value, got a list (at duration)"));
  CHECK(Reported(diags, "drill.yaml:8:18: error[bad-type]: expected a single value, got a list (at pick.fibre.link.from)"));
  CHECK(Reported(diags, "drill.yaml:9:10: error[bad-type]: expected a map, got a list (at pick.other)"));
  CHECK(Reported(diags, "drill.yaml:12:9: error[bad-type]: expected a single value, got a map (at events[0].do)"));
  CHECK(Reported(diags, "drill.yaml:13:5: error[bad-type]: expected a map, got a list (at events[1])"));
  CHECK(Reported(diags, "drill.yaml:15:13: error[bad-type]: expected a list, got a number (at objectives)"));
  CHECK(Reported(diags, "drill.yaml:16:12: error[bad-type]: expected a list, got a map (at penalties)"));
  CHECK(CodesAt(diags, "bad-pick").empty());  // the list pick is reported once, as bad-type
}

TEST_CASE("procedures with wrong types: every one reported at its line and column, all at once, never a throw",
          "[drill]") {
  test::TempDir dir;
  const std::string file = dir.Write("types.yaml", R"(procedure: 1
id: [x]
title: {vi: [a], en: b}
steps:
  - [one, two]
  - {vi: {x: 1}}
  - a step
  - {en: only English}
)");
  twin::Diagnostics diags;
  std::optional<drill::Procedure> p;
  CHECK_NOTHROW(p = drill::LoadProcedure(file, diags));
  CHECK_FALSE(p);
  INFO(AllOf(diags));
  CHECK(CodesAt(diags, "bad-type") == std::vector<std::string>{"2:5", "3:13", "5:5", "6:10"});
  CHECK(CodesAt(diags, "missing-key") == std::vector<std::string>{"8:5"});
  CHECK(diags.ErrorCount() == 5);
  CHECK(Reported(diags, file + ":2:5: error[bad-type]: expected a single value, got a list (at id)"));
  CHECK(Reported(diags, file + ":5:5: error[bad-type]: expected text, or {vi: ..., en: ...}, got a list (at steps[0])"));
  CHECK(Reported(diags, file + ":6:10: error[bad-type]: expected a single value, got a map (at steps[1].vi)"));

  SECTION("steps as a map, not a list") {
    const std::string map = dir.Write("map.yaml", "procedure: 1\nid: x\nsteps: {a: 1}\n");
    twin::Diagnostics m;
    CHECK_NOTHROW(p = drill::LoadProcedure(map, m));
    CHECK_FALSE(p);
    CHECK(CodesAt(m, "bad-type") == std::vector<std::string>{"3:8"});
    CHECK(m.ErrorCount() == 1);
  }
  SECTION("a good procedure of the library still loads") {
    twin::Diagnostics g;
    const auto good = drill::LoadProcedure(kLibrary + "procedures/fibre-cut.yaml", g);
    INFO(AllOf(g));
    REQUIRE(good);
    CHECK(good->id == "fibre-cut");
    CHECK(good->title.en == "Fibre cut");
    CHECK(good->steps.size() == 5);
  }
}

TEST_CASE("scripted trainees with wrong types: every one is error[bad-type] at its line and column, never a throw",
          "[drill]") {
  test::TempDir dir;
  const std::string actions = dir.Write("a.yaml",
                                        "- {at: {}, do: \"ack x\"}\n"
                                        "- {at: 1m, do: {x: 1}}\n"
                                        "- [at, 2m]\n"
                                        "- {at: 2m, do: \"ack y\", as: [trainee]}\n");
  twin::Diagnostics diags;
  std::optional<std::vector<drill::ScriptedAction>> loaded;
  CHECK_NOTHROW(loaded = drill::LoadActions(actions, 600, diags));
  CHECK_FALSE(loaded);
  INFO(AllOf(diags));
  CHECK(CodesAt(diags, "bad-type") == std::vector<std::string>{"1:8", "2:16", "3:3", "4:29"});
  CHECK(diags.ErrorCount() == 4);  // nothing follows from them: no "do is required" for a bad do
  CHECK(Reported(diags, actions + ":1:8: error[bad-type]: expected a single value, got a map (at [0].at)"));
  CHECK(Reported(diags, actions + ":2:16: error[bad-type]: expected a single value, got a map (at [1].do)"));
  CHECK(Reported(diags, actions + ":3:3: error[bad-type]: expected {at: TIME, do: COMMAND}, got a list (at [2])"));
  CHECK(Reported(diags, actions + ":4:29: error[bad-type]: expected a single value, got a list (at [3].as)"));

  SECTION("a map, not a list") {
    const std::string map = dir.Write("map.yaml", "at: 1m\ndo: ack x\n");
    twin::Diagnostics m;
    CHECK_NOTHROW(loaded = drill::LoadActions(map, 600, m));
    CHECK_FALSE(loaded);
    CHECK(CodesAt(m, "bad-type") == std::vector<std::string>{"1:1"});
    CHECK(Reported(m, map + ":1:1: error[bad-type]: expected a list of {at, do}, got a map"));
  }
}

// Scoring that measures skill (issue 14), worked out by hand on the small drill:
// detect (ack the fibre's alarm) 40 points, diagnose (declare the fibre) 60.
TEST_CASE("scoring: each wrong declaration costs, before or after the right one", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("drill.yaml", kGood);
  const std::string guesses = dir.Write(
      "guesses.yaml",
      "- {at: 2m, do: \"ack {fibre}\"}\n- {at: 2m30s, do: \"declare cause province:01\"}\n"
      "- {at: 3m, do: \"declare cause {fibre}\"}\n- {at: 3m30s, do: \"declare cause district:001\"}\n");
  const drill::DrillResult r = test::PlayOnFake(file, guesses);
  // Default cost: a third of the first declare objective's weight (60): 20 for each of the two wrong ones.
  REQUIRE(r.declarations.size() == 3);
  CHECK_FALSE(r.declarations[0].correct);
  CHECK(r.declarations[1].correct);
  CHECK(r.declarations[0].cost == Approx(20.0));
  CHECK(r.declarationCosts == Approx(40.0));
  CHECK(r.score == Approx(100.0 - 40.0));
  // wrong_cost sets it; the total never goes below 0.
  const std::string cheap = dir.Write("cheap.yaml", Replace(kGood, "network: tiny\n", "network: tiny\nwrong_cost: 5\n"));
  CHECK(test::PlayOnFake(cheap, guesses).score == Approx(90.0));
  const std::string dear = dir.Write("dear.yaml", Replace(kGood, "network: tiny\n", "network: tiny\nwrong_cost: 100\n"));
  CHECK(test::PlayOnFake(dear, guesses).score == 0.0);
}

TEST_CASE("scoring: a restoration aimed at nothing to restore is a blind change and costs", "[drill][scoring]") {
  test::TempDir dir;
  const std::string file = dir.Write("drill.yaml", kGood);
  // No attack anywhere: filtering a site and isolating a host restore nothing; the fibre's own
  // dispatch, once it is cut (after 1m), is no blind change.
  const std::string actions = dir.Write(
      "blind.yaml",
      "- {at: 2m, do: \"ack {fibre}\"}\n- {at: 2m10s, do: \"filter province:01\"}\n- {at: 2m20s, do: \"isolate commune:00001\"}\n"
      "- {at: 2m30s, do: \"dispatch {fibre}\"}\n- {at: 3m, do: \"declare cause {fibre}\"}\n");
  const drill::DrillResult r = test::PlayOnFake(file, actions);
  REQUIRE(r.blindChanges.size() == 2);
  CHECK(r.blindChanges[0].command == "filter province:01");
  CHECK(r.blindChanges[1].command == "isolate commune:00001");
  CHECK(r.blindCosts == Approx(10.0));  // 5 each by default
  CHECK(r.score == Approx(90.0));
  const std::string set = dir.Write("set.yaml", Replace(kGood, "network: tiny\n", "network: tiny\nblind_cost: 2\n"));
  CHECK(test::PlayOnFake(set, actions).score == Approx(96.0));
}

TEST_CASE("scoring: a ticket is scored against the severity the incident warrants, over or under", "[drill][scoring]") {
  test::TempDir dir;
  // The fibre cuts one commune off: its root alarm is minor (session/severity.h).
  const std::string ticket = "  - {id: tell, task: ticket, by: 9m, weight: 20}\n";
  const std::string file = dir.Write(
      "drill.yaml", Replace(Replace(kGood, "weight: 60", "weight: 40"), "objectives:\n", "objectives:\n" + ticket));
  auto points = [&](const std::string& severity) {
    const std::string actions =
        dir.Write("t-" + severity + ".yaml", "- {at: 2m, do: \"ticket open " + severity + " commune cut off\"}\n");
    for (const auto& o : test::PlayOnFake(file, actions).objectives) {
      if (o.id == "tell") {
        CHECK(o.expectedSeverity == session::AlarmSeverity::Minor);
        return o.points;
      }
    }
    return -1.0;
  };
  CHECK(points("minor") == 20.0);
  CHECK(points("major") == 10.0);    // one level over: half the weight off by default
  CHECK(points("critical") == 0.0);  // two levels over
  CHECK(points("warning") == 10.0);  // one level under
  // An explicit severity wins, and escalation_cost sets the cost per level.
  const std::string major = dir.Write(
      "major.yaml", Replace(Replace(Replace(kGood, "weight: 60", "weight: 40"), "objectives:\n",
                                    "objectives:\n  - {id: tell, task: ticket, severity: major, by: 9m, weight: 20}\n"),
                            "network: tiny\n", "network: tiny\nescalation_cost: 4\n"));
  const std::string critical = dir.Write("crit.yaml", "- {at: 2m, do: \"ticket open critical commune cut off\"}\n");
  for (const auto& o : test::PlayOnFake(major, critical).objectives) {
    if (o.id == "tell") {
      CHECK(o.expectedSeverity == session::AlarmSeverity::Major);
      CHECK(o.points == 16.0);
    }
  }
}

TEST_CASE("scoring: with evidence, a declaration earns full points only after a diagnose command that looked at it",
          "[drill][scoring]") {
  test::TempDir dir;
  const std::string file =
      dir.Write("drill.yaml", Replace(kGood, "    by: 8m\n    weight: 60\n", "    by: 8m\n    weight: 60\n    evidence: true\n"));
  // The fibre cuts its commune off: a traceroute toward it stops at the district's router, beside the fibre.
  const std::string fibre = test::PlayOnFake(file, "").picks.at("fibre").at(0);
  const std::string commune = fibre.substr(0, fibre.find("--"));
  const std::string diagnosed = dir.Write(
      "diagnosed.yaml", "- {at: 2m, do: \"ack {fibre}\"}\n- {at: 2m30s, do: \"traceroute " + commune + "\"}\n"
                        "- {at: 3m, do: \"declare cause {fibre}\"}\n");
  const std::string guessed =
      dir.Write("guessed.yaml", "- {at: 2m, do: \"ack {fibre}\"}\n- {at: 3m, do: \"declare cause {fibre}\"}\n"
                                "- {at: 3m30s, do: \"traceroute " + commune + "\"}\n");
  auto diagnose = [](const drill::DrillResult& r) {
    for (const auto& o : r.objectives) {
      if (o.id == "diagnose") return o;
    }
    FAIL("no diagnose objective");
    return drill::ObjectiveResult{};
  };
  const auto good = diagnose(test::PlayOnFake(file, diagnosed));
  CHECK(good.points == 60.0);
  REQUIRE(good.evidence);
  CHECK(*good.evidence == "traceroute " + commune);
  // The traceroute after the declaration is no evidence for it: half points.
  const auto guess = diagnose(test::PlayOnFake(file, guessed));
  CHECK(guess.points == 30.0);
  REQUIRE(guess.evidence);
  CHECK(guess.evidence->empty());
}

TEST_CASE("a drill outside the library can name the library's procedures", "[drill]") {
  // The drill's own folder has no procedures/: the library's fibre-cut is found after it.
  const auto problems = Check(Replace(Replace(kGood, "network: tiny\n", "network: tiny\nprocedure: fibre-cut\n"), "    weight: 40",
                                      "    weight: 40\n    step: fibre-cut/1"));
  INFO((problems.empty() ? std::string() : problems.front()));
  CHECK(problems.empty());
  CHECK(drill::ProcedurePath("/nowhere/drill.yaml", "fibre-cut") == drill::LibraryDir() + "/procedures/fibre-cut.yaml");
}

TEST_CASE("drill check warns of a pick with no choice, and refuses an outcome with nothing to reach", "[drill]") {
  // One candidate among one: every seed gives the same drill.
  const auto fixed = Check(Replace(kGood, "pick:\n", "pick:\n  capital:\n    site: {level: province, among: [province:01]}\n"));
  REQUIRE(fixed.size() == 1);
  INFO(fixed.front());
  CHECK(fixed.front().rfind("drill.yaml:7:3: warning[fixed-pick]: only 1 candidate(s): every seed picks the same", 0) == 0);
  const auto empty = Check(Replace(kGood, "objectives:\n",
                                   "objectives:\n  - {id: back, task: action, outcome: {reachable: []}, by: 9m, weight: 0}\n"));
  REQUIRE_FALSE(empty.empty());
  CHECK(empty.front().find("error[bad-outcome]: reachable needs at least one site") != std::string::npos);
}

TEST_CASE("drill: a team drill's seats, and the seats of its actions checked at their lines", "[drill]") {
  twin::Diagnostics diags;
  const auto team = drill::LoadDrill(kLibrary + "team-storm.yaml", diags);
  REQUIRE(team);
  CHECK(team->seats == std::vector<session::Seat>{session::Seat::NocNorth, session::Seat::NocCentral, session::Seat::Field});
  const auto bad = drill::ParseDrill(
      "drill: 1\nid: x\ntitle: x\nduration: 1m\nnetwork: tiny\nteam:\n  seats: [noc-north, noc-east, noc-north]\n"
      "objectives:\n  - {id: a, title: a, task: message, by: 30s, weight: 100}\n",
      "bad.yaml", diags);
  CHECK_FALSE(bad);
  CHECK(diags.ErrorCount() == 2);  // noc-east is no seat; noc-north is named twice
  const auto solo = drill::LoadDrill(kLibrary + "commune-cut-backup.yaml", diags);
  REQUIRE(solo);

  using drill::ScriptedAction;
  const ScriptedAction north{60, "show alarms", session::Role::Trainee, session::Seat::NocNorth, {3, 3}};
  const ScriptedAction none{90, "show alarms", session::Role::Trainee, session::Seat::None, {4, 3}};
  const ScriptedAction south{95, "show alarms", session::Role::Trainee, session::Seat::NocSouth, {5, 3}};
  const ScriptedAction field{100, "show teams", session::Role::Trainee, session::Seat::Field, {6, 3}};
  const ScriptedAction staff{120, "fault cut:route:22-primary", session::Role::Instructor, session::Seat::None, {7, 3}};
  twin::Diagnostics seats;
  std::vector<ScriptedAction> actions{north, none, south};
  CHECK_FALSE(drill::CheckActionSeats(*team, actions, "a.yaml", seats));  // none says no seat; south is not the drill's
  CHECK(seats.ErrorCount() == 2);
  std::vector<ScriptedAction> mine{north, field, staff};
  twin::Diagnostics ok;
  CHECK(drill::CheckActionSeats(*team, mine, "a.yaml", ok, session::Seat::Field));
  REQUIRE(mine.size() == 2);  // the field's own and the instructor's
  CHECK(mine[0].command == "show teams");
  std::vector<ScriptedAction> soloActions{north};
  twin::Diagnostics soloDiags;
  CHECK_FALSE(drill::CheckActionSeats(*solo, soloActions, "a.yaml", soloDiags));
}
