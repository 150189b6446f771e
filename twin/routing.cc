#include "routing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <set>

namespace netdrill::twin {
namespace {

constexpr std::uint64_t kInfinity = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::uint64_t kHopCostUs = 10;

/// Dijkstra from `sources` over the nodes `allowed` admits; for each node reached,
/// the graph edge it was reached by (the first hop of its path back to a source).
/// Ties go to the smaller node index, so the result is deterministic. `dist` and
/// `via` span the graph and must come in cleared; `touched` lists what this search
/// set, so the caller clears only that (an area's search must not cost the country).
template <class Allowed>
void ShortestTree(const Graph& g, const std::vector<std::uint64_t>& cost, const std::vector<std::uint32_t>& sources,
                  Allowed allowed, std::vector<std::uint64_t>& dist, std::vector<std::uint32_t>& via,
                  std::vector<std::uint32_t>& touched) {
  touched.clear();
  using Item = std::pair<std::uint64_t, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
  for (std::uint32_t s : sources) {
    dist[s] = 0;
    touched.push_back(s);
    heap.emplace(0, s);
  }
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > dist[v]) continue;
    for (const Graph::Arc* a = g.ArcsBegin(v); a != g.ArcsEnd(v); ++a) {
      if (!allowed(a->to)) continue;
      const std::uint64_t nd = d + cost[a->edge];
      if (nd < dist[a->to]) {
        if (dist[a->to] == kInfinity) touched.push_back(a->to);
        dist[a->to] = nd;
        via[a->to] = a->edge;
        heap.emplace(nd, a->to);
      }
    }
  }
}

void Clear(std::vector<std::uint64_t>& dist, std::vector<std::uint32_t>& via, const std::vector<std::uint32_t>& touched) {
  for (std::uint32_t v : touched) {
    dist[v] = kInfinity;
    via[v] = kNone;
  }
}

}  // namespace

std::uint64_t LinkCost(const Twin& twin, LinkId link) {
  const Link& l = twin.GetLink(link);
  if (l.cost) return static_cast<std::uint64_t>(std::llround(std::max(1.0, *l.cost)));
  // The nominal delay: an IGP cost is configured, it does not follow degradation.
  const double delayUs = twin.DelayMs(link) * 1000.0;
  return static_cast<std::uint64_t>(std::llround(delayUs)) + kHopCostUs;
}

void RoutingTables::ComputeCosts(const Twin& twin, const Graph& graph) {
  m_edgeCost.resize(graph.EdgeCount());
  for (std::uint32_t e = 0; e < graph.EdgeCount(); ++e) m_edgeCost[e] = LinkCost(twin, graph.Edge(e).link);
}

std::uint64_t RoutingTables::ComputeIntra(const Graph& graph, std::uint32_t area) {
  const auto& nodes = m_plan->AreaNodes(area);
  const std::size_t n = nodes.size();
  std::vector<std::uint32_t> table(n * n, kNoRoute);
  std::vector<std::uint64_t> dist(graph.NodeCount(), kInfinity);
  std::vector<std::uint32_t> via(graph.NodeCount(), kNone);
  std::vector<std::uint32_t> touched;
  auto inArea = [&](std::uint32_t v) { return m_plan->AreaOf(NodeId(v)) == area; };
  for (std::size_t d = 0; d < n; ++d) {
    ShortestTree(graph, m_edgeCost, {nodes[d].Index()}, inArea, dist, via, touched);
    for (std::size_t s = 0; s < n; ++s) {
      const std::uint32_t e = via[nodes[s].Index()];
      if (e != kNone) table[d * n + s] = graph.Edge(e).link.Index();
    }
    Clear(dist, via, touched);
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

std::uint64_t RoutingTables::ComputeWideTree(const Graph& graph, std::uint32_t tree) {
  // Tree 0 would be "toward the core area": the core routers have trees of their own instead.
  if (tree == AddressPlan::kCoreArea) return 0;
  const bool toArea = tree < m_plan->AreaCount();
  std::vector<std::uint32_t> sources;
  if (toArea) {
    for (NodeId n : m_plan->AreaNodes(tree)) sources.push_back(n.Index());
    for (const auto& [node, area] : m_leaks) {
      if (area == tree) sources.push_back(node.Index());  // the leaker pulls the area's traffic to itself
    }
  } else {
    sources.push_back(m_plan->AreaNodes(AddressPlan::kCoreArea)[tree - m_plan->AreaCount()].Index());
  }
  const std::uint32_t skipArea = toArea ? tree : AddressPlan::kCoreArea;
  std::vector<std::uint64_t>& dist = m_wideDist[tree];
  dist.assign(graph.NodeCount(), kInfinity);
  m_treeLink.assign(graph.NodeCount(), kNone);
  std::vector<std::uint32_t> touched;
  ShortestTree(graph, m_edgeCost, sources, [](std::uint32_t) { return true; }, dist, m_treeLink, touched);
  std::vector<std::uint32_t>& table = WideTable(tree);
  std::uint64_t changed = 0;
  table.resize(graph.NodeCount(), kNoRoute);
  for (std::uint32_t v = 0; v < graph.NodeCount(); ++v) {
    const std::uint32_t next = m_treeLink[v] != kNone && m_plan->AreaOf(NodeId(v)) != skipArea
                                   ? graph.Edge(m_treeLink[v]).link.Index()
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
  for (std::uint32_t a = 0; a < plan.AreaCount(); ++a) t.ComputeIntra(graph, a);
  for (std::uint32_t tree = 1; tree < t.WideTreeCount(); ++tree) t.ComputeWideTree(graph, tree);
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
  for (std::uint32_t a : areas) stats.entriesChanged += ComputeIntra(graph, a);
  stats.areasRecomputed = static_cast<std::uint32_t>(areas.size());
  // The routes that span the country: only the trees the change can touch.
  for (std::uint32_t tree = 1; tree < WideTreeCount(); ++tree) {
    if (!WideTreeTouched(twin, tree, changed)) continue;
    stats.entriesChanged += ComputeWideTree(graph, tree);
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
  if (area != AddressPlan::kCoreArea) ComputeWideTree(graph, area);
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
