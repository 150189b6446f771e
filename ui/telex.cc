#include "ui/telex.h"

#include <algorithm>
#include <cctype>

namespace netdrill::ui {

namespace {

// Each vowel with its six tones: none, sắc, huyền, hỏi, ngã, nặng.
const std::u32string kVowels[] = {
    U"aáàảãạ", U"ăắằẳẵặ", U"âấầẩẫậ", U"eéèẻẽẹ", U"êếềểễệ", U"iíìỉĩị", U"oóòỏõọ", U"ôốồổỗộ",
    U"ơớờởỡợ", U"uúùủũụ", U"ưứừửữự", U"yýỳỷỹỵ", U"AÁÀẢÃẠ", U"ĂẮẰẲẴẶ", U"ÂẤẦẨẪẬ", U"EÉÈẺẼẸ",
    U"ÊẾỀỂỄỆ", U"IÍÌỈĨỊ", U"OÓÒỎÕỌ", U"ÔỐỒỔỖỘ", U"ƠỚỜỞỠỢ", U"UÚÙỦŨỤ", U"ƯỨỪỬỮỰ", U"YÝỲỶỸỴ",
};

bool IsVowel(char32_t c) {
  for (const auto& row : kVowels) {
    if (row[0] == c) return true;
  }
  return false;
}

char32_t WithTone(char32_t c, int tone) {
  for (const auto& row : kVowels) {
    if (row[0] == c) return row[static_cast<std::size_t>(tone)];
  }
  return c;
}

bool HasMark(char32_t c) {
  static const std::u32string marked = U"ăâêôơưĂÂÊÔƠƯ";
  return marked.find(c) != std::u32string::npos;
}

char32_t Lower(char32_t c) { return c < 128 ? static_cast<char32_t>(std::tolower(static_cast<int>(c))) : c; }

// A letter with a mark added, keeping its case; 0 if the pair makes none.
char32_t Marked(char32_t c, char key) {
  const bool upper = c < 128 && std::isupper(static_cast<int>(c));
  const char32_t l = Lower(c);
  char32_t out = 0;
  if (key == 'a' && l == U'a') out = U'â';
  if (key == 'e' && l == U'e') out = U'ê';
  if (key == 'o' && l == U'o') out = U'ô';
  if (key == 'd' && l == U'd') out = U'đ';
  if (key == 'w' && l == U'a') out = U'ă';
  if (key == 'w' && l == U'o') out = U'ơ';
  if (key == 'w' && l == U'u') out = U'ư';
  if (out == 0 || !upper) return out;
  switch (out) {
    case U'â': return U'Â';
    case U'ê': return U'Ê';
    case U'ô': return U'Ô';
    case U'đ': return U'Đ';
    case U'ă': return U'Ă';
    case U'ơ': return U'Ơ';
    default: return U'Ư';
  }
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

int TelexWord::ToneTarget() const {
  // The vowels of the syllable, without the u of "qu" and the i of "gi" (they belong to the consonant).
  std::vector<int> vowels;
  for (std::size_t i = 0; i < m_letters.size(); ++i) {
    if (!IsVowel(m_letters[i])) continue;
    const char32_t prev = i > 0 ? Lower(m_letters[i - 1]) : 0;
    const bool glide = (Lower(m_letters[i]) == U'u' && prev == U'q') ||
                       (Lower(m_letters[i]) == U'i' && prev == U'g' && i + 1 < m_letters.size() && IsVowel(m_letters[i + 1]));
    if (!glide) vowels.push_back(static_cast<int>(i));
  }
  if (vowels.empty()) return -1;
  // A marked vowel takes the tone (in ươ, the ơ).
  for (auto it = vowels.rbegin(); it != vowels.rend(); ++it) {
    if (HasMark(m_letters[static_cast<std::size_t>(*it)])) return *it;
  }
  if (vowels.size() == 1) return vowels.front();
  const bool closed = static_cast<std::size_t>(vowels.back()) + 1 < m_letters.size();
  if (closed) return vowels.back();  // a final consonant: the last vowel (toán, hoàng)
  if (vowels.size() >= 3) return vowels[1];  // three vowels: the middle (loại, người)
  return vowels.front();                     // two, open: the first (hòa, thủy, mùa)
}

void TelexWord::Key(char key) {
  const char k = static_cast<char>(std::tolower(static_cast<unsigned char>(key)));
  static const std::string tones = "sfrxj";
  const auto tone = tones.find(k);
  const bool anyVowel = std::any_of(m_letters.begin(), m_letters.end(), IsVowel);
  if ((tone != std::string::npos || k == 'z') && anyVowel) {
    const int wanted = k == 'z' ? 0 : static_cast<int>(tone) + 1;
    if (wanted != 0 && m_tone == wanted) {  // twice: the tone off, the letter typed
      m_tone = 0;
      m_letters.push_back(static_cast<unsigned char>(key));
    } else if (k == 'z' && m_tone == 0) {
      m_letters.push_back(static_cast<unsigned char>(key));
    } else {
      m_tone = wanted;
    }
    return;
  }
  if (!m_letters.empty()) {
    // "uo" + w marks both: ươ.
    if (k == 'w' && m_letters.size() >= 2 && Lower(m_letters.back()) == U'o' &&
        Lower(m_letters[m_letters.size() - 2]) == U'u') {
      m_letters[m_letters.size() - 2] = Marked(m_letters[m_letters.size() - 2], 'w');
      m_letters.back() = Marked(m_letters.back(), 'w');
      return;
    }
    // Typed a third time, a doubled mark comes off: "aaa" -> "aa".
    if ((k == 'a' || k == 'e' || k == 'o') && !m_letters.empty()) {
      const char32_t last = Lower(m_letters.back());
      const char32_t base = k == 'a' ? U'a' : k == 'e' ? U'e' : U'o';
      if (last == (k == 'a' ? U'â' : k == 'e' ? U'ê' : U'ô')) {
        m_letters.back() = m_letters.back() == Marked(base, k) ? base : static_cast<char32_t>(std::toupper(static_cast<int>(base)));
        m_letters.push_back(static_cast<unsigned char>(key));
        return;
      }
    }
    // aa, ee, oo and dd mark the letter just typed; w marks the last vowel, past a final consonant (acws: ắc).
    if (const char32_t m = Marked(m_letters.back(), k)) {
      m_letters.back() = m;
      return;
    }
    if (k == 'w') {
      for (auto it = m_letters.rbegin(); it != m_letters.rend(); ++it) {
        if (const char32_t m = Marked(*it, k)) {
          *it = m;
          return;
        }
        if (IsVowel(*it)) break;
      }
    }
  }
  if (k == 'w') {  // w on its own: ư
    m_letters.push_back(key == 'W' ? U'Ư' : U'ư');
    return;
  }
  m_letters.push_back(static_cast<unsigned char>(key));
}

std::string TelexWord::Text() const {
  const int target = m_tone == 0 ? -1 : ToneTarget();
  std::string out;
  for (std::size_t i = 0; i < m_letters.size(); ++i) {
    AppendUtf8(out, static_cast<int>(i) == target ? WithTone(m_letters[i], m_tone) : m_letters[i]);
  }
  return out;
}

void TelexWord::Clear() {
  m_letters.clear();
  m_tone = 0;
}

void TelexWord::Backspace() {
  if (!m_letters.empty()) m_letters.pop_back();
  if (m_letters.empty()) m_tone = 0;
}

std::string TelexToText(std::string_view keys) {
  std::string out;
  TelexWord word;
  for (char c : keys) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.Key(c);
      continue;
    }
    out += word.Text();
    word.Clear();
    out += c;
  }
  return out + word.Text();
}

}  // namespace netdrill::ui
