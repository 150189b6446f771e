// The drill's step-by-step procedure for the incident, steps ticked as the
// objectives that stand for them are met; and the objectives with their hints.
#include "ui/assist-view.h"
#include "ui/panels/panels.h"
#include "twin/units.h"
#include "ui/widgets.h"

namespace netdrill::ui {

void DrawProcedurePanel(ConsoleContext& c) {
  if (!drill::RulesOf(c.host.CurrentAssist()).procedure && !c.Debrief()) {
    ImGui::TextWrapped("%s", c.T(Str::ProcedureHidden));
    return;
  }
  const drill::Procedure* p = c.host.CurrentProcedure();
  if (p == nullptr) {
    ImGui::TextDisabled("%s", c.T(Str::ProcedureNone));
    return;
  }
  ImGui::TextUnformatted(p->title.In(c.LangCode()).c_str());
  ImGui::Separator();
  for (std::size_t i = 0; i < p->steps.size(); ++i) {
    const std::string step = p->id + "/" + std::to_string(i + 1);
    // Steps tick only where objectives do (guided, the debrief, the instructor).
    const bool ticks = drill::RulesOf(c.host.CurrentAssist()).liveTicks || c.Debrief() || c.Instructor();
    bool done = false;
    for (const drill::ObjectiveResult& o : c.state.result.objectives)
      if (ticks && o.step == step && o.metAt && (c.View() == nullptr || *o.metAt <= c.View()->simTime)) done = true;
    ImGui::PushID(static_cast<int>(i));
    ImGui::BeginDisabled();
    ImGui::Checkbox("##done", &done);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextWrapped("%zu. %s", i + 1, p->steps[i].In(c.LangCode()).c_str());
    ImGui::PopID();
  }
}

void DrawObjectivesPanel(ConsoleContext& c) {
  const drill::Drill& d = c.host.CurrentDrill();
  const double now = c.View() != nullptr ? c.View()->simTime : 0.0;
  const drill::Assist assist = c.host.CurrentAssist();
  const auto lines = ObjectiveLines(d, c.state.result, assist, now, c.LangCode(), c.Debrief() || c.Instructor());
  bool ticks = true;
  for (const ObjectiveLine& o : lines) {
    ticks = ticks && o.showsState;
    if (!o.showsState) {
      ImGui::BulletText("%s", o.title.c_str());
    } else {
      ImGui::TextColored(o.met ? ImVec4(0.4f, 0.85f, 0.5f, 1) : ImVec4(0.9f, 0.9f, 0.9f, 1), "%s %s", o.met ? "[x]" : "[ ]",
                         o.title.c_str());
    }
    ImGui::SameLine();
    if (o.showsState) {
      ImGui::TextDisabled("(%s %s, %s)", c.T(Str::ObjectiveBy), Elapsed(o.byS).c_str(),
                          c.T(o.met ? Str::ObjectiveMet : Str::ObjectiveOpen));
    } else {
      ImGui::TextDisabled("(%s %s)", c.T(Str::ObjectiveBy), Elapsed(o.byS).c_str());
    }
  }
  if (!ticks) ImGui::TextDisabled("%s", c.T(Str::ObjectivesNoTicks));
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::Hints));
  if (!drill::RulesOf(assist).hintsOnRequest && !c.Debrief()) {
    ImGui::TextDisabled("%s", c.T(Str::HintsExam));
    return;
  }
  bool any = false;
  for (const ObjectiveLine& o : lines) {
    if (o.hint.empty()) continue;
    ImGui::TextWrapped("• %s", o.hint.c_str());
    any = true;
  }
  if (!any) ImGui::TextDisabled("%s", c.T(Str::HintNone));
  // Hints on request: one button per objective not met that has one, with what it costs.
  for (const ObjectiveLine& o : lines) {
    if (!o.canAskHint || c.ReadOnly()) continue;
    const std::string label = std::string(c.T(Str::HintAsk)) + ": " + o.title + " (-" + twin::FormatNumber(o.hintCost) +
                              " " + c.T(Str::HintPoints) + ")##hint-" + o.id;
    if (Button(label.c_str())) c.Send(session::cmd::RequestHint{o.id});
  }
}

}  // namespace netdrill::ui
