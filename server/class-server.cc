#include "server/class-server.h"

#include "drill/drill.h"
#include "server/class-auth.h"
#include "server/class-rules.h"
#include "server/worker-process.h"
#include "twin/diagnostics.h"
#include "wire/netdrill.grpc.pb.h"
#include "wire/tls.h"

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
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
  std::string id, trainee, drill, seat;
  std::uint64_t seed = 1;
  std::unique_ptr<WorkerProcess> worker;
  std::mutex mutex;  // what follows (the worker has its own)
  wire::Progress progress;
  std::string lastAction;
  std::vector<std::string> commands;  // the trainee's, as given
  bool finished = false;
};

struct LibraryDrill {
  std::string id, file, network;
  drill::Text title;
  double durationS = 0.0;
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
  ClassService(ServeOptions options, std::map<std::string, LibraryDrill> library)
      : m_options(std::move(options)), m_library(std::move(library)) {}

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
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      for (const auto& [id, s] : m_sessions) {
        std::lock_guard<std::mutex> sessionLock(s->mutex);
        if (s->trainee == name && !s->finished)
          return {grpc::StatusCode::ALREADY_EXISTS, "the name \"" + name + "\" is in use in this class: choose another"};
      }
    }
    auto session = std::make_shared<ClassSession>();
    session->trainee = name;
    session->drill = d->first;
    session->seat = request->seat();
    session->seed = request->seed() == 0 ? 1 : request->seed();
    std::string error;
    session->worker = WorkerProcess::Spawn(m_options.workerExe, error);
    if (!session->worker) return {grpc::StatusCode::INTERNAL, error};
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      session->id = "S-" + std::to_string(++m_lastSession);
    }
    wire::WorkerRequest start;
    start.set_role("trainee");
    wire::WorkerStart& s = *start.mutable_start();
    s.set_drill_file(d->second.file);
    s.set_seed(session->seed);
    s.set_lang(request->lang().empty() ? "vi" : request->lang());
    s.set_assist(request->assist());
    s.set_journal(JournalPath(*session));
    s.set_records(m_options.db);
    s.set_trainee(name);
    s.set_allow_picks(request->scripted() && m_options.allowScripted);
    const auto started = session->worker->Call(start, error);
    if (!started) return {grpc::StatusCode::INTERNAL, error};
    if (!started->error().empty()) return {grpc::StatusCode::FAILED_PRECONDITION, started->error()};
    *reply = started->started();
    reply->set_session(session->id);
    reply->set_token(m_tokens.Issue({false, name, session->id}));
    std::lock_guard<std::mutex> lock(m_mutex);
    m_sessions[session->id] = std::move(session);
    return grpc::Status::OK;
  }

  grpc::Status Submit(grpc::ServerContext* context, const wire::SubmitRequest* request, wire::SubmitReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
    wire::WorkerRequest call;
    call.set_role("trainee");  // the token's role, whatever the client says
    *call.mutable_submit() = *request;
    std::string error;
    const auto answer = session->worker->Call(call, error);
    if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
    *reply = answer->submitted();
    if (reply->accepted()) {
      std::lock_guard<std::mutex> lock(session->mutex);
      session->commands.push_back(reply->text());
      session->lastAction = reply->text();
    }
    return grpc::Status::OK;
  }

  grpc::Status Advance(grpc::ServerContext* context, const wire::AdvanceRequest* request, wire::AdvanceReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
    wire::WorkerRequest call;
    call.set_role("trainee");
    *call.mutable_advance() = *request;
    std::string error;
    const auto answer = session->worker->Call(call, error);
    if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
    *reply = answer->advanced();
    std::lock_guard<std::mutex> lock(session->mutex);
    session->progress = reply->progress();
    return grpc::Status::OK;
  }

  grpc::Status Finish(grpc::ServerContext* context, const wire::FinishRequest* request, wire::FinishReply* reply) override {
    grpc::Status refusal;
    const auto caller = m_tokens.Authorize(*context, Need::Trainee, refusal);
    if (!caller) return refusal;
    const auto session = Find(caller->session);
    if (!session) return {grpc::StatusCode::NOT_FOUND, "your session is gone"};
    wire::WorkerRequest call;
    call.set_role("trainee");
    *call.mutable_finish() = *request;
    std::string error;
    const auto answer = session->worker->Call(call, error);
    if (!answer) return {grpc::StatusCode::UNAVAILABLE, error};
    if (!answer->error().empty()) return {grpc::StatusCode::INTERNAL, answer->error()};
    *reply = answer->finished();
    std::lock_guard<std::mutex> lock(session->mutex);
    session->progress = answer->advanced().progress();
    session->progress.set_score(reply->score());
    session->finished = true;
    return grpc::Status::OK;
  }

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
      r.status.set_session(s->id);
      r.status.set_name(s->trainee);
      r.status.set_drill(s->drill);
      r.status.set_seed(s->seed);
      r.status.set_seat(s->seat);
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
      rows.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].stuck) rows[i].status.add_flags("stuck");
      if (rows[i].tooFast) rows[i].status.add_flags("too-fast");
      for (std::size_t j = 0; j < rows.size(); ++j) {
        if (i != j && IdenticalRun(rows[i].commands, rows[j].commands)) {
          rows[i].status.add_flags("identical");
          break;
        }
      }
      *reply->add_trainees() = std::move(rows[i].status);
    }
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
        if (s->finished || (!request->all() && s->trainee != request->trainee())) continue;
        at = s->progress.sim_seconds();
      }
      wire::WorkerRequest call;
      call.set_role("instructor");
      call.mutable_submit()->mutable_command()->set_line(request->command());
      call.mutable_submit()->set_at_s(at);
      std::string error;
      const auto answer = s->worker->Call(call, error);
      if (!answer) reply->add_errors(s->trainee + ": " + error);
      else if (!answer->submitted().accepted()) reply->add_errors(s->trainee + ": " + answer->submitted().error());
      else ++sent;
    }
    if (sent == 0 && reply->errors_size() == 0)
      return {grpc::StatusCode::NOT_FOUND, request->all() ? "no drill is running" : "no running drill of \"" + request->trainee() + "\""};
    reply->set_sessions(sent);
    return grpc::Status::OK;
  }

private:
  std::string JournalPath(const ClassSession& s) const {
    return m_options.dataDir + "/journals/" + s.id + "-" + s.drill + "-seed" + std::to_string(s.seed) + ".journal";
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
  Tokens m_tokens;
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<ClassSession>> m_sessions;
  int m_lastSession = 0;
};

class GrpcClassServer final : public ClassServer {
public:
  int Port() const override { return m_port; }
  void Wait() override { m_server->Wait(); }
  void Shutdown() override { m_server->Shutdown(); }

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
    library[f.stem().string()] = {f.stem().string(), f.string(), d->network, d->title, d->durationS};
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
  auto server = std::make_unique<GrpcClassServer>();
  server->service = std::make_unique<ClassService>(options, library);
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
  out << notes.str() << "library: " << library.size() << " drills in " << options.library << "\n"
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
