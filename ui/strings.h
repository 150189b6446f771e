// The console's words: one table (strings.def), Vietnamese first, English
// second. Panels ask for a key; a missing translation is a test failure, not
// a blank on screen.
#pragma once

#include <cstddef>

namespace netdrill::ui {

enum class Lang { Vi, En };

enum class Str {
#define X(key, vi, en) key,
#include "ui/strings.def"
#undef X
  Count
};

/// @brief The text of a key in a language (NFC UTF-8, never null).
const char* Tr(Str key, Lang lang);
/// @brief The key's name, for tests and error messages.
const char* StrName(Str key);
inline constexpr std::size_t kStrCount = static_cast<std::size_t>(Str::Count);

}  // namespace netdrill::ui
