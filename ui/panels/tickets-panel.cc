// Trouble tickets (TMF621 fields): create, add notes, close.
#include "ui/panels/panels.h"
#include "ui/widgets.h"

namespace netdrill::ui {

void DrawTicketsPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const session::Snapshot* v = c.View();
  if (!c.ReadOnly()) {
    ImGui::TextUnformatted(c.T(Str::TicketNew));
    const char* severities[] = {c.T(Str::SevCritical), c.T(Str::SevMajor), c.T(Str::SevMinor), c.T(Str::SevWarning)};
    const char* words[] = {"critical", "major", "minor", "warning"};
    ImGui::SetNextItemWidth(150);
    ImGui::Combo("##sev", &s.ticketSeverity, severities, 4);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-90);
    const bool enter = TextField("##title", &s.ticketTitle, s, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((Button(c.T(Str::TicketOpen)) || enter) && !s.ticketTitle.empty()) {
      c.Send(std::string("ticket open ") + words[s.ticketSeverity] + " " + s.ticketTitle);
      s.ticketTitle.clear();
    }
    ImGui::Separator();
  }
  if (v == nullptr || v->tickets.empty()) {
    ImGui::TextDisabled("%s", c.T(Str::TicketNone));
    return;
  }
  for (auto it = v->tickets.rbegin(); it != v->tickets.rend(); ++it) {
    const session::Ticket& t = *it;
    ImGui::PushID(t.id.c_str());
    const bool open = t.status == session::TicketStatus::Open;
    const std::string header = t.id + "  [" + c.T(SeverityStr(t.severity)) + "]  " + c.Named(t.title) + "  (" +
                               c.T(open ? Str::TicketStatusOpen : Str::TicketStatusClosed) + ")###t";
    if (ImGui::CollapsingHeader(header.c_str(), open ? ImGuiTreeNodeFlags_DefaultOpen : 0)) {
      ImGui::Text("%s %s", c.T(Str::TicketCreated), c.ClockAt(t.created).c_str());
      if (!t.related.empty()) {
        std::string related;
        for (const auto& r : t.related) related += (related.empty() ? "" : "; ") + c.Name(r);
        ImGui::TextWrapped("%s: %s", c.T(Str::TicketRelated), related.c_str());
      }
      for (const auto& [at, note] : t.notes) ImGui::BulletText("%s  %s", c.ClockAt(at).c_str(), c.Named(note).c_str());
      if (open && !c.ReadOnly()) {
        ImGui::SetNextItemWidth(-200);
        const bool enter = TextField("##note", &s.ticketNote, s, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if ((SmallButton(c.T(Str::TicketAddNote)) || enter) && !s.ticketNote.empty()) {
          c.Send(session::cmd::UpdateTicket{t.id, s.ticketNote, false});
          s.ticketNote.clear();
        }
        ImGui::SameLine();
        if (SmallButton(c.T(Str::TicketClose))) c.Send(session::cmd::UpdateTicket{t.id, {}, true});
      }
    }
    ImGui::PopID();
  }
}

}  // namespace netdrill::ui
