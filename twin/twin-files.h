// Opening any topology file the user names: a NetDrill twin (.yaml/.yml),
// a GraphML file (.graphml), or a CSV inventory (sites.csv, with links.csv beside it).
#pragma once

#include "diagnostics.h"
#include "graphml-import.h"
#include "model.h"

#include <optional>
#include <string>

namespace netdrill::twin {

enum class TopologyFormat { Yaml, Graphml, Csv, Unknown };

TopologyFormat FormatOfPath(const std::string& path);

/// @brief Loads a twin from any supported file; GraphML guesses go to `report`.
std::optional<Twin> LoadTopology(const std::string& path, Diagnostics& diags, ImportReport* report = nullptr);

}  // namespace netdrill::twin
