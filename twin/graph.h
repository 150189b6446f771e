// The analysed graph: router nodes and the links that carry traffic, in a
// compact adjacency (CSR) for linear-time searches.
#pragma once

#include "model.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace netdrill::twin {

struct GraphOptions {
  bool includeStandby = false;  ///< count standby backup links (4G, VSAT) as if enabled
  bool respectState = true;     ///< leave out what is down in the twin's state
};

struct GraphEdge {
  std::uint32_t u = 0;
  std::uint32_t v = 0;
  LinkId link;           ///< the twin's link (invalid for a graph built from a list)
  double delayMs = 0.0;  ///< one-way delay, for shortest paths
};

class Graph {
public:
  struct Arc {
    std::uint32_t to;
    std::uint32_t edge;
  };

  /// @brief Nodes are the twin's nodes (same indices); edges its active links, self-loops apart.
  static Graph FromTwin(const Twin& twin, const GraphOptions& options = {});
  /// @brief A graph from an edge list, for tests and benchmarks.
  static Graph FromEdges(std::uint32_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges);

  std::uint32_t NodeCount() const { return m_nodes; }
  std::uint32_t EdgeCount() const { return static_cast<std::uint32_t>(m_edges.size()); }
  std::uint32_t SelfLoops() const { return m_selfLoops; }
  const GraphEdge& Edge(std::uint32_t e) const { return m_edges[e]; }
  const std::vector<GraphEdge>& Edges() const { return m_edges; }
  /// @brief The arcs leaving node `n`: [begin, end).
  const Arc* ArcsBegin(std::uint32_t n) const { return m_arcs.data() + m_offsets[n]; }
  const Arc* ArcsEnd(std::uint32_t n) const { return m_arcs.data() + m_offsets[n + 1]; }
  /// @brief The graph edge of a twin link, or -1 if the link is not in the graph.
  std::int64_t EdgeOfLink(LinkId link) const;

private:
  std::uint32_t m_nodes = 0;
  std::uint32_t m_selfLoops = 0;
  std::vector<GraphEdge> m_edges;
  std::vector<std::uint32_t> m_offsets;
  std::vector<Arc> m_arcs;
  std::vector<std::int64_t> m_edgeOfLink;
  void BuildAdjacency();
};

}  // namespace netdrill::twin
