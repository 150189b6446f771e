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
  LinkLoad out = m.Rates().LinkState(link);
  if (m.packets) {
    const bool cut = m.wires[link.Index()].cut;
    const auto counters = m.packets->LinkCounters(link);
    out.measured = true;
    out.packetsAtoB = counters[0].offered;
    out.packetsBtoA = counters[1].offered;
    out.lossAtoBPct = cut ? 100.0 : counters[0].LossPct();
    out.lossBtoAPct = cut ? 100.0 : counters[1].LossPct();
  }
  return out;
}

Engine::LinksSummary Engine::Links() const { return m_impl->Rates().Links(); }

session::StreamQuality Engine::Impl::StreamQuality(const twin::Flow& f) const {
  if (!packets) return Rates().Stream(f);
  session::StreamQuality q;
  q.from = f.from;
  q.to = f.to;
  q.endpointSite = f.endpointSite;
  q.endpoints = f.endpoints;
  q.mbps = f.mbps;
  if (const PacketTraffic::StreamStats* s = packets->Find(f)) {
    q.lossPct = s->LossPct();
    q.delayMs = s->MeanDelayMs();
    q.jitterMs = s->jitterMs;
    q.packets = s->sent;
    q.routed = s->sent == 0 || s->received > 0;
  }
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
bool Engine::PowerLost(twin::SiteId site) const { return m_impl->power.MainsLost(site); }
const twin::SitePower& Engine::Power() const { return m_impl->power; }
std::optional<double> Engine::DesignedCost(twin::LinkId link) const { return m_impl->designedCost[link.Index()]; }
const std::vector<twin::SiteId>& Engine::FailedMcus() const { return m_impl->traffic.failedMcus; }
std::vector<twin::SiteId> Engine::AttackTargets() const { return m_impl->traffic.AttackTargets(); }
double Engine::AttackMbps(twin::SiteId target) const { return m_impl->traffic.AttackMbps(target); }
std::vector<std::pair<twin::SiteId, twin::SiteId>> Engine::MovedBranches() const { return m_impl->traffic.movedBranches; }
std::vector<twin::SiteId> Engine::AttackSources() const { return m_impl->traffic.AttackSources(m_impl->twin); }

std::vector<twin::LinkId> Engine::AttackLinks(twin::SiteId target) const {
  return m_impl->Rates().AttackLinks(m_impl->traffic.attacks, target);
}

std::vector<Engine::Hop> Engine::Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes) const {
  return m_impl->Rates().Path(from, to, bytes);
}

std::vector<bool> Engine::SitesReachingCore() const { return m_impl->Rates().SitesReachingCore(); }

Engine::ConferenceKpi Engine::Conference() const {
  if (!m_impl->traffic.conferenceOn) return {};
  return session::ConferenceTotals(m_impl->twin, m_impl->traffic.conferenceProfile, ConferenceBySite());
}

std::vector<std::array<int, 3>> Engine::ConferenceBySite() const {
  const Impl& m = *m_impl;
  if (!m.traffic.conferenceOn) return {};
  return session::ConferenceBySite(m.twin, m.flows, m.traffic.conferenceProfile, [&](const twin::Flow& f) {
    const session::StreamQuality q = m.StreamQuality(f);
    return static_cast<int>(twin::ClassifyStream(q.lossPct, q.delayMs, q.jitterMs, q.routed));
  });
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
    round.pings.push_back(target == from ? -1 : StartPingOf(from, target, 1, 1.0, 84, spreadS * s / sites));
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

int Engine::StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS) {
  return StartPingOf(from, to, count, intervalS, 84, 0.0);
}

int Engine::StartPingOf(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS, std::uint32_t bytes,
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
  std::vector<double> sentAt, rtts;
  for (std::size_t i = 0; i < s.rtt.size(); ++i) {
    if (s.sentAt[i].IsStrictlyNegative()) continue;  // not sent yet
    sentAt.push_back(s.sentAt[i].GetSeconds());
    rtts.push_back(s.rtt[i].IsStrictlyNegative() ? -1.0 : s.rtt[i].GetSeconds() * 1000.0);
  }
  return session::SummarisePings(std::move(sentAt), std::move(rtts));
}

}  // namespace netdrill::sim
