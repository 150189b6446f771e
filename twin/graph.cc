#include "graph.h"

namespace netdrill::twin {

Graph Graph::FromTwin(const Twin& twin, const GraphOptions& options) {
  Graph g;
  g.m_nodes = static_cast<std::uint32_t>(twin.Nodes().size());
  g.m_edgeOfLink.assign(twin.Links().size(), -1);
  for (std::uint32_t i = 0; i < twin.Links().size(); ++i) {
    const LinkId id(i);
    const Link& l = twin.GetLink(id);
    // A standby backup counts as enabled when asked; it still fails with its ends.
    const bool standby = options.includeStandby && l.role == LinkRole::Backup;
    const bool carries = options.respectState ? twin.IsActive(id, options.includeStandby)
                                              : (twin.IsEnabled(id) || standby);
    if (!carries) continue;
    if (l.a == l.b) {
      ++g.m_selfLoops;
      continue;
    }
    g.m_edgeOfLink[i] = static_cast<std::int64_t>(g.m_edges.size());
    g.m_edges.push_back({l.a.Index(), l.b.Index(), id, twin.DelayMs(id)});
  }
  g.BuildAdjacency();
  return g;
}

Graph Graph::FromEdges(std::uint32_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
  Graph g;
  g.m_nodes = nodes;
  for (const auto& [u, v] : edges) {
    if (u == v) {
      ++g.m_selfLoops;
      continue;
    }
    g.m_edges.push_back({u, v, LinkId(), 1.0});
  }
  g.BuildAdjacency();
  return g;
}

std::int64_t Graph::EdgeOfLink(LinkId link) const {
  return link.Index() < m_edgeOfLink.size() ? m_edgeOfLink[link.Index()] : -1;
}

void Graph::BuildAdjacency() {
  m_offsets.assign(m_nodes + 1, 0);
  for (const GraphEdge& e : m_edges) {
    ++m_offsets[e.u + 1];
    ++m_offsets[e.v + 1];
  }
  for (std::uint32_t n = 0; n < m_nodes; ++n) m_offsets[n + 1] += m_offsets[n];
  m_arcs.resize(m_offsets[m_nodes]);
  std::vector<std::uint32_t> fill(m_offsets.begin(), m_offsets.end() - 1);
  for (std::uint32_t e = 0; e < m_edges.size(); ++e) {
    m_arcs[fill[m_edges[e].u]++] = {m_edges[e].v, e};
    m_arcs[fill[m_edges[e].v]++] = {m_edges[e].u, e};
  }
}

}  // namespace netdrill::twin
