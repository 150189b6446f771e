// The restorations the engine offers for the selected element, with the time
// each takes; and the trainee's diagnosis (declare the cause).
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

#include <cstdio>

namespace netdrill::ui {

namespace {

Str LabelKey(const std::string& name) {
  for (std::size_t i = 0; i < kStrCount; ++i)
    if (name == StrName(static_cast<Str>(i))) return static_cast<Str>(i);
  return Str::ActionsDo;
}

std::string Takes(ConsoleContext& c, const OfferedAction& a) {
  char buf[96];
  switch (a.takes) {
    case OfferedAction::Takes::AtOnce: return c.T(Str::ActionsAtOnce);
    case OfferedAction::Takes::Seconds:
      std::snprintf(buf, sizeof buf, "~%.1f s: %s", a.estimateS, c.T(Str::ActionsSeconds));
      return buf;
    case OfferedAction::Takes::Hours:
      std::snprintf(buf, sizeof buf, "~%.0f h: %s", a.estimateS / 3600.0, c.T(Str::ActionsHours));
      return buf;
  }
  return {};
}

}  // namespace

void DrawActionsPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const std::string element = !s.selectedLink.empty() ? s.selectedLink : s.selectedSite;
  if (element.empty()) {
    ImGui::TextWrapped("%s", c.T(Str::ActionsNone));
  } else {
    ImGui::TextWrapped("%s %s", c.T(Str::ActionsFor), c.Name(element).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", element.c_str());
    if (!drill::RulesOf(c.host.CurrentAssist()).offeredActions) ImGui::TextWrapped("%s", c.T(Str::ActionsHidden));
    const auto offered = c.host.Offer(element);
    if (ImGui::BeginTable("##offer", 3, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn(c.T(Str::Actions), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn(c.T(Str::ActionsTakes), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("##do", ImGuiTableColumnFlags_WidthFixed, 90);
      ImGui::TableHeadersRow();
      for (const OfferedAction& a : offered) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(c.T(LabelKey(a.label)));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.command.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextWrapped("%s", Takes(c, a).c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::PushID(a.command.c_str());
        if (!c.ReadOnly() && SmallButton(c.T(Str::ActionsDo))) c.Send(a.command);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  // The field teams of the selected element's province (or every busy one): who is free, who comes when.
  if (const session::Snapshot* v = c.View(); v != nullptr && v->teams) {
    const twin::LinkId link = c.host.Twin().FindLink(element);
    const std::string province = link.IsValid() ? twin::FieldTeams::ProvinceOf(c.host.Twin(), link) : std::string();
    ImGui::Separator();
    ImGui::TextUnformatted(c.T(Str::Teams));
    bool any = false;
    for (const twin::FieldTeam& t : *v->teams) {
      const bool busy = t.available && t.doneS > v->simTime;
      if (province.empty() ? !busy : t.province != province) continue;
      any = true;
      const std::string state = !t.available ? c.T(Str::TeamOffDuty)
                                : busy       ? std::string(c.T(Str::TeamBusy)) + " " + c.Name(t.link) + " → " + c.ClockAt(t.doneS)
                                             : c.T(Str::TeamIdle);
      ImGui::BulletText("%s #%d: %s", c.Name(t.province).c_str(), t.number, state.c_str());
    }
    if (!any) ImGui::TextDisabled("%s", c.T(Str::TeamsNoneBusy));
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::Declare));
  ImGui::TextWrapped("%s", c.T(Str::DeclareHelp));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##declare", &s.declareElement);
  if (!element.empty() && SmallButton(c.T(Str::DeclareUseSelected))) s.declareElement = element;
  ImGui::SameLine();
  if (!c.ReadOnly() && Button(c.T(Str::DeclareDo)) && !s.declareElement.empty())
    c.Send("declare cause " + s.declareElement);
  if (const session::Snapshot* v = c.View()) {
    for (const session::Declaration& d : v->declarations)
      ImGui::BulletText("%s %s: %s", c.ClockAt(d.at).c_str(), c.T(Str::Declared), c.Name(d.element).c_str());
  }
}

}  // namespace netdrill::ui
