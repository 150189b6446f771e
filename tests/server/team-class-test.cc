// A team drill on loopback with real processes: three scripted seats of one team
// (noc-north, noc-central, field) play `team-storm` through the server, each
// from the one merged actions file, and get the run `drill run` plays from it.
#include "tests/server/class-support.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace netdrill;
using test::Class;
using test::Process;
using test::RunProcess;

namespace {
const std::string kTeamDrill = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/team-storm.yaml";
const std::string kTeamActions = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/actions/team-storm.good.yaml";

bool Has(const nlohmann::json& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

TEST_CASE("class: a team of three seats plays one session: each seat sees its region's alarms, one ticket is shared, "
          "and the run is drill run's",
          "[class]") {
  Class c("class-team");
  const std::vector<std::string> seats = {"noc-north", "noc-central", "field"};
  std::vector<std::unique_ptr<Process>> clients;
  for (const std::string& seat : seats) {
    clients.push_back(std::make_unique<Process>(
        c.Client({"class", "join", "--trainee", "t-" + seat, "--drill", "team-storm", "--team", "red", "--seat", seat,
                  "--actions", kTeamActions, "--json"}),
        c.dir + "/join-" + seat, c.Env()));
  }
  std::vector<std::string> outs;
  for (std::size_t i = 0; i < seats.size(); ++i) {
    const auto joined = clients[i]->Wait();
    INFO(seats[i] << ": " << joined.err);
    REQUIRE(joined.code == 0);
    outs.push_back(joined.out);
  }
  const auto alone = RunProcess({test::kNetdrill, "drill", "run", kTeamDrill, "--actions", kTeamActions, "--json"}, c.dir + "/run");
  REQUIRE(alone.code == 0);
  for (const std::string& out : outs) CHECK(out == alone.out);  // one session: the same result for every seat

  const nlohmann::json result = nlohmann::json::parse(outs.front());
  CHECK(result["score"].get<double>() == Approx(100.0));
  const nlohmann::json team = result["team"];
  CHECK(team["credited"]["detect-north"] == "noc-north");
  CHECK(team["credited"]["diagnose-centre"] == "noc-central");
  CHECK(team["credited"]["dispatch-north"] == "field");
  CHECK(team["credited"]["leadership"] == "field");
  // The shared ticket is one: opened by the north, written in by the centre.
  REQUIRE(team["tickets"].size() == 1);
  CHECK(team["tickets"][0]["opened_by"] == "noc-north");
  CHECK(team["tickets"][0]["seats"] == nlohmann::json::array({"noc-north", "noc-central"}));
  // Each seat's alarm view: the north's province, not the centre's, and the other way round; the field sees the plant.
  REQUIRE(team["seats"].size() == 3);
  const nlohmann::json north = team["seats"][0]["alarms_seen"], centre = team["seats"][1]["alarms_seen"],
                       field = team["seats"][2]["alarms_seen"];
  CHECK(Has(north, "province:22"));
  CHECK_FALSE(Has(north, "province:46"));
  CHECK(Has(centre, "province:46"));
  CHECK_FALSE(Has(centre, "province:22"));
  CHECK(Has(field, "province:22--centre:01/r1"));
  CHECK(Has(field, "province:46--centre:48/r1"));
  CHECK(field.size() < north.size() + centre.size());
  double contributions = 0.0;
  for (const auto& seat : team["seats"]) contributions += seat["contribution"].get<double>();
  CHECK(contributions == Approx(result["score"].get<double>()));

  // The instructor sees a row per seat, the team named.
  const auto status = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status", c.Env());
  REQUIRE(status.code == 0);
  const nlohmann::json rows = nlohmann::json::parse(status.out)["trainees"];
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) {
    CHECK(row["team"] == "red");
    CHECK(row["drill"] == "team-storm");
  }
  // A team drill joined without a team, and a seat of a running team taken twice: refused, said, exit 2.
  const auto alone2 = RunProcess(c.Client({"class", "join", "--trainee", "Lan", "--drill", "team-storm"}), c.dir + "/noteam", c.Env());
  CHECK(alone2.code == 2);
  CHECK(alone2.err.find("is a team drill: join it with --team NAME --seat") != std::string::npos);
  Process first(c.Client({"class", "join", "--trainee", "Mai", "--drill", "team-storm", "--team", "blue", "--seat", "field",
                          "--actions", kTeamActions, "--json"}),
                c.dir + "/blue-field", c.Env());
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const auto taken = RunProcess(c.Client({"class", "join", "--trainee", "Hà", "--drill", "team-storm", "--team", "blue", "--seat",
                                          "field", "--actions", kTeamActions}),
                                c.dir + "/blue-taken", c.Env());
  CHECK(taken.code == 2);
  CHECK(taken.err.find("is taken by Mai") != std::string::npos);
  first.Signal(SIGTERM);
  first.Wait(std::chrono::seconds(10));
}

TEST_CASE("class: a team's session resumes after kill -9 of the server, every seat's token with it, to drill run's end",
          "[class]") {
  Class c("class-team-resume");
  const std::vector<std::string> seats = {"noc-north", "noc-central", "field"};
  std::vector<std::unique_ptr<Process>> clients;
  for (const std::string& seat : seats) {
    clients.push_back(std::make_unique<Process>(
        c.Client({"class", "join", "--trainee", "t-" + seat, "--drill", "team-storm", "--team", "red", "--seat", seat,
                  "--actions", kTeamActions, "--json", "--wait-between", "300"}),
        c.dir + "/join-" + seat, c.Env()));
  }
  // Killed once the team's log holds a few commands, with most of the script to go.
  const std::string log = c.dir + "/data/sessions/S-1.log";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (int commands = 0; commands < 3 && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(log);
    commands = 0;
    for (std::string line; std::getline(in, line);) commands += line.find("\"kind\":\"command\"") != std::string::npos;
  }
  c.server->Signal(SIGKILL);
  c.Restart();
  const auto alone = RunProcess({test::kNetdrill, "drill", "run", kTeamDrill, "--actions", kTeamActions, "--json"}, c.dir + "/run");
  REQUIRE(alone.code == 0);
  for (std::size_t i = 0; i < seats.size(); ++i) {
    const auto joined = clients[i]->Wait();
    INFO(seats[i] << ": " << joined.err << "\nserver: " << c.server->Read(".out"));
    REQUIRE(joined.code == 0);
    CHECK(joined.err.find("reconnected: session S-1") != std::string::npos);
    CHECK(joined.out == alone.out);
  }
  CHECK(c.server->Read(".out").find("resumed S-1 (red, team-storm seed 1)") != std::string::npos);
}
