#include "drill/drill-load.h"

#include "drill/procedure.h"
#include "session/journal-seal.h"
#include "session/secrets.h"
#include "twin/confine.h"

#include <ctime>

namespace netdrill::drill {

std::optional<LoadedDrill> LoadCheckedDrill(const std::string& file, twin::Diagnostics& diags) {
  auto d = LoadDrill(file, diags);
  if (!d) return std::nullopt;
  auto t = DrillTwin(*d, diags);
  if (!t) return std::nullopt;
  const int before = diags.ErrorCount();
  auto resolved = ResolvePlaceNames(*d, *t, diags);
  CheckAgainstTwin(*d, *t, diags);
  if (diags.ErrorCount() > before) return std::nullopt;
  return LoadedDrill{std::move(*d), std::move(*t), std::move(resolved)};
}

std::optional<LoadedDrill> LoadJournalDrill(const std::string& journalPath, const session::JournalFile& journal,
                                            twin::Diagnostics& diags) {
  if (journal.scenario.empty()) {
    diags.Error("not-a-drill", journalPath, {1, 1}, "scenario", "the journal names no drill (it was recorded by netdrill session)");
    return std::nullopt;
  }
  if (const auto outside = twin::OutsideFolders(journal.scenario, ReachableFolders(journalPath))) {
    diags.Error("outside", journalPath, {1, 1}, "scenario", "the journal's drill \"" + journal.scenario + "\": " + *outside);
    return std::nullopt;
  }
  return LoadCheckedDrill(journal.scenario, diags);
}

JournalTrust CheckJournalSeal(const session::JournalFile& journal) {
  const auto key = session::LoadKey(session::LocalJournalKeyPath());
  const session::SealCheck check = session::CheckSeal(journal.text, key.value_or(""));
  if (!key && check.state != session::SealCheck::State::Unsealed)
    return {false, "sealed, but this machine has no key to check it (recorded elsewhere, or in a class)"};
  return {check.state == session::SealCheck::State::Edited, session::DescribeSeal(check)};
}

std::optional<std::string> EditedJournal(const std::string& journalPath, const session::JournalFile& journal) {
  const JournalTrust trust = CheckJournalSeal(journal);
  if (!trust.edited) return std::nullopt;
  return journalPath + ": the journal was " + trust.says + " (a line changed, taken out or moved): it is not trusted";
}

session::SessionOptions DrillSessionOptions(const Drill& d, std::uint64_t seed, const std::string& file,
                                            session::ModelFactory model, const std::string& version) {
  session::SessionOptions options;
  options.model = std::move(model);
  options.seed = seed;
  options.durationS = d.durationS;
  options.conference = !d.conference.empty();
  options.conferenceProfile = d.conference;
  options.vpn = d.vpn;
  options.bulk = d.fidelity == "packet" ? session::BulkTraffic::Packets : session::BulkTraffic::Rates;
  options.twinLabel = d.network.rfind("file:", 0) == 0 ? d.network : "preset:" + d.network;
  options.scenario = file;
  options.assist = AssistName(d.assist);
  options.teamsPerProvince = d.fieldTeams;
  options.version = version;
  return options;
}

std::optional<DrillResult> PlayDrill(const LoadedDrill& loaded, const Picks& picks,
                                     const std::vector<ScriptedAction>& actions, const session::SessionOptions& options,
                                     const std::string& lang, twin::Diagnostics& diags) {
  auto session = session::Session::Create(loaded.twin, options, diags);
  if (!session) return std::nullopt;
  DrillRun run(loaded.drill, picks, *session, options.seed, lang);
  run.SetAssist(ParseAssist(options.assist).value_or(loaded.drill.assist));
  run.RunToEnd(actions);
  session->CloseJournal();
  return run.Result();
}

bool PlayCheck(const LoadedDrill& loaded, const std::string& file, std::uint64_t seed, session::ModelFactory model,
               twin::Diagnostics& diags) {
  const auto picks = MakePicks(loaded.drill, loaded.twin, seed, diags);
  if (!picks) return false;
  const auto result = PlayDrill(loaded, *picks, {}, DrillSessionOptions(loaded.drill, seed, file, std::move(model), "check"),
                                "en", diags);
  if (!result) return false;
  for (std::size_t k = 0; k < loaded.drill.objectives.size() && k < result->objectives.size(); ++k) {
    const Objective& o = loaded.drill.objectives[k];
    if (result->objectives[k].brokenSeen) continue;
    const std::string where = "objectives[" + std::to_string(k) + "]";
    const std::string seedText = "played with no actions at seed " + std::to_string(seed) + ": ";
    if (o.task == Task::Ack) {
      diags.Error("never-met", o.file, o.loc, where,
                  seedText + "no alarm ever rises on \"" + Substitute(o.target, *picks) + "\": there is nothing to acknowledge");
    } else if (o.task == Task::Restore) {
      diags.Error("never-met", o.file, o.loc, where,
                  seedText + "nothing in the drill cuts its sites or degrades the conference: there is nothing to restore");
    } else if (o.task == Task::Action) {
      diags.Error("never-met", o.file, o.loc, where,
                  seedText + "what its outcome asks for holds all along: nothing in the drill breaks it");
    }
  }
  return true;
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace netdrill::drill
