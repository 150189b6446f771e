#include "app/headless-job.h"

#include "app/cli.h"
#include "app/twin-report.h"
#include "sim/engine.h"
#include "twin/analysis.h"
#include "twin/generator.h"
#include "twin/stats.h"
#include "twin/twin-yaml.h"

#include <algorithm>
#include <chrono>
#include <iomanip>

namespace netdrill::app {

using namespace netdrill::twin;

namespace {
using Clock = std::chrono::steady_clock;
double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

int HeadlessJob(std::ostream& out, std::ostream& err) {
  out << "The headless job: generate national-2024, save, load back and check it, analyse it, then run it\n"
         "in ns-3 with a backbone cut.\n";
  Diagnostics diags;
  auto t0 = Clock::now();
  auto twin = Generate("national-2024", 1, GeneratorParams{}, AssetsDir(), diags);
  if (!twin) {
    diags.Print(err);
    return kExitFailure;
  }
  out << std::fixed << std::setprecision(0) << "  [1/5] generated " << twin->Sites().size() << " sites in "
      << MsSince(t0) << " ms\n";
  t0 = Clock::now();
  const std::string yaml = SaveTwinYaml(*twin);
  out << "  [2/5] saved " << yaml.size() / 1024 << " KiB of YAML in " << MsSince(t0) << " ms\n";
  t0 = Clock::now();
  auto loaded = ParseTwinYaml(yaml, "national-2024.yaml", diags);
  if (!loaded) {
    diags.Print(err);
    return kExitFailure;
  }
  out << "  [3/5] loaded and checked it in " << MsSince(t0) << " ms\n";
  t0 = Clock::now();
  const TwinAnalysis a = AnalyzeTwin(*loaded);
  out << "  [4/5] analysed every single link, node and shared-risk-group failure in " << MsSince(t0) << " ms\n";
  out << "  [5/5] building the ns-3 network..." << std::flush;
  t0 = Clock::now();
  auto engine = sim::Engine::Create(*loaded, sim::EngineOptions{}, diags);
  if (!engine) {
    diags.Print(err);
    return kExitFailure;
  }
  // Cut both backbone links between Hà Nội and Đà Nẵng at 5 s; a probe round
  // from the Hà Nội core before, during and after the routes move.
  std::vector<LinkId> backbone;
  for (std::uint32_t l = 0; l < loaded->Links().size(); ++l) {
    for (SrgId g : loaded->GetLink(LinkId(l)).srgs) {
      const std::string& id = loaded->GetSrg(g).id;
      if (id == "route:01-48-a" || id == "route:01-48-b") backbone.push_back(LinkId(l));
    }
  }
  const NodeId core = loaded->CoreNodes().front();
  engine->ScheduleAt(5.0, [&] { engine->SetLinksUp(backbone, false); });
  std::vector<std::pair<double, int>> rounds;
  for (double t : {0.0, 5.0, 10.0, 15.0}) {
    engine->RunUntil(t);
    rounds.emplace_back(t, engine->StartReachabilityRound(core, 0.5, 1.0));
  }
  engine->RunUntil(20.0);
  const double wall = MsSince(t0) / 1000.0;
  out << " built " << engine->Build().nodes << " routers in " << std::setprecision(1) << engine->Build().wallSeconds
      << " s; 20 simulated seconds in " << wall << " s in all\n\n";
  PrintStats(out, *loaded, ComputeStats(*loaded));
  PrintAnalysis(out, *loaded, a, 5);
  out << "Simulation (ns-3): both Hà Nội – Đà Nẵng backbone links cut at 5 s; reachability from "
      << loaded->GetNode(core).id << ":\n";
  for (const auto& [at, id] : rounds) {
    const auto reached = engine->ReachabilityResult(id);
    out << "  probes sent from " << std::setprecision(1) << at << " s: "
        << std::count(reached.begin(), reached.end(), true) << " of " << reached.size() << " sites answered\n";
  }
  out << "  " << engine->Events() << " events; routes moved at " << std::setprecision(2) << engine->RoutesChangeAt()
      << " s (detection + SPF + FIB)\n";
  return kExitOk;
}

}  // namespace netdrill::app
