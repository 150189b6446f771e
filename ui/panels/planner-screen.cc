// The planner's what-if bench: base and edit file, apply and sweep with a
// progress bar, then the two maps side by side and every failure that changed.
#include "ui/map-view.h"
#include "ui/panels/panels.h"
#include "ui/planner-bench.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

namespace netdrill::ui {

namespace {

std::unique_ptr<MapView> MapFor(const twin::Twin& t, const std::string& assetsDir) {
  twin::Diagnostics diags;
  auto g = LoadMapGeometry(assetsDir, t.era == 2025 ? 2025 : 2024, diags);
  return std::make_unique<MapView>(t, g ? std::move(*g) : MapGeometry{});
}

// The element a comparison row names, as the map selects it: a site (or a router's site), or a link.
void Selection(const twin::Twin& t, const whatif::DiffRow& row, std::string& site, std::string& link) {
  site.clear();
  link.clear();
  if (row.kind == "link" && t.FindLink(row.id).IsValid()) link = row.id;
  else if (row.kind == "node") site = row.id.substr(0, row.id.rfind("/r") != std::string::npos ? row.id.rfind("/r") : row.id.size());
}

}  // namespace

void DrawPlannerScreen(ConsoleContext& c, PlannerBench& bench, PlannerMaps& maps) {
  ConsoleState& s = c.state;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##planner", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::TextUnformatted(c.T(Str::Planner));
  if (c.fonts.large != nullptr) ImGui::PopFont();
  ImGui::SameLine(io.DisplaySize.x - 420);
  if (SmallButton(c.T(Str::Language))) s.lang = s.lang == Lang::Vi ? Lang::En : Lang::Vi;
  ImGui::SameLine();
  if (SmallButton(c.T(Str::PlannerBack))) s.screen = Screen::Start;
  ImGui::TextUnformatted(c.T(Str::PlannerBase));
  ImGui::SetNextItemWidth(420);
  ImGui::InputText("##base", &s.plannerBase);
  ProbeLastItem("##base");
  ImGui::SameLine();
  ImGui::TextUnformatted(c.T(Str::PlannerEdit));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(420);
  ImGui::InputText("##edit", &s.plannerEdit);
  ProbeLastItem("##edit");
  ImGui::SameLine();
  if (bench.Busy()) {
    ImGui::ProgressBar(bench.Progress(), {220, 0}, c.T(Str::PlannerWorking));
  } else if (Button(c.T(Str::PlannerRun)) && !s.plannerBase.empty() && !s.plannerEdit.empty()) {
    bench.Start(s.plannerBase, s.plannerEdit);
    s.plannerRow = -1;
  }
  const PlannerBench::Outcome* out = bench.Result();
  if (out == nullptr) {
    ImGui::End();
    return;
  }
  if (!out->error.empty()) {
    ImGui::TextColored({1, 0.4f, 0.4f, 1}, "%s: %s", c.T(Str::PlannerError), out->error.c_str());
    ImGui::End();
    return;
  }
  if (maps.of != out) {
    maps.base = MapFor(*out->base, c.assetsDir);
    maps.fork = MapFor(*out->fork, c.assetsDir);
    maps.of = out;
    maps.fitted = false;
  }
  // The two maps, side by side; the selected failure's element marked on both.
  const float w = (ImGui::GetContentRegionAvail().x - 8) / 2;
  const float h = ImGui::GetContentRegionAvail().y * 0.55f;
  std::string siteB, linkB, siteF, linkF;
  if (s.plannerRow >= 0 && s.plannerRow < static_cast<int>(out->diff.singles.size())) {
    Selection(*out->base, out->diff.singles[static_cast<std::size_t>(s.plannerRow)], siteB, linkB);
    Selection(*out->fork, out->diff.singles[static_cast<std::size_t>(s.plannerRow)], siteF, linkF);
  }
  auto drawMap = [&](const char* id, Str title, MapView& map, const std::string& site, const std::string& link) {
    ImGui::BeginChild(id, {w, h}, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::TextUnformatted(c.T(title));
    const ImVec2 lo = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (!maps.fitted) map.FitAll(avail);
    ImGui::InvisibleButton("##map", avail);
    map.Draw(ImGui::GetWindowDrawList(), lo, {lo.x + avail.x, lo.y + avail.y}, nullptr, site, link,
             ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem));
    ImGui::EndChild();
  };
  drawMap("##before", Str::PlannerBefore, *maps.base, siteB, linkB);
  ImGui::SameLine();
  drawMap("##after", Str::PlannerAfter, *maps.fork, siteF, linkF);
  maps.fitted = true;
  const auto& d = out->diff;
  ImGui::Text("%s: %d / %d / %d / %d / %d   (%zu + %zu)", c.T(Str::PlannerSummary), d.better, d.worse, d.unchanged, d.added,
              d.gone, out->before.singles.size(), out->after.singles.size());
  if (ImGui::BeginTable("##rows", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(c.T(Str::PlannerFailure), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(c.T(Str::PlannerVerdict), ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn(c.T(Str::PlannerChanges), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("##n", ImGuiTableColumnFlags_WidthFixed, 1);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < d.singles.size(); ++i) {
      const whatif::DiffRow& row = d.singles[i];
      if (row.verdict == whatif::Verdict::Unchanged) continue;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const ImU32 tint = row.verdict == whatif::Verdict::Worse    ? IM_COL32(150, 40, 40, 160)
                         : row.verdict == whatif::Verdict::Better ? IM_COL32(40, 130, 60, 160)
                                                                  : IM_COL32(60, 70, 90, 120);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, tint);
      if (Selectable((row.kind + " " + row.id + "##" + std::to_string(i)).c_str(), s.plannerRow == static_cast<int>(i),
                     ImGuiSelectableFlags_SpanAllColumns))
        s.plannerRow = static_cast<int>(i);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(whatif::VerdictName(row.verdict));
      ImGui::TableSetColumnIndex(2);
      std::string what;
      for (const auto& ch : row.changes) what += (what.empty() ? "" : "; ") + ch;
      ImGui::TextUnformatted(what.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace netdrill::ui
