#include "test-support.h"
#include "twin/address-plan.h"
#include "twin/analysis.h"
#include "twin/routing.h"
#include "twin/shortest-path.h"

#include <queue>
#include <random>
#include <set>

using namespace netdrill::twin;
using netdrill::test::Preset;

namespace {

// The cost of the path the tables forward along.
std::uint64_t TracedCost(const Twin& t, const std::vector<NodeId>& path, const RoutingTables& r) {
  std::uint64_t c = 0;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) c += LinkCost(t, LinkId(r.NextLink(path[i], path.back())));
  return c;
}

// The best cost over the links in service, by a plain Dijkstra on LinkCost.
std::vector<std::uint64_t> BestCosts(const Twin& t, const Graph& g, NodeId from) {
  std::vector<std::uint64_t> dist(g.NodeCount(), UINT64_MAX);
  using Item = std::pair<std::uint64_t, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
  dist[from.Index()] = 0;
  heap.emplace(0, from.Index());
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    for (const Graph::Arc* a = g.ArcsBegin(v); a != g.ArcsEnd(v); ++a) {
      const std::uint64_t nd = d + LinkCost(t, g.Edge(a->edge).link);
      if (nd < dist[a->to]) {
        dist[a->to] = nd;
        heap.emplace(nd, a->to);
      }
    }
  }
  return dist;
}

// The diamond of the tie tests: centre:d (node 0, the core) reaches province:01
// (node 3) at the same cost through x (node 1) and through y (node 2), and the
// two ways differ in where the cost sits: 0-1 3 ms + 1-3 1 ms, 0-2 1 ms + 2-3 3 ms.
// IGP costs 3010 + 1010 both ways. Links in this order: 0-1, 1-3, 0-2, 2-3.
Twin Diamond() {
  Twin t;
  auto site = [&t](const std::string& id, SiteLevel level, const std::string& province) {
    Site s;
    s.id = id;
    s.level = level;
    s.provinceCode = province;
    s.equipment.routers = 1;
    t.AddSite(s);
  };
  site("centre:d", SiteLevel::RegionalCentre, "");
  site("x", SiteLevel::Other, "");
  site("y", SiteLevel::Other, "");
  site("province:01", SiteLevel::Province, "01");
  const std::pair<std::uint32_t, std::uint32_t> ends[] = {{0, 1}, {1, 3}, {0, 2}, {2, 3}};
  const double delays[] = {3, 1, 1, 3};
  for (int i = 0; i < 4; ++i) {
    Link l;
    l.a = NodeId(ends[i].first);
    l.b = NodeId(ends[i].second);
    l.capacityMbps = 1000;
    l.delayMs = delays[i];
    t.AddLink(l);
  }
  return t;
}

// The routes' tie rule as routing.cc had it before the search moved to
// twin/shortest-path.h, kept verbatim as the reference: a min-heap of
// (distance, node), a strict < on relaxation.
void ReferenceTree(const Graph& g, const std::vector<std::uint64_t>& cost, std::uint32_t source,
                   std::vector<std::uint64_t>& dist, std::vector<std::uint32_t>& via) {
  dist.assign(g.NodeCount(), UINT64_MAX);
  via.assign(g.NodeCount(), ShortestPathSearch<std::uint64_t>::kNoEdge);
  using Item = std::pair<std::uint64_t, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
  dist[source] = 0;
  heap.emplace(0, source);
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    for (const Graph::Arc* a = g.ArcsBegin(v); a != g.ArcsEnd(v); ++a) {
      const std::uint64_t nd = d + cost[a->edge];
      if (nd < dist[a->to]) {
        dist[a->to] = nd;
        via[a->to] = a->edge;
        heap.emplace(nd, a->to);
      }
    }
  }
}

}  // namespace

TEST_CASE("the shortest-path search breaks ties by its documented rule", "[twin]") {
  using Search = ShortestPathSearch<std::uint64_t>;
  Search search;
  SECTION("the predecessor settled first wins: nearer the source, though its index is higher") {
    // 0-1 3, 1-3 1, 0-2 1, 2-3 3: node 3 costs 4 both ways; 2 is settled at 1, 1 only at 3.
    const Graph g = Graph::FromEdges(4, {{0, 1}, {1, 3}, {0, 2}, {2, 3}});
    const std::vector<std::uint64_t> cost{3, 1, 1, 3};
    search.Run(g, 0, [&](std::uint32_t e) { return cost[e]; });
    CHECK(search.Dist(3) == 4);
    CHECK(search.Via(3) == 3);
    CHECK(search.Parent(g, 3) == 2);
    // From 3 the other way round: 1 is nearer 3, so node 0 comes through 1.
    search.Run(g, 3, [&](std::uint32_t e) { return cost[e]; });
    CHECK(search.Parent(g, 0) == 1);
    CHECK(search.Via(0) == 0);
  }
  SECTION("at equal distance, the lower node index, not the lower edge index") {
    // 2 and 1 both at 1 from 0 (0-2 is edge 0); 3 at 2 through either: 1 is settled first.
    const Graph g = Graph::FromEdges(4, {{0, 2}, {0, 1}, {2, 3}, {1, 3}});
    search.Run(g, 0, [](std::uint32_t) { return std::uint64_t{1}; });
    CHECK(search.Parent(g, 3) == 1);
    CHECK(search.Via(3) == 3);
  }
  SECTION("between parallel links, the cheaper, then the lower edge index") {
    const Graph g = Graph::FromEdges(2, {{0, 1}, {1, 0}, {0, 1}});
    const std::vector<std::uint64_t> cost{2, 1, 1};
    search.Run(g, 0, [&](std::uint32_t e) { return cost[e]; });
    CHECK(search.Via(1) == 1);
    CHECK(search.Via(0) == Search::kNoEdge);  // a source
  }
  SECTION("several sources, a source listed twice, arcs left out, an early stop, and a reused workspace") {
    const Graph g = Graph::FromEdges(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
    auto unit = [](std::uint32_t) { return std::uint64_t{1}; };
    search.Run(g, std::vector<std::uint32_t>{4, 0, 4}, unit);
    CHECK(search.Dist(2) == 2);
    CHECK(search.Parent(g, 2) == 1);  // 1 and 3 both at 1: the lower index
    CHECK(search.Parent(g, 3) == 4);
    search.Run(g, 0, unit, [](const Graph::Arc& a) { return a.edge != 2; });
    CHECK(search.Reached(2));
    CHECK_FALSE(search.Reached(3));  // its only way in is left out; the last search's state is gone
    CHECK(search.Dist(4) == Search::kUnreached);
    std::vector<std::uint32_t> settled;
    search.Run(g, 0, unit, AdmitEveryArc(), [&](std::uint32_t v, std::uint64_t) {
      settled.push_back(v);
      return v == 1;
    });
    CHECK(settled == std::vector<std::uint32_t>{0, 1});
    CHECK_FALSE(search.Reached(2));  // stopped before 1's arcs were relaxed
  }
  SECTION("on a real twin with many ties, the same trees as the routes' reference Dijkstra") {
    const Graph g = Graph::FromTwin(Preset("province-2024:44"));
    std::vector<std::uint64_t> cost(g.EdgeCount());
    for (std::uint32_t e = 0; e < g.EdgeCount(); ++e) cost[e] = 1 + (e * 7919u) % 3;  // costs 1 to 3: ties everywhere
    std::vector<std::uint64_t> dist;
    std::vector<std::uint32_t> via;
    for (std::uint32_t from = 0; from < g.NodeCount(); from += 5) {
      ReferenceTree(g, cost, from, dist, via);
      search.Run(g, from, [&](std::uint32_t e) { return cost[e]; });
      for (std::uint32_t v = 0; v < g.NodeCount(); ++v) {
        REQUIRE(search.Dist(v) == dist[v]);
        REQUIRE(search.Via(v) == via[v]);
      }
    }
  }
}

TEST_CASE("an equal-cost tie goes the same way in the routes, the search and the analysis's shortest path", "[twin]") {
  const Twin t = Diamond();
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  const Graph g = Graph::FromTwin(t);
  const RoutingTables r = RoutingTables::Compute(t, *plan, g);
  REQUIRE(LinkCost(t, LinkId(0)) + LinkCost(t, LinkId(1)) == LinkCost(t, LinkId(2)) + LinkCost(t, LinkId(3)));
  const NodeId d(0), x(1), y(2), p(3);
  // Toward centre:d, province:01's next hop is the one nearer centre:d: y (1 ms away), not x (3 ms), though x < y.
  CHECK(r.NextLink(p, d) == 3);
  CHECK(r.Trace(t, p, d) == std::vector<NodeId>{p, y, d});
  // Toward province:01, centre:d's next hop is the one nearer province:01: x.
  CHECK(r.NextLink(d, p) == 0);
  CHECK(r.Trace(t, d, p) == std::vector<NodeId>{d, x, p});
  // The search itself, from each end (a route toward a destination is its tree read backwards).
  ShortestPathSearch<std::uint64_t> search;
  search.Run(g, 0, [&](std::uint32_t e) { return LinkCost(t, g.Edge(e).link); });
  CHECK(search.Parent(g, 3) == 2);
  search.Run(g, 3, [&](std::uint32_t e) { return LinkCost(t, g.Edge(e).link); });
  CHECK(search.Parent(g, 0) == 1);
  // The analysis by delay (4 ms both ways): the same trees.
  const Path fromD = ShortestPath(g, 0, 3, PathMetric::Delay);
  CHECK(fromD.nodes == std::vector<std::uint32_t>{0, 2, 3});
  CHECK(fromD.delayMs == 4.0);
  CHECK(ShortestPath(g, 3, 0, PathMetric::Delay).nodes == std::vector<std::uint32_t>{3, 1, 0});
  // By hops, x and y are both one hop from centre:d: the lower index, x.
  CHECK(ShortestPath(g, 0, 3, PathMetric::Hops).nodes == std::vector<std::uint32_t>{0, 1, 3});
}

TEST_CASE("the address plan gives every router and link end its own address, by area", "[twin]") {
  const Twin& t = Preset("national-2024");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  CHECK(plan->AreaCount() == 64);  // the core and 63 provinces
  std::set<Ipv4> seen;
  for (std::uint32_t n = 0; n < t.Nodes().size(); ++n) {
    const NodeId id(n);
    const Ipv4 a = plan->Loopback(id);
    CHECK(seen.insert(a).second);
    CHECK(plan->NodeOfAddress(a) == id);
    CHECK(plan->AreaPrefix(plan->AreaOf(id)).Contains(a));
  }
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const LinkId id(l);
    for (bool aEnd : {true, false}) {
      const Ipv4 a = plan->InterfaceAddress(id, aEnd);
      CHECK(seen.insert(a).second);
      CHECK(plan->NodeOfAddress(a) == (aEnd ? t.GetLink(id).a : t.GetLink(id).b));
    }
  }
  // A province's routers all sit in its block: one route covers them.
  const NodeId hanoi = t.FirstNode(t.FindSite("province:01"));
  const NodeId phucXa = t.FirstNode(t.FindSite("commune:00001"));
  CHECK(plan->AreaOf(hanoi) == plan->AreaOf(phucXa));
  CHECK(FormatPrefix(plan->AreaPrefix(plan->AreaOf(hanoi))).rfind("10.0.", 0) == 0);
}

TEST_CASE("routes follow the cheapest path and every router reaches every other", "[twin]") {
  const Twin& t = Preset("province-2024:44");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  const Graph g = Graph::FromTwin(t);
  const RoutingTables r = RoutingTables::Compute(t, *plan, g);
  const std::uint32_t n = g.NodeCount();
  for (std::uint32_t from = 0; from < n; from += 7) {
    const auto best = BestCosts(t, g, NodeId(from));
    for (std::uint32_t to = 0; to < n; ++to) {
      if (to == from) continue;
      const auto path = r.Trace(t, NodeId(from), NodeId(to));
      INFO(t.Nodes()[from].id << " -> " << t.Nodes()[to].id);
      REQUIRE(path.back() == NodeId(to));
      CHECK(TracedCost(t, path, r) == best[to]);
    }
  }
}

TEST_CASE("after a failure only the touched areas are recomputed, and routes go around it", "[twin]") {
  Twin t = Preset("national-2024");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  RoutingTables r = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  const NodeId core = t.CoreNodes().front();
  const NodeId province = t.FirstNode(t.FindSite("province:02"));
  const NodeId commune = t.FirstNode(t.FindSite("commune:00688"));
  REQUIRE(r.Reaches(t, commune, core));
  // While both uplinks are up, traffic to every core router takes the primary.
  for (NodeId c : t.CoreNodes()) {
    const LinkId first(r.NextLink(province, c));
    REQUIRE(first.IsValid());
    CHECK(t.GetSrg(t.GetLink(first).srgs.front()).id == "route:02-primary");
  }
  // Cut the province's primary uplink: it goes out by the secondary.
  const LinkId primary = r.NextLink(province, core) == RoutingTables::kNoRoute ? LinkId()
                                                                              : LinkId(r.NextLink(province, core));
  REQUIRE(primary.IsValid());
  t.GetLink(primary).state.status = Status::Down;
  const RoutingUpdateStats stats = r.Update(t, Graph::FromTwin(t), {primary});
  CHECK(stats.areasRecomputed == 2);  // the province's and the core's
  CHECK(stats.entriesChanged > 0);
  CHECK(r.Reaches(t, commune, core));
  CHECK(r.NextLink(province, core) != primary.Index());
  // Cut the commune's only fibre: it goes dark (its 4G backup stands by).
  const LinkId uplink(r.NextLink(commune, core));
  t.GetLink(uplink).state.status = Status::Down;
  r.Update(t, Graph::FromTwin(t), {uplink});
  CHECK_FALSE(r.Reaches(t, commune, core));
  CHECK_FALSE(r.Reaches(t, core, commune));
  CHECK(r.Reaches(t, province, core));
}

TEST_CASE("for every single link failure, the routes lose exactly the sites the analysis says", "[twin]") {
  for (const char* preset : {"province-2024:44", "province-2025:48"}) {
    INFO(preset);
    Twin t = Preset(preset);
    Diagnostics diags;
    auto plan = AddressPlan::Build(t, diags);
    REQUIRE(plan.has_value());
    const TwinAnalysis a = AnalyzeTwin(t);
    const NodeId core = t.CoreNodes().front();
    RoutingTables r = RoutingTables::Compute(t, *plan, a.graph);
    for (std::uint32_t e = 0; e < a.graph.EdgeCount(); ++e) {
      const LinkId link = a.graph.Edge(e).link;
      t.GetLink(link).state.status = Status::Down;
      r.Update(t, Graph::FromTwin(t), {link});
      std::int64_t unreachable = 0;
      for (std::uint32_t i = 0; i < t.Sites().size(); ++i) {
        unreachable += !r.Reaches(t, t.FirstNode(SiteId(i)), core) && t.FirstNode(SiteId(i)) != core;
      }
      INFO(t.GetLink(link).id);
      CHECK(unreachable == a.core.linkLoss[e].sites);
      t.GetLink(link).state.status = Status::Up;
      r.Update(t, Graph::FromTwin(t), {link});
    }
  }
}

TEST_CASE("incremental updates give the same tables as computing afresh", "[twin]") {
  Twin t = Preset("province-2024:44");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  RoutingTables incremental = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
  std::mt19937 engine(7);
  const auto links = static_cast<std::uint32_t>(t.Links().size());
  for (int step = 0; step < 40; ++step) {
    // Flip one to three links (down, up, or a new IGP cost), then compare every next hop.
    std::vector<LinkId> changed;
    for (std::uint32_t k = 0; k <= static_cast<std::uint32_t>(engine()) % 3; ++k) {
      const LinkId l(static_cast<std::uint32_t>(engine()) % links);
      Link& link = t.GetLink(l);
      if (engine() % 4 == 0) {
        link.cost = 1.0 + static_cast<double>(engine() % 5000);
      } else {
        link.state.status = link.state.IsDown() ? Status::Up : Status::Down;
      }
      changed.push_back(l);
    }
    incremental.Update(t, Graph::FromTwin(t), changed);
    const RoutingTables fresh = RoutingTables::Compute(t, *plan, Graph::FromTwin(t));
    INFO("step " << step);
    for (std::uint32_t a = 0; a < t.Nodes().size(); ++a) {
      for (std::uint32_t b = 0; b < t.Nodes().size(); ++b) {
        REQUIRE(incremental.NextLink(NodeId(a), NodeId(b)) == fresh.NextLink(NodeId(a), NodeId(b)));
      }
    }
  }
}

TEST_CASE("misconfigurations: a blackhole drops at one router, a route leak pulls an area's traffic away", "[twin]") {
  const Twin& t = Preset("tiny");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  const Graph g = Graph::FromTwin(t);
  RoutingTables r = RoutingTables::Compute(t, *plan, g);
  const NodeId core = t.CoreNodes().front();
  const NodeId hanoi = t.FirstNode(t.FindSite("province:01"));
  const NodeId commune02 = t.FirstNode(t.FindSite("commune:00712"));
  const std::uint32_t area02 = plan->AreaOf(commune02);
  REQUIRE(r.Reaches(t, core, commune02));
  // A static route to nowhere on the core router for province 02's block.
  r.SetBlackhole(core, area02, true);
  CHECK_FALSE(r.Reaches(t, core, commune02));
  CHECK(r.Reaches(t, commune02, core));  // the other way is untouched
  CHECK(r.Reaches(t, hanoi, commune02) == (r.Trace(t, hanoi, commune02)[1] != core));
  r.SetBlackhole(core, area02, false);
  CHECK(r.Reaches(t, core, commune02));
  // Hà Nội's province router announces province 02's block: the core sends it there, and it dies.
  r.SetLeak(g, hanoi, area02, true);
  CHECK_FALSE(r.Reaches(t, core, commune02));
  const auto path = r.Trace(t, core, commune02);
  CHECK(path.back() == hanoi);
  r.SetLeak(g, hanoi, area02, false);
  CHECK(r.Reaches(t, core, commune02));
}

TEST_CASE("misconfigurations: a leaked more-specific prefix wins wherever it reaches, whatever the cost", "[twin]") {
  const Twin& t = Preset("tiny");
  Diagnostics diags;
  auto plan = AddressPlan::Build(t, diags);
  REQUIRE(plan.has_value());
  const Graph g = Graph::FromTwin(t);
  RoutingTables r = RoutingTables::Compute(t, *plan, g);
  const NodeId province02 = t.FirstNode(t.FindSite("province:02"));
  const NodeId commune02 = t.FirstNode(t.FindSite("commune:00712"));
  const std::uint32_t area02 = plan->AreaOf(commune02);
  // Worked out by hand on tiny: centre:01/r2 is one hop from province 02 and five from
  // Phúc Xá (commune:00001, in Hà Nội). By cost alone a leak at Phúc Xá would pull
  // nothing (every router is nearer province 02); as a more-specific prefix it pulls all.
  const NodeId centre01r2 = t.FindNode("centre:01/r2");
  const NodeId leaker = t.FirstNode(t.FindSite("commune:00001"));
  REQUIRE(r.Trace(t, centre01r2, commune02).size() == 4);  // r2, province 02, district 026, the commune
  r.SetLeak(g, leaker, area02, true);
  for (std::uint32_t v = 0; v < t.Nodes().size(); ++v) {
    const NodeId from(v);
    INFO(t.GetNode(from).id);
    if (plan->AreaOf(from) == area02) {
      CHECK(r.Reaches(t, from, commune02));  // inside the area, its routers' own routes are longer matches
    } else {
      CHECK(r.Trace(t, from, commune02).back() == leaker);
      CHECK_FALSE(r.Reaches(t, from, province02));
    }
  }
  CHECK(r.Trace(t, centre01r2, commune02) ==
        std::vector<NodeId>{centre01r2, t.FindNode("centre:01/r1"), t.FirstNode(t.FindSite("province:01")),
                            t.FirstNode(t.FindSite("district:001")), leaker});
  r.SetLeak(g, leaker, area02, false);
  CHECK(r.Trace(t, centre01r2, commune02).size() == 4);
}
