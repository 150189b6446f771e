// ClassService: team drills, several seats on one session with one clock, taking turns when scripted.
#include "server/class-service.h"

#include <chrono>

namespace netdrill::server {

grpc::Status ClassService::JoinTeam(const wire::JoinRequest& request, const LibraryDrill& d, wire::JoinReply* reply) {
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

std::string ClassService::Waiting(const ClassSession& s) {
  if (!s.team->AllJoined()) return "waiting for " + s.team->Missing() + " to join";
  std::string acting;
  for (const SeatMember& m : s.team->Members()) {
    if (!m.finished && !m.want) acting += (acting.empty() ? "" : ", ") + std::string(session::SeatName(m.seat));
  }
  return acting.empty() ? "waiting" : "waiting for " + acting;
}

grpc::Status ClassService::AdvanceSeat(ClassSession& s, session::Seat seat, double until, std::unique_lock<std::mutex>& lock,
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

}  // namespace netdrill::server
