#include "routing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace netdrill::twin {
namespace {

constexpr std::uint64_t kInfinity = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kHopCostUs = 10;
static_assert(ShortestPathSearch<std::uint64_t>::kUnreached == kInfinity, "unreached keeps the tables' infinity");

}  // namespace

std::uint64_t ImpliedLinkCost(const Twin& twin, LinkId link) {
  // The nominal delay: an IGP cost is configured, it does not follow degradation.
  const double delayUs = twin.DelayMs(link) * 1000.0;
  return static_cast<std::uint64_t>(std::llround(delayUs)) + kHopCostUs;
}

std::uint64_t LinkCost(const Twin& twin, LinkId link) {
  const Link& l = twin.GetLink(link);
  if (l.cost) return static_cast<std::uint64_t>(std::llround(std::max(1.0, *l.cost)));
  return ImpliedLinkCost(twin, link);
}

void RoutingTables::ComputeCosts(const Twin& twin, const Graph& graph) {
  m_edgeCost.resize(graph.EdgeCount());
  for (std::uint32_t e = 0; e < graph.EdgeCount(); ++e) m_edgeCost[e] = LinkCost(twin, graph.Edge(e).link);
}

std::uint64_t RoutingTables::ComputeIntra(const Graph& graph, std::uint32_t area, IgpSearch& search) {
  const auto& nodes = m_plan->AreaNodes(area);
  const std::size_t n = nodes.size();
  std::vector<std::uint32_t> table(n * n, kNoRoute);
  auto cost = [this](std::uint32_t e) { return m_edgeCost[e]; };
  auto inArea = [this, area](const Graph::Arc& a) { return m_plan->AreaOf(NodeId(a.to)) == area; };
  for (std::size_t d = 0; d < n; ++d) {
    // The tree toward destination d: each router's via is its next hop (ties: twin/shortest-path.h).
    search.Run(graph, nodes[d].Index(), cost, inArea);
    for (std::size_t s = 0; s < n; ++s) {
      const std::uint32_t e = search.Via(nodes[s].Index());
      if (e != IgpSearch::kNoEdge) table[d * n + s] = graph.Edge(e).link.Index();
    }
  }
  std::uint64_t changed = 0;
  auto& old = m_intra[area];
  for (std::size_t i = 0; i < table.size(); ++i) changed += old.size() != table.size() || old[i] != table[i];
  old = std::move(table);
  return changed;
}

std::uint32_t RoutingTables::WideTreeCount() const {
  return static_cast<std::uint32_t>(m_plan->AreaCount() + m_toCore.size());
}

std::vector<std::uint32_t>& RoutingTables::WideTable(std::uint32_t tree) {
  return tree < m_plan->AreaCount() ? m_inter[tree] : m_toCore[tree - m_plan->AreaCount()];
}

std::uint64_t RoutingTables::ComputeWideTree(const Graph& graph, std::uint32_t tree, IgpSearch& search) {
  // Tree 0 would be "toward the core area": the core routers have trees of their own instead.
  if (tree == AddressPlan::kCoreArea) return 0;
  const bool toArea = tree < m_plan->AreaCount();
  std::vector<std::uint32_t> sources;
  std::vector<std::uint32_t> leakers;
  if (toArea) {
    for (NodeId n : m_plan->AreaNodes(tree)) sources.push_back(n.Index());
    for (const auto& [node, area] : m_leaks) {
      if (area == tree) leakers.push_back(node.Index());
    }
  } else {
    sources.push_back(m_plan->AreaNodes(AddressPlan::kCoreArea)[tree - m_plan->AreaCount()].Index());
  }
  const std::uint32_t skipArea = toArea ? tree : AddressPlan::kCoreArea;
  const auto cost = [this](std::uint32_t e) { return m_edgeCost[e]; };
  // A leak announces a more-specific prefix of the area's block: wherever it propagates
  // (every router connected to the leaker) it wins by longest-prefix match, whatever the
  // cost of the true route; the routers it cannot reach keep the area's own route.
  std::vector<std::uint64_t> leakDist;
  std::vector<std::uint32_t> leakVia;
  if (!leakers.empty()) {
    search.Run(graph, leakers, cost);
    leakDist.resize(graph.NodeCount());
    leakVia.resize(graph.NodeCount());
    for (std::uint32_t v = 0; v < graph.NodeCount(); ++v) {
      leakDist[v] = search.Dist(v);
      leakVia[v] = search.Via(v);
    }
  }
  search.Run(graph, sources, cost);
  std::vector<std::uint64_t>& dist = m_wideDist[tree];
  dist.resize(graph.NodeCount());
  std::vector<std::uint32_t>& table = WideTable(tree);
  std::uint64_t changed = 0;
  table.resize(graph.NodeCount(), kNoRoute);
  for (std::uint32_t v = 0; v < graph.NodeCount(); ++v) {
    const bool leaked = !leakDist.empty() && leakDist[v] != kInfinity && m_plan->AreaOf(NodeId(v)) != skipArea;
    dist[v] = leaked ? leakDist[v] : search.Dist(v);
    const std::uint32_t via = leaked ? leakVia[v] : search.Via(v);
    const std::uint32_t next = via != IgpSearch::kNoEdge && m_plan->AreaOf(NodeId(v)) != skipArea
                                   ? graph.Edge(via).link.Index()
                                   : kNoRoute;
    changed += table[v] != next;
    table[v] = next;
  }
  return changed;
}

bool RoutingTables::WideTreeTouched(const Twin& twin, std::uint32_t tree, const std::vector<LinkId>& changed) const {
  const std::vector<std::uint64_t>& dist = m_wideDist[tree];
  const std::vector<std::uint32_t>& table =
      tree < m_plan->AreaCount() ? m_inter[tree] : m_toCore[tree - m_plan->AreaCount()];
  for (LinkId l : changed) {
    const Link& link = twin.GetLink(l);
    const std::uint32_t a = link.a.Index();
    const std::uint32_t b = link.b.Index();
    // A tree loses a link it uses: some router's next link toward the root is this one.
    if (table[a] == l.Index() || table[b] == l.Index()) return true;
    // A link that comes up or gets cheaper helps a tree if it shortens a way to the root.
    const std::uint64_t c = LinkCost(twin, l);
    if (dist[a] != kInfinity && (dist[b] == kInfinity || dist[a] + c < dist[b])) return true;
    if (dist[b] != kInfinity && (dist[a] == kInfinity || dist[b] + c < dist[a])) return true;
  }
  return false;
}

RoutingTables RoutingTables::Compute(const Twin& twin, const AddressPlan& plan, const Graph& graph) {
  RoutingTables t;
  t.m_plan = &plan;
  t.m_intra.resize(plan.AreaCount());
  t.m_inter.resize(plan.AreaCount());
  t.m_toCore.resize(plan.AreaNodes(AddressPlan::kCoreArea).size());
  t.m_wideDist.resize(t.WideTreeCount());
  t.ComputeCosts(twin, graph);
  IgpSearch search(graph.NodeCount());
  for (std::uint32_t a = 0; a < plan.AreaCount(); ++a) t.ComputeIntra(graph, a, search);
  for (std::uint32_t tree = 1; tree < t.WideTreeCount(); ++tree) t.ComputeWideTree(graph, tree, search);
  return t;
}

RoutingUpdateStats RoutingTables::Update(const Twin& twin, const Graph& graph, const std::vector<LinkId>& changed) {
  RoutingUpdateStats stats;
  ComputeCosts(twin, graph);
  std::set<std::uint32_t> areas;
  for (LinkId l : changed) {
    areas.insert(m_plan->AreaOf(twin.GetLink(l).a));
    areas.insert(m_plan->AreaOf(twin.GetLink(l).b));
  }
  IgpSearch search(graph.NodeCount());
  for (std::uint32_t a : areas) stats.entriesChanged += ComputeIntra(graph, a, search);
  stats.areasRecomputed = static_cast<std::uint32_t>(areas.size());
  // The routes that span the country: only the trees the change can touch.
  for (std::uint32_t tree = 1; tree < WideTreeCount(); ++tree) {
    if (!WideTreeTouched(twin, tree, changed)) continue;
    stats.entriesChanged += ComputeWideTree(graph, tree, search);
    ++stats.treesRecomputed;
  }
  return stats;
}

void RoutingTables::SetBlackhole(NodeId at, std::uint32_t area, bool on) {
  const auto entry = std::make_pair(at, area);
  m_blackholes.erase(std::remove(m_blackholes.begin(), m_blackholes.end(), entry), m_blackholes.end());
  if (on) m_blackholes.push_back(entry);
}

void RoutingTables::SetLeak(const Graph& graph, NodeId at, std::uint32_t area, bool on) {
  const auto entry = std::make_pair(at, area);
  m_leaks.erase(std::remove(m_leaks.begin(), m_leaks.end(), entry), m_leaks.end());
  if (on) m_leaks.push_back(entry);
  if (area != AddressPlan::kCoreArea) {
    IgpSearch search(graph.NodeCount());
    ComputeWideTree(graph, area, search);
  }
}

std::uint32_t RoutingTables::NextLink(NodeId from, NodeId to) const {
  if (from == to) return kNoRoute;
  const std::uint32_t area = m_plan->AreaOf(to);
  for (const auto& [node, dropped] : m_blackholes) {
    if (node == from && dropped == area) return kNoRoute;
  }
  if (m_plan->AreaOf(from) == area) {
    const std::size_t n = m_plan->AreaNodes(area).size();
    return m_intra[area][m_plan->LocalIndex(to) * n + m_plan->LocalIndex(from)];
  }
  if (area == AddressPlan::kCoreArea) return m_toCore[m_plan->LocalIndex(to)][from.Index()];
  return m_inter[area][from.Index()];
}

NodeId RoutingTables::NextNode(const Twin& twin, NodeId from, NodeId to) const {
  const std::uint32_t l = NextLink(from, to);
  if (l == kNoRoute) return NodeId();
  const Link& link = twin.GetLink(LinkId(l));
  return link.a == from ? link.b : link.a;
}

std::vector<NodeId> RoutingTables::Trace(const Twin& twin, NodeId from, NodeId to) const {
  std::vector<NodeId> path{from};
  std::vector<bool> seen(twin.Nodes().size(), false);
  seen[from.Index()] = true;
  for (NodeId cur = from; cur != to;) {
    const NodeId next = NextNode(twin, cur, to);
    if (!next.IsValid() || seen[next.Index()]) break;
    seen[next.Index()] = true;
    path.push_back(next);
    cur = next;
  }
  return path;
}

bool RoutingTables::Reaches(const Twin& twin, NodeId from, NodeId to) const {
  const auto path = Trace(twin, from, to);
  return path.back() == to;
}

std::uint64_t RoutingTables::EntryCount() const {
  std::uint64_t n = 0;
  for (std::uint32_t a = 0; a < m_intra.size(); ++a) {
    const std::uint64_t inside = m_plan->AreaNodes(a).size();
    const std::uint64_t areas = m_intra.size();
    n += inside * (inside - (inside ? 1 : 0));  // every router of its own area
    // Outside the core: each other province's block and each core router; in the core: each province's block.
    n += a == AddressPlan::kCoreArea ? inside * (areas - 1) : inside * ((areas - 2) + m_toCore.size());
  }
  return n;
}

}  // namespace netdrill::twin
