// A drill ready to run: read, its twin built, checked against it; and the
// session options it runs with (its network, conference, fidelity, length).
// The caller chooses the network model (sim::EngineModel(), or the fake).
#pragma once

#include "drill/drill-run.h"
#include "drill/drill.h"
#include "drill/place-names.h"
#include "session/session.h"

#include <cstdint>
#include <optional>
#include <string>

namespace netdrill::drill {

/// @brief A drill read, its twin built, and every check passed (problems in `diags`).
struct LoadedDrill {
  Drill drill;
  twin::Twin twin;
  std::vector<PlaceResolution> resolved;  ///< the names and codes written for places, and what they are
};
std::optional<LoadedDrill> LoadCheckedDrill(const std::string& file, twin::Diagnostics& diags);

/// @brief The drill a journal names, loaded and checked: it must name one, and it must lie in the journal's
/// folder or the library (ReachableFolders: a journal cannot make replay read another file).
std::optional<LoadedDrill> LoadJournalDrill(const std::string& journalPath, const session::JournalFile& journal,
                                            twin::Diagnostics& diags);

/// @brief The session a drill runs on, on the network `model` builds; `file`
/// and `version` go to the journal's header.
/// @brief What this machine can tell of a journal's seal with its local key (session::LocalJournalKeyPath()):
/// "sealed, 14 lines intact", "not sealed (no tamper evidence)", "sealed, but this machine has no key to check
/// it", or, edited, why it is not trusted ("...: the chain breaks at line 5").
struct JournalTrust {
  bool edited = false;
  std::string says;
};
JournalTrust CheckJournalSeal(const session::JournalFile& journal);
/// @brief The error line for a journal whose seal breaks, or nullopt.
std::optional<std::string> EditedJournal(const std::string& journalPath, const session::JournalFile& journal);

session::SessionOptions DrillSessionOptions(const Drill& d, std::uint64_t seed, const std::string& file,
                                            session::ModelFactory model, const std::string& version);

/// @brief Plays a drill headless to its end, its trainee scripted, on a session
/// made with `options` (its journal closed at the end); nullopt, with the
/// reason in `diags`, when the session cannot start.
std::optional<DrillResult> PlayDrill(const LoadedDrill& loaded, const Picks& picks,
                                     const std::vector<ScriptedAction>& actions, const session::SessionOptions& options,
                                     const std::string& lang, twin::Diagnostics& diags);

/// @brief Plays a checked drill with no actions at `seed` on `model` and reports, at each objective's
/// place (error never-met), every ack, restore or action objective the run never broke: nothing in the
/// drill raises its alarm, cuts its sites or breaks its state, so no trainee could ever meet it.
/// Returns false when the drill cannot be played (the reason in `diags`).
bool PlayCheck(const LoadedDrill& loaded, const std::string& file, std::uint64_t seed, session::ModelFactory model,
               twin::Diagnostics& diags);

/// @brief Now, UTC, ISO 8601 (the records' dates, the journals' names).
std::string UtcNow();

}  // namespace netdrill::drill
