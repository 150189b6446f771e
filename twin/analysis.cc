#include "analysis.h"

#include "shortest-path.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace netdrill::twin {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

std::uint64_t Pairs(std::uint64_t k) { return k < 2 ? 0 : k * (k - 1) / 2; }

/// Depth-first search forest (iterative, so a 10,000-node chain does not
/// overflow the stack). A parallel link is a back edge: only the very edge a
/// node was reached by is skipped, so two links between a pair are never a bridge.
struct DfsForest {
  std::vector<std::int32_t> disc;
  std::vector<std::int32_t> low;
  std::vector<std::uint32_t> parent;
  std::vector<std::uint32_t> parentEdge;
  std::vector<std::uint32_t> order;  ///< preorder; reversed, children come before parents
  std::vector<std::uint32_t> roots;
};

DfsForest RunDfs(const Graph& g, const std::vector<std::uint32_t>& roots) {
  const std::uint32_t n = g.NodeCount();
  DfsForest f;
  f.disc.assign(n, -1);
  f.low.assign(n, 0);
  f.parent.assign(n, kNone);
  f.parentEdge.assign(n, kNone);
  f.order.reserve(n);
  std::vector<std::pair<std::uint32_t, const Graph::Arc*>> stack;
  std::int32_t time = 0;
  auto start = [&](std::uint32_t root) {
    if (f.disc[root] >= 0) return;
    f.roots.push_back(root);
    f.disc[root] = f.low[root] = time++;
    f.order.push_back(root);
    stack.emplace_back(root, g.ArcsBegin(root));
    while (!stack.empty()) {
      auto& [v, it] = stack.back();
      if (it != g.ArcsEnd(v)) {
        const Graph::Arc arc = *it++;
        if (arc.edge == f.parentEdge[v]) continue;
        if (f.disc[arc.to] < 0) {
          f.parent[arc.to] = v;
          f.parentEdge[arc.to] = arc.edge;
          f.disc[arc.to] = f.low[arc.to] = time++;
          f.order.push_back(arc.to);
          stack.emplace_back(arc.to, g.ArcsBegin(arc.to));
        } else {
          f.low[v] = std::min(f.low[v], f.disc[arc.to]);
        }
      } else {
        const std::uint32_t done = v;
        stack.pop_back();
        if (f.parent[done] != kNone) f.low[f.parent[done]] = std::min(f.low[f.parent[done]], f.low[done]);
      }
    }
  };
  if (roots.empty()) {
    for (std::uint32_t v = 0; v < n; ++v) start(v);
  } else {
    for (std::uint32_t r : roots) start(r);
  }
  return f;
}

// Union-find with path halving, for contracting what a group failure cannot cut.
struct UnionFind {
  std::vector<std::uint32_t> up;
  explicit UnionFind(std::uint32_t n) : up(n) { std::iota(up.begin(), up.end(), 0u); }
  std::uint32_t Find(std::uint32_t x) {
    while (up[x] != x) x = up[x] = up[up[x]];
    return x;
  }
  void Join(std::uint32_t a, std::uint32_t b) { up[Find(a)] = Find(b); }
};

}  // namespace

N1Report AnalyzeN1(const Graph& g) {
  const std::uint32_t n = g.NodeCount();
  N1Report r;
  r.nodes = n;
  r.links = g.EdgeCount();
  r.selfLoops = g.SelfLoops();
  const DfsForest f = RunDfs(g, {});

  std::vector<std::uint64_t> sub(n, 1);
  for (auto it = f.order.rbegin(); it != f.order.rend(); ++it) {
    if (f.parent[*it] != kNone) sub[f.parent[*it]] += sub[*it];
  }
  r.componentOf.assign(n, 0);
  std::vector<std::uint64_t> compSize;
  for (std::uint32_t v : f.order) {
    if (f.parent[v] == kNone) {
      compSize.push_back(sub[v]);
      r.componentOf[v] = static_cast<std::uint32_t>(compSize.size() - 1);
    } else {
      r.componentOf[v] = r.componentOf[f.parent[v]];
    }
  }
  r.components = static_cast<std::uint32_t>(compSize.size());
  r.largestComponent =
      compSize.empty() ? 0 : static_cast<std::uint32_t>(*std::max_element(compSize.begin(), compSize.end()));

  r.linkPairsLost.assign(g.EdgeCount(), 0);
  std::vector<std::uint64_t> pieceSum(n, 0), pieceSq(n, 0), separated(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t p = f.parent[v];
    if (p == kNone) continue;
    const std::uint64_t size = compSize[r.componentOf[v]];
    if (f.low[v] > f.disc[p]) {
      r.bridges.push_back(f.parentEdge[v]);
      r.linkPairsLost[f.parentEdge[v]] = sub[v] * (size - sub[v]);
    }
    if (f.low[v] >= f.disc[p]) {
      pieceSum[p] += sub[v];
      pieceSq[p] += Pairs(sub[v]);
      ++separated[p];
    }
  }
  std::sort(r.bridges.begin(), r.bridges.end());
  r.nodePairsLost.assign(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint64_t size = compSize[r.componentOf[v]];
    const std::uint64_t rest = size - 1 - pieceSum[v];
    r.nodePairsLost[v] = Pairs(size - 1) - pieceSq[v] - Pairs(rest);
    const bool isRoot = f.parent[v] == kNone;
    if (isRoot ? separated[v] >= 2 : separated[v] >= 1) r.articulations.push_back(v);
  }
  for (std::uint64_t x : r.linkPairsLost) {
    r.linkMaxPairsLost = std::max(r.linkMaxPairsLost, x);
    r.linkTotalPairsLost += x;
  }
  for (std::uint64_t x : r.nodePairsLost) {
    r.nodeMaxPairsLost = std::max(r.nodeMaxPairsLost, x);
    r.nodeTotalPairsLost += x;
  }
  return r;
}

namespace {

/// The graph plus a virtual root joined to every core node: a site keeps its
/// path to the core exactly when it stays connected to the virtual root.
Graph WithVirtualRoot(const Graph& g, const std::vector<std::uint32_t>& coreNodes) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(g.EdgeCount() + coreNodes.size());
  for (const GraphEdge& e : g.Edges()) edges.emplace_back(e.u, e.v);
  for (std::uint32_t c : coreNodes) edges.emplace_back(g.NodeCount(), c);
  return Graph::FromEdges(g.NodeCount() + 1, edges);
}

}  // namespace

CoreReport AnalyzeCoreReach(const Graph& g, const std::vector<std::uint32_t>& coreNodes,
                            const std::vector<SiteLoss>& weight, const std::vector<bool>& ownSite) {
  const std::uint32_t n = g.NodeCount();
  const Graph aug = WithVirtualRoot(g, coreNodes);
  const std::uint32_t root = n;
  const DfsForest f = RunDfs(aug, {root});
  CoreReport r;
  std::vector<SiteLoss> sub(n + 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (f.disc[v] < 0) {
      r.alreadyCut += weight[v];
    } else {
      sub[v] = weight[v];
    }
  }
  for (auto it = f.order.rbegin(); it != f.order.rend(); ++it) {
    if (f.parent[*it] != kNone) sub[f.parent[*it]] += sub[*it];
  }
  r.linkLoss.assign(g.EdgeCount(), SiteLoss{});
  r.nodeLoss.assign(n, SiteLoss{});
  for (std::uint32_t v = 0; v < n; ++v) {
    if (f.disc[v] < 0) continue;
    if (ownSite[v]) r.nodeLoss[v] += weight[v];
    const std::uint32_t p = f.parent[v];
    if (p == kNone || p == root) continue;
    if (f.low[v] > f.disc[p] && f.parentEdge[v] < g.EdgeCount()) r.linkLoss[f.parentEdge[v]] = sub[v];
    if (f.low[v] >= f.disc[p]) r.nodeLoss[p] += sub[v];
  }
  return r;
}

SrgReport AnalyzeSrgs(const Graph& g, const std::vector<std::vector<std::uint32_t>>& groupEdges,
                      const std::vector<std::uint32_t>& coreNodes, const std::vector<SiteLoss>& weight) {
  const std::uint32_t n = g.NodeCount();
  SrgReport r;
  r.pairsLost.assign(groupEdges.size(), 0);
  r.coreLoss.assign(groupEdges.size(), SiteLoss{});
  std::vector<char> inGroup(g.EdgeCount(), 0);
  for (const auto& edges : groupEdges) {
    for (std::uint32_t e : edges) inGroup[e] = 1;
  }
  // Two contractions: without the virtual root for pairs, with it for core reach.
  for (int pass = 0; pass < 2; ++pass) {
    const bool withRoot = pass == 1;
    if (withRoot && coreNodes.empty()) break;
    const std::uint32_t total = n + (withRoot ? 1 : 0);
    UnionFind uf(total);
    for (std::uint32_t e = 0; e < g.EdgeCount(); ++e) {
      if (!inGroup[e]) uf.Join(g.Edge(e).u, g.Edge(e).v);
    }
    if (withRoot) {
      for (std::uint32_t c : coreNodes) uf.Join(c, n);
    }
    std::vector<std::uint32_t> superOf(total, kNone);
    std::vector<std::uint64_t> count;
    std::vector<SiteLoss> w;
    for (std::uint32_t v = 0; v < total; ++v) {
      const std::uint32_t rootOfV = uf.Find(v);
      if (superOf[rootOfV] == kNone) {
        superOf[rootOfV] = static_cast<std::uint32_t>(count.size());
        count.push_back(0);
        w.emplace_back();
      }
      superOf[v] = superOf[rootOfV];
      if (v < n) {
        ++count[superOf[v]];
        w[superOf[v]] += weight[v];
      }
    }
    const auto supers = static_cast<std::uint32_t>(count.size());
    // The reduced graph: supernodes joined by the group links.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> redEdges;
    std::vector<std::uint32_t> redOfEdge(g.EdgeCount(), kNone);
    for (std::uint32_t e = 0; e < g.EdgeCount(); ++e) {
      if (!inGroup[e]) continue;
      const std::uint32_t a = superOf[g.Edge(e).u], b = superOf[g.Edge(e).v];
      if (a == b) continue;
      redOfEdge[e] = static_cast<std::uint32_t>(redEdges.size());
      redEdges.emplace_back(a, b);
    }
    const Graph red = Graph::FromEdges(supers, redEdges);
    std::vector<std::uint32_t> removedStamp(redEdges.size(), kNone);
    std::vector<std::uint32_t> comp(supers);
    auto label = [&](std::uint32_t stamp) {
      std::fill(comp.begin(), comp.end(), kNone);
      std::uint32_t next = 0;
      std::vector<std::uint32_t> queue;
      for (std::uint32_t s = 0; s < supers; ++s) {
        if (comp[s] != kNone) continue;
        comp[s] = next;
        queue.assign(1, s);
        for (std::size_t q = 0; q < queue.size(); ++q) {
          for (const Graph::Arc* a = red.ArcsBegin(queue[q]); a != red.ArcsEnd(queue[q]); ++a) {
            if (removedStamp[a->edge] == stamp || comp[a->to] != kNone) continue;
            comp[a->to] = next;
            queue.push_back(a->to);
          }
        }
        ++next;
      }
      return next;
    };
    auto pairsNow = [&](std::uint32_t comps) {
      std::vector<std::uint64_t> size(comps, 0);
      for (std::uint32_t s = 0; s < supers; ++s) size[comp[s]] += count[s];
      std::uint64_t p = 0;
      for (std::uint64_t k : size) p += Pairs(k);
      return p;
    };
    const std::uint32_t rootSuper = withRoot ? superOf[n] : kNone;
    const std::uint32_t baseComps = label(kNone - 1);
    const std::uint64_t basePairs = withRoot ? 0 : pairsNow(baseComps);
    std::vector<char> baseReach(supers, 0);
    if (withRoot) {
      for (std::uint32_t s = 0; s < supers; ++s) baseReach[s] = comp[s] == comp[rootSuper];
    }
    for (std::uint32_t gi = 0; gi < groupEdges.size(); ++gi) {
      for (std::uint32_t e : groupEdges[gi]) {
        if (redOfEdge[e] != kNone) removedStamp[redOfEdge[e]] = gi;
      }
      const std::uint32_t comps = label(gi);
      if (withRoot) {
        for (std::uint32_t s = 0; s < supers; ++s) {
          if (baseReach[s] && comp[s] != comp[rootSuper]) r.coreLoss[gi] += w[s];
        }
      } else {
        r.pairsLost[gi] = basePairs - pairsNow(comps);
      }
    }
  }
  return r;
}

Path ShortestPath(const Graph& g, std::uint32_t from, std::uint32_t to, PathMetric metric) {
  const std::uint32_t n = g.NodeCount();
  Path path;
  if (from >= n || to >= n) return path;
  // Hops are a cost of 1.0 a link, so both metrics take the one search and its tie rule.
  ShortestPathSearch<double> search(n);
  const bool hops = metric == PathMetric::Hops;
  search.Run(
      g, from, [&](std::uint32_t e) { return hops ? 1.0 : g.Edge(e).delayMs; }, AdmitEveryArc(),
      [to](std::uint32_t v, double) { return v == to; });
  if (!search.Reached(to)) return path;
  for (std::uint32_t v = to; v != from;) {
    path.nodes.push_back(v);
    const std::uint32_t via = search.Via(v);
    path.edges.push_back(via);
    path.delayMs += g.Edge(via).delayMs;
    v = search.Parent(g, v);
  }
  path.nodes.push_back(from);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.edges.begin(), path.edges.end());
  return path;
}

NaiveN1 NaiveN1BySearch(const Graph& g) {
  const std::uint32_t n = g.NodeCount();
  std::vector<std::uint32_t> mark(n, kNone);
  std::vector<std::uint32_t> queue;
  queue.reserve(n);
  std::uint32_t stamp = 0;
  // Connected node pairs with one edge or one node taken out: a full search.
  auto pairs = [&](std::uint32_t skipEdge, std::uint32_t skipNode) {
    ++stamp;
    std::uint64_t total = 0;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (s == skipNode || mark[s] == stamp) continue;
      mark[s] = stamp;
      queue.assign(1, s);
      for (std::size_t q = 0; q < queue.size(); ++q) {
        for (const Graph::Arc* a = g.ArcsBegin(queue[q]); a != g.ArcsEnd(queue[q]); ++a) {
          if (a->edge == skipEdge || a->to == skipNode || mark[a->to] == stamp) continue;
          mark[a->to] = stamp;
          queue.push_back(a->to);
        }
      }
      total += Pairs(queue.size());
    }
    return total;
  };
  NaiveN1 out;
  const std::uint64_t base = pairs(kNone, kNone);
  out.linkPairsLost.resize(g.EdgeCount());
  for (std::uint32_t e = 0; e < g.EdgeCount(); ++e) out.linkPairsLost[e] = base - pairs(e, kNone);
  // Pairs among the other nodes before the failure: all pairs less the node's own.
  std::vector<std::uint64_t> compSize(n, 0);
  {
    ++stamp;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (mark[s] == stamp) continue;
      mark[s] = stamp;
      queue.assign(1, s);
      for (std::size_t q = 0; q < queue.size(); ++q) {
        for (const Graph::Arc* a = g.ArcsBegin(queue[q]); a != g.ArcsEnd(queue[q]); ++a) {
          if (mark[a->to] == stamp) continue;
          mark[a->to] = stamp;
          queue.push_back(a->to);
        }
      }
      for (std::uint32_t v : queue) compSize[v] = queue.size();
    }
  }
  out.nodePairsLost.resize(n);
  for (std::uint32_t v = 0; v < n; ++v) out.nodePairsLost[v] = base - (compSize[v] - 1) - pairs(kNone, v);
  return out;
}

TwinAnalysis AnalyzeTwin(const Twin& twin, const GraphOptions& options) {
  TwinAnalysis a;
  a.graph = Graph::FromTwin(twin, options);
  a.n1 = AnalyzeN1(a.graph);
  const std::uint32_t n = a.graph.NodeCount();
  a.weight.assign(n, SiteLoss{});
  std::vector<bool> ownSite(n, false);
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    const SiteId id(i);
    const Site& s = twin.GetSite(id);
    if (s.nodes.empty()) continue;
    SiteLoss& w = a.weight[s.nodes.front().Index()];
    w.sites = 1;
    w.byPriority[static_cast<std::size_t>(std::clamp(twin.Priority(id), 1, 4) - 1)] = 1;
    w.endpoints = twin.Endpoints(id);
    if (s.nodes.size() == 1) ownSite[s.nodes.front().Index()] = true;
  }
  std::vector<std::uint32_t> core;
  for (NodeId c : twin.CoreNodes()) core.push_back(c.Index());
  a.hasCore = !core.empty();
  if (a.hasCore) a.core = AnalyzeCoreReach(a.graph, core, a.weight, ownSite);
  std::vector<std::vector<std::uint32_t>> groups(twin.Srgs().size());
  for (std::uint32_t i = 0; i < twin.Links().size(); ++i) {
    const std::int64_t e = a.graph.EdgeOfLink(LinkId(i));
    if (e < 0) continue;
    for (SrgId g : twin.GetLink(LinkId(i)).srgs) groups[g.Index()].push_back(static_cast<std::uint32_t>(e));
  }
  a.srgs = AnalyzeSrgs(a.graph, groups, core, a.weight);
  return a;
}

}  // namespace netdrill::twin
