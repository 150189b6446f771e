// The clock (time of day from the drill's start, elapsed), speed and pause
// (the trainee's speed limited by the drill), the language, and the end.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <cstdio>

namespace netdrill::ui {

void DrawTopBar(ConsoleContext& c) {
  const session::Snapshot* v = c.View();
  const drill::Drill& d = c.host.CurrentDrill();
  const double t = v != nullptr ? v->simTime : 0.0;
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::Text("%s %s", c.T(Str::Clock), TimeOfDay(d.clock, t).c_str());
  if (c.fonts.large != nullptr) ImGui::PopFont();
  ImGui::SameLine();
  ImGui::Text("  %s %s / %s", c.T(Str::Elapsed), Elapsed(t).c_str(), Elapsed(d.durationS).c_str());
  ImGui::SameLine();
  if (v != nullptr && v->ended) ImGui::TextColored({1, 0.5f, 0.3f, 1}, "  %s", c.T(Str::Ended));
  else if (c.host.Speed() <= 0) ImGui::TextColored({1, 0.8f, 0.2f, 1}, "  %s", c.T(Str::Paused));
  if (!c.ReadOnly()) {
    ImGui::SameLine();
    ImGui::Text("  %s", c.T(Str::Speed));
    for (double sp : session::PaceSpeeds()) {
      if (!c.Instructor() && sp > d.maxSpeed) continue;  // the drill limits the trainee
      ImGui::SameLine();
      char label[16];
      std::snprintf(label, sizeof label, "%gx", sp);
      const bool current = c.host.Speed() == sp;
      if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (SmallButton(label)) c.Send(session::cmd::SetPace{session::Verb::Speed, sp});
      if (current) ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    const bool paused = c.host.Speed() <= 0;
    if (SmallButton(paused ? c.T(Str::Resume) : c.T(Str::Pause)))
      c.Send(session::cmd::SetPace{paused ? session::Verb::Resume : session::Verb::Pause, 1.0});
  }
  if (c.Instructor()) {
    ImGui::SameLine();
    ImGui::Text("  %s: %.0f", c.T(Str::InstructorLiveScore), c.host.Result().score);
  }
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(right - 330);
  if (SmallButton(c.T(Str::Language))) c.state.lang = c.state.lang == Lang::Vi ? Lang::En : Lang::Vi;
  ImGui::SameLine();
  ImGui::Checkbox(c.T(Str::Telex), &c.state.telex);
  if (c.state.screen == Screen::Drill) {
    ImGui::SameLine();
    if (SmallButton(c.T(Str::EndDrill))) c.state.finishRequested = true;
  }
}

}  // namespace netdrill::ui
