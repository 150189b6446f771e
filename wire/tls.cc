#include "wire/tls.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace netdrill::wire {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

std::string OpenSslError() {
  const unsigned long e = ERR_get_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

CertPtr ParseCert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return CertPtr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::optional<ServerIdentity> MakeIdentity(std::string& error) {
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) {
    error = "cannot make a key: " + OpenSslError();
    return std::nullopt;
  }
  CertPtr cert(X509_new());
  X509_set_version(cert.get(), 2);
  // A random serial: two servers' certificates never look alike.
  unsigned char serial[16];
  FILE* urandom = std::fopen("/dev/urandom", "rb");
  const bool gotSerial = urandom && std::fread(serial, 1, sizeof serial, urandom) == sizeof serial;
  if (urandom) std::fclose(urandom);
  if (!gotSerial) {
    error = "cannot read /dev/urandom";
    return std::nullopt;
  }
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(kServerCertName), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("NetDrill class server"), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::string san = std::string("DNS:") + kServerCertName;
  for (const auto& [nid, value] : {std::pair<int, std::string>{NID_subject_alt_name, san},
                                   {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) {
      error = "cannot make the certificate: " + OpenSslError();
      return std::nullopt;
    }
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
    error = "cannot sign the certificate: " + OpenSslError();
    return std::nullopt;
  }
  BioPtr certBio(BIO_new(BIO_s_mem())), keyBio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(certBio.get(), cert.get()) ||
      !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    error = "cannot write the certificate: " + OpenSslError();
    return std::nullopt;
  }
  return ServerIdentity{BioText(certBio.get()), BioText(keyBio.get())};
}

}  // namespace

std::optional<ServerIdentity> LoadOrMakeIdentity(const std::string& certPath, const std::string& keyPath, bool makeIfMissing,
                                                 std::string& error) {
  std::error_code ec;
  const bool haveCert = std::filesystem::exists(certPath, ec), haveKey = std::filesystem::exists(keyPath, ec);
  if (haveCert || haveKey || !makeIfMissing) {
    const auto cert = ReadFile(certPath);
    const auto key = ReadFile(keyPath);
    if (!cert || !key) {
      error = "cannot read " + (cert ? keyPath : certPath);
      return std::nullopt;
    }
    if (CertificateFingerprint(*cert).empty()) {
      error = certPath + ": not a PEM certificate";
      return std::nullopt;
    }
    return ServerIdentity{*cert, *key};
  }
  auto made = MakeIdentity(error);
  if (!made) return std::nullopt;
  {
    std::ofstream k(keyPath, std::ios::binary | std::ios::trunc);
    ::chmod(keyPath.c_str(), 0600);
    std::ofstream c(certPath, std::ios::binary | std::ios::trunc);
    if (!(k << made->keyPem) || !(c << made->certPem)) {
      error = "cannot write " + certPath + " and " + keyPath;
      return std::nullopt;
    }
  }
  return made;
}

std::string CertificateFingerprint(const std::string& certPem) {
  const CertPtr cert = ParseCert(certPem);
  if (!cert) return {};
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert.get(), EVP_sha256(), md, &n) == 0) return {};
  std::string out = "SHA256:";
  char hex[4];
  for (unsigned int i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, "%02X", md[i]);
    out += (i ? ":" : "") + std::string(hex);
  }
  return out;
}

std::optional<std::string> FetchServerCertificate(const std::string& hostPort, std::string& error) {
  std::unique_ptr<SSL_CTX, Deleter<SSL_CTX, SSL_CTX_free>> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) {
    error = OpenSslError();
    return std::nullopt;
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);  // the point: to see it before trusting it
  static const unsigned char alpn[] = {2, 'h', '2'};
  SSL_CTX_set_alpn_protos(ctx.get(), alpn, sizeof alpn);
  BioPtr bio(BIO_new_ssl_connect(ctx.get()));
  if (!bio) {
    error = OpenSslError();
    return std::nullopt;
  }
  BIO_set_conn_hostname(bio.get(), hostPort.c_str());
  SSL* ssl = nullptr;
  BIO_get_ssl(bio.get(), &ssl);
  SSL_set_tlsext_host_name(ssl, kServerCertName);
  if (BIO_do_connect(bio.get()) <= 0 || BIO_do_handshake(bio.get()) <= 0) {
    error = "no TLS server at " + hostPort + " (" + OpenSslError() + ")";
    return std::nullopt;
  }
  const CertPtr cert(SSL_get1_peer_certificate(ssl));
  if (!cert) {
    error = hostPort + " presented no certificate";
    return std::nullopt;
  }
  BioPtr out(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(out.get(), cert.get());
  return BioText(out.get());
}

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& hostPort, const std::string& pinnedCertPem) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  // A restarted server is found again within a second (gRPC's own backoff grows to two minutes).
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  if (pinnedCertPem.empty()) return grpc::CreateCustomChannel(hostPort, grpc::InsecureChannelCredentials(), args);
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = pinnedCertPem;
  args.SetSslTargetNameOverride(kServerCertName);
  return grpc::CreateCustomChannel(hostPort, grpc::SslCredentials(ssl), args);
}

std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const ServerIdentity* identity) {
  if (!identity) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({identity->keyPem, identity->certPem});
  return grpc::SslServerCredentials(ssl);
}

bool IsLoopback(const std::string& hostPort) {
  std::string host = hostPort;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace netdrill::wire
