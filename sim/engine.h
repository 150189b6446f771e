// The network engine: the twin built as an ns-3 model, run in slices of
// simulated time. This header is the engine's public face: no ns-3 type in it,
// so the layers above (the session, the console) never include ns-3.
#pragma once

#include "twin/address-plan.h"
#include "twin/diagnostics.h"
#include "twin/model.h"
#include "twin/routing.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace netdrill::sim {

/// @brief How fast the network notices a failure and moves its routes
/// (domain.md, "Convergence and repair"); every number a parameter.
struct ConvergenceParams {
  double lossOfSignalMs = 10.0;  ///< a cut fibre is seen this fast at both ends
  double spfDelayMs = 50.0;      ///< wait before the shortest-path run
  double fibUpdateMs = 200.0;    ///< time to write the new routes into the forwarding tables
  double Total() const { return lossOfSignalMs + spfDelayMs + fibUpdateMs; }
};

/// @brief Field repair (domain.md): log-normal around these medians, plus travel
/// from the province centre. No public data says which sites are in mountains:
/// island units take the remote median, wards and towns the urban one.
struct RepairParams {
  double urbanHours = 4.0;
  double ruralHours = 8.0;
  double remoteHours = 24.0;  ///< mountain or island
  double sigma = 0.5;
  double travelKmh = 40.0;
};

/// @brief How the bulk traffic (conference, VPN, attacks) is carried: as rates
/// that set each link's loss and queue delay (fidelities hybrid and fluid), or
/// as real packets, every one of them (fidelity packet: slow, the reference).
enum class BulkTraffic : std::uint8_t { Rates, Packets };

struct EngineOptions {
  std::uint64_t seed = 1;
  BulkTraffic bulk = BulkTraffic::Rates;
  RepairParams repair;
  double generatorStartProbability = 0.95;  ///< domain.md: generators start within 30 s with 95 % probability
  ConvergenceParams convergence;
  std::uint32_t queuePackets = 100;  ///< per interface, drop-tail
};

/// @brief What building the model took.
struct BuildReport {
  std::uint32_t nodes = 0;
  std::uint32_t links = 0;     ///< point-to-point links built (standby backups included)
  std::uint64_t routes = 0;    ///< routing table entries across all routers
  std::uint32_t areas = 0;
  double wallSeconds = 0.0;
};

struct PingStats {
  std::uint32_t sent = 0;
  std::uint32_t received = 0;
  double minRttMs = 0.0;
  double avgRttMs = 0.0;
  double maxRttMs = 0.0;
  std::vector<double> rttMs;       ///< per echo in order of sending; negative: lost
  std::vector<double> sentAtS;     ///< simulated time each echo left
};

/// @brief The ns-3 model of a twin. ns-3 keeps one simulator per process, so
/// at most one Engine exists at a time (Create refuses a second).
class Engine {
public:
  static std::unique_ptr<Engine> Create(const twin::Twin& twin, const EngineOptions& options,
                                        twin::Diagnostics& diags);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const BuildReport& Build() const;
  const twin::Twin& Twin() const;

  double Now() const;  ///< simulated seconds
  /// @brief Runs the simulation until simulated time `t` (a slice: the caller may
  /// act between slices, and the run is the same however it is sliced).
  void RunUntil(double t);
  std::uint64_t Events() const;

  /// @brief Cuts or repairs a link now: packets on it are lost at once; routes
  /// move after the convergence time.
  void SetLinkUp(twin::LinkId link, bool up);
  /// @brief Cuts or repairs several links at once (a shared-risk group): one convergence.
  void SetLinksUp(const std::vector<twin::LinkId>& links, bool up);
  /// @brief Takes a router down (every link of it goes dark) or brings it back.
  void SetNodeUp(twin::NodeId node, bool up);
  /// @brief Puts a standby backup link (4G, VSAT) in service, or takes a link out
  /// of service, now; routes follow after the convergence time.
  void SetLinkEnabled(twin::LinkId link, bool enabled);
  /// @brief Sets a link's IGP cost (a misconfiguration, or its repair); 0 restores the implied cost.
  void SetLinkCost(twin::LinkId link, double cost);
  /// @brief Mains power lost at a site, or back. A site with a generator rides
  /// through if the generator starts (domain.md: within 30 s, 95 %); otherwise
  /// its routers go down when the battery runs out, unless power returns first.
  void SetPowerLost(twin::SiteId site, bool lost);

  /// @brief Sends a field team to repair a cut link: it travels from the province
  /// centre and repairs in a drawn time, then the link comes back. Returns the
  /// simulated time the repair completes.
  double DispatchRepair(twin::LinkId link);

  /// @brief Misconfiguration: router `at` gets a static route to nowhere for the
  /// block of `destination`'s area (at once), or loses it.
  void SetBlackhole(twin::NodeId at, twin::SiteId destination, bool on);
  /// @brief Misconfiguration: router `at` leaks the block of `destination`'s area
  /// as its own; the country's routes follow after convergence. `on = false` withdraws it.
  void SetRouteLeak(twin::NodeId at, twin::SiteId destination, bool on);

  /// @brief Degrades a link now: extra loss (percent, both ways), extra one-way
  /// delay, and the share of its capacity left. (0, 0, 1) restores it.
  void SetLinkDegraded(twin::LinkId link, double lossPct, double extraDelayMs, double capacityFactor);

  // Bulk traffic as rates (the fluid part of the hybrid model): the loads set
  // each link's loss, which the probes and the trainee's pings then meet.
  /// @brief The national conference of a profile ("" = the twin's active one) starts now.
  void StartConference(const std::string& profile = {});
  void StopConference();
  void SetVpnLoad(bool on);
  /// @brief An attack on a site starts now: a flood of `mbps` from the Internet
  /// gateway (hosts = 0), or `hosts` compromised communes sending `mbps` each.
  /// Returns its id.
  int StartAttack(twin::SiteId target, double mbps, int hosts = 0);
  /// @brief Rate-limits every attack stream toward `target` to `mbps` each (0: filters them out).
  void LimitAttacks(twin::SiteId target, double mbps);
  /// @brief A compromised host at `host` floods `target` with `mbps` (malware).
  void CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps);
  /// @brief Isolates a host: every attack stream it sends stops.
  void IsolateHost(twin::SiteId host);

  /// @brief Restoration: the endpoints of `branch`'s MCU join `to`'s MCU instead
  /// (an invalid `to` undoes the move).
  void MoveConferenceBranch(twin::SiteId branch, twin::SiteId to);
  /// @brief Restoration: every stream at SD rate ("sd"), or back to the profile's ("").
  void SetConferenceMedia(const std::string& media);

  /// @brief An MCU fails (its endpoints fall back up the cascade) or comes back.
  void SetMcuFailed(twin::SiteId site, bool failed);

  struct LinkLoad {
    double aToBMbps = 0.0;
    double bToAMbps = 0.0;
    double utilisation = 0.0;  ///< the busier direction, over the capacity left
    double lossAtoBPct = 0.0;  ///< what the link now drops, from load, degradation or a cut
    double lossBtoAPct = 0.0;
    double queueAtoBMs = 0.0;  ///< waiting in the queue from the load (M/M/1, capped at the queue's length)
    double queueBtoAMs = 0.0;
    /// Packet fidelity: the losses above are measured, over this many packets
    /// offered since the measurement window began.
    bool measured = false;
    std::uint64_t packetsAtoB = 0;
    std::uint64_t packetsBtoA = 0;
  };
  LinkLoad LinkState(twin::LinkId link) const;

  /// @brief The links as a whole now: how many are congested (domain.md: above
  /// 90 % utilisation), how many over capacity, and the busiest one's utilisation.
  struct LinksSummary {
    int congested = 0;
    int overCapacity = 0;
    double maxUtilisation = 0.0;
    twin::LinkId busiest;
  };
  LinksSummary Links() const;

  /// @brief Conference endpoints by quality class (domain.md): an endpoint counts
  /// in the worse class of its two streams, judged by loss and one-way delay.
  struct ConferenceKpi {
    int endpoints = 0;
    int good = 0;
    int degraded = 0;
    int lost = 0;
  };
  ConferenceKpi Conference() const;

  /// @brief One conference stream's quality (domain.md's measures): with rates,
  /// composed from the link states along its route; with packets, measured by
  /// its receiver since the measurement window began.
  struct StreamKpi {
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
  /// @brief Every conference stream now running, in the traffic model's order.
  std::vector<StreamKpi> ConferenceStreams() const;
  /// @brief Packet fidelity: starts a new measurement window (every counter to zero).
  void ResetMeasurements();
  /// @brief Packet fidelity: packets the bulk traffic sent and delivered so far.
  std::uint64_t BulkPacketsSent() const;

  /// @brief Runs `action` when the simulation reaches time `t` (>= Now()).
  void ScheduleAt(double t, std::function<void()> action);
  /// @brief Simulated time at which the routes last changed (or will change).
  double RoutesChangeAt() const;

  /// @brief Sends `count` ICMP echoes of `bytes` (IP size) from one router to
  /// another, one every `intervalS`, starting now. Returns an id for PingResult.
  int StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS, std::uint32_t bytes = 84,
                double startInS = 0.0);
  PingStats PingResult(int id) const;

  /// @brief One echo from `from` to the first router of every site, spread
  /// evenly over `spreadS` (a burst of thousands would overflow the first
  /// queue); each echo then has `waitS` to come back, and ReachabilityResult
  /// tells which did once the run reaches RoundEndsAt.
  int StartReachabilityRound(twin::NodeId from, double spreadS = 0.5, double waitS = 1.0);
  double RoundEndsAt(int round) const;
  /// @brief Sites that answered (true) or not, by site index; empty until the round is over.
  std::vector<bool> ReachabilityResult(int round) const;
  /// @brief Round-trip time of each site's echo in ms (negative: no answer); empty until the round is over.
  std::vector<double> ReachabilityRtts(int round) const;

  // What the session's diagnose commands and alarms read (answered from the model).
  /// @brief The address plan the routers use.
  const twin::AddressPlan& Plan() const;
  /// @brief The routing tables the routers forward with now (they change after convergence).
  const twin::RoutingTables& Routes() const;
  /// @brief One hop of the path packets now take: the router reached, the link
  /// crossed to reach it, and whether that link is dark (a cut; the packet dies there).
  struct Hop {
    twin::NodeId node;
    twin::LinkId link;
    bool dark = false;
    double oneWayMs = 0.0;  ///< from the start to this router: propagation, serialisation of `bytes`, queues
  };
  /// @brief The hops from `from` toward `to` by the current tables, up to the
  /// destination, a missing route, a loop, or the first dark link (included).
  std::vector<Hop> Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes = 84) const;
  /// @brief Per site: its first router and the core reach each other by the current routes over lit links.
  std::vector<bool> SitesReachingCore() const;
  /// @brief Whether a link is dark now (cut, or an end down).
  bool LinkDark(twin::LinkId link) const;
  /// @brief Sites on battery or generator after losing mains power.
  bool PowerLost(twin::SiteId site) const;
  /// @brief Sites that attack traffic is aimed at now.
  std::vector<twin::SiteId> AttackTargets() const;
  /// @brief The links that attack traffic toward `target` crosses now (by the current routes).
  std::vector<twin::LinkId> AttackLinks(twin::SiteId target) const;
  /// @brief Failed MCUs now.
  const std::vector<twin::SiteId>& FailedMcus() const;
  /// @brief Conference endpoints of each site by class: [good, degraded, lost] (empty without a conference).
  std::vector<std::array<int, 3>> ConferenceBySite() const;

  /// @brief A hash of what the run measured so far (every echo's fate and time,
  /// the event count): two runs with the same inputs have the same fingerprint.
  std::uint64_t Fingerprint() const;

private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace netdrill::sim
