// TLS for the class server: a self-signed certificate the server makes at its
// first start, its fingerprint, and clients that pin it (the saved certificate
// as the only root, with the certificate's fixed name as the target: the
// server's address is not known when the certificate is made).
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <optional>
#include <string>

namespace netdrill::wire {

/// @brief The name every server certificate carries, and every client checks.
inline constexpr const char* kServerCertName = "netdrill-server";

struct ServerIdentity {
  std::string certPem, keyPem;
};

/// @brief The certificate and key at these paths; when neither exists and `makeIfMissing`, a new
/// self-signed pair (EC P-256, ten years) written there (the key readable by its owner only).
std::optional<ServerIdentity> LoadOrMakeIdentity(const std::string& certPath, const std::string& keyPath, bool makeIfMissing,
                                                 std::string& error);

/// @brief "SHA256:3F:A0:..." of a PEM certificate's DER bytes; "" when it does not parse.
std::string CertificateFingerprint(const std::string& certPem);

/// @brief The certificate a TLS server at HOST:PORT presents, unverified (trust on first use: the
/// caller shows its fingerprint and saves it); nullopt and why when there is none.
std::optional<std::string> FetchServerCertificate(const std::string& hostPort, std::string& error);

/// @brief A channel to HOST:PORT that trusts only `pinnedCertPem`; plaintext when it is empty.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& hostPort, const std::string& pinnedCertPem);

/// @brief The server's credentials: TLS with its identity, or plaintext when null.
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const ServerIdentity* identity);

/// @brief Whether HOST:PORT names this machine (127.x, ::1, localhost): plaintext is allowed only there.
bool IsLoopback(const std::string& hostPort);

}  // namespace netdrill::wire
