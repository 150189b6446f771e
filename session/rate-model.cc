#include "session/rate-model.h"

#include <algorithm>
#include <unordered_map>

namespace netdrill::session {

using twin::Flow;
using twin::LinkId;
using twin::NodeId;
using twin::SiteId;

std::vector<Flow> TrafficState::Flows(const twin::Twin& twin) const {
  std::vector<Flow> flows;
  if (conferenceOn) {
    twin::ConferenceOptions conference;
    conference.profile = conferenceProfile;
    conference.failedMcus = failedMcus;
    conference.movedBranches = movedBranches;
    conference.media = conferenceMedia;
    flows = twin::ConferenceFlows(twin, conference);
    // A prioritised site's endpoints' streams, and its MCU's streams up and down the cascade
    // (a province's endpoints sit on its MCU's router: their conference rides on those).
    auto prioritised = [&](twin::SiteId s) {
      return std::find(prioritySites.begin(), prioritySites.end(), s) != prioritySites.end();
    };
    for (Flow& f : flows) {
      f.priority = prioritised(f.endpointSite) ||
                   (f.endpoints == 0 && (prioritised(twin.GetNode(f.from).site) || prioritised(twin.GetNode(f.to).site)));
    }
  }
  if (vpnOn) {
    const auto vpn = twin::VpnFlows(twin);
    flows.insert(flows.end(), vpn.begin(), vpn.end());
  }
  flows.insert(flows.end(), attacks.begin(), attacks.end());
  return flows;
}

void TrafficState::SetPriority(SiteId site, bool on) {
  prioritySites.erase(std::remove(prioritySites.begin(), prioritySites.end(), site), prioritySites.end());
  if (on) prioritySites.push_back(site);
}

int TrafficState::StartAttack(const twin::Twin& twin, SiteId target, double mbps, int hosts, std::uint64_t seed) {
  const auto added = twin::AttackFlows(twin, target, mbps, hosts, seed);
  attacks.insert(attacks.end(), added.begin(), added.end());
  return static_cast<int>(attacks.size());
}

void TrafficState::LimitAttacks(SiteId target, double mbps) {
  for (Flow& f : attacks) {
    if (f.endpointSite == target) f.mbps = std::min(f.mbps, mbps);
  }
  attacks.erase(std::remove_if(attacks.begin(), attacks.end(), [](const Flow& f) { return f.mbps <= 0; }),
                attacks.end());
}

void TrafficState::CompromiseHost(const twin::Twin& twin, SiteId host, SiteId target, double mbps) {
  const NodeId from = twin.FirstNode(host), to = twin.FirstNode(target);
  if (from != to) attacks.push_back({from, to, mbps, twin::FlowKind::Attack, target, 0});
}

void TrafficState::IsolateHost(const twin::Twin& twin, SiteId host) {
  const NodeId from = twin.FirstNode(host);
  attacks.erase(std::remove_if(attacks.begin(), attacks.end(), [&](const Flow& f) { return f.from == from; }),
                attacks.end());
}

void TrafficState::MoveBranch(SiteId branch, SiteId to) {
  movedBranches.erase(std::remove_if(movedBranches.begin(), movedBranches.end(),
                                     [&](const auto& m) { return m.first == branch; }),
                      movedBranches.end());
  if (to.IsValid()) movedBranches.emplace_back(branch, to);
}

void TrafficState::SetMcuFailed(SiteId site, bool failed) {
  failedMcus.erase(std::remove(failedMcus.begin(), failedMcus.end(), site), failedMcus.end());
  if (failed) failedMcus.push_back(site);
}

std::vector<SiteId> TrafficState::AttackTargets() const {
  std::vector<SiteId> out;
  for (const Flow& f : attacks) {
    if (std::find(out.begin(), out.end(), f.endpointSite) == out.end()) out.push_back(f.endpointSite);
  }
  return out;
}

double TrafficState::AttackMbps(SiteId target) const {
  double sum = 0.0;
  for (const Flow& f : attacks) sum += f.endpointSite == target ? f.mbps : 0.0;
  return sum;
}

PingStats SummarisePings(std::vector<double> sentAtS, std::vector<double> rttMs) {
  PingStats out;
  double sum = 0.0;
  for (double rtt : rttMs) {
    ++out.sent;
    if (rtt < 0) continue;
    out.minRttMs = out.received == 0 ? rtt : std::min(out.minRttMs, rtt);
    out.maxRttMs = std::max(out.maxRttMs, rtt);
    sum += rtt;
    ++out.received;
  }
  out.avgRttMs = out.received ? sum / out.received : 0.0;
  out.sentAtS = std::move(sentAtS);
  out.rttMs = std::move(rttMs);
  return out;
}

std::vector<SiteId> TrafficState::AttackSources(const twin::Twin& twin) const {
  std::vector<SiteId> out;
  for (const Flow& f : attacks) {
    const SiteId site = twin.GetNode(f.from).site;
    if (std::find(out.begin(), out.end(), site) == out.end()) out.push_back(site);
  }
  return out;
}

double SerialisationMs(double capacityMbps) {
  return capacityMbps <= 0 ? 0.0 : (kBulkPacketBytes + 2) * 8.0 / (capacityMbps * 1e6) * 1000.0;
}

double QueueMs(double offeredMbps, double capacityMbps, std::uint32_t streams, std::uint32_t queuePackets) {
  if (capacityMbps <= 0 || streams == 0) return 0.0;
  const double serviceMs = SerialisationMs(capacityMbps);
  const double rho = offeredMbps / capacityMbps;
  const double full = queuePackets * serviceMs;
  if (rho >= 1.0) return full;
  const double share = 1.0 - 1.0 / static_cast<double>(streams);
  return std::min(full, share * rho / (2.0 * (1.0 - rho)) * serviceMs);
}

std::array<double, 2> LoadLossPct(const twin::Twin& twin, const twin::LinkLoads& loads, LinkId link) {
  const twin::Link& l = twin.GetLink(link);
  const double cap = l.capacityMbps * l.state.capacityFactor;
  return {twin::FluidLossPct(loads.bToAMbps[link.Index()], cap), twin::FluidLossPct(loads.aToBMbps[link.Index()], cap)};
}

double RateView::QueueOf(const twin::Link& link, std::uint32_t l, bool forward) const {
  const double offered = m_loads.aToBMbps.empty() ? 0.0 : (forward ? m_loads.aToBMbps[l] : m_loads.bToAMbps[l]);
  const std::uint32_t streams =
      m_loads.streamsAtoB.empty() ? 0 : (forward ? m_loads.streamsAtoB[l] : m_loads.streamsBtoA[l]);
  return QueueMs(offered, link.capacityMbps * link.state.capacityFactor, streams, m_queuePackets);
}

LinkLoad RateView::LinkState(LinkId link) const {
  LinkLoad out;
  out.aToBMbps = m_loads.aToBMbps.empty() ? 0.0 : m_loads.aToBMbps[link.Index()];
  out.bToAMbps = m_loads.bToAMbps.empty() ? 0.0 : m_loads.bToAMbps[link.Index()];
  out.utilisation = m_loads.aToBMbps.empty() ? 0.0 : m_loads.Utilisation(m_twin, link);
  const Wire& w = m_wires[link.Index()];
  const double degradation = m_twin.GetLink(link).state.lossPct / 100.0;
  auto total = [&](double loadPct) { return w.cut ? 100.0 : 100.0 * (1.0 - (1.0 - loadPct / 100.0) * (1.0 - degradation)); };
  out.lossAtoBPct = total(w.loadLossPct[1]);
  out.lossBtoAPct = total(w.loadLossPct[0]);
  const twin::Link& l = m_twin.GetLink(link);
  const double cap = l.capacityMbps * l.state.capacityFactor;
  out.queueAtoBMs =
      m_loads.streamsAtoB.empty() ? 0.0 : QueueMs(out.aToBMbps, cap, m_loads.streamsAtoB[link.Index()], m_queuePackets);
  out.queueBtoAMs =
      m_loads.streamsBtoA.empty() ? 0.0 : QueueMs(out.bToAMbps, cap, m_loads.streamsBtoA[link.Index()], m_queuePackets);
  return out;
}

LinksSummary RateView::Links() const {
  LinksSummary out;
  if (m_loads.aToBMbps.empty()) return out;
  for (std::uint32_t l = 0; l < m_twin.Links().size(); ++l) {
    const double u = m_loads.Utilisation(m_twin, LinkId(l));
    out.congested += u > 0.9;
    out.overCapacity += u > 1.0;
    if (u > out.maxUtilisation) {
      out.maxUtilisation = u;
      out.busiest = LinkId(l);
    }
  }
  return out;
}

StreamQuality RateView::Stream(const Flow& f) const {
  StreamQuality q;
  q.from = f.from;
  q.to = f.to;
  q.endpointSite = f.endpointSite;
  q.endpoints = f.endpoints;
  q.mbps = f.mbps;
  // Compose the link states along the route: each link's loss, its
  // propagation and serialisation delay, and the queue its load builds.
  NodeId at = f.from;
  double delivered = 1.0;
  for (std::size_t hops = 0; at != f.to && hops < m_twin.Nodes().size(); ++hops) {
    const std::uint32_t l = m_tables.NextLink(at, f.to);
    if (l == twin::RoutingTables::kNoRoute) break;
    const twin::Link& link = m_twin.GetLink(LinkId(l));
    const bool forward = link.a == at;
    const Wire& w = m_wires[l];
    // A priority stream goes ahead of the queue: no loss to load, no queueing (strict priority,
    // docs/assumptions.md: the event's streams are a small share of any link).
    const double loadLoss = f.priority ? 0.0 : w.loadLossPct[forward ? 1 : 0];
    const double linkLoss = w.cut ? 1.0 : 1.0 - (1.0 - loadLoss / 100.0) * (1.0 - link.state.lossPct / 100.0);
    delivered *= 1.0 - linkLoss;
    const double cap = link.capacityMbps * link.state.capacityFactor;
    q.delayMs += m_twin.DelayMs(LinkId(l)) + link.state.extraDelayMs + SerialisationMs(cap) +
                 (f.priority ? 0.0 : QueueOf(link, l, forward));
    at = forward ? link.b : link.a;
  }
  q.routed = at == f.to;
  q.lossPct = q.routed ? 100.0 * (1.0 - delivered) : 100.0;
  return q;
}

std::vector<Hop> RateView::Path(NodeId from, NodeId to, std::uint32_t bytes) const {
  std::vector<Hop> hops;
  std::vector<bool> seen(m_twin.Nodes().size(), false);
  seen[from.Index()] = true;
  double oneWay = 0.0;
  for (NodeId at = from; at != to;) {
    const std::uint32_t l = m_tables.NextLink(at, to);
    if (l == twin::RoutingTables::kNoRoute) break;
    const twin::Link& link = m_twin.GetLink(LinkId(l));
    const bool forward = link.a == at;
    const NodeId next = forward ? link.b : link.a;
    const double cap = link.capacityMbps * link.state.capacityFactor;
    oneWay += m_twin.DelayMs(LinkId(l)) + link.state.extraDelayMs + (bytes + 2) * 8.0 / (cap * 1e6) * 1000.0 +
              (m_queues ? QueueOf(link, l, forward) : 0.0);
    hops.push_back({next, LinkId(l), m_wires[l].cut, oneWay});
    if (m_wires[l].cut || seen[next.Index()]) break;
    seen[next.Index()] = true;
    at = next;
  }
  return hops;
}

std::vector<bool> RateView::SitesReachingCore() const {
  const std::vector<NodeId> core = m_twin.CoreNodes();
  std::vector<bool> out(m_twin.Sites().size(), false);
  if (core.empty()) return out;
  auto reaches = [&](NodeId a, NodeId b) {
    const auto hops = Path(a, b, 84);
    return a == b || (!hops.empty() && hops.back().node == b && !hops.back().dark);
  };
  for (std::uint32_t s = 0; s < out.size(); ++s) {
    const NodeId n = m_twin.FirstNode(SiteId(s));
    if (m_twin.GetNode(n).state.IsDown()) continue;
    for (NodeId c : core) {
      if (m_twin.GetNode(c).state.IsDown()) continue;
      if (reaches(n, c) && reaches(c, n)) {
        out[s] = true;
        break;
      }
    }
  }
  return out;
}

std::vector<LinkId> RateView::AttackLinks(const std::vector<Flow>& attacks, SiteId target) const {
  std::vector<LinkId> out;
  for (const Flow& f : attacks) {
    if (f.endpointSite != target) continue;
    for (const Hop& h : Path(f.from, f.to, 84)) {
      if (std::find(out.begin(), out.end(), h.link) == out.end()) out.push_back(h.link);
    }
  }
  return out;
}

std::vector<std::array<int, 3>> ConferenceBySite(const twin::Twin& twin, const std::vector<Flow>& flows,
                                                 const std::string& profile,
                                                 const std::function<int(const Flow&)>& classOf) {
  std::vector<std::array<int, 3>> bySite(twin.Sites().size(), {0, 0, 0});
  // An endpoint is as good as its own two streams and the cascade above its MCU.
  std::unordered_map<std::uint32_t, std::pair<int, std::uint32_t>> cascade;  // MCU site -> (class, parent MCU site)
  for (std::size_t i = 0; i + 1 < flows.size(); i += 2) {
    const Flow& up = flows[i];
    if (up.kind != twin::FlowKind::Conference || up.endpoints != 0) continue;
    cascade[twin.GetNode(up.from).site.Index()] = {std::max(classOf(up), classOf(flows[i + 1])),
                                                  twin.GetNode(up.to).site.Index()};
  }
  std::unordered_map<std::uint32_t, int> chainMemo;
  std::function<int(std::uint32_t, int)> chain = [&](std::uint32_t mcu, int depth) -> int {
    auto it = cascade.find(mcu);
    if (it == cascade.end() || depth > 8) return 0;
    if (auto memo = chainMemo.find(mcu); memo != chainMemo.end()) return memo->second;
    const int c = std::max(it->second.first, chain(it->second.second, depth + 1));
    chainMemo[mcu] = c;
    return c;
  };
  auto add = [&](std::uint32_t site, int cls, int endpoints) { bySite[site][static_cast<std::size_t>(cls)] += endpoints; };
  std::vector<bool> hasStreams(twin.Sites().size(), false);
  for (std::size_t i = 0; i + 1 < flows.size(); i += 2) {
    const Flow& up = flows[i];
    if (up.kind != twin::FlowKind::Conference || up.endpoints == 0) continue;
    hasStreams[up.endpointSite.Index()] = true;
    const std::uint32_t mcu = twin.GetNode(up.to).site.Index();
    add(up.endpointSite.Index(), std::max({classOf(up), classOf(flows[i + 1]), chain(mcu, 0)}), up.endpoints);
  }
  // Endpoints on their MCU's own router load no link: as good as that MCU's cascade.
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    const int endpoints = twin.Endpoints(SiteId(s), profile);
    if (endpoints > 0 && !hasStreams[s]) add(s, chain(s, 0), endpoints);
  }
  return bySite;
}

ConferenceKpi ConferenceTotals(const twin::Twin& twin, const std::string& profile,
                               const std::vector<std::array<int, 3>>& bySite) {
  ConferenceKpi k;
  k.endpoints = twin.TotalEndpoints(profile);
  for (const auto& site : bySite) {
    k.good += site[0];
    k.degraded += site[1];
    k.lost += site[2];
  }
  return k;
}

}  // namespace netdrill::session
