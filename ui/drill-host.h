// The console's host: the drill library on disk, a drill on a LiveSession (its
// own thread, on the network model it is given: the ns-3 engine in netdrill,
// the fake model in the tests) with the DrillRun stepping beside it, the
// restorations on offer with their times, and the debrief's "continue from here".
#pragma once

#include "drill/drill-run.h"
#include "session/live-session.h"
#include "session/network-model.h"
#include "ui/console-host.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace netdrill::ui {

struct ConsoleHostOptions {
  session::ModelFactory model;  ///< the network drills run on (sim::EngineModel(), or the fake model)
  std::string version;          ///< netdrill's version, for the journals' headers
  std::string scenariosDir;     ///< the drill library
  double startSpeed = 1.0;      ///< the speed the drill starts at (0: paused)
  std::string recordsDb;        ///< where a named trainee's finished run is kept ("" : the default)
  bool keepRecords = true;
  std::string journalDir;       ///< every run's journal goes here, to replay ("" : beside the records; "-" : none)
};

class DrillHost final : public ConsoleHost {
public:
  explicit DrillHost(ConsoleHostOptions options);
  ~DrillHost() override;

  std::vector<LibraryEntry> Library() override;
  bool Start(const StartRequest& request, std::string& error) override;
  bool Running() const override { return m_live != nullptr; }
  const twin::Twin& Twin() const override { return *m_twin; }
  const twin::NameIndex& Names() const override { return *m_names; }
  const drill::Drill& CurrentDrill() const override { return *m_drill; }
  const drill::Picks& CurrentPicks() const override { return m_picks; }
  const drill::Procedure* CurrentProcedure() const override { return m_procedure ? &*m_procedure : nullptr; }
  int Era() const override;
  drill::Assist CurrentAssist() const override { return m_assist; }
  std::shared_ptr<const session::Snapshot> Latest() const override;
  session::Session::Submitted Submit(const std::string& line, session::Role role) override;
  session::Session::Submitted Submit(session::Command command) override;
  std::vector<session::Answer> TakeAnswers() override;
  double Speed() const override;
  drill::DrillResult Result() const override;
  std::vector<InjectView> Injects() const override;
  void FireInject(std::size_t index) override;
  std::vector<OfferedAction> Offer(const std::string& element) const override;
  void Finish() override;
  bool Finished() const override;
  std::vector<std::shared_ptr<const session::Snapshot>> History() const override;
  bool ContinueFrom(double t, std::string& error) override;
  bool WriteReport(const std::string& path, std::string& error) const override;

  /// @brief Runs the drill at full speed until simulated time `t`, then pauses (screenshots, tests).
  void RunUntil(double t);
  /// @brief The journal of the running drill ("" : none).
  const std::string& JournalPath() const { return m_journalPath; }
  /// @brief A pause of this many milliseconds in every step (tests: an artificially slow engine).
  void SetStepDelayForTests(int ms) { m_stepDelayMs = ms; }

private:
  bool Launch(std::unique_ptr<session::Session> session, std::string& error);
  void Stop();
  ConsoleHostOptions m_options;
  std::optional<std::vector<LibraryEntry>> m_library;
  std::string m_file;
  std::string m_trainee;
  std::string m_lang = "vi";
  std::uint64_t m_seed = 1;
  drill::Assist m_assist = drill::Assist::Guided;
  std::unique_ptr<drill::Drill> m_drill;
  std::unique_ptr<twin::Twin> m_twin;
  std::unique_ptr<twin::NameIndex> m_names;
  drill::Picks m_picks;
  std::optional<drill::Procedure> m_procedure;
  std::unique_ptr<drill::DrillRun> m_run;
  std::unique_ptr<session::LiveSession> m_live;
  mutable std::mutex m_runMutex;  // the drill runtime: stepped on the session's thread, read by the console
  std::atomic<int> m_stepDelayMs{0};
  bool m_finished = false;
  /// Commands the host refused before the session saw them (over the speed limit, the drill over):
  /// answered like the session's own refusals, so the terminal prints each error once.
  std::vector<session::Answer> m_refused;
  session::Session::Submitted Refuse(const std::string& command, session::Role role, std::string why);
  std::string m_journalPath;
  bool m_recorded = false;
  std::vector<std::shared_ptr<const session::Snapshot>> m_keptHistory;  // after Finish, when the session is gone
};

}  // namespace netdrill::ui
