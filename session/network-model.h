// What the session needs of a network: faults and restorations, traffic,
// probes and measurements, through one narrow interface. sim/ implements it
// with ns-3 (sim::Engine); session/fake-network-model.h implements it from the
// twin's graph alone (no packets, no queues), for the tests of the layers
// above and for quick checks. Nothing here includes ns-3.
#pragma once

#include "twin/address-plan.h"
#include "twin/field-teams.h"
#include "twin/power.h"
#include "twin/diagnostics.h"
#include "twin/model.h"
#include "twin/routing.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace netdrill::session {

/// @brief How the bulk traffic (conference, VPN, attacks) is carried: as rates
/// that set each link's loss and queue delay (fidelities hybrid and fluid), or
/// as real packets, every one of them (fidelity packet: slow, the reference).
enum class BulkTraffic : std::uint8_t { Rates, Packets };

/// @brief How fast the network notices a failure and moves its routes
/// (docs/assumptions.md, "Convergence and repair"); every number a parameter.
struct ConvergenceParams {
  double lossOfSignalMs = 10.0;  ///< a cut fibre is seen this fast at both ends
  double spfDelayMs = 50.0;      ///< wait before the shortest-path run
  double fibUpdateMs = 200.0;    ///< time to write the new routes into the forwarding tables
  double Total() const { return lossOfSignalMs + spfDelayMs + fibUpdateMs; }
};

struct PingStats {
  std::uint32_t sent = 0;
  std::uint32_t received = 0;
  double minRttMs = 0.0;
  double avgRttMs = 0.0;
  double maxRttMs = 0.0;
  std::vector<double> rttMs;    ///< per echo in order of sending; negative: lost
  std::vector<double> sentAtS;  ///< simulated time each echo left
};

struct LinkLoad {
  double aToBMbps = 0.0;
  double bToAMbps = 0.0;
  double utilisation = 0.0;  ///< the busier direction, over the capacity left
  double lossAtoBPct = 0.0;  ///< what the link now drops, from load, degradation or a cut
  double lossBtoAPct = 0.0;
  double queueAtoBMs = 0.0;  ///< waiting in the queue from the load (capped at the queue's length)
  double queueBtoAMs = 0.0;
  /// Packet fidelity: the losses above are measured, over this many packets
  /// offered since the measurement window began.
  bool measured = false;
  std::uint64_t packetsAtoB = 0;
  std::uint64_t packetsBtoA = 0;
};

/// @brief The links as a whole now: how many are congested (above 90 %
/// utilisation), how many over capacity, and the busiest one's utilisation.
struct LinksSummary {
  int congested = 0;
  int overCapacity = 0;
  double maxUtilisation = 0.0;
  twin::LinkId busiest;
};

/// @brief Conference endpoints by quality class: an endpoint counts in the
/// worse class of its two streams, judged by loss and one-way delay.
struct ConferenceKpi {
  int endpoints = 0;
  int good = 0;
  int degraded = 0;
  int lost = 0;
};

/// @brief One hop of the path packets now take: the router reached, the link
/// crossed to reach it, and whether that link is dark (a cut; the packet dies there).
struct Hop {
  twin::NodeId node;
  twin::LinkId link;
  bool dark = false;
  double oneWayMs = 0.0;  ///< from the start to this router: propagation, serialisation, queues
};

/// @brief A ping's statistics from each echo's send time and round trip (negative: lost), in sending order.
PingStats SummarisePings(std::vector<double> sentAtS, std::vector<double> rttMs);

/// @brief What a network model is built with.
struct ModelOptions {
  std::uint64_t seed = 1;
  BulkTraffic bulk = BulkTraffic::Rates;
  int teamsPerProvince = 2;  ///< field teams at each province centre (docs/assumptions.md)
};

class NetworkModel;
/// @brief Builds a model of a twin (the engine, or the fake); nullptr with diagnostics on failure.
using ModelFactory =
    std::function<std::unique_ptr<NetworkModel>(const twin::Twin&, const ModelOptions&, twin::Diagnostics&)>;

/// @brief The network as the session drives and reads it. Time only moves in
/// RunUntil; every change acts at the model's current time.
class NetworkModel {
public:
  virtual ~NetworkModel() = default;

  /// @brief The twin as the model keeps it (its live state included).
  virtual const twin::Twin& Twin() const = 0;
  virtual double Now() const = 0;  ///< simulated seconds
  /// @brief Runs to simulated time `t`; the run is the same however it is sliced.
  virtual void RunUntil(double t) = 0;
  /// @brief Runs `action` when the model's time reaches `t` (at once if past): a fault that unfolds.
  virtual void ScheduleAt(double t, std::function<void()> action) = 0;
  /// @brief A hash of what the run measured so far: same inputs, same fingerprint.
  virtual std::uint64_t Fingerprint() const = 0;

  // Faults and restorations, now.
  virtual void SetLinksUp(const std::vector<twin::LinkId>& links, bool up) = 0;
  virtual void SetNodeUp(twin::NodeId node, bool up) = 0;
  virtual void SetLinkEnabled(twin::LinkId link, bool enabled) = 0;
  /// @brief A link's IGP cost (a misconfiguration); 0 restores its designed one (the twin's as built:
  /// a secondary's set cost, else the implied one).
  virtual void SetLinkCost(twin::LinkId link, double cost) = 0;
  /// @brief The cost the twin was built with (nullopt: the implied one).
  virtual std::optional<double> DesignedCost(twin::LinkId link) const = 0;
  /// @brief Mains power lost at a site, or back (twin/power.h: generator, battery, dark).
  virtual void SetPowerLost(twin::SiteId site, bool lost) = 0;
  /// @brief The site's generator stops now (or will not start at the next mains loss).
  virtual void FailGenerator(twin::SiteId site) = 0;
  /// @brief A field team to restart a site's generator (queued like a repair); nullopt when
  /// the province has no team on duty.
  virtual std::optional<twin::TeamJob> DispatchGeneratorRestart(twin::SiteId site) = 0;
  /// @brief A field team to a cut link (the first of its province free: it may wait in the queue);
  /// the job as planned, or nullopt when the province has no team on duty.
  virtual std::optional<twin::TeamJob> DispatchRepair(twin::LinkId link) = 0;
  /// @brief Puts `count` of a province's field teams on duty, the rest off (false: no such roster).
  virtual bool SetTeamsOnDuty(const std::string& province, int count) = 0;
  /// @brief Every field team and its last job.
  virtual std::vector<twin::FieldTeam> Teams() const = 0;
  virtual void SetBlackhole(twin::NodeId at, twin::SiteId destination, bool on) = 0;
  virtual void SetRouteLeak(twin::NodeId at, twin::SiteId destination, bool on) = 0;
  virtual void SetLinkDegraded(twin::LinkId link, double lossPct, double extraDelayMs, double capacityFactor) = 0;
  virtual void SetMcuFailed(twin::SiteId site, bool failed) = 0;

  // Traffic.
  virtual void StartConference(const std::string& profile) = 0;  ///< "" = the twin's active profile
  virtual void SetVpnLoad(bool on) = 0;
  /// @brief A flood of `mbps` from the Internet gateway (hosts = 0), or from `hosts` compromised communes.
  virtual int StartAttack(twin::SiteId target, double mbps, int hosts) = 0;
  virtual void LimitAttacks(twin::SiteId target, double mbps) = 0;  ///< 0 filters them out
  virtual void CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps) = 0;
  virtual void IsolateHost(twin::SiteId host) = 0;
  virtual void MoveConferenceBranch(twin::SiteId branch, twin::SiteId to) = 0;  ///< invalid `to` undoes it
  virtual void SetConferenceMedia(const std::string& media) = 0;                ///< "sd", or "" for the profile's
  /// @brief A site's conference streams ahead of the queue (priority, DSCP EF), or back to best effort.
  virtual void SetConferencePriority(twin::SiteId site, bool on) = 0;
  virtual const std::vector<twin::SiteId>& PrioritySites() const = 0;

  // Probes.
  /// @brief `count` echoes from one router to another, one every `intervalS`; an id for PingResult.
  virtual int StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS) = 0;
  virtual PingStats PingResult(int id) const = 0;

  // Measurements, and what the diagnose commands read.
  virtual const twin::AddressPlan& Plan() const = 0;
  virtual const twin::RoutingTables& Routes() const = 0;
  /// @brief The hops from `from` toward `to` by the current tables, up to the
  /// destination, a missing route, a loop, or the first dark link (included).
  virtual std::vector<Hop> Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes = 84) const = 0;
  virtual LinkLoad LinkState(twin::LinkId link) const = 0;
  virtual LinksSummary Links() const = 0;
  virtual bool LinkDark(twin::LinkId link) const = 0;
  /// @brief Per site: its first router and the core reach each other by the current routes over lit links.
  virtual std::vector<bool> SitesReachingCore() const = 0;
  virtual bool PowerLost(twin::SiteId site) const = 0;
  /// @brief What every site runs on: mains, generator, battery, or dark.
  virtual const twin::SitePower& Power() const = 0;
  virtual std::vector<twin::SiteId> AttackTargets() const = 0;
  /// @brief Sites whose hosts send attack traffic now (compromised hosts, botnet members, the gateway).
  virtual std::vector<twin::SiteId> AttackSources() const = 0;
  /// @brief The links that attack traffic toward `target` crosses now.
  virtual std::vector<twin::LinkId> AttackLinks(twin::SiteId target) const = 0;
  virtual const std::vector<twin::SiteId>& FailedMcus() const = 0;
  /// @brief The attack traffic offered toward `target` now, in Mbit/s (after any limit).
  virtual double AttackMbps(twin::SiteId target) const = 0;
  /// @brief The conference branches moved to another MCU: (branch, the MCU's site).
  virtual std::vector<std::pair<twin::SiteId, twin::SiteId>> MovedBranches() const = 0;
  virtual ConferenceKpi Conference() const = 0;
  /// @brief Conference endpoints of each site by class: [good, degraded, lost] (empty without a conference).
  virtual std::vector<std::array<int, 3>> ConferenceBySite() const = 0;
};

}  // namespace netdrill::session
