#include "server/class-server.h"

#include "drill/drill.h"
#include "server/class-service.h"
#include "session/secrets.h"
#include "twin/diagnostics.h"
#include "wire/tls.h"

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

namespace netdrill::server {

namespace fs = std::filesystem;

namespace {

std::string DefaultDataDir() { return session::LocalDataDir() + "/server"; }

// The drill library beside the executable: an installed one's, then a build tree's.
std::string DefaultLibrary() {
  const fs::path exe = fs::path(SelfExecutable()).parent_path();
  for (const fs::path& p : {exe / "../share/netdrill/scenarios", exe / "../scenarios", exe / "scenarios"}) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
  }
  return "scenarios";
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
