// After the drill: the score, a slider and the KPI charts over the whole drill
// that show the whole console at any second (a click on a chart moves there),
// "continue from here", the HTML after-action report, the objectives and
// costs, and the timeline of what happened.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>

namespace netdrill::ui {

void DrawDebriefPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const drill::DrillResult& r = s.result;
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::Text("%s: %.0f / 100", c.T(Str::DebriefScore), r.score);
  if (c.fonts.large != nullptr) ImGui::PopFont();
  ImGui::Separator();
  // The timeline slider: every kept second of the run.
  const auto history = c.host.History();
  const double end = history.empty() ? 0.0 : history.back()->simTime;
  float at = static_cast<float>(s.scrubAt < 0 ? end : s.scrubAt);
  ImGui::TextUnformatted(c.T(Str::DebriefTimeline));
  ImGui::SetNextItemWidth(-1);
  const std::string shown = c.ClockAt(at) + "  (+" + Elapsed(at) + ")";
  if (ImGui::SliderFloat("##scrub", &at, 0.0f, static_cast<float>(end), shown.c_str())) s.scrubAt = at;
  ProbeLastItem("##scrub");
  // The whole drill's KPIs, the cursor at the chosen second; a click on a chart moves there.
  if (const double picked = DrawKpiCharts(c, end, at, 120.0f); picked >= 0) s.scrubAt = picked;
  if (Button(c.T(Str::DebriefContinue))) s.continueRequested = true;
  ImGui::SameLine();
  if (Button(c.T(Str::DebriefBack))) s.screen = Screen::Start;
  ImGui::SetNextItemWidth(-200);
  ImGui::InputText("##report", &s.reportPath);
  ImGui::SameLine();
  if (Button(c.T(Str::DebriefReport))) {
    std::string error;
    s.reportSaved = c.host.WriteReport(s.reportPath, error) ? std::string(c.T(Str::DebriefReportSaved)) + ": " + s.reportPath
                                                            : error;
  }
  if (!s.reportSaved.empty()) ImGui::TextDisabled("%s", s.reportSaved.c_str());
  ImGui::Separator();
  if (ImGui::BeginTable("##objectives", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn(c.T(Str::DebriefObjective), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(c.T(Str::DebriefPoints));
    ImGui::TableSetupColumn(c.T(Str::DebriefMetAt));
    ImGui::TableHeadersRow();
    for (const drill::ObjectiveResult& o : r.objectives) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextWrapped("%s", o.title.In(c.LangCode()).c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::Text("%.0f / %.0f", o.points, o.weight);
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(o.metAt ? c.ClockAt(*o.metAt).c_str() : c.T(Str::DebriefNotMet));
    }
    ImGui::EndTable();
  }
  ImGui::Text("%s: -%.0f   %s: -%.0f   %s: -%.0f   %s: -%.0f   %s: -%.0f", c.T(Str::DebriefHintCost), r.hintCosts,
              c.T(Str::DebriefPenalty), r.penaltyPoints, c.T(Str::DebriefGuessCost), r.declarationCosts + r.blindCosts,
              c.T(Str::DebriefCollateral), r.collateralCosts, c.T(Str::DebriefUnresolved), r.unresolvedCosts);
  for (const std::string& left : r.leftAtEnd) ImGui::TextWrapped("%s: %s", c.T(Str::DebriefLeft), left.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::DebriefEvents));
  ImGui::BeginChild("##events", {0, std::max(220.0f, ImGui::GetContentRegionAvail().y)});
  for (const drill::TimelineItem& item : r.timeline) {
    const bool past = item.at <= at + 1e-6;
    ImGui::TextColored(past ? ImVec4(0.9f, 0.9f, 0.9f, 1) : ImVec4(0.5f, 0.5f, 0.5f, 1), "%s  [%s]  %s",
                       c.ClockAt(item.at).c_str(), item.who.c_str(), c.Named(item.text).c_str());
    if (ImGui::IsItemClicked()) s.scrubAt = item.at;
  }
  ImGui::EndChild();
}

}  // namespace netdrill::ui
