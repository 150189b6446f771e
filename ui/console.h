// The trainee's and instructor's console: a start screen, then the drill
// (map, alarms, KPIs, inspector, terminal, actions, tickets, messages,
// procedure, objectives; the instructor's panel), then the debrief with its
// timeline. One call builds one frame between ImGui::NewFrame and Render; it
// takes the session's latest snapshot and never waits for the simulation.
#pragma once

#include "ui/console-context.h"
#include "ui/console-host.h"
#include "ui/console-state.h"
#include "ui/map-view.h"
#include "ui/panels/panels.h"
#include "ui/planner-bench.h"

#include <chrono>
#include <memory>
#include <string>

namespace netdrill::ui {

struct ConsoleOptions {
  std::string assetsDir;
  /// The instructor's passphrase ("" : instructor mode cannot be opened).
  std::string instructorPassphrase;
  Lang lang = Lang::Vi;
};

class Console {
public:
  Console(ConsoleHost& host, ConsoleOptions options, ConsoleFonts fonts = {});
  ~Console();

  /// @brief Builds one frame of the console.
  void Frame();
  ConsoleState& State() { return m_state; }
  /// @brief What the panels are given this frame.
  ConsoleContext Context();
  MapView* Map() { return m_map.get(); }
  bool WantsQuit() const { return m_state.quit; }

  /// @brief Starts the drill the start screen shows (what its button does).
  bool StartDrill();
  /// @brief Starts a drill (or replay) directly, past the start screen.
  bool Start(const StartRequest& request);
  /// @brief Checks the passphrase typed and switches to instructor mode, or refuses.
  bool EnterInstructor();
  /// @brief The what-if bench (the planner's screen).
  PlannerBench& Planner() { return m_planner; }
  /// @brief Where the drill's map keeps its drawn layer (the window's GL texture); null: drawn every frame.
  void SetMapLayerCache(MapLayerCache* cache) {
    m_mapCache = cache;
    if (m_map) m_map->SetLayerCache(cache);
  }

private:
  void DrillScreen();
  void TakeAnswers();
  void SendOutbox();
  void BuildMap();
  ConsoleHost& m_host;
  ConsoleOptions m_options;
  ConsoleState m_state;
  std::unique_ptr<MapView> m_map;
  ConsoleFonts m_fonts;
  bool m_mapFitted = false;
  std::chrono::steady_clock::time_point m_lastRefresh{};
  PlannerBench m_planner;
  PlannerMaps m_plannerMaps;
  MapLayerCache* m_mapCache = nullptr;
  DisplayText m_text;
  const twin::Twin* m_textTwin = nullptr;
  Lang m_textLang = Lang::Vi;
};

}  // namespace netdrill::ui
