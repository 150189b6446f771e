#include "ui/palette.h"

namespace netdrill::ui {

ImU32 MapStateColour(MapState s, Palette palette) {
  const bool safe = palette == Palette::ColourBlind;
  switch (s) {
    case MapState::Normal: return safe ? IM_COL32(0, 114, 178, 255) : IM_COL32(60, 170, 90, 255);
    case MapState::Loaded: return safe ? IM_COL32(240, 228, 66, 255) : IM_COL32(225, 200, 40, 255);
    case MapState::Congested: return safe ? IM_COL32(230, 159, 0, 255) : IM_COL32(240, 130, 20, 255);
    case MapState::Lost: return safe ? IM_COL32(213, 94, 0, 255) : IM_COL32(220, 40, 40, 255);
  }
  return IM_COL32_WHITE;
}

ImU32 SeverityColour(session::AlarmSeverity s, Palette palette) {
  // The usual NOC colours (X.733 practice): red, orange, yellow, cyan; grey once cleared.
  const bool safe = palette == Palette::ColourBlind;
  switch (s) {
    case session::AlarmSeverity::Critical: return safe ? IM_COL32(213, 94, 0, 255) : IM_COL32(200, 30, 30, 255);
    case session::AlarmSeverity::Major: return safe ? IM_COL32(230, 159, 0, 255) : IM_COL32(230, 120, 20, 255);
    case session::AlarmSeverity::Minor: return safe ? IM_COL32(240, 228, 66, 255) : IM_COL32(220, 200, 30, 255);
    case session::AlarmSeverity::Warning: return safe ? IM_COL32(86, 180, 233, 255) : IM_COL32(40, 170, 220, 255);
    case session::AlarmSeverity::Indeterminate: return IM_COL32(150, 110, 200, 255);
    case session::AlarmSeverity::Cleared: return safe ? IM_COL32(150, 150, 150, 255) : IM_COL32(90, 160, 90, 255);
  }
  return IM_COL32_WHITE;
}

}  // namespace netdrill::ui
