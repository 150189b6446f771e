// Long runs flat (issue 18): a national drill's session run at full speed for hours, an inject every
// simulated minute, memory and resources read each simulated hour. The process's RSS less the
// history's own estimate of its size (one snapshot a second, kept by design for the debrief) must stay
// within 5 % from hour 1 to the last; open files and threads must not grow. It also prints the live heap
// (glibc's mallinfo2) less the history and the alarm log (every alarm raised, kept for the debrief).
//
//   ./build/bench/soak-bench [--preset national-2025] [--hours 8] [--mode fluid|hybrid]
//                            [--conference 2023|2025|2026|none] [--no-injects] [--fake-model]   (to find what grows:
//                            the session on the fake network model instead of ns-3)
//
// fluid: the bulk traffic as rates and only the injects (a cut every other minute, each repaired five
// minutes later); hybrid: the same, plus a trainee's ping and traceroute every minute (packets in ns-3).
#include "bench/bench-support.h"
#include "session/fake-network-model.h"
#include "session/session.h"
#include "sim/engine.h"
#include "twin/admin-data.h"
#include "twin/generator.h"

#include <dirent.h>
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace netdrill;

namespace {

double RssMb() {
  const std::string v = bench::ProcField("/proc/self/status", "VmRSS");
  return v == "?" ? 0.0 : std::stod(v) / 1024.0;
}

int Threads() {
  const std::string v = bench::ProcField("/proc/self/status", "Threads");
  return v == "?" ? 0 : std::atoi(v.c_str());
}

int OpenFiles() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (const dirent* e = readdir(d)) n += e->d_name[0] != '.';
    closedir(d);
  }
  return n - 1;  // the listing's own descriptor
}

// The bytes malloc has handed out and not had back (glibc): the live heap, without the pages fragmentation keeps.
double HeapInUseMb() { return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0); }

struct Sample {
  int hour;
  double wallS, rssMb, heapMb, historyMb, alarmLogMb;
  std::size_t snapshots;
  int files, threads;
};

}  // namespace

int main(int argc, char** argv) {
  std::string preset = "national-2025", mode = "fluid", conference = "2025";
  bool injects = true, fake = false;
  double hours = 8.0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--preset" && i + 1 < argc) preset = argv[++i];
    else if (a == "--hours" && i + 1 < argc) hours = std::atof(argv[++i]);
    else if (a == "--mode" && i + 1 < argc) mode = argv[++i];
    else if (a == "--conference" && i + 1 < argc) conference = argv[++i];
    else if (a == "--no-injects") injects = false;
    else if (a == "--fake-model") fake = true;
    else {
      std::fprintf(stderr, "usage: %s [--preset P] [--hours H] [--mode fluid|hybrid] [--conference PROFILE|none] [--no-injects] [--fake-model]\n", argv[0]);
      return 2;
    }
  }
  if ((mode != "fluid" && mode != "hybrid") || !(hours >= 2 && hours <= 72)) {
    std::fprintf(stderr, "soak-bench: --mode fluid|hybrid, --hours 2 to 72\n");
    return 2;
  }
  bench::PrintMachineAndCommand(argc, argv);
  twin::Diagnostics diags;
  const auto t = twin::Generate(preset, 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
  if (!t) {
    diags.Print(std::cerr);
    return 1;
  }
  // What the injects act on: commune uplinks; what the trainee pings: communes.
  std::vector<std::string> uplinks, communes;
  for (const twin::Link& l : t->Links()) {
    const auto& a = t->GetSite(t->GetNode(l.a).site);
    if (a.level == twin::SiteLevel::Commune && l.role == twin::LinkRole::Primary) uplinks.push_back(l.id);
  }
  for (const twin::Site& s : t->Sites()) {
    if (s.level == twin::SiteLevel::Commune) communes.push_back(s.id);
  }
  if (uplinks.empty() || communes.empty()) {
    std::fprintf(stderr, "soak-bench: %s has no commune uplinks to cut\n", preset.c_str());
    return 1;
  }
  session::SessionOptions options;
  options.model = fake ? session::FakeNetworkModel::Factory() : sim::EngineModel();
  options.twinLabel = "preset:" + preset;
  options.durationS = hours * 3600.0;
  options.conference = conference != "none";
  options.conferenceProfile = options.conference ? conference : "";
  options.bulk = session::BulkTraffic::Rates;
  auto s = session::Session::Create(*t, options, diags);
  if (!s) {
    diags.Print(std::cerr);
    return 1;
  }
  std::printf("soak: %s, %s, %.0f simulated hours at full speed, an inject every simulated minute%s\n", preset.c_str(),
              mode.c_str(), hours, mode == "hybrid" ? ", a ping and a traceroute every minute" : "");
  std::mt19937_64 rng(18);
  std::deque<std::string> cut;  // repaired five minutes after their cut
  std::vector<Sample> samples;
  const auto wall0 = std::chrono::steady_clock::now();
  const int minutes = static_cast<int>(hours * 60);
  for (int m = 0; m < minutes && !s->Ended(); ++m) {
    if (!injects) {
      // the quiet network: nothing but the clock
    } else if (m % 2 == 0) {
      cut.push_back(uplinks[rng() % uplinks.size()]);
      s->Submit("fault cut:" + cut.back(), session::Role::Instructor);
    } else if (cut.size() > 2) {
      s->Submit("fault repair:" + cut.front(), session::Role::Instructor);
      cut.pop_front();
    } else {
      s->Submit("show alarms", session::Role::Trainee);
    }
    if (mode == "hybrid") {
      s->Submit("ping " + communes[rng() % communes.size()] + " 3", session::Role::Trainee);
      s->Submit("traceroute " + communes[rng() % communes.size()], session::Role::Trainee);
    }
    s->RunUntil((m + 1) * 60.0);
    s->TakeAnswers();  // a console reads them; left unread they would be a queue, not a leak
    if ((m + 1) % 60 == 0) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
      samples.push_back({(m + 1) / 60, wall, RssMb(), HeapInUseMb(), static_cast<double>(s->HistoryBytes()) / (1024.0 * 1024.0),
                         static_cast<double>(s->AlarmLogBytes()) / (1024.0 * 1024.0),
                         s->HistorySize(), OpenFiles(), Threads()});
      const Sample& x = samples.back();
      std::printf("hour %2d  wall %6.1f s  RSS %6.1f MB  heap %6.1f MB  history %5.1f MB (%zu snapshots)  alarm log %4.1f MB"
                  "  RSS-history %6.1f MB  heap-history-log %6.1f MB  files %d  threads %d\n",
                  x.hour, x.wallS, x.rssMb, x.heapMb, x.historyMb, x.snapshots, x.alarmLogMb, x.rssMb - x.historyMb,
                  x.heapMb - x.historyMb - x.alarmLogMb, x.files, x.threads);
      std::fflush(stdout);
    }
  }
  if (samples.size() < 2) {
    std::fprintf(stderr, "soak-bench: the run ended before its second hour\n");
    return 1;
  }
  const Sample& first = samples.front();
  const Sample& last = samples.back();
  const double ratio = (last.rssMb - last.historyMb) / (first.rssMb - first.historyMb);
  const bool flat = ratio <= 1.05 && ratio >= 0.95;
  const bool resources = last.files <= first.files && last.threads <= first.threads;
  std::printf("RSS less the history, hour %d -> hour %d: %.1f -> %.1f MB, ratio %.3f (within 5 %%: %s)\n", first.hour,
              last.hour, first.rssMb - first.historyMb, last.rssMb - last.historyMb, ratio, flat ? "yes" : "NO");
  std::printf("heap in use less the history and the alarm log, hour %d -> hour %d: %.1f -> %.1f MB, ratio %.3f\n",
              first.hour, last.hour, first.heapMb - first.historyMb - first.alarmLogMb,
              last.heapMb - last.historyMb - last.alarmLogMb,
              (last.heapMb - last.historyMb - last.alarmLogMb) / (first.heapMb - first.historyMb - first.alarmLogMb));
  std::printf("open files %d -> %d, threads %d -> %d (no growth: %s)\n", first.files, last.files, first.threads,
              last.threads, resources ? "yes" : "NO");
  std::printf("history: %.1f MB for %zu snapshots, %.0f bytes each; %.1f simulated hours in %.0f s of wall (%.0fx)\n",
              last.historyMb, last.snapshots, last.historyMb * 1024 * 1024 / static_cast<double>(last.snapshots),
              last.hour * 1.0, last.wallS, last.hour * 3600.0 / last.wallS);
  return flat && resources ? 0 : 1;
}
