// Severity as one function of impact (X.733 / RFC 8632 perceived severity):
// alarms, tickets and scoring all ask it, so a storm that cuts a province off
// reads critical everywhere, and a commune's fibre minor everywhere.
//
//   critical  a province or a priority-1 site unreachable, or more than 5 % of
//             the conference's endpoints lost
//   major     a district or a priority-2 site unreachable, 10 communes or more,
//             more than 5 % of one province's conference endpoints lost, or a
//             security breach (the department's rule: a security incident is major)
//   minor     fewer communes, or service lost on a link with no site cut off
//   warning   a threshold crossed (load, delay, mains power) with nothing lost yet
#pragma once

#include "session/alarms.h"
#include "twin/model.h"

#include <vector>

namespace netdrill::session {

/// @brief What a failure costs now.
struct Impact {
  std::vector<twin::SiteId> sitesLost;  ///< sites the core cannot reach because of it
  double conferenceLostShare = 0.0;     ///< of the whole conference's endpoints, 0..1
  bool areaConferenceLost = false;      ///< more than 5 % of one province's endpoints lost
  bool serviceLost = false;             ///< a link down or dropping packets, whatever it cuts off
  bool securityBreach = false;          ///< a security incident (an intrusion, agencies' networks joined): major at least
};

/// @brief The perceived severity of an impact (the table above).
AlarmSeverity SeverityOf(const twin::Twin& twin, const Impact& impact);

}  // namespace netdrill::session
