// ClassService: the instructor's RPCs (login, the live status with its flags, approval of a name in use, export, inject).
#include "server/class-service.h"

#include "drill/records.h"
#include "server/class-rules.h"
#include "twin/diagnostics.h"

#include <sstream>

namespace netdrill::server {

grpc::Status ClassService::Login(grpc::ServerContext*, const wire::LoginRequest* request, wire::LoginReply* reply) {
  if (m_options.passphrase.empty())
    return {grpc::StatusCode::FAILED_PRECONDITION,
            "instructor calls are off on this server: start it with NETDRILL_INSTRUCTOR_PASSPHRASE set"};
  if (!SameSecret(request->passphrase(), m_options.passphrase))
    return {grpc::StatusCode::PERMISSION_DENIED, "wrong instructor passphrase"};
  reply->set_token(m_tokens.Issue({true, "instructor", ""}));
  return grpc::Status::OK;
}

grpc::Status ClassService::Status(grpc::ServerContext* context, const wire::StatusRequest*, wire::ClassStatus* reply) {
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

grpc::Status ClassService::Approve(grpc::ServerContext* context, const wire::ApproveRequest* request, wire::ApproveReply*) {
  grpc::Status refusal;
  if (!m_tokens.Authorize(*context, Need::Instructor, refusal)) return refusal;
  std::lock_guard<std::mutex> lock(m_approvalMutex);
  const auto it = m_approvals.find(request->trainee());
  if (it == m_approvals.end() || it->second != Approval::Asked)
    return {grpc::StatusCode::NOT_FOUND, "nobody is waiting to join as \"" + request->trainee() + "\""};
  it->second = request->refuse() ? Approval::Refused : Approval::Approved;
  return grpc::Status::OK;
}

grpc::Status ClassService::Export(grpc::ServerContext* context, const wire::ExportRequest* request, wire::ExportReply* reply) {
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

grpc::Status ClassService::Inject(grpc::ServerContext* context, const wire::InjectRequest* request, wire::InjectReply* reply) {
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

std::string ClassService::AskApproval(const std::string& name) {
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

bool ClassService::TakeApproval(const std::string& name) {
  std::lock_guard<std::mutex> lock(m_approvalMutex);
  const auto it = m_approvals.find(name);
  if (it == m_approvals.end() || it->second != Approval::Approved) return false;
  m_approvals.erase(it);
  return true;
}

}  // namespace netdrill::server
