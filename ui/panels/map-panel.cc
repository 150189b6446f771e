// The map with its search box: click a site to inspect it, right-click for
// ping, traceroute, inspect, and the restorations on it.
#include "twin/text.h"
#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <imgui_stdlib.h>

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

}  // namespace

void DrawMapPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const twin::Twin& twin = c.host.Twin();
  ImGui::SetNextItemWidth(320);
  TextField("##search", &s.search, s);
  ImGui::SameLine();
  ImGui::TextDisabled("%s", c.T(Str::MapSearch));
  ImGui::SameLine();
  ImGui::TextDisabled("   %s", c.T(Str::MapLegend));
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
  dl->AddText(c.map->ToScreen(g.hoangSaLabel), IM_COL32(200, 215, 230, 255), c.T(Str::MapHoangSa));
  dl->AddText(c.map->ToScreen(g.truongSaLabel), IM_COL32(200, 215, 230, 255), c.T(Str::MapTruongSa));
  dl->PopClipRect();
  if (hover >= 0) {
    // The clicks first: a tooltip is a window of its own, after which "the item" is no longer the map.
    const bool leftClick = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const bool rightClick = ImGui::IsItemClicked(ImGuiMouseButton_Right);
    if (leftClick || rightClick) c.Select(twin.Sites()[hover].id);
    if (rightClick) ImGui::OpenPopup("##site-menu");
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(c.SiteName(twin.Sites()[hover]).c_str());
    ImGui::TextDisabled("%s", twin.Sites()[hover].id.c_str());
    ImGui::EndTooltip();
  }
  if (ImGui::BeginPopup("##site-menu")) {
    const std::string& id = s.selectedSite;
    ImGui::TextDisabled("%s", id.c_str());
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
      if (Selectable((c.SiteName(site) + "  (" + site.id + ")").c_str(), site.id == s.selectedSite)) {
        c.Select(site.id);
        c.map->FocusSite(i, avail);
        s.search.clear();
      }
    }
    ImGui::EndChild();
  }
}

}  // namespace netdrill::ui
