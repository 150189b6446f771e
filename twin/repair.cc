#include "twin/repair.h"

#include <cmath>

namespace netdrill::twin {

const Site& RepairSite(const Twin& twin, LinkId link) {
  const Link& l = twin.GetLink(link);
  const Site& a = twin.GetSite(twin.GetNode(l.a).site);
  const Site& b = twin.GetSite(twin.GetNode(l.b).site);
  return static_cast<int>(a.level) >= static_cast<int>(b.level) ? a : b;
}

bool IsUrbanSite(const Site& site) {
  return site.name.rfind("Phường ", 0) == 0 || site.name.rfind("Thị trấn ", 0) == 0 ||
         site.name.rfind("Quận ", 0) == 0 || site.name.rfind("Thành phố ", 0) == 0 ||
         site.level == SiteLevel::RegionalCentre || site.level == SiteLevel::BackupCentre;
}

namespace {

double TravelHours(const Twin& twin, const Site& far, const RepairParams& params) {
  const SiteId province = twin.FindSite("province:" + far.provinceCode);
  if (!province.IsValid() || !far.position || !twin.GetSite(province).position) return 0.0;
  return GreatCircleKm(*far.position, *twin.GetSite(province).position) * params.roadFactor / params.travelKmh;
}

}  // namespace

RepairEstimate EstimateRepair(const Twin& twin, LinkId link, const RepairParams& params) {
  const Site& far = RepairSite(twin, link);
  RepairEstimate out;
  out.medianHours = far.island ? params.remoteHours : IsUrbanSite(far) ? params.urbanHours : params.ruralHours;
  out.travelHours = TravelHours(twin, far, params);
  return out;
}

RepairEstimate EstimateGeneratorRestart(const Twin& twin, SiteId site, const RepairParams& params) {
  RepairEstimate out;
  out.medianHours = params.generatorRestartHours;
  out.travelHours = TravelHours(twin, twin.GetSite(site), params);
  return out;
}

double OnSiteSeconds(const RepairEstimate& estimate, const RepairParams& params, double z) {
  return estimate.medianHours * std::exp(params.sigma * z) * 3600.0;
}

double RepairSeconds(const RepairEstimate& estimate, const RepairParams& params, double z) {
  return estimate.travelHours * 3600.0 + OnSiteSeconds(estimate, params, z);
}

}  // namespace netdrill::twin
