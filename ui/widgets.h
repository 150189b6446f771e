// Small pieces the panels share: a text field that types Telex when the
// console's Telex mode is on, severity names and colours, clock formatting.
#pragma once

#include "sim/alarms.h"
#include "ui/console-state.h"
#include "ui/strings.h"

#include <imgui.h>

#include <string>

namespace netdrill::ui {

/// @brief A one-line text field; with Telex on, "Vieejt" becomes "Việt" as it is typed.
/// Returns true when Enter is pressed (with `enterReturns`) or the text changed.
bool TextField(const char* id, std::string* text, ConsoleState& state, ImGuiInputTextFlags flags = 0,
               ImGuiInputTextCallback extra = nullptr, void* extraData = nullptr);

Str SeverityStr(sim::AlarmSeverity s);
ImU32 SeverityColour(sim::AlarmSeverity s);
Str OperatorStr(sim::OperatorState s);
/// @brief "08:42:10": the time of day `seconds` after `start` ("08:00").
std::string TimeOfDay(const std::string& start, double seconds);
/// @brief "1:02:03" or "12:03".
std::string Elapsed(double seconds);

}  // namespace netdrill::ui
