// The server's side of a worker: the process (posix_spawn of this executable's
// `class worker`, never fork: gRPC's threads are running) and the pipe to it.
#pragma once

#include "wire/netdrill.pb.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>

namespace netdrill::server {

class WorkerProcess {
public:
  /// @brief Starts `exe class worker`; null and why when it cannot.
  static std::unique_ptr<WorkerProcess> Spawn(const std::string& exe, std::string& error);
  ~WorkerProcess();  ///< closes the pipe (the worker ends), then reaps it, killing it if it lingers
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  /// @brief One request, its reply; nullopt and why when the worker is gone. Any thread: calls take turns.
  std::optional<wire::WorkerReply> Call(const wire::WorkerRequest& request, std::string& error);
  pid_t Pid() const { return m_pid; }

private:
  WorkerProcess(pid_t pid, int toWorker, int fromWorker) : m_pid(pid), m_to(toWorker), m_from(fromWorker) {}
  pid_t m_pid;
  int m_to, m_from;
  std::mutex m_mutex;
  bool m_dead = false;
};

/// @brief The path of the running executable (/proc/self/exe), for spawning its workers.
std::string SelfExecutable();

}  // namespace netdrill::server
