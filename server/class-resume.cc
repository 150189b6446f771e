// ClassService: after a restart, every session its log holds, resumed at its last tick.
#include "server/class-service.h"

#include "session/diagnose.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace netdrill::server {

namespace fs = std::filesystem;

void ClassService::Resume(std::ostream& out) {
  std::error_code ec;
  std::vector<std::pair<int, fs::path>> logs;
  for (const auto& entry : fs::directory_iterator(m_options.dataDir + "/sessions", ec)) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".log" || stem.rfind("S-", 0) != 0) continue;
    const int number = std::atoi(stem.c_str() + 2);
    if (number > 0) logs.emplace_back(number, entry.path());
  }
  std::sort(logs.begin(), logs.end());
  for (const auto& [number, path] : logs) {
    m_lastSession = std::max(m_lastSession, number);
    SessionLogContents contents;
    std::string error;
    auto session = std::make_shared<ClassSession>();
    session->log = SessionLog::Reopen(path.string(), m_key, contents, error);
    const SessionManifest& m = contents.manifest;
    if (!session->log) {
      out << "resume: " << error << "\n";
      if (!m.token.empty())
        m_tokens.Revoke(m.token, "your session's log on the server was edited: it is not trusted (the instructor has the details)");
      continue;
    }
    session->manifest = m;
    for (const LoggedCommand& c : contents.commands) {
      if (c.role == "trainee") ++session->submitted;
    }
    if (!m.team.empty()) {
      // A team's session: its seats again, each with its token and the commands it gave.
      const auto d = m_library.find(m.drill);
      session->team = std::make_unique<TeamSeats>(m.team, d == m_library.end() ? std::vector<session::Seat>{} : d->second.seats);
      for (const SeatJoined& j : contents.seats) {
        const auto seat = session::ParseSeat(j.seat);
        if (!seat || !session->team->Join(*seat, j.trainee, j.token).empty()) continue;
        m_tokens.Restore(j.token, {false, j.trainee, m.id, *seat});
        SeatMember* member = session->team->Member(*seat);
        for (const LoggedCommand& c : contents.commands) {
          if (c.role == "trainee" && c.seat == j.seat) ++member->submitted;
        }
      }
    }
    if (contents.result) {
      wire::FinishReply r;
      r.set_result_json(contents.result->resultJson);
      r.set_score(contents.result->score);
      r.set_fingerprint(contents.result->fingerprint);
      r.set_record(contents.result->record);
      session->result = r;
      session->finished = true;
      session->progress.set_sim_seconds(contents.lastTickS);
      session->progress.set_score(r.score());
      session->lastAction = contents.commands.empty() ? "" : contents.commands.back().command;
    } else {
      // The drill again from its start: its commands at the times they went in, to the last tick it reached.
      const auto started = StartWorker(*session, error);
      if (!started) {
        out << "resume: " << m.id << " (" << m.trainee << "): " << error << "\n";
        continue;
      }
      session->joined = *started;
      bool replayed = true;
      for (const LoggedCommand& c : contents.commands) {
        wire::WorkerRequest call;
        call.set_role(c.role);
        call.set_seat(c.seat);
        call.mutable_submit()->mutable_command()->set_line(c.command);
        call.mutable_submit()->set_at_s(c.atS);
        const auto answer = session->worker->Call(call, error);
        if (!answer || !answer->submitted().accepted()) {
          replayed = false;
          break;
        }
        if (c.role == "trainee") {
          session->commands.push_back(answer->submitted().text());
          session->lastAction = answer->submitted().text();
          const auto seat = session::ParseSeat(c.seat);
          if (SeatMember* member = session->team && seat ? session->team->Member(*seat) : nullptr) {
            member->commands.push_back(answer->submitted().text());
            member->lastAction = answer->submitted().text();
          }
        }
      }
      wire::WorkerRequest advance;
      advance.set_role("trainee");
      advance.mutable_advance()->set_until_s(contents.lastTickS);
      auto advanced = replayed ? session->worker->Call(advance, error) : std::nullopt;
      // A paced session's worker stops at each change of pace: on to the tick it had reached.
      while (advanced && !advanced->advanced().progress().ended() &&
             advanced->advanced().progress().sim_seconds() + 1e-9 < contents.lastTickS) {
        advanced = session->worker->Call(advance, error);
      }
      if (!advanced) {
        out << "resume: " << m.id << " (" << m.trainee << "): its commands do not replay" << (error.empty() ? "" : ": " + error)
            << "\n";
        continue;
      }
      session->progress = advanced->advanced().progress();
      session->progress.set_submitted(session->submitted);
      session->speed = session->progress.speed();
      if (!m.scripted) StartPacer(session);
    }
    if (!session->team) m_tokens.Restore(m.token, {false, m.trainee, m.id});
    out << "resumed " << m.id << " (" << m.trainee << ", " << m.drill << " seed " << m.seed << ") "
        << (session->finished ? "finished" : "at " + session::FormatClock(session->progress.sim_seconds())) << "\n";
    m_sessions[m.id] = std::move(session);
  }
}

}  // namespace netdrill::server
