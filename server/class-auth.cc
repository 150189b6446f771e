#include "server/class-auth.h"

#include <cstdio>
#include <stdexcept>

namespace netdrill::server {

std::string Tokens::Issue(const Caller& caller) {
  std::string token = RandomHex();
  std::lock_guard<std::mutex> lock(m_mutex);
  m_tokens[token] = caller;
  return token;
}

void Tokens::Restore(const std::string& token, const Caller& caller) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_tokens[token] = caller;
}

void Tokens::Revoke(const std::string& token, const std::string& why) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_tokens.erase(token);
  m_revoked[token] = why;
}

std::optional<Caller> Tokens::Authorize(const grpc::ServerContext& context, Need need, grpc::Status& refusal) const {
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find("authorization");
  std::string token;
  if (it != metadata.end()) {
    const std::string value(it->second.data(), it->second.size());
    if (value.rfind("Bearer ", 0) == 0) token = value.substr(7);
  }
  if (token.empty()) {
    refusal = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no token: join a drill, or log in as the instructor");
    return std::nullopt;
  }
  std::optional<Caller> caller;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (const auto found = m_tokens.find(token); found != m_tokens.end()) caller = found->second;
    if (const auto revoked = m_revoked.find(token); revoked != m_revoked.end()) {
      refusal = grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, revoked->second);
      return std::nullopt;
    }
  }
  if (!caller) {
    refusal = grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "an unknown token (the server may have restarted: join again)");
    return std::nullopt;
  }
  if (need == Need::Instructor && !caller->instructor) {
    refusal = grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "this call is the instructor's; a trainee's token may not make it");
    return std::nullopt;
  }
  if (need == Need::Trainee && caller->instructor) {
    refusal = grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "the instructor has no drill of their own: join as a trainee");
    return std::nullopt;
  }
  return caller;
}

}  // namespace netdrill::server
