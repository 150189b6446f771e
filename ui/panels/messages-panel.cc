// Callers' messages to the trainee, and the trainee's messages to sites.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

namespace netdrill::ui {

void DrawMessagesPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const session::Snapshot* v = c.View();
  const float formHeight = c.ReadOnly() ? 0.0f : ImGui::GetFrameHeightWithSpacing() * 2 + 8;
  ImGui::BeginChild("##msgs", {0, -formHeight}, true);
  if (v == nullptr || v->messages.empty()) ImGui::TextDisabled("%s", c.T(Str::MessagesNone));
  if (v != nullptr) {
    for (const session::Message& m : v->messages) {
      const ImVec4 colour = m.fromCaller ? ImVec4(1.0f, 0.85f, 0.4f, 1) : ImVec4(0.6f, 0.85f, 1.0f, 1);
      // To a site by its name; to the leadership or the central offices by theirs.
      const std::string to = m.to == session::Recipient::Leadership       ? c.T(Str::MessagesLeadership)
                             : m.to == session::Recipient::CentralOffices ? c.T(Str::MessagesVptw)
                             : m.to == session::Recipient::Security       ? c.T(Str::MessagesSecurity)
                                                                          : m.siteName;
      ImGui::TextColored(colour, "%s  %s %s", Elapsed(m.at).c_str(),
                         m.fromCaller ? c.T(Str::MessagesCaller) : c.T(Str::MessagesYou),
                         (m.fromCaller ? "(" + m.siteName + ")" : "→ " + to).c_str());
      ImGui::TextWrapped("%s", m.text.c_str());
      if (m.fromCaller && ImGui::IsItemClicked()) {
        c.Select(m.site);
        s.messageSite = m.site;
      }
    }
  }
  ImGui::EndChild();
  if (c.ReadOnly()) return;
  if (s.messageSite.empty()) s.messageSite = s.selectedSite;
  ImGui::SetNextItemWidth(260);
  ImGui::InputTextWithHint("##to", c.T(Str::MessagesTo), &s.messageSite);
  ImGui::SetNextItemWidth(-80);
  const bool enter = TextField("##text", &s.messageText, s, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((Button(c.T(Str::MessagesSend)) || enter) && !s.messageSite.empty() && !s.messageText.empty()) {
    c.Send("message " + s.messageSite + ": " + s.messageText);
    s.messageText.clear();
  }
}

}  // namespace netdrill::ui
