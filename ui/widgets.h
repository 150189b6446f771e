// Small pieces the panels share: a text field that types Telex when the
// console's Telex mode is on, severity names and colours, clock formatting.
#pragma once

#include "session/alarms.h"
#include "ui/console-state.h"
#include "ui/palette.h"
#include "ui/strings.h"

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

namespace netdrill::ui {

/// @brief A one-line text field; with Telex on, "Vieejt" becomes "Việt" as it is typed.
/// Returns true when Enter is pressed (with `enterReturns`) or the text changed.
bool TextField(const char* id, std::string* text, ConsoleState& state, ImGuiInputTextFlags flags = 0,
               ImGuiInputTextCallback extra = nullptr, void* extraData = nullptr);

Str SeverityStr(session::AlarmSeverity s);
Str OperatorStr(session::OperatorState s);
/// @brief "08:42:10": the time of day `seconds` after `start` ("08:00").
std::string TimeOfDay(const std::string& start, double seconds);
/// @brief "1:02:03" or "12:03".
std::string Elapsed(double seconds);

}  // namespace netdrill::ui

namespace netdrill::ui {

/// @brief Buttons and selectables that tell a test where they are: with the
/// probe on, each records its rect under its visible label (the text before "##").
bool Button(const char* label, ImVec2 size = {0, 0});
bool SmallButton(const char* label);
bool Selectable(const char* label, bool selected = false, ImGuiSelectableFlags flags = 0, ImVec2 size = {0, 0});

struct ItemRect {
  ImVec2 min, max;
  ImVec2 Centre() const { return {(min.x + max.x) / 2, (min.y + max.y) / 2}; }
};
/// @brief The probe (tests only): off by default, and then it costs nothing.
void EnableItemProbe(bool on);
bool ItemProbeOn();
/// @brief The items drawn since the last ClearItemProbe, by label (the last one wins).
const std::vector<std::pair<std::string, ItemRect>>& ProbedItems();
void ClearItemProbe();
/// @brief Records the last item under `label` (text fields, sliders).
void ProbeLastItem(const char* label);

}  // namespace netdrill::ui
