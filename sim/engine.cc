#include "sim/engine.h"

#include "sim/forwarding-state.h"
#include "sim/icmp-prober.h"
#include "sim/twin-routing-protocol.h"
#include "twin/graph.h"
#include "twin/traffic.h"

#include <ns3/data-rate.h>
#include <ns3/error-model.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4.h>
#include <ns3/node-container.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/point-to-point-channel.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/queue-size.h>
#include <ns3/random-variable-stream.h>
#include <ns3/rng-seed-manager.h>
#include <ns3/simulator.h>
#include <ns3/double.h>
#include <ns3/string.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <cmath>

namespace netdrill::sim {

namespace {
bool g_engineAlive = false;  // ns-3 has one simulator per process
}

struct Engine::Impl {
  twin::Twin twin;
  EngineOptions options;
  std::optional<twin::AddressPlan> plan;
  std::shared_ptr<ForwardingState> state = std::make_shared<ForwardingState>();
  ns3::NodeContainer nodes;
  std::vector<std::array<ns3::Ptr<ns3::PointToPointNetDevice>, 2>> devices;  // per twin link (null: not built)
  // What each link drops, per direction: a cut drops everything; otherwise the
  // fluid loss of its load and its degradation. rx[0] sits at end a (traffic
  // b->a), rx[1] at end b (a->b); made on first need.
  struct Wire {
    bool cut = false;
    std::array<double, 2> loadLossPct{0.0, 0.0};
    std::array<ns3::Ptr<ns3::RateErrorModel>, 2> rx;
  };
  std::vector<Wire> wires;
  bool conferenceOn = false;
  std::string conferenceProfile;
  bool vpnOn = false;
  std::vector<twin::SiteId> failedMcus;
  std::vector<std::pair<twin::SiteId, twin::SiteId>> movedBranches;
  std::string conferenceMedia;
  std::vector<twin::Flow> flows;
  std::vector<twin::Flow> attacks;  // each limited to its current rate
  twin::LinkLoads loads;
  std::vector<ns3::EventId> batteryEmpty;  // per site: the pending shutdown of a site on battery
  ns3::Ptr<ns3::UniformRandomVariable> generatorDraw;
  ns3::Ptr<ns3::NormalRandomVariable> repairDraw;
  /// Waiting time in a link direction's queue under a load (M/M/1 on 1,000-byte
  /// packets, at most a full queue).
  double QueueMs(double offeredMbps, double capacityMbps) const {
    if (capacityMbps <= 0) return 0.0;
    const double serviceMs = 8000.0 / (capacityMbps * 1e6) * 1000.0;
    const double rho = offeredMbps / capacityMbps;
    const double full = options.queuePackets * serviceMs;
    return rho >= 1.0 ? full : std::min(full, rho / (1.0 - rho) * serviceMs);
  }
  std::vector<ns3::Ptr<IcmpProber>> probers;                                 // per node, made on first ping
  struct PingRef {
    std::uint32_t node;
    std::size_t series;
  };
  std::vector<PingRef> pings;
  double routesChangeAt = 0.0;
  BuildReport report;
  struct Round {
    double endsAt = 0.0;
    std::vector<int> pings;  // per site; -1: the prober's own site
  };
  std::vector<Round> rounds;

  bool BuildNetwork(twin::Diagnostics& diags);
  IcmpProber& ProberAt(twin::NodeId node);
  void SetWire(twin::LinkId link, bool up);
  void ApplyWire(twin::LinkId link);
  void Reload();
  void Reconverge(std::vector<twin::LinkId> changed);
};

bool Engine::Impl::BuildNetwork(twin::Diagnostics& diags) {
  plan = twin::AddressPlan::Build(twin, diags);
  if (!plan) return false;
  state->twin = &twin;
  state->plan = &*plan;
  const std::uint32_t n = static_cast<std::uint32_t>(twin.Nodes().size());
  nodes.Create(n);

  ns3::InternetStackHelper stack;
  stack.SetRoutingHelper(TwinRoutingHelper());
  stack.SetIpv6StackInstall(false);
  stack.Install(nodes);

  // Loopbacks: the router's own address, on the loopback interface.
  for (std::uint32_t i = 0; i < n; ++i) {
    auto ipv4 = nodes.Get(i)->GetObject<ns3::Ipv4>();
    ipv4->AddAddress(0, ns3::Ipv4InterfaceAddress(ns3::Ipv4Address(plan->Loopback(twin::NodeId(i))),
                                                 ns3::Ipv4Mask("255.255.255.255")));
  }
  // Links: a point-to-point pair per twin link, its capacity, delay and queue;
  // the /30 of the address plan. Standby backups are built too (routes ignore
  // them until they are enabled).
  ns3::PointToPointHelper p2p;
  p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize",
               ns3::QueueSizeValue(ns3::QueueSize(std::to_string(options.queuePackets) + "p")));
  devices.resize(twin.Links().size());
  wires.resize(twin.Links().size());
  state->interfaceAtA.assign(twin.Links().size(), 0);
  state->interfaceAtB.assign(twin.Links().size(), 0);
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const twin::LinkId id(l);
    const twin::Link& link = twin.GetLink(id);
    if (link.a == link.b) continue;  // a self-loop carries nothing
    p2p.SetDeviceAttribute("DataRate", ns3::DataRateValue(ns3::DataRate(
                                           static_cast<std::uint64_t>(std::llround(link.capacityMbps * 1e6)))));
    p2p.SetChannelAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(
                                         static_cast<std::int64_t>(std::llround(twin.DelayMs(id) * 1000.0)))));
    ns3::NetDeviceContainer pair = p2p.Install(nodes.Get(link.a.Index()), nodes.Get(link.b.Index()));
    for (int end = 0; end < 2; ++end) {
      auto dev = ns3::DynamicCast<ns3::PointToPointNetDevice>(pair.Get(static_cast<std::uint32_t>(end)));
      devices[l][static_cast<std::size_t>(end)] = dev;
      auto ipv4 = dev->GetNode()->GetObject<ns3::Ipv4>();
      const std::uint32_t iface = ipv4->AddInterface(dev);
      ipv4->AddAddress(iface, ns3::Ipv4InterfaceAddress(ns3::Ipv4Address(plan->InterfaceAddress(id, end == 0)),
                                                        ns3::Ipv4Mask("255.255.255.252")));
      ipv4->SetUp(iface);
      (end == 0 ? state->interfaceAtA : state->interfaceAtB)[l] = iface;
    }
    ++report.links;
  }
  // What the twin says is down starts dark.
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const twin::Link& link = twin.GetLink(twin::LinkId(l));
    const bool endsUp = !twin.GetNode(link.a).state.IsDown() && !twin.GetNode(link.b).state.IsDown() &&
                        !twin.GetSite(twin.GetNode(link.a).site).state.IsDown() &&
                        !twin.GetSite(twin.GetNode(link.b).site).state.IsDown();
    if (link.state.IsDown() || !endsUp) SetWire(twin::LinkId(l), false);
  }
  state->tables = twin::RoutingTables::Compute(twin, *plan, twin::Graph::FromTwin(twin));
  for (std::uint32_t i = 0; i < n; ++i) {
    auto proto = ns3::DynamicCast<TwinRoutingProtocol>(nodes.Get(i)->GetObject<ns3::Ipv4>()->GetRoutingProtocol());
    proto->Configure(state, twin::NodeId(i));
  }
  batteryEmpty.resize(twin.Sites().size());
  generatorDraw = ns3::CreateObject<ns3::UniformRandomVariable>();
  generatorDraw->SetStream(1);
  repairDraw = ns3::CreateObject<ns3::NormalRandomVariable>();
  repairDraw->SetAttribute("Mean", ns3::DoubleValue(0.0));
  repairDraw->SetAttribute("Variance", ns3::DoubleValue(1.0));
  repairDraw->SetStream(2);
  report.nodes = n;
  report.routes = state->tables->EntryCount();
  report.areas = plan->AreaCount();
  probers.resize(n);
  return true;
}

IcmpProber& Engine::Impl::ProberAt(twin::NodeId node) {
  auto& p = probers[node.Index()];
  if (!p) {
    p = ns3::CreateObject<IcmpProber>();
    p->Attach(nodes.Get(node.Index()));
  }
  return *p;
}

Engine::Engine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Engine::~Engine() {
  // Close the probers' sockets before the probers go: nothing may call back into them.
  for (auto& p : m_impl->probers) {
    if (p) p->Dispose();
  }
  m_impl->probers.clear();
  m_impl->devices.clear();
  m_impl->wires.clear();
  ns3::Simulator::Destroy();
  g_engineAlive = false;
}

std::unique_ptr<Engine> Engine::Create(const twin::Twin& twin, const EngineOptions& options,
                                       twin::Diagnostics& diags) {
  if (g_engineAlive) {
    diags.Error("engine-busy", "", {}, "", "an engine already runs in this process");
    return nullptr;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  impl->twin = twin;
  impl->options = options;
  ns3::RngSeedManager::SetSeed(static_cast<std::uint32_t>(options.seed % 0xFFFFFFFFu) + 1);
  ns3::RngSeedManager::SetRun(1);
  g_engineAlive = true;
  if (!impl->BuildNetwork(diags)) {
    ns3::Simulator::Destroy();
    g_engineAlive = false;
    return nullptr;
  }
  impl->report.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

const BuildReport& Engine::Build() const { return m_impl->report; }
const twin::Twin& Engine::Twin() const { return m_impl->twin; }
double Engine::Now() const { return ns3::Simulator::Now().GetSeconds(); }
std::uint64_t Engine::Events() const { return ns3::Simulator::GetEventCount(); }
double Engine::RoutesChangeAt() const { return m_impl->routesChangeAt; }

void Engine::RunUntil(double t) {
  const ns3::Time until = ns3::Seconds(t);
  if (until <= ns3::Simulator::Now()) return;
  ns3::Simulator::Stop(until - ns3::Simulator::Now());
  ns3::Simulator::Run();
}

void Engine::SetLinkUp(twin::LinkId link, bool up) { SetLinksUp({link}, up); }

void Engine::Impl::SetWire(twin::LinkId link, bool up) {
  wires[link.Index()].cut = !up;
  ApplyWire(link);
}

void Engine::Impl::ApplyWire(twin::LinkId link) {
  Wire& w = wires[link.Index()];
  if (!devices[link.Index()][0]) return;
  const double degradation = twin.GetLink(link).state.lossPct / 100.0;
  for (std::size_t end = 0; end < 2; ++end) {
    const double load = w.loadLossPct[end] / 100.0;
    const double rate = w.cut ? 1.0 : 1.0 - (1.0 - load) * (1.0 - degradation);
    if (rate <= 0.0 && !w.rx[end]) continue;
    if (!w.rx[end]) {
      auto em = ns3::CreateObject<ns3::RateErrorModel>();
      em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
      // A stream of its own per model: the run does not depend on which models exist.
      em->AssignStreams(static_cast<std::int64_t>(1000 + 2 * link.Index() + end));
      w.rx[end] = em;
      devices[link.Index()][end]->SetReceiveErrorModel(em);
    }
    w.rx[end]->SetRate(rate);
    if (rate > 0.0) {
      w.rx[end]->Enable();
    } else {
      w.rx[end]->Disable();
    }
  }
}

void Engine::Impl::Reload() {
  // The fluid loads along the current routes, and the loss each link direction gives them.
  flows.clear();
  if (conferenceOn) {
    twin::ConferenceOptions conference;
    conference.profile = conferenceProfile;
    conference.failedMcus = failedMcus;
    conference.movedBranches = movedBranches;
    conference.media = conferenceMedia;
    flows = twin::ConferenceFlows(twin, conference);
  }
  if (vpnOn) {
    const auto vpn = twin::VpnFlows(twin);
    flows.insert(flows.end(), vpn.begin(), vpn.end());
  }
  flows.insert(flows.end(), attacks.begin(), attacks.end());
  loads = twin::RouteFlows(twin, *state->tables, flows);
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const twin::Link& link = twin.GetLink(twin::LinkId(l));
    const double cap = link.capacityMbps * link.state.capacityFactor;
    const std::array<double, 2> loss{twin::FluidLossPct(loads.bToAMbps[l], cap),
                                     twin::FluidLossPct(loads.aToBMbps[l], cap)};
    if (loss != wires[l].loadLossPct) {
      wires[l].loadLossPct = loss;
      ApplyWire(twin::LinkId(l));
    }
  }
}

void Engine::Impl::Reconverge(std::vector<twin::LinkId> changed) {
  // The routes move after detection, SPF delay and FIB update.
  const double delay = options.convergence.Total() / 1000.0;
  routesChangeAt = ns3::Simulator::Now().GetSeconds() + delay;
  ns3::Simulator::Schedule(ns3::Seconds(delay), [this, changed]() {
    state->tables->Update(twin, twin::Graph::FromTwin(twin), changed);
    Reload();  // the bulk traffic follows the new routes
  });
}

void Engine::SetLinksUp(const std::vector<twin::LinkId>& links, bool up) {
  Impl& m = *m_impl;
  for (twin::LinkId link : links) {
    m.twin.GetLink(link).state.status = up ? twin::Status::Up : twin::Status::Down;
    // A link whose end is down stays dark when repaired.
    const twin::Link& l = m.twin.GetLink(link);
    const bool endsUp = !m.twin.GetNode(l.a).state.IsDown() && !m.twin.GetNode(l.b).state.IsDown();
    m.SetWire(link, up && endsUp);
  }
  m.Reconverge(links);
}

void Engine::SetNodeUp(twin::NodeId node, bool up) {
  Impl& m = *m_impl;
  m.twin.GetNode(node).state.status = up ? twin::Status::Up : twin::Status::Down;
  std::vector<twin::LinkId> touched;
  for (std::uint32_t l = 0; l < m.twin.Links().size(); ++l) {
    const twin::Link& link = m.twin.GetLink(twin::LinkId(l));
    if (link.a != node && link.b != node) continue;
    touched.push_back(twin::LinkId(l));
    const twin::NodeId other = link.a == node ? link.b : link.a;
    m.SetWire(twin::LinkId(l), up && !link.state.IsDown() && !m.twin.GetNode(other).state.IsDown());
  }
  m.Reconverge(touched);
}

void Engine::SetLinkEnabled(twin::LinkId link, bool enabled) {
  m_impl->twin.GetLink(link).enabled = enabled;
  m_impl->Reconverge({link});
}

void Engine::SetLinkCost(twin::LinkId link, double cost) {
  twin::Link& l = m_impl->twin.GetLink(link);
  if (cost > 0) {
    l.cost = cost;
  } else {
    l.cost.reset();
  }
  m_impl->Reconverge({link});
}

void Engine::SetPowerLost(twin::SiteId site, bool lost) {
  Impl& m = *m_impl;
  auto& pending = m.batteryEmpty[site.Index()];
  if (!lost) {
    ns3::Simulator::Cancel(pending);
    for (twin::NodeId n : m.twin.GetSite(site).nodes) {
      if (m.twin.GetNode(n).state.IsDown()) SetNodeUp(n, true);
    }
    return;
  }
  const bool generatorRuns =
      m.twin.HasGenerator(site) && m.generatorDraw->GetValue() < m.options.generatorStartProbability;
  if (generatorRuns || pending.IsRunning()) return;
  const double hours = m.twin.BatteryHours(site);
  pending = ns3::Simulator::Schedule(ns3::Seconds(hours * 3600.0), [this, site]() {
    for (twin::NodeId n : m_impl->twin.GetSite(site).nodes) SetNodeUp(n, false);
  });
}

void Engine::SetBlackhole(twin::NodeId at, twin::SiteId destination, bool on) {
  Impl& m = *m_impl;
  m.state->tables->SetBlackhole(at, m.plan->AreaOf(m.twin.FirstNode(destination)), on);
  m.Reload();
}

void Engine::SetRouteLeak(twin::NodeId at, twin::SiteId destination, bool on) {
  Impl& m = *m_impl;
  const std::uint32_t area = m.plan->AreaOf(m.twin.FirstNode(destination));
  const double delay = m.options.convergence.Total() / 1000.0;
  m.routesChangeAt = Now() + delay;
  ns3::Simulator::Schedule(ns3::Seconds(delay), [&m, at, area, on]() {
    m.state->tables->SetLeak(twin::Graph::FromTwin(m.twin), at, area, on);
    m.Reload();
  });
}

double Engine::DispatchRepair(twin::LinkId link) {
  Impl& m = *m_impl;
  const twin::Link& l = m.twin.GetLink(link);
  // The team works on the lower-level end: a commune's fibre, a district's uplink.
  const twin::Site& a = m.twin.GetSite(m.twin.GetNode(l.a).site);
  const twin::Site& b = m.twin.GetSite(m.twin.GetNode(l.b).site);
  const twin::Site& far = static_cast<int>(a.level) >= static_cast<int>(b.level) ? a : b;
  const RepairParams& p = m.options.repair;
  const bool urban = far.name.rfind("Phường ", 0) == 0 || far.name.rfind("Thị trấn ", 0) == 0 ||
                     far.name.rfind("Quận ", 0) == 0 || far.name.rfind("Thành phố ", 0) == 0 ||
                     far.level == twin::SiteLevel::RegionalCentre || far.level == twin::SiteLevel::BackupCentre;
  const double median = far.island ? p.remoteHours : urban ? p.urbanHours : p.ruralHours;
  const double repairH = median * std::exp(p.sigma * m.repairDraw->GetValue());
  double travelH = 0.0;
  const twin::SiteId province = m.twin.FindSite("province:" + far.provinceCode);
  if (province.IsValid() && far.position && m.twin.GetSite(province).position) {
    travelH = twin::GreatCircleKm(*far.position, *m.twin.GetSite(province).position) * 1.5 / p.travelKmh;
  }
  const double delayS = (travelH + repairH) * 3600.0;
  ns3::Simulator::Schedule(ns3::Seconds(delayS), [this, link]() { SetLinksUp({link}, true); });
  return Now() + delayS;
}

void Engine::SetLinkDegraded(twin::LinkId link, double lossPct, double extraDelayMs, double capacityFactor) {
  Impl& m = *m_impl;
  twin::Link& l = m.twin.GetLink(link);
  const bool degraded = lossPct > 0 || extraDelayMs > 0 || capacityFactor < 1;
  if (!l.state.IsDown()) l.state.status = degraded ? twin::Status::Degraded : twin::Status::Up;
  l.state.lossPct = lossPct;
  l.state.extraDelayMs = extraDelayMs;
  l.state.capacityFactor = capacityFactor;
  if (auto& devs = m.devices[link.Index()]; devs[0]) {
    const auto rate = static_cast<std::uint64_t>(std::llround(l.capacityMbps * capacityFactor * 1e6));
    for (auto& dev : devs) dev->SetDataRate(ns3::DataRate(std::max<std::uint64_t>(rate, 1000)));
    const auto delayUs = std::llround((m.twin.DelayMs(link) + extraDelayMs) * 1000.0);
    devs[0]->GetChannel()->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(delayUs)));
  }
  m.ApplyWire(link);
  m.Reload();
}

void Engine::StartConference(const std::string& profile) {
  m_impl->conferenceOn = true;
  m_impl->conferenceProfile = profile;
  m_impl->Reload();
}

void Engine::StopConference() {
  m_impl->conferenceOn = false;
  m_impl->Reload();
}

void Engine::SetVpnLoad(bool on) {
  m_impl->vpnOn = on;
  m_impl->Reload();
}

int Engine::StartAttack(twin::SiteId target, double mbps, int hosts) {
  Impl& m = *m_impl;
  const auto added = twin::AttackFlows(m.twin, target, mbps, hosts, m.options.seed + m.attacks.size());
  m.attacks.insert(m.attacks.end(), added.begin(), added.end());
  m.Reload();
  return static_cast<int>(m.attacks.size());
}

void Engine::LimitAttacks(twin::SiteId target, double mbps) {
  Impl& m = *m_impl;
  for (twin::Flow& f : m.attacks) {
    if (f.endpointSite == target) f.mbps = std::min(f.mbps, mbps);
  }
  m.attacks.erase(std::remove_if(m.attacks.begin(), m.attacks.end(), [](const twin::Flow& f) { return f.mbps <= 0; }),
                  m.attacks.end());
  m.Reload();
}

void Engine::MoveConferenceBranch(twin::SiteId branch, twin::SiteId to) {
  auto& moved = m_impl->movedBranches;
  moved.erase(std::remove_if(moved.begin(), moved.end(), [&](const auto& m) { return m.first == branch; }),
              moved.end());
  if (to.IsValid()) moved.emplace_back(branch, to);
  m_impl->Reload();
}

void Engine::SetConferenceMedia(const std::string& media) {
  m_impl->conferenceMedia = media;
  m_impl->Reload();
}

void Engine::CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps) {
  Impl& m = *m_impl;
  const twin::NodeId from = m.twin.FirstNode(host), to = m.twin.FirstNode(target);
  if (from != to) m.attacks.push_back({from, to, mbps, twin::FlowKind::Attack, target, 0});
  m.Reload();
}

void Engine::IsolateHost(twin::SiteId host) {
  Impl& m = *m_impl;
  const twin::NodeId from = m.twin.FirstNode(host);
  m.attacks.erase(std::remove_if(m.attacks.begin(), m.attacks.end(), [&](const twin::Flow& f) { return f.from == from; }),
                  m.attacks.end());
  m.Reload();
}

void Engine::SetMcuFailed(twin::SiteId site, bool failed) {
  auto& list = m_impl->failedMcus;
  list.erase(std::remove(list.begin(), list.end(), site), list.end());
  if (failed) list.push_back(site);
  m_impl->Reload();
}

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
  out.queueAtoBMs = m.QueueMs(out.aToBMbps, cap);
  out.queueBtoAMs = m.QueueMs(out.bToAMbps, cap);
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

Engine::ConferenceKpi Engine::Conference() const {
  const Impl& m = *m_impl;
  ConferenceKpi k;
  if (!m.conferenceOn) return k;
  k.endpoints = m.twin.TotalEndpoints(m.conferenceProfile);
  // Loss and one-way delay of a stream along its route (domain.md's classes).
  auto classOf = [&](const twin::Flow& f) {
    double lossPct = 0.0;
    double delayMs = 0.0;
    bool routed = true;
    twin::NodeId at = f.from;
    double delivered = 1.0;
    for (std::size_t hops = 0; at != f.to && hops < m.twin.Nodes().size(); ++hops) {
      const std::uint32_t l = m.state->tables->NextLink(at, f.to);
      if (l == twin::RoutingTables::kNoRoute) {
        routed = false;
        break;
      }
      const twin::Link& link = m.twin.GetLink(twin::LinkId(l));
      const bool forward = link.a == at;
      const Impl::Wire& w = m.wires[l];
      const double linkLoss = w.cut ? 1.0 : 1.0 - (1.0 - w.loadLossPct[forward ? 1 : 0] / 100.0) *
                                                  (1.0 - link.state.lossPct / 100.0);
      delivered *= 1.0 - linkLoss;
      const double offered = m.loads.aToBMbps.empty() ? 0.0 : (forward ? m.loads.aToBMbps[l] : m.loads.bToAMbps[l]);
      delayMs += m.twin.DelayMs(twin::LinkId(l)) + link.state.extraDelayMs +
                 m.QueueMs(offered, link.capacityMbps * link.state.capacityFactor);
      at = forward ? link.b : link.a;
    }
    if (!routed || at != f.to) return 2;
    lossPct = 100.0 * (1.0 - delivered);
    if (lossPct > 5.0 || delayMs > 400.0) return 2;
    if (lossPct >= 1.0 || delayMs >= 150.0) return 1;
    return 0;
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
  auto add = [&](int cls, int endpoints) { (cls == 0 ? k.good : cls == 1 ? k.degraded : k.lost) += endpoints; };
  std::vector<bool> hasStreams(m.twin.Sites().size(), false);
  for (std::size_t i = 0; i + 1 < m.flows.size(); i += 2) {
    const twin::Flow& up = m.flows[i];
    if (up.kind != twin::FlowKind::Conference || up.endpoints == 0) continue;
    hasStreams[up.endpointSite.Index()] = true;
    const std::uint32_t mcu = m.twin.GetNode(up.to).site.Index();
    add(std::max({classOf(up), classOf(m.flows[i + 1]), chain(mcu, 0)}), up.endpoints);
  }
  // Endpoints on their MCU's own router load no link: as good as that MCU's cascade.
  for (std::uint32_t s = 0; s < m.twin.Sites().size(); ++s) {
    const int endpoints = m.twin.Endpoints(twin::SiteId(s), m.conferenceProfile);
    if (endpoints > 0 && !hasStreams[s]) add(chain(s, 0), endpoints);
  }
  return k;
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
