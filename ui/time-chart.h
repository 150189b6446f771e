// A chart of values over the drill's time, as an operator's tools draw one:
// a time axis in clock time (the top bar's "08:42"), a value axis with its
// unit, vertical marks where something happened (an inject, the trainee's
// action), a tooltip with the values under the mouse, and a cursor (the
// debrief's chosen second). No GL: ImGui's draw list.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace netdrill::ui {

struct ChartSeries {
  std::string label;
  std::vector<float> values;  ///< one per ChartData::times
  ImU32 colour = IM_COL32_WHITE;
};

struct ChartMark {
  double at = 0.0;
  ImU32 colour = IM_COL32_WHITE;
  std::string text;  ///< the tooltip when hovered
  bool below = false;  ///< a triangle under the axis (an action) rather than a line across (an inject)
};

struct ChartData {
  std::string title;
  std::string unit;            ///< "%", "điểm", "alarms": shown on the value axis
  std::vector<double> times;   ///< seconds from the drill's start, increasing
  std::vector<ChartSeries> series;
  std::vector<ChartMark> marks;
  double from = 0.0, to = 0.0;  ///< the time axis' span (to <= from: the data's)
  float yMin = 0.0f;
  float yMax = -1.0f;          ///< < yMin: from the data (a round number above its largest value)
  double cursor = -1.0;        ///< < 0: none
  std::string clockStart = "00:00";  ///< the drill's clock at 0 ("08:00")
};

/// @brief Nice tick steps for a span: 1, 2 or 5 times a power of ten (values), or a
/// round number of seconds, minutes or hours (time) giving about `count` ticks.
double NiceStep(double span, int count);
double NiceTimeStep(double spanS, int count);

/// @brief Draws the chart in a box `size` wide and high at the cursor. Returns the time
/// clicked on it (the debrief moves there), or a negative number.
double DrawTimeChart(const char* id, const ChartData& data, ImVec2 size);

}  // namespace netdrill::ui
