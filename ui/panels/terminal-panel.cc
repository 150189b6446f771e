// The diagnose terminal: the session's command grammar, its answers, history
// (Up/Down) and completion (Tab: verbs, then site ids).
#include "twin/text.h"
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <algorithm>

namespace netdrill::ui {

namespace {

struct Completion {
  ConsoleContext* c;
};

int TerminalCallback(ImGuiInputTextCallbackData* d) {
  auto* ctx = static_cast<Completion*>(d->UserData)->c;
  ConsoleState& s = ctx->state;
  if (d->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
    if (s.history.empty()) return 0;
    if (d->EventKey == ImGuiKey_UpArrow) {
      s.historyPos = s.historyPos < 0 ? static_cast<int>(s.history.size()) - 1 : std::max(0, s.historyPos - 1);
    } else if (d->EventKey == ImGuiKey_DownArrow && s.historyPos >= 0) {
      s.historyPos = s.historyPos + 1 >= static_cast<int>(s.history.size()) ? -1 : s.historyPos + 1;
    }
    d->DeleteChars(0, d->BufTextLen);
    if (s.historyPos >= 0) d->InsertChars(0, s.history[s.historyPos].c_str());
    return 0;
  }
  if (d->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    const std::string line(d->Buf, d->CursorPos);
    const std::size_t space = line.find_last_of(' ');
    const std::string word = space == std::string::npos ? line : line.substr(space + 1);
    std::vector<std::string> options;
    const bool first = line.find_first_not_of(' ') == std::string::npos || space == std::string::npos ||
                       (line.rfind("show ", 0) == 0 && line.find(' ', 5) == std::string::npos);
    if (first) {
      // The verb table's words (what the grammar reads), for the role at the keyboard.
      for (const std::string& v : session::CompletionWords(SessionRole(s.role)))
        if (v.rfind(line, 0) == 0) options.push_back(v);
    } else if (!word.empty()) {
      const std::string folded = twin::FoldForSearch(word);
      for (const twin::Site& site : ctx->host.Twin().Sites()) {
        if (site.id.rfind(word, 0) == 0 || twin::FoldForSearch(site.name).rfind(folded, 0) == 0) options.push_back(site.id);
        if (options.size() > 40) break;
      }
    }
    if (options.size() == 1) {
      const int from = first ? 0 : static_cast<int>(space + 1);
      d->DeleteChars(from, d->CursorPos - from);
      d->InsertChars(d->CursorPos, (options.front() + " ").c_str());
    } else if (options.size() > 1) {
      std::string list;
      for (std::size_t i = 0; i < options.size() && i < 12; ++i) list += options[i] + "  ";
      s.terminal.push_back({TerminalLine::Kind::Info, list});
    }
  }
  return 0;
}

}  // namespace

void DrawTerminalPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const float inputHeight = ImGui::GetFrameHeightWithSpacing() + 4;
  if (c.fonts.mono != nullptr) ImGui::PushFont(c.fonts.mono);
  ImGui::BeginChild("##scroll", {0, -inputHeight}, false, ImGuiWindowFlags_HorizontalScrollbar);
  for (const TerminalLine& line : s.terminal) {
    ImVec4 colour{0.85f, 0.87f, 0.9f, 1};
    if (line.kind == TerminalLine::Kind::Command) colour = {0.5f, 0.8f, 1.0f, 1};
    if (line.kind == TerminalLine::Kind::Error) colour = {1.0f, 0.45f, 0.45f, 1};
    if (line.kind == TerminalLine::Kind::Info) colour = {0.7f, 0.7f, 0.7f, 1};
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(line.text.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 20) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (c.fonts.mono != nullptr) ImGui::PopFont();
  if (c.ReadOnly()) return;
  ImGui::SetNextItemWidth(-70);
  if (s.focusTerminal) {
    ImGui::SetKeyboardFocusHere();
    s.focusTerminal = false;
  }
  Completion completion{&c};
  const bool enter = TextField("##command", &s.command, s,
                               ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                   ImGuiInputTextFlags_CallbackCompletion,
                               TerminalCallback, &completion);
  if (ImGui::IsItemHovered() && s.command.empty()) ImGui::SetTooltip("%s", c.T(Str::TerminalHint));
  ImGui::SameLine();
  if ((Button(c.T(Str::TerminalRun)) || enter) && !s.command.empty()) {
    if (s.command == "help") {
      s.terminal.push_back({TerminalLine::Kind::Command, "> help"});
      s.terminal.push_back({TerminalLine::Kind::Info, session::CommandHelp()});
    } else {
      c.Send(s.command);
    }
    s.history.push_back(s.command);
    s.historyPos = -1;
    s.command.clear();
    s.focusTerminal = true;
  }
}

}  // namespace netdrill::ui
