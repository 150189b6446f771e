#include "server/class-client.h"

#include "drill/drill-run.h"
#include "session/diagnose.h"
#include "twin/diagnostics.h"
#include "twin/write-file.h"
#include "wire/netdrill.grpc.pb.h"
#include "wire/tls.h"

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <mutex>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <sstream>
#include <thread>

namespace netdrill::server {

namespace fs = std::filesystem;

namespace {

constexpr int kOk = 0, kFailure = 1, kRefused = 2;

std::string KnownServersDir(const ConnectArgs& args) {
  if (!args.knownServers.empty()) return args.knownServers;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::string(xdg) + "/netdrill/servers";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.config/netdrill/servers";
  return ".netdrill-servers";
}

std::optional<std::string> ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// The channel: plaintext on loopback with --insecure, else TLS pinned to the given certificate, to the one
// saved at first use, or (trust on first use, said on screen) to the one the server shows now, then saved.
std::shared_ptr<grpc::Channel> Connect(const ConnectArgs& args, std::ostream& err) {
  if (args.insecure) {
    if (!wire::IsLoopback(args.address)) {
      err << "--insecure connects on loopback only, not " << args.address << "\n";
      return nullptr;
    }
    return wire::MakeChannel(args.address, "");
  }
  std::string pem;
  if (!args.serverCert.empty()) {
    const auto given = ReadText(args.serverCert);
    if (!given || wire::CertificateFingerprint(*given).empty()) {
      err << args.serverCert << ": not a PEM certificate (--server-cert)\n";
      return nullptr;
    }
    pem = *given;
  } else {
    std::string name = args.address;
    for (char& c : name) {
      if (c == ':' || c == '/' || c == '[' || c == ']') c = '_';
    }
    const std::string saved = KnownServersDir(args) + "/" + name + ".pem";
    if (const auto known = ReadText(saved)) {
      pem = *known;
    } else {
      std::string error;
      const auto shown = wire::FetchServerCertificate(args.address, error);
      if (!shown) {
        err << "cannot reach " << args.address << ": " << error << "\n";
        return nullptr;
      }
      pem = *shown;
      std::error_code ec;
      fs::create_directories(KnownServersDir(args), ec);
      const auto unsaved = twin::WriteWholeFile(saved, pem);
      err << "trusting " << args.address << " on first use: certificate " << wire::CertificateFingerprint(pem)
          << (unsaved ? " (not saved: " + *unsaved + ")" : " (saved in " + saved + ")")
          << "; compare it with what netdrill serve printed\n";
    }
  }
  return wire::MakeChannel(args.address, pem);
}

// A failed call, said in one line; PERMISSION_DENIED and the caller's own mistakes exit 2.
int Refused(const std::string& what, const grpc::Status& status, std::ostream& err) {
  std::string why = status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE)
    why = "the server is not reachable (" + why + "; a server started with a new certificate needs --server-cert)";
  err << what << ": " << why << "\n";
  switch (status.error_code()) {
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return kRefused;
    default:
      return kFailure;
  }
}

void Authorize(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
}

std::string InstructorToken(wire::Class::Stub& stub, const InstructorArgs& args, std::ostream& err, int& code) {
  if (!args.token.empty()) return args.token;
  std::string passphrase = args.passphrase;
  if (passphrase.empty()) {
    if (const char* env = std::getenv("NETDRILL_INSTRUCTOR_PASSPHRASE")) passphrase = env;
  }
  if (passphrase.empty()) {
    err << "the instructor's passphrase: --passphrase, or NETDRILL_INSTRUCTOR_PASSPHRASE\n";
    code = kRefused;
    return {};
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  wire::LoginRequest request;
  request.set_passphrase(passphrase);
  wire::LoginReply reply;
  const grpc::Status status = stub.Login(&context, request, &reply);
  if (!status.ok()) {
    code = Refused("login", status, err);
    return {};
  }
  return reply.token();
}

// The server's stub, made again on a new channel when the server went away (a restart resumes the session
// from its log): the watcher and the commands share it. A reconnection tries every 250 ms for 2 minutes and
// says so; it is over when the session answers again.
class Reconnecting {
public:
  Reconnecting(const ConnectArgs& args, std::shared_ptr<wire::Class::Stub> stub, std::string token, std::ostream& err)
      : m_args(args), m_stub(std::move(stub)), m_token(std::move(token)), m_err(err) {}
  std::shared_ptr<wire::Class::Stub> Stub() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stub;
  }
  static bool Lost(const grpc::Status& s) {
    return s.error_code() == grpc::StatusCode::UNAVAILABLE || s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
  }
  /// @brief A new stub once the session answers (its progress in `progress`); false when it did not in time.
  bool Again(const std::shared_ptr<wire::Class::Stub>& failed, wire::Progress& progress) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    if (m_stub != failed) return Probe(*m_stub, progress);  // the other thread has reconnected already
    m_err << "the server at " << m_args.address << " is not answering: reconnecting (for up to 2 minutes)\n";
    while (std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      std::ostringstream quiet;
      const auto channel = Connect(m_args, quiet);
      if (!channel) return false;
      auto stub = wire::Class::NewStub(channel);
      if (Probe(*stub, progress)) {
        m_stub = std::move(stub);
        m_err << "reconnected: session resumes at " << session::FormatClock(progress.sim_seconds()) << "\n";
        return true;
      }
    }
    return false;
  }

private:
  bool Probe(wire::Class::Stub& stub, wire::Progress& progress) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + m_token);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    wire::AdvanceReply reply;
    if (!stub.Advance(&context, wire::AdvanceRequest(), &reply).ok()) return false;
    progress = reply.progress();
    return true;
  }
  const ConnectArgs& m_args;
  std::mutex m_mutex;
  std::shared_ptr<wire::Class::Stub> m_stub;
  std::string m_token;
  std::ostream& m_err;
};

// A paced drill (no script): the server runs its clock; its snapshots stream in on a thread of their own, the
// trainee's commands come from `in` (at its end the drill is finished and scored), or nothing comes for
// `--for` seconds and what was seen is summed up (a load test's client). If the server goes away, both
// reconnect by themselves and go on where the session is.
int PlayPaced(const JoinArgs& args, std::shared_ptr<wire::Class::Stub> first, const wire::JoinReply& joined, std::ostream& out,
              std::ostream& err) {
  Reconnecting link(args.connect, std::move(first), joined.token(), err);
  std::mutex mutex;
  std::vector<double> deliveryMs;
  wire::Progress last;
  bool ended = false, stopping = false, gaveUp = false;
  grpc::ClientContext* watching = nullptr;  // the current stream's, to cancel it (under `mutex`)
  const auto wallStart = std::chrono::steady_clock::now();
  std::thread watcher([&] {
    std::string instance;
    std::uint64_t seq = 0;
    for (;;) {
      const auto stub = link.Stub();
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + joined.token());
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stopping || ended) return;
        watching = &context;
      }
      wire::WatchRequest request;
      request.set_after_seq(seq);
      request.set_instance(instance);
      auto reader = stub->Watch(&context, request);
      wire::Snapshot snap;
      while (reader->Read(&snap)) {
        const auto nowUs = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
        instance = snap.instance();
        seq = snap.seq();
        std::lock_guard<std::mutex> lock(mutex);
        deliveryMs.push_back(static_cast<double>(nowUs - snap.produced_unix_us()) / 1000.0);
        last = snap.progress();
        if (!args.json) {
          for (const wire::Answer& a : snap.answers())
            out << session::FormatClock(a.at_s()) << "  " << a.command() << "\n" << a.text() << "\n" << std::flush;
        }
        if (snap.progress().ended()) ended = true;
      }
      const grpc::Status status = reader->Finish();
      {
        std::lock_guard<std::mutex> lock(mutex);
        watching = nullptr;
        if (stopping || ended) return;
      }
      wire::Progress progress;
      if (status.ok() || !Reconnecting::Lost(status) || !link.Again(stub, progress)) {
        if (status.ok()) {  // the stream ended (a server stopping, a session finishing): watch again, unhurried
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          continue;
        }
        std::lock_guard<std::mutex> lock(mutex);
        gaveUp = true;
        return;
      }
    }
  });
  auto stopWatching = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
      if (watching) watching->TryCancel();
    }
    watcher.join();
  };
  if (args.forS > 0) {
    const auto until = wallStart + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::chrono::duration<double>(args.forS));
    while (std::chrono::steady_clock::now() < until) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (ended || gaveUp) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stopWatching();
    const double wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    std::vector<double> sorted = deliveryMs;
    std::sort(sorted.begin(), sorted.end());
    auto quantile = [&](double q) { return sorted.empty() ? 0.0 : sorted[static_cast<std::size_t>(q * double(sorted.size() - 1))]; };
    const nlohmann::json summary = {{"trainee", args.trainee}, {"session", joined.session()}, {"wall_s", wallS},
                                    {"sim_s", last.sim_seconds()}, {"snapshots", deliveryMs.size()},
                                    {"delivery_ms_p50", quantile(0.5)}, {"delivery_ms_p95", quantile(0.95)},
                                    {"ended", ended}, {"score", last.score()}};
    out << summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (gaveUp) err << "the server did not come back\n";
    return gaveUp ? kFailure : kOk;
  }
  // A call that the server's going away interrupts is made again once it is back; a command it had taken
  // (the session holds more of the trainee's commands than were answered) is not given twice.
  int taken = 0;
  auto call = [&](auto&& rpc) -> grpc::Status {
    for (;;) {
      const auto stub = link.Stub();
      grpc::ClientContext context;
      Authorize(context, joined.token());
      const grpc::Status status = rpc(*stub, context);
      wire::Progress progress;
      if (!Reconnecting::Lost(status)) return status;
      if (!link.Again(stub, progress)) return status;
      if (progress.submitted() > taken) return grpc::Status::OK;  // it went in before the server went away
    }
  };
  std::istream& in = args.in ? *args.in : std::cin;
  for (std::string line; !ended && std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    wire::SubmitRequest request;
    request.mutable_command()->set_line(line);
    wire::SubmitReply reply;
    const grpc::Status status = call([&](wire::Class::Stub& stub, grpc::ClientContext& context) {
      reply.Clear();
      reply.set_accepted(true);  // kept if the server took it and went away before answering
      return stub.Submit(&context, request, &reply);
    });
    if (!status.ok()) {
      stopWatching();
      return Refused("submit", status, err);
    }
    if (reply.accepted()) ++taken;
    else err << line << ": " << reply.error() << "\n";
  }
  // The end of the commands: the drill is finished (the rest of it at full speed) and scored.
  wire::FinishReply finished;
  const grpc::Status status = call([&](wire::Class::Stub& stub, grpc::ClientContext& context) {
    return stub.Finish(&context, wire::FinishRequest(), &finished);
  });
  stopWatching();
  if (!status.ok()) return Refused("finish", status, err);
  if (args.json) out << finished.result_json() << '\n';
  else out << "score " << std::fixed << std::setprecision(1) << finished.score() << " of 100\n";
  return kOk;
}

// Connects, logs in as the instructor (InstructorToken) and makes one instructor call with the token:
// kOk, or the code of whatever refused it (said on `err`).
template <class Request, class Reply>
int InstructorCall(const InstructorArgs& args, const char* what,
                   grpc::Status (wire::Class::Stub::*call)(grpc::ClientContext*, const Request&, Reply*),
                   const Request& request, Reply& reply, std::ostream& err) {
  const auto channel = Connect(args.connect, err);
  if (!channel) return kRefused;
  const auto stub = wire::Class::NewStub(channel);
  int code = kOk;
  const std::string token = InstructorToken(*stub, args, err, code);
  if (token.empty()) return code;
  grpc::ClientContext context;
  Authorize(context, token);
  const grpc::Status rpc = ((*stub).*call)(&context, request, &reply);
  return rpc.ok() ? kOk : Refused(what, rpc, err);
}

}  // namespace

int ClassJoinCommand(const JoinArgs& args, std::ostream& out, std::ostream& err) {
  auto channel = Connect(args.connect, err);
  if (!channel) return kRefused;
  auto stub = wire::Class::NewStub(channel);
  wire::JoinRequest join;
  join.set_trainee(args.trainee);
  join.set_drill(args.drill);
  join.set_seed(args.seed);
  join.set_seat(args.seat);
  join.set_team(args.team);
  join.set_lang(args.lang);
  join.set_assist(args.assist);
  join.set_scripted(!args.actions.empty());
  wire::JoinReply joined;
  // A name in use waits for the instructor's approval: asked again every 2 s, for as long as the trainee waits
  // (a person: 5 minutes; a script: --wait-approval).
  const double waitApprovalS = args.waitApprovalS >= 0 ? args.waitApprovalS : (args.actions.empty() ? 300.0 : 0.0);
  const auto approvalDeadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(waitApprovalS * 1000));
  for (bool said = false;;) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
    const grpc::Status status = stub->Join(&context, join, &joined);
    if (status.ok()) break;
    const bool awaiting = status.error_code() == grpc::StatusCode::ALREADY_EXISTS &&
                          status.error_message().find("waiting for the instructor's approval") != std::string::npos;
    if (!awaiting || std::chrono::steady_clock::now() >= approvalDeadline) return Refused("join", status, err);
    if (!said) err << "join: " << status.error_message() << "\n";
    said = true;
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
  err << "joined " << args.connect.address << " as " << args.trainee << ": " << joined.drill() << " (" << joined.title()
      << "), seed " << args.seed << ", session " << joined.session() << ", token " << joined.token() << "\n";
  if (args.actions.empty()) return PlayPaced(args, std::shared_ptr<wire::Class::Stub>(std::move(stub)), joined, out, err);
  std::vector<drill::ScriptedAction> actions;
  if (!args.actions.empty()) {
    twin::Diagnostics diags;
    auto loaded = drill::LoadActions(args.actions, joined.duration_s(), diags);
    if (loaded && joined.seats_size() > 0) {
      // A team's seat plays its own lines of the file (and the instructor's): one file serves every seat.
      drill::Drill team;
      team.id = joined.drill();
      for (const std::string& seat : joined.seats()) team.seats.push_back(session::ParseSeat(seat).value_or(session::Seat::None));
      if (!drill::CheckActionSeats(team, *loaded, args.actions, diags, session::ParseSeat(args.seat).value_or(session::Seat::None)))
        loaded.reset();
    }
    diags.Print(err);
    if (!loaded) return kRefused;
    actions = *loaded;
  }
  auto advance = [&](double until, wire::Progress* progress, std::chrono::seconds limit) -> grpc::Status {
    grpc::ClientContext context;
    Authorize(context, joined.token());
    context.set_deadline(std::chrono::system_clock::now() + limit);
    wire::AdvanceRequest request;
    request.set_until_s(until);
    wire::AdvanceReply reply;
    const grpc::Status status = stub->Advance(&context, request, &reply);
    if (!status.ok()) return status;
    if (progress) *progress = reply.progress();
    if (!args.json) {
      for (const wire::Answer& a : reply.answers()) out << session::FormatClock(a.at_s()) << "  " << a.command() << "\n" << a.text() << "\n";
    }
    return status;
  };
  // The scripted trainee: the clock runs to each action's time, the action goes in, on to the end. After a
  // reconnection the session says how many of the trainee's commands it holds, and the script goes on after them.
  std::vector<std::size_t> accepted;  // the actions the server took, in order
  std::size_t inFlight = 0;
  wire::FinishReply finished;
  auto play = [&]() -> grpc::Status {
    wire::Progress progress;
    grpc::Status status = advance(0.0, &progress, std::chrono::seconds(60));
    if (!status.ok()) return status;
    const auto held = static_cast<std::size_t>(std::max(0, progress.submitted()));
    if (held > accepted.size()) accepted.push_back(inFlight);  // taken, but its answer was lost with the server
    accepted.resize(std::min(held, accepted.size()));
    for (std::size_t i = accepted.empty() ? 0 : accepted.back() + 1; i < actions.size(); ++i) {
      const drill::ScriptedAction& a = actions[i];
      if (args.waitMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(args.waitMs));
      status = advance(a.atS, nullptr, std::chrono::minutes(10));
      if (!status.ok()) return status;
      grpc::ClientContext context;
      Authorize(context, joined.token());
      wire::SubmitRequest request;
      request.mutable_command()->set_line(a.command);
      request.set_at_s(a.atS);
      wire::SubmitReply reply;
      inFlight = i;
      status = stub->Submit(&context, request, &reply);
      if (!status.ok()) return status;
      if (reply.accepted()) accepted.push_back(i);
      else err << session::FormatClock(a.atS) << "  " << a.command << ": " << reply.error() << "\n";
    }
    grpc::ClientContext context;
    Authorize(context, joined.token());
    return stub->Finish(&context, wire::FinishRequest(), &finished);
  };
  const auto giveUpAfter = std::chrono::minutes(2);
  for (grpc::Status status = play(); !status.ok(); status = play()) {
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE && status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED)
      return Refused("class join", status, err);
    // The server went away: wait for it (a restarted server resumes the session from its log), and say so.
    err << "the server at " << args.connect.address << " is not answering: reconnecting (for up to 2 minutes)\n";
    const auto until = std::chrono::steady_clock::now() + giveUpAfter;
    wire::Progress progress;
    grpc::Status back;
    do {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      // A new channel each time: a fresh connection now, not after the old channel's backoff.
      channel = Connect(args.connect, err);
      if (!channel) return kRefused;
      stub = wire::Class::NewStub(channel);
      back = advance(0.0, &progress, std::chrono::seconds(5));
    } while ((back.error_code() == grpc::StatusCode::UNAVAILABLE || back.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) &&
             std::chrono::steady_clock::now() < until);
    if (!back.ok()) return Refused("class join", back, err);
    err << "reconnected: session " << joined.session() << " resumes at " << session::FormatClock(progress.sim_seconds())
        << "\n";
  }
  if (args.json) {
    out << finished.result_json() << '\n';
  } else {
    out << "score " << std::fixed << std::setprecision(1) << finished.score() << " of 100, fingerprint " << std::hex
        << std::setw(16) << std::setfill('0') << finished.fingerprint() << std::dec << std::setfill(' ') << "\n";
  }
  if (finished.record() > 0) err << "kept as record " << finished.record() << " on the server\n";
  return kOk;
}

int ClassStatusCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err) {
  wire::ClassStatus status;
  if (const int code = InstructorCall(args, "status", &wire::Class::Stub::Status, wire::StatusRequest(), status, err))
    return code;
  if (args.json) {
    nlohmann::json trainees = nlohmann::json::array();
    for (const wire::TraineeStatus& t : status.trainees()) {
      trainees.push_back({{"name", t.name()},
                          {"drill", t.drill()},
                          {"seed", t.seed()},
                          {"seat", t.seat()},
                          {"team", t.team()},
                          {"session", t.session()},
                          {"sim_seconds", t.sim_seconds()},
                          {"score", t.score()},
                          {"objectives_met", t.objectives_met()},
                          {"last_action", t.last_action()},
                          {"flags", std::vector<std::string>(t.flags().begin(), t.flags().end())},
                          {"finished", t.finished()}});
    }
    out << nlohmann::json{{"trainees", trainees},
                          {"awaiting_approval", std::vector<std::string>(status.awaiting_approval().begin(),
                                                                         status.awaiting_approval().end())}}
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return kOk;
  }
  out << std::left << std::setw(20) << "TRAINEE" << std::setw(26) << "DRILL" << std::setw(6) << "SEED" << std::setw(13)
      << "TIME" << std::setw(7) << "SCORE" << std::setw(5) << "MET" << "FLAGS / LAST ACTION\n";
  for (const wire::TraineeStatus& t : status.trainees()) {
    std::string flags;
    for (const std::string& f : t.flags()) flags += (flags.empty() ? "" : ",") + f;
    out << std::left << std::setw(20) << t.name() << std::setw(26) << t.drill() << std::setw(6) << t.seed() << std::setw(13)
        << (session::FormatClock(t.sim_seconds()) + (t.finished() ? " end" : "")) << std::setw(7) << std::fixed
        << std::setprecision(0) << t.score() << std::setw(5) << t.objectives_met() << (flags.empty() ? "" : "[" + flags + "] ")
        << t.last_action() << "\n";
  }
  out << status.trainees_size() << " trainees\n";
  for (const std::string& name : status.awaiting_approval())
    out << "awaiting approval: \"" << name << "\" (in use; class approve --trainee NAME [--refuse])\n";
  return kOk;
}

int ClassInjectCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err) {
  wire::InjectRequest request;
  request.set_trainee(args.trainee);
  request.set_all(args.all);
  request.set_command(args.command);
  wire::InjectReply reply;
  if (const int code = InstructorCall(args, "inject", &wire::Class::Stub::Inject, request, reply, err)) return code;
  for (const std::string& e : reply.errors()) err << "inject: " << e << "\n";
  out << "injected \"" << args.command << "\" into " << reply.sessions() << " drill" << (reply.sessions() == 1 ? "" : "s")
      << "\n";
  return reply.errors_size() == 0 ? kOk : kRefused;
}

int ClassApproveCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err) {
  wire::ApproveRequest request;
  request.set_trainee(args.trainee);
  request.set_refuse(args.refuse);
  wire::ApproveReply reply;
  if (const int code = InstructorCall(args, "approve", &wire::Class::Stub::Approve, request, reply, err)) return code;
  out << (args.refuse ? "refused" : "approved") << " the name \"" << args.trainee << "\"\n";
  return kOk;
}

int ClassExportCommand(const InstructorArgs& args, const std::string& file, std::ostream& out, std::ostream& err) {
  wire::ExportRequest request;
  request.set_trainee(args.trainee);
  request.set_drill(args.drill);
  wire::ExportReply reply;
  if (const int code = InstructorCall(args, "export", &wire::Class::Stub::Export, request, reply, err)) return code;
  if (file.empty()) {
    out << reply.csv();
    return kOk;
  }
  if (const auto failed = twin::WriteWholeFile(file, reply.csv())) {
    err << "export: cannot write " << file << ": " << *failed << "\n";
    return kFailure;
  }
  const auto lines = std::count(reply.csv().begin(), reply.csv().end(), '\n');
  err << "wrote " << file << " (" << (lines > 0 ? lines - 1 : 0) << " objective rows)\n";
  return kOk;
}

int ClassDrillsCommand(const ConnectArgs& args, std::ostream& out, std::ostream& err) {
  const auto channel = Connect(args, err);
  if (!channel) return kRefused;
  const auto stub = wire::Class::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  wire::DrillList list;
  const grpc::Status rpc = stub->ListDrills(&context, wire::ListDrillsRequest(), &list);
  if (!rpc.ok()) return Refused("drills", rpc, err);
  for (const wire::DrillInfo& d : list.drills()) {
    out << std::left << std::setw(32) << d.id() << std::setw(10) << session::FormatClock(d.duration_s()) << std::setw(22)
        << d.network() << d.title() << "\n";
  }
  out << list.drills_size() << " drills\n";
  return kOk;
}

}  // namespace netdrill::server
