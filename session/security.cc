#include "session/security.h"

#include "session/severity.h"

namespace netdrill::session {

void SecurityState::SetVrfLeak(twin::NodeId router, bool on) {
  if (on) {
    m_vrfLeaks.insert(router.Index());
  } else {
    m_vrfLeaks.erase(router.Index());
  }
}

void SecurityState::Intrude(twin::NodeId router) {
  m_intruded.insert(router.Index());
  m_locked.erase(router.Index());
}

bool SecurityState::LockManagement(twin::NodeId router) {
  if (!m_intruded.erase(router.Index())) return false;
  m_locked.insert(router.Index());
  return true;
}

void SecurityState::AddConditions(const twin::Twin& twin, std::vector<AlarmCondition>& out) const {
  Impact breach;
  breach.securityBreach = true;
  const AlarmSeverity severity = SeverityOf(twin, breach);
  for (std::uint32_t r : m_vrfLeaks) {
    const std::string& id = twin.GetNode(twin::NodeId(r)).id;
    out.push_back({id, "vrf-leak", "", severity,
                   "route-target audit: " + id + " imports another agency's VPN routes into a VRF (two agencies' "
                   "networks joined)",
                   {}, {}, 0.0, 0.0});
  }
  for (std::uint32_t r : m_intruded) {
    const std::string& id = twin.GetNode(twin::NodeId(r)).id;
    out.push_back({id, "unauthorised-access", "", severity,
                   "configuration of " + id + " changed from an unknown management session (not the NOC's)", {}, {},
                   0.0, 0.0});
  }
}

}  // namespace netdrill::session
