// The class server's gRPC service (private to server/): the sessions it hosts and every RPC.
// Its members live in a file per concern: class-service.cc (a trainee's drill: join, submit,
// advance, finish, watch, the paced clock, workers), class-team.cc (team drills: seats joining
// one session, taking turns), class-instructor.cc (the instructor's RPCs and name approval),
// class-resume.cc (sessions resumed from their logs after a restart).
#pragma once

#include "drill/drill.h"
#include "session/secrets.h"
#include "server/class-auth.h"
#include "server/class-server.h"
#include "server/session-log.h"
#include "server/team-seats.h"
#include "server/worker-process.h"
#include "wire/netdrill.grpc.pb.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace netdrill::server {

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

class ClassService final : public wire::Class::Service {
public:
  ClassService(ServeOptions options, std::map<std::string, LibraryDrill> library, std::string key)
      : m_options(std::move(options)), m_library(std::move(library)), m_key(std::move(key)) {}

  /// @brief Every session the data folder's logs hold, resumed at its last tick (said on `out`).
  void Resume(std::ostream& out);

  grpc::Status ListDrills(grpc::ServerContext*, const wire::ListDrillsRequest*, wire::DrillList* reply) override;

  grpc::Status Join(grpc::ServerContext*, const wire::JoinRequest* request, wire::JoinReply* reply) override;
  grpc::Status Submit(grpc::ServerContext* context, const wire::SubmitRequest* request, wire::SubmitReply* reply) override;
  grpc::Status Advance(grpc::ServerContext* context, const wire::AdvanceRequest* request, wire::AdvanceReply* reply) override;
  grpc::Status Finish(grpc::ServerContext* context, const wire::FinishRequest*, wire::FinishReply* reply) override;
  grpc::Status Watch(grpc::ServerContext* context, const wire::WatchRequest* request,
                     grpc::ServerWriter<wire::Snapshot>* writer) override;

  /// @brief Stops every session's clock (the server is shutting down): their logs stay, to resume.
  void Stop();
  ~ClassService() override { Stop(); }
  grpc::Status Login(grpc::ServerContext*, const wire::LoginRequest* request, wire::LoginReply* reply) override;
  grpc::Status Status(grpc::ServerContext* context, const wire::StatusRequest*, wire::ClassStatus* reply) override;
  grpc::Status Approve(grpc::ServerContext* context, const wire::ApproveRequest* request, wire::ApproveReply*) override;
  grpc::Status Export(grpc::ServerContext* context, const wire::ExportRequest* request, wire::ExportReply* reply) override;
  grpc::Status Inject(grpc::ServerContext* context, const wire::InjectRequest* request, wire::InjectReply* reply) override;

private:
  // A name in use: the instructor approves one more drill of it (or refuses). The joiner asks again.
  enum class Approval : std::uint8_t { Asked, Approved, Refused };
  std::string AskApproval(const std::string& name);
  // Whether the instructor approved this name: the approval is for one join.
  bool TakeApproval(const std::string& name);

  // A seat of a team drill joins its team's session, the first one starting it.
  grpc::Status JoinTeam(const wire::JoinRequest& request, const LibraryDrill& d, wire::JoinReply* reply);

  // The seats not joined, or still acting, for a message.
  static std::string Waiting(const ClassSession& s);

  // A scripted team's seat asks for the clock at `until`: it waits for its turn (TeamSeats::Next), then the
  // session runs to `until` and the seat hears the answers to its own commands. The session's lock is held.
  grpc::Status AdvanceSeat(ClassSession& s, session::Seat seat, double until, std::unique_lock<std::mutex>& lock,
                           wire::AdvanceReply& reply);

  // Ends a drill (the rest of it run at full speed) and keeps its result; the session's mutex is held.
  grpc::Status FinishLocked(ClassSession& session);

  void StartPacer(const std::shared_ptr<ClassSession>& session);

  // A paced session's clock: simulated time since `simBase` follows wall time since `wallBase` times the
  // speed; each round advances the worker to now and publishes what it did to the watchers.
  void Pace(ClassSession& s);

  std::string JournalPath(const SessionManifest& m) const;
  std::string LogPath(const std::string& id) const { return m_options.dataDir + "/sessions/" + id + ".log"; }

  // A worker for the session, its drill started: what Join replies (without the token); nullopt and why.
  std::optional<wire::JoinReply> StartWorker(ClassSession& session, std::string& error);
  std::shared_ptr<ClassSession> Find(const std::string& id);
  // The caller's trainee token (every trainee RPC checks it here) and its session; null, with `refusal`, when either fails.
  std::shared_ptr<ClassSession> TraineeSession(const grpc::ServerContext& context, std::optional<Caller>& caller,
                                               grpc::Status& refusal);
  std::vector<std::shared_ptr<ClassSession>> Sessions();

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

}  // namespace netdrill::server
