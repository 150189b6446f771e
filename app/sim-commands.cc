#include "app/sim-commands.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "sim/engine.h"
#include "session/fault-spec.h"
#include "session/session.h"
#include "twin/graph.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <iomanip>
#include <memory>

namespace netdrill::app {

using namespace netdrill::twin;
using Clock = std::chrono::steady_clock;

namespace {

// A reachability round as the run started it, with the KPIs of that moment.
struct RoundRecord {
  double at;
  int id;  // the engine's round; -1: KPIs only (fluid)
  sim::Engine::ConferenceKpi conference;  // when the round started
  sim::Engine::LinksSummary links;
};

// What the rounds add up to, for the report.
struct RoundsSummary {
  std::size_t minReachable = 0;
  std::vector<std::string> unreachableAtEnd;
  int roundsDone = 0;
  double rttMedianEnd = 0.0, rttMax = 0.0;
  int minGood = 0;
};

// The engine built on the twin, with the faults scheduled and the traffic started;
// nothing (the problems in `diags`) when it cannot be built.
std::unique_ptr<sim::Engine> StartEngine(const SimArgs& args, const Twin& twin,
                                         const std::vector<session::FaultSpec>& faults, Diagnostics& diags) {
  sim::EngineOptions options;
  options.seed = args.seed;
  if (args.fidelity == "packet") options.bulk = session::BulkTraffic::Packets;
  auto engine = sim::Engine::Create(twin, options, diags);
  if (!engine) return engine;
  for (const session::FaultSpec& f : faults) {
    sim::Engine* e = engine.get();
    engine->ScheduleAt(f.atS, [e, f]() {
      session::ApplyFault(*e, f);
    });
  }
  if (const auto unknown = args.conference ? twin.demands.ProfileRefusal(args.profile) : std::nullopt) {
    diags.Error("bad-profile", "", {}, "--conference", *unknown);
    return nullptr;
  }
  if (args.conference) engine->StartConference(args.profile);
  if (args.vpn) engine->SetVpnLoad(true);
  return engine;
}

// Runs to the end in slices of a second, showing the progress, and starts a round every probe interval.
std::vector<RoundRecord> RunWithRounds(sim::Engine& engine, const Twin& twin, const SimArgs& args, double probeInterval,
                                       Clock::time_point wall0, std::ostream& err) {
  // Reachability from the core: a round every probe interval, its echoes spread over 0.5 s, each given 1 s.
  const std::vector<NodeId> core = twin.CoreNodes();
  const NodeId prober = core.empty() ? NodeId(0) : core.front();
  std::vector<RoundRecord> rounds;
  Progress progress(err);
  const double slice = 1.0;
  double nextRound = 0.0;
  for (double t = 0.0; t < args.durationS;) {
    if (t >= nextRound && t + 1.5 <= args.durationS && (probeInterval > 0 || !args.kpiCsv.empty())) {
      // In fluid mode a round records the KPIs without sending probes.
      rounds.push_back({t, probeInterval > 0 ? engine.StartReachabilityRound(prober, 0.5, 1.0) : -1,
                        engine.Conference(), engine.Links()});
      // Packets: the conference KPIs of each round measure the interval before it.
      engine.ResetMeasurements();
      nextRound += probeInterval > 0 ? probeInterval : std::max(1.0, args.probeIntervalS);
    }
    t = std::min(args.durationS, t + slice);
    engine.RunUntil(t);
    const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    char line[160];
    std::snprintf(line, sizeof line, "simulated %.1f / %.1f s, %.1fx real time, %llu events", t, args.durationS,
                  wall > 0 ? t / wall : 0.0, static_cast<unsigned long long>(engine.Events()));
    progress.Show(line);
  }
  progress.Done();
  return rounds;
}

// The KPI file's header line.
constexpr const char* kKpiHeader =
    "time_s,sites,sites_reachable,sites_unreachable,rtt_median_ms,rtt_max_ms,endpoints_good,endpoints_degraded,"
    "endpoints_lost,links_congested,links_over_capacity,max_utilisation\n";

// Each round's results, summed up, and a line of the KPI file per round.
RoundsSummary SummariseRounds(const sim::Engine& engine, const Twin& twin, const std::vector<RoundRecord>& rounds,
                              std::ostream* csv) {
  RoundsSummary sum;
  sum.minReachable = twin.Sites().size();
  sum.minGood = engine.Conference().endpoints;
  for (const RoundRecord& r : rounds) {
    if (r.id < 0) {  // fluid: KPIs only
      if (csv) {
        *csv << r.at << ',' << twin.Sites().size() << ",,,,," << r.conference.good << ',' << r.conference.degraded
            << ',' << r.conference.lost << ',' << r.links.congested << ',' << r.links.overCapacity << ','
            << r.links.maxUtilisation << '\n';
      }
      sum.minGood = std::min(sum.minGood, r.conference.good);
      continue;
    }
    const std::vector<bool> reached = engine.ReachabilityResult(r.id);
    if (reached.empty()) continue;
    ++sum.roundsDone;
    const auto ok = static_cast<std::size_t>(std::count(reached.begin(), reached.end(), true));
    sum.minReachable = std::min(sum.minReachable, ok);
    // RTT from the core to every site that answered: the median and the worst.
    std::vector<double> rtts;
    for (double rtt : engine.ReachabilityRtts(r.id)) {
      if (rtt > 0) rtts.push_back(rtt);
    }
    std::sort(rtts.begin(), rtts.end());
    const double median = rtts.empty() ? 0.0 : rtts[rtts.size() / 2];
    const double worst = rtts.empty() ? 0.0 : rtts.back();
    sum.rttMedianEnd = median;
    sum.rttMax = std::max(sum.rttMax, worst);
    if (csv) {
      *csv << r.at << ',' << reached.size() << ',' << ok << ',' << reached.size() - ok << ',' << median << ',' << worst
          << ',' << r.conference.good << ',' << r.conference.degraded << ',' << r.conference.lost << ','
          << r.links.congested << ',' << r.links.overCapacity << ',' << r.links.maxUtilisation << '\n';
    }
    sum.minGood = std::min(sum.minGood, r.conference.good);
    sum.unreachableAtEnd.clear();
    for (std::size_t s = 0; s < reached.size(); ++s) {
      if (!reached[s]) sum.unreachableAtEnd.push_back(twin.Sites()[s].id);
    }
  }
  return sum;
}

// The run's figures as --json prints them (the text report reads them too).
nlohmann::json SimReport(const SimArgs& args, const Twin& twin, const sim::Engine& engine, double wall,
                         std::size_t faults, const RoundsSummary& sum) {
  const sim::BuildReport& build = engine.Build();
  nlohmann::json j{{"twin", twin.name},
                   {"fidelity", args.fidelity},
                   {"sim_seconds", args.durationS},
                   {"wall_seconds", wall},
                   {"speed", wall > 0 ? args.durationS / wall : 0.0},
                   {"events", engine.Events()},
                   {"rss_mb", PeakRssMb()},
                   {"fingerprint", [&] {
                      return session::FingerprintHex(engine.Fingerprint());
                    }()},
                   {"build", {{"nodes", build.nodes}, {"links", build.links}, {"routes", build.routes},
                              {"areas", build.areas}, {"wall_seconds", build.wallSeconds}}},
                   {"faults", faults},
                   {"kpi", {{"probe_rounds", sum.roundsDone},
                            {"sites", twin.Sites().size()},
                            {"min_sites_reachable", sum.roundsDone ? sum.minReachable : twin.Sites().size()},
                            {"sites_unreachable_at_end", sum.unreachableAtEnd.size()},
                            {"rtt_median_ms_at_end", sum.rttMedianEnd},
                            {"rtt_max_ms", sum.rttMax},
                            {"links_congested_at_end", engine.Links().congested},
                            {"max_utilisation_at_end", engine.Links().maxUtilisation},
                            {"unreachable_at_end", sum.unreachableAtEnd}}}};
  if (args.conference) {
    const auto k = engine.Conference();
    j["conference"] = {{"endpoints", k.endpoints},   {"good_at_end", k.good}, {"degraded_at_end", k.degraded},
                       {"lost_at_end", k.lost},      {"min_good", std::min(sum.minGood, k.good)}};
  }
  return j;
}

// The report for a reader: what ran, how fast, and the KPIs of `j`.
void PrintSimText(const SimArgs& args, const Twin& twin, const sim::Engine& engine, double wall,
                  const RoundsSummary& sum, const nlohmann::json& j, std::ostream& out) {
  const sim::BuildReport& build = engine.Build();
  out << std::fixed << std::setprecision(2) << "simulated " << args.durationS << " s of " << twin.name << " in "
      << wall << " s (" << args.durationS / wall << "x real time), " << engine.Events() << " events, peak RSS "
      << std::setprecision(0) << PeakRssMb() << " MB\n"
      << "  built " << build.nodes << " routers, " << build.links << " links, " << build.routes
      << " routing entries in " << std::setprecision(2) << build.wallSeconds << " s\n"
      << "  reachability from the core: " << sum.roundsDone << " rounds, at worst " << sum.minReachable << " of "
      << twin.Sites().size() << " sites; at the end " << sum.unreachableAtEnd.size() << " unreachable\n"
      << "  fingerprint " << j["fingerprint"].get<std::string>() << '\n';
  if (args.conference) {
    out << "  conference: " << j["conference"]["endpoints"] << " endpoints; at the end " << j["conference"]["good_at_end"]
        << " good, " << j["conference"]["degraded_at_end"] << " degraded, " << j["conference"]["lost_at_end"]
        << " lost; at worst " << j["conference"]["min_good"] << " good\n";
  }
}

}  // namespace

int SimCommand(const SimArgs& args, std::ostream& out, std::ostream& err) {
  if (!(args.durationS > 0)) {
    err << "--duration must be more than zero\n";
    return kExitInvalidInput;
  }
  // Fluid: no background probes; packet: the bulk traffic as packets, every one of them.
  const double probeInterval = args.fidelity == "fluid" ? 0.0 : args.probeIntervalS;
  auto twin = TwinFor(args.twinFile, args.preset, args.seed, err);
  if (!twin) return kExitInvalidInput;
  if (const auto unknown = args.conference ? twin->demands.ProfileRefusal(args.profile) : std::nullopt) {
    err << "--conference: error[bad-profile]: " << *unknown << "\n";
    return kExitInvalidInput;
  }
  Diagnostics diags;
  auto faults = session::ParseFaults(args.faults, *twin, args.durationS, diags);
  diags.Print(err);
  if (!faults) return kExitInvalidInput;

  const auto wall0 = Clock::now();
  auto engine = StartEngine(args, *twin, *faults, diags);
  if (!engine) {
    diags.Print(err);
    return kExitFailure;
  }
  const std::vector<RoundRecord> rounds = RunWithRounds(*engine, *twin, args, probeInterval, wall0, err);
  const double wall = std::chrono::duration<double>(Clock::now() - wall0).count();

  // KPIs: reachability per round.
  std::ostringstream csv;
  csv << kKpiHeader;
  const RoundsSummary sum = SummariseRounds(*engine, *twin, rounds, args.kpiCsv.empty() ? nullptr : &csv);
  if (!args.kpiCsv.empty() && !WriteOutputFile(args.kpiCsv, csv.str(), err)) return kExitFailure;
  const nlohmann::json j = SimReport(args, *twin, *engine, wall, faults->size(), sum);
  if (args.json) {
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    PrintSimText(args, *twin, *engine, wall, sum, j, out);
  }
  return kExitOk;
}

int VerifyN1Command(const VerifyN1Args& args, std::ostream& out, std::ostream& err) {
  auto twin = TwinFor(args.twinFile, args.preset, args.seed, err);
  if (!twin) return kExitInvalidInput;
  const std::vector<NodeId> core = twin->CoreNodes();
  if (core.empty()) {
    err << twin->name << ": no core (regional or backup centre) to measure reachability from\n";
    return kExitInvalidInput;
  }
  Diagnostics diags;
  auto engine = sim::Engine::Create(*twin, sim::EngineOptions{}, diags);
  if (!engine) {
    diags.Print(err);
    return kExitFailure;
  }
  const Graph graph = Graph::FromTwin(*twin);
  // What the twin's analysis says a failure cuts: sites with no path to any core router.
  auto expectedCut = [&](std::uint32_t skipEdge) {
    std::vector<bool> seen(graph.NodeCount(), false);
    std::vector<std::uint32_t> queue;
    for (NodeId c : core) {
      seen[c.Index()] = true;
      queue.push_back(c.Index());
    }
    for (std::size_t q = 0; q < queue.size(); ++q) {
      for (const Graph::Arc* a = graph.ArcsBegin(queue[q]); a != graph.ArcsEnd(queue[q]); ++a) {
        if (a->edge == skipEdge || seen[a->to]) continue;
        seen[a->to] = true;
        queue.push_back(a->to);
      }
    }
    std::vector<bool> cut(twin->Sites().size());
    for (std::uint32_t s = 0; s < cut.size(); ++s) cut[s] = !seen[twin->FirstNode(SiteId(s)).Index()];
    return cut;
  };
  const double convergence = sim::ConvergenceParams{}.Total() / 1000.0;
  const std::uint32_t total = args.limit > 0 ? std::min<std::uint32_t>(graph.EdgeCount(), static_cast<std::uint32_t>(args.limit))
                                             : graph.EdgeCount();
  std::uint32_t agreed = 0;
  Progress progress(err);
  double t = 0.1;
  for (std::uint32_t e = 0; e < total; ++e) {
    const LinkId link = graph.Edge(e).link;
    engine->RunUntil(t);
    engine->SetLinkUp(link, false);
    t += convergence + 0.05;
    engine->RunUntil(t);
    const int round = engine->StartReachabilityRound(core.front(), 0.2, 0.5);
    t = engine->RoundEndsAt(round);
    engine->RunUntil(t);
    const std::vector<bool> reached = engine->ReachabilityResult(round);
    const std::vector<bool> cut = expectedCut(e);
    if (reached.size() != cut.size()) {
      err << "internal error: the probe round did not finish\n";
      return kExitFailure;
    }
    std::vector<std::string> differ;
    for (std::size_t s = 0; s < cut.size(); ++s) {
      // A site is reached by the probes exactly when the analysis keeps its path to the core.
      if (reached[s] == cut[s]) differ.push_back(twin->Sites()[s].id);
    }
    if (differ.empty()) {
      ++agreed;
    } else {
      progress.Done();
      out << "disagree on " << twin->GetLink(link).id << ":";
      for (std::size_t k = 0; k < differ.size() && k < 10; ++k) out << ' ' << differ[k];
      out << (differ.size() > 10 ? " ..." : "") << '\n';
    }
    engine->SetLinkUp(link, true);
    t += convergence + 0.05;
    progress.Show("checked " + std::to_string(e + 1) + " / " + std::to_string(total) + " link failures");
  }
  progress.Done();
  out << "verify n1 " << twin->name << ": agreed " << agreed << "/" << total
      << " single link failures (sites unreachable from the core by probe pings after convergence = the twin's "
         "analysis)\n";
  return agreed == total ? kExitOk : kExitFailure;
}

}  // namespace netdrill::app
