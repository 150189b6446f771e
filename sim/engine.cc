#include "sim/engine.h"

#include "sim/engine-impl.h"
#include "sim/queued-channel.h"
#include "sim/twin-routing-protocol.h"
#include "twin/graph.h"
#include "twin/traffic.h"

#include <ns3/data-rate.h>
#include <ns3/error-model.h>
#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4.h>
#include <ns3/node-container.h>
#include <ns3/drop-tail-queue.h>
#include <ns3/mac48-address.h>
#include <ns3/net-device-container.h>
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
  // Each device's own drop-tail queue drops what overflows it (and says so in
  // its MacTxDrop trace): no flow control, no traffic-control queue in front.
  // The channel is ours: with the bulk traffic as rates, it adds the wait of
  // the queue that traffic builds (QueuedChannel).
  devices.resize(twin.Links().size());
  channels.resize(twin.Links().size());
  wires.resize(twin.Links().size());
  rx.resize(twin.Links().size());
  state->interfaceAtA.assign(twin.Links().size(), 0);
  state->interfaceAtB.assign(twin.Links().size(), 0);
  const ns3::QueueSize queueSize(ns3::QueueSizeUnit::PACKETS, options.queuePackets);
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const twin::LinkId id(l);
    const twin::Link& link = twin.GetLink(id);
    if (link.a == link.b) continue;  // a self-loop carries nothing
    auto channel = ns3::CreateObject<QueuedChannel>();
    channel->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(
                                       static_cast<std::int64_t>(std::llround(twin.DelayMs(id) * 1000.0)))));
    channels[l] = channel;
    ns3::NetDeviceContainer pair;
    for (twin::NodeId end : {link.a, link.b}) {
      auto dev = ns3::CreateObject<ns3::PointToPointNetDevice>();
      dev->SetAddress(ns3::Mac48Address::Allocate());
      dev->SetDataRate(ns3::DataRate(static_cast<std::uint64_t>(std::llround(link.capacityMbps * 1e6))));
      auto queue = ns3::CreateObject<ns3::DropTailQueue<ns3::Packet>>();
      queue->SetMaxSize(queueSize);
      dev->SetQueue(queue);
      nodes.Get(end.Index())->AddDevice(dev);
      dev->Attach(channel);
      pair.Add(dev);
    }
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
  power = twin::SitePower(twin, options.seed);
  for (const twin::Link& link : twin.Links()) designedCost.push_back(link.cost);
  repairDraw = ns3::CreateObject<ns3::NormalRandomVariable>();
  repairDraw->SetAttribute("Mean", ns3::DoubleValue(0.0));
  repairDraw->SetAttribute("Variance", ns3::DoubleValue(1.0));
  repairDraw->SetStream(2);
  teams = twin::FieldTeams(twin, options.teamsPerProvince);
  report.nodes = n;
  report.routes = state->tables->EntryCount();
  report.areas = plan->AreaCount();
  probers.resize(n);
  if (options.bulk == BulkTraffic::Packets) packets = std::make_unique<PacketTraffic>(*plan, nodes, devices);
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
  m_impl->packets.reset();
  m_impl->devices.clear();
  m_impl->channels.clear();
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
  // ns-3 takes seeds 1 to 4294967086 (below MRG32k3a's modulus): the same as seed + 1 for every seed under it.
  ns3::RngSeedManager::SetSeed(static_cast<std::uint32_t>(options.seed % 4294967086ULL) + 1);
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
  const session::Wire& w = wires[link.Index()];
  auto& models = rx[link.Index()];
  if (!devices[link.Index()][0]) return;
  const double degradation = twin.GetLink(link).state.lossPct / 100.0;
  for (std::size_t end = 0; end < 2; ++end) {
    const double load = w.loadLossPct[end] / 100.0;
    const double rate = w.cut ? 1.0 : 1.0 - (1.0 - load) * (1.0 - degradation);
    if (rate <= 0.0 && !models[end]) continue;
    if (!models[end]) {
      auto em = ns3::CreateObject<ns3::RateErrorModel>();
      em->SetUnit(ns3::RateErrorModel::ERROR_UNIT_PACKET);
      // A stream of its own per model: the run does not depend on which models exist.
      em->AssignStreams(static_cast<std::int64_t>(1000 + 2 * link.Index() + end));
      models[end] = em;
      devices[link.Index()][end]->SetReceiveErrorModel(em);
    }
    models[end]->SetRate(rate);
    if (rate > 0.0) {
      models[end]->Enable();
    } else {
      models[end]->Disable();
    }
  }
}

void Engine::Impl::Reload() {
  // The fluid loads along the current routes, and the loss each link direction gives them.
  flows = traffic.Flows(twin);
  loads = twin::RouteFlows(twin, *state->tables, flows);
  if (packets) {
    // The packets meet the queues themselves: no modelled loss on the wires.
    packets->SetFlows(flows);
    return;
  }
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const twin::Link& link = twin.GetLink(twin::LinkId(l));
    const double cap = link.capacityMbps * link.state.capacityFactor;
    const std::array<double, 2> loss = session::LoadLossPct(twin, loads, twin::LinkId(l));
    if (loss != wires[l].loadLossPct) {
      wires[l].loadLossPct = loss;
      ApplyWire(twin::LinkId(l));
    }
    // The wait each direction's queue adds: what probes and pings meet.
    if (channels[l]) {
      channels[l]->SetWait(0, ns3::NanoSeconds(std::llround(
                                  session::QueueMs(loads.aToBMbps[l], cap, loads.streamsAtoB[l], options.queuePackets) * 1e6)));
      channels[l]->SetWait(1, ns3::NanoSeconds(std::llround(
                                  session::QueueMs(loads.bToAMbps[l], cap, loads.streamsBtoA[l], options.queuePackets) * 1e6)));
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
  l.cost = cost > 0 ? std::optional<double>(cost) : DesignedCost(link);
  m_impl->Reconverge({link});
}

void Engine::SetPowerLost(twin::SiteId site, bool lost) {
  Impl& m = *m_impl;
  if (!lost) {
    if (m.power.RestoreMains(site)) SetSiteRoutersUp(site, true);
    return;
  }
  if (auto battery = m.power.LoseMains(site, Now())) RunBattery(site, *battery);
}

void Engine::RunBattery(twin::SiteId site, twin::BatteryRun battery) {
  ns3::Simulator::Schedule(ns3::Seconds(battery.seconds), [this, site, battery]() {
    if (m_impl->power.BatteryEmpty(site, battery.run, Now())) SetSiteRoutersUp(site, false);
  });
}

void Engine::SetSiteRoutersUp(twin::SiteId site, bool up) {
  for (twin::NodeId n : m_impl->twin.GetSite(site).nodes) {
    if (m_impl->twin.GetNode(n).state.IsDown() == up) SetNodeUp(n, up);
  }
}

void Engine::FailGenerator(twin::SiteId site) {
  if (auto battery = m_impl->power.FailGenerator(site, Now())) RunBattery(site, *battery);
}

std::optional<twin::TeamJob> Engine::DispatchGeneratorRestart(twin::SiteId site) {
  Impl& m = *m_impl;
  const twin::RepairEstimate estimate = twin::EstimateGeneratorRestart(m.twin, site, m.options.repair);
  const auto job = m.teams.Assign(m.twin, site, Now(), estimate.travelHours * 3600.0,
                                  twin::OnSiteSeconds(estimate, m.options.repair, 0.0));
  if (job) {
    ns3::Simulator::Schedule(ns3::Seconds(job->doneS - Now()), [this, site]() {
      if (m_impl->power.RestartGenerator(site, Now())) SetSiteRoutersUp(site, true);
    });
  }
  return job;
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

std::optional<twin::TeamJob> Engine::DispatchRepair(twin::LinkId link) {
  Impl& m = *m_impl;
  const twin::RepairEstimate estimate = twin::EstimateRepair(m.twin, link, m.options.repair);
  const double onSiteS = twin::OnSiteSeconds(estimate, m.options.repair, m.repairDraw->GetValue());
  const auto job = m.teams.Assign(m.twin, link, Now(), estimate.travelHours * 3600.0, onSiteS);
  if (job) ns3::Simulator::Schedule(ns3::Seconds(job->doneS - Now()), [this, link]() { SetLinksUp({link}, true); });
  return job;
}

bool Engine::SetTeamsOnDuty(const std::string& province, int count) { return m_impl->teams.SetOnDuty(province, count); }
std::vector<twin::FieldTeam> Engine::Teams() const { return m_impl->teams.Teams(); }

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
  m_impl->traffic.conferenceOn = true;
  m_impl->traffic.conferenceProfile = profile;
  m_impl->Reload();
}

void Engine::StopConference() {
  m_impl->traffic.conferenceOn = false;
  m_impl->Reload();
}

void Engine::SetVpnLoad(bool on) {
  m_impl->traffic.vpnOn = on;
  m_impl->Reload();
}

int Engine::StartAttack(twin::SiteId target, double mbps, int hosts) {
  Impl& m = *m_impl;
  const int id = m.traffic.StartAttack(m.twin, target, mbps, hosts, m.options.seed + m.traffic.attacks.size());
  m.Reload();
  return id;
}

void Engine::LimitAttacks(twin::SiteId target, double mbps) {
  m_impl->traffic.LimitAttacks(target, mbps);
  m_impl->Reload();
}

void Engine::MoveConferenceBranch(twin::SiteId branch, twin::SiteId to) {
  m_impl->traffic.MoveBranch(branch, to);
  m_impl->Reload();
}

void Engine::SetConferenceMedia(const std::string& media) {
  m_impl->traffic.conferenceMedia = media;
  m_impl->Reload();
}

void Engine::SetConferencePriority(twin::SiteId site, bool on) {
  m_impl->traffic.SetPriority(site, on);
  m_impl->Reload();
}

const std::vector<twin::SiteId>& Engine::PrioritySites() const { return m_impl->traffic.prioritySites; }

void Engine::CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps) {
  m_impl->traffic.CompromiseHost(m_impl->twin, host, target, mbps);
  m_impl->Reload();
}

void Engine::IsolateHost(twin::SiteId host) {
  m_impl->traffic.IsolateHost(m_impl->twin, host);
  m_impl->Reload();
}

void Engine::SetMcuFailed(twin::SiteId site, bool failed) {
  m_impl->traffic.SetMcuFailed(site, failed);
  m_impl->Reload();
}

session::ModelFactory EngineModel() {
  return [](const twin::Twin& twin, const session::ModelOptions& model, twin::Diagnostics& diags)
             -> std::unique_ptr<session::NetworkModel> {
    EngineOptions options;
    options.seed = model.seed;
    options.bulk = model.bulk;
    options.teamsPerProvince = model.teamsPerProvince;
    return Engine::Create(twin, options, diags);
  };
}

}  // namespace netdrill::sim
