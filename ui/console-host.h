// What the console talks to: the drill library, one running drill (its
// session's snapshots, commands in, answers out), and its debrief. The
// console never includes ns-3 and never waits on the simulation: every call
// here returns at once (the session steps on a thread of its own). DrillHost
// (ui/drill-host.h) implements it over LiveSession and DrillRun, on the network
// model it is given: the ns-3 engine in netdrill, the fake model in the tests.
#pragma once

#include "drill/drill-run.h"
#include "drill/drill.h"
#include "drill/procedure.h"
#include "session/session.h"
#include "twin/model.h"
#include "twin/name-index.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::ui {

/// @brief A drill of the library, as the start screen lists it.
struct LibraryEntry {
  std::string file;
  std::string id;
  drill::Text title, briefing;
  std::string network, difficulty;
  double durationS = 0.0;
};

struct StartRequest {
  std::string file;  ///< the drill
  std::uint64_t seed = 1;
  std::string trainee;
  std::string lang = "vi";
  std::string replay;  ///< a journal to replay instead ("" : a new run)
  std::optional<drill::Assist> assist;  ///< overrides the drill's `assist:` (--assist, the instructor's choice)
};

/// @brief A restoration the console offers for an element, with how long it takes.
struct OfferedAction {
  std::string command;  ///< in the session's grammar: "dispatch commune:1--district:1"
  std::string label;    ///< a Str key's name ("ActDispatch"), for the table
  enum class Takes { AtOnce, Seconds, Hours } takes = Takes::Seconds;
  double estimateS = 0.0;  ///< the model's figure (convergence, or a repair's median)
};

/// @brief An inject of the running drill, as the instructor sees it.
struct InjectView {
  std::size_t index = 0;
  std::optional<double> dueAt;  ///< known time (clock, or a trigger that fired)
  bool fired = false;
  std::string what;  ///< the command, or the caller's message
};

class ConsoleHost {
public:
  virtual ~ConsoleHost() = default;

  virtual std::vector<LibraryEntry> Library() = 0;
  /// @brief Starts a drill (or a replay); false with a one-line error.
  virtual bool Start(const StartRequest& request, std::string& error) = 0;
  virtual bool Running() const = 0;

  // The running drill; valid once Start succeeded.
  virtual const twin::Twin& Twin() const = 0;
  virtual const twin::NameIndex& Names() const = 0;
  virtual const drill::Drill& CurrentDrill() const = 0;
  virtual const drill::Picks& CurrentPicks() const = 0;
  virtual const drill::Procedure* CurrentProcedure() const = 0;
  virtual int Era() const = 0;  ///< 2024 or 2025: which provinces the map draws
  /// @brief The running drill's assist level: what the console shows (drill::RulesOf).
  virtual drill::Assist CurrentAssist() const = 0;

  virtual std::shared_ptr<const session::Snapshot> Latest() const = 0;
  virtual session::Session::Submitted Submit(const std::string& line, session::Role role) = 0;
  /// @brief A typed command (the console's buttons).
  virtual session::Session::Submitted Submit(session::Command command) = 0;
  /// @brief Every answer since the last call, refusals included: the one place the terminal
  /// reads what came back (a refused Submit's error is answered here too, once).
  virtual std::vector<session::Answer> TakeAnswers() = 0;
  /// @brief The clock's pace now (0: paused), as the session's thread runs it.
  virtual double Speed() const = 0;
  /// @brief The drill's result so far (the score live, for the instructor and the debrief).
  virtual drill::DrillResult Result() const = 0;
  virtual std::vector<InjectView> Injects() const = 0;
  /// @brief Fires inject `index` now (instructor).
  virtual void FireInject(std::size_t index) = 0;
  virtual std::vector<OfferedAction> Offer(const std::string& element) const = 0;
  /// @brief Ends the run (the session stops stepping); the debrief can start.
  virtual void Finish() = 0;
  virtual bool Finished() const = 0;

  // The debrief.
  virtual std::vector<std::shared_ptr<const session::Snapshot>> History() const = 0;
  /// @brief "Continue from here": a new run from the journal up to `t`.
  virtual bool ContinueFrom(double t, std::string& error) = 0;
  virtual bool WriteReport(const std::string& path, std::string& error) const = 0;
};

}  // namespace netdrill::ui
