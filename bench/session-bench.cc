// The session's figures (issue 5): a recorded 30-minute scripted session
// replays to the same fingerprint; any second of it is shown at once; the run
// continues from minute 30 in seconds; at 1x the simulated clock tracks the wall.
//
//   ./build/bench/session-bench [--preset province-2024:44] [--minutes 30] [--pacing-seconds 30]
#include "bench/bench-support.h"
#include "session/live-session.h"
#include "sim/engine.h"
#include "session/session.h"
#include "twin/admin-data.h"
#include "twin/generator.h"

#include <cmath>
#include <iostream>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>

using namespace netdrill;
using namespace netdrill::session;

namespace {

// A trainee's half hour, the same every run: pings and traceroutes, faults
// from the instructor and the trainee's answers to them.
std::vector<JournalEntry> Script(const twin::Twin& t, double minutes) {
  std::vector<JournalEntry> out;
  std::mt19937_64 rng(7);
  std::vector<std::string> districtUplinks, communes;
  for (const twin::Link& l : t.Links()) {
    const auto& a = t.GetSite(t.GetNode(l.a).site);
    const auto& b = t.GetSite(t.GetNode(l.b).site);
    if (a.level == twin::SiteLevel::District && b.level == twin::SiteLevel::Province) districtUplinks.push_back(l.id);
  }
  for (const twin::Site& s : t.Sites()) {
    if (s.level == twin::SiteLevel::Commune) communes.push_back(s.id);
  }
  const auto ticks = static_cast<std::uint64_t>(minutes * 600);
  for (std::uint64_t tick = 50; tick < ticks; tick += 600) {
    out.push_back({tick, Role::Trainee, "ping " + communes[rng() % communes.size()] + " 3"});
    out.push_back({tick + 100, Role::Trainee, "traceroute " + communes[rng() % communes.size()]});
    out.push_back({tick + 150, Role::Trainee, "show alarms"});
  }
  // Every five minutes a cut, found, ticketed, repaired three minutes later.
  int n = 0;
  for (std::uint64_t tick = 1200; tick + 1800 < ticks && !districtUplinks.empty(); tick += 3000, ++n) {
    const std::string link = districtUplinks[rng() % districtUplinks.size()];
    out.push_back({tick, Role::Instructor, "fault cut:" + link});
    out.push_back({tick + 300, Role::Trainee, "declare cause " + link});
    out.push_back({tick + 310, Role::Trainee, "ticket open major fibre cut on " + link});
    out.push_back({tick + 1800, Role::Instructor, "fault repair:" + link});
  }
  std::stable_sort(out.begin(), out.end(), [](const JournalEntry& a, const JournalEntry& b) { return a.tick < b.tick; });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string preset = "province-2024:44";
  double minutes = 30.0, pacingSeconds = 30.0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--preset" && i + 1 < argc) {
      preset = argv[++i];
    } else if (a == "--minutes" && i + 1 < argc) {
      minutes = std::atof(argv[++i]);
    } else if (a == "--pacing-seconds" && i + 1 < argc) {
      pacingSeconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--preset P] [--minutes M] [--pacing-seconds S]\n", argv[0]);
      return 2;
    }
  }
  bench::PrintMachineAndCommand(argc, argv);
  twin::Diagnostics diags;
  const auto t = twin::Generate(preset, 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
  if (!t) {
    diags.Print(std::cerr);
    return 1;
  }
  const double duration = minutes * 60.0;
  char journalPath[] = "/tmp/netdrill-session-bench-XXXXXX";
  const int fd = mkstemp(journalPath);
  if (fd < 0) return 1;
  close(fd);
  SessionOptions options;
  options.model = netdrill::sim::EngineModel();
  options.twinLabel = "preset:" + preset;
  options.conference = true;
  options.conferenceProfile = "2023";
  options.journalPath = journalPath;
  const auto script = Script(*t, minutes);
  std::printf("twin: %s, %zu sites, %zu links; the 2023 conference; a scripted trainee: %zu commands over %.0f minutes\n",
              preset.c_str(), t->Sites().size(), t->Links().size(), script.size(), minutes);

  // 1. Record: the script given as a person would give it, at its ticks, as fast as it goes.
  std::uint64_t recorded = 0;
  std::size_t historySize = 0;
  const double recordS = bench::Seconds([&] {
    auto s = Session::Create(*t, options, diags);
    std::size_t next = 0;
    while (s->Now() + 1e-9 < duration) {
      while (next < script.size() && script[next].tick <= s->Tick()) {
        s->Submit(script[next].command, script[next].role);
        ++next;
      }
      s->Step();
      s->TakeAnswers();
    }
    s->CloseJournal();
    recorded = s->Fingerprint();
    historySize = s->HistorySize();
  });
  std::printf("recorded %.0f simulated minutes in %.2f s wall (%.0fx real time); %zu snapshots kept\n", minutes, recordS,
              duration / recordS, historySize);

  // 2. Replay the journal: the same fingerprint. Keep the session for the debrief.
  auto journal = LoadJournal(journalPath, diags);
  if (!journal) {
    diags.Print(std::cerr);
    return 1;
  }
  SessionOptions replayOptions = options;
  replayOptions.journalPath.clear();
  std::unique_ptr<Session> replay;
  const double replayS = bench::Seconds([&] {
    replay = Session::Create(*t, replayOptions, diags);
    replay->Replay(journal->entries);
    replay->RunUntil(static_cast<double>(*journal->endTick) * replay->TickSeconds());
  });
  std::printf("replayed %zu journal lines in %.2f s: fingerprint %016llx, recorded %016llx: %s\n",
              journal->entries.size(), replayS, static_cast<unsigned long long>(replay->Fingerprint()),
              static_cast<unsigned long long>(recorded), replay->Fingerprint() == recorded ? "the same" : "DIFFERENT");

  // 3. Scrub: any second of the run, as the debrief shows it: the snapshot and
  // a pass over what it holds. The debrief keeps the history; the session and
  // its engine go (ns-3 keeps one simulator per process: the branch needs it).
  const auto history = replay->History();
  std::size_t distinctArrays = 0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    distinctArrays += i == 0 || history[i]->linkUtilisation != history[i - 1]->linkUtilisation;
  }
  replay.reset();
  auto snapshotAt = [&](double at) {
    return history[std::min(history.size() - 1, static_cast<std::size_t>(at))];
  };
  std::mt19937_64 rng(3);
  std::vector<double> scrubMs;
  double checksum = 0.0;
  for (int i = 0; i < 200; ++i) {
    const double at = std::uniform_real_distribution<double>(0.0, duration)(rng);
    scrubMs.push_back(bench::Milliseconds([&] {
      const auto snap = snapshotAt(at);
      for (float u : *snap->linkUtilisation) checksum += u;
      for (auto d : *snap->linkDark) checksum += d;
      checksum += static_cast<double>(snap->alarms->size() + snap->tickets.size());
    }));
  }
  std::printf("history: %zu snapshots, %zu distinct link-load arrays among them\n", history.size(), distinctArrays);
  std::printf("showing any second (200 random ones): median %.3f ms, worst %.3f ms (target < 100 ms)%s\n",
              bench::Median(scrubMs), *std::max_element(scrubMs.begin(), scrubMs.end()), checksum < 0 ? "!" : "");

  // 4. Continue from minute 30 (the end): a branch re-run from the journal.
  std::vector<double> branchS;
  for (int i = 0; i < 3; ++i) {
    branchS.push_back(bench::Seconds([&] {
      auto b = Session::Branch(*t, replayOptions, journal->entries, duration, diags);
      if (!b) {
        diags.Print(std::cerr);
        std::exit(1);
      }
      b->Submit("show alarms", Role::Trainee);
      b->Step();
    }));
  }
  std::printf("continuing from minute %.0f: median %.2f s over 3 runs (target < 10 s)\n", minutes, bench::Median(branchS));
  std::remove(journalPath);

  // 5. Pacing at 1x: the simulated clock against the wall clock.
  {
    auto s = Session::Create(*t, replayOptions, diags);
    LiveSession live(std::move(s), 1.0);
    const auto wall0 = std::chrono::steady_clock::now();
    const double sim0 = live.Latest()->simTime;
    double worst = 0.0;
    for (int k = 1; k <= static_cast<int>(pacingSeconds); ++k) {
      std::this_thread::sleep_until(wall0 + std::chrono::seconds(k));
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
      const double sim = live.Latest()->simTime - sim0;
      worst = std::max(worst, std::fabs(sim - wall));
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    const double sim = live.Latest()->simTime - sim0;
    live.Stop();
    std::printf("pacing at 1x for %.0f s: simulated %.2f s in %.2f s wall, %.2f %% off (target within 5 %%); "
                "worst gap along the way %.0f ms (a snapshot every 100 ms)\n",
                pacingSeconds, sim, wall, 100.0 * std::fabs(sim - wall) / wall, worst * 1000.0);
  }
  std::printf("peak RSS %.0f MB\n", bench::PeakRssMb());
  return 0;
}
