// A site's or link's state: reachability, routers (with their interface and
// route views), links with load, and a link's load history.
#include "twin/units.h"
#include "ui/panels/panels.h"
#include "ui/widgets.h"

namespace netdrill::ui {

namespace {

int FindLink(const twin::Twin& twin, const std::string& id) {
  for (std::size_t l = 0; l < twin.Links().size(); ++l)
    if (twin.Links()[l].id == id) return static_cast<int>(l);
  return -1;
}

void LinkHistory(ConsoleContext& c, int link) {
  std::vector<float> load;
  const double until = c.View() != nullptr ? c.View()->simTime : 1e18;
  for (const auto& snap : c.host.History()) {
    if (snap->simTime > until) break;
    const auto* u = snap->linkUtilisation.get();
    load.push_back(u != nullptr && link < static_cast<int>(u->size()) ? (*u)[link] * 100.0f : 0.0f);
  }
  if (load.size() >= 2)
    ImGui::PlotLines("##load", load.data(), static_cast<int>(load.size()), 0, c.T(Str::InspectorLoadHistory), 0.0f,
                     120.0f, {ImGui::GetContentRegionAvail().x, 70});
}

void LinkRow(ConsoleContext& c, int l) {
  const twin::Twin& twin = c.host.Twin();
  const session::Snapshot* v = c.View();
  const twin::Link& link = twin.Links()[l];
  const bool dark = v != nullptr && v->linkDark && (*v->linkDark)[l];
  const float util = v != nullptr && v->linkUtilisation ? (*v->linkUtilisation)[l] : 0.0f;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  if (Selectable((c.Name(link.id) + "##" + link.id).c_str(), c.state.selectedLink == link.id, ImGuiSelectableFlags_SpanAllColumns)) {
    c.state.selectedLink = link.id;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", link.id.c_str());
  ImGui::TableSetColumnIndex(1);
  ImGui::Text("%s%s", twin::MediumDisplayName(link.medium, NameLangOf(c.state.lang)),
              link.role == twin::LinkRole::Backup ? " *" : "");
  ImGui::TableSetColumnIndex(2);
  ImGui::TextUnformatted(twin::FormatNumber(link.capacityMbps).c_str());
  ImGui::TableSetColumnIndex(3);
  if (dark) ImGui::TextColored({1, 0.3f, 0.3f, 1}, "%s", c.T(Str::InspectorDark));
  else ImGui::TextUnformatted(c.T(Str::InspectorUp));
  ImGui::TableSetColumnIndex(4);
  ImGui::Text("%.0f %%", util * 100.0f);
}

}  // namespace

void DrawInspectorPanel(ConsoleContext& c) {
  ConsoleState& s = c.state;
  const twin::Twin& twin = c.host.Twin();
  const session::Snapshot* v = c.View();
  if (!s.selectedLink.empty()) {
    const int l = FindLink(twin, s.selectedLink);
    if (l >= 0) {
      const twin::Link& link = twin.Links()[l];
      if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
      ImGui::TextWrapped("%s", c.Name(link.id).c_str());
      if (c.fonts.large != nullptr) ImGui::PopFont();
      ImGui::TextDisabled("%s", link.id.c_str());
      if (!link.srgs.empty()) {
        std::string groups;
        for (twin::SrgId g : link.srgs) groups += (groups.empty() ? "" : "; ") + c.Name(twin.GetSrg(g).id);
        ImGui::TextWrapped("%s: %s", c.T(Str::InspectorGroups), groups.c_str());
      }
      const twin::Site& a = twin.GetSite(twin.GetNode(link.a).site);
      const twin::Site& b = twin.GetSite(twin.GetNode(link.b).site);
      if (SmallButton(c.SiteName(a).c_str())) c.Select(a.id);
      ImGui::SameLine();
      ImGui::TextUnformatted("—");
      ImGui::SameLine();
      if (SmallButton(c.SiteName(b).c_str())) c.Select(b.id);
      if (ImGui::BeginTable("##link", 5, ImGuiTableFlags_BordersInnerV)) {
        LinkRow(c, l);
        ImGui::EndTable();
      }
      LinkHistory(c, l);
      return;
    }
  }
  if (s.selectedSite.empty()) {
    ImGui::TextWrapped("%s", c.T(Str::InspectorNone));
    return;
  }
  const auto match = c.host.Names().Find(s.selectedSite);
  if (!match.IsUnique()) {
    ImGui::TextWrapped("%s", c.T(Str::InspectorNone));
    return;
  }
  const twin::SiteId id = match.sites.front();
  const twin::Site& site = twin.GetSite(id);
  if (c.fonts.large != nullptr) ImGui::PushFont(c.fonts.large);
  ImGui::TextWrapped("%s", c.Name(site.id).c_str());
  if (c.fonts.large != nullptr) ImGui::PopFont();
  ProbeLastItem(("inspector: " + c.Name(site.id)).c_str());
  ImGui::TextDisabled("%s", site.id.c_str());
  const bool reachable = v == nullptr || !v->siteReachable || (*v->siteReachable)[id.Index()];
  if (reachable) ImGui::TextColored({0.4f, 0.85f, 0.5f, 1}, "%s", c.T(Str::InspectorReachable));
  else ImGui::TextColored({1, 0.3f, 0.3f, 1}, "%s", c.T(Str::InspectorUnreachable));
  if (!c.ReadOnly()) {
    if (SmallButton(c.T(Str::MapPing))) c.Send(session::cmd::Ping{id, twin.FirstNode(id), 5});
    ImGui::SameLine();
    if (SmallButton(c.T(Str::MapTraceroute))) c.Send(session::cmd::Traceroute{id, twin.FirstNode(id)});
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::InspectorRouters));
  for (twin::NodeId n : site.nodes) {
    const std::string& node = twin.GetNode(n).id;
    ImGui::PushID(node.c_str());
    ImGui::BulletText("%s", c.Name(node).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", node.c_str());
    if (!c.ReadOnly()) {
      ImGui::SameLine();
      if (SmallButton(c.T(Str::InspectorInterfaces))) c.Send(session::cmd::ShowInterface{n, 0});
      ImGui::SameLine();
      if (SmallButton(c.T(Str::InspectorRoutes))) c.Send(session::cmd::ShowRoute{n, {}});
    }
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::TextUnformatted(c.T(Str::InspectorLinks));
  if (ImGui::BeginTable("##links", 5, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                        {0, 180})) {
    ImGui::TableSetupColumn(c.T(Str::InspectorLinks), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(c.T(Str::InspectorMedium));
    ImGui::TableSetupColumn(c.T(Str::InspectorCapacity));
    ImGui::TableSetupColumn(c.T(Str::InspectorState));
    ImGui::TableSetupColumn(c.T(Str::InspectorLoad));
    ImGui::TableHeadersRow();
    for (std::size_t l = 0; l < twin.Links().size(); ++l) {
      const twin::Link& link = twin.Links()[l];
      if (twin.GetNode(link.a).site == id || twin.GetNode(link.b).site == id) LinkRow(c, static_cast<int>(l));
    }
    ImGui::EndTable();
  }
}

}  // namespace netdrill::ui
