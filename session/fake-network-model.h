// The fake network: the session's NetworkModel answered from the twin's graph
// alone, in memory, deterministic. Routes, reachability, loads, alarm inputs
// and repairs follow the same rules as the engine (twin/routing.h,
// session/rate-model.h, twin/repair.h, the same convergence delay); there are
// no packets: a ping's echo is answered from the path it would take, its loss
// drawn from a seeded hash. What the tests of the session, the drills and the
// console run on, with no ns-3 in the process.
#pragma once

#include "session/network-model.h"
#include "session/rate-model.h"
#include "twin/repair.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::session {

class FakeNetworkModel final : public NetworkModel {
public:
  static std::unique_ptr<FakeNetworkModel> Create(const twin::Twin& twin, const ModelOptions& options,
                                                  twin::Diagnostics& diags);
  /// @brief The factory a session takes (SessionOptions::model).
  static ModelFactory Factory();

  const twin::Twin& Twin() const override { return m_twin; }
  double Now() const override { return m_now; }
  void RunUntil(double t) override;
  void ScheduleAt(double t, std::function<void()> action) override { Schedule(t, std::move(action)); }
  std::uint64_t Fingerprint() const override;

  void SetLinksUp(const std::vector<twin::LinkId>& links, bool up) override;
  void SetNodeUp(twin::NodeId node, bool up) override;
  void SetLinkEnabled(twin::LinkId link, bool enabled) override;
  void SetLinkCost(twin::LinkId link, double cost) override;
  std::optional<double> DesignedCost(twin::LinkId link) const override { return m_designedCost[link.Index()]; }
  void SetPowerLost(twin::SiteId site, bool lost) override;
  void FailGenerator(twin::SiteId site) override;
  /// @brief The restart takes the travel and twin::RepairParams::generatorRestartHours (no draw).
  std::optional<twin::TeamJob> DispatchGeneratorRestart(twin::SiteId site) override;
  /// @brief The repair takes twin::EstimateRepair's median and its travel (no draw).
  std::optional<twin::TeamJob> DispatchRepair(twin::LinkId link) override;
  bool SetTeamsOnDuty(const std::string& province, int count) override { return m_teams.SetOnDuty(province, count); }
  std::vector<twin::FieldTeam> Teams() const override { return m_teams.Teams(); }
  void SetBlackhole(twin::NodeId at, twin::SiteId destination, bool on) override;
  void SetRouteLeak(twin::NodeId at, twin::SiteId destination, bool on) override;
  void SetLinkDegraded(twin::LinkId link, double lossPct, double extraDelayMs, double capacityFactor) override;
  void SetMcuFailed(twin::SiteId site, bool failed) override;

  void StartConference(const std::string& profile) override;
  void SetVpnLoad(bool on) override;
  int StartAttack(twin::SiteId target, double mbps, int hosts) override;
  void LimitAttacks(twin::SiteId target, double mbps) override;
  void CompromiseHost(twin::SiteId host, twin::SiteId target, double mbps) override;
  void IsolateHost(twin::SiteId host) override;
  void MoveConferenceBranch(twin::SiteId branch, twin::SiteId to) override;
  void SetConferenceMedia(const std::string& media) override;
  void SetConferencePriority(twin::SiteId site, bool on) override;
  const std::vector<twin::SiteId>& PrioritySites() const override { return m_traffic.prioritySites; }

  int StartPing(twin::NodeId from, twin::NodeId to, std::uint32_t count, double intervalS) override;
  PingStats PingResult(int id) const override;

  const twin::AddressPlan& Plan() const override { return *m_plan; }
  const twin::RoutingTables& Routes() const override { return *m_tables; }
  std::vector<Hop> Path(twin::NodeId from, twin::NodeId to, std::uint32_t bytes = 84) const override;
  LinkLoad LinkState(twin::LinkId link) const override { return Rates().LinkState(link); }
  LinksSummary Links() const override { return Rates().Links(); }
  bool LinkDark(twin::LinkId link) const override { return m_wires[link.Index()].cut; }
  std::vector<bool> SitesReachingCore() const override { return Rates().SitesReachingCore(); }
  bool PowerLost(twin::SiteId site) const override { return m_power.MainsLost(site); }
  const twin::SitePower& Power() const override { return m_power; }
  std::vector<twin::SiteId> AttackTargets() const override { return m_traffic.AttackTargets(); }
  std::vector<twin::SiteId> AttackSources() const override { return m_traffic.AttackSources(m_twin); }
  std::vector<twin::LinkId> AttackLinks(twin::SiteId target) const override;
  const std::vector<twin::SiteId>& FailedMcus() const override { return m_traffic.failedMcus; }
  double AttackMbps(twin::SiteId target) const override { return m_traffic.AttackMbps(target); }
  std::vector<std::pair<twin::SiteId, twin::SiteId>> MovedBranches() const override { return m_traffic.movedBranches; }
  ConferenceKpi Conference() const override;
  std::vector<std::array<int, 3>> ConferenceBySite() const override;

private:
  FakeNetworkModel(const twin::Twin& twin, const ModelOptions& options);
  RateView Rates() const { return {m_twin, *m_tables, m_loads, m_wires, kQueuePackets, true}; }
  /// Runs `action` at simulated time `t`; same-time actions in the order they were scheduled.
  void Schedule(double t, std::function<void()> action);
  void SetWire(twin::LinkId link, bool up);
  void Reconverge(std::vector<twin::LinkId> changed);
  void Reload();
  void SendEcho(std::size_t ping, std::size_t echo);
  double Uniform(std::uint64_t a, std::uint64_t b) const;
  void RunBattery(twin::SiteId site, twin::BatteryRun battery);
  void SetSiteRoutersUp(twin::SiteId site, bool up);

  static constexpr std::uint32_t kQueuePackets = 100;
  twin::Twin m_twin;
  ModelOptions m_options;
  ConvergenceParams m_convergence;
  twin::RepairParams m_repair;
  twin::FieldTeams m_teams;
  std::optional<twin::AddressPlan> m_plan;
  std::optional<twin::RoutingTables> m_tables;
  std::vector<Wire> m_wires;
  TrafficState m_traffic;
  std::vector<twin::Flow> m_flows;
  twin::LinkLoads m_loads;
  twin::SitePower m_power;
  std::vector<std::optional<double>> m_designedCost;  // per link, as the twin was built
  double m_now = 0.0;
  struct Event {
    double at = 0.0;
    std::uint64_t seq = 0;
    std::function<void()> action;
  };
  std::vector<Event> m_events;  // a heap on (at, seq)
  std::uint64_t m_nextSeq = 1;
  std::uint64_t m_eventsRun = 0;
  struct Ping {
    twin::NodeId from, to;
    std::uint32_t count = 0;
    double startS = 0.0, intervalS = 1.0;
    std::vector<double> rttMs;  // per echo sent so far; negative: lost
  };
  std::vector<Ping> m_pings;
};

}  // namespace netdrill::session
