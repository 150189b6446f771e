// Benchmark of the twin layer on the national network of 2024:
//   generate; save; load + validate; N-1 of every link and node; and, in the
//   same run, the naive baseline (one search per failure) with the ratio.
// Prints the machine, the command and the median of each step over the runs.
//
//   build/bench/twin-bench [--runs N] [--preset P] [--naive-runs N]
#include "bench/bench-support.h"
#include "twin/address-plan.h"
#include "twin/analysis.h"
#include "twin/routing.h"
#include "twin/generator.h"
#include "twin/twin-yaml.h"
#include "twin/write-file.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

using namespace netdrill::twin;

using netdrill::bench::Median;

namespace {
const auto TimeMs = netdrill::bench::Milliseconds;
}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  int naiveRuns = 3;
  std::string preset = "national-2024";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--naive-runs") && i + 1 < argc) {
      naiveRuns = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--preset") && i + 1 < argc) {
      preset = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--runs N] [--naive-runs N] [--preset P]\n", argv[0]);
      return 2;
    }
  }
  netdrill::bench::PrintMachineAndCommand(argc, argv);
  const std::string path = "/tmp/netdrill-twin-bench-" + std::to_string(getpid()) + ".yaml";
  std::vector<double> gen, save, load, total, n1, coreReach, analyzeAll;
  std::size_t sites = 0, links = 0, bytes = 0;
  std::optional<Twin> loaded;
  for (int r = 0; r < runs; ++r) {
    Diagnostics diags;
    std::optional<Twin> twin;
    const double g = TimeMs([&] { twin = Generate(preset, 1, GeneratorParams{}, AssetsDir(), diags); });
    if (!twin) {
      diags.Print(std::cerr);
      return 1;
    }
    std::string yaml;
    const double s = TimeMs([&] {
      yaml = SaveTwinYaml(*twin);
      WriteFileAtomic(path, yaml, diags);
    });
    const double l = TimeMs([&] { loaded = LoadTwinYaml(path, diags); });
    if (!loaded) {
      diags.Print(std::cerr);
      return 1;
    }
    gen.push_back(g);
    save.push_back(s);
    load.push_back(l);
    total.push_back(g + s + l);
    sites = twin->Sites().size();
    links = twin->Links().size();
    bytes = yaml.size();
  }
  std::remove(path.c_str());

  const Graph graph = Graph::FromTwin(*loaded);
  N1Report fast;
  for (int r = 0; r < runs; ++r) n1.push_back(TimeMs([&] { fast = AnalyzeN1(graph); }));
  for (int r = 0; r < runs; ++r) analyzeAll.push_back(TimeMs([&] { AnalyzeTwin(*loaded); }));
  std::vector<double> naive;
  NaiveN1 slow;
  for (int r = 0; r < naiveRuns; ++r) naive.push_back(TimeMs([&] { slow = NaiveN1BySearch(graph); }));
  const bool same = slow.linkPairsLost == fast.linkPairsLost && slow.nodePairsLost == fast.nodePairsLost;

  // Routing tables: computed once, then updated after a core link is cut.
  Diagnostics planDiags;
  auto plan = AddressPlan::Build(*loaded, planDiags);
  std::vector<double> routeBuild, reroute;
  std::uint64_t entries = 0;
  std::uint32_t areasRecomputed = 0, treesRecomputed = 0;
  if (plan) {
    for (int r = 0; r < runs; ++r) {
      Twin cut = *loaded;
      std::optional<RoutingTables> tables;
      routeBuild.push_back(TimeMs([&] { tables = RoutingTables::Compute(cut, *plan, Graph::FromTwin(cut)); }));
      entries = tables->EntryCount();
      LinkId coreLink;
      for (std::uint32_t l = 0; l < cut.Links().size() && !coreLink.IsValid(); ++l) {
        if (!cut.GetLink(LinkId(l)).srgs.empty() && cut.GetSrg(cut.GetLink(LinkId(l)).srgs.front()).id == "route:01-48-a") {
          coreLink = LinkId(l);
        }
      }
      cut.GetLink(coreLink).state.status = Status::Down;
      reroute.push_back(TimeMs([&] {
        const RoutingUpdateStats st = tables->Update(cut, Graph::FromTwin(cut), {coreLink});
        areasRecomputed = st.areasRecomputed;
        treesRecomputed = st.treesRecomputed;
      }));
    }
  }

  std::printf("twin: %s, %zu sites, %zu links (%u nodes, %u links in service), %zu KiB of YAML\n", preset.c_str(),
              sites, links, graph.NodeCount(), graph.EdgeCount(), bytes / 1024);
  std::printf("medians over %d runs (naive: %d runs), milliseconds:\n", runs, naiveRuns);
  std::printf("  generate                          %9.1f\n", Median(gen));
  std::printf("  save (YAML, written to a file)    %9.1f\n", Median(save));
  std::printf("  load + validate (from the file)   %9.1f\n", Median(load));
  std::printf("  generate + save + load + validate %9.1f   (target < 2000)\n", Median(total));
  std::printf("  N-1 of every link and node        %9.2f   (target < 1000)\n", Median(n1));
  std::printf("  full analysis (N-1, core reach, shared-risk groups) %9.2f\n", Median(analyzeAll));
  std::printf("  naive N-1, one search per failure %9.1f\n", Median(naive));
  if (!routeBuild.empty()) {
    std::printf("  routing tables, all routers       %9.1f   (%llu entries in %u areas)\n", Median(routeBuild),
                static_cast<unsigned long long>(entries), plan->AreaCount());
    std::printf("  reroute after a core link cut     %9.1f   (target < 100; %u area and %u of %u country-wide trees "
                "recomputed)\n",
                Median(reroute), areasRecomputed, treesRecomputed,
                plan->AreaCount() - 1 + static_cast<unsigned>(plan->AreaNodes(AddressPlan::kCoreArea).size()));
  }
  std::printf("  ratio naive / one-pass            %9.0fx  (target >= 100x); results %s\n",
              Median(naive) / Median(n1), same ? "identical" : "DIFFER");
  return same ? 0 : 1;
}
