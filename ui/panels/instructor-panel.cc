// The instructor's panel: the inject timeline (fire one now), a caller's
// message, any fault, a jump of the clock, the score live. Never drawn in
// trainee mode.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

namespace netdrill::ui {

void DrawInstructorPanel(ConsoleContext& c) {
  if (!c.Instructor()) return;  // the answer key and future injects stay hidden from trainees
  ConsoleState& s = c.state;
  const double now = c.View() != nullptr ? c.View()->simTime : 0.0;
  ImGui::Text("%s: %.0f / 100", c.T(Str::InstructorLiveScore), s.result.score);
  for (const drill::ObjectiveResult& o : s.result.objectives)
    ImGui::BulletText("%s  %.0f / %.0f", o.id.c_str(), o.points, o.weight);
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::InstructorTimeline));
  if (ImGui::BeginTable("##injects", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY,
                        {0, 200})) {
    for (const InjectView& i : c.host.Injects()) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (i.fired) ImGui::TextDisabled("%s", c.T(Str::InstructorFired));
      else if (i.dueAt) ImGui::Text("%s %s", c.T(Str::InstructorDue), Elapsed(*i.dueAt).c_str());
      else ImGui::TextUnformatted(c.T(Str::InstructorOnTrigger));
      ImGui::TableSetColumnIndex(1);
      ImGui::TextWrapped("%s", i.what.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::PushID(static_cast<int>(i.index));
      if (!i.fired && SmallButton(c.T(Str::InstructorFireNow))) c.host.FireInject(i.index);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::InstructorCallerAs));
  ImGui::SetNextItemWidth(200);
  ImGui::InputText("##caller-site", &s.callerSite);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-80);
  TextField("##caller-text", &s.callerText, s);
  ImGui::SameLine();
  if (Button(c.T(Str::MessagesSend)) && !s.callerSite.empty() && !s.callerText.empty()) {
    c.SendAs("caller " + s.callerSite + ": " + s.callerText, session::Role::Instructor);
    s.callerText.clear();
  }
  ImGui::TextUnformatted(c.T(Str::InstructorFault));
  ImGui::SetNextItemWidth(-80);
  ImGui::InputText("##fault", &s.faultText);
  ImGui::SameLine();
  if (Button(c.T(Str::InstructorFireNow)) && !s.faultText.empty()) {
    c.SendAs("fault " + s.faultText, session::Role::Instructor);
    s.faultText.clear();
  }
  ImGui::TextUnformatted(c.T(Str::InstructorJump));
  for (int minutes : {1, 5, 15}) {
    ImGui::SameLine();
    const std::string label = "+" + std::to_string(minutes) + " min";
    if (SmallButton(label.c_str())) {
      s.jumpTo = now + minutes * 60.0;
      c.SendAs(session::cmd::SetPace{session::Verb::Speed, 1e9}, session::Role::Instructor);
    }
  }
}

}  // namespace netdrill::ui
