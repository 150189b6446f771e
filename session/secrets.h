// Secrets for tamper evidence: random keys, HMAC-SHA256 (OpenSSL), a key file
// made at first use and readable by its owner only, and a comparison that takes
// the same time wherever two secrets differ. The journals' seal, the class server's
// session logs and tokens and the records' row HMACs use them; and where they live.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace netdrill::session {

/// @brief 2 x `bytes` hex digits from /dev/urandom.
std::string RandomHex(std::size_t bytes = 16);
/// @brief Compares two secrets in time that does not depend on where they differ.
bool SameSecret(const std::string& a, const std::string& b);
/// @brief HMAC-SHA256 of `text` with `key`, in hex.
std::string HmacHex(const std::string& key, const std::string& text);
/// @brief The key at `path` (64 hex digits), made there at first use with mode 0600; nullopt and why when
/// the file holds something else or cannot be written.
std::optional<std::string> LoadOrMakeKey(const std::string& path, std::string& error);
/// @brief The key at `path` if there is one (64 hex digits); nullopt otherwise (never makes one).
std::optional<std::string> LoadKey(const std::string& path);
/// @brief This user's netdrill data folder: $XDG_DATA_HOME/netdrill, else ~/.local/share/netdrill, else ./netdrill.
std::string LocalDataDir();
/// @brief The key that seals this user's journals (drill run, session, the console): LocalDataDir()/journal.key.
std::string LocalJournalKeyPath();

}  // namespace netdrill::session
