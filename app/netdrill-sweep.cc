// netdrill-sweep: `netdrill whatif sweep` split across processes and machines
// with MPI (Debian's OpenMPI). Same arguments, same output: every rank builds
// the twins and evaluates its share of the failures (index % ranks); rank 0
// gathers the shares, merges them in index order and prints. The console's
// binary does not link MPI.
//
//   mpirun -np 4 build/netdrill-sweep national-2024 --failures link,node,srlg,n2 --top 500
//   (as root: mpirun --allow-run-as-root; more ranks than cores: --oversubscribe)
#include "app/cli.h"
#include "app/whatif-commands.h"

#include <CLI/CLI.hpp>
#include <mpi.h>

#include <iostream>
#include <sstream>

using namespace netdrill;

namespace {

constexpr int kFields = 16;  // one failure's numbers, as doubles (all integers here are far below 2^53)

void Pack(const std::vector<whatif::FailureResult>& failures, std::vector<double>& out) {
  for (const auto& f : failures) {
    const auto& i = f.impact;
    out.insert(out.end(), {static_cast<double>(f.elements.size()), static_cast<double>(f.elements[0]),
                           f.elements.size() > 1 ? static_cast<double>(f.elements[1]) : -1.0,
                           static_cast<double>(f.pairsLost), static_cast<double>(i.cut.sites),
                           static_cast<double>(i.cut.byPriority[0]), static_cast<double>(i.cut.byPriority[1]),
                           static_cast<double>(i.cut.byPriority[2]), static_cast<double>(i.cut.byPriority[3]),
                           static_cast<double>(i.cut.endpoints), static_cast<double>(i.linksOver), i.maxUtilisation,
                           i.worstDelayMs, static_cast<double>(i.flowsRerouted), static_cast<double>(i.flowsLost), 0.0});
  }
}

void Unpack(const double* p, std::size_t count, std::vector<whatif::FailureResult>& into) {
  for (std::size_t k = 0; k < count; ++k, p += kFields) {
    whatif::FailureResult f;
    f.elements.push_back(static_cast<std::size_t>(p[1]));
    if (p[0] > 1) f.elements.push_back(static_cast<std::size_t>(p[2]));
    f.pairsLost = static_cast<std::uint64_t>(p[3]);
    auto& i = f.impact;
    i.cut.sites = static_cast<std::int64_t>(p[4]);
    for (int q = 0; q < 4; ++q) i.cut.byPriority[static_cast<std::size_t>(q)] = static_cast<std::int64_t>(p[5 + q]);
    i.cut.endpoints = static_cast<std::int64_t>(p[9]);
    i.linksOver = static_cast<int>(p[10]);
    i.maxUtilisation = p[11];
    i.worstDelayMs = p[12];
    i.flowsRerouted = static_cast<int>(p[13]);
    i.flowsLost = static_cast<int>(p[14]);
    into.push_back(std::move(f));
  }
}

// Gathers one list of failures from every rank on rank 0.
std::vector<whatif::FailureResult> Gather(const std::vector<whatif::FailureResult>& mine, int rank, int ranks) {
  std::vector<double> packed;
  Pack(mine, packed);
  int count = static_cast<int>(packed.size());
  std::vector<int> counts(static_cast<std::size_t>(ranks)), offsets(static_cast<std::size_t>(ranks));
  MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<double> all;
  if (rank == 0) {
    int total = 0;
    for (int r = 0; r < ranks; ++r) {
      offsets[static_cast<std::size_t>(r)] = total;
      total += counts[static_cast<std::size_t>(r)];
    }
    all.resize(static_cast<std::size_t>(total));
  }
  MPI_Gatherv(packed.data(), count, MPI_DOUBLE, all.data(), counts.data(), offsets.data(), MPI_DOUBLE, 0, MPI_COMM_WORLD);
  std::vector<whatif::FailureResult> out;
  if (rank == 0) Unpack(all.data(), all.size() / kFields, out);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  CLI::App app{"netdrill-sweep: netdrill whatif sweep across MPI ranks (same arguments, same output)"};
  app.name("netdrill-sweep");
  app::WhatifSweepArgs args;
  app::AddSweepOptions(app, args);
  int code = 0;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    code = rank == 0 ? app.exit(e) : 2;
    MPI_Finalize();
    return code;
  }
  if (rank != 0) args.confirm = 0;  // the engine runs once, on rank 0
  std::ostringstream quiet;
  std::ostream& out = rank == 0 ? std::cout : quiet;
  std::ostream& err = rank == 0 ? std::cerr : quiet;
  const app::SweepRunner runner = [&](const twin::Twin& t, const whatif::SweepOptions& o) {
    whatif::SweepOptions share = o;
    share.rank = rank;
    share.ranks = ranks;
    whatif::SweepResult r = whatif::RunSweep(t, share);
    auto singles = Gather(r.singles, rank, ranks);
    auto pairs = Gather(r.pairs, rank, ranks);
    double seconds = r.seconds, longest = 0.0;
    MPI_Reduce(&seconds, &longest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    r.singles = std::move(singles);
    r.pairs = std::move(pairs);
    r.seconds = longest;
    return whatif::MergeResults({std::move(r)});
  };
  code = app::WhatifSweep(args, out, err, runner);
  if (rank == 0) std::cerr << "netdrill-sweep: " << ranks << " ranks\n";
  MPI_Finalize();
  return code;
}
