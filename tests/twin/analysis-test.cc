#include "test-support.h"
#include "twin/analysis.h"
#include "twin/graphml-import.h"

#include <random>

using namespace netdrill::twin;

namespace {

using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

std::vector<std::uint32_t> SortedBridgePairs(const Graph& g, const N1Report& r) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t e : r.bridges) out.push_back(std::min(g.Edge(e).u, g.Edge(e).v) * 1000 + std::max(g.Edge(e).u, g.Edge(e).v));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a path graph: every link a bridge, inner nodes articulation points", "[twin]") {
  // 0 - 1 - 2 - 3
  const Graph g = Graph::FromEdges(4, {{0, 1}, {1, 2}, {2, 3}});
  const N1Report r = AnalyzeN1(g);
  CHECK(r.components == 1);
  CHECK(r.bridges.size() == 3);
  CHECK(r.articulations == std::vector<std::uint32_t>{1, 2});
  // Cutting 0-1 separates {0} from {1,2,3}: 3 pairs; 1-2: 2x2 = 4; 2-3: 3.
  CHECK(r.linkPairsLost == std::vector<std::uint64_t>{3, 4, 3});
  // Removing node 1 leaves {0} and {2,3}: of the 3 pairs among 0,2,3 only 2-3 stays.
  CHECK(r.nodePairsLost == std::vector<std::uint64_t>{0, 2, 2, 0});
  CHECK(r.linkMaxPairsLost == 4);
  CHECK(r.linkTotalPairsLost == 10);
  CHECK(r.nodeTotalPairsLost == 4);
}

TEST_CASE("a cycle has no bridge, two parallel links are never a bridge", "[twin]") {
  const N1Report cycle = AnalyzeN1(Graph::FromEdges(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}));
  CHECK(cycle.bridges.empty());
  CHECK(cycle.articulations.empty());
  CHECK(cycle.linkTotalPairsLost == 0);
  const N1Report parallel = AnalyzeN1(Graph::FromEdges(3, {{0, 1}, {0, 1}, {1, 2}}));
  CHECK(parallel.bridges.size() == 1);
  CHECK(parallel.linkPairsLost == std::vector<std::uint64_t>{0, 0, 2});
}

TEST_CASE("two triangles joined by one link, a self-loop and an isolated node", "[twin]") {
  // {0,1,2} - 2-3 - {3,4,5}, node 6 alone, a self-loop on 4.
  const Graph g = Graph::FromEdges(7, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 3}, {4, 4}});
  const N1Report r = AnalyzeN1(g);
  CHECK(r.links == 7);
  CHECK(r.selfLoops == 1);
  CHECK(r.components == 2);
  CHECK(r.largestComponent == 6);
  CHECK(SortedBridgePairs(g, r) == std::vector<std::uint32_t>{2003});
  CHECK(r.linkPairsLost[3] == 9);
  CHECK(r.articulations == std::vector<std::uint32_t>{2, 3});
  // Removing 2: {0,1} and {3,4,5} among the 5 others: 10 pairs before, 1 + 3 after.
  CHECK(r.nodePairsLost[2] == 6);
  CHECK(r.nodePairsLost[6] == 0);
}

TEST_CASE("the one-pass N-1 agrees with one search per failure on random graphs", "[twin]") {
  std::mt19937 engine(12345);
  auto rng = [&] { return static_cast<std::uint32_t>(engine()); };
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 1 + rng() % 30;
    const std::uint32_t m = rng() % (2 * n + 1);
    Edges edges;
    for (std::uint32_t i = 0; i < m; ++i) edges.emplace_back(rng() % n, rng() % n);  // loops and parallels too
    const Graph g = Graph::FromEdges(n, edges);
    const N1Report fast = AnalyzeN1(g);
    const NaiveN1 slow = NaiveN1BySearch(g);
    INFO("round " << round);
    REQUIRE(fast.linkPairsLost == slow.linkPairsLost);
    REQUIRE(fast.nodePairsLost == slow.nodePairsLost);
    for (std::uint32_t v = 0; v < n; ++v) {
      const bool ap = std::binary_search(fast.articulations.begin(), fast.articulations.end(), v);
      REQUIRE(ap == (fast.nodePairsLost[v] > 0));
    }
  }
}

TEST_CASE("reach of the core: what each failure cuts off, weighted", "[twin]") {
  // Core nodes 0 and 1 (joined); 2 dual-homed to both; 3 hangs from 2; 4 from 3.
  const Graph g = Graph::FromEdges(5, {{0, 1}, {2, 0}, {2, 1}, {3, 2}, {4, 3}});
  std::vector<SiteLoss> w(5);
  for (std::uint32_t v = 0; v < 5; ++v) {
    w[v].sites = 1;
    w[v].endpoints = v;  // node v has v endpoints
    w[v].byPriority[v < 2 ? 0 : 3] = 1;
  }
  const CoreReport r = AnalyzeCoreReach(g, {0, 1}, w, std::vector<bool>(5, true));
  CHECK(r.alreadyCut.sites == 0);
  CHECK(r.linkLoss[0].sites == 0);  // core-core
  CHECK(r.linkLoss[1].sites == 0);  // one of two uplinks
  CHECK(r.linkLoss[3].sites == 2);  // 3-2 cuts 3 and 4
  CHECK(r.linkLoss[3].endpoints == 7);
  CHECK(r.linkLoss[4].sites == 1);
  CHECK(r.nodeLoss[0].sites == 1);  // a core node alone: only itself
  CHECK(r.nodeLoss[2].sites == 3);  // itself, 3 and 4
  CHECK(r.nodeLoss[2].endpoints == 9);
  CHECK(r.nodeLoss[2].byPriority[3] == 3);
}

TEST_CASE("shared-risk groups: pairs and core reach lost when a whole group fails", "[twin]") {
  // Core 0; 1 dual-homed to 0 by links 0 and 1; 2 hangs from 1 (link 2); a cycle 2-3-4-2 (links 3,4,5).
  const Graph g = Graph::FromEdges(5, {{1, 0}, {1, 0}, {2, 1}, {2, 3}, {3, 4}, {4, 2}});
  std::vector<SiteLoss> w(5);
  for (auto& x : w) x.sites = 1;
  // Group A: both uplinks of 1 (a shared duct); B: one uplink; C: two links of the cycle.
  const SrgReport r = AnalyzeSrgs(g, {{0, 1}, {0}, {3, 5}}, {0}, w);
  CHECK(r.coreLoss[0].sites == 4);
  CHECK(r.pairsLost[0] == 4);  // 0 with each of 1..4
  CHECK(r.coreLoss[1].sites == 0);
  CHECK(r.pairsLost[1] == 0);
  CHECK(r.coreLoss[2].sites == 2);  // 2-3 and 4-2 gone: 3 and 4 hang together, cut off
  CHECK(r.pairsLost[2] == 6);       // {3,4} apart from {0,1,2}: 2 x 3
}

TEST_CASE("shortest paths by delay and by hops", "[twin]") {
  // 0-1-2 is the fewest hops; 0-3-4-2 is faster once 0-1-2 is slow.
  const Graph g = Graph::FromEdges(5, {{0, 1}, {1, 2}, {0, 3}, {3, 4}, {4, 2}});
  const Path hops = ShortestPath(g, 0, 2, PathMetric::Hops);
  CHECK(hops.nodes == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(hops.edges == std::vector<std::uint32_t>{0, 1});
  // Build the same graph from a twin with delays: the 0-1-2 links are long.
  Twin t;
  for (int i = 0; i < 5; ++i) {
    Site s;
    s.id = "n" + std::to_string(i);
    t.AddSite(s);
  }
  const std::pair<int, int> links[] = {{0, 1}, {1, 2}, {0, 3}, {3, 4}, {4, 2}};
  const double delays[] = {10, 10, 1, 1, 1};
  for (int i = 0; i < 5; ++i) {
    Link l;
    l.a = NodeId(static_cast<std::uint32_t>(links[i].first));
    l.b = NodeId(static_cast<std::uint32_t>(links[i].second));
    l.capacityMbps = 100;
    l.delayMs = delays[i];
    t.AddLink(l);
  }
  const Path fast = ShortestPath(Graph::FromTwin(t), 0, 2, PathMetric::Delay);
  CHECK(fast.nodes == std::vector<std::uint32_t>{0, 3, 4, 2});
  CHECK(fast.delayMs == 3.0);
  const Path none = ShortestPath(Graph::FromEdges(3, {{0, 1}}), 0, 2, PathMetric::Hops);
  CHECK_FALSE(none.Found());
}

TEST_CASE("analysis of the three GraphML topologies matches an independent oracle", "[twin]") {
  // Expected values from tests/tools/graphml_oracle.py (networkx, one search per failure).
  struct Expected {
    const char* file;
    std::uint32_t nodes, links, bridges, articulations;
    std::uint64_t linkMax, linkTotal, nodeMax, nodeTotal;
  };
  const Expected cases[] = {
      {"Vinaren.graphml", 25, 26, 20, 8, 156, 656, 177, 665},
      {"Abilene.graphml", 11, 14, 0, 0, 0, 0, 0, 0},
      {"Geant2012.graphml", 40, 61, 8, 8, 39, 312, 108, 411},
  };
  for (const Expected& e : cases) {
    INFO(e.file);
    Diagnostics diags;
    ImportReport report;
    auto t = ImportGraphml(netdrill::test::DataFile(e.file), GraphmlOptions{}, diags, report);
    REQUIRE(t.has_value());
    const TwinAnalysis a = AnalyzeTwin(*t);
    CHECK(a.n1.nodes == e.nodes);
    CHECK(a.n1.links == e.links);
    CHECK(a.n1.components == 1);
    CHECK(a.n1.bridges.size() == e.bridges);
    CHECK(a.n1.articulations.size() == e.articulations);
    CHECK(a.n1.linkMaxPairsLost == e.linkMax);
    CHECK(a.n1.linkTotalPairsLost == e.linkTotal);
    CHECK(a.n1.nodeMaxPairsLost == e.nodeMax);
    CHECK(a.n1.nodeTotalPairsLost == e.nodeTotal);
  }
}

TEST_CASE("the national twin's N-1 agrees with the naive baseline", "[twin][slow]") {
  const Twin& t = netdrill::test::Preset("province-2024:01");
  const Graph g = Graph::FromTwin(t);
  const N1Report fast = AnalyzeN1(g);
  const NaiveN1 slow = NaiveN1BySearch(g);
  CHECK(fast.linkPairsLost == slow.linkPairsLost);
  CHECK(fast.nodePairsLost == slow.nodePairsLost);
}

TEST_CASE("standby backups count only when asked: a 4G-backed commune survives its fibre cut", "[twin]") {
  const Twin& t = netdrill::test::Preset("tiny");
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
  REQUIRE(fibre.IsValid());
  const TwinAnalysis inService = AnalyzeTwin(t);
  GraphOptions withBackup;
  withBackup.includeStandby = true;
  const TwinAnalysis all = AnalyzeTwin(t, withBackup);
  CHECK(all.n1.links == inService.n1.links + 1);
  CHECK(inService.core.linkLoss[static_cast<std::size_t>(inService.graph.EdgeOfLink(fibre))].sites == 1);
  CHECK(all.core.linkLoss[static_cast<std::size_t>(all.graph.EdgeOfLink(fibre))].sites == 0);
  CHECK(all.n1.bridges.size() < inService.n1.bridges.size());
}
