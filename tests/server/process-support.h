// Real processes for the class tests: the server started in the background (its
// first line read), clients run to their end with what they printed.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace netdrill::test {

struct Finished {
  int code = -1;
  std::string out, err;
};

/// @brief A process started with its stdout and stderr in files (`stem`.out, `stem`.err).
class Process {
public:
  Process(const std::vector<std::string>& args, const std::string& stem, const std::vector<std::string>& env = {},
          const std::string& input = "")
      : m_stem(stem) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, input.empty() ? "/dev/null" : input.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, (stem + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (stem + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> argStore = args;
    std::vector<char*> argv;
    for (std::string& a : argStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) envStore.emplace_back(*e);
    for (const std::string& e : env) envStore.push_back(e);
    std::vector<char*> envp;
    for (std::string& e : envStore) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int rc = posix_spawn(&m_pid, argStore[0].c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
  }
  ~Process() {
    if (m_pid > 0 && !m_reaped) {
      ::kill(m_pid, SIGKILL);
      int status = 0;
      ::waitpid(m_pid, &status, 0);
    }
  }
  /// @brief Waits (at most `limit`) for it to end; code -1 when it had to be killed.
  Finished Wait(std::chrono::seconds limit = std::chrono::seconds(300)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    Finished f;
    int status = 0;
    while (true) {
      const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
      if (r == m_pid) {
        m_reaped = true;
        f.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      if (std::chrono::steady_clock::now() > until) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &status, 0);
        m_reaped = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    f.out = Read(".out");
    f.err = Read(".err");
    return f;
  }
  /// @brief The first line it printed, waiting for it (at most `limit`); "" if none came.
  std::string FirstLine(std::chrono::seconds limit = std::chrono::seconds(60)) const {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      const std::string out = Read(".out");
      if (const auto nl = out.find('\n'); nl != std::string::npos) return out.substr(0, nl);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return {};
  }
  void Signal(int sig) const { ::kill(m_pid, sig); }
  std::string Read(const std::string& ext) const {
    std::ifstream f(m_stem + ext);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }

private:
  std::string m_stem;
  pid_t m_pid = 0;
  bool m_reaped = false;
};

inline Finished RunProcess(const std::vector<std::string>& args, const std::string& stem,
                           const std::vector<std::string>& env = {}) {
  return Process(args, stem, env).Wait();
}

}  // namespace netdrill::test
