// The what-if bench's figures (issue 8): an N-1 sweep of the whole
// national-2024 twin (every link, router and shared-risk group) with the load
// re-routed, in one process, against a naive baseline (the twin rebuilt and
// every flow re-routed for each failure, timed on a sample and extrapolated);
// and an N-2 sweep of the 500 most critical elements (124,750 pairs), in one
// process and across 2 MPI ranks (netdrill-sweep, when built), checked equal.
// Targets: N-1 < 10 s; N-2 < 60 s with 2 ranks.
//
//   ./build/bench/whatif-bench [--preset national-2024] [--top 500] [--naive-sample 12] [--runs 3]
#include "bench/bench-support.h"
#include "twin/admin-data.h"
#include "twin/generator.h"
#include "whatif/sweep.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace netdrill;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const auto at = text.find("\"seconds\"");
  if (at != std::string::npos) text.erase(at, text.find('\n', at) - at);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  std::string preset = "national-2024";
  std::size_t top = 500, sample = 12;
  int runs = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--preset")) preset = argv[i + 1];
    if (!std::strcmp(argv[i], "--top")) top = static_cast<std::size_t>(std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--naive-sample")) sample = static_cast<std::size_t>(std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  }
  bench::PrintMachineAndCommand(argc, argv);
  twin::Diagnostics diags;
  auto t = twin::Generate(preset, 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
  if (!t) {
    diags.Print(std::cerr);
    return 1;
  }
  std::printf("%s: %zu sites, %zu links, %zu shared-risk groups\n", preset.c_str(), t->Sites().size(), t->Links().size(),
              t->Srgs().size());

  // N-1, one process (its threads), load re-routed.
  whatif::SweepOptions o;
  std::vector<double> n1;
  whatif::SweepResult r;
  for (int i = 0; i < runs; ++i) n1.push_back(bench::Seconds([&] { r = whatif::RunSweep(*t, o); }));
  std::printf("N-1: %zu failures (links, routers, groups), %zu flows: median %.2f s of %d runs (target < 10 s: %s)\n",
              r.singles.size(), r.flows, bench::Median(n1), runs, bench::Median(n1) < 10 ? "met" : "NOT met");

  // The naive baseline on a sample spread over the element list, extrapolated.
  std::vector<double> naive;
  for (std::size_t k = 0; k < sample; ++k) {
    const auto& e = r.elements[k * r.elements.size() / sample];
    naive.push_back(bench::Seconds([&] { whatif::NaiveEvaluate(*t, e, "", true); }));
  }
  const double perFailure = bench::Median(naive);
  const double naiveN1 = perFailure * static_cast<double>(r.singles.size());
  std::printf("naive (twin rebuilt, every flow re-routed): %.1f ms a failure (median of %zu sampled); "
              "N-1 extrapolated %.0f s: %.0fx slower\n",
              perFailure * 1e3, sample, naiveN1, naiveN1 / bench::Median(n1));

  // N-2 over the top K, one process.
  whatif::SweepOptions o2 = o;
  o2.pairs = true;
  o2.topK = top;
  whatif::SweepResult r2;
  const double n2 = bench::Seconds([&] { r2 = whatif::RunSweep(*t, o2); });
  std::printf("N-2: %zu pairs of the top %zu (with the N-1 that ranks them): %.2f s in one process; naive extrapolated "
              "%.0f s (%.0fx)\n",
              r2.pairs.size(), top, n2, perFailure * static_cast<double>(r2.pairs.size()),
              perFailure * static_cast<double>(r2.pairs.size()) / n2);

  // Across 2 MPI ranks, through netdrill-sweep: the same JSON.
  const std::string bin = std::filesystem::path(argv[0]).parent_path().parent_path().string();
  const std::string sweep = bin + "/netdrill-sweep", netdrill = bin + "/netdrill";
  if (std::filesystem::exists(sweep) && std::system("command -v mpirun >/dev/null 2>&1") == 0) {
    const std::string args = " " + preset + " --failures link,node,srlg,n2 --top " + std::to_string(top) + " --json --threads 1";
    const std::string tmp = std::filesystem::temp_directory_path().string();
    const double mpi = bench::Seconds([&] {
      std::system(("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun --oversubscribe -np 2 " + sweep + args +
                   " > " + tmp + "/whatif-bench-mpi.json 2>/dev/null").c_str());
    });
    const double one = bench::Seconds([&] {
      std::system((netdrill + " whatif sweep" + args + " > " + tmp + "/whatif-bench-one.json 2>/dev/null").c_str());
    });
    const bool same = Slurp(tmp + "/whatif-bench-mpi.json") == Slurp(tmp + "/whatif-bench-one.json");
    std::printf("N-2 as commands, one thread a rank (whole runs, twin generated): 2 MPI ranks %.2f s, 1 process %.2f s "
                "(%.2fx); same result: %s (target < 60 s with 2 ranks: %s)\n",
                mpi, one, one / mpi, same ? "yes" : "NO", mpi < 60 ? "met" : "NOT met");
  } else {
    std::printf("netdrill-sweep or mpirun missing: the 2-rank figure is left out\n");
  }
  std::printf("peak RSS %.0f MB\n", bench::PeakRssMb());
  return 0;
}
