// Graph analysis without ns-3: connectivity, bridges, articulation points, the
// impact of every single link, node and shared-risk-group failure, reach of the
// national core, shortest paths. Linear or near-linear: one depth-first search
// (Tarjan / block-cut tree) answers every single failure at once.
#pragma once

#include "graph.h"
#include "model.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief Connectivity and the N-1 impact in pairs of nodes.
struct N1Report {
  std::uint32_t nodes = 0;
  std::uint32_t links = 0;  ///< physical links in the graph, self-loops apart
  std::uint32_t selfLoops = 0;
  std::uint32_t components = 0;
  std::uint32_t largestComponent = 0;
  std::vector<std::uint32_t> componentOf;     ///< per node
  std::vector<std::uint32_t> bridges;         ///< edge indices
  std::vector<std::uint32_t> articulations;   ///< node indices
  std::vector<std::uint64_t> linkPairsLost;   ///< per edge: node pairs connected before, not after
  std::vector<std::uint64_t> nodePairsLost;   ///< per node: pairs among the other nodes
  std::uint64_t linkMaxPairsLost = 0, linkTotalPairsLost = 0;
  std::uint64_t nodeMaxPairsLost = 0, nodeTotalPairsLost = 0;
};

N1Report AnalyzeN1(const Graph& graph);

/// @brief What a failure cuts off: sites, by priority class, and conference endpoints.
struct SiteLoss {
  std::int64_t sites = 0;
  std::array<std::int64_t, 4> byPriority{};  ///< P1..P4
  std::int64_t endpoints = 0;
  SiteLoss& operator+=(const SiteLoss& o) {
    sites += o.sites;
    for (std::size_t i = 0; i < 4; ++i) byPriority[i] += o.byPriority[i];
    endpoints += o.endpoints;
    return *this;
  }
  bool IsZero() const { return sites == 0 && endpoints == 0; }
};

/// @brief Loss of the path to the national core for every single link and node failure.
struct CoreReport {
  SiteLoss alreadyCut;              ///< cut off before any failure
  std::vector<SiteLoss> linkLoss;   ///< per edge
  std::vector<SiteLoss> nodeLoss;   ///< per node, the failed node's own site included
};

/// @param weight per node: the site it stands for (first router only) and its endpoints
/// @param ownSite per node: losing this node loses its site (it is the site's only router)
CoreReport AnalyzeCoreReach(const Graph& graph, const std::vector<std::uint32_t>& coreNodes,
                            const std::vector<SiteLoss>& weight, const std::vector<bool>& ownSite);

/// @brief Every shared-risk group failing on its own: pairs lost, and loss of core reach.
struct SrgReport {
  std::vector<std::uint64_t> pairsLost;  ///< per group
  std::vector<SiteLoss> coreLoss;        ///< per group
};

/// @param groupEdges per group, the graph edges laid along it
SrgReport AnalyzeSrgs(const Graph& graph, const std::vector<std::vector<std::uint32_t>>& groupEdges,
                      const std::vector<std::uint32_t>& coreNodes, const std::vector<SiteLoss>& weight);

enum class PathMetric { Delay, Hops };

struct Path {
  std::vector<std::uint32_t> nodes;
  std::vector<std::uint32_t> edges;
  double delayMs = 0.0;
  bool Found() const { return !nodes.empty(); }
};

/// @brief Shortest path by one-way delay or by hops (a cost of 1 a link), with the one search of
/// twin/shortest-path.h and its tie rule: between equal paths, each node keeps the predecessor
/// nearest `from`, then the lower node index, then the lower edge index.
Path ShortestPath(const Graph& graph, std::uint32_t from, std::uint32_t to, PathMetric metric);

/// @brief The baseline a benchmark compares with: one search per failure.
struct NaiveN1 {
  std::vector<std::uint64_t> linkPairsLost;
  std::vector<std::uint64_t> nodePairsLost;
};
NaiveN1 NaiveN1BySearch(const Graph& graph);

/// @brief Everything the twin's analysis answers, with twin-level weights.
struct TwinAnalysis {
  Graph graph;
  N1Report n1;
  bool hasCore = false;
  CoreReport core;
  SrgReport srgs;
  std::vector<SiteLoss> weight;
};

TwinAnalysis AnalyzeTwin(const Twin& twin, const GraphOptions& options = {});

}  // namespace netdrill::twin
