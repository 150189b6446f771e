#include "traffic.h"

#include <algorithm>
#include <cmath>

namespace netdrill::twin {
namespace {

// The MCU a site's endpoints join: the nearest site up its parents that hosts
// an MCU and has not failed; the central MCU last.
SiteId McuFor(const Twin& twin, SiteId site, const std::vector<bool>& failed, SiteId central,
              const std::vector<std::pair<SiteId, SiteId>>& moved) {
  for (SiteId s = site; s.IsValid(); s = twin.GetSite(s).parent) {
    if (!twin.HasMcu(s)) continue;
    for (const auto& [from, to] : moved) {
      if (from == s && !failed[to.Index()]) return to;  // the branch was moved to another MCU
    }
    if (!failed[s.Index()]) return s;
  }
  return central;
}

double MediaMbps(const Twin& twin, const std::string& profile) {
  const ConferenceProfile* p = twin.demands.Find(profile.empty() ? twin.demands.activeProfile : profile);
  return p != nullptr && p->media == "sd" ? twin.demands.sdMbps : twin.demands.hdMbps;
}

SiteId CentralMcu(const Twin& twin) {
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    const SiteId s(i);
    if (twin.GetSite(s).level == SiteLevel::RegionalCentre && twin.HasMcu(s)) return s;
  }
  return SiteId();
}

}  // namespace

std::vector<Flow> ConferenceFlows(const Twin& twin, const ConferenceOptions& options) {
  std::vector<Flow> flows;
  const SiteId central = CentralMcu(twin);
  if (!central.IsValid()) return flows;
  std::vector<bool> failed(twin.Sites().size(), false);
  for (SiteId s : options.failedMcus) failed[s.Index()] = true;
  const double rate = options.media == "sd"   ? twin.demands.sdMbps
                      : options.media == "hd" ? twin.demands.hdMbps
                                              : MediaMbps(twin, options.profile);
  auto both = [&](SiteId a, SiteId b, double mbps, SiteId endpointSite, int endpoints) {
    const NodeId na = twin.FirstNode(a), nb = twin.FirstNode(b);
    if (na == nb) return;  // on the MCU's own router: no link carries it
    flows.push_back({na, nb, mbps, FlowKind::Conference, endpointSite, endpoints});
    flows.push_back({nb, na, mbps, FlowKind::Conference, endpointSite, endpoints});
  };
  std::vector<bool> mcuInUse(twin.Sites().size(), false);
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    const SiteId s(i);
    const int endpoints = twin.Endpoints(s, options.profile);
    if (endpoints == 0) continue;
    const SiteId mcu = McuFor(twin, s, failed, central, options.movedBranches);
    mcuInUse[mcu.Index()] = true;
    // Each endpoint: one stream up, one mix down.
    both(s, mcu, rate * endpoints, s, endpoints);
  }
  // The cascade: every MCU in use exchanges one stream with its parent MCU.
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    if (!mcuInUse[i] || SiteId(i) == central) continue;
    const SiteId parent = McuFor(twin, twin.GetSite(SiteId(i)).parent, failed, central, options.movedBranches);
    if (parent == SiteId(i)) continue;  // a branch moved onto its own parent
    both(SiteId(i), parent, rate, SiteId(), 0);
  }
  return flows;
}

std::vector<Flow> VpnFlows(const Twin& twin, double dayFactor) {
  std::vector<Flow> flows;
  const SiteId central = CentralMcu(twin);
  const Demands& d = twin.demands;
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    const SiteId s(i);
    const Site& site = twin.GetSite(s);
    double mbps = 0.0;
    SiteId peer;
    switch (site.level) {
      case SiteLevel::Commune:
      case SiteLevel::District: {
        mbps = site.level == SiteLevel::Commune ? d.vpnCommuneMbps : d.vpnDistrictMbps;
        peer = twin.FindSite("province:" + site.provinceCode);
        for (SiteId p = site.parent; p.IsValid() && !peer.IsValid(); p = twin.GetSite(p).parent) {
          if (twin.GetSite(p).level == SiteLevel::Province) peer = p;
        }
        break;
      }
      case SiteLevel::Province:
        mbps = d.vpnProvinceMbps;
        peer = central;
        break;
      case SiteLevel::CentralAgency:
        mbps = d.vpnAgencyMbps;
        peer = central;
        break;
      default:
        break;
    }
    if (mbps <= 0 || !peer.IsValid() || twin.FirstNode(peer) == twin.FirstNode(s)) continue;
    flows.push_back({twin.FirstNode(s), twin.FirstNode(peer), mbps * dayFactor, FlowKind::Vpn, s, 0});
    flows.push_back({twin.FirstNode(peer), twin.FirstNode(s), mbps * dayFactor, FlowKind::Vpn, s, 0});
  }
  return flows;
}

std::vector<Flow> AttackFlows(const Twin& twin, SiteId target, double mbps, int hosts, std::uint64_t seed) {
  std::vector<Flow> flows;
  const NodeId to = twin.FirstNode(target);
  if (hosts <= 0) {
    const SiteId gateway = CentralMcu(twin);
    if (gateway.IsValid() && twin.FirstNode(gateway) != to) {
      flows.push_back({twin.FirstNode(gateway), to, mbps, FlowKind::Attack, target, 0});
    }
    return flows;
  }
  // Compromised hosts: communes ordered by a seeded hash of their index (the same on every platform).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order;
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) {
    if (twin.GetSite(SiteId(i)).level != SiteLevel::Commune || SiteId(i) == target) continue;
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + i + 1;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    order.emplace_back(x ^ (x >> 31), i);
  }
  std::sort(order.begin(), order.end());
  for (std::size_t k = 0; k < order.size() && static_cast<int>(k) < hosts; ++k) {
    flows.push_back({twin.FirstNode(SiteId(order[k].second)), to, mbps, FlowKind::Attack, target, 0});
  }
  return flows;
}

double LinkLoads::Utilisation(const Twin& twin, LinkId link) const {
  const double cap = twin.GetLink(link).capacityMbps * twin.GetLink(link).state.capacityFactor;
  if (cap <= 0) return 0.0;
  return std::max(aToBMbps[link.Index()], bToAMbps[link.Index()]) / cap;
}

LinkLoads RouteFlows(const Twin& twin, const RoutingTables& tables, const std::vector<Flow>& flows) {
  const std::size_t links = twin.Links().size();
  // What each link direction loses of what it is offered: its overload and its degradation.
  std::vector<double> keepAtoB(links, 1.0), keepBtoA(links, 1.0);
  for (std::size_t l = 0; l < links; ++l) keepAtoB[l] = keepBtoA[l] = 1.0 - twin.Links()[l].state.lossPct / 100.0;
  const std::vector<double> keptByDegradation = keepAtoB;
  LinkLoads loads;
  // A flow thinned by a link upstream offers less to the links after it. The
  // first pass offers every flow whole; while some link is over its capacity,
  // the next pass thins each flow by the losses before each link, until the
  // loads settle (a few passes: only overloaded links change anything).
  for (int pass = 0; pass < 12; ++pass) {
    LinkLoads next;
    next.aToBMbps.assign(links, 0.0);
    next.bToAMbps.assign(links, 0.0);
    next.streamsAtoB.assign(links, 0);
    next.streamsBtoA.assign(links, 0);
    const std::size_t maxHops = twin.Nodes().size();
    for (const Flow& f : flows) {
      NodeId at = f.from;
      std::size_t hops = 0;
      double carried = f.mbps;
      while (at != f.to && hops++ < maxHops) {
        const std::uint32_t l = tables.NextLink(at, f.to);
        if (l == RoutingTables::kNoRoute) break;
        const Link& link = twin.GetLink(LinkId(l));
        if (link.a == at) {
          next.aToBMbps[l] += carried;
          ++next.streamsAtoB[l];
          carried *= keepAtoB[l];
          at = link.b;
        } else {
          next.bToAMbps[l] += carried;
          ++next.streamsBtoA[l];
          carried *= keepBtoA[l];
          at = link.a;
        }
      }
      if (at != f.to) {
        next.unroutedMbps += f.mbps;
        ++next.unroutedFlows;
      }
    }
    double change = 0.0;
    bool overloaded = false;
    for (std::size_t l = 0; l < links; ++l) {
      const double cap = twin.Links()[l].capacityMbps * twin.Links()[l].state.capacityFactor;
      const double a = keptByDegradation[l] * (1.0 - FluidLossPct(next.aToBMbps[l], cap) / 100.0);
      const double b = keptByDegradation[l] * (1.0 - FluidLossPct(next.bToAMbps[l], cap) / 100.0);
      overloaded = overloaded || next.aToBMbps[l] > cap || next.bToAMbps[l] > cap;
      change = std::max({change, std::fabs(a - keepAtoB[l]), std::fabs(b - keepBtoA[l])});
      keepAtoB[l] = a;
      keepBtoA[l] = b;
    }
    loads = std::move(next);
    // Without overload (and with no degraded link thinning a flow) one pass is exact.
    if (change < 1e-9 || (!overloaded && pass > 0)) break;
  }
  return loads;
}

double FluidLossPct(double offeredMbps, double capacityMbps) {
  if (offeredMbps <= capacityMbps || offeredMbps <= 0) return 0.0;
  return 100.0 * (offeredMbps - capacityMbps) / offeredMbps;
}

StreamClass ClassifyStream(double lossPct, double delayMs, double jitterMs, bool routed) {
  if (!routed || lossPct > 5.0 || delayMs > 400.0 || jitterMs > 50.0) return StreamClass::Lost;
  if (lossPct >= 1.0 || delayMs >= 150.0 || jitterMs >= 30.0) return StreamClass::Degraded;
  return StreamClass::Good;
}

double PathLossPct(const Twin& twin, const RoutingTables& tables, const LinkLoads& loads, const Flow& flow) {
  double delivered = 1.0;
  NodeId at = flow.from;
  std::size_t hops = 0;
  while (at != flow.to && hops++ < twin.Nodes().size()) {
    const std::uint32_t l = tables.NextLink(at, flow.to);
    if (l == RoutingTables::kNoRoute) return 100.0;
    const Link& link = twin.GetLink(LinkId(l));
    const bool forward = link.a == at;
    const double offered = forward ? loads.aToBMbps[l] : loads.bToAMbps[l];
    const double cap = link.capacityMbps * link.state.capacityFactor;
    delivered *= (1.0 - FluidLossPct(offered, cap) / 100.0) * (1.0 - link.state.lossPct / 100.0);
    at = forward ? link.b : link.a;
  }
  if (at != flow.to) return 100.0;
  return 100.0 * (1.0 - delivered);
}

}  // namespace netdrill::twin
