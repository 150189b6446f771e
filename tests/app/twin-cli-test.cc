#include "tests/cli-support.h"
#include "tests/twin/test-support.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

using netdrill::test::DataFile;
using netdrill::test::TempDir;

using Run = netdrill::test::CliRun;
using netdrill::test::Cli;

TEST_CASE("netdrill twin generate, check, stats and analyze", "[twin]") {
  TempDir dir;
  const std::string file = dir.File("tiny.yaml");
  const Run gen = Cli({"twin", "generate", "--preset", "tiny", "--seed", "3", "-o", file});
  INFO(gen.err);
  REQUIRE(gen.code == 0);
  CHECK(std::filesystem::exists(file));
  const Run check = Cli({"twin", "check", file});
  CHECK(check.code == 0);
  CHECK(check.out.find(": ok (") != std::string::npos);

  const Run stats = Cli({"twin", "stats", file, "--json"});
  REQUIRE(stats.code == 0);
  const auto s = nlohmann::json::parse(stats.out);
  CHECK(s["sites_by_level"]["province"] == 2);
  CHECK(s["nodes"].get<int>() == s["sites"].get<int>() + 2);  // two centres, two routers each

  const Run analyze = Cli({"twin", "analyze", file, "--json"});
  REQUIRE(analyze.code == 0);
  const auto a = nlohmann::json::parse(analyze.out);
  for (const char* key : {"nodes", "links", "self_loops", "components", "largest_component", "bridges",
                          "articulation_points", "n1_link_max_pairs_lost", "n1_link_total_pairs_lost",
                          "n1_node_max_pairs_lost", "n1_node_total_pairs_lost"}) {
    CHECK(a.contains(key));
  }
  CHECK(a["components"] == 1);
  CHECK(a["core"]["already_cut"]["sites_cut"] == 0);
}

TEST_CASE("netdrill twin analyze on a GraphML file prints the documented JSON", "[twin]") {
  const Run r = Cli({"twin", "analyze", DataFile("Geant2012.graphml"), "--json"});
  REQUIRE(r.code == 0);
  const auto a = nlohmann::json::parse(r.out);
  CHECK(a["nodes"] == 40);
  CHECK(a["links"] == 61);
  CHECK(a["self_loops"] == 0);
  CHECK(a["bridges"].size() == 8);
  CHECK(a["bridges"][0] == nlohmann::json::array({"10", "3"}));  // pairs and list sorted, ids as strings
  CHECK(a["articulation_points"][0] == "12");
  CHECK(a["n1_node_total_pairs_lost"] == 411);
}

TEST_CASE("bad input exits 2, reports line and column, and writes no output", "[twin]") {
  TempDir dir;
  const std::string bad = dir.Write("bad.yaml", "netdrill-twin: 1\nsites:\n  - {id: \"a\", level: province, cap: 1}\n");
  const Run check = Cli({"twin", "check", bad});
  CHECK(check.code == 2);
  CHECK(check.err.find("bad.yaml:3:32: error[unknown-key]") != std::string::npos);

  const std::string broken = dir.Write("broken.graphml", "<graphml><graph><node id=\"a\">");
  const std::string out = dir.File("out.yaml");
  const Run import = Cli({"twin", "import", broken, "-o", out});
  CHECK(import.code == 2);
  CHECK(import.err.find("broken.graphml:1:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));

  const Run unknownPreset = Cli({"twin", "generate", "--preset", "national-2042", "-o", out});
  CHECK(unknownPreset.code == 2);
  CHECK_FALSE(std::filesystem::exists(out));

  const Run empty = Cli({"twin", "check", dir.Write("empty.yaml", "")});
  CHECK(empty.code == 2);
  CHECK(empty.err.find("empty.yaml:1:1: error[empty-file]") != std::string::npos);

  const Run usage = Cli({"twin", "frobnicate"});
  CHECK(usage.code == 2);
}

TEST_CASE("netdrill twin import, find and path", "[twin]") {
  TempDir dir;
  const std::string out = dir.File("vinaren.yaml");
  const Run import = Cli({"twin", "import", DataFile("Vinaren.graphml"), "-o", out});
  REQUIRE(import.code == 0);
  CHECK(import.out.find("25 sites, 26 links") != std::string::npos);
  CHECK(Cli({"twin", "check", out}).code == 0);

  const std::string tiny = dir.File("tiny.yaml");
  REQUIRE(Cli({"twin", "generate", "--preset", "tiny", "-o", tiny}).code == 0);
  const Run find = Cli({"twin", "find", tiny, "ha noi"});
  CHECK(find.code == 0);
  CHECK(find.out.find("[province:01]") != std::string::npos);
  const Run path = Cli({"twin", "path", tiny, "Hà Giang", "ha noi", "--by", "hops"});
  INFO(path.err);
  CHECK(path.code == 0);
  CHECK(path.out.find("province:02") != std::string::npos);
  CHECK(path.out.find("province:01") != std::string::npos);
}

TEST_CASE("netdrill twin load: the 2026 conference overloads Trường Sa's VSAT link", "[twin]") {
  TempDir dir;
  const std::string file = dir.File("khanh-hoa.yaml");
  REQUIRE(Cli({"twin", "generate", "--preset", "province-2025:56", "-o", file}).code == 0);
  const Run r = Cli({"twin", "load", file, "--profile", "2026", "--json", "--top", "1"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["links_over_capacity"] == 1);
  CHECK(j["top_links"][0]["link"] == "commune:22736--province:56");
  // 9 endpoints x 1.5 Mbit/s + 5 Mbit/s of VPN on 10 Mbit/s: every stream there loses over 5 %.
  CHECK(j["top_links"][0]["utilisation"].get<double>() == Approx(1.85));
  CHECK(j["endpoint_streams_lost"] == 18);
  CHECK(Cli({"twin", "load", file, "--profile", "2027"}).code == 2);
  CHECK(Cli({"twin", "load", file, "--fail-mcu", "nowhere"}).code == 2);
}
