// Text helpers for Vietnamese names: NFC, folding for search, "did you mean".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netdrill::twin {

/// @brief True when the bytes are well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

/// @brief Why `text` cannot be an id (of a drill, a site, a link...), or nullopt: it must be UTF-8 in NFC,
/// printable (no control character, no NUL), with no bidirectional control (U+202A-U+202E, U+2066-U+2069,
/// U+200E, U+200F, U+061C) and no byte-order mark: an id is shown and compared, never a trick.
std::optional<std::string> IdTextRefusal(std::string_view text);

/// @brief The NFC form of a UTF-8 string (ImGui draws precomposed text only).
std::string ToNfc(std::string_view text);

/// @brief A search key: tone marks and diacritics removed, đ→d, lower case,
/// runs of spaces and punctuation collapsed to one space. "Thanh Hoá",
/// "Thanh Hóa" and "thanh hoa" give the same key.
std::string FoldForSearch(std::string_view text);

/// @brief Text made safe inside HTML, in an element or a quoted attribute: & < > " escaped.
std::string EscapeHtml(std::string_view text);

/// @brief Levenshtein distance over bytes, stopping early past `limit`.
int EditDistance(std::string_view a, std::string_view b, int limit);

/// @brief The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace netdrill::twin
