#include "twin/field-teams.h"

#include <algorithm>

namespace netdrill::twin {

FieldTeams::FieldTeams(const Twin& twin, int perProvince) {
  for (const Site& s : twin.Sites()) {
    if (s.level != SiteLevel::Province) continue;
    std::vector<FieldTeam>& teams = m_byProvince[s.id];
    for (int i = 1; i <= perProvince; ++i) teams.push_back({s.id, i, true, "", 0.0, 0.0, 0.0});
  }
}

std::string FieldTeams::ProvinceOf(const Twin& twin, LinkId link) {
  const Site& far = RepairSite(twin, link);
  const SiteId province = twin.FindSite("province:" + far.provinceCode);
  return province.IsValid() ? twin.GetSite(province).id : std::string();
}

std::optional<TeamJob> FieldTeams::Assign(const Twin& twin, LinkId link, double nowS, double travelS, double onSiteS) {
  return AssignIn(ProvinceOf(twin, link), twin.GetLink(link).id, nowS, travelS, onSiteS);
}

std::optional<TeamJob> FieldTeams::Assign(const Twin& twin, SiteId site, double nowS, double travelS, double onSiteS) {
  const Site& s = twin.GetSite(site);
  const SiteId province = twin.FindSite("province:" + s.provinceCode);
  return AssignIn(province.IsValid() ? twin.GetSite(province).id : std::string(), s.id, nowS, travelS, onSiteS);
}

std::optional<TeamJob> FieldTeams::AssignIn(const std::string& province, const std::string& job, double nowS,
                                            double travelS, double onSiteS) {
  auto it = m_byProvince.find(province);
  if (it == m_byProvince.end()) return TeamJob{province, 0, nowS, nowS + travelS, nowS + travelS + onSiteS};  // no roster
  FieldTeam* best = nullptr;
  for (FieldTeam& t : it->second) {
    if (!t.available) continue;
    if (best == nullptr || std::max(t.doneS, nowS) < std::max(best->doneS, nowS)) best = &t;
  }
  if (best == nullptr) return std::nullopt;
  best->link = job;
  best->departS = std::max(best->doneS, nowS);
  best->arriveS = best->departS + travelS;
  best->doneS = best->arriveS + onSiteS;
  return TeamJob{best->province, best->number, best->departS, best->arriveS, best->doneS};
}

bool FieldTeams::SetOnDuty(const std::string& province, int count) {
  auto it = m_byProvince.find(province);
  if (it == m_byProvince.end()) return false;
  for (FieldTeam& t : it->second) t.available = t.number <= count;
  return true;
}

std::vector<FieldTeam> FieldTeams::Teams() const {
  std::vector<FieldTeam> out;
  for (const auto& [province, teams] : m_byProvince) out.insert(out.end(), teams.begin(), teams.end());
  return out;
}

}  // namespace netdrill::twin
