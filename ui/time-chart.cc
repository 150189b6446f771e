#include "ui/time-chart.h"

#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace netdrill::ui {

double NiceStep(double span, int count) {
  if (span <= 0 || count <= 0) return 1.0;
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10.0 * power;
}

double NiceTimeStep(double spanS, int count) {
  static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  const double raw = spanS / std::max(count, 1);
  for (double s : steps)
    if (s >= raw) return s;
  return 86400.0 * std::ceil(raw / 86400.0);
}

namespace {

std::string FormatValue(double v) {
  char buf[32];
  if (std::fabs(v) >= 100 || std::fabs(v - std::round(v)) < 1e-6) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// "08:42" (or "08:42:10" when the ticks are under a minute apart).
std::string ClockLabel(const std::string& start, double t, bool seconds) {
  const std::string full = TimeOfDay(start, t);
  return seconds ? full : full.substr(0, 5);
}

}  // namespace

double DrawTimeChart(const char* id, const ChartData& d, ImVec2 size) {
  ImGui::PushID(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##chart", size);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  ProbeLastItem(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  // The plot area: room for the title above, the value labels left, the time labels below.
  const float left = origin.x + ImGui::CalcTextSize("00000").x + 6;
  const ImVec2 lo{left, origin.y + line + 4}, hi{origin.x + size.x - 6, origin.y + size.y - line - 6};
  double from = d.from, to = d.to;
  if (to <= from && !d.times.empty()) {
    from = d.times.front();
    to = d.times.back();
  }
  if (to <= from) to = from + 60.0;
  float yMin = d.yMin, yMax = d.yMax;
  if (yMax <= yMin) {
    float top = yMin;
    for (const ChartSeries& s : d.series)
      for (float v : s.values) top = std::max(top, v);
    const double step = NiceStep(std::max<double>(top - yMin, 1.0), 2);
    yMax = static_cast<float>(yMin + step * std::ceil(std::max<double>(top - yMin, 1.0) / step));
  }
  auto X = [&](double t) { return lo.x + static_cast<float>((t - from) / (to - from)) * (hi.x - lo.x); };
  auto Y = [&](double v) { return hi.y - static_cast<float>((v - yMin) / (yMax - yMin)) * (hi.y - lo.y); };

  const ImU32 axis = IM_COL32(150, 160, 175, 255), grid = IM_COL32(60, 68, 80, 255), text = IM_COL32(190, 198, 210, 255);
  dl->AddRectFilled(lo, hi, IM_COL32(22, 28, 36, 255));
  // Title and unit.
  std::string title = d.title;
  if (!d.unit.empty()) title += " (" + d.unit + ")";
  dl->AddText({origin.x, origin.y}, text, title.c_str());
  // The value axis: a few round values with grid lines.
  const double vStep = NiceStep(yMax - yMin, 3);
  for (double v = yMin; v <= yMax + 1e-6; v += vStep) {
    const float y = Y(v);
    dl->AddLine({lo.x, y}, {hi.x, y}, grid);
    const std::string label = FormatValue(v);
    dl->AddText({lo.x - ImGui::CalcTextSize(label.c_str()).x - 4, y - line / 2}, text, label.c_str());
  }
  // The time axis: clock times at round steps.
  const double tStep = NiceTimeStep(to - from, std::max(2, static_cast<int>((hi.x - lo.x) / 90)));
  for (double t = std::ceil(from / tStep) * tStep; t <= to + 1e-6; t += tStep) {
    const float x = X(t);
    dl->AddLine({x, hi.y}, {x, hi.y + 4}, axis);
    dl->AddLine({x, lo.y}, {x, hi.y}, grid);
    const std::string label = ClockLabel(d.clockStart, t, tStep < 60);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    dl->AddText({std::clamp(x - w / 2, origin.x, origin.x + size.x - w), hi.y + 5}, text, label.c_str());
  }
  dl->AddLine({lo.x, hi.y}, {hi.x, hi.y}, axis);
  dl->AddLine({lo.x, lo.y}, {lo.x, hi.y}, axis);
  // Marks: injects across the plot, actions as triangles on the time axis.
  const ImGuiIO& io = ImGui::GetIO();
  std::string markTip;
  for (const ChartMark& m : d.marks) {
    if (m.at < from || m.at > to) continue;
    const float x = X(m.at);
    if (m.below) {
      dl->AddTriangleFilled({x, hi.y - 7}, {x + 4, hi.y}, {x - 4, hi.y}, m.colour);
    } else {
      for (float y = lo.y; y < hi.y; y += 6) dl->AddLine({x, y}, {x, std::min(y + 3, hi.y)}, m.colour);
    }
    if (hovered && std::fabs(io.MousePos.x - x) < 4 && !m.text.empty())
      markTip += (markTip.empty() ? "" : "\n") + ClockLabel(d.clockStart, m.at, true) + "  " + m.text;
  }
  // The series, clipped to the plot.
  dl->PushClipRect(lo, {hi.x + 1, hi.y + 1}, true);
  std::vector<ImVec2> pts;
  for (const ChartSeries& s : d.series) {
    pts.clear();
    for (std::size_t i = 0; i < s.values.size() && i < d.times.size(); ++i) {
      const ImVec2 p{X(d.times[i]), Y(s.values[i])};
      if (!pts.empty() && std::fabs(p.x - pts.back().x) < 0.5f && std::fabs(p.y - pts.back().y) < 0.5f) continue;
      pts.push_back(p);
    }
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), s.colour, 0, 1.5f);
  }
  dl->PopClipRect();
  if (d.cursor >= from && d.cursor <= to) {
    const float x = X(d.cursor);
    dl->AddLine({x, lo.y}, {x, hi.y}, IM_COL32(255, 255, 255, 230), 2.0f);
  }
  // The legend, top right.
  float lx = hi.x;
  for (auto it = d.series.rbegin(); it != d.series.rend(); ++it) {
    const float w = ImGui::CalcTextSize(it->label.c_str()).x;
    lx -= w + 18;
    dl->AddLine({lx, origin.y + line / 2}, {lx + 12, origin.y + line / 2}, it->colour, 2.0f);
    dl->AddText({lx + 15, origin.y}, text, it->label.c_str());
  }
  // Under the mouse: the time and each value there.
  double picked = -1.0;
  if (hovered && io.MousePos.x >= lo.x && io.MousePos.x <= hi.x) {
    const double t = from + (io.MousePos.x - lo.x) / (hi.x - lo.x) * (to - from);
    const auto at = std::lower_bound(d.times.begin(), d.times.end(), t);
    std::string tip = ClockLabel(d.clockStart, t, true);
    if (at != d.times.end()) {
      const std::size_t i = static_cast<std::size_t>(at - d.times.begin());
      for (const ChartSeries& s : d.series)
        if (i < s.values.size()) tip += "\n" + s.label + ": " + FormatValue(s.values[i]) + (d.unit.empty() ? "" : " " + d.unit);
    }
    if (!markTip.empty()) tip += "\n" + markTip;
    ImGui::SetTooltip("%s", tip.c_str());
    if (clicked) picked = t;
  }
  ImGui::PopID();
  return picked;
}

}  // namespace netdrill::ui
