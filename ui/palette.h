// The console's colours for states and severities, in two palettes: the usual
// NOC colours (green, yellow, orange, red) and one safe for colour-blind eyes
// (Okabe & Ito, 2008: blue, yellow, orange, vermillion). Either way a state
// also differs in shape on the map (docs/trainee-guide.md, "Reading the map").
#pragma once

#include "session/alarms.h"

#include <imgui.h>

#include <cstdint>

namespace netdrill::ui {

enum class Palette : std::uint8_t { Standard, ColourBlind };

/// @brief A site's or link's state as the map colours it, worst last.
enum class MapState : std::uint8_t { Normal, Loaded, Congested, Lost };

ImU32 MapStateColour(MapState s, Palette palette = Palette::Standard);
ImU32 SeverityColour(session::AlarmSeverity s, Palette palette = Palette::Standard);

}  // namespace netdrill::ui
