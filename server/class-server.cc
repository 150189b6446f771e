#include "server/class-server.h"

#include "drill/drill.h"
#include "drill/records.h"
#include "server/class-auth.h"
#include "server/class-rules.h"
#include "server/session-log.h"
#include "server/team-seats.h"
#include "server/worker-process.h"
#include "session/diagnose.h"
#include "twin/diagnostics.h"
#include "wire/command-wire.h"
#include "wire/netdrill.grpc.pb.h"
#include "wire/tls.h"

#include <grpcpp/server.h>
#include <atomic>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace netdrill::server {

namespace fs = std::filesystem;

namespace {

// One trainee's drill on this server.
struct ClassSession {
  SessionManifest manifest;
  std::unique_ptr<WorkerProcess> worker;
  std::unique_ptr<SessionLog> log;
  std::mutex mutex;  // what follows (the worker and the log have their own)
  wire::Progress progress;
  std::string lastAction;
  std::vector<std::string> commands;  // the trainee's, as the drill applied them
  int submitted = 0;                  // the trainee's commands taken
  bool finished = false;
  std::optional<wire::FinishReply> result;
  wire::JoinReply joined;  // what its worker said at the start (a team's later seats hear it too)
  // A paced session's clock (a person's drill): the server advances it about ten times a second.
  bool paced = false;
  double speed = 1.0;
  std::uint64_t seq = 0;
  std::deque<wire::Snapshot> recent;  // the last snapshots, for its watchers
  std::condition_variable changed;
  std::thread pacer;
  // A team drill's session: its seats, each with its trainee, token, commands and answers.
  std::unique_ptr<TeamSeats> team;
  std::map<session::Seat, std::vector<wire::Answer>> seatAnswers;  // a scripted team's, until its seat advances
};

struct LibraryDrill {
  std::string id, file, network;
  drill::Text title;
  double durationS = 0.0;
  std::vector<session::Seat> seats;  // a team drill's
};

std::string DefaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/netdrill/server";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/netdrill/server";
  return "netdrill-server";
}

// The drill library beside the executable: an installed one's, then a build tree's.
std::string DefaultLibrary() {
  const fs::path exe = fs::path(SelfExecutable()).parent_path();
  for (const fs::path& p : {exe / "../share/netdrill/scenarios", exe / "../scenarios", exe / "scenarios"}) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
  }
  return "scenarios";
}

class ClassService final : public wire::Class::Service {
public:
  ClassService(ServeOptions options, std::map<std::string, LibraryDrill> library, std::string key)
      : m_options(std::move(options)), m_library(std::move(library)), m_key(std::move(key)) {}

  /// @brief Every session the data folder's logs hold, resumed at its last tick (said on `out`).
  void Resume(std::ostream& out);

  grpc::Status ListDrills(grpc::ServerContext*, const wire::ListDrillsRequest*, wire::DrillList* reply) override {
    for (const auto& [id, d] : m_library) {
      wire::DrillInfo& info = *reply->add_drills();
      info.set_id(id);
      info.set_title(d.title.In("vi"));
      info.set_duration_s(d.durationS);
      info.set_network(d.network);
    }
    return grpc::Status::OK;
  }

  grpc::Status Join(grpc::ServerContext*, const wire::JoinRequest* request, wire::JoinReply* reply) override {
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

  grpc::Status Submit(grpc::ServerContext* context, const wire::SubmitRequest* request, wire::SubmitReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
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

  grpc::Status Advance(grpc::ServerContext* context, const wire::AdvanceRequest* request, wire::AdvanceReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
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

  grpc::Status Finish(grpc::ServerContext* context, const wire::FinishRequest*, wire::FinishReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
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

  grpc::Status Watch(grpc::ServerContext* context, const wire::WatchRequest* request,
                     grpc::ServerWriter<wire::Snapshot>* writer) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
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

  /// @brief Stops every session's clock (the server is shutting down): their logs stay, to resume.
  void Stop() {
    m_stopping = true;
    for (const auto& s : Sessions()) {
      s->changed.notify_all();
      if (s->pacer.joinable()) s->pacer.join();
    }
  }
  ~ClassService() override { Stop(); }

  grpc::Status Login(grpc::ServerContext*, const wire::LoginRequest* request, wire::LoginReply* reply) override {
    if (m_options.passphrase.empty())
      return {grpc::StatusCode::FAILED_PRECONDITION,
              "instructor calls are off on this server: start it with NETDRILL_INSTRUCTOR_PASSPHRASE set"};
    if (!SameSecret(request->passphrase(), m_options.passphrase))
      return {grpc::StatusCode::PERMISSION_DENIED, "wrong instructor passphrase"};
    reply->set_token(m_tokens.Issue({true, "instructor", ""}));
    return grpc::Status::OK;
  }

  grpc::Status Status(grpc::ServerContext* context, const wire::StatusRequest*, wire::ClassStatus* reply) override {
    grpc::Status refusal;
    if (!m_tokens.Authorize(*context, Need::Instructor, refusal)) return refusal;
    struct Row {
      wire::TraineeStatus status;
      std::vector<std::string> commands;
      bool tooFast, stuck;
    };
    std::vector<Row> rows;
    for (const auto& s : Sessions()) {
      std::lock_guard<std::mutex> lock(s->mutex);
      Row r;
      r.status.set_session(s->manifest.id);
      r.status.set_name(s->manifest.trainee);
      r.status.set_drill(s->manifest.drill);
      r.status.set_seed(s->manifest.seed);
      r.status.set_seat(s->manifest.seat);
      r.status.set_sim_seconds(s->progress.sim_seconds());
      r.status.set_score(s->progress.score());
      r.status.set_objectives_met(s->progress.objectives_met());
      r.status.set_last_action(s->lastAction);
      r.status.set_finished(s->finished);
      r.commands = s->commands;
      r.tooFast = s->progress.too_fast();
      const double last = s->progress.last_trainee_at();
      r.stuck = !s->finished && Stuck(s->progress.sim_seconds(), last < 0 ? std::nullopt : std::optional<double>(last),
                                       s->progress.objectives() - s->progress.objectives_met());
      if (!s->team) {
        rows.push_back(std::move(r));
        continue;
      }
      // A team: a row per seat, the session's clock and score (the team's), the seat's own commands.
      for (const SeatMember& member : s->team->Members()) {
        Row seat = r;
        seat.status.set_name(member.trainee);
        seat.status.set_seat(session::SeatName(member.seat));
        seat.status.set_team(s->team->Team());
        seat.status.set_last_action(member.lastAction);
        seat.commands = member.commands;
        rows.push_back(std::move(seat));
      }
    }
    {
      std::lock_guard<std::mutex> lock(m_approvalMutex);
      for (const auto& [name, state] : m_approvals) {
        if (state == Approval::Asked) reply->add_awaiting_approval(name);
      }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].stuck) rows[i].status.add_flags("stuck");
      if (rows[i].tooFast) rows[i].status.add_flags("too-fast");
      for (std::size_t j = 0; j < rows.size(); ++j) {
        if (i != j && rows[i].status.session() != rows[j].status.session() && IdenticalRun(rows[i].commands, rows[j].commands)) {
          rows[i].status.add_flags("identical");
          break;
        }
      }
      *reply->add_trainees() = std::move(rows[i].status);
    }
    return grpc::Status::OK;
  }

  grpc::Status Approve(grpc::ServerContext* context, const wire::ApproveRequest* request, wire::ApproveReply*) override {
    grpc::Status refusal;
    if (!m_tokens.Authorize(*context, Need::Instructor, refusal)) return refusal;
    std::lock_guard<std::mutex> lock(m_approvalMutex);
    const auto it = m_approvals.find(request->trainee());
    if (it == m_approvals.end() || it->second != Approval::Asked)
      return {grpc::StatusCode::NOT_FOUND, "nobody is waiting to join as \"" + request->trainee() + "\""};
    it->second = request->refuse() ? Approval::Refused : Approval::Approved;
    return grpc::Status::OK;
  }

  grpc::Status Export(grpc::ServerContext* context, const wire::ExportRequest* request, wire::ExportReply* reply) override {
    grpc::Status refusal;
    if (!m_tokens.Authorize(*context, Need::Instructor, refusal)) return refusal;
    twin::Diagnostics diags;
    const auto records = drill::Records::Open(m_options.db, diags);
    if (!records) return {grpc::StatusCode::INTERNAL, diags.Items().empty() ? "cannot open the records" : diags.Items().front().message};
    std::ostringstream csv;
    records->ExportCsv(csv, request->trainee(), request->drill());
    reply->set_csv(csv.str());
    return grpc::Status::OK;
  }

  grpc::Status Inject(grpc::ServerContext* context, const wire::InjectRequest* request, wire::InjectReply* reply) override {
    grpc::Status refusal;
    if (!m_tokens.Authorize(*context, Need::Instructor, refusal)) return refusal;
    if (request->command().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "no command to inject"};
    int sent = 0;
    for (const auto& s : Sessions()) {
      double at = 0.0;
      {
        std::lock_guard<std::mutex> lock(s->mutex);
        bool named = s->manifest.trainee == request->trainee();
        for (const SeatMember& member : s->team ? s->team->Members() : std::vector<SeatMember>{}) named = named || member.trainee == request->trainee();
        if (s->finished || !s->worker || (!request->all() && !named)) continue;
        at = s->progress.sim_seconds();
      }
      wire::WorkerRequest call;
      call.set_role("instructor");
      call.mutable_submit()->mutable_command()->set_line(request->command());
      call.mutable_submit()->set_at_s(at);
      std::string error;
      const auto answer = s->worker->Call(call, error);
      if (!answer) {
        reply->add_errors(s->manifest.trainee + ": " + error);
      } else if (!answer->submitted().accepted()) {
        reply->add_errors(s->manifest.trainee + ": " + answer->submitted().error());
      } else {
        s->log->Command({answer->submitted().at_s(), "instructor", request->command(), ""});
        ++sent;
      }
    }
    if (sent == 0 && reply->errors_size() == 0)
      return {grpc::StatusCode::NOT_FOUND, request->all() ? "no drill is running" : "no running drill of \"" + request->trainee() + "\""};
    reply->set_sessions(sent);
    return grpc::Status::OK;
  }

private:
  // A name in use: the instructor approves one more drill of it (or refuses). The joiner asks again.
  enum class Approval : std::uint8_t { Asked, Approved, Refused };
  std::string AskApproval(const std::string& name) {
    if (m_options.passphrase.empty())
      return "the name \"" + name + "\" is in use in this class: choose another (no instructor on this server to approve it)";
    std::lock_guard<std::mutex> lock(m_approvalMutex);
    auto [it, inserted] = m_approvals.emplace(name, Approval::Asked);
    if (!inserted && it->second == Approval::Refused) {
      m_approvals.erase(it);
      return "the name \"" + name + "\" is in use, and the instructor refused it: choose another";
    }
    it->second = Approval::Asked;
    return "the name \"" + name + "\" is in use in this class: waiting for the instructor's approval (class approve --trainee " +
           name + "), or choose another";
  }
  // Whether the instructor approved this name: the approval is for one join.
  bool TakeApproval(const std::string& name) {
    std::lock_guard<std::mutex> lock(m_approvalMutex);
    const auto it = m_approvals.find(name);
    if (it == m_approvals.end() || it->second != Approval::Approved) return false;
    m_approvals.erase(it);
    return true;
  }

  // A seat of a team drill joins its team's session, the first one starting it.
  grpc::Status JoinTeam(const wire::JoinRequest& request, const LibraryDrill& d, wire::JoinReply* reply) {
    const auto seat = session::ParseSeat(request.seat());
    if (!seat) return {grpc::StatusCode::INVALID_ARGUMENT, "a seat is one of " + session::SeatChoices()};
    std::shared_ptr<ClassSession> session;
    std::lock_guard<std::mutex> lock(m_mutex);  // one join at a time: two first seats start one session
    for (const auto& [id, s] : m_sessions) {
      std::lock_guard<std::mutex> sessionLock(s->mutex);
      if (s->team && !s->finished && s->team->Team() == request.team() && s->manifest.drill == d.id) session = s;
    }
    const bool scripted = request.scripted() && m_options.allowScripted;
    if (!session) {
      session = std::make_shared<ClassSession>();
      SessionManifest& m = session->manifest;
      m.id = "S-" + std::to_string(++m_lastSession);
      m.trainee = request.team();
      m.team = request.team();
      m.drill = d.id;
      m.seed = request.seed() == 0 ? 1 : request.seed();
      m.lang = request.lang().empty() ? "vi" : request.lang();
      m.assist = request.assist();
      m.scripted = scripted;
      session->team = std::make_unique<TeamSeats>(request.team(), d.seats);
      std::string error;
      const auto started = StartWorker(*session, error);
      if (!started) return {grpc::StatusCode::FAILED_PRECONDITION, error};
      session->log = SessionLog::Create(LogPath(m.id), m_key, m, error);
      if (!session->log) return {grpc::StatusCode::INTERNAL, error};
      session->joined = *started;
      if (!scripted) StartPacer(session);
      m_sessions[m.id] = session;
    } else if (session->manifest.scripted != scripted) {
      return {grpc::StatusCode::FAILED_PRECONDITION, "team \"" + request.team() + "\" is " +
                                                         (session->manifest.scripted ? "scripted" : "played by people") +
                                                         ": every seat joins it the same way"};
    }
    std::lock_guard<std::mutex> sessionLock(session->mutex);
    const std::string token = m_tokens.Issue({false, request.trainee(), session->manifest.id, *seat});
    const std::string refused = session->team->Join(*seat, request.trainee(), token);
    if (!refused.empty()) {
      m_tokens.Revoke(token, refused);
      return {grpc::StatusCode::ALREADY_EXISTS, refused};
    }
    session->log->Joined({request.seat(), request.trainee(), token});
    *reply = session->joined;
    reply->set_session(session->manifest.id);
    reply->set_token(token);
    for (const session::Seat s : d.seats) reply->add_seats(session::SeatName(s));
    session->changed.notify_all();
    return grpc::Status::OK;
  }

  // The seats not joined, or still acting, for a message.
  static std::string Waiting(const ClassSession& s) {
    if (!s.team->AllJoined()) return "waiting for " + s.team->Missing() + " to join";
    std::string acting;
    for (const SeatMember& m : s.team->Members()) {
      if (!m.finished && !m.want) acting += (acting.empty() ? "" : ", ") + std::string(session::SeatName(m.seat));
    }
    return acting.empty() ? "waiting" : "waiting for " + acting;
  }

  // A scripted team's seat asks for the clock at `until`: it waits for its turn (TeamSeats::Next), then the
  // session runs to `until` and the seat hears the answers to its own commands. The session's lock is held.
  grpc::Status AdvanceSeat(ClassSession& s, session::Seat seat, double until, std::unique_lock<std::mutex>& lock,
                           wire::AdvanceReply& reply) {
    SeatMember* me = s.team->Member(seat);
    if (!me) return {grpc::StatusCode::PERMISSION_DENIED, "your token has no seat in this team"};
    me->want = until;
    s.changed.notify_all();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(30);
    while (s.team->Next() != seat && !s.finished && !m_stopping) {
      if (s.changed.wait_until(lock, deadline) == std::cv_status::timeout) {
        me->want.reset();
        return {grpc::StatusCode::DEADLINE_EXCEEDED, "the team's clock did not move: " + Waiting(s)};
      }
    }
    me->want.reset();  // its turn: it acts until its next Advance
    if (m_stopping) return {grpc::StatusCode::UNAVAILABLE, "the server is stopping"};
    if (s.worker && !s.finished && s.progress.sim_seconds() + 1e-9 < until) {
      wire::WorkerRequest call;
      call.set_role("trainee");
      call.mutable_advance()->set_until_s(until);
      std::string error;
      const auto answer = s.worker->Call(call, error);
      if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
      s.log->Tick(answer->advanced().progress().sim_seconds());
      s.progress = answer->advanced().progress();
      for (const wire::Answer& a : answer->advanced().answers()) {
        for (const SeatMember& m : s.team->Members()) {
          if (a.seat().empty() || a.seat() == session::SeatName(m.seat)) s.seatAnswers[m.seat].push_back(a);
        }
      }
    }
    *reply.mutable_progress() = s.progress;
    reply.mutable_progress()->set_submitted(me->submitted);
    for (wire::Answer& a : s.seatAnswers[seat]) *reply.add_answers() = std::move(a);
    s.seatAnswers[seat].clear();
    return grpc::Status::OK;
  }

  // Ends a drill (the rest of it run at full speed) and keeps its result; the session's mutex is held.
  grpc::Status FinishLocked(ClassSession& session) {
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

  void StartPacer(const std::shared_ptr<ClassSession>& session) {
    session->paced = true;
    session->pacer = std::thread([this, session] { Pace(*session); });
  }

  // A paced session's clock: simulated time since `simBase` follows wall time since `wallBase` times the
  // speed; each round advances the worker to now and publishes what it did to the watchers.
  void Pace(ClassSession& s) {
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

  std::string JournalPath(const SessionManifest& m) const {
    return m_options.dataDir + "/journals/" + m.id + "-" + m.drill + "-seed" + std::to_string(m.seed) + ".journal";
  }
  std::string LogPath(const std::string& id) const { return m_options.dataDir + "/sessions/" + id + ".log"; }

  // A worker for the session, its drill started: what Join replies (without the token); nullopt and why.
  std::optional<wire::JoinReply> StartWorker(ClassSession& session, std::string& error) {
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
  std::shared_ptr<ClassSession> Find(const std::string& id) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : it->second;
  }
  std::vector<std::shared_ptr<ClassSession>> Sessions() {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<std::shared_ptr<ClassSession>> out;
    for (const auto& [id, s] : m_sessions) out.push_back(s);
    return out;
  }

  const ServeOptions m_options;
  const std::map<std::string, LibraryDrill> m_library;
  const std::string m_key;
  std::atomic<bool> m_stopping{false};
  const std::string m_instance = RandomHex(8);  // this process's, in its snapshots
  Tokens m_tokens;
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<ClassSession>> m_sessions;
  int m_lastSession = 0;
  std::mutex m_approvalMutex;  // after m_mutex and a session's, never before
  std::map<std::string, Approval> m_approvals;
};

void ClassService::Resume(std::ostream& out) {
  std::error_code ec;
  std::vector<std::pair<int, fs::path>> logs;
  for (const auto& entry : fs::directory_iterator(m_options.dataDir + "/sessions", ec)) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".log" || stem.rfind("S-", 0) != 0) continue;
    const int number = std::atoi(stem.c_str() + 2);
    if (number > 0) logs.emplace_back(number, entry.path());
  }
  std::sort(logs.begin(), logs.end());
  for (const auto& [number, path] : logs) {
    m_lastSession = std::max(m_lastSession, number);
    SessionLogContents contents;
    std::string error;
    auto session = std::make_shared<ClassSession>();
    session->log = SessionLog::Reopen(path.string(), m_key, contents, error);
    const SessionManifest& m = contents.manifest;
    if (!session->log) {
      out << "resume: " << error << "\n";
      if (!m.token.empty())
        m_tokens.Revoke(m.token, "your session's log on the server was edited: it is not trusted (the instructor has the details)");
      continue;
    }
    session->manifest = m;
    for (const LoggedCommand& c : contents.commands) {
      if (c.role == "trainee") ++session->submitted;
    }
    if (!m.team.empty()) {
      // A team's session: its seats again, each with its token and the commands it gave.
      const auto d = m_library.find(m.drill);
      session->team = std::make_unique<TeamSeats>(m.team, d == m_library.end() ? std::vector<session::Seat>{} : d->second.seats);
      for (const SeatJoined& j : contents.seats) {
        const auto seat = session::ParseSeat(j.seat);
        if (!seat || !session->team->Join(*seat, j.trainee, j.token).empty()) continue;
        m_tokens.Restore(j.token, {false, j.trainee, m.id, *seat});
        SeatMember* member = session->team->Member(*seat);
        for (const LoggedCommand& c : contents.commands) {
          if (c.role == "trainee" && c.seat == j.seat) ++member->submitted;
        }
      }
    }
    if (contents.result) {
      wire::FinishReply r;
      r.set_result_json(contents.result->resultJson);
      r.set_score(contents.result->score);
      r.set_fingerprint(contents.result->fingerprint);
      r.set_record(contents.result->record);
      session->result = r;
      session->finished = true;
      session->progress.set_sim_seconds(contents.lastTickS);
      session->progress.set_score(r.score());
      session->lastAction = contents.commands.empty() ? "" : contents.commands.back().command;
    } else {
      // The drill again from its start: its commands at the times they went in, to the last tick it reached.
      const auto started = StartWorker(*session, error);
      if (!started) {
        out << "resume: " << m.id << " (" << m.trainee << "): " << error << "\n";
        continue;
      }
      session->joined = *started;
      bool replayed = true;
      for (const LoggedCommand& c : contents.commands) {
        wire::WorkerRequest call;
        call.set_role(c.role);
        call.set_seat(c.seat);
        call.mutable_submit()->mutable_command()->set_line(c.command);
        call.mutable_submit()->set_at_s(c.atS);
        const auto answer = session->worker->Call(call, error);
        if (!answer || !answer->submitted().accepted()) {
          replayed = false;
          break;
        }
        if (c.role == "trainee") {
          session->commands.push_back(answer->submitted().text());
          session->lastAction = answer->submitted().text();
          const auto seat = session::ParseSeat(c.seat);
          if (SeatMember* member = session->team && seat ? session->team->Member(*seat) : nullptr) {
            member->commands.push_back(answer->submitted().text());
            member->lastAction = answer->submitted().text();
          }
        }
      }
      wire::WorkerRequest advance;
      advance.set_role("trainee");
      advance.mutable_advance()->set_until_s(contents.lastTickS);
      auto advanced = replayed ? session->worker->Call(advance, error) : std::nullopt;
      // A paced session's worker stops at each change of pace: on to the tick it had reached.
      while (advanced && !advanced->advanced().progress().ended() &&
             advanced->advanced().progress().sim_seconds() + 1e-9 < contents.lastTickS) {
        advanced = session->worker->Call(advance, error);
      }
      if (!advanced) {
        out << "resume: " << m.id << " (" << m.trainee << "): its commands do not replay" << (error.empty() ? "" : ": " + error)
            << "\n";
        continue;
      }
      session->progress = advanced->advanced().progress();
      session->progress.set_submitted(session->submitted);
      session->speed = session->progress.speed();
      if (!m.scripted) StartPacer(session);
    }
    if (!session->team) m_tokens.Restore(m.token, {false, m.trainee, m.id});
    out << "resumed " << m.id << " (" << m.trainee << ", " << m.drill << " seed " << m.seed << ") "
        << (session->finished ? "finished" : "at " + session::FormatClock(session->progress.sim_seconds())) << "\n";
    m_sessions[m.id] = std::move(session);
  }
}

class GrpcClassServer final : public ClassServer {
public:
  int Port() const override { return m_port; }
  void Wait() override { m_server->Wait(); }
  void Shutdown() override {
    service->Stop();
    m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  }

  std::unique_ptr<ClassService> service;
  std::unique_ptr<grpc::Server> m_server;
  int m_port = 0;
};

// Every drill of the library, by id (the file's stem); drills that do not read are said and left out.
std::map<std::string, LibraryDrill> LoadLibrary(const std::string& dir, std::ostream& out) {
  std::map<std::string, LibraryDrill> library;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    twin::Diagnostics diags;
    const auto d = drill::LoadDrill(f.string(), diags);
    if (!d) {
      out << "library: " << f.string() << " left out (drill check it)\n";
      continue;
    }
    library[f.stem().string()] = {f.stem().string(), f.string(), d->network, d->title, d->durationS, d->seats};
  }
  return library;
}

}  // namespace

std::unique_ptr<ClassServer> ClassServer::Start(const ServeOptions& given, std::ostream& out, std::string& error) {
  ServeOptions options = given;
  if (options.dataDir.empty()) options.dataDir = DefaultDataDir();
  if (options.library.empty()) options.library = DefaultLibrary();
  if (options.db.empty()) options.db = options.dataDir + "/records.sqlite";
  if (options.workerExe.empty()) options.workerExe = SelfExecutable();
  if (options.insecure && !wire::IsLoopback(options.listen)) {
    error = "--insecure listens on loopback only (127.0.0.1, ::1, localhost), not " + options.listen;
    return nullptr;
  }
  std::error_code ec;
  fs::create_directories(options.dataDir + "/journals", ec);
  if (!ec) fs::create_directories(options.dataDir + "/sessions", ec);
  if (ec) {
    error = options.dataDir + ": cannot make the data folder (" + ec.message() + ")";
    return nullptr;
  }
  if (!fs::is_directory(options.library, ec)) {
    error = options.library + ": no drill library there (--library DIR)";
    return nullptr;
  }
  std::ostringstream notes;
  auto library = LoadLibrary(options.library, notes);
  std::optional<wire::ServerIdentity> identity;
  if (!options.insecure) {
    const bool ownPair = options.tlsCert.empty() && options.tlsKey.empty();
    if (options.tlsCert.empty() != options.tlsKey.empty()) {
      error = "--tls-cert and --tls-key go together";
      return nullptr;
    }
    identity = wire::LoadOrMakeIdentity(ownPair ? options.dataDir + "/server-cert.pem" : options.tlsCert,
                                        ownPair ? options.dataDir + "/server-key.pem" : options.tlsKey, ownPair, error);
    if (!identity) return nullptr;
  }
  const auto key = LoadOrMakeKey(options.dataDir + "/hmac.key", error);
  if (!key) return nullptr;
  auto server = std::make_unique<GrpcClassServer>();
  server->service = std::make_unique<ClassService>(options, library, *key);
  std::ostringstream resumed;
  server->service->Resume(resumed);
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, wire::MakeServerCredentials(identity ? &*identity : nullptr), &server->m_port);
  builder.RegisterService(server->service.get());
  builder.SetMaxReceiveMessageSize(1 << 20);
  server->m_server = builder.BuildAndStart();
  if (!server->m_server || server->m_port == 0) {
    error = "cannot listen on " + options.listen;
    return nullptr;
  }
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  out << "listening on " << host << ":" << server->m_port << "\n";
  if (identity) {
    out << "TLS certificate " << wire::CertificateFingerprint(identity->certPem) << " (clients pin it: --server-cert "
        << (options.tlsCert.empty() ? options.dataDir + "/server-cert.pem" : options.tlsCert) << ")\n";
  } else {
    out << "plaintext (--insecure), loopback only\n";
  }
  out << resumed.str() << notes.str() << "library: " << library.size() << " drills in " << options.library << "\n"
      << "data: " << options.dataDir << ", records " << options.db << "\n"
      << (options.passphrase.empty() ? "instructor calls are off (no NETDRILL_INSTRUCTOR_PASSPHRASE)\n"
                                     : "instructor calls need the passphrase\n");
  out.flush();
  return server;
}

int ServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  // A worker that dies mid-write must not take the server with it.
  std::signal(SIGPIPE, SIG_IGN);
  // SIGINT and SIGTERM shut the server down from a thread that waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::string error;
  auto server = ClassServer::Start(options, out, error);
  if (!server) {
    err << "serve: " << error << "\n";
    return 1;
  }
  std::thread waiter([&set, &server] {
    int sig = 0;
    sigwait(&set, &sig);
    server->Shutdown();
  });
  server->Wait();
  waiter.join();
  return 0;
}

}  // namespace netdrill::server
