// A session paced against the wall clock on a thread of its own: paused, at one of
// PaceSpeeds() (1x to 60x) or as fast as it goes. Commands from any thread wait for the
// next tick of simulated time; readers take the latest snapshot without
// waiting for a slow step. The console and an interactive `netdrill session` use it.
#pragma once

#include "session/session.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace netdrill::session {

/// @brief Work done on the session's thread around each step (a drill's injects and scoring).
struct StepHooks {
  std::function<void()> before;
  std::function<void()> after;
};

class LiveSession {
public:
  /// `speed`: 0 starts paused; 1e9 or more: as fast as it goes.
  LiveSession(std::unique_ptr<Session> session, double speed, StepHooks hooks = {});
  ~LiveSession();  ///< stops the thread and waits for it
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  Session::Submitted Submit(const std::string& line, Role role);
  Session::Submitted Submit(Command command);
  std::shared_ptr<const Snapshot> Latest() const { return m_session->Latest(); }
  std::vector<Answer> TakeAnswers() { return m_session->TakeAnswers(); }
  double Speed() const { return m_speed.load(); }
  /// @brief Pauses the clock when simulated time reaches `t`, exactly on its tick (a negative `t` cancels).
  void PauseAt(double t) {
    m_pauseAt = t;
    m_wake.notify_all();
  }
  /// @brief Stops the thread; the session stays readable.
  void Stop();
  /// @brief The session, for a reader on another thread: only its thread-safe members.
  Session& GetSession() { return *m_session; }

private:
  void Run();
  std::unique_ptr<Session> m_session;
  StepHooks m_hooks;
  std::atomic<double> m_speed;
  std::atomic<double> m_pauseAt{-1.0};
  std::atomic<bool> m_stop{false};
  std::mutex m_wakeMutex;
  std::condition_variable m_wake;
  std::thread m_thread;
};

}  // namespace netdrill::session
