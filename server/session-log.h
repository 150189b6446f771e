// The server's journal of one class session, in its data folder: what the session
// was started with, every command it took (who, when it went in, the words), the
// last tick it reached, and its result. One line each, flushed as written, each
// carrying an HMAC chained to the line before it, with a key only the server holds:
// a restarted server replays it to resume the session, and an edited line (or one
// taken out, or moved) is reported, never trusted. A last line cut short by a kill
// is dropped: it was never acknowledged.
#pragma once

#include "session/secrets.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::server {

struct SessionManifest {
  std::string id, trainee, drill, seat, lang, assist, token;
  std::uint64_t seed = 1;
  bool scripted = false;
  std::string team;  ///< a team drill's team ("" : a drill of one's own); its seats are SeatJoined lines
};

/// @brief A trainee who took a seat of a team drill's session.
struct SeatJoined {
  std::string seat, trainee, token;
};

struct LoggedCommand {
  double atS = 0.0;
  std::string role;  ///< trainee, instructor
  std::string command;
  std::string seat;  ///< a team drill's seat ("" : none)
};

struct LoggedResult {
  std::string resultJson;
  double score = 0.0;
  std::uint64_t fingerprint = 0;
  std::int64_t record = 0;
};

struct SessionLogContents {
  SessionManifest manifest;
  std::vector<LoggedCommand> commands;
  std::vector<SeatJoined> seats;
  double lastTickS = 0.0;
  std::optional<LoggedResult> result;
};

class SessionLog {
public:
  /// @brief A new log at `path`, its first line the manifest; null and why when it cannot be written.
  static std::unique_ptr<SessionLog> Create(const std::string& path, const std::string& key, const SessionManifest& manifest,
                                            std::string& error);
  /// @brief Reads and checks a log, then opens it to go on writing; null, with "PATH:LINE: why", when
  /// it does not read or a line's HMAC does not match.
  static std::unique_ptr<SessionLog> Reopen(const std::string& path, const std::string& key, SessionLogContents& contents,
                                            std::string& error);

  void Command(const LoggedCommand& c);
  void Joined(const SeatJoined& s);
  void Tick(double simS);
  void Finished(const LoggedResult& r);

private:
  SessionLog(const std::string& path, std::string key, std::string lastMac, bool append);
  void Write(const std::string& body);

  std::mutex m_mutex;
  std::ofstream m_out;
  std::string m_key, m_lastMac;
  double m_lastTick = -1.0;
};

using session::HmacHex;

using session::LoadOrMakeKey;

}  // namespace netdrill::server
