// Conference endpoints good / degraded / lost, reachability per level, the
// busiest links, and small charts of the drill's KPIs over time.
#include "ui/panels/panels.h"
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
  const auto& series = c.state.result.series;
  if (series.size() >= 2) {
    std::vector<float> good, lost, alarms;
    for (const auto& k2 : series) {
      if (v != nullptr && k2.at > v->simTime) break;  // a scrubbed debrief shows the series up to its moment
      good.push_back(static_cast<float>(k2.conferenceGoodPct));
      lost.push_back(static_cast<float>(k2.sitesUnreachable));
      alarms.push_back(static_cast<float>(k2.alarmsActive));
    }
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PlotLines("##good", good.data(), static_cast<int>(good.size()), 0, c.T(Str::KpiSeriesGood), 0.0f, 100.0f, {w, 50});
    ImGui::PlotLines("##lost", lost.data(), static_cast<int>(lost.size()), 0, c.T(Str::KpiSeriesLost), 0.0f, FLT_MAX, {w, 50});
    ImGui::PlotLines("##alarms", alarms.data(), static_cast<int>(alarms.size()), 0, c.T(Str::KpiSeriesAlarms), 0.0f, FLT_MAX, {w, 50});
  }
}

}  // namespace netdrill::ui
