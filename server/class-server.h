// `netdrill serve`: one process that hosts a class's drills. Each trainee's drill
// runs in a worker process of its own (server/worker-process.h); the server
// authenticates every call (server/class-auth.h), brokers commands, journals
// each session in its data folder and keeps the results in its records.
#pragma once

#include <memory>
#include <ostream>
#include <string>

namespace netdrill::server {

struct ServeOptions {
  std::string listen = "127.0.0.1:7420";  ///< HOST:PORT; port 0 picks a free one
  std::string library;     ///< the drills (*.yaml); "" : the library beside the executable
  std::string dataDir;     ///< certificate, key, journals; "" : $XDG_DATA_HOME/netdrill/server
  std::string db;          ///< the records; "" : DATA/records.sqlite
  std::string tlsCert, tlsKey;  ///< "" : DATA/server-cert.pem, server-key.pem (made at first start)
  bool insecure = false;   ///< plaintext (loopback only)
  bool allowScripted = false;   ///< scripted clients may name a drill's {picks} (tests, benches)
  std::string passphrase;  ///< the instructor's ("" : instructor calls are off)
  std::string workerExe;   ///< "" : this executable
};

class ClassServer {
public:
  /// @brief Checks the options, loads the library, listens; null and why when it cannot.
  /// Prints "listening on HOST:PORT" first, then the certificate's fingerprint.
  static std::unique_ptr<ClassServer> Start(const ServeOptions& options, std::ostream& out, std::string& error);
  virtual ~ClassServer() = default;
  virtual int Port() const = 0;
  /// @brief Blocks until Shutdown (from another thread or a signal handler's thread).
  virtual void Wait() = 0;
  virtual void Shutdown() = 0;
};

/// @brief `netdrill serve`: runs the server until SIGINT or SIGTERM.
int ServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace netdrill::server
