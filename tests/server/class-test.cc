// A class on loopback with real processes: `netdrill serve` (TLS, its own
// certificate), trainees' `class join` clients, the instructor's `class status`.
#include "tests/server/class-support.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace netdrill;
using test::Process;
using test::RunProcess;

namespace {
const std::string kBinary = NETDRILL_BINARY;
const std::string kDrill = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/commune-cut-backup.yaml";
const std::string kActions = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/actions/commune-cut-backup.good.yaml";
using test::Class;
using test::Token;
}  // namespace

TEST_CASE("class: a trainee plays through the server as drill run plays, and a trainee's token is no instructor's",
          "[class-smoke]") {
  Class c("class-smoke");
  const auto joined = RunProcess(c.Client({"class", "join", "--trainee", "Lan", "--drill", "commune-cut-backup", "--seed",
                                           "3", "--actions", kActions, "--json"}, false),
                                 c.dir + "/join", c.Env());
  INFO(joined.err);
  REQUIRE(joined.code == 0);
  CHECK(joined.err.find("trusting " + c.address + " on first use") != std::string::npos);
  const auto alone =
      RunProcess({kBinary, "drill", "run", kDrill, "--seed", "3", "--actions", kActions, "--json"}, c.dir + "/run");
  REQUIRE(alone.code == 0);
  CHECK(joined.out == alone.out);  // the same JSON: score, breakdown, fingerprint

  // The trainee's token on the instructor's call: refused, one clear line, exit 2.
  const std::string token = Token(joined.err);
  REQUIRE(token.size() == 32);
  const auto denied = RunProcess(c.Client({"class", "status", "--token", token}), c.dir + "/denied", c.Env());
  CHECK(denied.code == 2);
  CHECK(denied.out.empty());
  CHECK(denied.err == "status: this call is the instructor's; a trainee's token may not make it\n");
  const auto wrong = RunProcess(c.Client({"class", "status", "--passphrase", "guess"}), c.dir + "/wrong", c.Env());
  CHECK(wrong.code == 2);
  CHECK(wrong.err == "login: wrong instructor passphrase\n");
  // The class's results over the wire: the instructor's, as the server's records export them.
  const auto exported = RunProcess(c.Client({"class", "export", "--passphrase", "class-test", "-o", c.dir + "/class.csv"}),
                                   c.dir + "/export", c.Env());
  CHECK(exported.code == 0);
  std::ifstream csvFile(c.dir + "/class.csv");
  const std::string csv((std::istreambuf_iterator<char>(csvFile)), std::istreambuf_iterator<char>());
  CHECK(csv.rfind("run,trainee,drill,title,seed,date,score,objective,points,assist,skill,time_taken_s,intact,played\n", 0) == 0);
  CHECK(csv.find(",Lan,commune-cut-backup,") != std::string::npos);
  CHECK(csv.find(",yes,scripted\n") != std::string::npos);  // intact; played by a scripted client
  const auto notYours = RunProcess(c.Client({"class", "export", "--token", token}), c.dir + "/export-denied", c.Env());
  CHECK(notYours.code == 2);
  // An unknown drill: refused, said, exit 2.
  const auto unknown =
      RunProcess(c.Client({"class", "join", "--trainee", "Minh", "--drill", "no-such-drill"}), c.dir + "/unknown", c.Env());
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("no drill \"no-such-drill\"") != std::string::npos);
}

TEST_CASE("class: five trainees at once score and fingerprint as drill run, and the instructor's status lists them", "[class]") {
  Class c("class-five");
  std::vector<std::unique_ptr<Process>> clients;
  const std::vector<std::string> names = {"An", "Bình", "Chi", "Dũng", "Giang"};
  for (int seed = 1; seed <= 5; ++seed) {
    clients.push_back(std::make_unique<Process>(
        c.Client({"class", "join", "--trainee", names[seed - 1], "--drill", "commune-cut-backup", "--seed",
                  std::to_string(seed), "--actions", kActions, "--json"}),
        c.dir + "/join-" + std::to_string(seed), c.Env()));
  }
  std::vector<nlohmann::json> results;
  for (int seed = 1; seed <= 5; ++seed) {
    const auto joined = clients[seed - 1]->Wait();
    INFO("seed " << seed << ": " << joined.err);
    REQUIRE(joined.code == 0);
    const auto alone = RunProcess({kBinary, "drill", "run", kDrill, "--seed", std::to_string(seed), "--actions", kActions,
                                   "--json"},
                                  c.dir + "/run-" + std::to_string(seed));
    REQUIRE(alone.code == 0);
    const auto a = nlohmann::json::parse(joined.out), b = nlohmann::json::parse(alone.out);
    CHECK(a.at("fingerprint") == b.at("fingerprint"));
    CHECK(a.at("score") == b.at("score"));
    CHECK(joined.out == alone.out);
    results.push_back(a);
  }
  const auto status = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status", c.Env());
  INFO(status.err);
  REQUIRE(status.code == 0);
  const auto listed = nlohmann::json::parse(status.out).at("trainees");
  REQUIRE(listed.size() == 5);
  for (const auto& t : listed) {
    const auto name = t.at("name").get<std::string>();
    const auto at = std::find(names.begin(), names.end(), name);
    REQUIRE(at != names.end());
    const auto& r = results[static_cast<std::size_t>(at - names.begin())];
    CHECK(t.at("seed") == r.at("seed"));
    CHECK(t.at("drill") == "commune-cut-backup");
    CHECK(t.at("score") == r.at("score"));
    CHECK(t.at("sim_seconds") == 720.0);
    CHECK(t.at("finished") == true);
    // One script, five seeds: the commands differ by the picks, so no one copied anyone.
    CHECK(std::find(t.at("flags").begin(), t.at("flags").end(), "identical") == t.at("flags").end());
  }
  // A sixth trainee on An's seed gives An's commands, one by one: both are flagged.
  const auto copy = RunProcess(c.Client({"class", "join", "--trainee", "Hà", "--drill", "commune-cut-backup", "--seed", "1",
                                         "--actions", kActions, "--json"}),
                               c.dir + "/join-copy", c.Env());
  REQUIRE(copy.code == 0);
  const auto again = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status2", c.Env());
  REQUIRE(again.code == 0);
  const auto parsed1 = nlohmann::json::parse(again.out);
  for (const auto& t : parsed1.at("trainees")) {
    const bool copied = t.at("name") == "An" || t.at("name") == "Hà";
    INFO(t.dump());
    CHECK((std::find(t.at("flags").begin(), t.at("flags").end(), "identical") != t.at("flags").end()) == copied);
  }
}

TEST_CASE("class: kill -9 of the server mid-class, a restart, and every session resumes to an uninterrupted run's end",
          "[class]") {
  Class c("class-resume");
  std::vector<std::unique_ptr<Process>> clients;
  for (int seed = 1; seed <= 3; ++seed) {
    clients.push_back(std::make_unique<Process>(
        c.Client({"class", "join", "--trainee", "T" + std::to_string(seed), "--drill", "commune-cut-backup", "--seed",
                  std::to_string(seed), "--actions", kActions, "--json", "--wait-between", "400"}),
        c.dir + "/join-" + std::to_string(seed), c.Env()));
  }
  // Killed once every session has taken a command (the server's logs say so), with most of each script to go.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (int started = 0; started < 3 && std::chrono::steady_clock::now() < deadline;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    started = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(c.dir + "/data/sessions", ec)) {
      std::ifstream in(entry.path());
      std::ostringstream whole;
      whole << in.rdbuf();
      started += whole.str().find("\"kind\":\"command\"") != std::string::npos;
    }
  }
  c.server->Signal(SIGKILL);
  c.Restart();
  for (int seed = 1; seed <= 3; ++seed) {
    const auto joined = clients[seed - 1]->Wait();
    INFO("seed " << seed << ": " << joined.err << "\nserver: " << c.server->Read(".out"));
    REQUIRE(joined.code == 0);
    CHECK(joined.err.find("not answering: reconnecting") != std::string::npos);
    CHECK(joined.err.find("reconnected: session S-") != std::string::npos);
    const auto alone = RunProcess({kBinary, "drill", "run", kDrill, "--seed", std::to_string(seed), "--actions", kActions,
                                   "--json"},
                                  c.dir + "/run-" + std::to_string(seed));
    CHECK(joined.out == alone.out);  // the same score, breakdown and fingerprint as a run never interrupted
  }
  const std::string resumed = c.server->Read(".out");
  for (int s = 1; s <= 3; ++s) CHECK(resumed.find("resumed S-" + std::to_string(s) + " (") != std::string::npos);

  // An edited log: reported at the next start, and its session is not resumed.
  // (The sessions' numbers follow the order the clients joined in: T2's log is found by its name.)
  std::string log, text;
  for (const auto& entry : std::filesystem::directory_iterator(c.dir + "/data/sessions")) {
    std::ifstream in(entry.path());
    std::ostringstream whole;
    whole << in.rdbuf();
    if (whole.str().find("\"trainee\":\"T2\"") != std::string::npos) {
      log = entry.path().string();
      text = whole.str();
    }
  }
  REQUIRE(!log.empty());
  const auto seedAt = text.find("\"seed\":2");
  REQUIRE(seedAt != std::string::npos);
  text.replace(seedAt, 8, "\"seed\":4");
  std::ofstream(log, std::ios::trunc) << text;
  c.server->Signal(SIGTERM);
  c.Restart();
  const std::string restarted = c.server->Read(".out");
  CHECK(restarted.find("resume: " + log + ":1: edited (its HMAC does not match") != std::string::npos);
  CHECK(restarted.find(" (T1, commune-cut-backup seed 1) finished") != std::string::npos);
  CHECK(restarted.find(" (T3, commune-cut-backup seed 3) finished") != std::string::npos);
  CHECK(restarted.find(" (T2, ") == std::string::npos);
  const auto status = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status", c.Env());
  REQUIRE(status.code == 0);
  CHECK(nlohmann::json::parse(status.out).at("trainees").size() == 2);
}

TEST_CASE("class: a person's drill runs on the server's clock, and its speed limit holds", "[class]") {
  Class c("class-paced");
  // Watched for two seconds with no command: the clock ran, the snapshots came, the drill goes on.
  const auto watched = RunProcess(c.Client({"class", "join", "--trainee", "Mai", "--drill", "commune-cut-backup", "--for", "2s",
                                            "--json"}),
                                  c.dir + "/watch", c.Env());
  INFO(watched.err);
  REQUIRE(watched.code == 0);
  const auto summary = nlohmann::json::parse(watched.out);
  CHECK(summary.at("sim_s").get<double>() > 0.0);
  CHECK(summary.at("snapshots").get<int>() > 0);
  CHECK(summary.at("ended") == false);
  // Commands from the terminal: over the drill's max_speed is refused as the console refuses it; at the
  // end of the commands the drill is finished and scored.
  {
    std::ofstream(c.dir + "/commands") << "speed 60\nshow alarms\n";
  }
  Process person(c.Client({"class", "join", "--trainee", "Oanh", "--drill", "commune-cut-backup", "--json"}),
                 c.dir + "/person", c.Env(), c.dir + "/commands");
  const auto played = person.Wait();
  INFO(played.err);
  REQUIRE(played.code == 0);
  CHECK(played.err.find("speed 60: this drill runs at most at 5x for a trainee") != std::string::npos);
  CHECK(nlohmann::json::parse(played.out).at("drill") == "commune-cut-backup");
  const auto status = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status", c.Env());
  REQUIRE(status.code == 0);
  const auto parsed2 = nlohmann::json::parse(status.out);
  for (const auto& t : parsed2.at("trainees")) {
    if (t.at("name") == "Oanh") CHECK(t.at("last_action") == "show alarms");
    if (t.at("name") == "Mai") CHECK(t.at("finished") == false);  // still running on the server's clock
  }
}

TEST_CASE("class: a name in use joins only with the instructor's approval", "[class]") {
  Class c("class-approval");
  auto status = [&] {
    const auto s = RunProcess(c.Client({"class", "status", "--json", "--passphrase", "class-test"}), c.dir + "/status", c.Env());
    REQUIRE(s.code == 0);
    return nlohmann::json::parse(s.out);
  };
  auto waitFor = [&](auto holds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!holds(status()) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(holds(status()));
  };
  Process first(c.Client({"class", "join", "--trainee", "An", "--drill", "commune-cut-backup", "--for", "30s", "--json"}),
                c.dir + "/first", c.Env());
  waitFor([](const nlohmann::json& s) { return s.at("trainees").size() == 1; });
  // The same name again: it waits, the instructor sees it, approves it, and the drill plays as drill run's.
  Process second(c.Client({"class", "join", "--trainee", "An", "--drill", "commune-cut-backup", "--actions", kActions, "--json",
                           "--wait-approval", "60"}),
                 c.dir + "/second", c.Env());
  waitFor([](const nlohmann::json& s) { return s.at("awaiting_approval") == nlohmann::json::array({"An"}); });
  const auto approved = RunProcess(c.Client({"class", "approve", "--trainee", "An", "--passphrase", "class-test"}), c.dir + "/approve", c.Env());
  CHECK(approved.code == 0);
  CHECK(approved.out == "approved the name \"An\"\n");
  const auto played = second.Wait();
  INFO(played.err);
  REQUIRE(played.code == 0);
  CHECK(played.err.find("waiting for the instructor's approval") != std::string::npos);
  const auto alone = RunProcess({kBinary, "drill", "run", kDrill, "--actions", kActions, "--json"}, c.dir + "/run");
  CHECK(played.out == alone.out);
  // A script that does not wait is refused at once; a refused name stays refused for its next try.
  const auto third = RunProcess(c.Client({"class", "join", "--trainee", "An", "--drill", "commune-cut-backup", "--actions", kActions}),
                                c.dir + "/third", c.Env());
  CHECK(third.code == 2);
  const auto refused = RunProcess(c.Client({"class", "approve", "--trainee", "An", "--refuse", "--passphrase", "class-test"}),
                                  c.dir + "/refuse", c.Env());
  CHECK(refused.code == 0);
  const auto fourth = RunProcess(c.Client({"class", "join", "--trainee", "An", "--drill", "commune-cut-backup", "--actions", kActions}),
                                 c.dir + "/fourth", c.Env());
  CHECK(fourth.code == 2);
  CHECK(fourth.err.find("the instructor refused it") != std::string::npos);
  const auto nobody = RunProcess(c.Client({"class", "approve", "--trainee", "Zed", "--passphrase", "class-test"}), c.dir + "/nobody", c.Env());
  CHECK(nobody.code == 2);
  CHECK(nobody.err == "approve: nobody is waiting to join as \"Zed\"\n");
  first.Signal(SIGTERM);
  first.Wait(std::chrono::seconds(20));
}

TEST_CASE("class: a person's client reconnects by itself when the server comes back, and the drill's clock goes on",
          "[class]") {
  Class c("class-paced-resume");
  Process person(c.Client({"class", "join", "--trainee", "Mai", "--drill", "commune-cut-backup", "--for", "14s", "--json"}),
                 c.dir + "/person", c.Env());
  std::this_thread::sleep_for(std::chrono::seconds(4));  // the server logs the clock once a second
  c.server->Signal(SIGKILL);
  c.Restart();
  const auto watched = person.Wait();
  INFO(watched.err << "\nserver: " << c.server->Read(".out"));
  REQUIRE(watched.code == 0);
  CHECK(watched.err.find("is not answering: reconnecting") != std::string::npos);
  CHECK(watched.err.find("reconnected: session resumes at 00:00:0") != std::string::npos);
  const auto summary = nlohmann::json::parse(watched.out);
  CHECK(summary.at("sim_s").get<double>() > 8.0);  // it went on after the restart, from where it was
  CHECK(c.server->Read(".out").find("resumed S-1 (Mai, commune-cut-backup seed 1) at 00:00:0") != std::string::npos);
}
