// The engine's inside, shared by the files that implement it (engine.cc:
// building and changing the network; engine-measure.cc: what it measures).
// Never included outside sim/.
#pragma once

#include "sim/engine.h"
#include "sim/forwarding-state.h"
#include "sim/icmp-prober.h"
#include "sim/packet-traffic.h"
#include "sim/queued-channel.h"
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
  std::vector<ns3::Ptr<QueuedChannel>> channels;  // per twin link (null: not built)  // per twin link (null: not built)
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
  std::unique_ptr<PacketTraffic> packets;  // fidelity "packet": the bulk traffic as packets
  std::vector<ns3::EventId> batteryEmpty;
  std::vector<bool> powerLost;  // per site  // per site: the pending shutdown of a site on battery
  ns3::Ptr<ns3::UniformRandomVariable> generatorDraw;
  ns3::Ptr<ns3::NormalRandomVariable> repairDraw;
  /// Time to put one 1,000-byte packet (and its 2-byte PPP header) on a link.
  static double SerialisationMs(double capacityMbps) {
    return capacityMbps <= 0 ? 0.0 : (PacketTraffic::kPacketBytes + 2) * 8.0 / (capacityMbps * 1e6) * 1000.0;
  }
  /// Mean waiting time in a link direction's queue, carrying `streams`
  /// constant-rate streams of 1,000-byte packets at random phases. One stream
  /// alone never waits below capacity; many tend to Poisson arrivals, the
  /// M/D/1 queue (Pollaczek-Khinchine); in between, the M/D/1 wait scaled by
  /// (1 - 1/n). Overloaded, or past the queue's length: a full queue.
  double QueueMs(double offeredMbps, double capacityMbps, std::uint32_t streams) const {
    if (capacityMbps <= 0 || streams == 0) return 0.0;
    const double serviceMs = SerialisationMs(capacityMbps);
    const double rho = offeredMbps / capacityMbps;
    const double full = options.queuePackets * serviceMs;
    if (rho >= 1.0) return full;
    const double share = 1.0 - 1.0 / static_cast<double>(streams);
    return std::min(full, share * rho / (2.0 * (1.0 - rho)) * serviceMs);
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
  Engine::StreamKpi StreamQuality(const twin::Flow& flow) const;
};

}  // namespace netdrill::sim
