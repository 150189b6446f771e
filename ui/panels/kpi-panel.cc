// Conference endpoints good / degraded / lost, reachability per level, the
// busiest links, and small charts of the drill's KPIs over time.
#include "ui/panels/panels.h"
#include "ui/time-chart.h"
#include "ui/widgets.h"

#include <algorithm>
#include <array>

namespace netdrill::ui {

namespace {

int LevelRow(twin::SiteLevel level) {
  switch (level) {
    case twin::SiteLevel::Province: return 1;
    case twin::SiteLevel::District: return 2;
    case twin::SiteLevel::Commune: return 3;
    default: return 0;
  }
}

}  // namespace

void DrawKpiPanel(ConsoleContext& c) {
  const session::Snapshot* v = c.View();
  if (v == nullptr) return;
  const twin::Twin& twin = c.host.Twin();
  ImGui::TextUnformatted(c.T(Str::KpiConference));
  const auto& k = v->conference;
  if (k.endpoints == 0) {
    ImGui::TextDisabled("%s", c.T(Str::KpiNoConference));
  } else {
    const float n = static_cast<float>(k.endpoints);
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float good = w * static_cast<float>(k.good) / n, degraded = w * static_cast<float>(k.degraded) / n;
    dl->AddRectFilled(p, {p.x + good, p.y + 16}, IM_COL32(60, 170, 90, 255));
    dl->AddRectFilled({p.x + good, p.y}, {p.x + good + degraded, p.y + 16}, IM_COL32(225, 200, 40, 255));
    dl->AddRectFilled({p.x + good + degraded, p.y}, {p.x + w, p.y + 16}, IM_COL32(220, 40, 40, 255));
    ImGui::Dummy({w, 18});
    ImGui::Text("%d %s · %d %s · %d %s / %d", k.good, c.T(Str::KpiGood), k.degraded, c.T(Str::KpiDegraded), k.lost,
                c.T(Str::KpiLost), k.endpoints);
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::KpiReach));
  std::array<int, 4> total{}, reached{};
  const auto* reach = v->siteReachable.get();
  for (std::size_t i = 0; i < twin.Sites().size(); ++i) {
    const int row = LevelRow(twin.Sites()[i].level);
    ++total[row];
    if (reach == nullptr || i >= reach->size() || (*reach)[i]) ++reached[row];
  }
  const Str names[] = {Str::LevelCentral, Str::LevelProvince, Str::LevelDistrict, Str::LevelCommune};
  for (int r = 0; r < 4; ++r) {
    if (total[r] == 0) continue;
    const float frac = static_cast<float>(reached[r]) / static_cast<float>(total[r]);
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%d / %d", reached[r], total[r]);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, frac < 1.0f ? ImVec4(0.86f, 0.2f, 0.2f, 1) : ImVec4(0.24f, 0.66f, 0.35f, 1));
    ImGui::ProgressBar(frac, {200, 0}, overlay);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextUnformatted(c.T(names[r]));
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::KpiTopLinks));
  if (const auto* util = v->linkUtilisation.get()) {
    std::vector<std::pair<float, std::size_t>> top;
    for (std::size_t l = 0; l < util->size(); ++l)
      if ((*util)[l] > 0.0f) top.emplace_back((*util)[l], l);
    const std::size_t n = std::min<std::size_t>(5, top.size());
    std::partial_sort(top.begin(), top.begin() + static_cast<long>(n), top.end(), std::greater<>());
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& id = twin.Links()[top[i].second].id;
      if (Selectable((std::to_string(static_cast<int>(top[i].first * 100)) + " %  " + c.Name(id) + "##" + id).c_str(),
                     c.state.selectedLink == id)) {
        c.SelectElement(id);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", id.c_str());
    }
  }
  ImGui::Separator();
  DrawKpiCharts(c, v->simTime, -1.0, 110.0f);
}

double DrawKpiCharts(ConsoleContext& c, double until, double cursor, float height) {
  const drill::DrillResult& r = c.state.result;
  if (r.series.size() < 2) return -1.0;
  ChartData conference, counts;
  conference.title = c.T(Str::KpiChartConference);
  conference.unit = "%";
  conference.yMin = 0;
  conference.yMax = 100;
  counts.title = c.T(Str::KpiChartCounts);
  counts.unit = c.T(Str::UnitCount);
  ChartSeries good{c.T(Str::KpiSeriesGood), {}, IM_COL32(90, 200, 120, 255)};
  ChartSeries lost{c.T(Str::KpiSeriesLost), {}, IM_COL32(235, 80, 70, 255)};
  ChartSeries alarms{c.T(Str::KpiSeriesAlarms), {}, IM_COL32(240, 180, 50, 255)};
  for (const drill::KpiSample& k : r.series) {
    if (k.at > until + 1e-9) break;  // a scrubbed console shows the series up to its moment
    conference.times.push_back(k.at);
    good.values.push_back(static_cast<float>(k.conferenceGoodPct));
    lost.values.push_back(static_cast<float>(k.sitesUnreachable));
    alarms.values.push_back(static_cast<float>(k.alarmsActive));
  }
  conference.series.push_back(std::move(good));
  counts.times = conference.times;
  counts.series.push_back(std::move(lost));
  counts.series.push_back(std::move(alarms));
  // The trainee's actions, always; the injects only where they give nothing away.
  const bool injects = c.Debrief() || c.Instructor();
  for (const drill::TimelineItem& item : r.timeline) {
    if (item.at > until + 1e-9) continue;
    if (item.who == "trainee") counts.marks.push_back({item.at, IM_COL32(80, 220, 255, 255), c.Named(item.text), true});
    else if (injects && (item.who == "scenario" || item.who == "caller"))
      counts.marks.push_back({item.at, IM_COL32(255, 150, 60, 200), c.Named(item.text), false});
  }
  conference.marks = counts.marks;
  for (ChartData* d : {&conference, &counts}) {
    d->from = 0.0;
    d->to = std::max(until, 60.0);
    d->cursor = cursor;
    d->clockStart = c.host.CurrentDrill().clock;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  double picked = -1.0;
  if (c.View() != nullptr && c.View()->conference.endpoints > 0) picked = DrawTimeChart("##conference-chart", conference, {w, height});
  const double p2 = DrawTimeChart("##counts-chart", counts, {w, height});
  return p2 >= 0 ? p2 : picked;
}

}  // namespace netdrill::ui
