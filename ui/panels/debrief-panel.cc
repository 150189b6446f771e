// After the drill: the score and its breakdown, the timeline of what happened,
// a slider that shows the whole console at any second, "continue from here",
// and the HTML after-action report.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

namespace netdrill::ui {

void DrawDebriefPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const drill::DrillResult& r = s.result;
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::Text("%s: %.0f / 100", c.T(Str::DebriefScore), r.score);
  if (c.fonts.large != nullptr) ImGui::PopFont();
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
      ImGui::TextUnformatted(o.metAt ? Elapsed(*o.metAt).c_str() : c.T(Str::DebriefNotMet));
    }
    ImGui::EndTable();
  }
  ImGui::Text("%s: -%.0f   %s: -%.0f   %s: -%.0f   %s: -%.0f   %s: -%.0f", c.T(Str::DebriefHintCost), r.hintCosts,
              c.T(Str::DebriefPenalty), r.penaltyPoints, c.T(Str::DebriefGuessCost), r.declarationCosts + r.blindCosts,
              c.T(Str::DebriefCollateral), r.collateralCosts, c.T(Str::DebriefUnresolved), r.unresolvedCosts);
  for (const std::string& left : r.leftAtEnd) ImGui::TextWrapped("%s: %s", c.T(Str::DebriefLeft), left.c_str());
  ImGui::Separator();
  // The timeline slider: every kept second of the run.
  const auto history = c.host.History();
  const double end = history.empty() ? 0.0 : history.back()->simTime;
  float at = static_cast<float>(s.scrubAt < 0 ? end : s.scrubAt);
  ImGui::TextUnformatted(c.T(Str::DebriefTimeline));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##scrub", &at, 0.0f, static_cast<float>(end), Elapsed(at).c_str())) s.scrubAt = at;
  ProbeLastItem("##scrub");
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
  ImGui::TextUnformatted(c.T(Str::DebriefEvents));
  ImGui::BeginChild("##events");
  for (const drill::TimelineItem& item : r.timeline) {
    const bool past = item.at <= at + 1e-6;
    ImGui::TextColored(past ? ImVec4(0.9f, 0.9f, 0.9f, 1) : ImVec4(0.5f, 0.5f, 0.5f, 1), "%s  [%s]  %s",
                       Elapsed(item.at).c_str(), item.who.c_str(), item.text.c_str());
    if (ImGui::IsItemClicked()) s.scrubAt = item.at;
  }
  ImGui::EndChild();
}

}  // namespace netdrill::ui
