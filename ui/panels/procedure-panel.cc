// The drill's step-by-step procedure for the incident, steps ticked as the
// objectives that stand for them are met; and the objectives with their hints.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

namespace netdrill::ui {

void DrawProcedurePanel(ConsoleContext& c) {
  const drill::Procedure* p = c.host.CurrentProcedure();
  if (p == nullptr) {
    ImGui::TextDisabled("%s", c.T(Str::ProcedureNone));
    return;
  }
  ImGui::TextUnformatted(p->title.In(c.LangCode()).c_str());
  ImGui::Separator();
  for (std::size_t i = 0; i < p->steps.size(); ++i) {
    const std::string step = p->id + "/" + std::to_string(i + 1);
    bool done = false;
    for (const drill::ObjectiveResult& o : c.state.result.objectives)
      if (o.step == step && o.metAt && (c.View() == nullptr || *o.metAt <= c.View()->simTime)) done = true;
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
  for (const drill::ObjectiveResult& o : c.state.result.objectives) {
    const bool met = o.metAt && *o.metAt <= now;
    ImGui::TextColored(met ? ImVec4(0.4f, 0.85f, 0.5f, 1) : ImVec4(0.9f, 0.9f, 0.9f, 1), "%s %s",
                       met ? "[x]" : "[ ]", o.title.In(c.LangCode()).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(%s %s, %s)", c.T(Str::ObjectiveBy), Elapsed(o.byS).c_str(),
                        c.T(met ? Str::ObjectiveMet : Str::ObjectiveOpen));
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::Hints));
  bool any = false;
  for (const drill::ObjectiveResult& o : c.state.result.objectives) {
    if (!o.hintShown) continue;
    for (const drill::Objective& obj : d.objectives) {
      if (obj.id != o.id || !obj.hint) continue;
      ImGui::TextWrapped("• %s", obj.hint->text.In(c.LangCode()).c_str());
      any = true;
    }
  }
  if (!any) ImGui::TextDisabled("%s", c.T(Str::HintNone));
}

}  // namespace netdrill::ui
