// The console's names for what it shows (twin/display-name.h), in the console's
// language, kept between frames: an alarm list redrawn 60 times a second asks
// for the same few hundred names. Cleared when the drill or the language changes.
#pragma once

#include "session/alarms.h"
#include "twin/display-name.h"
#include "ui/strings.h"

#include <string>
#include <unordered_map>

namespace netdrill::ui {

class DisplayText {
public:
  /// @brief Forgets every name (a new twin, or another language).
  void Reset(const twin::Twin* twin, Lang lang);
  /// @brief An element's name by its id ("Xã Dân Hóa, Minh Hóa, Quảng Bình"); the id when it names nothing.
  const std::string& Name(const std::string& id);
  /// @brief A text with its ids replaced by names (alarm texts, tickets, the timeline).
  const std::string& Text(const std::string& text);
  /// @brief An alarm's text in the console's language (ui/alarm-wording.h).
  const std::string& AlarmText(const session::Alarm& alarm);
  /// @brief A text with each id followed by its name (the terminal, where ids are what a command takes).
  std::string Annotated(const std::string& text) const;

private:
  const twin::Twin* m_twin = nullptr;
  Lang m_lang = Lang::Vi;
  std::unordered_map<std::string, std::string> m_names, m_texts, m_alarmTexts;
};

inline twin::NameLang NameLangOf(Lang lang) { return lang == Lang::En ? twin::NameLang::En : twin::NameLang::Vi; }

}  // namespace netdrill::ui
