// The engine's inside, shared by the files that implement it (engine.cc:
// building and changing the network; engine-measure.cc: what it measures).
// Never included outside sim/.
#pragma once

#include "sim/engine.h"
#include "sim/forwarding-state.h"
#include "sim/icmp-prober.h"
#include "sim/packet-traffic.h"
#include "sim/queued-channel.h"
#include "session/rate-model.h"
#include "twin/address-plan.h"
#include "twin/traffic.h"

#include <ns3/error-model.h>
#include <ns3/event-id.h>
#include <ns3/node-container.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/random-variable-stream.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::sim {

struct Engine::Impl {
  twin::Twin twin;
  EngineOptions options;
  std::optional<twin::AddressPlan> plan;
  std::shared_ptr<ForwardingState> state = std::make_shared<ForwardingState>();
  ns3::NodeContainer nodes;
  std::vector<std::array<ns3::Ptr<ns3::PointToPointNetDevice>, 2>> devices;
  std::vector<ns3::Ptr<QueuedChannel>> channels;  // per twin link (null: not built)
  // What each link drops, per direction: a cut drops everything; otherwise the
  // fluid loss of its load and its degradation (session::Wire). rx[l][0] sits
  // at end a (traffic b->a), rx[l][1] at end b (a->b); made on first need.
  std::vector<session::Wire> wires;
  std::vector<std::array<ns3::Ptr<ns3::RateErrorModel>, 2>> rx;
  session::TrafficState traffic;
  std::vector<twin::Flow> flows;
  twin::LinkLoads loads;
  std::unique_ptr<PacketTraffic> packets;  // fidelity "packet": the bulk traffic as packets
  twin::SitePower power;
  std::vector<std::optional<double>> designedCost;  // per link, as the twin was built  // what each site runs on (twin/power.h)
  ns3::Ptr<ns3::NormalRandomVariable> repairDraw;
  twin::FieldTeams teams;  // who repairs what, and when (twin/field-teams.h)
  /// The rates' view of the network now: what every measurement composes.
  session::RateView Rates() const {
    return {twin, *state->tables, loads, wires, options.queuePackets, packets == nullptr};
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
  /// Loss, delay and jitter of one stream: measured (packet fidelity) or
  /// composed from the link states along its route (rates).
  session::StreamQuality StreamQuality(const twin::Flow& flow) const;
};

}  // namespace netdrill::sim
