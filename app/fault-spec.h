// Faults given on the command line: "ACTION:ELEMENT@TIME", e.g.
// "cut:commune:00001--district:001@10s", "down:province:02@1m", "cut:route:02-primary@30s",
// "mcu-fail:province:79@2m".
#pragma once

#include "twin/diagnostics.h"
#include "twin/model.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::app {

enum class FaultAction { Cut, Repair, Down, Up, McuFail, McuRestore };

struct FaultSpec {
  FaultAction action = FaultAction::Cut;
  std::vector<twin::LinkId> links;  ///< cut / repair: a link, or every link of a shared-risk group
  std::vector<twin::NodeId> nodes;  ///< down / up: a router, or every router of a site
  twin::SiteId site;                ///< mcu-fail / mcu-restore: the site of the MCU
  double atS = 0.0;
  std::string text;
};

/// @brief Parses and resolves every spec against the twin; all problems reported at once.
std::optional<std::vector<FaultSpec>> ParseFaults(const std::vector<std::string>& specs, const twin::Twin& twin,
                                                  double durationS, twin::Diagnostics& diags);

}  // namespace netdrill::app
