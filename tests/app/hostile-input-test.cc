// Hostile inputs that used to crash or hang netdrill (issue 18): each now exits 2 with one clear line
// (or runs correctly where the input is valid), nothing written on error.
#include "tests/cli-support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace netdrill;
using test::Cli;

namespace {
const std::string kScenarios = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
}  // namespace

TEST_CASE("hostile: a capacity under 1 kbit/s is an error at its place, not a SIGFPE later", "[app][hostile]") {
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-tiny.yaml"}).code == 0);
  std::string twin = Slurp("hostile-tiny.yaml");
  const auto at = twin.find("cap: 10G");
  REQUIRE(at != std::string::npos);
  twin.replace(at, 8, "cap: 0.0000001M");
  Write("hostile-cap.yaml", twin);
  const auto checked = Cli({"twin", "check", "hostile-cap.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("error[out-of-range]: capacity 1e-07 Mbit/s is under 1 kbit/s") != std::string::npos);
  const auto sim = Cli({"sim", "--twin", "hostile-cap.yaml", "--duration", "2s"});
  CHECK(sim.code == 2);
}

TEST_CASE("hostile: seeds are 0 to 2^32-1, each its own: no ns-3 abort, no alias", "[app][hostile]") {
  for (const std::string seed : {"-2", "4294967296", "4294967300", "1e3", ""}) {
    const auto run = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--seed", seed});
    INFO(seed);
    CHECK(run.code == 2);
    CHECK(run.err.find("a seed is a whole number from 0 to 4294967295") != std::string::npos);
  }
  // The top of the range plays (ns-3 would have refused 4294967295 as its seed).
  CHECK(Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--seed", "4294967294", "--json"}).code == 0);
}

TEST_CASE("hostile: a pick index past any pick's end is reported, not an out_of_range", "[app][hostile]") {
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto at = drill.find("{fibre}");
  REQUIRE(at != std::string::npos);
  drill.replace(at, 7, "{fibre[2147483648]}");
  Write("hostile-pick.yaml", drill);
  const auto checked = Cli({"drill", "check", "hostile-pick.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("{fibre[2147483648]}: the pick makes 1 choice(s), counted from 0") != std::string::npos);
  Write("hostile-actions.yaml", "- {at: 1m, do: \"ack {fibre.code[99999999999999999999]}\"}\n");
  const auto run = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--actions", "hostile-actions.yaml", "--json"});
  CHECK(run.code == 2);  // past the pick's count: an error at the action, before the run
  CHECK(run.err.find("hostile-actions.yaml:1:3: error[unknown-pick]: {fibre.code[99999999999999999999]} names no pick") !=
        std::string::npos);
}

TEST_CASE("hostile: text that is not UTF-8 is refused where it comes in, never thrown from a writer", "[app][hostile]") {
  Write("hostile-utf8.yaml", "- {at: 1m, do: \"ticket open minor \xff\xfe\"}\n");
  std::filesystem::remove("hostile-utf8.journal");
  const auto run = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--actions", "hostile-utf8.yaml", "--record",
                        "hostile-utf8.journal"});
  CHECK(run.code == 2);
  CHECK(run.err.find("hostile-utf8.yaml:1:16: error[bad-text]: the command is not UTF-8 text") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists("hostile-utf8.journal"));  // nothing written
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  drill.replace(drill.find("id: commune-cut-backup"), 22, "id: \"bad\xff\"");
  Write("hostile-id.yaml", drill);
  const auto checked = Cli({"drill", "check", "hostile-id.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("error[bad-id]: the drill's id: not UTF-8 text") != std::string::npos);
}

TEST_CASE("hostile: a journal of the wrong types, order or length is reported line by line, not thrown or hung",
          "[app][hostile]") {
  REQUIRE(Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--record", "hostile-ok.journal"}).code == 0);
  const std::string text = Slurp("hostile-ok.journal");
  const std::string header = text.substr(0, text.find('\n'));
  auto replay = [&](const std::string& head, const std::string& rest) {
    Write("hostile-bad.journal", head + "\n" + rest);
    return Cli({"drill", "replay", "hostile-bad.journal"});
  };
  auto swap = [&](const std::string& from, const std::string& to) {
    std::string h = header;
    const auto at = h.find(from);
    REQUIRE(at != std::string::npos);
    return h.replace(at, from.size(), to);
  };
  struct Case {
    std::string head, rest, says;
  };
  const std::vector<Case> cases = {
      {swap("\"seed\":1", "\"seed\":\"4\""), "", "the header's \"seed\" is not a whole number"},
      {swap("\"seed\":1", "\"seed\":4294967296"), "", "the header's \"seed\" is not a whole number"},
      {swap("\"netdrill_journal\":1", "\"netdrill_journal\":99"), "", "reads journal format 1"},
      {swap("\"tick_s\":0.1", "\"tick_s\":0"), "", "the header's \"tick_s\" is not 0.1"},
      {header, "{\"tick\": 5, \"end\": \"yes\"}\n", "the end line is"},
      {header, "{\"tick\": 5, \"end\": true}\n{\"tick\": 6, \"role\": \"trainee\", \"command\": \"show alarms\"}\n",
       "a command after the end line"},
      {header, "{\"tick\": 18446744073709551615, \"role\": \"trainee\", \"command\": \"show alarms\"}\n", "after the run's end"},
      {header, "{\"tick\": 50, \"role\": \"trainee\", \"command\": \"show alarms\"}\n{\"tick\": 10, \"role\": \"trainee\", \"command\": \"show alarms\"}\n",
       "comes before the line above's"},
  };
  for (const Case& c : cases) {
    const auto r = replay(c.head, c.rest);
    INFO(c.says << "\n" << r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find(c.says) != std::string::npos);
  }
}

TEST_CASE("hostile: durations over 72 h, and a negative --top, are refused up front", "[app][hostile]") {
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto at = drill.find("\nduration: ");
  REQUIRE(at != std::string::npos);
  drill.replace(at + 1, drill.find('\n', at + 1) - at - 1, "duration: 99999999999999999999h");
  Write("hostile-long.yaml", drill);
  const auto checked = Cli({"drill", "check", "hostile-long.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("over 72 h") != std::string::npos);
  CHECK(Cli({"sim", "--preset", "tiny", "--duration", "99999999999999999999h"}).code == 2);
  CHECK(Cli({"session", "--preset", "tiny", "--duration", "73h"}).code == 2);
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-top.yaml"}).code == 0);
  const auto top = Cli({"twin", "analyze", "hostile-top.yaml", "--top", "-1"});
  CHECK(top.code == 2);
  CHECK(top.err.find("--top") != std::string::npos);
}

TEST_CASE("hostile: a key given twice is an error in every YAML reader, and so is nesting past 64 levels", "[app][hostile]") {
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-dup.yaml"}).code == 0);
  std::string twin = Slurp("hostile-dup.yaml");
  twin.replace(twin.find("cap: 10G"), 8, "cap: 1G, cap: 10M");
  Write("hostile-dup.yaml", twin);
  const auto checked = Cli({"twin", "check", "hostile-dup.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("error[duplicate-key]: the key \"cap\" is given twice in this map") != std::string::npos);
  Write("hostile-dup-actions.yaml", "- {at: 1m, do: \"show alarms\", at: 2m}\n");
  const auto run = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--actions", "hostile-dup-actions.yaml"});
  CHECK(run.code == 2);
  CHECK(run.err.find("hostile-dup-actions.yaml:1:31: error[duplicate-key]") != std::string::npos);
  Write("hostile-deep.yaml", std::string(100, '[') + std::string(100, ']') + "\n");
  const auto deep = Cli({"drill", "check", "hostile-deep.yaml"});
  CHECK(deep.code == 2);
  CHECK(deep.err.find("error[too-deep]: nested deeper than 64 levels") != std::string::npos);
}

TEST_CASE("hostile: a write that fails is an error, and a device is written in place, never replaced", "[app][hostile]") {
  if (std::filesystem::exists("/dev/full")) {
    const auto full = Cli({"twin", "generate", "--preset", "tiny", "-o", "/dev/full"});
    CHECK(full.code != 0);
    CHECK(full.err.find("/dev/full: error[cannot-write]: writing failed") != std::string::npos);
    CHECK(full.out.find("wrote") == std::string::npos);
    CHECK_FALSE(std::filesystem::is_regular_file("/dev/full"));  // still the device
    const auto report = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--report", "/dev/full"});
    CHECK(report.code == 1);
    CHECK(report.err.find("/dev/full: cannot write: writing failed") != std::string::npos);
  }
  std::filesystem::create_directories("hostile-folder");
  const auto folder = Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-folder"});
  CHECK(folder.code != 0);
  CHECK(folder.err.find("it is a folder") != std::string::npos);
}

TEST_CASE("hostile: an endless or oversized file is refused after 64 MiB, a folder as a folder", "[app][hostile]") {
  if (std::filesystem::exists("/dev/zero")) {
    std::filesystem::remove("hostile-zero.yaml");
    std::filesystem::create_symlink("/dev/zero", "hostile-zero.yaml");
    const auto zero = Cli({"drill", "check", "hostile-zero.yaml"});
    CHECK(zero.code == 2);
    CHECK(zero.err.find("hostile-zero.yaml:1:1: error[too-large]: larger than 64 MiB") != std::string::npos);
  }
  std::filesystem::create_directories("hostile-dir.yaml");
  const auto dir = Cli({"drill", "check", "hostile-dir.yaml"});
  CHECK(dir.code == 2);
  CHECK(dir.err.find("it is a folder") != std::string::npos);
}

TEST_CASE("hostile: a twin with no sites, a nested GraphML node and a drill past 1,000 events are errors", "[app][hostile]") {
  Write("hostile-empty.yaml", "netdrill-twin: 1\nname: empty\nsites: []\n");
  const auto empty = Cli({"twin", "check", "hostile-empty.yaml"});
  CHECK(empty.code == 2);
  CHECK(empty.err.find("error[no-sites]") != std::string::npos);
  Write("hostile-nested.graphml",
        "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"><graph><node id=\"b\"/></graph></node>"
        "<node id=\"c\"/><edge source=\"a\" target=\"c\"/></graph></graphml>\n");
  const auto nested = Cli({"twin", "check", "hostile-nested.graphml"});
  CHECK(nested.code == 2);
  CHECK(nested.err.find("hostile-nested.graphml:1:62: error[unsupported]: a <node> inside a <node>") != std::string::npos);
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto at = drill.find("\nevents:\n");
  REQUIRE(at != std::string::npos);
  std::string many = "\nevents:\n";
  for (int i = 0; i < 1001; ++i) many += "  - {at: " + std::to_string(i + 1) + "s, hint: \"h\"}\n";
  drill.replace(at, 9, many);
  Write("hostile-events.yaml", drill);
  const auto events = Cli({"drill", "check", "hostile-events.yaml"});
  CHECK(events.code == 2);
  const int line = static_cast<int>(std::count(drill.begin(), drill.begin() + static_cast<long>(at), '\n')) + 1003;
  CHECK(events.err.find("hostile-events.yaml:" + std::to_string(line) +
                        ":5: error[too-many]: more than 1,000 events (") != std::string::npos);
  CHECK(events.err.find("): the most a drill holds") != std::string::npos);
}

TEST_CASE("hostile: a path a file names stays in its folder or the library, symlinks and all", "[app][hostile]") {
  namespace fs = std::filesystem;
  fs::remove_all("hostile-confine");
  fs::create_directories("hostile-confine");
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-outside-twin.yaml"}).code == 0);
  Write("hostile-outside-fragment.yaml", "objectives: []\n");
  fs::create_symlink(fs::absolute("hostile-outside-twin.yaml"), "hostile-confine/twin.yaml");
  fs::create_symlink(fs::absolute("hostile-outside-fragment.yaml"), "hostile-confine/fragment.yaml");
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto network = drill.find("\nnetwork: ");
  REQUIRE(network != std::string::npos);
  drill.replace(network + 1, drill.find('\n', network + 1) - network - 1, "network: file:twin.yaml\ninclude: [fragment.yaml]");
  Write("hostile-confine/drill.yaml", drill);
  const auto checked = Cli({"drill", "check", "hostile-confine/drill.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("error[outside]: \"fragment.yaml\": it resolves to " + fs::absolute("hostile-outside-fragment.yaml").string()) !=
        std::string::npos);
  std::string plain = Slurp(kScenarios + "commune-cut-backup.yaml");
  plain.replace(network + 1, plain.find('\n', network + 1) - network - 1, "network: file:twin.yaml");
  Write("hostile-confine/plain.yaml", plain);
  const auto twin = Cli({"drill", "check", "hostile-confine/plain.yaml"});
  CHECK(twin.code == 2);
  CHECK(twin.err.find("error[outside]: the network file: it resolves to") != std::string::npos);
  // A procedure is an id, not a path.
  std::string proc = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto procedure = proc.find("\nprocedure: ");
  REQUIRE(procedure != std::string::npos);
  proc.replace(procedure + 1, proc.find('\n', procedure + 1) - procedure - 1, "procedure: ../../../../etc/passwd");
  Write("hostile-confine/procedure.yaml", proc);
  const auto named = Cli({"drill", "check", "hostile-confine/procedure.yaml"});
  CHECK(named.code == 2);
  CHECK(named.err.find("error[bad-procedure]: a procedure is named by its id") != std::string::npos);
  // A journal's drill: beside the journal or in the library, never /etc/passwd.
  REQUIRE(Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--record", "hostile-confine/run.journal"}).code == 0);
  std::string journal = Slurp("hostile-confine/run.journal");
  const auto scenario = journal.find("\"scenario\":\"");
  REQUIRE(scenario != std::string::npos);
  const auto end = journal.find('"', scenario + 12);
  journal.replace(scenario + 12, end - scenario - 12, "/etc/passwd");
  Write("hostile-confine/sealed-passwd.journal", journal);
  const auto sealed = Cli({"drill", "replay", "hostile-confine/sealed-passwd.journal"});
  CHECK(sealed.code == 2);  // the seal sees the edit first
  CHECK(sealed.err.find("error[edited]") != std::string::npos);
  journal = std::regex_replace(journal, std::regex(",\"mac\":\"[0-9a-f]{64}\""), "");  // as an unsealed journal
  Write("hostile-confine/passwd.journal", journal);
  const auto replay = Cli({"drill", "replay", "hostile-confine/passwd.journal"});
  CHECK(replay.code == 2);
  CHECK(replay.err.find("error[outside]: the journal's drill \"/etc/passwd\": it resolves to /etc/passwd, outside") !=
        std::string::npos);
  CHECK(Cli({"drill", "replay", "hostile-confine/run.journal"}).code == 0);  // the library's drill replays
}

TEST_CASE("hostile: an edit's yes/no is true or false, and a sweep's set names elements of the base", "[app][hostile]") {
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", "hostile-set-base.yaml"}).code == 0);
  Write("hostile-maybe.yaml", "whatif: 1\nedits:\n  - op: modify-site\n    id: commune:00001\n    mcu: \"maybe\"\n");
  const auto maybe = Cli({"whatif", "apply", "hostile-set-base.yaml", "--edit", "hostile-maybe.yaml", "-o", "hostile-maybe-fork.yaml"});
  CHECK(maybe.code == 2);
  CHECK(maybe.err.find("hostile-maybe.yaml:5:10: error[bad-edit]: mcu is true or false, not \"maybe\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists("hostile-maybe-fork.yaml"));
  Write("hostile-set.txt", "# the set\ndistrict:001--province:01\nno-such-link\n");
  const auto unknown = Cli({"whatif", "sweep", "hostile-set-base.yaml", "--set", "hostile-set.txt"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("hostile-set.txt:3:1: error[unknown-id]: no link, router or shared-risk group \"no-such-link\"") !=
        std::string::npos);
  Write("hostile-set-empty.txt", "# nothing\n");
  const auto empty = Cli({"whatif", "sweep", "hostile-set-base.yaml", "--set", "hostile-set-empty.txt"});
  CHECK(empty.code == 2);
  CHECK(empty.err.find("error[empty-set]") != std::string::npos);
  std::filesystem::create_directories("hostile-set-folder");
  const auto folder = Cli({"whatif", "sweep", "hostile-set-base.yaml", "--set", "hostile-set-folder"});
  CHECK(folder.code == 2);
  CHECK(folder.err.find("it is a folder") != std::string::npos);
}

TEST_CASE("hostile: a journal edited by hand is refused, an intact one says so and its fingerprint matches",
          "[app][hostile]") {
  std::filesystem::remove("hostile-sealed.journal");
  REQUIRE(Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--actions",
               kScenarios + "actions/commune-cut-backup.good.yaml", "--record", "hostile-sealed.journal"})
              .code == 0);
  const std::string text = Slurp("hostile-sealed.journal");
  CHECK(text.find(",\"mac\":\"") != std::string::npos);
  CHECK(text.find("\"fingerprint\":\"") != std::string::npos);
  const auto intact = Cli({"drill", "replay", "hostile-sealed.journal", "--json"});
  CHECK(intact.code == 0);
  CHECK(intact.err.find("journal: sealed, ") != std::string::npos);
  CHECK(intact.err.find(", as recorded") != std::string::npos);
  // A trainee who makes the journal say they acknowledged sooner: the chain breaks at that line.
  std::string edited = text;
  const auto tick = edited.find("\"tick\":", edited.find('\n'));
  REQUIRE(tick != std::string::npos);
  const auto digits = tick + 7;
  edited.replace(digits, edited.find_first_not_of("0123456789", digits) - digits, "1");
  Write("hostile-edited.journal", edited);
  const auto refused = Cli({"drill", "replay", "hostile-edited.journal"});
  CHECK(refused.code == 2);
  CHECK(refused.err.find("error[edited]: the journal was edited: the chain breaks at line 2") != std::string::npos);
  CHECK(refused.out.empty());
}

TEST_CASE("hostile: an unknown conference profile and a reference to no pick are errors up front", "[app][hostile]") {
  const auto session = Cli({"session", "--preset", "tiny", "--conference", "xyz", "--duration", "5s"});
  CHECK(session.code == 2);
  CHECK(session.err.find("error[bad-profile]: no conference profile \"xyz\" in the twin (2023, 2025, 2026)") != std::string::npos);
  CHECK(Cli({"sim", "--preset", "tiny", "--conference", "xyz", "--duration", "5s"}).code == 2);
  std::string drill = Slurp(kScenarios + "commune-cut-backup.yaml");
  const auto network = drill.find("\nnetwork: ");
  REQUIRE(network != std::string::npos);
  drill.insert(drill.find('\n', network + 1) + 1, "conference: \"9999\"\n");
  Write("hostile-profile.yaml", drill);
  const auto checked = Cli({"drill", "check", "hostile-profile.yaml"});
  CHECK(checked.code == 2);
  CHECK(checked.err.find("error[bad-profile]: no conference profile \"9999\"") != std::string::npos);
  Write("hostile-nopick.yaml", "- {at: 1m, do: \"ack {nothing}\"}\n");
  const auto run = Cli({"drill", "run", kScenarios + "commune-cut-backup.yaml", "--actions", "hostile-nopick.yaml"});
  CHECK(run.code == 2);
  CHECK(run.err.find("hostile-nopick.yaml:1:3: error[unknown-pick]: {nothing} names no pick of the drill") != std::string::npos);
}
