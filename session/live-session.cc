#include "session/live-session.h"

#include <chrono>

namespace netdrill::session {

using Clock = std::chrono::steady_clock;

LiveSession::LiveSession(std::unique_ptr<Session> session, double speed, StepHooks hooks)
    : m_session(std::move(session)), m_hooks(std::move(hooks)), m_speed(speed) {
  m_session->SetSpeedShown(speed);
  m_thread = std::thread([this] { Run(); });
}

LiveSession::~LiveSession() { Stop(); }

void LiveSession::Stop() {
  m_stop = true;
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

Session::Submitted LiveSession::Submit(const std::string& line, Role role) {
  auto r = m_session->Submit(line, role);
  m_wake.notify_all();  // a speed change, or a command to apply while the clock waits
  return r;
}

Session::Submitted LiveSession::Submit(Command command) {
  auto r = m_session->Submit(std::move(command));
  m_wake.notify_all();
  return r;
}

void LiveSession::Run() {
  // Pacing: simulated time since `simBase` should equal wall time since
  // `wallBase` times the speed. A slow step is simply late: the next one does
  // not wait, and nothing else waits for either.
  auto wallBase = Clock::now();
  double simBase = m_session->Now();
  while (!m_stop) {
    if (auto request = m_session->TakeSpeedRequest()) {
      m_speed = *request;
      m_session->SetSpeedShown(*request);
      wallBase = Clock::now();
      simBase = m_session->Now();
    }
    if (const double at = m_pauseAt.load(); at >= 0 && m_session->Now() + 1e-9 >= at) {
      m_pauseAt = -1.0;
      m_speed = 0.0;
      m_session->SetSpeedShown(0.0);
    }
    const double speed = m_speed.load();
    if (speed <= 0 || m_session->Ended()) {
      std::unique_lock<std::mutex> lock(m_wakeMutex);
      m_wake.wait_for(lock, std::chrono::milliseconds(20));
      wallBase = Clock::now();
      simBase = m_session->Now();
      continue;
    }
    if (m_hooks.before) m_hooks.before();
    m_session->Step();
    if (m_hooks.after) m_hooks.after();
    if (speed >= 1e9) continue;
    const auto due = wallBase + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>((m_session->Now() - simBase) / speed));
    std::unique_lock<std::mutex> lock(m_wakeMutex);
    m_wake.wait_until(lock, due, [this] { return m_stop.load(); });
  }
}

}  // namespace netdrill::session
