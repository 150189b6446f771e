// The map with its search box: click a site to inspect it, right-click for
// ping, traceroute, inspect, and the restorations on it.
#include "twin/text.h"
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

#include <algorithm>

namespace netdrill::ui {

namespace {

// Sites whose name (folded: "da nang" finds "Đà Nẵng"), code or id contain the query; provinces first.
std::vector<int> SearchSites(const twin::Twin& twin, const std::string& query, std::size_t max) {
  std::vector<int> found;
  const std::string q = twin::FoldForSearch(query);
  if (q.size() < 2) return found;
  for (int pass = 0; pass < 2 && found.size() < max; ++pass) {
    for (std::size_t i = 0; i < twin.Sites().size() && found.size() < max; ++i) {
      const twin::Site& s = twin.Sites()[i];
      const bool upper = s.level != twin::SiteLevel::Commune && s.level != twin::SiteLevel::District;
      if ((pass == 0) != upper) continue;
      if (twin::FoldForSearch(s.name).find(q) != std::string::npos || s.id == query || s.code == query)
        found.push_back(static_cast<int>(i));
    }
  }
  return found;
}

// A label near a point, moved inside the map rather than cut by its edge (hidden once its point is far off).
void Label(ImDrawList* dl, ImVec2 at, const char* text, ImVec2 lo, ImVec2 hi) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  if (at.x < lo.x - size.x || at.x > hi.x + size.x || at.y < lo.y - 2 * size.y || at.y > hi.y + size.y) return;
  at.x = std::clamp(at.x, lo.x + 4, std::max(lo.x + 4, hi.x - size.x - 4));
  at.y = std::clamp(at.y, lo.y + 4, std::max(lo.y + 4, hi.y - size.y - 4));
  dl->AddText(at, IM_COL32(200, 215, 230, 255), text);
}

// The key to the map, in its bottom-left corner: states by colour and shape, backups, the traced path, badges.
void Legend(ConsoleContext& c, ImDrawList* dl, ImVec2 lo, ImVec2 hi) {
  const Str states[] = {Str::MapLegendNormal, Str::MapLegendLoaded, Str::MapLegendCongested, Str::MapLegendLost};
  const Str lines[] = {Str::MapLegendBackup, Str::MapLegendTrace, Str::MapLegendBadge};
  const float row = ImGui::GetTextLineHeight() + 3;
  float width = 0;
  for (Str s : states) width = std::max(width, ImGui::CalcTextSize(c.T(s)).x);
  for (Str s : lines) width = std::max(width, ImGui::CalcTextSize(c.T(s)).x);
  const ImVec2 size{width + 44, row * 7 + 10};
  const ImVec2 p0{lo.x + 6, hi.y - size.y - 6};
  if (p0.y < lo.y) return;
  dl->AddRectFilled(p0, {p0.x + size.x, p0.y + size.y}, IM_COL32(10, 20, 30, 215), 4.0f);
  float y = p0.y + 5;
  const ImU32 text = IM_COL32(220, 225, 235, 255);
  for (int k = 0; k < 4; ++k, y += row) {
    c.map->DrawMark(dl, {p0.x + 16, y + row / 2}, 0, static_cast<MapState>(k));
    dl->AddText({p0.x + 36, y}, text, c.T(states[k]));
  }
  dl->AddLine({p0.x + 6, y + row / 2}, {p0.x + 28, y + row / 2}, IM_COL32(90, 160, 240, 255), 2.0f);
  dl->AddText({p0.x + 36, y}, text, c.T(Str::MapLegendBackup));
  y += row;
  dl->AddLine({p0.x + 6, y + row / 2}, {p0.x + 28, y + row / 2}, IM_COL32(80, 220, 255, 255), 3.0f);
  dl->AddText({p0.x + 36, y}, text, c.T(Str::MapLegendTrace));
  y += row;
  dl->AddRectFilled({p0.x + 7, y + 1}, {p0.x + 27, y + row - 2}, MapStateColour(MapState::Lost, c.state.palette), 3.0f);
  dl->AddText({p0.x + 10, y}, IM_COL32(255, 255, 255, 255), "12");
  dl->AddText({p0.x + 36, y}, text, c.T(Str::MapLegendBadge));
}

}  // namespace

void DrawMapPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const twin::Twin& twin = c.host.Twin();
  ImGui::SetNextItemWidth(320);
  TextField("##search", &s.search, s);
  ImGui::SameLine();
  ImGui::TextDisabled("%s", c.T(Str::MapSearch));
  const ImVec2 lo = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 hi{lo.x + avail.x, lo.y + avail.y};
  if (c.map == nullptr) return;
  ImGui::InvisibleButton("##map", avail, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  // Hovered even while pressed: a click makes the map's button active, and a plain hover test would then say no.
  const bool mouseOver = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const int hover = c.map->Draw(ImGui::GetWindowDrawList(), lo, hi, c.View(), s.selectedSite, s.selectedLink, mouseOver);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const MapGeometry& g = c.map->Geometry();
  dl->PushClipRect(lo, hi, true);
  Label(dl, c.map->ToScreen(g.hoangSaLabel), c.T(Str::MapHoangSa), lo, hi);
  Label(dl, c.map->ToScreen(g.truongSaLabel), c.T(Str::MapTruongSa), lo, hi);
  Legend(c, dl, lo, hi);
  dl->PopClipRect();
  if (hover >= 0) {
    // The clicks first: a tooltip is a window of its own, after which "the item" is no longer the map.
    const bool leftClick = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const bool rightClick = ImGui::IsItemClicked(ImGuiMouseButton_Right);
    if (leftClick || rightClick) c.Select(twin.Sites()[hover].id);
    if (rightClick) ImGui::OpenPopup("##site-menu");
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(c.Name(twin.Sites()[hover].id).c_str());
    ImGui::TextDisabled("%s", twin.Sites()[hover].id.c_str());
    ImGui::EndTooltip();
  }
  if (ImGui::BeginPopup("##site-menu")) {
    const std::string& id = s.selectedSite;
    ImGui::TextDisabled("%s", c.Name(id).c_str());
    auto item = [](const char* label) {
      const bool chosen = ImGui::MenuItem(label);
      ProbeLastItem(label);
      return chosen;
    };
    const twin::SiteId site = c.host.Twin().FindSite(id);
    if (!c.ReadOnly() && site.IsValid() && item(c.T(Str::MapPing)))
      c.Send(session::cmd::Ping{site, c.host.Twin().FirstNode(site), 5});
    if (!c.ReadOnly() && site.IsValid() && item(c.T(Str::MapTraceroute)))
      c.Send(session::cmd::Traceroute{site, c.host.Twin().FirstNode(site)});
    if (item(c.T(Str::MapInspect))) s.requestTab = static_cast<int>(Str::Inspector);
    if (!c.ReadOnly() && item(c.T(Str::MapActOn))) s.requestTab = static_cast<int>(Str::Actions);
    ImGui::EndPopup();
  }
  // Search results float over the map's top-left corner.
  if (!s.search.empty()) {
    const auto found = SearchSites(twin, s.search, 8);
    ImGui::SetCursorScreenPos({lo.x + 6, lo.y + 6});
    ImGui::BeginChild("##found", {380, 22.0f * static_cast<float>(found.size()) + 8}, true);
    for (int i : found) {
      const twin::Site& site = twin.Sites()[i];
      if (Selectable((c.Name(site.id) + "##" + site.id).c_str(), site.id == s.selectedSite)) {
        c.Select(site.id);
        c.map->FocusSite(i, avail);
        s.search.clear();
      }
    }
    ImGui::EndChild();
  }
}

}  // namespace netdrill::ui
