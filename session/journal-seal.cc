#include "session/journal-seal.h"

#include "session/secrets.h"

#include <cctype>
#include <vector>

namespace netdrill::session {
namespace {

constexpr std::string_view kMacKey = ",\"mac\":\"";
constexpr std::size_t kMacDigits = 64;  // SHA-256 in hex

// The line as it was hashed and its mac, when it ends in ,"mac":"HEX"}; false otherwise.
bool SplitMac(std::string_view line, std::string& body, std::string& mac) {
  const std::size_t tail = kMacKey.size() + kMacDigits + 2;  // ,"mac":" HEX "}
  if (line.size() < tail + 1 || line.substr(line.size() - 2) != "\"}") return false;
  const std::size_t at = line.size() - tail;
  if (line.substr(at, kMacKey.size()) != kMacKey) return false;
  const std::string_view hex = line.substr(at + kMacKey.size(), kMacDigits);
  for (const char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  body = std::string(line.substr(0, at)) + "}";
  mac = std::string(hex);
  return true;
}

}  // namespace

std::string ChainMac(const std::string& key, const std::string& previous, const std::string& body) {
  return HmacHex(key, previous + body);
}

std::string JournalSeal::Seal(const std::string& json) {
  m_last = ChainMac(m_key, m_last, json);
  if (json.empty() || json.back() != '}') return json;  // not an object: left as it is (never written so)
  return json.substr(0, json.size() - 1) + std::string(kMacKey) + m_last + "\"}";
}

SealCheck CheckSeal(std::string_view text, const std::string& key) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;  // cut short by a crash: not a whole line
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  SealCheck check;
  check.lines = static_cast<int>(lines.size());
  std::string body, mac, last;
  bool anySealed = false;
  for (const std::string_view line : lines) anySealed = anySealed || SplitMac(line, body, mac);
  if (!anySealed) return check;  // Unsealed
  check.state = SealCheck::State::Intact;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!SplitMac(lines[i], body, mac) || !SameSecret(ChainMac(key, last, body), mac)) {
      check.state = SealCheck::State::Edited;
      check.firstBad = static_cast<int>(i) + 1;
      return check;
    }
    last = mac;
  }
  return check;
}

std::string DescribeSeal(const SealCheck& check) {
  switch (check.state) {
    case SealCheck::State::Intact:
      return "sealed, " + std::to_string(check.lines) + " lines intact";
    case SealCheck::State::Unsealed:
      return "not sealed (no tamper evidence)";
    case SealCheck::State::Edited:
      return "edited: the chain breaks at line " + std::to_string(check.firstBad);
  }
  return {};
}

}  // namespace netdrill::session
