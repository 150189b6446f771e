#include "session/severity.h"

namespace netdrill::session {

AlarmSeverity SeverityOf(const twin::Twin& twin, const Impact& impact) {
  int districts = 0, communes = 0;
  bool critical = impact.conferenceLostShare > 0.05;
  for (twin::SiteId s : impact.sitesLost) {
    const twin::Site& site = twin.GetSite(s);
    const int priority = twin.Priority(s);
    if (site.level == twin::SiteLevel::Province || priority <= 1) {
      critical = true;
    } else if (site.level == twin::SiteLevel::District || priority == 2) {
      ++districts;
    } else {
      ++communes;
    }
  }
  if (critical) return AlarmSeverity::Critical;
  if (districts > 0 || communes >= 10 || impact.areaConferenceLost || impact.securityBreach) return AlarmSeverity::Major;
  if (communes > 0 || impact.serviceLost) return AlarmSeverity::Minor;
  return AlarmSeverity::Warning;
}

}  // namespace netdrill::session
