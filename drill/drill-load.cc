#include "drill/drill-load.h"

#include <ctime>

namespace netdrill::drill {

std::optional<LoadedDrill> LoadCheckedDrill(const std::string& file, twin::Diagnostics& diags) {
  auto d = LoadDrill(file, diags);
  if (!d) return std::nullopt;
  auto t = DrillTwin(*d, diags);
  if (!t) return std::nullopt;
  const int before = diags.ErrorCount();
  CheckAgainstTwin(*d, *t, diags);
  if (diags.ErrorCount() > before) return std::nullopt;
  return LoadedDrill{std::move(*d), std::move(*t)};
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

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace netdrill::drill
