// The network as rates: what the bulk traffic (conference, VPN, attacks)
// loads on each link, and what every measurement composes from the links'
// states along the current routes: a link's loss and queue, a path's hops and
// delay, a stream's quality, the sites that reach the core, the conference by
// site. One set of rules for the ns-3 engine's hybrid mode and for the fake
// model: the engine adds packets (probes, pings) on top, the fake does not.
#pragma once

#include "session/network-model.h"
#include "twin/routing.h"
#include "twin/traffic.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace netdrill::session {

/// @brief The size of one bulk-traffic packet (IP), as the packet fidelity sends them.
constexpr std::uint32_t kBulkPacketBytes = 1000;

/// @brief A link's wire: cut or lit, and the loss its load gives at each
/// receiving end ([0] at end a: traffic b->a; [1] at end b: traffic a->b).
struct Wire {
  bool cut = false;
  std::array<double, 2> loadLossPct{0.0, 0.0};
};

/// @brief One conference stream's quality: with rates, composed from the link
/// states along its route; with packets, measured by its receiver.
struct StreamQuality {
  twin::NodeId from;
  twin::NodeId to;
  twin::SiteId endpointSite;  ///< invalid for an MCU-to-MCU stream
  int endpoints = 0;
  double mbps = 0.0;
  bool routed = true;         ///< rates: a route reaches its end
  double lossPct = 0.0;
  double delayMs = 0.0;       ///< one way, mean
  double jitterMs = 0.0;      ///< packets only (rates do not model it)
  std::uint64_t packets = 0;  ///< packets: sent in the window
};

/// @brief What the bulk traffic is now: the conference and its restorations,
/// the VPN load, the attacks (each at its current, maybe limited, rate).
struct TrafficState {
  bool conferenceOn = false;
  std::string conferenceProfile;
  bool vpnOn = false;
  std::vector<twin::SiteId> failedMcus;
  std::vector<std::pair<twin::SiteId, twin::SiteId>> movedBranches;
  std::string conferenceMedia;
  std::vector<twin::Flow> attacks;
  std::vector<twin::SiteId> prioritySites;  ///< sites whose conference streams go ahead of the queue

  /// @brief Every flow now: the conference's, then the VPN's, then the attacks.
  std::vector<twin::Flow> Flows(const twin::Twin& twin) const;
  /// @brief Adds an attack's streams (twin::AttackFlows with `seed`); returns how many attack streams there are.
  int StartAttack(const twin::Twin& twin, twin::SiteId target, double mbps, int hosts, std::uint64_t seed);
  void LimitAttacks(twin::SiteId target, double mbps);
  void CompromiseHost(const twin::Twin& twin, twin::SiteId host, twin::SiteId target, double mbps);
  void IsolateHost(const twin::Twin& twin, twin::SiteId host);
  void MoveBranch(twin::SiteId branch, twin::SiteId to);
  void SetMcuFailed(twin::SiteId site, bool failed);
  void SetPriority(twin::SiteId site, bool on);
  std::vector<twin::SiteId> AttackTargets() const;
  double AttackMbps(twin::SiteId target) const;
  std::vector<twin::SiteId> AttackSources(const twin::Twin& twin) const;
};

/// @brief Time to put one bulk packet (and its 2-byte PPP header) on a link, in ms.
double SerialisationMs(double capacityMbps);

/// @brief Mean wait in a link direction's queue carrying `streams` constant-rate
/// streams of bulk packets at random phases: one stream alone never waits below
/// capacity; many tend to the M/D/1 queue (Pollaczek-Khinchine); in between, the
/// M/D/1 wait scaled by (1 - 1/n). Overloaded, or past the queue's length: a full queue.
double QueueMs(double offeredMbps, double capacityMbps, std::uint32_t streams, std::uint32_t queuePackets);

/// @brief The loss each receiving end of a link gives its load now ([0] at a, [1] at b).
std::array<double, 2> LoadLossPct(const twin::Twin& twin, const twin::LinkLoads& loads, twin::LinkId link);

/// @brief A read-only view of a network as rates: everything a measurement needs.
class RateView {
public:
  /// `queues` false: the queues are not modelled as waits (packet fidelity: the packets meet them).
  RateView(const twin::Twin& twin, const twin::RoutingTables& tables, const twin::LinkLoads& loads,
           const std::vector<Wire>& wires, std::uint32_t queuePackets, bool queues)
      : m_twin(twin), m_tables(tables), m_loads(loads), m_wires(wires), m_queuePackets(queuePackets),
        m_queues(queues) {}

  /// @brief A link's load, loss and queues, as rates.
  LinkLoad LinkState(twin::LinkId link) const;
  LinksSummary Links() const;
  /// @brief A flow's loss and delay, composed hop by hop along the current routes.
  StreamQuality Stream(const twin::Flow& flow) const;
  /// @brief The hops from `from` toward `to` by the current tables, up to the
  /// destination, a missing route, a loop, or the first dark link (included).
  std::vector<Hop> Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes) const;
  /// @brief Per site: its first router and a core router reach each other by the routes over lit links.
  std::vector<bool> SitesReachingCore() const;
  /// @brief The links that the attack streams toward `target` cross now.
  std::vector<twin::LinkId> AttackLinks(const std::vector<twin::Flow>& attacks, twin::SiteId target) const;

private:
  double QueueOf(const twin::Link& link, std::uint32_t l, bool forward) const;
  const twin::Twin& m_twin;
  const twin::RoutingTables& m_tables;
  const twin::LinkLoads& m_loads;
  const std::vector<Wire>& m_wires;
  std::uint32_t m_queuePackets;
  bool m_queues;
};

/// @brief Conference endpoints of each site by class [good, degraded, lost]:
/// an endpoint is as good as its own two streams and the cascade above its MCU;
/// endpoints on their MCU's own router as that MCU's cascade. `classOf` gives a
/// stream's class (twin::StreamClass as an int).
std::vector<std::array<int, 3>> ConferenceBySite(const twin::Twin& twin, const std::vector<twin::Flow>& flows,
                                                 const std::string& profile,
                                                 const std::function<int(const twin::Flow&)>& classOf);
/// @brief The sums of ConferenceBySite, with the profile's endpoint count.
ConferenceKpi ConferenceTotals(const twin::Twin& twin, const std::string& profile,
                               const std::vector<std::array<int, 3>>& bySite);

}  // namespace netdrill::session
