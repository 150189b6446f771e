// A class server for the tests: `netdrill serve` in a folder of its own, on a
// free port (TLS, its own certificate, the instructor's passphrase), and the
// command lines of clients that pin its certificate.
#pragma once

#include "tests/server/process-support.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace netdrill::test {

inline const std::string kNetdrill = NETDRILL_BINARY;

// A server in a folder of its own, on a free port, with the instructor's passphrase.
struct Class {
  explicit Class(const std::string& name) : dir(std::filesystem::absolute(name).string()) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Serve("127.0.0.1:0");
  }
  // The server again, on the same data folder and port (after a kill).
  void Restart() {
    server->Wait(std::chrono::seconds(20));
    Serve(address);
  }
  void Serve(const std::string& listen) {
    ++starts;
    server = std::make_unique<Process>(
        std::vector<std::string>{kNetdrill, "serve", "--listen", listen, "--data", dir + "/data", "--allow-scripted"},
        dir + "/server-" + std::to_string(starts), std::vector<std::string>{"NETDRILL_INSTRUCTOR_PASSPHRASE=class-test"});
    const std::string first = server->FirstLine();
    INFO(server->Read(".err"));
    REQUIRE(first.rfind("listening on 127.0.0.1:", 0) == 0);
    address = first.substr(std::string("listening on ").size());
    REQUIRE(address.size() > std::string("127.0.0.1:").size());
  }
  ~Class() {
    if (server) {
      server->Signal(SIGTERM);
      server->Wait(std::chrono::seconds(20));
    }
  }
  // A client, pinning the server's certificate or trusting it on first use (its own config folder).
  std::vector<std::string> Client(std::vector<std::string> args, bool pin = true) const {
    args.insert(args.begin(), kNetdrill);
    args.insert(args.begin() + 3, address);
    if (pin) {
      args.push_back("--server-cert");
      args.push_back(dir + "/data/server-cert.pem");
    }
    return args;
  }
  std::vector<std::string> Env() const { return {"XDG_CONFIG_HOME=" + dir + "/config"}; }

  std::string dir, address;
  std::unique_ptr<Process> server;
  int starts = 0;
};

inline std::string Token(const std::string& err) {
  const auto at = err.find("token ");
  return at == std::string::npos ? std::string() : err.substr(at + 6, 32);
}


}  // namespace netdrill::test
