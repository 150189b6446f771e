// IGP routes computed from the twin's graph, the way a link-state protocol with
// one area per province would: inside its area a router knows every router;
// toward another province it knows one route, to the province's block; the
// routers of the core (a few dozen) are known to every router one by one, as a
// backbone announces its PEs, so that a province with two uplinks reaches each
// core router by the better one. Tables are dense arrays, so a lookup is two
// indexings, and a change recomputes only the areas it touches plus the routes
// that span the country (one search per province and per core router).
#pragma once

#include "address-plan.h"
#include "graph.h"
#include "model.h"
#include "shortest-path.h"

#include <cstdint>
#include <vector>

namespace netdrill::twin {

/// @brief The IGP cost of a link: its `cost` if set, else its one-way delay in
/// microseconds plus a per-hop constant (so that equal delays prefer fewer hops).
std::uint64_t LinkCost(const Twin& twin, LinkId link);
/// @brief The cost a link has when none is set: its nominal delay in microseconds, plus a hop's 10.
std::uint64_t ImpliedLinkCost(const Twin& twin, LinkId link);

struct RoutingUpdateStats {
  std::uint32_t areasRecomputed = 0;   ///< areas whose inside routes were recomputed
  std::uint32_t treesRecomputed = 0;   ///< country-wide trees (one per province, one per core router) recomputed
  std::uint64_t entriesChanged = 0;    ///< table entries whose next hop changed
};

class RoutingTables {
public:
  static constexpr std::uint32_t kNoRoute = 0xFFFFFFFFu;

  /// @brief Routes over the links of `graph` (the links in service). The tables
  /// keep a pointer to `plan`: it must outlive them, where it is.
  static RoutingTables Compute(const Twin& twin, const AddressPlan& plan, const Graph& graph);

  /// @brief The twin link a packet at `from` takes toward `to`; kNoRoute if none (or from == to).
  std::uint32_t NextLink(NodeId from, NodeId to) const;
  /// @brief The node at the other end of that link.
  NodeId NextNode(const Twin& twin, NodeId from, NodeId to) const;
  /// @brief The routers a packet visits from `from` to `to`, following the tables
  /// hop by hop (as forwarding does); stops at a missing route or a loop.
  std::vector<NodeId> Trace(const Twin& twin, NodeId from, NodeId to) const;
  bool Reaches(const Twin& twin, NodeId from, NodeId to) const;

  /// @brief After links changed state: recompute over the new graph, only where needed.
  RoutingUpdateStats Update(const Twin& twin, const Graph& graph, const std::vector<LinkId>& changed);

  /// @brief A static route to nowhere (a misconfiguration): router `at` drops
  /// everything for the routers of `area`. Takes effect at once.
  void SetBlackhole(NodeId at, std::uint32_t area, bool on);
  /// @brief A route leak: router `at` announces a more-specific prefix of `area`'s
  /// block, so every router outside the area that the announcement reaches sends
  /// the area's traffic to it (longest-prefix match beats any cost), where it dies.
  /// Recomputes that area's country-wide tree over `graph`.
  void SetLeak(const Graph& graph, NodeId at, std::uint32_t area, bool on);

  /// @brief The misconfigurations in force: (router, area) blackholes and leaks.
  const std::vector<std::pair<NodeId, std::uint32_t>>& Blackholes() const { return m_blackholes; }
  const std::vector<std::pair<NodeId, std::uint32_t>>& Leaks() const { return m_leaks; }

  /// @brief Table entries in all routers (inside routes + one per other area).
  std::uint64_t EntryCount() const;

private:
  const AddressPlan* m_plan = nullptr;
  std::vector<std::uint64_t> m_edgeCost;  ///< per graph edge
  /// Per area: n x n next links, [destination local * n + source local].
  std::vector<std::vector<std::uint32_t>> m_intra;
  /// Per area: for every node of the twin, the next link toward the area.
  std::vector<std::vector<std::uint32_t>> m_inter;
  /// Per core router (by local index): for every node outside the core, the next link toward it.
  std::vector<std::vector<std::uint32_t>> m_toCore;
  /// Cost to the root of every country-wide tree (inter-area ones first, then the core routers'),
  /// kept to tell which trees a change can touch.
  std::vector<std::vector<std::uint64_t>> m_wideDist;
  std::vector<std::pair<NodeId, std::uint32_t>> m_blackholes;  ///< (router, area)
  std::vector<std::pair<NodeId, std::uint32_t>> m_leaks;       ///< (router, area it announces)

  /// The search every tree is built with (twin/shortest-path.h: its tie rule is the routes' tie rule).
  using IgpSearch = ShortestPathSearch<std::uint64_t>;

  void ComputeCosts(const Twin& twin, const Graph& graph);
  std::uint64_t ComputeIntra(const Graph& graph, std::uint32_t area, IgpSearch& search);
  /// One country-wide tree: toward area `area` (>= 1), or toward core router `area - AreaCount()`.
  std::uint64_t ComputeWideTree(const Graph& graph, std::uint32_t tree, IgpSearch& search);
  std::uint32_t WideTreeCount() const;
  std::vector<std::uint32_t>& WideTable(std::uint32_t tree);
  bool WideTreeTouched(const Twin& twin, std::uint32_t tree, const std::vector<LinkId>& changed) const;
};

}  // namespace netdrill::twin
