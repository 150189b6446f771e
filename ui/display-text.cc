#include "ui/display-text.h"

namespace netdrill::ui {

void DisplayText::Reset(const twin::Twin* twin, Lang lang) {
  m_twin = twin;
  m_lang = NameLangOf(lang);
  m_names.clear();
  m_texts.clear();
}

const std::string& DisplayText::Name(const std::string& id) {
  auto it = m_names.find(id);
  if (it != m_names.end()) return it->second;
  if (m_names.size() > 50000) m_names.clear();  // a long drill's texts, not a leak
  return m_names.emplace(id, m_twin != nullptr ? twin::ElementDisplayName(*m_twin, id, m_lang) : id).first->second;
}

const std::string& DisplayText::Text(const std::string& text) {
  auto it = m_texts.find(text);
  if (it != m_texts.end()) return it->second;
  if (m_texts.size() > 50000) m_texts.clear();
  return m_texts.emplace(text, m_twin != nullptr ? twin::NameIdsInText(*m_twin, text, m_lang) : text).first->second;
}

std::string DisplayText::Annotated(const std::string& text) const {
  return m_twin != nullptr ? twin::NameIdsInText(*m_twin, text, m_lang, twin::IdsInText::Annotate) : text;
}

}  // namespace netdrill::ui
