#include "session/secrets.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

namespace netdrill::session {

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  FILE* f = std::fopen("/dev/urandom", "rb");
  const bool ok = f && std::fread(raw.data(), 1, bytes, f) == bytes;
  if (f) std::fclose(f);
  if (!ok) throw std::runtime_error("cannot read /dev/urandom");
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || b.empty()) return false;  // the length is no secret
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string HmacHex(const std::string& key, const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), md, &n);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out;
}

std::optional<std::string> LoadOrMakeKey(const std::string& path, std::string& error) {
  std::ifstream in(path);
  std::string key;
  if (in && std::getline(in, key) && key.size() == 64) return key;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    error = path + ": not a key this server made (64 hex digits); move it away to make a new one";
    return std::nullopt;
  }
  key = RandomHex(32);
  std::ofstream out(path, std::ios::trunc);
  ::chmod(path.c_str(), 0600);
  if (!(out << key << '\n')) {
    error = "cannot write " + path;
    return std::nullopt;
  }
  return key;
}

std::optional<std::string> LoadKey(const std::string& path) {
  std::ifstream in(path);
  std::string key;
  if (in && std::getline(in, key) && key.size() == 64) return key;
  return std::nullopt;
}

std::string LocalDataDir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  const std::filesystem::path base = xdg && *xdg ? std::filesystem::path(xdg)
                                     : home && *home ? std::filesystem::path(home) / ".local" / "share"
                                                     : std::filesystem::path(".");
  return (base / "netdrill").string();
}

std::string LocalJournalKeyPath() { return LocalDataDir() + "/journal.key"; }

}  // namespace netdrill::session
