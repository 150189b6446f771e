#include "ui/display-text.h"

#include "ui/alarm-wording.h"

namespace netdrill::ui {

void DisplayText::Reset(const twin::Twin* twin, Lang lang) {
  m_twin = twin;
  m_lang = lang;
  m_names.clear();
  m_texts.clear();
  m_alarmTexts.clear();
}

const std::string& DisplayText::Name(const std::string& id) {
  auto it = m_names.find(id);
  if (it != m_names.end()) return it->second;
  if (m_names.size() > 50000) m_names.clear();  // a long drill's texts, not a leak
  return m_names.emplace(id, m_twin != nullptr ? twin::ElementDisplayName(*m_twin, id, NameLangOf(m_lang)) : id).first->second;
}

const std::string& DisplayText::Text(const std::string& text) {
  auto it = m_texts.find(text);
  if (it != m_texts.end()) return it->second;
  if (m_texts.size() > 50000) m_texts.clear();
  return m_texts.emplace(text, m_twin != nullptr ? twin::NameIdsInText(*m_twin, text, NameLangOf(m_lang)) : text).first->second;
}

const std::string& DisplayText::AlarmText(const session::Alarm& alarm) {
  std::string key = alarm.type + '\x1f' + alarm.resource + '\x1f' + alarm.text;  // the text carries every value
  auto it = m_alarmTexts.find(key);
  if (it != m_alarmTexts.end()) return it->second;
  if (m_alarmTexts.size() > 50000) m_alarmTexts.clear();
  std::string words = AlarmWording(alarm, Name(alarm.resource), m_lang, Text(alarm.text));
  return m_alarmTexts.emplace(std::move(key), std::move(words)).first->second;
}

std::string DisplayText::Annotated(const std::string& text) const {
  return m_twin != nullptr ? twin::NameIdsInText(*m_twin, text, NameLangOf(m_lang), twin::IdsInText::Annotate) : text;
}

}  // namespace netdrill::ui
