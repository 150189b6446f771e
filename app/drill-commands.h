// `netdrill drill check|run`: drills from the command line, headless.
#pragma once

#include "drill/drill-load.h"
#include "drill/drill.h"
#include "session/session.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace netdrill::app {

using drill::LoadCheckedDrill;
using drill::LoadedDrill;
using drill::UtcNow;
/// @brief The session a drill runs on, on the ns-3 engine.
session::SessionOptions DrillSessionOptions(const drill::Drill& d, std::uint64_t seed, const std::string& file);

/// `play`: also play each drill with no actions at each of `seeds` ("1-5", "1,3") and report what nothing breaks.
int DrillCheckCommand(const std::vector<std::string>& files, bool play, const std::string& seeds, std::ostream& out,
                      std::ostream& err);

struct DrillRunArgs {
  std::string file;
  std::uint64_t seed = 1;
  std::string actions;  ///< a scripted trainee; "" = one who does nothing
  std::string lang = "vi";
  bool json = false;
  std::string report;   ///< an HTML after-action report
  std::string record;   ///< the session's journal
  std::string trainee;  ///< given: the run is kept in the trainee records
  std::string db;       ///< the records file ("" = the user's default)
  std::string assist;   ///< guided, standard or exam: overrides the drill's `assist:` ("" : the drill's)
};

int DrillRunCommand(const DrillRunArgs& args, std::ostream& out, std::ostream& err);

/// @brief `netdrill records list|export`: the trainee records.
/// `trend`: per skill (detect, diagnose, restore, communicate), the trainee's share of the points run by run.
int RecordsListCommand(const std::string& db, const std::string& trainee, const std::string& drill, bool trend,
                       std::ostream& out, std::ostream& err);
int RecordsExportCommand(const std::string& db, const std::string& trainee, const std::string& drill,
                         const std::string& file, std::ostream& out, std::ostream& err);

/// @brief `netdrill drill new`: writes a commented skeleton for an incident class on a network to `file`
/// (never over an existing file), then checks it as `drill check` would.
int DrillNewCommand(const std::string& network, const std::string& incident, const std::string& file, std::ostream& out,
                    std::ostream& err);

/// @brief Re-runs a recorded drill from its journal (the drill and seed its header names) to the same result.
int DrillReplayCommand(const std::string& journal, bool json, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
