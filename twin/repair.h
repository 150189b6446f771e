// How long a field team takes to repair a cut link (docs/assumptions.md,
// "Convergence and repair"): travel from the province centre, then a
// log-normal repair time around a median set by where the far end is. One
// rule: the engine draws from it, the fake model and the console's offer show
// its median.
#pragma once

#include "twin/model.h"

namespace netdrill::twin {

/// @brief Field repair: log-normal around these medians, plus travel from the
/// province centre. No public data says which sites are in mountains: island
/// units take the remote median, wards, towns and cities the urban one.
struct RepairParams {
  double urbanHours = 4.0;
  double ruralHours = 8.0;
  double remoteHours = 24.0;  ///< mountain or island
  double sigma = 0.5;
  double travelKmh = 40.0;
  double roadFactor = 1.5;    ///< road distance over great-circle distance
  double generatorRestartHours = 1.0;  ///< on site, to restart (or swap) a generator that failed
};

/// @brief A repair before the draw: the median time on site and the travel to it.
struct RepairEstimate {
  double medianHours = 0.0;
  double travelHours = 0.0;
  double MedianTotalHours() const { return travelHours + medianHours; }
};

/// @brief The site a field team works at on `link`: its lower-level end (a
/// commune's fibre, a district's uplink).
const Site& RepairSite(const Twin& twin, LinkId link);

/// @brief Whether a site counts as urban for repairs: a ward, town, urban
/// district or city, or a regional or backup centre.
bool IsUrbanSite(const Site& site);

/// @brief The median repair and the travel for a team sent to `link`.
RepairEstimate EstimateRepair(const Twin& twin, LinkId link, const RepairParams& params);

/// @brief A team sent to restart `site`'s generator: the travel to it, and
/// `generatorRestartHours` on site (no draw).
RepairEstimate EstimateGeneratorRestart(const Twin& twin, SiteId site, const RepairParams& params);

/// @brief The drawn repair time in seconds, travel included, for a standard
/// normal draw `z` (z = 0 gives the median).
double RepairSeconds(const RepairEstimate& estimate, const RepairParams& params, double z);
/// @brief The drawn time on site alone, in seconds (RepairSeconds less the travel).
double OnSiteSeconds(const RepairEstimate& estimate, const RepairParams& params, double z);

}  // namespace netdrill::twin
