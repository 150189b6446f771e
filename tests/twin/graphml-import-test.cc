#include "test-support.h"
#include "twin/analysis.h"
#include "twin/graphml-import.h"

#include <cstdlib>
#include <filesystem>

using namespace netdrill::twin;
using netdrill::test::DataFile;

TEST_CASE("Vinaren imports with its labels, coordinates and speeds", "[twin]") {
  Diagnostics diags;
  ImportReport report;
  auto t = ImportGraphml(DataFile("Vinaren.graphml"), GraphmlOptions{}, diags, report);
  REQUIRE(t.has_value());
  CHECK(diags.ErrorCount() == 0);
  CHECK(t->Sites().size() == 25);
  CHECK(t->Links().size() == 26);
  CHECK(t->name == "Vinaren");
  // Nodes are keyed by their GraphML id and keep their labels.
  const SiteId n0 = t->FindSite("0");
  REQUIRE(n0.IsValid());
  CHECK_FALSE(t->GetSite(n0).name.empty());
  int withPosition = 0;
  for (const Site& s : t->Sites()) withPosition += s.position.has_value();
  CHECK(withPosition + report.nodesWithoutPosition == 25);
  for (const Link& l : t->Links()) CHECK(l.capacityMbps > 0);
}

TEST_CASE("free-text speeds are read where possible", "[twin]") {
  CHECK(ParseSpeedText("2.5 Gbps") == 2500.0);
  CHECK(ParseSpeedText("155mb/s") == 155.0);
  CHECK(ParseSpeedText("10Gbit/s") == 10000.0);
  CHECK(ParseSpeedText("OC-48") == Approx(2488.32));
  CHECK(ParseSpeedText("STM-4x2") == Approx(622.08));
  CHECK(ParseSpeedText("10 GE") == 10000.0);
  CHECK(ParseSpeedText("45 Mbps DS-3") == 45.0);
  CHECK(ParseSpeedText("2 x E3 (68Mbps)") == 68.0);
  CHECK(ParseSpeedText("0,5 Gbps") == 500.0);
  CHECK_FALSE(ParseSpeedText("Blue Line"));
  CHECK_FALSE(ParseSpeedText("1Q 2003"));
}

TEST_CASE("guesses are reported, parallel edges kept, self-loops counted", "[twin]") {
  const std::string text = R"(<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="d0" />
  <key attr.name="LinkLabel" attr.type="string" for="edge" id="d1" />
  <key attr.name="LinkSpeedRaw" attr.type="double" for="edge" id="d2" />
  <key attr.name="hyperedge" attr.type="int" for="node" id="d3" />
  <graph edgedefault="undirected">
    <node id="a"><data key="d0"> Hanoi </data></node>
    <node id="b"><data key="d0">Hanoi</data></node>
    <node id="h"><data key="d0">None</data><data key="d3">1</data></node>
    <edge source="a" target="b"><data key="d2">1000000000.0</data></edge>
    <edge source="a" target="b"><data key="d1">OC-3</data></edge>
    <edge source="b" target="h"><data key="d1">Blue Line</data></edge>
    <edge source="h" target="h" />
  </graph>
</graphml>
)";
  Diagnostics diags;
  ImportReport report;
  auto t = ParseGraphml(text, "x.graphml", GraphmlOptions{}, diags, report);
  REQUIRE(t.has_value());
  CHECK(t->Sites().size() == 3);
  CHECK(t->GetSite(t->FindSite("a")).name == "Hanoi");  // trimmed
  CHECK(t->GetSite(t->FindSite("h")).tags.front() == "hyperedge");
  CHECK(report.parallelEdges == 1);
  CHECK(report.selfLoops == 1);
  CHECK(report.hyperedgeNodes == 1);
  REQUIRE(t->Links().size() == 4);
  CHECK(t->Links()[0].capacityMbps == 1000);
  CHECK(t->Links()[1].capacityMbps == Approx(155.52));
  CHECK(t->Links()[2].capacityMbps == 1000);  // assumed
  // One line per guess: the OC-3 reading, the assumed speeds, the self-loop, three nodes without coordinates.
  std::string all;
  for (const auto& g : report.guesses) all += g + "\n";
  INFO(all);
  CHECK(all.find("\"OC-3\" read as 155.52 Mbit/s") != std::string::npos);
  CHECK(all.find("no speed in \"Blue Line\"; assumed 1000 Mbit/s") != std::string::npos);
  CHECK(all.find("joins a node to itself") != std::string::npos);
  CHECK(report.nodesWithoutPosition == 3);
  const TwinAnalysis a = AnalyzeTwin(*t);
  CHECK(a.n1.links == 3);
  CHECK(a.n1.selfLoops == 1);
  CHECK(a.n1.bridges.size() == 1);  // b-h; the two a-b links are not bridges
}

TEST_CASE("broken GraphML: errors with line and column, never a crash", "[twin]") {
  SECTION("truncated XML") {
    Diagnostics d;
    ImportReport r;
    CHECK_FALSE(ParseGraphml("<graphml>\n  <graph>\n    <node id=\"a\">\n", "t.graphml", GraphmlOptions{}, d, r));
    REQUIRE(d.Items().size() == 1);
    CHECK(d.Items()[0].code == "graphml-syntax");
    CHECK(d.Items()[0].loc.line == 4);
  }
  SECTION("a mismatched tag") {
    Diagnostics d;
    ImportReport r;
    CHECK_FALSE(ParseGraphml("<graphml><graph>\n<node id=\"a\"></edge>\n</graph></graphml>", "t.graphml",
                             GraphmlOptions{}, d, r));
    REQUIRE(d.Items().size() == 1);
    CHECK(d.Items()[0].loc.line == 2);
    CHECK(d.Items()[0].loc.column == 16);  // expat points at the tag name
  }
  SECTION("an edge to a missing node and a duplicate node id, both reported") {
    Diagnostics d;
    ImportReport r;
    const char* text =
        "<graphml><graph>\n<node id=\"a\"/>\n<node id=\"a\"/>\n<node id=\"b\"/>\n<edge source=\"a\" target=\"c\"/>\n"
        "</graph></graphml>";
    CHECK_FALSE(ParseGraphml(text, "t.graphml", GraphmlOptions{}, d, r));
    CHECK(d.ErrorCount() == 2);
    bool dup = false, missing = false;
    for (const auto& item : d.Items()) {
      dup = dup || (item.code == "duplicate-id" && item.loc.line == 3);
      missing = missing || (item.code == "missing-node" && item.loc.line == 5 && !item.hint.empty());
    }
    CHECK(dup);
    CHECK(missing);
  }
  SECTION("an empty file and a file that is not GraphML") {
    Diagnostics d;
    ImportReport r;
    CHECK_FALSE(ParseGraphml("", "e.graphml", GraphmlOptions{}, d, r));
    CHECK_FALSE(ParseGraphml("<html><body/></html>", "h.graphml", GraphmlOptions{}, d, r));
    REQUIRE(d.Items().size() == 2);
    CHECK(d.Items()[0].code == "empty-file");
    CHECK(d.Items()[1].code == "not-graphml");
  }
}

TEST_CASE("all 261 Topology Zoo files import, and their analysis agrees with a search per failure", "[twin][slow]") {
  const std::filesystem::path zoo(NETDRILL_ZOO_DIR);
  if (!std::filesystem::exists(zoo)) {
    // The Zoo lives in the project's shared data beside the clone; CI always has it.
    if (std::getenv("CI") != nullptr) FAIL("the Topology Zoo is missing at " << zoo);
    WARN("skipped: no Topology Zoo at " << zoo);
    return;
  }
  int files = 0, nodes = 0, withParallel = 0, withSelfLoops = 0, multiComponent = 0;
  for (const auto& entry : std::filesystem::directory_iterator(zoo)) {
    if (entry.path().extension() != ".graphml") continue;
    INFO(entry.path().filename());
    Diagnostics diags;
    ImportReport report;
    auto t = ImportGraphml(entry.path().string(), GraphmlOptions{}, diags, report);
    REQUIRE(t.has_value());
    ++files;
    nodes += report.nodes;
    withParallel += report.parallelEdges > 0;
    withSelfLoops += report.selfLoops > 0;
    const Graph g = Graph::FromTwin(*t);
    const N1Report fast = AnalyzeN1(g);
    multiComponent += fast.components > 1;
    const NaiveN1 slow = NaiveN1BySearch(g);
    REQUIRE(fast.linkPairsLost == slow.linkPairsLost);
    REQUIRE(fast.nodePairsLost == slow.nodePairsLost);
  }
  // The counts shared/topologies/README.md gives for the Zoo.
  CHECK(files == 261);
  CHECK(nodes == 10337);
  CHECK(withParallel == 89);
  CHECK(withSelfLoops == 1);
  CHECK(multiComponent == 18);
}
