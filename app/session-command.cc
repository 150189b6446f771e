#include "app/session-command.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "session/diagnose.h"
#include "sim/engine.h"
#include "session/live-session.h"
#include "session/session.h"
#include "twin/units.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <unistd.h>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::app {

namespace {

void Print(std::ostream& out, const std::vector<session::Answer>& answers) {
  for (const session::Answer& a : answers) {
    out << '[' << session::FormatClock(a.at) << "] " << (a.role == session::Role::Trainee ? "" : std::string(session::RoleName(a.role)) + " ")
        << "> " << a.command << '\n';
    if (a.error) out << "error: ";
    out << a.text;
    if (a.text.empty() || a.text.back() != '\n') out << '\n';
  }
  out << std::flush;
}

// "instructor: fault cut:..." gives the role for one line.
std::pair<session::Role, std::string> RoleOf(const std::string& line, session::Role fallback) {
  for (const session::Role r : {session::Role::Trainee, session::Role::Instructor}) {
    const std::string prefix = std::string(session::RoleName(r)) + ":";
    if (line.rfind(prefix, 0) == 0) return {r, line.substr(prefix.size())};
  }
  return {fallback, line};
}

std::string Hex(std::uint64_t v) {
  return session::FingerprintHex(v);
}

}  // namespace

int SessionCommand(const SessionArgs& args, std::istream& in, std::ostream& out, std::ostream& err) {
  session::SessionOptions options;
  options.model = sim::EngineModel();
  options.seed = args.seed;
  options.durationS = args.durationS;
  options.conference = args.conference;
  options.conferenceProfile = args.profile;
  options.vpn = args.vpn;
  options.bulk = args.fidelity == "packet" ? session::BulkTraffic::Packets : session::BulkTraffic::Rates;
  options.version = NETDRILL_VERSION;
  std::string twinFile = args.twinFile, preset = args.preset;
  std::vector<session::JournalEntry> replay;
  std::optional<std::uint64_t> endTick;
  if (!args.replay.empty()) {
    twin::Diagnostics diags;
    const auto journal = session::LoadJournal(args.replay, diags);
    diags.Print(err);
    if (!journal) return kExitInvalidInput;
    if (journal->twin.rfind("preset:", 0) == 0) {
      preset = journal->twin.substr(7);
      twinFile.clear();
    } else if (journal->twin.rfind("file:", 0) == 0) {
      twinFile = journal->twin.substr(5);
      preset.clear();
    }
    options.seed = journal->seed;
    options.durationS = journal->durationS;
    options.conference = journal->conference;
    options.conferenceProfile = journal->conferenceProfile;
    options.vpn = journal->vpn;
    options.bulk = journal->bulk == "packets" ? session::BulkTraffic::Packets : session::BulkTraffic::Rates;
    replay = journal->entries;
    endTick = journal->endTick;
  }
  auto twin = TwinFor(twinFile, preset, options.seed, err);
  if (!twin) return kExitInvalidInput;
  if (const auto unknown = options.conference ? twin->demands.ProfileRefusal(options.conferenceProfile) : std::nullopt) {
    err << "--conference: error[bad-profile]: " << *unknown << "\n";
    return kExitInvalidInput;
  }
  options.twinLabel = !preset.empty() ? "preset:" + preset : "file:" + twinFile;
  options.journalPath = args.record;
  if (!args.record.empty() && !SealWithLocalKey(options, err)) return kExitFailure;
  twin::Diagnostics diags;
  const bool branch = !args.replay.empty() && args.untilS >= 0;
  // Continue from here: the recorded run up to --until, then this input's commands.
  auto session = branch ? session::Session::Branch(*twin, options, replay, args.untilS, diags)
                        : session::Session::Create(*twin, options, diags);
  diags.Print(err);
  if (!session) return kExitFailure;
  const session::Role role = *session::ParseRole(args.role);
  if (branch) {
    out << "continuing " << args.replay << " from " << session::FormatClock(session->Now()) << '\n';
  }

  if (!branch && !args.replay.empty()) {
    // A replay: the journal's commands at their ticks, then every answer given.
    session->Replay(replay);
    const double lastCommand = static_cast<double>(session->ReplayEndsAtTick()) * session->TickSeconds();
    // Where the recorded run stopped; after a crash, the last command and room for its answer.
    const double end = endTick ? static_cast<double>(*endTick) * session->TickSeconds()
                       : options.durationS > 0 ? options.durationS
                                               : lastCommand + 12.0;
    while (!session->Ended() && session->Now() + 1e-9 < end) {
      session->Step();
      Print(out, session->TakeAnswers());
    }
    out << "replayed " << replay.size() << " commands to " << session::FormatClock(session->Now()) << "; fingerprint "
        << Hex(session->Fingerprint()) << '\n';
    return kExitOk;
  }

  const bool script = args.forceScript || isatty(STDIN_FILENO) == 0;
  if (script) {
    // On simulated time: each line is given at the current tick; `wait D` runs D.
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
      ++lineNo;
      const auto first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos || line[first] == '#') continue;
      line = line.substr(first);
      if (line.rfind("wait", 0) == 0 && (line.size() == 4 || line[4] == ' ')) {
        const auto d = twin::ParseDurationSeconds(line.size() > 5 ? line.substr(5) : "");
        if (!d || *d < 0) {
          err << "line " << lineNo << ": wait takes a duration like 30s, 5m, 1h30m\n";
          return kExitInvalidInput;
        }
        const double until = session->Now() + *d;
        while (!session->Ended() && session->Now() + 1e-9 < until) {
          session->Step();
          Print(out, session->TakeAnswers());
        }
        continue;
      }
      const auto [who, text] = RoleOf(line, role);
      session->Submit(text, who);
      Print(out, session->TakeAnswers());  // a refusal is answered at once
    }
    // The input is over: apply what was given last, and let pending pings finish (they take their count in seconds).
    if (!session->Ended()) session->Step();
    const double until = session->Now() + 102.0;
    while (!session->Ended() && !session->Latest()->pending.empty() && session->Now() + 1e-9 < until) {
      session->Step();
      Print(out, session->TakeAnswers());
    }
    if (options.durationS > 0) session->RunUntil(options.durationS);
    Print(out, session->TakeAnswers());
    session->CloseJournal();
    out << "session ended at " << session::FormatClock(session->Now()) << "; " << session->Alarms().ActiveCount()
        << " active alarms; fingerprint " << Hex(session->Fingerprint()) << '\n';
    return kExitOk;
  }

  // On a terminal: the clock runs at the chosen speed; answers print as they come.
  double speed = 1.0;
  if (const auto n = session::ParseSpeed(args.speed)) {
    speed = *n;
  } else {
    err << "--speed is one of " << session::SpeedChoices() << '\n';
    return kExitInvalidInput;
  }
  session::LiveSession live(std::move(session), speed);
  out << "netdrill session on " << twin->name << " (type help; Ctrl-D ends)\n" << std::flush;
  std::atomic<bool> done{false};
  std::thread printer([&] {
    while (!done) {
      Print(out, live.TakeAnswers());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto [who, text] = RoleOf(line, role);
    live.Submit(text, who);
    if (live.Latest()->ended) break;
  }
  done = true;
  printer.join();
  live.Stop();
  live.GetSession().CloseJournal();
  Print(out, live.TakeAnswers());
  out << "session ended at " << session::FormatClock(live.Latest()->simTime) << "; fingerprint "
      << Hex(live.GetSession().Fingerprint()) << '\n';
  return kExitOk;
}

}  // namespace netdrill::app
