#include "server/session-log.h"

#include "server/class-auth.h"
#include "session/journal-seal.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <sys/stat.h>

namespace netdrill::server {

using nlohmann::json;

SessionLog::SessionLog(const std::string& path, std::string key, std::string lastMac, bool append)
    : m_out(path, append ? std::ios::app : std::ios::trunc), m_key(std::move(key)), m_lastMac(std::move(lastMac)) {}

void SessionLog::Write(const std::string& body) {
  // Each line's HMAC covers the line before it: none can be edited, dropped or moved unseen.
  m_lastMac = session::ChainMac(m_key, m_lastMac, body);
  m_out << body << '\t' << m_lastMac << '\n';
  m_out.flush();
}

std::unique_ptr<SessionLog> SessionLog::Create(const std::string& path, const std::string& key, const SessionManifest& m,
                                               std::string& error) {
  std::unique_ptr<SessionLog> log(new SessionLog(path, key, "", false));
  if (!log->m_out) {
    error = "cannot write " + path;
    return nullptr;
  }
  log->Write(json{{"kind", "start"},   {"session", m.id}, {"trainee", m.trainee},   {"drill", m.drill},
                  {"seat", m.seat},    {"lang", m.lang},  {"assist", m.assist},     {"token", m.token},
                  {"seed", m.seed},    {"scripted", m.scripted}, {"team", m.team}}
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return log;
}

std::unique_ptr<SessionLog> SessionLog::Reopen(const std::string& path, const std::string& key, SessionLogContents& c,
                                               std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read";
    return nullptr;
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // A kill between a line's bytes and its newline leaves it cut short: it was never acknowledged, drop it.
  in.clear();
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  std::string lastMac;
  std::size_t good = 0, goodBytes = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string at = path + ":" + std::to_string(i + 1) + ": ";
    const bool last = i + 1 == lines.size();
    const bool cut = last && goodBytes + lines[i].size() + 1 > size;
    const auto tab = lines[i].rfind('\t');
    if (cut) break;
    if (tab == std::string::npos) {
      error = at + "edited (a line without its HMAC): the session is not trusted";
      return nullptr;
    }
    const std::string body = lines[i].substr(0, tab), mac = lines[i].substr(tab + 1);
    if (!SameSecret(session::ChainMac(key, lastMac, body), mac)) {
      error = at + "edited (its HMAC does not match; a line was changed, taken out or moved): the session is not trusted";
      return nullptr;
    }
    lastMac = mac;
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      error = at + "not a line of a session's log";
      return nullptr;
    }
    const std::string kind = j.value("kind", "");
    if (i == 0 && kind != "start") {
      error = at + "a session's log starts with its start line";
      return nullptr;
    }
    if (kind == "start") {
      c.manifest = {j.value("session", ""), j.value("trainee", ""), j.value("drill", ""), j.value("seat", ""),
                    j.value("lang", "vi"),  j.value("assist", ""),  j.value("token", ""), j.value("seed", std::uint64_t{1}),
                    j.value("scripted", false), j.value("team", "")};
    } else if (kind == "command") {
      c.commands.push_back({j.value("at_s", 0.0), j.value("role", "trainee"), j.value("command", ""), j.value("seat", "")});
    } else if (kind == "seat") {
      c.seats.push_back({j.value("seat", ""), j.value("trainee", ""), j.value("token", "")});
    } else if (kind == "tick") {
      c.lastTickS = j.value("sim_s", 0.0);
    } else if (kind == "finished") {
      c.result = LoggedResult{j.value("result", ""), j.value("score", 0.0), j.value("fingerprint", std::uint64_t{0}),
                              j.value("record", std::int64_t{0})};
    }
    ++good;
    goodBytes += lines[i].size() + 1;
  }
  if (good == 0) {
    error = path + ": empty";
    return nullptr;
  }
  if (goodBytes < size) std::filesystem::resize_file(path, goodBytes);  // the cut line goes
  std::unique_ptr<SessionLog> log(new SessionLog(path, key, lastMac, true));
  log->m_lastTick = c.lastTickS;
  return log;
}

void SessionLog::Command(const LoggedCommand& c) {
  std::lock_guard<std::mutex> lock(m_mutex);
  json line{{"kind", "command"}, {"at_s", c.atS}, {"role", c.role}, {"command", c.command}};
  if (!c.seat.empty()) line["seat"] = c.seat;
  Write(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SessionLog::Joined(const SeatJoined& s) {
  std::lock_guard<std::mutex> lock(m_mutex);
  Write(json{{"kind", "seat"}, {"seat", s.seat}, {"trainee", s.trainee}, {"token", s.token}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SessionLog::Tick(double simS) {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (simS == m_lastTick) return;
  m_lastTick = simS;
  Write(json{{"kind", "tick"}, {"sim_s", simS}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SessionLog::Finished(const LoggedResult& r) {
  std::lock_guard<std::mutex> lock(m_mutex);
  Write(json{{"kind", "finished"}, {"result", r.resultJson}, {"score", r.score}, {"fingerprint", r.fingerprint},
             {"record", r.record}}
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace netdrill::server
