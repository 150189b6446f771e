#include "ui/drill-host.h"

#include "drill/drill-load.h"
#include "drill/drill-report.h"
#include "drill/records.h"
#include "session/secrets.h"
#include "twin/repair.h"
#include "twin/units.h"
#include "twin/write-file.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

namespace netdrill::ui {

namespace fs = std::filesystem;

DrillHost::DrillHost(ConsoleHostOptions options) : m_options(std::move(options)) {}

DrillHost::~DrillHost() { Stop(); }

void DrillHost::Stop() {
  if (m_live) m_live->Stop();
}

std::vector<LibraryEntry> DrillHost::Library() {
  if (m_library) return *m_library;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(m_options.scenariosDir, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<LibraryEntry> library;
  for (const std::string& f : files) {
    twin::Diagnostics diags;
    auto d = drill::LoadDrill(f, diags);
    if (!d) continue;  // `netdrill drill check` says why; the library lists what runs
    library.push_back({f, d->id, d->title, d->briefing, d->network, d->difficulty, d->durationS});
  }
  m_library = library;
  return library;
}

int DrillHost::Era() const {
  return m_drill && m_drill->network.find("2025") != std::string::npos ? 2025 : 2024;
}

bool DrillHost::Start(const StartRequest& request, std::string& error) {
  Stop();
  m_live.reset();
  m_run.reset();
  m_keptHistory.clear();
  m_finished = false;
  m_recorded = false;
  twin::Diagnostics diags;
  std::optional<session::JournalFile> journal;
  std::string file = request.file;
  std::uint64_t seed = request.seed;
  if (!request.replay.empty()) {
    journal = session::LoadJournal(request.replay, diags);
    if (!journal || journal->scenario.empty()) {
      error = diags.Items().empty() ? request.replay + ": the recording names no drill" : diags.Items().front().message;
      return false;
    }
    if (const auto edited = drill::EditedJournal(request.replay, *journal)) {
      error = *edited;
      return false;
    }
    file = journal->scenario;
    seed = journal->seed;
  }
  // The replay runs at the level the run ran at, so it scores the same.
  std::optional<drill::Assist> assist = request.assist;
  if (journal) assist = drill::ParseAssist(journal->assist).value_or(drill::Assist::Guided);  // older journals: guided
  auto loaded = journal ? drill::LoadJournalDrill(request.replay, *journal, diags) : drill::LoadCheckedDrill(file, diags);
  std::optional<drill::Picks> picks;
  if (loaded) picks = drill::MakePicks(loaded->drill, loaded->twin, seed, diags);
  if (!loaded || !picks) {
    error = diags.Items().empty() ? file + ": cannot load" : diags.Items().front().file + ": " + diags.Items().front().message;
    return false;
  }
  m_file = file;
  m_seed = seed;
  m_trainee = request.trainee;
  m_lang = request.lang;
  m_drill = std::make_unique<drill::Drill>(std::move(loaded->drill));
  m_twin = std::make_unique<twin::Twin>(std::move(loaded->twin));
  m_names = std::make_unique<twin::NameIndex>(*m_twin);
  m_picks = std::move(*picks);
  m_assist = assist.value_or(m_drill->assist);
  m_procedure.reset();
  if (!m_drill->procedure.empty()) {
    twin::Diagnostics pd;
    m_procedure = drill::LoadProcedure(drill::ProcedurePath(file, m_drill->procedure), pd);
  }
  session::SessionOptions options = drill::DrillSessionOptions(*m_drill, m_seed, m_file, m_options.model, m_options.version);
  options.assist = drill::AssistName(m_assist);
  m_journalPath.clear();
  if (!journal && m_options.journalDir != "-") {
    // Every run keeps its journal, so it can be replayed from the start screen.
    const fs::path dir = m_options.journalDir.empty() ? fs::path(drill::Records::DefaultPath()).parent_path() / "journals"
                                                      : fs::path(m_options.journalDir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::string stamp = drill::UtcNow();
    std::replace(stamp.begin(), stamp.end(), ':', '-');
    m_journalPath = (dir / (m_drill->id + "-" + stamp + ".jsonl")).string();
    options.journalPath = m_journalPath;
    std::string keyError;  // no key to be had: the journal is kept unsealed, the drill goes on
    if (const auto key = session::LoadOrMakeKey(session::LocalJournalKeyPath(), keyError)) options.journalKey = *key;
  }
  auto session = netdrill::session::Session::Create(*m_twin, options, diags);
  if (!session) {
    error = diags.Items().empty() ? "the session did not start" : diags.Items().front().message;
    return false;
  }
  if (journal) session->Replay(journal->entries);
  return Launch(std::move(session), error);
}

bool DrillHost::Launch(std::unique_ptr<session::Session> session, std::string& /*error*/) {
  session::Session* raw = session.get();
  m_run = std::make_unique<drill::DrillRun>(*m_drill, m_picks, *raw, m_seed, m_lang);
  m_run->SetAssist(m_assist);
  session::StepHooks hooks;
  hooks.before = [this] {
    if (const int ms = m_stepDelayMs.load(); ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    std::lock_guard<std::mutex> lock(m_runMutex);
    m_run->BeforeStep();
  };
  hooks.after = [this] {
    std::lock_guard<std::mutex> lock(m_runMutex);
    m_run->AfterStep();
  };
  m_live = std::make_unique<session::LiveSession>(std::move(session), m_options.startSpeed, std::move(hooks));
  return true;
}

std::shared_ptr<const session::Snapshot> DrillHost::Latest() const {
  if (!m_live) return m_keptHistory.empty() ? nullptr : m_keptHistory.back();
  return m_live->Latest();
}

session::Session::Submitted DrillHost::Refuse(const std::string& command, session::Role role, std::string why) {
  session::Answer a;
  if (const auto latest = Latest()) a.at = latest->simTime;
  a.role = role;
  a.command = command;
  a.text = why;
  a.error = true;
  m_refused.push_back(a);
  return {false, std::move(why), 0};
}

session::Session::Submitted DrillHost::Submit(const std::string& line, session::Role role) {
  if (!m_live || m_finished) return Refuse(line, role, "the drill is over");
  if (role == session::Role::Trainee) {
    if (const auto c = session::ParseCommand(line, role, *m_twin, *m_names).command) {
      if (auto refusal = drill::SpeedLimitRefusal(*m_drill, *c)) return Refuse(line, role, std::move(*refusal));
    }
  }
  return m_live->Submit(line, role);
}

session::Session::Submitted DrillHost::Submit(session::Command command) {
  if (!m_live || m_finished) return Refuse(command.text, command.role, "the drill is over");
  if (auto refusal = drill::SpeedLimitRefusal(*m_drill, command)) return Refuse(command.text, command.role, std::move(*refusal));
  return m_live->Submit(std::move(command));
}

double DrillHost::Speed() const { return m_live && !m_finished ? m_live->Speed() : 0.0; }

std::vector<session::Answer> DrillHost::TakeAnswers() {
  std::vector<session::Answer> answers = std::move(m_refused);
  m_refused.clear();
  if (m_live) {
    std::vector<session::Answer> more = m_live->TakeAnswers();
    answers.insert(answers.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return answers;
}

drill::DrillResult DrillHost::Result() const {
  if (!m_run) return {};
  std::lock_guard<std::mutex> lock(m_runMutex);
  return m_run->Result();
}

std::vector<InjectView> DrillHost::Injects() const {
  std::vector<InjectView> out;
  if (!m_run) return out;
  std::lock_guard<std::mutex> lock(m_runMutex);
  const auto injects = m_run->Injects();
  for (std::size_t i = 0; i < injects.size(); ++i) {
    const drill::Event& e = m_drill->events[i];
    std::optional<double> due = injects[i].dueAt;
    if (!due) due = drill::ClockDueTime(e);
    out.push_back({i, due, injects[i].fired, injects[i].command.empty() ? "hint: " + e.hint : injects[i].command});
  }
  return out;
}

void DrillHost::FireInject(std::size_t index) {
  if (!m_run) return;
  std::string command;
  {
    std::lock_guard<std::mutex> lock(m_runMutex);
    command = m_run->InjectCommand(index);
  }
  // Given as the instructor's own command: journalled, so a replay fires it at the same tick.
  if (!command.empty()) Submit(command, session::Role::Instructor);
}

std::vector<OfferedAction> DrillHost::Offer(const std::string& element) const {
  using Takes = OfferedAction::Takes;
  std::vector<OfferedAction> out;
  if (!m_twin || !drill::RulesOf(m_assist).offeredActions) return out;  // an exam offers nothing
  const double converge = session::ConvergenceParams{}.Total() / 1000.0;
  const twin::LinkId link = m_twin->FindLink(element);
  if (link.IsValid()) {
    const twin::Link& l = m_twin->GetLink(link);
    // The engine's rule (twin/repair.h): the median repair and the travel to it.
    const twin::RepairParams repair;
    const double seconds = twin::RepairSeconds(twin::EstimateRepair(*m_twin, link, repair), repair, 0.0);
    out.push_back({"dispatch " + l.id, "ActDispatch", Takes::Hours, seconds});
    if (l.role == twin::LinkRole::Backup) {
      out.push_back({"enable " + l.id, "ActEnable", Takes::Seconds, converge});
      out.push_back({"disable " + l.id, "ActDisable", Takes::Seconds, converge});
    }
    out.push_back({"cost " + l.id + " value=0", "ActCostReset", Takes::Seconds, converge});
    return out;
  }
  const auto match = m_names->Find(element);
  if (!match.IsUnique()) return out;
  const twin::SiteId site = match.sites.front();
  const twin::Site& s = m_twin->GetSite(site);
  bool standby = false;
  for (const twin::Link& l : m_twin->Links()) {
    if (l.role == twin::LinkRole::Backup && (m_twin->GetNode(l.a).site == site || m_twin->GetNode(l.b).site == site))
      standby = true;
  }
  if (standby) {
    out.push_back({"backup on " + s.id, "ActBackupOn", Takes::Seconds, converge});
    out.push_back({"backup off " + s.id, "ActBackupOff", Takes::Seconds, converge});
  }
  if (m_twin->HasMcu(site)) {
    out.push_back({"mcu-restore " + s.id, "ActMcuRestore", Takes::AtOnce, 0.0});
    out.push_back({"restore-branch " + s.id, "ActRestoreBranch", Takes::AtOnce, 0.0});
  }
  out.push_back({"rate-limit " + s.id + " mbps=100", "ActRateLimit", Takes::AtOnce, 0.0});
  out.push_back({"filter " + s.id, "ActFilter", Takes::AtOnce, 0.0});
  out.push_back({"isolate " + s.id, "ActIsolate", Takes::AtOnce, 0.0});
  if (!m_drill->conference.empty()) {
    out.push_back({"lower-video conference", "ActLowerVideo", Takes::AtOnce, 0.0});
    out.push_back({"restore-video conference", "ActRestoreVideo", Takes::AtOnce, 0.0});
  }
  return out;
}

void DrillHost::Finish() {
  if (!m_live || m_finished) return;
  m_live->Stop();
  m_finished = true;
  session::Session& session = m_live->GetSession();
  session.CloseJournal();
  m_keptHistory = session.History();
  if (const auto latest = session.Latest(); latest && (m_keptHistory.empty() || m_keptHistory.back() != latest))
    m_keptHistory.push_back(latest);
  // A named trainee's finished run is kept in the records, like `drill run --trainee`.
  if (m_options.keepRecords && !m_trainee.empty() && !m_recorded) {
    twin::Diagnostics diags;
    if (auto records = drill::Records::Open(m_options.recordsDb, diags)) records->Add(Result(), m_trainee, drill::UtcNow(), false, diags);
    m_recorded = true;
  }
}

bool DrillHost::Finished() const {
  if (m_finished) return true;
  const auto latest = Latest();
  return latest != nullptr && latest->ended;
}

std::vector<std::shared_ptr<const session::Snapshot>> DrillHost::History() const {
  if (m_finished || !m_live) return m_keptHistory;
  return m_live->GetSession().History();
}

bool DrillHost::ContinueFrom(double t, std::string& error) {
  if (!m_live || !m_finished) {
    error = "finish the drill first";
    return false;
  }
  // The people's commands up to `t` are replayed (the drill's injects come from the drill and the seed).
  std::vector<session::JournalEntry> entries;
  for (const session::AppliedCommand& c : m_live->GetSession().Applied()) {
    if (c.role != session::Role::Scenario && c.verb != session::Verb::Speed && c.verb != session::Verb::Pause &&
        c.verb != session::Verb::Resume)
      entries.push_back({c.tick, c.role, c.text});
  }
  // One engine per process (ns-3's simulator is a singleton): the old run goes first.
  m_run.reset();
  m_live.reset();
  twin::Diagnostics diags;
  auto session = netdrill::session::Session::Create(*m_twin, drill::DrillSessionOptions(*m_drill, m_seed, m_file, m_options.model, m_options.version), diags);
  if (!session) {
    error = diags.Items().empty() ? "the session did not start" : diags.Items().front().message;
    return false;
  }
  session->Replay(entries);
  m_keptHistory.clear();
  m_finished = false;
  m_recorded = true;  // a branched run is practice: it is not kept in the records
  // The new run catches up to `t` at full speed (with its drill runtime), then waits paused.
  const double saved = m_options.startSpeed;
  m_options.startSpeed = 0.0;
  const bool ok = Launch(std::move(session), error);
  m_options.startSpeed = saved;
  if (ok) RunUntil(t);
  return ok;
}

void DrillHost::RunUntil(double t) {
  if (!m_live) return;
  if (m_live->Latest()->simTime + 1e-9 >= t) return;
  // The session's thread pauses itself on the tick of `t`: no overshoot, whatever the load.
  m_live->PauseAt(t);
  m_live->Submit(session::SpeedCommand(1e9), session::Role::Instructor);
  while (!m_live->GetSession().Ended() && (m_live->Latest()->simTime + 1e-9 < t || m_live->Speed() > 0))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  m_live->PauseAt(-1.0);
}

bool DrillHost::WriteReport(const std::string& path, std::string& error) const {
  if (const auto failed = twin::WriteWholeFile(path, drill::ReportHtml(*m_drill, Result(), m_trainee, m_twin.get()))) {
    error = path + ": cannot write the report: " + *failed;
    return false;
  }
  return true;
}

}  // namespace netdrill::ui
