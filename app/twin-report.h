// What `twin stats` and `twin analyze` print: text for people, JSON for tools.
#pragma once

#include "twin/analysis.h"
#include "twin/graphml-import.h"
#include "twin/model.h"
#include "twin/stats.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace netdrill::app {

nlohmann::json StatsJson(const twin::Twin& twin, const twin::TwinStats& stats);
void PrintStats(std::ostream& out, const twin::Twin& twin, const twin::TwinStats& stats);

/// @param top how many of the worst failures to list
nlohmann::json AnalysisJson(const twin::Twin& twin, const twin::TwinAnalysis& a, int top);
void PrintAnalysis(std::ostream& out, const twin::Twin& twin, const twin::TwinAnalysis& a, int top);

}  // namespace netdrill::app
