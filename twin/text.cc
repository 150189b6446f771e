#include "text.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace netdrill::twin {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

std::string Map(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &out,
                                          static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(out);
  if (n < 0) return std::string(text);  // invalid UTF-8: leave as is, validation reports it
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

std::string ToNfc(std::string_view text) { return Map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::optional<std::string> IdTextRefusal(std::string_view text) {
  if (!IsValidUtf8(text)) return std::string("not UTF-8 text");
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    p += n;
    left -= n;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return std::string("holds a control character");
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C)
      return std::string("holds a bidirectional control character");
    if (cp == 0xFEFF) return std::string("holds a byte-order mark");
  }
  if (ToNfc(text) != text) return std::string("is not in NFC (compose its accents)");
  return std::nullopt;
}

std::string FoldForSearch(std::string_view text) {
  const std::string stripped =
      Map(text, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  std::string key;
  key.reserve(stripped.size());
  bool pendingSpace = false;
  for (std::size_t i = 0; i < stripped.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(stripped[i]);
    char out = 0;
    if (c == 0xC4 && i + 1 < stripped.size() && static_cast<unsigned char>(stripped[i + 1]) == 0x91) {
      out = 'd';  // đ (U+0111) has no decomposition
      ++i;
    } else if (c == 0xC3 && i + 1 < stripped.size() && static_cast<unsigned char>(stripped[i + 1]) == 0xB0) {
      out = 'd';  // ð (U+00F0), the Icelandic eth some sources use for Đ
      ++i;
    } else if (c >= 0x80) {
      key.push_back(static_cast<char>(c));  // other non-ASCII letters kept as they are
      continue;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out = static_cast<char>(c);
    } else {
      pendingSpace = !key.empty();
      continue;
    }
    if (pendingSpace) key.push_back(' ');
    pendingSpace = false;
    key.push_back(out);
  }
  return key;
}

int EditDistance(std::string_view a, std::string_view b, int limit) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours,
  // the commonest typo ("sties" for "sites").
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  const auto w = static_cast<std::size_t>(lb) + 1;
  std::vector<int> before(w), prev(w), cur(w);
  for (std::size_t j = 0; j < w; ++j) prev[j] = static_cast<int>(j);
  for (int i = 1; i <= la; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    cur[0] = i;
    int rowMin = cur[0];
    for (std::size_t j = 1; j < w; ++j) {
      const int cost = a[ui - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (ui > 1 && j > 1 && a[ui - 1] == b[j - 2] && a[ui - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
      rowMin = std::min(rowMin, cur[j]);
    }
    if (rowMin > limit) return limit + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[w - 1];
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  // A key written out in full ("capacity", "latitude") for its short form ("cap", "lat").
  for (const std::string& c : candidates) {
    if (c.size() >= 3 && word.size() > c.size() && word.substr(0, c.size()) == c) return c;
  }
  // Allow about one typo in three characters, at least one and at most four.
  const int limit = std::clamp(static_cast<int>(word.size()) / 3, 1, 4);
  std::string best;
  int bestDistance = limit + 1;
  for (const std::string& c : candidates) {
    const int d = EditDistance(word, c, bestDistance - 1 < limit ? bestDistance - 1 : limit);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace netdrill::twin
