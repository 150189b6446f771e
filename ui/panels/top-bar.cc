// The clock (time of day from the drill's start, elapsed), speed and pause
// (the trainee's speed limited by the drill), active alarms counted by
// severity (flashing a few seconds on a new critical one), the view settings
// (colour-blind-safe colours, text size), the language, and the end.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace netdrill::ui {

namespace {

// Four boxes, critical to warning, each with its count of active alarms; a new critical one flashes the first.
void SeverityCounts(ConsoleContext& c, const session::Snapshot& v) {
  using session::AlarmSeverity;
  const AlarmSeverity order[] = {AlarmSeverity::Critical, AlarmSeverity::Major, AlarmSeverity::Minor, AlarmSeverity::Warning};
  int counts[4] = {0, 0, 0, 0};
  bool fresh = false;
  for (const session::Alarm& a : *v.alarms) {
    if (!a.Active()) continue;
    for (int k = 0; k < 4; ++k) counts[k] += a.severity == order[k];
    if (a.severity == AlarmSeverity::Critical && !c.ReadOnly() && c.state.criticalSeen.insert(a.id).second) fresh = true;
  }
  const double now = ImGui::GetTime();
  if (fresh) c.state.criticalFlashUntil = now + 5.0;
  const bool flashing = now < c.state.criticalFlashUntil;
  const bool lit = flashing && std::fmod(now, 0.5) < 0.25;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int k = 0; k < 4; ++k) {
    ImGui::SameLine();
    char text[16];
    std::snprintf(text, sizeof text, "%d", counts[k]);
    const ImVec2 size{std::max(30.0f, ImGui::CalcTextSize(text).x + 12), ImGui::GetFrameHeight()};
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImU32 fill = SeverityColour(order[k], c.state.palette);
    if (counts[k] == 0) fill = IM_COL32(70, 75, 85, 255);
    if (k == 0 && lit) fill = IM_COL32(255, 255, 255, 255);
    dl->AddRectFilled(p, {p.x + size.x, p.y + size.y}, fill, 3.0f);
    const ImVec2 t = ImGui::CalcTextSize(text);
    dl->AddText({p.x + (size.x - t.x) / 2, p.y + (size.y - t.y) / 2}, counts[k] == 0 ? IM_COL32(170, 175, 185, 255) : IM_COL32(0, 0, 0, 255),
                text);
    ImGui::Dummy(size);
    ProbeLastItem((std::string("severity-count ") + session::SeverityName(order[k]) + " " + text).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", c.T(Str::TopActiveAlarms), c.T(SeverityStr(order[k])));
  }
  if (flashing) {
    ImGui::SameLine();
    ImGui::TextColored({1.0f, 0.35f, 0.3f, 1.0f}, "%s", c.T(Str::TopNewCritical));
  }
}

void ViewMenu(ConsoleContext& c) {
  if (SmallButton(c.T(Str::View))) ImGui::OpenPopup("##view");
  if (ImGui::BeginPopup("##view")) {
    bool safe = c.state.palette == Palette::ColourBlind;
    if (ImGui::Checkbox(c.T(Str::ViewColourBlind), &safe)) c.state.palette = safe ? Palette::ColourBlind : Palette::Standard;
    ImGui::SetNextItemWidth(200);
    ImGui::SliderFloat(c.T(Str::ViewFontScale), &c.state.fontScale, 0.8f, 1.6f, "%.1f×");
    ImGui::EndPopup();
  }
}

}  // namespace

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
  if (v != nullptr) SeverityCounts(c, *v);
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(right - 400);
  ViewMenu(c);
  ImGui::SameLine();
  if (SmallButton(c.T(Str::Language))) c.state.lang = c.state.lang == Lang::Vi ? Lang::En : Lang::Vi;
  ImGui::SameLine();
  ImGui::Checkbox(c.T(Str::Telex), &c.state.telex);
  if (c.state.screen == Screen::Drill) {
    ImGui::SameLine();
    if (SmallButton(c.T(Str::EndDrill))) c.state.finishRequested = true;
  }
}

}  // namespace netdrill::ui
