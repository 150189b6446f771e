// ClassService: a trainee's drill on the server (join, submit, advance, finish, watch), its paced clock and its worker.
#include "server/class-service.h"

#include "server/class-rules.h"
#include "session/diagnose.h"
#include "wire/command-wire.h"

#include <algorithm>
#include <chrono>

namespace netdrill::server {

grpc::Status ClassService::ListDrills(grpc::ServerContext*, const wire::ListDrillsRequest*, wire::DrillList* reply) {
  for (const auto& [id, d] : m_library) {
    wire::DrillInfo& info = *reply->add_drills();
    info.set_id(id);
    info.set_title(d.title.In("vi"));
    info.set_duration_s(d.durationS);
    info.set_network(d.network);
  }
  return grpc::Status::OK;
}

grpc::Status ClassService::Join(grpc::ServerContext*, const wire::JoinRequest* request, wire::JoinReply* reply) {
  const std::string& name = request->trainee();
  if (name.empty() || name.size() > 64 || name.find_first_of("\n\r\t/\\") != std::string::npos)
    return {grpc::StatusCode::INVALID_ARGUMENT, "a trainee's name: 1 to 64 characters, no slashes or line breaks"};
  const auto d = m_library.find(request->drill());
  if (d == m_library.end())
    return {grpc::StatusCode::NOT_FOUND, "no drill \"" + request->drill() + "\" in the server's library (netdrill class drills)"};
  if (request->scripted() && !m_options.allowScripted)
    return {grpc::StatusCode::PERMISSION_DENIED, "this server does not take scripted trainees (serve --allow-scripted)"};
  if (request->seed() > 4294967295ULL)
    return {grpc::StatusCode::INVALID_ARGUMENT, "a seed is a whole number from 0 to 4294967295"};
  {
    // A name in use by a running drill needs the instructor's approval (the same person at another PC).
    bool inUse = false;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [id, s] : m_sessions) {
      std::lock_guard<std::mutex> sessionLock(s->mutex);
      if (s->finished) continue;
      inUse = inUse || (!s->team && s->manifest.trainee == name);
      for (const SeatMember& member : s->team ? s->team->Members() : std::vector<SeatMember>{}) inUse = inUse || member.trainee == name;
    }
    if (inUse && !TakeApproval(name)) return {grpc::StatusCode::ALREADY_EXISTS, AskApproval(name)};
  }
  const bool teamDrill = !d->second.seats.empty();
  if (teamDrill != !request->team().empty() || teamDrill != !request->seat().empty())
    return {grpc::StatusCode::INVALID_ARGUMENT,
            teamDrill ? "\"" + d->first + "\" is a team drill: join it with --team NAME --seat " + session::SeatChoices()
                      : "\"" + d->first + "\" is a drill of one's own: no --team or --seat"};
  if (teamDrill) return JoinTeam(*request, d->second, reply);
  auto session = std::make_shared<ClassSession>();
  SessionManifest& m = session->manifest;
  m.trainee = name;
  m.drill = d->first;
  m.seat = request->seat();
  m.seed = request->seed() == 0 ? 1 : request->seed();
  m.lang = request->lang().empty() ? "vi" : request->lang();
  m.assist = request->assist();
  m.scripted = request->scripted() && m_options.allowScripted;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m.id = "S-" + std::to_string(++m_lastSession);
  }
  m.token = m_tokens.Issue({false, name, m.id});
  std::string error;
  const auto started = StartWorker(*session, error);
  if (!started) return {grpc::StatusCode::FAILED_PRECONDITION, error};
  session->log = SessionLog::Create(LogPath(m.id), m_key, m, error);
  if (!session->log) return {grpc::StatusCode::INTERNAL, error};
  *reply = *started;
  reply->set_session(m.id);
  reply->set_token(m.token);
  if (!m.scripted) StartPacer(session);  // a person's drill runs at its pace on the server's clock
  std::lock_guard<std::mutex> lock(m_mutex);
  m_sessions[m.id] = std::move(session);
  return grpc::Status::OK;
}

grpc::Status ClassService::Submit(grpc::ServerContext* context, const wire::SubmitRequest* request, wire::SubmitReply* reply) {
  grpc::Status refusal;
  std::optional<Caller> caller;
  const auto session = TraineeSession(*context, caller, refusal);
  if (!session) return refusal;
  wire::WorkerRequest call;
  call.set_role("trainee");  // the token's role and seat, whatever the client says
  call.set_seat(session::SeatName(caller->seat));
  *call.mutable_submit() = *request;
  std::string error;
  if (!session->worker) return {grpc::StatusCode::FAILED_PRECONDITION, "your drill is over"};
  const auto answer = session->worker->Call(call, error);
  if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
  *reply = answer->submitted();
  if (reply->accepted()) {
    // Logged before the client hears of it: a command acknowledged is a command a restart replays.
    session->log->Command({reply->at_s(), "trainee", wire::CommandLine(request->command()), call.seat()});
    std::lock_guard<std::mutex> lock(session->mutex);
    ++session->submitted;
    session->commands.push_back(reply->text());
    session->lastAction = reply->text();
    if (SeatMember* member = session->team ? session->team->Member(caller->seat) : nullptr) {
      ++member->submitted;
      member->commands.push_back(reply->text());
      member->lastAction = reply->text();
    }
  }
  return grpc::Status::OK;
}

grpc::Status ClassService::Advance(grpc::ServerContext* context, const wire::AdvanceRequest* request, wire::AdvanceReply* reply) {
  grpc::Status refusal;
  std::optional<Caller> caller;
  const auto session = TraineeSession(*context, caller, refusal);
  if (!session) return refusal;
  std::unique_lock<std::mutex> lock(session->mutex);
  if (session->team && !session->paced) return AdvanceSeat(*session, caller->seat, request->until_s(), lock, *reply);
  if (!session->worker || session->paced) {  // over, or on the server's clock: where it is
    *reply->mutable_progress() = session->progress;
    reply->mutable_progress()->set_submitted(session->submitted);
    return grpc::Status::OK;
  }
  wire::WorkerRequest call;
  call.set_role("trainee");
  *call.mutable_advance() = *request;
  std::string error;
  const auto answer = session->worker->Call(call, error);
  if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
  *reply = answer->advanced();
  session->log->Tick(reply->progress().sim_seconds());
  reply->mutable_progress()->set_submitted(session->submitted);
  session->progress = reply->progress();
  return grpc::Status::OK;
}

grpc::Status ClassService::Finish(grpc::ServerContext* context, const wire::FinishRequest*, wire::FinishReply* reply) {
  grpc::Status refusal;
  std::optional<Caller> caller;
  const auto session = TraineeSession(*context, caller, refusal);
  if (!session) return refusal;
  std::unique_lock<std::mutex> lock(session->mutex);
  if (session->team) {
    // A team's drill ends when every seat has finished: each seat's actions are in by then.
    if (SeatMember* member = session->team->Member(caller->seat)) member->finished = true;
    session->changed.notify_all();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(30);
    while (!session->team->AllFinished() && !session->result && !m_stopping) {
      if (session->changed.wait_until(lock, deadline) == std::cv_status::timeout)
        return {grpc::StatusCode::DEADLINE_EXCEEDED, "the team's other seats did not finish: " + Waiting(*session)};
    }
    if (m_stopping) return {grpc::StatusCode::UNAVAILABLE, "the server is stopping"};
  }
  const grpc::Status status = FinishLocked(*session);
  if (status.ok()) *reply = *session->result;
  session->changed.notify_all();
  return status;
}

grpc::Status ClassService::Watch(grpc::ServerContext* context, const wire::WatchRequest* request,
                   grpc::ServerWriter<wire::Snapshot>* writer) {
  grpc::Status refusal;
  std::optional<Caller> caller;
  const auto session = TraineeSession(*context, caller, refusal);
  if (!session) return refusal;
  if (!session->paced) return {grpc::StatusCode::FAILED_PRECONDITION, "a scripted session has no clock of its own: advance it"};
  std::uint64_t sent = request->instance() == m_instance ? request->after_seq() : 0;  // a restarted server counts afresh
  while (!context->IsCancelled() && !m_stopping) {
    std::vector<wire::Snapshot> batch;
    bool over = false;
    {
      std::unique_lock<std::mutex> lock(session->mutex);
      session->changed.wait_for(lock, std::chrono::milliseconds(500),
                                [&] { return session->seq > sent || session->finished || m_stopping; });
      for (const wire::Snapshot& snap : session->recent) {
        if (snap.seq() > sent) batch.push_back(snap);
      }
      over = session->finished;
    }
    for (wire::Snapshot& snap : batch) {
      if (caller->seat != session::Seat::None) {
        // A team's seat hears the answers to its own commands (and to no seat's: the instructor's).
        auto& answers = *snap.mutable_answers();
        answers.erase(std::remove_if(answers.begin(), answers.end(),
                                     [&](const wire::Answer& a) { return !a.seat().empty() && a.seat() != session::SeatName(caller->seat); }),
                      answers.end());
      }
      if (!writer->Write(snap)) return grpc::Status::OK;  // the watcher went away
      sent = snap.seq();
    }
    if (over) return grpc::Status::OK;
  }
  return grpc::Status::OK;
}

void ClassService::Stop() {
  m_stopping = true;
  for (const auto& s : Sessions()) {
    s->changed.notify_all();
    if (s->pacer.joinable()) s->pacer.join();
  }
}

grpc::Status ClassService::FinishLocked(ClassSession& session) {
  if (session.result) return grpc::Status::OK;  // finished before (perhaps before a restart): the same result
  if (!session.worker) return {grpc::StatusCode::UNAVAILABLE, "the drill's worker is gone"};
  wire::WorkerRequest call;
  call.set_role("trainee");
  call.mutable_finish();
  std::string error;
  const auto answer = session.worker->Call(call, error);
  if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
  if (!answer->error().empty()) return {grpc::StatusCode::INTERNAL, answer->error()};
  const wire::FinishReply& r = answer->finished();
  session.log->Tick(answer->advanced().progress().sim_seconds());
  session.log->Finished({r.result_json(), r.score(), r.fingerprint(), r.record()});
  session.progress = answer->advanced().progress();
  session.progress.set_score(r.score());
  session.progress.set_submitted(session.submitted);
  session.finished = true;
  session.result = r;
  session.worker.reset();  // the worker's drill is over: its process ends
  return grpc::Status::OK;
}

void ClassService::StartPacer(const std::shared_ptr<ClassSession>& session) {
  session->paced = true;
  session->pacer = std::thread([this, session] { Pace(*session); });
}

void ClassService::Pace(ClassSession& s) {
  using Clock = std::chrono::steady_clock;
  constexpr auto kRound = std::chrono::milliseconds(100);
  auto wallBase = Clock::now(), next = wallBase, lastLogged = wallBase;
  double simBase = 0.0;
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    simBase = s.progress.sim_seconds();
  }
  while (!m_stopping) {
    next += kRound;
    if (Clock::now() > next + std::chrono::seconds(1)) next = Clock::now();  // far behind: late, not in a rush
    std::this_thread::sleep_until(next);
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.finished || !s.worker || m_stopping) break;
    const auto now = Clock::now();
    double until = s.progress.sim_seconds();
    if (s.speed <= 0) {
      wallBase = now;
      simBase = until;
    } else if (s.speed >= 1e9) {
      until += 60.0;
    } else {
      until = simBase + std::chrono::duration<double>(now - wallBase).count() * s.speed;
    }
    wire::WorkerRequest call;
    call.set_role("trainee");
    call.mutable_advance()->set_until_s(until);
    std::string error;
    const auto answer = s.worker->Call(call, error);
    if (!answer) break;
    const wire::AdvanceReply& r = answer->advanced();
    s.progress = r.progress();
    s.progress.set_submitted(s.submitted);
    if (r.progress().speed() != s.speed) {  // a speed, pause or resume command: the clock goes on from here
      s.speed = r.progress().speed();
      wallBase = now;
      simBase = r.progress().sim_seconds();
    }
    wire::Snapshot snap;
    snap.set_seq(++s.seq);
    snap.set_instance(m_instance);
    *snap.mutable_progress() = s.progress;
    *snap.mutable_answers() = r.answers();
    snap.set_produced_unix_us(std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
    s.recent.push_back(std::move(snap));
    if (s.recent.size() > 64) s.recent.pop_front();
    if (now - lastLogged >= std::chrono::seconds(1) || r.progress().ended()) {
      s.log->Tick(r.progress().sim_seconds());  // once a second: a restart resumes within a second of here
      lastLogged = now;
    }
    if (r.progress().ended()) FinishLocked(s);
    s.changed.notify_all();
  }
}

std::string ClassService::JournalPath(const SessionManifest& m) const {
  return m_options.dataDir + "/journals/" + m.id + "-" + m.drill + "-seed" + std::to_string(m.seed) + ".journal";
}

std::optional<wire::JoinReply> ClassService::StartWorker(ClassSession& session, std::string& error) {
  const SessionManifest& m = session.manifest;
  const auto d = m_library.find(m.drill);
  if (d == m_library.end()) {
    error = "no drill \"" + m.drill + "\" in the server's library any more";
    return std::nullopt;
  }
  session.worker = WorkerProcess::Spawn(m_options.workerExe, error);
  if (!session.worker) return std::nullopt;
  wire::WorkerRequest start;
  start.set_role("trainee");
  wire::WorkerStart& s = *start.mutable_start();
  s.set_drill_file(d->second.file);
  s.set_seed(m.seed);
  s.set_lang(m.lang);
  s.set_assist(m.assist);
  s.set_journal(JournalPath(m));
  s.set_journal_key(m_key);
  s.set_records(m_options.db);
  s.set_trainee(m.trainee);
  s.set_allow_picks(m.scripted);
  s.set_paced(!m.scripted);
  const auto started = session.worker->Call(start, error);
  if (!started) return std::nullopt;
  if (!started->error().empty()) {
    error = started->error();
    return std::nullopt;
  }
  return started->started();
}

std::shared_ptr<ClassSession> ClassService::TraineeSession(const grpc::ServerContext& context, std::optional<Caller>& caller,
                                                          grpc::Status& refusal) {
  caller = m_tokens.Authorize(context, Need::Trainee, refusal);
  if (!caller) return nullptr;
  auto session = Find(caller->session);
  if (!session) refusal = {grpc::StatusCode::NOT_FOUND, "your session is gone"};
  return session;
}

std::shared_ptr<ClassSession> ClassService::Find(const std::string& id) {
  std::lock_guard<std::mutex> lock(m_mutex);
  const auto it = m_sessions.find(id);
  return it == m_sessions.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<ClassSession>> ClassService::Sessions() {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<std::shared_ptr<ClassSession>> out;
  for (const auto& [id, s] : m_sessions) out.push_back(s);
  return out;
}

}  // namespace netdrill::server
