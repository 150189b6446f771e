#include "stats.h"

#include <cmath>

namespace netdrill::twin {

TwinStats ComputeStats(const Twin& twin) {
  TwinStats s;
  s.sites = static_cast<int>(twin.Sites().size());
  s.nodes = static_cast<int>(twin.Nodes().size());
  s.links = static_cast<int>(twin.Links().size());
  s.srgs = static_cast<int>(twin.Srgs().size());
  auto countState = [&](const ElementState& st) {
    if (st.status == Status::Down) ++s.downElements;
    if (st.status == Status::Degraded) ++s.degradedElements;
  };
  const Demands& d = twin.demands;
  for (const Site& site : twin.Sites()) {
    ++s.sitesByLevel[static_cast<std::size_t>(site.level)];
    if (site.island) ++s.islandSites;
    countState(site.state);
    switch (site.level) {
      case SiteLevel::Commune:
        s.vpnLoadMbps += d.vpnCommuneMbps;
        break;
      case SiteLevel::District:
        s.vpnLoadMbps += d.vpnDistrictMbps;
        break;
      case SiteLevel::Province:
        s.vpnLoadMbps += d.vpnProvinceMbps;
        break;
      case SiteLevel::CentralAgency:
        s.vpnLoadMbps += d.vpnAgencyMbps;
        break;
      default:
        break;
    }
  }
  for (const Node& n : twin.Nodes()) countState(n.state);
  for (std::uint32_t i = 0; i < twin.Links().size(); ++i) {
    const LinkId id(i);
    const Link& l = twin.GetLink(id);
    countState(l.state);
    ++s.linksByMedium[std::string(ToString(l.medium))];
    ++s.linksByRole[std::string(ToString(l.role))];
    s.capacityMbps += l.capacityMbps;
    s.capacityByMediumMbps[std::string(ToString(l.medium))] += l.capacityMbps;
    (twin.IsEnabled(id) ? s.primaryCapacityMbps : s.backupCapacityMbps) += l.capacityMbps;
    const double km = twin.LengthKm(id);
    if (!std::isnan(km)) s.totalLengthKm += km;
  }
  for (const ConferenceProfile& p : d.profiles) s.endpointsByProfile[p.id] = twin.TotalEndpoints(p.id);
  return s;
}

}  // namespace netdrill::twin
