// A storm as a moving footprint (docs/faults.md, `storm`): its eye goes from one
// province centre to the next, `hoursPerProvince` a leg, and lingers that long over
// the last. A shared-risk group is cut when the eye first comes within the radius
// of one of its links' ends; a site loses its mains when the eye first comes within
// the radius of it. Pure geometry on the twin: the session schedules what it says.
#pragma once

#include "twin/model.h"

#include <vector>

namespace netdrill::twin {

struct StormTrack {
  std::vector<GeoPoint> eye;  ///< the province centres it passes, in order (at least one)
  double radiusKm = 50.0;
  double hoursPerProvince = 2.0;
};

/// @brief When the storm first reaches each element it hits, in seconds after it starts.
struct StormHits {
  std::vector<std::pair<double, SrgId>> groups;  ///< shared-risk groups cut, by time then id
  std::vector<std::pair<double, SiteId>> sites;  ///< sites that lose their mains, by time then id
  double lastsS = 0.0;                           ///< the storm's whole duration
};

/// @brief The first time the eye comes within the radius of `point` (seconds after the
/// start), or a negative number when it never does.
double StormReaches(const StormTrack& track, GeoPoint point);

/// @brief Everything the storm hits on the twin (sites without a position are not hit).
StormHits StormFootprint(const Twin& twin, const StormTrack& track);

}  // namespace netdrill::twin
