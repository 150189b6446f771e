// Tamper evidence for journals (issue 18): every line carries a chained HMAC-SHA256,
// h_i = HMAC(k, h_{i-1} || line_i) (h_{-1} empty), written as the line's last key "mac". A journal
// cut by kill -9 is checkable up to its last whole line. The key is the class server's in a class, a
// local key file otherwise: that shows edits made by someone without the key file, not by its owner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace netdrill::session {

/// @brief One link of a chain of HMACs: HMAC-SHA256(key, previous || body), in hex. The journals' seal and the
/// class server's session logs both chain their lines with it.
std::string ChainMac(const std::string& key, const std::string& previous, const std::string& body);

/// @brief Seals a journal's lines one after the other.
class JournalSeal {
public:
  explicit JournalSeal(std::string key) : m_key(std::move(key)) {}
  /// @brief `json` (one JSON object, no newline) with ,"mac":"HEX" added before its closing brace.
  std::string Seal(const std::string& json);

private:
  std::string m_key;
  std::string m_last;  // the previous line's mac
};

/// @brief What a journal's chain says.
struct SealCheck {
  enum class State : std::uint8_t {
    Intact,    ///< every whole line sealed, the chain unbroken
    Unsealed,  ///< no line sealed (an older journal, or one recorded without a key)
    Edited,    ///< a line whose mac does not follow from the lines before it, or a line without one
  };
  State state = State::Unsealed;
  int lines = 0;     ///< whole lines read
  int firstBad = 0;  ///< Edited: the first line (1-based) the chain does not hold at
};

/// @brief Checks the chain of a journal's text with `key`; a last line cut short (no newline) is left out.
SealCheck CheckSeal(std::string_view text, const std::string& key);

/// @brief One line for people: "sealed, 14 lines intact", "not sealed (no tamper evidence)",
/// "edited: the chain breaks at line 5".
std::string DescribeSeal(const SealCheck& check);

}  // namespace netdrill::session
