// What the engine measures: link loads and losses, conference quality per
// stream and per endpoint, pings and reachability rounds, the fingerprint.
#include "sim/engine-impl.h"
#include "twin/routing.h"

#include <ns3/simulator.h>

#include <cmath>
#include <functional>
#include <unordered_map>

namespace netdrill::sim {

Engine::LinkLoad Engine::LinkState(twin::LinkId link) const {
  const Impl& m = *m_impl;
  LinkLoad out;
  out.aToBMbps = m.loads.aToBMbps.empty() ? 0.0 : m.loads.aToBMbps[link.Index()];
  out.bToAMbps = m.loads.bToAMbps.empty() ? 0.0 : m.loads.bToAMbps[link.Index()];
  out.utilisation = m.loads.aToBMbps.empty() ? 0.0 : m.loads.Utilisation(m.twin, link);
  const Impl::Wire& w = m.wires[link.Index()];
  const double degradation = m.twin.GetLink(link).state.lossPct / 100.0;
  auto total = [&](double loadPct) { return w.cut ? 100.0 : 100.0 * (1.0 - (1.0 - loadPct / 100.0) * (1.0 - degradation)); };
  out.lossAtoBPct = total(w.loadLossPct[1]);
  out.lossBtoAPct = total(w.loadLossPct[0]);
  const twin::Link& l = m.twin.GetLink(link);
  const double cap = l.capacityMbps * l.state.capacityFactor;
  out.queueAtoBMs = m.loads.streamsAtoB.empty() ? 0.0 : m.QueueMs(out.aToBMbps, cap, m.loads.streamsAtoB[link.Index()]);
  out.queueBtoAMs = m.loads.streamsBtoA.empty() ? 0.0 : m.QueueMs(out.bToAMbps, cap, m.loads.streamsBtoA[link.Index()]);
  if (m.packets) {
    const auto counters = m.packets->LinkCounters(link);
    out.measured = true;
    out.packetsAtoB = counters[0].offered;
    out.packetsBtoA = counters[1].offered;
    out.lossAtoBPct = w.cut ? 100.0 : counters[0].LossPct();
    out.lossBtoAPct = w.cut ? 100.0 : counters[1].LossPct();
  }
  return out;
}

Engine::LinksSummary Engine::Links() const {
  const Impl& m = *m_impl;
  LinksSummary out;
  if (m.loads.aToBMbps.empty()) return out;
  for (std::uint32_t l = 0; l < m.twin.Links().size(); ++l) {
    const double u = m.loads.Utilisation(m.twin, twin::LinkId(l));
    out.congested += u > 0.9;
    out.overCapacity += u > 1.0;
    if (u > out.maxUtilisation) {
      out.maxUtilisation = u;
      out.busiest = twin::LinkId(l);
    }
  }
  return out;
}

Engine::StreamKpi Engine::Impl::StreamQuality(const twin::Flow& f) const {
  StreamKpi q;
  q.from = f.from;
  q.to = f.to;
  q.endpointSite = f.endpointSite;
  q.endpoints = f.endpoints;
  q.mbps = f.mbps;
  if (packets) {
    if (const PacketTraffic::StreamStats* s = packets->Find(f)) {
      q.lossPct = s->LossPct();
      q.delayMs = s->MeanDelayMs();
      q.jitterMs = s->jitterMs;
      q.packets = s->sent;
      q.routed = s->sent == 0 || s->received > 0;
    }
    return q;
  }
  // Rates: compose the link states along the route: each link's loss, its
  // propagation and serialisation delay, and the queue its load builds.
  twin::NodeId at = f.from;
  double delivered = 1.0;
  for (std::size_t hops = 0; at != f.to && hops < twin.Nodes().size(); ++hops) {
    const std::uint32_t l = state->tables->NextLink(at, f.to);
    if (l == twin::RoutingTables::kNoRoute) break;
    const twin::Link& link = twin.GetLink(twin::LinkId(l));
    const bool forward = link.a == at;
    const Wire& w = wires[l];
    const double linkLoss =
        w.cut ? 1.0 : 1.0 - (1.0 - w.loadLossPct[forward ? 1 : 0] / 100.0) * (1.0 - link.state.lossPct / 100.0);
    delivered *= 1.0 - linkLoss;
    const double offered = loads.aToBMbps.empty() ? 0.0 : (forward ? loads.aToBMbps[l] : loads.bToAMbps[l]);
    const std::uint32_t streams = loads.streamsAtoB.empty() ? 0 : (forward ? loads.streamsAtoB[l] : loads.streamsBtoA[l]);
    const double cap = link.capacityMbps * link.state.capacityFactor;
    q.delayMs += twin.DelayMs(twin::LinkId(l)) + link.state.extraDelayMs + SerialisationMs(cap) +
                 QueueMs(offered, cap, streams);
    at = forward ? link.b : link.a;
  }
  q.routed = at == f.to;
  q.lossPct = q.routed ? 100.0 * (1.0 - delivered) : 100.0;
  return q;
}

std::vector<Engine::StreamKpi> Engine::ConferenceStreams() const {
  std::vector<StreamKpi> out;
  for (const twin::Flow& f : m_impl->flows) {
    if (f.kind == twin::FlowKind::Conference) out.push_back(m_impl->StreamQuality(f));
  }
  return out;
}

void Engine::ResetMeasurements() {
  if (m_impl->packets) m_impl->packets->ResetCounters();
}

std::uint64_t Engine::BulkPacketsSent() const { return m_impl->packets ? m_impl->packets->PacketsSent() : 0; }

const twin::AddressPlan& Engine::Plan() const { return *m_impl->plan; }
const twin::RoutingTables& Engine::Routes() const { return *m_impl->state->tables; }
bool Engine::LinkDark(twin::LinkId link) const { return m_impl->wires[link.Index()].cut; }
bool Engine::PowerLost(twin::SiteId site) const { return m_impl->powerLost[site.Index()]; }
const std::vector<twin::SiteId>& Engine::FailedMcus() const { return m_impl->failedMcus; }

std::vector<twin::SiteId> Engine::AttackTargets() const {
  std::vector<twin::SiteId> out;
  for (const twin::Flow& f : m_impl->attacks) {
    if (std::find(out.begin(), out.end(), f.endpointSite) == out.end()) out.push_back(f.endpointSite);
  }
  return out;
}

std::vector<twin::LinkId> Engine::AttackLinks(twin::SiteId target) const {
  std::vector<twin::LinkId> out;
  for (const twin::Flow& f : m_impl->attacks) {
    if (f.endpointSite != target) continue;
    for (const Hop& h : Path(f.from, f.to)) {
      if (std::find(out.begin(), out.end(), h.link) == out.end()) out.push_back(h.link);
    }
  }
  return out;
}

std::vector<Engine::Hop> Engine::Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes) const {
  const Impl& m = *m_impl;
  std::vector<Hop> hops;
  std::vector<bool> seen(m.twin.Nodes().size(), false);
  seen[from.Index()] = true;
  double oneWay = 0.0;
  for (twin::NodeId at = from; at != to;) {
    const std::uint32_t l = m.state->tables->NextLink(at, to);
    if (l == twin::RoutingTables::kNoRoute) break;
    const twin::Link& link = m.twin.GetLink(twin::LinkId(l));
    const bool forward = link.a == at;
    const twin::NodeId next = forward ? link.b : link.a;
    const double cap = link.capacityMbps * link.state.capacityFactor;
    const double offered = m.loads.aToBMbps.empty() ? 0.0 : (forward ? m.loads.aToBMbps[l] : m.loads.bToAMbps[l]);
    const std::uint32_t streams = m.loads.streamsAtoB.empty() ? 0 : (forward ? m.loads.streamsAtoB[l] : m.loads.streamsBtoA[l]);
    oneWay += m.twin.DelayMs(twin::LinkId(l)) + link.state.extraDelayMs + (bytes + 2) * 8.0 / (cap * 1e6) * 1000.0 +
              (m.packets ? 0.0 : m.QueueMs(offered, cap, streams));
    hops.push_back({next, twin::LinkId(l), m.wires[l].cut, oneWay});
    if (m.wires[l].cut || seen[next.Index()]) break;
    seen[next.Index()] = true;
    at = next;
  }
  return hops;
}

std::vector<bool> Engine::SitesReachingCore() const {
  const Impl& m = *m_impl;
  const std::vector<twin::NodeId> core = m.twin.CoreNodes();
  std::vector<bool> out(m.twin.Sites().size(), false);
  if (core.empty()) return out;
  auto reaches = [&](twin::NodeId a, twin::NodeId b) {
    const auto hops = Path(a, b);
    return a == b || (!hops.empty() && hops.back().node == b && !hops.back().dark);
  };
  for (std::uint32_t s = 0; s < out.size(); ++s) {
    const twin::NodeId n = m.twin.FirstNode(twin::SiteId(s));
    if (m.twin.GetNode(n).state.IsDown()) continue;
    for (twin::NodeId c : core) {
      if (m.twin.GetNode(c).state.IsDown()) continue;
      if (reaches(n, c) && reaches(c, n)) {
        out[s] = true;
        break;
      }
    }
  }
  return out;
}

Engine::ConferenceKpi Engine::Conference() const {
  ConferenceKpi k;
  if (!m_impl->conferenceOn) return k;
  k.endpoints = m_impl->twin.TotalEndpoints(m_impl->conferenceProfile);
  for (const auto& site : ConferenceBySite()) {
    k.good += site[0];
    k.degraded += site[1];
    k.lost += site[2];
  }
  return k;
}

std::vector<std::array<int, 3>> Engine::ConferenceBySite() const {
  const Impl& m = *m_impl;
  std::vector<std::array<int, 3>> bySite;
  if (!m.conferenceOn) return bySite;
  bySite.assign(m.twin.Sites().size(), {0, 0, 0});
  auto classOf = [&](const twin::Flow& f) {
    const StreamKpi q = m.StreamQuality(f);
    return static_cast<int>(twin::ClassifyStream(q.lossPct, q.delayMs, q.jitterMs, q.routed));
  };
  // An endpoint is as good as its own two streams and the cascade above its MCU.
  std::unordered_map<std::uint32_t, std::pair<int, std::uint32_t>> cascade;  // MCU site -> (class, parent MCU site)
  for (std::size_t i = 0; i + 1 < m.flows.size(); i += 2) {
    const twin::Flow& up = m.flows[i];
    if (up.kind != twin::FlowKind::Conference || up.endpoints != 0) continue;
    cascade[m.twin.GetNode(up.from).site.Index()] = {std::max(classOf(up), classOf(m.flows[i + 1])),
                                                    m.twin.GetNode(up.to).site.Index()};
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
  std::vector<bool> hasStreams(m.twin.Sites().size(), false);
  for (std::size_t i = 0; i + 1 < m.flows.size(); i += 2) {
    const twin::Flow& up = m.flows[i];
    if (up.kind != twin::FlowKind::Conference || up.endpoints == 0) continue;
    hasStreams[up.endpointSite.Index()] = true;
    const std::uint32_t mcu = m.twin.GetNode(up.to).site.Index();
    add(up.endpointSite.Index(), std::max({classOf(up), classOf(m.flows[i + 1]), chain(mcu, 0)}), up.endpoints);
  }
  // Endpoints on their MCU's own router load no link: as good as that MCU's cascade.
  for (std::uint32_t s = 0; s < m.twin.Sites().size(); ++s) {
    const int endpoints = m.twin.Endpoints(twin::SiteId(s), m.conferenceProfile);
    if (endpoints > 0 && !hasStreams[s]) add(s, chain(s, 0), endpoints);
  }
  return bySite;
}

void Engine::ScheduleAt(double t, std::function<void()> action) {
  const ns3::Time delay = ns3::Seconds(t) - ns3::Simulator::Now();
  ns3::Simulator::Schedule(delay.IsStrictlyNegative() ? ns3::Time(0) : delay, std::move(action));
}

int Engine::StartReachabilityRound(twin::NodeId from, double spreadS, double waitS) {
  Impl& m = *m_impl;
  Impl::Round round;
  round.endsAt = Now() + spreadS + waitS;
  const auto sites = static_cast<std::uint32_t>(m.twin.Sites().size());
  for (std::uint32_t s = 0; s < sites; ++s) {
    const twin::NodeId target = m.twin.FirstNode(twin::SiteId(s));
    round.pings.push_back(target == from ? -1 : StartPing(from, target, 1, 1.0, 84, spreadS * s / sites));
  }
  m.rounds.push_back(std::move(round));
  return static_cast<int>(m.rounds.size() - 1);
}

double Engine::RoundEndsAt(int round) const { return m_impl->rounds.at(static_cast<std::size_t>(round)).endsAt; }

std::vector<bool> Engine::ReachabilityResult(int id) const {
  const Impl::Round& round = m_impl->rounds.at(static_cast<std::size_t>(id));
  if (Now() + 1e-9 < round.endsAt) return {};  // (simulated time is kept in nanoseconds)
  std::vector<bool> reached;
  for (int ping : round.pings) reached.push_back(ping < 0 || PingResult(ping).received > 0);
  return reached;
}

std::vector<double> Engine::ReachabilityRtts(int id) const {
  const Impl::Round& round = m_impl->rounds.at(static_cast<std::size_t>(id));
  if (Now() + 1e-9 < round.endsAt) return {};
  std::vector<double> rtts;
  for (int ping : round.pings) {
    if (ping < 0) {
      rtts.push_back(0.0);
      continue;
    }
    const PingStats s = PingResult(ping);
    rtts.push_back(s.received > 0 ? s.minRttMs : -1.0);
  }
  return rtts;
}

std::uint64_t Engine::Fingerprint() const {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the measured values
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 1099511628211ULL;
  };
  for (std::size_t p = 0; p < m_impl->pings.size(); ++p) {
    const PingStats s = PingResult(static_cast<int>(p));
    for (std::size_t i = 0; i < s.rttMs.size(); ++i) {
      mix(static_cast<std::uint64_t>(std::llround(s.sentAtS[i] * 1e9)));
      mix(static_cast<std::uint64_t>(std::llround(s.rttMs[i] * 1e6)));
    }
  }
  // The bulk loads as they stand, to the kbit/s.
  for (double mbps : m_impl->loads.aToBMbps) mix(static_cast<std::uint64_t>(std::llround(mbps * 1e3)));
  for (double mbps : m_impl->loads.bToAMbps) mix(static_cast<std::uint64_t>(std::llround(mbps * 1e3)));
  if (const auto& p = m_impl->packets) {
    mix(p->PacketsSent());
    mix(p->PacketsReceived());
    for (const auto& st : p->Streams()) mix(st.received);
  }
  mix(Events());
  return h;
}

int Engine::StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS, std::uint32_t bytes,
                      double startInS) {
  Impl& m = *m_impl;
  IcmpProber& prober = m.ProberAt(from);
  const std::size_t series = prober.Start(ns3::Ipv4Address(m.plan->Loopback(to)), count, ns3::Seconds(intervalS),
                                          bytes, ns3::Seconds(startInS));
  m.pings.push_back({from.Index(), series});
  return static_cast<int>(m.pings.size() - 1);
}

PingStats Engine::PingResult(int id) const {
  const Impl& m = *m_impl;
  const auto& ref = m.pings.at(static_cast<std::size_t>(id));
  const EchoSeries& s = m.probers[ref.node]->Series(ref.series);
  PingStats out;
  double sum = 0.0;
  for (std::size_t i = 0; i < s.rtt.size(); ++i) {
    if (s.sentAt[i].IsStrictlyNegative()) continue;  // not sent yet
    ++out.sent;
    out.sentAtS.push_back(s.sentAt[i].GetSeconds());
    const double rtt = s.rtt[i].IsStrictlyNegative() ? -1.0 : s.rtt[i].GetSeconds() * 1000.0;
    out.rttMs.push_back(rtt);
    if (rtt < 0) continue;
    out.minRttMs = out.received == 0 ? rtt : std::min(out.minRttMs, rtt);
    out.maxRttMs = std::max(out.maxRttMs, rtt);
    sum += rtt;
    ++out.received;
  }
  out.avgRttMs = out.received ? sum / out.received : 0.0;
  return out;
}

}  // namespace netdrill::sim
