// The network engine: the twin built as an ns-3 model, run in slices of
// simulated time. This header is the engine's public face: no ns-3 type in it,
// so the layers above (the session, the console) never include ns-3.
#pragma once

#include "session/network-model.h"
#include "session/rate-model.h"
#include "twin/address-plan.h"
#include "twin/diagnostics.h"
#include "twin/model.h"
#include "twin/repair.h"
#include "twin/routing.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace netdrill::sim {

using session::BulkTraffic;
using session::ConvergenceParams;
using session::PingStats;
using twin::RepairParams;

struct EngineOptions {
  std::uint64_t seed = 1;
  BulkTraffic bulk = BulkTraffic::Rates;
  RepairParams repair;
  ConvergenceParams convergence;
  std::uint32_t queuePackets = 100;  ///< per interface, drop-tail
  int teamsPerProvince = 2;          ///< field teams at each province centre
};

/// @brief What building the model took.
struct BuildReport {
  std::uint32_t nodes = 0;
  std::uint32_t links = 0;     ///< point-to-point links built (standby backups included)
  std::uint64_t routes = 0;    ///< routing table entries across all routers
  std::uint32_t areas = 0;
  double wallSeconds = 0.0;
};

/// @brief The ns-3 model of a twin: the session's network (session::NetworkModel)
/// with real packets for probes and pings. ns-3 keeps one simulator per process,
/// so at most one Engine exists at a time (Create refuses a second).
class Engine final : public session::NetworkModel {
public:
  using LinkLoad = session::LinkLoad;
  using LinksSummary = session::LinksSummary;
  using ConferenceKpi = session::ConferenceKpi;
  using Hop = session::Hop;

  static std::unique_ptr<Engine> Create(const twin::Twin& twin, const EngineOptions& options,
                                        twin::Diagnostics& diags);
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const BuildReport& Build() const;
  const twin::Twin& Twin() const override;

  double Now() const override;  ///< simulated seconds
  /// @brief Runs the simulation until simulated time `t` (a slice: the caller may
  /// act between slices, and the run is the same however it is sliced).
  void RunUntil(double t) override;
  std::uint64_t Events() const;

  /// @brief Cuts or repairs a link now: packets on it are lost at once; routes
  /// move after the convergence time.
  void SetLinkUp(twin::LinkId link, bool up);
  /// @brief Cuts or repairs several links at once (a shared-risk group): one convergence.
  void SetLinksUp(const std::vector<twin::LinkId>& links, bool up) override;
  /// @brief Takes a router down (every link of it goes dark) or brings it back.
  void SetNodeUp(twin::NodeId node, bool up) override;
  /// @brief Puts a standby backup link (4G, VSAT) in service, or takes a link out
  /// of service, now; routes follow after the convergence time.
  void SetLinkEnabled(twin::LinkId link, bool enabled) override;
  /// @brief Sets a link's IGP cost (a misconfiguration, or its repair); 0 restores the implied cost.
  void SetLinkCost(twin::LinkId link, double cost) override;
  std::optional<double> DesignedCost(twin::LinkId link) const override;
  /// @brief Mains power lost at a site, or back. A site with a generator rides
  /// through if the generator starts (twin/power.h: the same seeded draw as the
  /// fake model); otherwise its routers go down when the battery runs out, unless
  /// power returns first.
  void SetPowerLost(twin::SiteId site, bool lost) override;
  void FailGenerator(twin::SiteId site) override;
  /// @brief A team restarts the generator: travel, then twin::RepairParams::generatorRestartHours.
  std::optional<twin::TeamJob> DispatchGeneratorRestart(twin::SiteId site) override;

  /// @brief Sends a field team to repair a cut link (twin::EstimateRepair, drawn
  /// from ns-3's seeded RNG), then the link comes back. Returns the simulated
  /// time the repair completes.
  std::optional<twin::TeamJob> DispatchRepair(twin::LinkId link) override;
  bool SetTeamsOnDuty(const std::string& province, int count) override;
  std::vector<twin::FieldTeam> Teams() const override;

  /// @brief Misconfiguration: router `at` gets a static route to nowhere for the
  /// block of `destination`'s area (at once), or loses it.
  void SetBlackhole(twin::NodeId at, twin::SiteId destination, bool on) override;
  /// @brief Misconfiguration: router `at` leaks the block of `destination`'s area
  /// as its own; the country's routes follow after convergence. `on = false` withdraws it.
  void SetRouteLeak(twin::NodeId at, twin::SiteId destination, bool on) override;

  /// @brief Degrades a link now: extra loss (percent, both ways), extra one-way
  /// delay, and the share of its capacity left. (0, 0, 1) restores it.
  void SetLinkDegraded(twin::LinkId link, double lossPct, double extraDelayMs, double capacityFactor) override;

  // Bulk traffic as rates (the fluid part of the hybrid model): the loads set
  // each link's loss, which the probes and the trainee's pings then meet.
  /// @brief The national conference of a profile ("" = the twin's active one) starts now.
  void StartConference(const std::string& profile) override;
  void StopConference();
  void SetVpnLoad(bool on) override;
  /// @brief An attack on a site starts now: a flood of `mbps` from the Internet
  /// gateway (hosts = 0), or `hosts` compromised communes sending `mbps` each.
  /// Returns its id.
  int StartAttack(twin::SiteId target, double mbps, int hosts) override;
  /// @brief Rate-limits every attack stream toward `target` to `mbps` each (0: filters them out).
  void LimitAttacks(twin::SiteId target, double mbps) override;
  /// @brief A compromised host at `host` floods `target` with `mbps` (malware).
  void CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps) override;
  /// @brief Isolates a host: every attack stream it sends stops.
  void IsolateHost(twin::SiteId host) override;

  /// @brief Restoration: the endpoints of `branch`'s MCU join `to`'s MCU instead
  /// (an invalid `to` undoes the move).
  void MoveConferenceBranch(twin::SiteId branch, twin::SiteId to) override;
  /// @brief Restoration: every stream at SD rate ("sd"), or back to the profile's ("").
  void SetConferenceMedia(const std::string& media) override;
  /// @brief Priority for a site's conference streams (hybrid: ahead of the rates' queue; packet fidelity does not model it).
  void SetConferencePriority(twin::SiteId site, bool on) override;
  const std::vector<twin::SiteId>& PrioritySites() const override;

  /// @brief An MCU fails (its endpoints fall back up the cascade) or comes back.
  void SetMcuFailed(twin::SiteId site, bool failed) override;

  LinkLoad LinkState(twin::LinkId link) const override;
  LinksSummary Links() const override;
  ConferenceKpi Conference() const override;

  /// @brief One conference stream's quality: with rates, composed from the link
  /// states along its route; with packets, measured by its receiver since the
  /// measurement window began.
  using StreamKpi = session::StreamQuality;
  /// @brief Every conference stream now running, in the traffic model's order.
  std::vector<StreamKpi> ConferenceStreams() const;
  /// @brief Packet fidelity: starts a new measurement window (every counter to zero).
  void ResetMeasurements();
  /// @brief Packet fidelity: packets the bulk traffic sent and delivered so far.
  std::uint64_t BulkPacketsSent() const;

  /// @brief Runs `action` when the simulation reaches time `t` (>= Now()).
  void ScheduleAt(double t, std::function<void()> action) override;
  /// @brief Simulated time at which the routes last changed (or will change).
  double RoutesChangeAt() const;

  /// @brief Sends `count` ICMP echoes of 84 bytes (IP size) from one router to
  /// another, one every `intervalS`, starting now. Returns an id for PingResult.
  int StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS) override;
  /// @brief The same with echoes of `bytes`, starting `startInS` from now.
  int StartPingOf(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS, std::uint32_t bytes,
                  double startInS);
  PingStats PingResult(int id) const override;

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
  const twin::AddressPlan& Plan() const override;
  const twin::RoutingTables& Routes() const override;
  std::vector<Hop> Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes = 84) const override;
  std::vector<bool> SitesReachingCore() const override;
  bool LinkDark(twin::LinkId link) const override;
  bool PowerLost(twin::SiteId site) const override;
  const twin::SitePower& Power() const override;
  std::vector<twin::SiteId> AttackTargets() const override;
  std::vector<twin::SiteId> AttackSources() const override;
  std::vector<twin::LinkId> AttackLinks(twin::SiteId target) const override;
  const std::vector<twin::SiteId>& FailedMcus() const override;
  double AttackMbps(twin::SiteId target) const override;
  std::vector<std::pair<twin::SiteId, twin::SiteId>> MovedBranches() const override;
  std::vector<std::array<int, 3>> ConferenceBySite() const override;

  /// @brief A hash of what the run measured so far (every echo's fate and time,
  /// the event count): two runs with the same inputs have the same fingerprint.
  std::uint64_t Fingerprint() const override;

private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  void RunBattery(twin::SiteId site, twin::BatteryRun battery);
  void SetSiteRoutersUp(twin::SiteId site, bool up);
  std::unique_ptr<Impl> m_impl;
};

/// @brief The session's network as the ns-3 engine (the default EngineOptions with the model's seed and fidelity).
session::ModelFactory EngineModel();

}  // namespace netdrill::sim
