#include "app/drill-commands.h"

#include "app/cli.h"
#include "drill/drill-report.h"
#include "drill/drill-run.h"
#include "drill/drill.h"
#include "sim/diagnose.h"
#include "sim/session.h"
#include "twin/units.h"

#include <fstream>
#include <iomanip>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::app {

namespace {

// A drill read, its twin built, and every check passed; problems printed.
struct Loaded {
  drill::Drill drill;
  twin::Twin twin;
};

std::optional<Loaded> LoadChecked(const std::string& file, twin::Diagnostics& diags) {
  auto d = drill::LoadDrill(file, diags);
  if (!d) return std::nullopt;
  auto t = drill::DrillTwin(*d, diags);
  if (!t) return std::nullopt;
  const int before = diags.ErrorCount();
  drill::CheckAgainstTwin(*d, *t, diags);
  if (diags.ErrorCount() > before) return std::nullopt;
  return Loaded{std::move(*d), std::move(*t)};
}

}  // namespace

int DrillCheckCommand(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  int valid = 0;
  for (const std::string& f : files) valid += LoadChecked(f, diags).has_value();
  diags.Print(err);
  out << valid << " of " << files.size() << " drills valid\n";
  return valid == static_cast<int>(files.size()) ? kExitOk : kExitInvalidInput;
}

int DrillRunCommand(const DrillRunArgs& args, std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  auto loaded = LoadChecked(args.file, diags);
  std::optional<std::vector<drill::ScriptedAction>> actions = std::vector<drill::ScriptedAction>{};
  if (loaded && !args.actions.empty()) actions = drill::LoadActions(args.actions, loaded->drill.durationS, diags);
  std::optional<drill::Picks> picks;
  if (loaded && actions) picks = drill::MakePicks(loaded->drill, loaded->twin, args.seed, diags);
  diags.Print(err);
  if (!loaded || !actions || !picks) return kExitInvalidInput;
  const drill::Drill& d = loaded->drill;
  sim::SessionOptions options;
  options.seed = args.seed;
  options.durationS = d.durationS;
  options.conference = !d.conference.empty();
  options.conferenceProfile = d.conference;
  options.vpn = d.vpn;
  options.bulk = d.fidelity == "packet" ? sim::BulkTraffic::Packets : sim::BulkTraffic::Rates;
  options.twinLabel = d.network.rfind("file:", 0) == 0 ? d.network : "preset:" + d.network;
  options.scenario = args.file;
  options.journalPath = args.record;
  options.version = NETDRILL_VERSION;
  auto session = sim::Session::Create(loaded->twin, options, diags);
  if (!session) {
    diags.Print(err);
    return kExitFailure;
  }
  drill::DrillRun run(d, *picks, *session, args.seed, args.lang);
  run.RunToEnd(*actions);
  session->CloseJournal();
  drill::DrillResult result = run.Result();
  if (!args.report.empty()) {
    std::ofstream html(args.report);
    if (!html) {
      err << args.report << ": cannot write the report\n";
      return kExitFailure;
    }
    html << drill::ReportHtml(d, result, args.trainee);
  }
  if (args.json) {
    out << drill::ResultJson(result) << '\n';
    return kExitOk;
  }
  out << d.title.In(args.lang) << " (" << d.id << ", seed " << args.seed << ")\n";
  for (const auto& [id, chosen] : result.picks) {
    out << "  pick " << id << ":";
    for (const auto& c : chosen) out << ' ' << c;
    out << '\n';
  }
  for (const drill::ObjectiveResult& o : result.objectives) {
    out << "  " << std::left << std::setw(14) << o.id << std::right << std::setw(5) << o.points << " / " << o.weight
        << "  " << (o.metAt ? "met at " + sim::FormatClock(*o.metAt) : std::string("not met"))
        << (o.hintShown ? ", hint -" + twin::FormatNumber(o.hintCost) : "") << '\n';
  }
  out << "  penalties -" << result.penaltyPoints << " (" << result.worsenings << " actions that cut service)\n"
      << "score " << std::fixed << std::setprecision(0) << result.score << " / 100\n";
  return kExitOk;
}

}  // namespace netdrill::app
