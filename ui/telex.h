// Telex, the way most Vietnamese type on a plain keyboard: "Vieejt Nam" gives
// "Việt Nam". The console's fallback when the system input method does not
// pass committed text (docs/assumptions.md, "The console"): it always works,
// with any keyboard. No ImGui here: it turns keys into NFC text, and is tested
// on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netdrill::ui {

/// @brief Types one word at a time: letters with their marks (aa -> â, aw -> ă,
/// ee -> ê, oo -> ô, ow -> ơ, uw -> ư, uow -> ươ, dd -> đ) and one tone for the
/// syllable (s sắc, f huyền, r hỏi, x ngã, j nặng, z none), placed where
/// Vietnamese puts it. Typing a tone key twice takes the tone off and types the letter.
class TelexWord {
public:
  /// @brief One key: a printable ASCII character. A space or punctuation ends the word.
  void Key(char key);
  /// @brief The word as text, NFC.
  std::string Text() const;
  bool Empty() const { return m_letters.empty(); }
  void Clear();
  /// @brief Backspace: the last letter (the tone stays with the syllable).
  void Backspace();

private:
  std::vector<char32_t> m_letters;  // without tone
  int m_tone = 0;                   // 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
  int ToneTarget() const;
};

/// @brief A whole line typed in Telex: "Vieejt Nam" -> "Việt Nam".
std::string TelexToText(std::string_view keys);

}  // namespace netdrill::ui
