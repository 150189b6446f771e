// Security incidents on the management and control planes (docs/faults.md,
// "Security"): a VPN (VRF) leak that joins two agencies' networks at a PE router
// (a route-target imported by mistake or by malice: no outage, a breach), and an
// unauthorised session on a router's management plane that changes its
// configuration. Neither moves a packet by itself, so the session keeps them, not
// the network model; what the intruder changed is a fault of its own (a cost, a
// blackhole) that the drill injects beside it.
#pragma once

#include "session/alarms.h"
#include "twin/model.h"

#include <set>
#include <vector>

namespace netdrill::session {

class SecurityState {
public:
  /// @brief A router imports another agency's VPN routes into a VRF, or stops.
  void SetVrfLeak(twin::NodeId router, bool on);
  bool VrfLeaking(twin::NodeId router) const { return m_vrfLeaks.count(router.Index()) > 0; }
  /// @brief An unknown session on the router's management plane (open until locked out).
  void Intrude(twin::NodeId router);
  /// @brief The management access closed to all but the NOC's (the session killed, the ACL applied).
  /// False when there was nothing to close.
  bool LockManagement(twin::NodeId router);
  bool Intruded(twin::NodeId router) const { return m_intruded.count(router.Index()) > 0; }
  bool Locked(twin::NodeId router) const { return m_locked.count(router.Index()) > 0; }

  /// @brief Their alarms: `vrf-leak` and `unauthorised-access` on the router, as severe as a breach.
  void AddConditions(const twin::Twin& twin, std::vector<AlarmCondition>& out) const;

private:
  std::set<std::uint32_t> m_vrfLeaks;  ///< router indices
  std::set<std::uint32_t> m_intruded;  ///< still open
  std::set<std::uint32_t> m_locked;    ///< locked after an intrusion
};

}  // namespace netdrill::session
