#include "session/fake-network-model.h"

#include "twin/graph.h"
#include "twin/seeded.h"

#include <algorithm>
#include <cmath>

namespace netdrill::session {

using twin::LinkId;
using twin::NodeId;
using twin::SiteId;

namespace {
struct Later {  // the heap's order: the earliest time first, then the first scheduled
  template <class E>
  bool operator()(const E& x, const E& y) const {
    return x.at != y.at ? x.at > y.at : x.seq > y.seq;
  }
};
}  // namespace

FakeNetworkModel::FakeNetworkModel(const twin::Twin& twin, const ModelOptions& options)
    : m_twin(twin), m_options(options), m_teams(twin, options.teamsPerProvince) {}

std::unique_ptr<FakeNetworkModel> FakeNetworkModel::Create(const twin::Twin& twin, const ModelOptions& options,
                                                           twin::Diagnostics& diags) {
  std::unique_ptr<FakeNetworkModel> m(new FakeNetworkModel(twin, options));
  m->m_plan = twin::AddressPlan::Build(m->m_twin, diags);
  if (!m->m_plan) return nullptr;
  const twin::Twin& t = m->m_twin;
  m->m_wires.resize(t.Links().size());
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const twin::Link& link = t.GetLink(LinkId(l));
    const bool endsUp = !t.GetNode(link.a).state.IsDown() && !t.GetNode(link.b).state.IsDown() &&
                        !t.GetSite(t.GetNode(link.a).site).state.IsDown() &&
                        !t.GetSite(t.GetNode(link.b).site).state.IsDown();
    m->m_wires[l].cut = link.state.IsDown() || !endsUp;
  }
  m->m_tables = twin::RoutingTables::Compute(t, *m->m_plan, twin::Graph::FromTwin(t));
  m->m_power = twin::SitePower(t, options.seed);
  for (const twin::Link& link : t.Links()) m->m_designedCost.push_back(link.cost);
  m->Reload();
  return m;
}

ModelFactory FakeNetworkModel::Factory() {
  return [](const twin::Twin& twin, const ModelOptions& options, twin::Diagnostics& diags)
             -> std::unique_ptr<NetworkModel> { return Create(twin, options, diags); };
}

void FakeNetworkModel::Schedule(double t, std::function<void()> action) {
  m_events.push_back({std::max(t, m_now), m_nextSeq++, std::move(action)});
  std::push_heap(m_events.begin(), m_events.end(), Later{});
}

void FakeNetworkModel::RunUntil(double t) {
  while (!m_events.empty() && m_events.front().at <= t) {
    std::pop_heap(m_events.begin(), m_events.end(), Later{});
    Event e = std::move(m_events.back());
    m_events.pop_back();
    m_now = e.at;
    ++m_eventsRun;
    e.action();
  }
  m_now = std::max(m_now, t);
}

double FakeNetworkModel::Uniform(std::uint64_t a, std::uint64_t b) const {
  const std::uint64_t h = twin::SplitMix64(twin::SplitMix64(m_options.seed ^ a) ^ b);
  return static_cast<double>(h >> 11) / 9007199254740992.0;  // 53 bits in [0, 1)
}

void FakeNetworkModel::Reload() {
  m_flows = m_traffic.Flows(m_twin);
  m_loads = twin::RouteFlows(m_twin, *m_tables, m_flows);
  for (std::uint32_t l = 0; l < m_twin.Links().size(); ++l) {
    m_wires[l].loadLossPct = LoadLossPct(m_twin, m_loads, LinkId(l));
  }
}

void FakeNetworkModel::Reconverge(std::vector<LinkId> changed) {
  Schedule(m_now + m_convergence.Total() / 1000.0, [this, changed]() {
    m_tables->Update(m_twin, twin::Graph::FromTwin(m_twin), changed);
    Reload();
  });
}

void FakeNetworkModel::SetWire(LinkId link, bool up) { m_wires[link.Index()].cut = !up; }

void FakeNetworkModel::SetLinksUp(const std::vector<LinkId>& links, bool up) {
  for (LinkId link : links) {
    m_twin.GetLink(link).state.status = up ? twin::Status::Up : twin::Status::Down;
    const twin::Link& l = m_twin.GetLink(link);
    const bool endsUp = !m_twin.GetNode(l.a).state.IsDown() && !m_twin.GetNode(l.b).state.IsDown();
    SetWire(link, up && endsUp);
  }
  Reconverge(links);
}

void FakeNetworkModel::SetNodeUp(NodeId node, bool up) {
  m_twin.GetNode(node).state.status = up ? twin::Status::Up : twin::Status::Down;
  std::vector<LinkId> touched;
  for (std::uint32_t l = 0; l < m_twin.Links().size(); ++l) {
    const twin::Link& link = m_twin.GetLink(LinkId(l));
    if (link.a != node && link.b != node) continue;
    touched.push_back(LinkId(l));
    const NodeId other = link.a == node ? link.b : link.a;
    SetWire(LinkId(l), up && !link.state.IsDown() && !m_twin.GetNode(other).state.IsDown());
  }
  Reconverge(touched);
}

void FakeNetworkModel::SetLinkEnabled(LinkId link, bool enabled) {
  m_twin.GetLink(link).enabled = enabled;
  Reconverge({link});
}

void FakeNetworkModel::SetLinkCost(LinkId link, double cost) {
  twin::Link& l = m_twin.GetLink(link);
  l.cost = cost > 0 ? std::optional<double>(cost) : DesignedCost(link);
  Reconverge({link});
}

void FakeNetworkModel::SetPowerLost(SiteId site, bool lost) {
  if (!lost) {
    if (m_power.RestoreMains(site)) SetSiteRoutersUp(site, true);
    return;
  }
  if (auto battery = m_power.LoseMains(site, m_now)) RunBattery(site, *battery);
}

void FakeNetworkModel::RunBattery(SiteId site, twin::BatteryRun battery) {
  Schedule(m_now + battery.seconds, [this, site, battery]() {
    if (m_power.BatteryEmpty(site, battery.run, m_now)) SetSiteRoutersUp(site, false);
  });
}

void FakeNetworkModel::SetSiteRoutersUp(SiteId site, bool up) {
  for (NodeId n : m_twin.GetSite(site).nodes) {
    if (m_twin.GetNode(n).state.IsDown() == up) SetNodeUp(n, up);
  }
}

void FakeNetworkModel::FailGenerator(SiteId site) {
  if (auto battery = m_power.FailGenerator(site, m_now)) RunBattery(site, *battery);
}

std::optional<twin::TeamJob> FakeNetworkModel::DispatchGeneratorRestart(SiteId site) {
  const twin::RepairEstimate estimate = twin::EstimateGeneratorRestart(m_twin, site, m_repair);
  const auto job = m_teams.Assign(m_twin, site, m_now, estimate.travelHours * 3600.0,
                                  twin::OnSiteSeconds(estimate, m_repair, 0.0));
  if (job) {
    Schedule(job->doneS, [this, site]() {
      if (m_power.RestartGenerator(site, m_now)) SetSiteRoutersUp(site, true);
    });
  }
  return job;
}

std::optional<twin::TeamJob> FakeNetworkModel::DispatchRepair(LinkId link) {
  const twin::RepairEstimate estimate = twin::EstimateRepair(m_twin, link, m_repair);
  const auto job = m_teams.Assign(m_twin, link, m_now, estimate.travelHours * 3600.0,
                                  twin::OnSiteSeconds(estimate, m_repair, 0.0));  // the median: no draw
  if (job) Schedule(job->doneS, [this, link]() { SetLinksUp({link}, true); });
  return job;
}

void FakeNetworkModel::SetBlackhole(NodeId at, SiteId destination, bool on) {
  m_tables->SetBlackhole(at, m_plan->AreaOf(m_twin.FirstNode(destination)), on);
  Reload();
}

void FakeNetworkModel::SetRouteLeak(NodeId at, SiteId destination, bool on) {
  const std::uint32_t area = m_plan->AreaOf(m_twin.FirstNode(destination));
  Schedule(m_now + m_convergence.Total() / 1000.0, [this, at, area, on]() {
    m_tables->SetLeak(twin::Graph::FromTwin(m_twin), at, area, on);
    Reload();
  });
}

void FakeNetworkModel::SetLinkDegraded(LinkId link, double lossPct, double extraDelayMs, double capacityFactor) {
  twin::Link& l = m_twin.GetLink(link);
  const bool degraded = lossPct > 0 || extraDelayMs > 0 || capacityFactor < 1;
  if (!l.state.IsDown()) l.state.status = degraded ? twin::Status::Degraded : twin::Status::Up;
  l.state.lossPct = lossPct;
  l.state.extraDelayMs = extraDelayMs;
  l.state.capacityFactor = capacityFactor;
  Reload();
}

void FakeNetworkModel::SetMcuFailed(SiteId site, bool failed) {
  m_traffic.SetMcuFailed(site, failed);
  Reload();
}

void FakeNetworkModel::StartConference(const std::string& profile) {
  m_traffic.conferenceOn = true;
  m_traffic.conferenceProfile = profile;
  Reload();
}

void FakeNetworkModel::SetVpnLoad(bool on) {
  m_traffic.vpnOn = on;
  Reload();
}

int FakeNetworkModel::StartAttack(SiteId target, double mbps, int hosts) {
  const int id = m_traffic.StartAttack(m_twin, target, mbps, hosts, m_options.seed + m_traffic.attacks.size());
  Reload();
  return id;
}

void FakeNetworkModel::LimitAttacks(SiteId target, double mbps) {
  m_traffic.LimitAttacks(target, mbps);
  Reload();
}

void FakeNetworkModel::CompromiseHost(SiteId host, SiteId target, double mbps) {
  m_traffic.CompromiseHost(m_twin, host, target, mbps);
  Reload();
}

void FakeNetworkModel::IsolateHost(SiteId host) {
  m_traffic.IsolateHost(m_twin, host);
  Reload();
}

void FakeNetworkModel::MoveConferenceBranch(SiteId branch, SiteId to) {
  m_traffic.MoveBranch(branch, to);
  Reload();
}

void FakeNetworkModel::SetConferenceMedia(const std::string& media) {
  m_traffic.conferenceMedia = media;
  Reload();
}

void FakeNetworkModel::SetConferencePriority(SiteId site, bool on) {
  m_traffic.SetPriority(site, on);
  Reload();
}

int FakeNetworkModel::StartPing(NodeId from, NodeId to, std::uint32_t count, double intervalS) {
  const std::size_t id = m_pings.size();
  m_pings.push_back({from, to, count, m_now, intervalS, {}});
  for (std::uint32_t i = 0; i < count; ++i) {
    Schedule(m_now + intervalS * i, [this, id, i]() { SendEcho(id, i); });
  }
  return static_cast<int>(id);
}

void FakeNetworkModel::SendEcho(std::size_t id, std::size_t echo) {
  Ping& p = m_pings[id];
  // The echo goes by the routes now and comes back the same instant: there, and
  // back, over lit links; each link's loss in the direction crossed.
  double delivered = 1.0, rtt = 0.0;
  bool reached = true;
  for (const auto& [a, b] : {std::pair{p.from, p.to}, std::pair{p.to, p.from}}) {
    if (a == b) continue;
    const std::vector<Hop> hops = Path(a, b, 84);
    if (hops.empty() || hops.back().node != b || hops.back().dark) {
      reached = false;
      break;
    }
    for (const Hop& h : hops) {
      const LinkLoad load = LinkState(h.link);
      delivered *= 1.0 - (m_twin.GetLink(h.link).b == h.node ? load.lossAtoBPct : load.lossBtoAPct) / 100.0;
    }
    rtt += hops.back().oneWayMs;
  }
  const bool lost = !reached || Uniform(id, echo) >= delivered;
  p.rttMs.push_back(lost ? -1.0 : rtt);
}

PingStats FakeNetworkModel::PingResult(int id) const {
  const Ping& p = m_pings.at(static_cast<std::size_t>(id));
  std::vector<double> sentAt;
  for (std::size_t i = 0; i < p.rttMs.size(); ++i) sentAt.push_back(p.startS + p.intervalS * static_cast<double>(i));
  return SummarisePings(std::move(sentAt), p.rttMs);
}

std::vector<Hop> FakeNetworkModel::Path(NodeId from, NodeId to, std::uint32_t bytes) const {
  return Rates().Path(from, to, bytes);
}

std::vector<LinkId> FakeNetworkModel::AttackLinks(SiteId target) const {
  return Rates().AttackLinks(m_traffic.attacks, target);
}

std::vector<std::array<int, 3>> FakeNetworkModel::ConferenceBySite() const {
  if (!m_traffic.conferenceOn) return {};
  const RateView rates = Rates();
  return session::ConferenceBySite(m_twin, m_flows, m_traffic.conferenceProfile, [&](const twin::Flow& f) {
    const StreamQuality q = rates.Stream(f);
    return static_cast<int>(twin::ClassifyStream(q.lossPct, q.delayMs, q.jitterMs, q.routed));
  });
}

ConferenceKpi FakeNetworkModel::Conference() const {
  if (!m_traffic.conferenceOn) return {};
  return ConferenceTotals(m_twin, m_traffic.conferenceProfile, ConferenceBySite());
}

std::uint64_t FakeNetworkModel::Fingerprint() const {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 1099511628211ULL;
  };
  for (const Ping& p : m_pings) {
    for (double rtt : p.rttMs) mix(static_cast<std::uint64_t>(std::llround(rtt * 1e6)));
  }
  for (double mbps : m_loads.aToBMbps) mix(static_cast<std::uint64_t>(std::llround(mbps * 1e3)));
  for (double mbps : m_loads.bToAMbps) mix(static_cast<std::uint64_t>(std::llround(mbps * 1e3)));
  mix(m_eventsRun);
  return h;
}

}  // namespace netdrill::session
