#include "ui/widgets.h"

#include "ui/telex.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <cstdio>

namespace netdrill::ui {

namespace {

struct FieldData {
  ConsoleState* state;
  ImGuiInputTextCallback extra;
  void* extraData;
  bool typed = false;  // the edit that follows a typed letter
};

bool IsTelexKey(ImWchar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int FieldCallback(ImGuiInputTextCallbackData* d) {
  auto* f = static_cast<FieldData*>(d->UserData);
  ConsoleState& s = *f->state;
  if (d->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
    if (s.telex && IsTelexKey(d->EventChar)) {
      s.telexKeys.push_back(static_cast<char>(d->EventChar));
      f->typed = true;
    } else {
      s.telexKeys.clear();
      s.telexProduced.clear();
    }
    return 0;
  }
  if (d->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
    if (!s.telex) return 0;
    if (!f->typed) {  // a deletion or a paste: the next word starts afresh
      s.telexKeys.clear();
      s.telexProduced.clear();
      return 0;
    }
    f->typed = false;
    // The field ends, at the cursor, with what the word gave so far plus the letter just typed.
    const int cursor = d->CursorPos;
    const int start = cursor - 1 - static_cast<int>(s.telexProduced.size());
    if (start < 0 || std::string(d->Buf + start, s.telexProduced.size()) != s.telexProduced) {
      s.telexKeys = s.telexKeys.empty() ? std::string() : s.telexKeys.substr(s.telexKeys.size() - 1);
      s.telexProduced.clear();
      return 0;
    }
    const std::string word = TelexToText(s.telexKeys);
    d->DeleteChars(start, cursor - start);
    d->InsertChars(start, word.c_str());
    s.telexProduced = word;
    return 0;
  }
  return f->extra != nullptr ? f->extra(d) : 0;
}

}  // namespace

bool TextField(const char* id, std::string* text, ConsoleState& state, ImGuiInputTextFlags flags,
               ImGuiInputTextCallback extra, void* extraData) {
  const ImGuiID gid = ImGui::GetID(id);
  if (state.telexField != gid && ImGui::GetActiveID() == gid) {
    state.telexField = gid;
    state.telexKeys.clear();
    state.telexProduced.clear();
  }
  FieldData data{&state, extra, extraData};
  flags |= ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackEdit;
  const bool changed = ImGui::InputText(id, text, flags, FieldCallback, &data);
  ProbeLastItem(id);
  return changed;
}

Str SeverityStr(session::AlarmSeverity s) {
  switch (s) {
    case session::AlarmSeverity::Critical: return Str::SevCritical;
    case session::AlarmSeverity::Major: return Str::SevMajor;
    case session::AlarmSeverity::Minor: return Str::SevMinor;
    case session::AlarmSeverity::Warning: return Str::SevWarning;
    case session::AlarmSeverity::Indeterminate: return Str::SevIndeterminate;
    case session::AlarmSeverity::Cleared: return Str::SevCleared;
  }
  return Str::SevIndeterminate;
}

Str OperatorStr(session::OperatorState s) {
  switch (s) {
    case session::OperatorState::Ack: return Str::OpAck;
    case session::OperatorState::Shelved: return Str::OpShelved;
    case session::OperatorState::Closed: return Str::OpClosed;
    default: return Str::OpNone;
  }
}

std::string TimeOfDay(const std::string& start, double seconds) {
  int h = 8, m = 0;
  std::sscanf(start.c_str(), "%d:%d", &h, &m);
  const long total = (static_cast<long>(h) * 3600 + m * 60 + static_cast<long>(std::floor(seconds))) % 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

std::string Elapsed(double seconds) {
  const long t = static_cast<long>(std::floor(std::max(0.0, seconds)));
  char buf[24];
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%02ld:%02ld", t / 60, t % 60);
  return buf;
}

}  // namespace netdrill::ui

namespace netdrill::ui {

namespace {
bool g_probe = false;
std::vector<std::pair<std::string, ItemRect>> g_items;
}  // namespace

void EnableItemProbe(bool on) { g_probe = on; }
bool ItemProbeOn() { return g_probe; }
const std::vector<std::pair<std::string, ItemRect>>& ProbedItems() { return g_items; }
void ClearItemProbe() { g_items.clear(); }

void ProbeLastItem(const char* label) {
  if (!g_probe) return;
  std::string visible(label);
  if (const auto cut = visible.find("##"); cut != std::string::npos) visible.resize(cut);
  g_items.emplace_back(visible.empty() ? std::string(label) : visible, ItemRect{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

bool Button(const char* label, ImVec2 size) {
  const bool pressed = ImGui::Button(label, size);
  ProbeLastItem(label);
  return pressed;
}

bool SmallButton(const char* label) {
  const bool pressed = ImGui::SmallButton(label);
  ProbeLastItem(label);
  return pressed;
}

bool Selectable(const char* label, bool selected, ImGuiSelectableFlags flags, ImVec2 size) {
  const bool pressed = ImGui::Selectable(label, selected, flags, size);
  ProbeLastItem(label);
  return pressed;
}

}  // namespace netdrill::ui
