#include "app/drill-commands.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "drill/drill-report.h"
#include "drill/drill-skeleton.h"
#include "drill/drill-run.h"
#include "drill/drill.h"
#include "drill/records.h"
#include "session/diagnose.h"
#include "sim/engine.h"
#include "session/fake-network-model.h"
#include "session/session.h"
#include "twin/units.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <iomanip>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::app {

session::SessionOptions DrillSessionOptions(const drill::Drill& d, std::uint64_t seed, const std::string& file) {
  return drill::DrillSessionOptions(d, seed, file, sim::EngineModel(), NETDRILL_VERSION);
}

int PrintResult(const drill::Drill& d, const twin::Twin& twin, const drill::DrillResult& result, const DrillRunArgs& args, std::ostream& out,
                std::ostream& err);

namespace {

// "1-5", "1,3,7", "4": the seeds to play; nullopt when it is none of these.
std::optional<std::vector<std::uint64_t>> ParseSeeds(const std::string& text) {
  std::vector<std::uint64_t> out;
  std::stringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) {
    const auto dash = part.find('-');
    const auto from = twin::ParseNumber(part.substr(0, dash));
    const auto to = dash == std::string::npos ? from : twin::ParseNumber(part.substr(dash + 1));
    if (!from || !to || *from < 1 || *to < *from || *to - *from > 1000 || *from != std::floor(*from) || *to != std::floor(*to))
      return std::nullopt;
    for (auto s = static_cast<std::uint64_t>(*from); s <= static_cast<std::uint64_t>(*to); ++s) out.push_back(s);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

int DrillCheckCommand(const std::vector<std::string>& files, bool play, const std::string& seedsText, std::ostream& out,
                      std::ostream& err) {
  const auto seeds = ParseSeeds(seedsText);
  if (!seeds) {
    err << "--seeds: expected seeds like 1-5, 1,3,7 or 4, not \"" << seedsText << "\"\n";
    return kExitInvalidInput;
  }
  twin::Diagnostics diags;
  int valid = 0;
  for (const std::string& f : files) {
    const auto loaded = LoadCheckedDrill(f, diags);
    if (!loaded) continue;
    // Places written by name or code: what each one is, so the author can see it is the one meant.
    for (const auto& r : loaded->resolved) out << drill::FormatResolution(r) << "\n";
    const int before = diags.ErrorCount();
    // Played on the fake network: what breaks what is the graph's business, and it takes a second.
    for (std::uint64_t seed : play ? *seeds : std::vector<std::uint64_t>{}) {
      if (!drill::PlayCheck(*loaded, f, seed, session::FakeNetworkModel::Factory(), diags)) break;
    }
    valid += diags.ErrorCount() == before;
  }
  diags.Print(err);
  out << valid << " of " << files.size() << " drills valid" << (play ? " (played with no actions)" : "") << "\n";
  return valid == static_cast<int>(files.size()) ? kExitOk : kExitInvalidInput;
}

int DrillNewCommand(const std::string& network, const std::string& incident, const std::string& file, std::ostream& out,
                    std::ostream& err) {
  const std::string id = std::filesystem::path(file).stem().string();
  const auto text = drill::DrillSkeleton(incident, network, id);
  if (!text) {
    err << "--incident: no skeleton for \"" << incident << "\" (one of:";
    for (const auto& c : drill::SkeletonClasses()) err << ' ' << c;
    err << ")\n";
    return kExitInvalidInput;
  }
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    err << file << ": already exists; nothing written (choose another name)\n";
    return kExitInvalidInput;
  }
  if (!WriteOutputFile(file, *text, err)) return kExitFailure;
  twin::Diagnostics diags;
  const bool valid = LoadCheckedDrill(file, diags).has_value();
  diags.Print(err);
  if (!valid) {
    err << file << ": written, but it does not pass drill check on " << network << " (above)\n";
    return kExitInvalidInput;
  }
  out << "wrote " << file << " (" << incident << " on " << network << "): it passes drill check; edit it, then "
      << "netdrill drill check --play " << file << "\n";
  return kExitOk;
}

int DrillRunCommand(const DrillRunArgs& args, std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  auto loaded = LoadCheckedDrill(args.file, diags);
  std::optional<std::vector<drill::ScriptedAction>> actions = std::vector<drill::ScriptedAction>{};
  if (loaded && !args.actions.empty()) actions = drill::LoadActions(args.actions, loaded->drill.durationS, diags);
  if (loaded && actions && !drill::CheckActionSeats(loaded->drill, *actions, args.actions, diags)) actions.reset();
  std::optional<drill::Picks> picks;
  if (loaded && actions) picks = drill::MakePicks(loaded->drill, loaded->twin, args.seed, diags);
  if (picks && !drill::CheckActionPicks(*actions, *picks, args.actions, diags)) picks.reset();
  diags.Print(err);
  if (!loaded || !actions || !picks) return kExitInvalidInput;
  const drill::Drill& d = loaded->drill;
  session::SessionOptions options = DrillSessionOptions(d, args.seed, args.file);
  options.journalPath = args.record;
  if (!args.record.empty() && !SealWithLocalKey(options, err)) return kExitFailure;
  if (!args.assist.empty()) options.assist = args.assist;  // checked by the command line
  const auto played = drill::PlayDrill(*loaded, *picks, *actions, options, args.lang, diags);
  if (!played) {
    diags.Print(err);
    return kExitFailure;
  }
  const drill::DrillResult& result = *played;
  if (!args.trainee.empty()) {
    // A named trainee's run is kept in the records.
    auto records = drill::Records::Open(args.db, diags);
    const std::int64_t id = records ? records->Add(result, args.trainee, UtcNow(), true, diags) : 0;
    diags.Print(err);
    if (id == 0) return kExitFailure;
    err << "kept as record " << id << " in " << (args.db.empty() ? drill::Records::DefaultPath() : args.db) << '\n';
  }
  return PrintResult(d, loaded->twin, result, args, out, err);
}

int RecordsListCommand(const std::string& db, const std::string& trainee, const std::string& drillId, bool trend,
                       std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  auto records = drill::Records::Open(db, diags);
  diags.Print(err);
  if (!records) return kExitFailure;
  if (trend) {
    if (trainee.empty()) {
      err << "records list --trend: name the trainee (--trainee NAME)\n";
      return kExitInvalidInput;
    }
    out << "Trend of " << trainee << (drillId.empty() ? "" : " on " + drillId)
        << ": the share of each skill's points, run by run (oldest first)\n";
    for (const drill::SkillTrend& t : records->Trend(trainee, drillId)) {
      out << "  " << std::left << std::setw(12) << t.skill;
      if (t.sharePct.empty()) out << "no run yet";
      for (const auto& share : t.sharePct) {
        if (share) out << std::right << std::setw(5) << std::fixed << std::setprecision(0) << *share << '%';
        else out << std::right << std::setw(6) << "-";  // a run with no objective of this skill (or kept before schema 2)
      }
      if (t.medianTimeS) out << "   median time " << session::FormatClock(*t.medianTimeS);
      out << '\n';
    }
    return kExitOk;
  }
  const auto rows = records->List(trainee, drillId);
  out << std::left << std::setw(6) << "RUN" << std::setw(22) << "DATE (UTC)" << std::setw(24) << "TRAINEE" << std::setw(28)
      << "DRILL" << std::setw(6) << "SEED" << std::setw(10) << "ASSIST" << "SCORE\n";
  int edited = 0;
  for (const auto& r : rows) {
    out << std::left << std::setw(6) << r.id << std::setw(22) << r.date << std::setw(24) << r.trainee << std::setw(28)
        << r.drill << std::setw(6) << r.seed << std::setw(10) << r.assist << std::fixed << std::setprecision(0) << r.score;
    if (r.played != "person") out << "  (" << r.played << ")";
    if (r.intact && !*r.intact) {
      out << "  EDITED: its HMAC does not match (not to be trusted)";
      ++edited;
    }
    out << '\n';
  }
  out << rows.size() << " runs" << (edited ? ", " + std::to_string(edited) + " edited" : "") << "\n";
  return kExitOk;
}

int RecordsExportCommand(const std::string& db, const std::string& trainee, const std::string& drillId,
                         const std::string& file, std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  auto records = drill::Records::Open(db, diags);
  diags.Print(err);
  if (!records) return kExitFailure;
  if (file.empty()) {
    records->ExportCsv(out, trainee, drillId);
    return kExitOk;
  }
  std::ostringstream csv;
  records->ExportCsv(csv, trainee, drillId);
  return WriteOutputFile(file, csv.str(), err) ? kExitOk : kExitFailure;
}

int DrillReplayCommand(const std::string& journalPath, bool json, std::ostream& out, std::ostream& err) {
  twin::Diagnostics diags;
  const auto journal = session::LoadJournal(journalPath, diags);
  std::optional<LoadedDrill> loaded;
  if (journal) {
    const drill::JournalTrust trust = drill::CheckJournalSeal(*journal);
    if (trust.edited) {
      diags.Error("edited", journalPath, {1, 1}, "", "the journal was " + trust.says +
                                                        " (a line changed, taken out or moved): it is not trusted");
    } else {
      err << "journal: " << trust.says << "\n";
      loaded = drill::LoadJournalDrill(journalPath, *journal, diags);
    }
  }
  std::optional<drill::Picks> picks;
  if (loaded) picks = drill::MakePicks(loaded->drill, loaded->twin, journal->seed, diags);
  diags.Print(err);
  if (!journal || !loaded || !picks) return kExitInvalidInput;
  const drill::Drill& d = loaded->drill;
  session::SessionOptions options = DrillSessionOptions(d, journal->seed, journal->scenario);
  auto session = netdrill::session::Session::Create(loaded->twin, options, diags);
  if (!session) {
    diags.Print(err);
    return kExitFailure;
  }
  // The people's commands come from the journal; the drill's injects from the drill and the seed.
  session->Replay(journal->entries);
  drill::DrillRun run(d, *picks, *session, journal->seed, "vi");
  // The level the run was recorded at; a journal from before assist levels was guided (the only level then).
  run.SetAssist(drill::ParseAssist(journal->assist).value_or(drill::Assist::Guided));
  run.RunToEnd({});
  DrillRunArgs args;
  args.file = journal->scenario;
  args.seed = journal->seed;
  args.json = json;
  const drill::DrillResult result = run.Result();
  const std::string hex = session::FingerprintHex(result.fingerprint);
  if (!journal->endFingerprint.empty() && journal->endFingerprint != hex) {
    err << "fingerprint: the recorded run ended at " << journal->endFingerprint << ", this replay at " << hex
        << ": they differ (another netdrill, or an edited drill)\n";
  } else if (!journal->endFingerprint.empty()) {
    err << "fingerprint: " << hex << ", as recorded\n";
  }
  return PrintResult(d, loaded->twin, result, args, out, err);
}

int PrintResult(const drill::Drill& d, const twin::Twin& twin, const drill::DrillResult& result, const DrillRunArgs& args, std::ostream& out,
                std::ostream& err) {
  if (!args.report.empty()) {
    if (!WriteOutputFile(args.report, drill::ReportHtml(d, result, args.trainee, &twin), err)) return kExitFailure;
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
        << "  " << (o.metAt ? "met at " + session::FormatClock(*o.metAt) : std::string("not met"))
        << (o.hintShown ? ", hint -" + twin::FormatNumber(o.hintCost) : "")
        << (o.evidence && o.evidence->empty() ? ", no evidence (half)" : "")
        << (o.named && !*o.named ? ", names nothing (half)" : "") << (o.impactGiven && !*o.impactGiven ? ", no impact (half)" : "")
        << (o.escalationCost > 0 ? ", severity off -" + twin::FormatNumber(o.escalationCost) : "")
        << (o.TimeTaken() ? ", took " + session::FormatClock(*o.TimeTaken()) : "") << '\n';
  }
  auto line = [&](double cost, const std::string& what) {
    if (cost > 0) out << "  " << what << " -" << twin::FormatNumber(cost) << '\n';
  };
  line(result.penaltyPoints, "penalties (" + std::to_string(result.worsenings) + " actions that cut service)");
  line(result.declarationCosts, "wrong declarations");
  line(result.blindCosts, "blind changes (" + std::to_string(result.blindChanges.size()) + ")");
  line(result.collateralCosts, "collateral damage (" + std::to_string(result.collateral.size()) + " actions)");
  line(result.unresolvedCosts, "left unresolved at the end");
  for (const std::string& left : result.leftAtEnd) out << "  left at the end: " << left << '\n';
  out << "score " << std::fixed << std::setprecision(0) << result.score << " / 100\n";
  return kExitOk;
}

}  // namespace netdrill::app
