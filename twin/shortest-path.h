// The one shortest-path search of the project: Dijkstra on a Graph, from one
// or several sources, in a workspace reused from search to search. The IGP
// routes (routing.h, what the ns-3 engine forwards with), the analysis's
// shortest paths (analysis.h) and the what-if sweep's re-routing
// (whatif/sweep.h) all run it, so all three break ties the same way.
//
// THE TIE RULE (the one the IGP routes have always had: the engine's routes,
// and so every drill's fingerprint, depend on it; tests/golden/
// drill-fingerprints.txt pins them. Do not change it.)
//
//   1. Nodes are settled (popped from the heap for good) in increasing order of
//      (distance, node index): at equal distance, the lower node index first.
//   2. A node's predecessor is set by the first relaxation that reaches its
//      final distance; an equal distance found later never replaces it (the
//      test is a strict <). Relaxations come from the settled nodes in settle
//      order, and each node's arcs in the order of graph.h's adjacency, which
//      is graph edge order (for Graph::FromTwin, the twin's link order).
//
//   So between equal-cost paths a node keeps the predecessor settled first:
//     - the one nearer the source(s),
//     - at equal distance from the source(s), the lower node index,
//     - between parallel links from that predecessor, the lower edge index.
//   Example: from 0, node 3 costs 4 by 0-1-3 (3 + 1) and by 0-2-3 (1 + 3); its
//   predecessor is 2 (settled at 1, before 1 is settled at 3), although 1 < 2.
//   In a tree toward a destination (routing searches from the destination),
//   a router's next hop is that predecessor: between equal-cost routes, the
//   next hop nearer the destination, then the lower node index, then the lower
//   link index.
//
//   Rule 1 assumes positive costs (IGP costs are at least 1; a delay or a hop
//   is positive). Across a zero-cost arc a node can be reached at the distance
//   of nodes already settled and is settled after them whatever its index; the
//   order is still the heap's pop order, and still fixed.
//
// WHY IT IS DETERMINISTIC: the heap holds (distance, node) pairs and never the
// same pair twice (a node is pushed again only at a strictly smaller distance,
// and a source listed twice is pushed once), so the pop order follows from the
// pairs' total order alone: not from the heap's layout, the order of pushes,
// addresses, hashing or threads. The result is a function of the graph (node
// indices, edge order), the costs, the sources and the arcs admitted, nothing
// else. Floating-point costs (the analysis by delay) tie only when the sums,
// added link by link from the source, are equal doubles.
#pragma once

#include "graph.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

namespace netdrill::twin {

/// @brief Admits every arc (the search's default filter).
struct AdmitEveryArc {
  bool operator()(const Graph::Arc&) const { return true; }
};

/// @brief Never stops early: the search settles everything it reaches.
struct SettleEverything {
  template <class Cost>
  bool operator()(std::uint32_t, Cost) const { return false; }
};

/// @brief Dijkstra with the tie rule above, `Cost` std::uint64_t (IGP costs)
/// or double (delays). One object per thread, reused: a search clears nothing
/// (per-node state is stamped with the search it belongs to), and the heap
/// keeps its capacity, so repeated searches allocate nothing.
template <class Cost>
class ShortestPathSearch {
public:
  static constexpr Cost kUnreached =
      std::numeric_limits<Cost>::has_infinity ? std::numeric_limits<Cost>::infinity() : std::numeric_limits<Cost>::max();
  static constexpr std::uint32_t kNoEdge = 0xFFFFFFFFu;

  ShortestPathSearch() = default;
  explicit ShortestPathSearch(std::uint32_t nodes) { Resize(nodes); }

  /// @brief Sizes the workspace for graphs of `nodes` nodes (Run does it when the graph's size differs).
  void Resize(std::uint32_t nodes) {
    m_node.assign(nodes, NodeState{});
    m_epoch = 0;
  }

  /// @brief Searches from `sources` (distance 0 each, always admitted).
  /// @param cost `Cost(std::uint32_t edge)`: the cost of a graph edge, >= 0
  /// @param admit `bool(const Graph::Arc&)`: whether the search may take an arc (e.g. stay in an area, skip failed links)
  /// @param settled `bool(std::uint32_t node, Cost dist)`: called once per node as it is settled, in settle
  /// order; true stops the search there (before that node's arcs are relaxed). Every settled node's distance
  /// and predecessor are final; a node reached but not settled keeps tentative ones.
  template <class EdgeCost, class Admit = AdmitEveryArc, class Settled = SettleEverything>
  void Run(const Graph& g, const std::vector<std::uint32_t>& sources, EdgeCost&& cost, Admit&& admit = Admit(),
           Settled&& settled = Settled()) {
    Begin(g);
    for (std::uint32_t s : sources) Seed(s);
    Loop(g, cost, admit, settled);
  }
  template <class EdgeCost, class Admit = AdmitEveryArc, class Settled = SettleEverything>
  void Run(const Graph& g, std::uint32_t source, EdgeCost&& cost, Admit&& admit = Admit(),
           Settled&& settled = Settled()) {
    Begin(g);
    Seed(source);
    Loop(g, cost, admit, settled);
  }

  /// @brief Whether the last search reached `node` (a source counts).
  bool Reached(std::uint32_t node) const { return m_node[node].stamp == m_epoch; }
  /// @brief Its distance from the nearest source; kUnreached if not reached.
  Cost Dist(std::uint32_t node) const { return Reached(node) ? m_node[node].dist : kUnreached; }
  /// @brief The graph edge it was reached by (the first hop of its path back to a source);
  /// kNoEdge for a source or a node not reached.
  std::uint32_t Via(std::uint32_t node) const { return Reached(node) ? m_node[node].via : kNoEdge; }
  /// @brief The node at the other end of Via (its predecessor); `node` itself for a source or a node not reached.
  std::uint32_t Parent(const Graph& /*g*/, std::uint32_t node) const {
    return Reached(node) && m_node[node].via != kNoEdge ? m_node[node].parent : node;
  }

private:
  struct NodeState {
    Cost dist = kUnreached;
    std::uint32_t via = kNoEdge;
    std::uint32_t stamp = 0;   ///< the search this state belongs to
    std::uint32_t parent = 0;  ///< the node at the other end of `via` (kept: a walk back reads no edge)
  };
  using Item = std::pair<Cost, std::uint32_t>;

  std::vector<NodeState> m_node;
  std::vector<Item> m_heap;  ///< a binary min-heap of (distance, node)
  std::uint32_t m_epoch = 0;

  void Begin(const Graph& g) {
    if (m_node.size() != g.NodeCount()) Resize(g.NodeCount());
    if (++m_epoch == 0) {  // wrapped: forget every stamp once every 2^32 searches
      for (NodeState& n : m_node) n.stamp = 0;
      m_epoch = 1;
    }
    m_heap.clear();
  }

  void Seed(std::uint32_t s) {
    NodeState& n = m_node[s];
    if (n.stamp == m_epoch) return;  // listed twice: pushed once
    n = NodeState{Cost(0), kNoEdge, m_epoch, s};
    Push(Cost(0), s);
  }

  void Push(Cost d, std::uint32_t v) {
    m_heap.emplace_back(d, v);
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<Item>());
  }

  template <class EdgeCost, class Admit, class Settled>
  void Loop(const Graph& g, EdgeCost& cost, Admit& admit, Settled& settled) {
    NodeState* const node = m_node.data();
    const std::uint32_t epoch = m_epoch;
    while (!m_heap.empty()) {
      std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<Item>());
      const Item top = m_heap.back();
      m_heap.pop_back();
      const Cost d = top.first;
      const std::uint32_t v = top.second;
      if (d > node[v].dist) continue;  // stale: v was reached more cheaply since
      if (settled(v, d)) return;
      for (const Graph::Arc* a = g.ArcsBegin(v); a != g.ArcsEnd(v); ++a) {
        if (!admit(*a)) continue;
        const Cost nd = d + cost(a->edge);
        NodeState& w = node[a->to];
        const Cost old = w.stamp == epoch ? w.dist : kUnreached;
        if (nd < old) {  // strict: an equal distance keeps the predecessor settled first
          w = NodeState{nd, a->edge, epoch, v};
          Push(nd, a->to);
        }
      }
    }
  }
};

}  // namespace netdrill::twin
