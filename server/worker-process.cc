#include "server/worker-process.h"

#include "wire/framing.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace netdrill::server {

namespace {

// A pipe whose ends are above the descriptors the worker expects (3, 4) and close on exec.
bool HighPipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  for (int k = 0; k < 2; ++k) {
    if (fds[k] > 4) continue;
    const int moved = ::fcntl(fds[k], F_DUPFD_CLOEXEC, 10);
    ::close(fds[k]);
    if (moved < 0) return false;
    fds[k] = moved;
  }
  return true;
}

}  // namespace

std::string SelfExecutable() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("netdrill");
}

std::unique_ptr<WorkerProcess> WorkerProcess::Spawn(const std::string& exe, std::string& error) {
  int request[2], reply[2];
  if (!HighPipe(request)) {
    error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  if (!HighPipe(reply)) {
    error = std::string("pipe: ") + std::strerror(errno);
    ::close(request[0]);
    ::close(request[1]);
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, request[0], 3);  // the worker reads its requests on 3
  posix_spawn_file_actions_adddup2(&actions, reply[1], 4);    // and writes its replies on 4
  posix_spawn_file_actions_adddup2(&actions, 2, 1);           // what ns-3 prints goes to the server's stderr
  // Nothing else of the server's: a worker left behind by a killed server must not hold its listening socket.
  posix_spawn_file_actions_addclosefrom_np(&actions, 5);
  std::string arg0 = exe, arg1 = "class", arg2 = "worker";
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(request[0]);
  ::close(reply[1]);
  if (rc != 0) {
    error = "cannot start a worker (" + exe + "): " + std::strerror(rc);
    ::close(request[1]);
    ::close(reply[0]);
    return nullptr;
  }
  return std::unique_ptr<WorkerProcess>(new WorkerProcess(pid, request[1], reply[0]));
}

WorkerProcess::~WorkerProcess() {
  ::close(m_to);
  ::close(m_from);
  // The worker ends when its pipe closes; one that does not within two seconds is killed.
  for (int i = 0; i < 200; ++i) {
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid || (r < 0 && errno == ECHILD)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(m_pid, SIGKILL);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
}

std::optional<wire::WorkerReply> WorkerProcess::Call(const wire::WorkerRequest& request, std::string& error) {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_dead) {
    error = "the drill's worker process is gone";
    return std::nullopt;
  }
  wire::WorkerReply reply;
  if (!wire::WriteFrame(m_to, request) || !wire::ReadFrame(m_from, reply, error)) {
    m_dead = true;
    error = "the drill's worker process ended (" + (error.empty() ? std::string("its pipe closed") : error) + ")";
    return std::nullopt;
  }
  return reply;
}

}  // namespace netdrill::server
