// The console's panels: each a function over the frame's context, drawn
// inside a window the console placed (fixed layouts: ImGui 1.86 has no docking).
#pragma once

#include "ui/console-context.h"

#include <memory>

namespace netdrill::ui {

void DrawStartScreen(ConsoleContext& c);
void DrawTopBar(ConsoleContext& c);
void DrawMapPanel(ConsoleContext& c);
void DrawAlarmPanel(ConsoleContext& c);
void DrawKpiPanel(ConsoleContext& c);
void DrawInspectorPanel(ConsoleContext& c);
void DrawTerminalPanel(ConsoleContext& c);
void DrawActionsPanel(ConsoleContext& c);
void DrawTicketsPanel(ConsoleContext& c);
void DrawMessagesPanel(ConsoleContext& c);
void DrawProcedurePanel(ConsoleContext& c);
void DrawObjectivesPanel(ConsoleContext& c);
void DrawInstructorPanel(ConsoleContext& c);
void DrawDebriefPanel(ConsoleContext& c);

/// @brief The KPI charts over the drill so far (the KPI tab) or the whole drill (the debrief,
/// with its cursor): the trainee's actions marked on the time axis, and the injects marked
/// across the plot where they may be seen (the instructor, the debrief). Returns a time clicked, or < 0.
double DrawKpiCharts(ConsoleContext& c, double until, double cursor, float height);

class PlannerBench;
/// @brief The planner's two maps, rebuilt for each new outcome.
struct PlannerMaps {
  const void* of = nullptr;
  std::unique_ptr<MapView> base, fork;
  bool fitted = false;
};
void DrawPlannerScreen(ConsoleContext& c, PlannerBench& bench, PlannerMaps& maps);

}  // namespace netdrill::ui
