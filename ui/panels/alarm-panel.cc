// The alarm list (RFC 8632 fields): severity colours, each root cause with its
// impacted alarms folded beneath, acknowledge / shelve / note, filter and sort.
// Elements by name (the id in a tooltip, and in a column the header's menu
// shows); times as the clock shows them. Keys: Up/Down move through the rows
// (the element is selected), Right/Left unfold and fold a root, A acknowledges.
#include "twin/text.h"
#include "ui/alarm-wording.h"
#include "ui/assist-view.h"
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <map>

namespace netdrill::ui {

namespace {

// A filter finds an alarm by its id, element id or name, type (as written or as shown) or text, with or without diacritics.
bool Matches(ConsoleContext& c, const session::Alarm& a, const std::string& foldedFilter) {
  if (foldedFilter.empty()) return true;
  const std::string typeLabel = AlarmTypeLabel(a.type, c.state.lang);
  for (const std::string* f : {&a.id, &a.resource, &a.type, &typeLabel, &a.text, &c.Name(a.resource), &c.AlarmText(a)})
    if (twin::FoldForSearch(*f).find(foldedFilter) != std::string::npos) return true;
  return false;
}

void Row(ConsoleContext& c, const session::Alarm& a, int impacted, bool child, bool* open, bool cursor) {
  ConsoleState& s = c.state;
  ImGui::TableNextRow();
  if (cursor) {
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, IM_COL32(70, 100, 150, 255));
    ImGui::SetScrollHereY();
  }
  ImGui::TableSetColumnIndex(0);
  ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, SeverityColour(a.severity, c.state.palette));
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 255));
  ImGui::TextUnformatted(c.T(SeverityStr(a.severity)));
  ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(1);
  if (impacted > 0) {
    ImGui::SetNextItemOpen(*open);
    *open = ImGui::TreeNodeEx(a.id.c_str(), ImGuiTreeNodeFlags_SpanFullWidth | ImGuiTreeNodeFlags_NoTreePushOnOpen);
    ProbeLastItem(a.id.c_str());
    if (ImGui::IsItemClicked()) c.SelectElement(a.resource);  // a root: unfolds, and selects its element
  } else {
    if (child) ImGui::Indent(14);
    if (Selectable((a.id + "##sel").c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
      c.SelectElement(a.resource);
    if (child) ImGui::Unindent(14);
  }
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(c.ClockAt(a.raisedAt).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("+%s", Elapsed(a.raisedAt).c_str());
  ImGui::TableSetColumnIndex(3);
  const std::string& name = c.Name(a.resource);
  ImGui::TextUnformatted(name.c_str());
  ProbeLastItem(name.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.resource.c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::TextUnformatted(a.resource.c_str());
  ImGui::TableSetColumnIndex(5);
  const std::string type = AlarmTypeLabel(a.type, s.lang);
  ImGui::TextUnformatted(type.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.type.c_str());
  ImGui::TableSetColumnIndex(6);
  const std::string& text = c.AlarmText(a);
  if (impacted > 0) ImGui::Text("%s  [+%d %s]", text.c_str(), impacted, c.T(Str::AlarmImpacted));
  else ImGui::TextUnformatted(text.c_str());
  if (ImGui::IsItemHovered()) {  // the whole text, whatever the column's width
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::TableSetColumnIndex(7);
  ImGui::TextUnformatted(c.T(OperatorStr(a.operatorState)));
  // Tests read a row as a person does: "Nghiêm trọng | 08:01:05 | Hà Giang | unreachable | …".
  if (ItemProbeOn())
    ProbeLastItem(("row: " + std::string(c.T(SeverityStr(a.severity))) + " | " + c.ClockAt(a.raisedAt) + " | " + name +
                   " | " + type + " | " + text)
                      .c_str());
  ImGui::TableSetColumnIndex(8);
  if (c.ReadOnly() || !a.Active()) return;
  ImGui::PushID(a.id.c_str());
  if (a.operatorState == session::OperatorState::None) {
    if (SmallButton(c.T(Str::AlarmAck))) c.Send(session::cmd::SetAlarmState{session::OperatorState::Ack, a.id, {}});
    ImGui::SameLine();
  }
  if (a.operatorState == session::OperatorState::Shelved) {
    if (SmallButton(c.T(Str::AlarmUnshelve))) c.Send(session::cmd::SetAlarmState{session::OperatorState::None, a.id, {}});
  } else if (SmallButton(c.T(Str::AlarmShelve))) {
    c.Send(session::cmd::SetAlarmState{session::OperatorState::Shelved, a.id, {}});
  }
  ImGui::SameLine();
  if (SmallButton(c.T(Str::AlarmNote))) {
    s.noteAlarm = a.id;
    s.alarmNote.clear();
    ImGui::OpenPopup("##note");
  }
  if (ImGui::BeginPopup("##note")) {
    ImGui::Text("%s %s", c.T(Str::AlarmNote), s.noteAlarm.c_str());
    ImGui::SetNextItemWidth(360);
    const bool enter = TextField("##note-text", &s.alarmNote, s, ImGuiInputTextFlags_EnterReturnsTrue);
    if ((Button(c.T(Str::AlarmNoteAdd)) || enter) && !s.alarmNote.empty()) {
      // A note lives on a trouble ticket (TMF621): the latest open one, or a new one for this alarm.
      const session::Snapshot* v = c.View();
      const session::Ticket* ticket = nullptr;
      if (v != nullptr)
        for (const session::Ticket& t : v->tickets)
          if (t.status == session::TicketStatus::Open) ticket = &t;
      if (ticket != nullptr) {
        c.Send(session::cmd::UpdateTicket{ticket->id, s.noteAlarm + ": " + s.alarmNote, false});
      } else {
        c.Send(session::cmd::OpenTicket{session::AlarmSeverity::Major, s.noteAlarm + " " + a.resource + ": " + s.alarmNote});
      }
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

// Up/Down move the cursor through the rows shown (and select the alarm's element), Right/Left
// unfold and fold a root, A acknowledges; while the alarm list has the keyboard and no text field does.
void KeyboardNavigation(ConsoleContext& c, const std::vector<std::pair<const session::Alarm*, const AlarmRow*>>& shown,
                        bool fold) {
  if (shown.empty() || !ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) || ImGui::GetIO().WantTextInput)
    return;
  ConsoleState& s = c.state;
  int at = -1;
  for (std::size_t i = 0; i < shown.size(); ++i)
    if (shown[i].first->id == s.alarmCursor) at = static_cast<int>(i);
  const int last = static_cast<int>(shown.size()) - 1;
  int to = at;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) to = at < 0 ? 0 : std::min(at + 1, last);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) to = at < 0 ? 0 : std::max(at - 1, 0);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) to = 0;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) to = last;
  if (to != at && to >= 0) {
    s.alarmCursor = shown[to].first->id;
    c.SelectElement(shown[to].first->resource);
    at = to;
  }
  if (at < 0) return;
  const session::Alarm& a = *shown[at].first;
  if (fold && shown[at].second != nullptr && !a.impacted.empty()) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) s.openAlarms.insert(a.id);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) s.openAlarms.erase(a.id);
  }
  if (!c.ReadOnly() && a.Active() && a.operatorState == session::OperatorState::None && ImGui::IsKeyPressed(ImGuiKey_A))
    c.Send(session::cmd::SetAlarmState{session::OperatorState::Ack, a.id, {}});
}

}  // namespace

void DrawAlarmPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const session::Snapshot* v = c.View();
  ImGui::SetNextItemWidth(220);
  ImGui::InputTextWithHint("##alarm-filter", c.T(Str::AlarmFilter), &s.alarmFilter);
  ImGui::SameLine();
  ImGui::Checkbox(c.T(Str::AlarmShowCleared), &s.alarmShowCleared);
  ImGui::SameLine();
  const char* sorts[] = {c.T(Str::AlarmSeverity), c.T(Str::AlarmRaised), c.T(Str::AlarmResource)};
  ImGui::SetNextItemWidth(160);
  ImGui::Combo("##sort", &s.alarmSortColumn, sorts, 3);
  if (v == nullptr) return;
  const std::string filter = twin::FoldForSearch(s.alarmFilter);
  // Impacted alarms folded under their root, except in an exam (raw alarms, drill::RulesOf).
  const bool fold = drill::RulesOf(c.host.CurrentAssist()).rootCauseFolding;
  std::vector<AlarmRow> roots;
  for (AlarmRow& row : AlarmRows(*v->alarms, fold, s.alarmShowCleared)) {
    if (Matches(c, *row.alarm, filter)) roots.push_back(std::move(row));
  }
  auto order = [&](const AlarmRow& rx, const AlarmRow& ry) {
    const session::Alarm* x = rx.alarm;
    const session::Alarm* y = ry.alarm;
    if (s.alarmSortColumn == 1) return x->raisedAt > y->raisedAt;
    if (s.alarmSortColumn == 2) return c.Name(x->resource) < c.Name(y->resource);
    if (x->severity != y->severity) return x->severity > y->severity;
    return x->raisedAt < y->raisedAt;
  };
  std::stable_sort(roots.begin(), roots.end(), order);
  if (roots.empty()) {
    ImGui::TextDisabled("%s", c.T(Str::AlarmNone));
    return;
  }
  // The rows as shown, roots and the impacted alarms of unfolded ones, for the keys.
  std::vector<std::pair<const session::Alarm*, const AlarmRow*>> shown;
  for (const AlarmRow& row : roots) {
    shown.push_back({row.alarm, &row});
    if (c.state.openAlarms.count(row.alarm->id) > 0)
      for (const session::Alarm* child : row.impacted) shown.push_back({child, nullptr});
  }
  KeyboardNavigation(c, shown, fold);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("##alarms", 9, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const auto fixed = ImGuiTableColumnFlags_WidthFixed;
  ImGui::TableSetupColumn(c.T(Str::AlarmSeverity), fixed, 90);
  ImGui::TableSetupColumn(c.T(Str::AlarmId), fixed, 60);
  ImGui::TableSetupColumn(c.T(Str::AlarmRaised), fixed, 64);
  ImGui::TableSetupColumn(c.T(Str::AlarmResource), fixed, 230);
  ImGui::TableSetupColumn(c.T(Str::AlarmElementId), fixed | ImGuiTableColumnFlags_DefaultHide, 150);
  ImGui::TableSetupColumn(c.T(Str::AlarmType), fixed, 130);
  ImGui::TableSetupColumn(c.T(Str::AlarmText), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(c.T(Str::AlarmState), fixed, 100);
  ImGui::TableSetupColumn("##do", fixed | ImGuiTableColumnFlags_NoHide, 200);
  ImGui::TableHeadersRow();
  const std::string& cursor = c.state.alarmCursor;
  for (const AlarmRow& row : roots) {
    const session::Alarm* a = row.alarm;
    const int impacted = fold ? static_cast<int>(a->impacted.size()) : 0;
    bool open = c.state.openAlarms.count(a->id) > 0;
    Row(c, *a, impacted, false, &open, a->id == cursor);
    if (open) c.state.openAlarms.insert(a->id);
    else c.state.openAlarms.erase(a->id);
    if (!open) continue;
    for (const session::Alarm* child : row.impacted) Row(c, *child, 0, true, &open, child->id == cursor);
  }
  ImGui::EndTable();
}

}  // namespace netdrill::ui
