// Import of GraphML topologies as the Internet Topology Zoo publishes them:
// nodes keyed by id (labels repeat), labels and coordinates kept, parallel
// edges kept as separate physical links, "hyperedge" nodes kept as nodes,
// speeds read from free text where possible, and every guess reported.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netdrill::twin {

struct GraphmlOptions {
  double defaultCapacityMbps = 1000.0;  ///< for an edge that gives no speed at all
};

/// @brief What the importer had to guess, one line each, and what it saw.
struct ImportReport {
  std::vector<std::string> guesses;
  int nodes = 0;
  int edges = 0;
  int selfLoops = 0;
  int parallelEdges = 0;  ///< edges beyond the first between the same pair
  int nodesWithoutPosition = 0;
  int hyperedgeNodes = 0;
};

std::optional<Twin> ParseGraphml(std::string_view text, const std::string& file, const GraphmlOptions& options,
                                 Diagnostics& diags, ImportReport& report);
std::optional<Twin> ImportGraphml(const std::string& path, const GraphmlOptions& options, Diagnostics& diags,
                                  ImportReport& report);

/// @brief A speed written as free text ("2.5 Gbps", "OC-48", "STM-4", "10GE"), in Mbit/s.
std::optional<double> ParseSpeedText(std::string_view text);

}  // namespace netdrill::twin
