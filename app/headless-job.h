// What `netdrill` does with no command while there is no console: the most
// complete job that runs without a display.
#pragma once

#include <ostream>

namespace netdrill::app {

/// @brief Generates national-2024, saves, loads and checks it, analyses every
/// single failure, then builds it in ns-3 and runs 20 simulated seconds with a
/// backbone cut, measuring reachability from the core.
int HeadlessJob(std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
