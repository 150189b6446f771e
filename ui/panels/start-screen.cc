// Who you are, your role, your language, the drill and its briefing, a seed;
// or a recording to replay.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

namespace netdrill::ui {

void DrawStartScreen(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##start", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::TextUnformatted(c.T(Str::AppTitle));
  if (c.fonts.large != nullptr) ImGui::PopFont();
  ImGui::Separator();

  const float left = std::min(520.0f, io.DisplaySize.x * 0.38f);
  ImGui::BeginChild("##who", {left, 0}, true);
  ImGui::TextUnformatted(c.T(Str::StartLanguage));
  if (ImGui::RadioButton("Tiếng Việt", s.lang == Lang::Vi)) s.lang = Lang::Vi;
  ImGui::SameLine();
  if (ImGui::RadioButton("English", s.lang == Lang::En)) s.lang = Lang::En;
  ImGui::Spacing();
  ImGui::TextUnformatted(c.T(Str::StartWho));
  ImGui::SetNextItemWidth(-1);
  TextField("##trainee", &s.trainee, s);
  ImGui::Checkbox(c.T(Str::Telex), &s.telex);
  ImGui::Spacing();
  ImGui::TextUnformatted(c.T(Str::StartRole));
  int& role = s.roleChoice;
  ImGui::RadioButton(c.T(Str::RoleTrainee), &role, 0);
  ProbeLastItem(c.T(Str::RoleTrainee));
  ImGui::RadioButton(c.T(Str::RoleInstructor), &role, 1);
  ProbeLastItem(c.T(Str::RoleInstructor));
  ImGui::RadioButton(c.T(Str::RolePlanner), &role, 2);
  ProbeLastItem(c.T(Str::RolePlanner));
  if (role == 1) {
    ImGui::TextUnformatted(c.T(Str::StartPassphrase));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##pass", &s.passphraseTyped, ImGuiInputTextFlags_Password);
    ProbeLastItem("##pass");
    if (s.passphraseRefused) ImGui::TextColored({1, 0.4f, 0.4f, 1}, "%s", c.T(Str::StartPassphraseWrong));
  }
  // The instructor's role is only taken when the passphrase is checked (EnterInstructor).
  if (role != 1) s.role = static_cast<ConsoleRole>(role);
  ImGui::Spacing();
  ImGui::TextUnformatted(c.T(Str::StartSeed));
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt("##seed", &s.seed);
  if (s.seed < 1) s.seed = 1;
  // The assist level: the drill's own, or one chosen here (the records keep it with the run).
  ImGui::TextUnformatted(c.T(Str::AssistLevel));
  const char* levels[] = {c.T(Str::AssistDrill), c.T(Str::AssistGuided), c.T(Str::AssistStandard), c.T(Str::AssistExam)};
  ImGui::SetNextItemWidth(220);
  ImGui::Combo("##assist", &s.assistChoice, levels, 4);
  ImGui::Spacing();
  if (role == 2) {
    if (Button(c.T(Str::PlannerOpen), {-1, 40})) s.screen = Screen::Planner;  // the planner works on networks, not drills
  } else if (Button(c.T(Str::StartBegin), {-1, 40})) {
    s.startRequested = true;
    if (role == 1) s.instructorRequested = true;
  }
  if (!s.startError.empty()) ImGui::TextColored({1, 0.4f, 0.4f, 1}, "%s: %s", c.T(Str::StartError), s.startError.c_str());
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::StartRecordingPath));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##replay", &s.replayPath);
  if (Button(c.T(Str::StartReplay)) && !s.replayPath.empty()) s.startRequested = true;
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginChild("##library", {0, 0}, true);
  const auto library = c.host.Library();
  ImGui::TextUnformatted(c.T(Str::StartDrill));
  ImGui::BeginChild("##list", {0, ImGui::GetContentRegionAvail().y * 0.45f}, true);
  for (int i = 0; i < static_cast<int>(library.size()); ++i) {
    const LibraryEntry& e = library[i];
    const std::string label = e.title.In(c.LangCode()) + "##" + e.id;
    if (Selectable(label.c_str(), s.libraryIndex == i)) {
      s.libraryIndex = i;
      s.replayPath.clear();
    }
  }
  ImGui::EndChild();
  if (s.libraryIndex >= 0 && s.libraryIndex < static_cast<int>(library.size())) {
    const LibraryEntry& e = library[s.libraryIndex];
    ImGui::TextUnformatted(c.T(Str::StartBriefing));
    ImGui::Text("%s: %s   %s: %.0f min   %s: %s", c.T(Str::StartNetwork), e.network.c_str(), c.T(Str::StartDuration),
                e.durationS / 60.0, c.T(Str::StartDifficulty), e.difficulty.c_str());
    ImGui::Separator();
    ImGui::TextWrapped("%s", e.briefing.In(c.LangCode()).c_str());
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace netdrill::ui
