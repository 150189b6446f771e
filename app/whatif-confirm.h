// The analytic ranking checked in ns-3: the K worst single failures of a sweep
// re-run in the engine (hybrid: the conference and VPN as rates), one after
// the other on one engine (fail, let routes and rates settle, measure, repair).
#pragma once

#include "twin/model.h"
#include "whatif/sweep.h"

#include <ostream>
#include <string>

namespace netdrill::app {

/// @brief Fills `result.confirmed` with the K worst failures (by `rankBy`), analytic and simulated side by side.
bool ConfirmInEngine(const twin::Twin& twin, whatif::SweepResult& result, std::size_t k, const std::string& rankBy,
                     std::ostream& err);

}  // namespace netdrill::app
