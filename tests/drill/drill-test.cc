#include "drill/drill-report.h"
#include "drill/drill-run.h"
#include "drill/drill.h"
#include "tests/cli-support.h"
#include "tests/twin/test-support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

using namespace netdrill;
using netdrill::test::Cli;

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
      {"    weight: 40", "    weight: 40\n    step: fibre-cut/2",
       "drill.yaml:13:5: error[unknown-procedure]: no procedure \"fibre-cut\""},
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
    const auto r = Cli({"drill", "run", file, "--actions", actions, "--json"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);  // kept: the loop reads into it
    for (const auto& o : j["objectives"]) {
      if (o["id"] == "ack-first") return o["points"].get<double>();
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
  const auto a = Cli({"drill", "run", drillFile, "--actions", actions, "--seed", "3", "--json"});
  const auto b = Cli({"drill", "run", drillFile, "--actions", actions, "--seed", "3", "--json"});
  INFO(a.err);
  REQUIRE(a.code == 0);
  const auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  CHECK(ja["score"] == jb["score"]);
  CHECK(ja["fingerprint"] == jb["fingerprint"]);
  CHECK(ja["score"].get<double>() >= 80);
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

TEST_CASE("drills: a recorded drill and a hand-made journal replay to the same result", "[drill]") {
  test::TempDir dir;
  const std::string drillFile = kLibrary + "interface-shut.yaml";
  const std::string journal = dir.File("run.jsonl");
  const auto run = Cli({"drill", "run", drillFile, "--actions", kLibrary + "actions/interface-shut.good.yaml", "--record",
                        journal, "--json"});
  INFO(run.err);
  REQUIRE(run.code == 0);
  const auto replay = Cli({"drill", "replay", journal, "--json"});
  INFO(replay.err);
  REQUIRE(replay.code == 0);
  const auto jr = nlohmann::json::parse(run.out), jp = nlohmann::json::parse(replay.out);
  CHECK(jp["score"] == jr["score"]);
  CHECK(jp["fingerprint"] == jr["fingerprint"]);
  // By hand: the header and two commands; the picks of seed 1 named outright.
  const std::string fibre = jr["picks"]["uplink"][0].get<std::string>();
  const std::string hand = dir.Write(
      "hand.jsonl", "{\"netdrill_journal\": 1, \"twin\": \"preset:province-2024:44\", \"scenario\": \"" + drillFile +
                        "\", \"seed\": 1, \"duration_s\": 600}\n"
                        "{\"tick\": 900, \"role\": \"trainee\", \"command\": \"ack " + fibre + "\"}\n"
                        "{\"tick\": 1500, \"role\": \"trainee\", \"command\": \"declare cause " + fibre + "\"}\n");
  const auto byHand = Cli({"drill", "replay", hand, "--json"});
  INFO(byHand.err);
  REQUIRE(byHand.code == 0);
  const auto jh = nlohmann::json::parse(byHand.out);
  CHECK(jh["score"].get<double>() == 50.0);  // detect 20 + diagnose 30, nothing restored or ticketed
  CHECK(Cli({"drill", "replay", hand, "--json"}).out == byHand.out);
  // Cut in the middle of its last line (a crash): loads up to the last whole command, and says so.
  {
    std::ofstream out(hand, std::ios::app);
    out << "{\"tick\": 2000, \"role\": \"train";
  }
  const auto cut = Cli({"drill", "replay", hand, "--json"});
  CHECK(cut.code == 0);
  CHECK(cut.err.find("hand.jsonl:4:1: warning[cut-line]") != std::string::npos);
  CHECK(nlohmann::json::parse(cut.out)["score"].get<double>() == 50.0);
}

TEST_CASE("drills: the HTML report holds the numbers of the JSON", "[drill]") {
  test::TempDir dir;
  const std::string report = dir.File("report.html");
  const auto r = Cli({"drill", "run", kLibrary + "ddos-gateway.yaml", "--actions", kLibrary + "actions/ddos-gateway.good.yaml",
                      "--report", report, "--json", "--lang", "en", "--trainee", "Nguyễn Văn A", "--db",
                      dir.File("records.sqlite")});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  const std::string html = test::ReadAll(report);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // self-contained: no link out
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Nguyễn Văn A") != std::string::npos);
  char score[16];
  std::snprintf(score, sizeof score, "%.0f", j["score"].get<double>());
  CHECK(html.find("id=\"score\">" + std::string(score) + "<") != std::string::npos);
  for (const auto& o : j["objectives"]) {
    char points[32];
    std::snprintf(points, sizeof points, "%.1f", o["points"].get<double>());
    CHECK(html.find("data-id=\"" + o["id"].get<std::string>() + "\" data-points=\"" + points + "\"") != std::string::npos);
  }
  CHECK(html.find("id=\"fingerprint\">" + j["fingerprint"].get<std::string>()) != std::string::npos);
}

TEST_CASE("trainee records: each named trainee's run kept in SQLite, listed and exported", "[drill]") {
  test::TempDir dir;
  const std::string db = dir.File("records.sqlite");
  const std::string drillFile = kLibrary + "interface-shut.yaml";
  const auto good = Cli({"drill", "run", drillFile, "--actions", kLibrary + "actions/interface-shut.good.yaml", "--trainee",
                         "Lê Thị Hoa", "--db", db, "--json"});
  REQUIRE(good.code == 0);
  CHECK(good.err.find("kept as record 1 in " + db) != std::string::npos);
  const auto none = Cli({"drill", "run", drillFile, "--seed", "2", "--trainee", "Phạm, Văn Minh", "--db", db});
  REQUIRE(none.code == 0);
  const auto list = Cli({"records", "list", "--db", db});
  REQUIRE(list.code == 0);
  CHECK(list.out.find("2 runs") != std::string::npos);
  CHECK(list.out.find("Lê Thị Hoa") != std::string::npos);
  const auto one = Cli({"records", "list", "--db", db, "--trainee", "Lê Thị Hoa"});
  CHECK(one.out.find("1 runs") != std::string::npos);
  const auto csv = Cli({"records", "export", "--csv", "--db", db});
  REQUIRE(csv.code == 0);
  CHECK(csv.out.rfind("run,trainee,drill,title,seed,date,score,objective,points\n", 0) == 0);
  // Four objectives a run, two runs; a name with a comma is quoted.
  CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 1 + 2 * 4);
  CHECK(csv.out.find("\"Phạm, Văn Minh\",interface-shut,") != std::string::npos);
  const double score = nlohmann::json::parse(good.out)["score"].get<double>();
  CHECK(csv.out.find(",Lê Thị Hoa,interface-shut,") != std::string::npos);
  CHECK(csv.out.find("," + std::to_string(static_cast<int>(score)) + ",detect,20\n") != std::string::npos);
  // Not a records file: a clear error.
  const auto bad = Cli({"records", "list", "--db", dir.Write("junk.sqlite", "this is not SQLite at all, not even close")});
  CHECK(bad.code == 1);
  CHECK(bad.err.find("junk.sqlite") != std::string::npos);
}

TEST_CASE("drills: a scripted trainee's file is checked too", "[drill]") {
  test::TempDir dir;
  const std::string actions = dir.Write("a.yaml", "- {at: 1m, do: \"ack x\"}\n- {at: 99m, do: \"ack y\"}\n- {at: 2m, doo: z}\n");
  const auto r = Cli({"drill", "run", kLibrary + "interface-shut.yaml", "--actions", actions});
  CHECK(r.code == 2);
  CHECK(r.err.find("a.yaml:2:8: error[bad-time]: after the end of the drill") != std::string::npos);
  CHECK(r.err.find("a.yaml:3:12: error[unknown-key]: unknown key \"doo\"") != std::string::npos);
}
