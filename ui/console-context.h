// What a panel is given each frame: the host, the shared state, the map, and
// the words of the current language. Panels are free functions over it.
#pragma once

#include "ui/console-host.h"
#include "ui/console-state.h"
#include "ui/display-text.h"
#include "ui/map-view.h"
#include "ui/strings.h"

#include <imgui.h>

#include <string>

namespace netdrill::ui {

struct ConsoleFonts {
  ImFont* text = nullptr;
  ImFont* mono = nullptr;
  ImFont* large = nullptr;
};

struct ConsoleContext {
  ConsoleHost& host;
  ConsoleState& state;
  MapView* map = nullptr;
  ConsoleFonts fonts;
  std::string assetsDir;
  DisplayText* text = nullptr;  ///< names in the console's language, kept between frames

  const char* T(Str key) const { return Tr(key, state.lang); }
  std::string LangCode() const { return state.lang == Lang::En ? "en" : "vi"; }
  const session::Snapshot* View() const { return state.view.get(); }
  /// @brief The debrief shows the past: nothing can be done to it.
  bool ReadOnly() const { return state.screen != Screen::Drill; }
  /// @brief The debrief: the instructor's titles and every tick, whatever the assist level.
  bool Debrief() const { return state.screen == Screen::Debrief; }
  bool Instructor() const { return state.role == ConsoleRole::Instructor; }
  /// @brief Queues a command for the session in the person's role.
  /// A line as a person typed it (the terminal, text fields).
  void Send(const std::string& command) { state.outbox.push_back({command, SessionRole(state.role), std::nullopt}); }
  void SendAs(const std::string& command, session::Role role) { state.outbox.push_back({command, role, std::nullopt}); }
  /// A typed command (a button): no text is built or parsed on the way.
  void Send(session::CommandArgs args) { state.outbox.push_back({{}, SessionRole(state.role), std::move(args)}); }
  void SendAs(session::CommandArgs args, session::Role role) { state.outbox.push_back({{}, role, std::move(args)}); }
  /// @brief A site's name in the current language.
  std::string SiteName(const twin::Site& site) const {
    return state.lang == Lang::En && !site.nameEn.empty() ? site.nameEn : site.name;
  }
  /// @brief What a person reads for an element id: "Xã Dân Hóa, Minh Hóa, Quảng Bình" (twin/display-name.h).
  const std::string& Name(const std::string& id) const { return text->Name(id); }
  /// @brief A text with its ids named (alarm texts, tickets, the timeline).
  const std::string& Named(const std::string& t) const { return text->Text(t); }
  /// @brief An alarm's text in the console's language, its element by name.
  const std::string& AlarmText(const session::Alarm& a) const { return text->AlarmText(a); }
  /// @brief The drill's clock at `t` seconds: "08:42:10", as the top bar shows it.
  std::string ClockAt(double t) const;
  void Select(const std::string& siteId) {
    state.selectedSite = siteId;
    state.selectedLink.clear();
  }
  /// @brief Selects what an alarm or a command names: a site, a router (its site), or a link.
  void SelectElement(const std::string& element);
};

}  // namespace netdrill::ui
