// Who is calling: every RPC of the class server asks one function, with what the
// call needs, and gets the caller or the status to refuse with. Tokens are random,
// bound to a trainee's name and session, or to the instructor.
#pragma once

#include "session/secrets.h"
#include "session/seat.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace netdrill::server {

enum class Need : std::uint8_t { Trainee, Instructor };

struct Caller {
  bool instructor = false;
  std::string name;     ///< the trainee's
  std::string session;  ///< the trainee's session
  session::Seat seat = session::Seat::None;  ///< a team drill's seat
};

class Tokens {
public:
  /// @brief A new token for this caller.
  std::string Issue(const Caller& caller);
  /// @brief A token a resumed session had before the server restarted.
  void Restore(const std::string& token, const Caller& caller);
  /// @brief A token whose session is not trusted any more: its calls are refused with `why`.
  void Revoke(const std::string& token, const std::string& why);
  /// @brief The caller of a call (its "authorization: Bearer TOKEN" metadata), if it may do what it needs;
  /// else the status to refuse with (UNAUTHENTICATED with no or an unknown token, PERMISSION_DENIED
  /// for a trainee's token on an instructor's call).
  std::optional<Caller> Authorize(const grpc::ServerContext& context, Need need, grpc::Status& refusal) const;

private:
  mutable std::mutex m_mutex;
  std::map<std::string, Caller> m_tokens;
  std::map<std::string, std::string> m_revoked;
};

using session::RandomHex;
using session::SameSecret;

}  // namespace netdrill::server
