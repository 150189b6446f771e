#include "model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace netdrill::twin {
namespace {

template <class E, std::size_t N>
std::optional<E> ParseEnum(std::string_view text, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, kSiteLevelCount> kLevelNames{
    "central_agency", "regional_centre", "backup_centre", "noc", "province", "district", "commune", "other"};
constexpr std::array<std::string_view, 4> kRegionNames{"none", "north", "central", "south"};
constexpr std::array<std::string_view, 4> kMediumNames{"fibre", "microwave", "4g", "vsat"};
constexpr std::array<std::string_view, 2> kRoleNames{"primary", "backup"};
constexpr std::array<std::string_view, 3> kStatusNames{"up", "down", "degraded"};

template <std::size_t N>
std::vector<std::string> ToVector(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

}  // namespace

std::string_view ToString(SiteLevel level) { return kLevelNames[static_cast<std::size_t>(level)]; }
std::string_view ToString(Region region) { return kRegionNames[static_cast<std::size_t>(region)]; }
std::string_view ToString(Medium medium) { return kMediumNames[static_cast<std::size_t>(medium)]; }
std::string_view ToString(LinkRole role) { return kRoleNames[static_cast<std::size_t>(role)]; }
std::string_view ToString(Status status) { return kStatusNames[static_cast<std::size_t>(status)]; }
std::optional<SiteLevel> ParseSiteLevel(std::string_view text) { return ParseEnum<SiteLevel>(text, kLevelNames); }
std::optional<Medium> ParseMedium(std::string_view text) { return ParseEnum<Medium>(text, kMediumNames); }
std::optional<LinkRole> ParseLinkRole(std::string_view text) { return ParseEnum<LinkRole>(text, kRoleNames); }
std::optional<Status> ParseStatus(std::string_view text) { return ParseEnum<Status>(text, kStatusNames); }
const std::vector<std::string>& SiteLevelNames() {
  static const std::vector<std::string> names = ToVector(kLevelNames);
  return names;
}
const std::vector<std::string>& MediumNames() {
  static const std::vector<std::string> names = ToVector(kMediumNames);
  return names;
}

Region RegionOfProvinceCode(std::string_view provinceCode) {
  int code = 0;
  for (char c : provinceCode) {
    if (c < '0' || c > '9') return Region::None;
    code = code * 10 + (c - '0');
  }
  if (provinceCode.empty()) return Region::None;
  if (code <= 38) return Region::North;
  if (code <= 68) return Region::Central;
  return Region::South;
}

const ConferenceProfile* Demands::Find(std::string_view id) const {
  for (const auto& p : profiles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::optional<std::string> Demands::ProfileRefusal(std::string_view id) const {
  if (id.empty() || Find(id) != nullptr) return std::nullopt;
  std::string known;
  for (const auto& p : profiles) known += (known.empty() ? "" : ", ") + p.id;
  return "no conference profile \"" + std::string(id) + "\" in the twin (" + (known.empty() ? "it has none" : known) + ")";
}

std::string ImpliedProvinceCode(const Twin& twin, SiteId site) {
  const Site& s = twin.GetSite(site);
  if (s.parent.IsValid()) return twin.GetSite(s.parent).provinceCode;
  switch (s.level) {
    case SiteLevel::Province:
    case SiteLevel::RegionalCentre:
    case SiteLevel::BackupCentre:
    case SiteLevel::Noc:
      return s.code;
    default:
      return {};
  }
}

double GreatCircleKm(GeoPoint a, GeoPoint b) {
  constexpr double kRadiusKm = 6371.0;
  constexpr double kDeg = M_PI / 180.0;
  const double dLat = (b.lat - a.lat) * kDeg;
  const double dLon = (b.lon - a.lon) * kDeg;
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2.0 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

SiteId Twin::AddSite(Site site) {
  const SiteId id(static_cast<std::uint32_t>(m_sites.size()));
  m_siteIndex.emplace(site.id, id.Index());
  site.nodes.clear();
  m_sites.push_back(std::move(site));
  const int routers = Routers(id);
  Site& added = m_sites.back();
  for (int r = 1; r <= routers; ++r) {
    Node node;
    node.id = routers == 1 ? added.id : added.id + "/r" + std::to_string(r);
    node.site = id;
    const NodeId nodeId(static_cast<std::uint32_t>(m_nodes.size()));
    m_nodeIndex.emplace(node.id, nodeId.Index());
    m_nodes.push_back(std::move(node));
    added.nodes.push_back(nodeId);
  }
  m_agencyCount = -1;
  return id;
}

LinkId Twin::AddLink(Link link) {
  const LinkId id(static_cast<std::uint32_t>(m_links.size()));
  if (link.id.empty()) {
    link.explicitId = false;
    std::string base = m_nodes[link.a.Index()].id + "--" + m_nodes[link.b.Index()].id;
    const int n = ++m_parallelCount[base];
    link.id = n == 1 ? base : base + "#" + std::to_string(n);
  }
  m_linkIndex.emplace(link.id, id.Index());
  m_links.push_back(std::move(link));
  return id;
}

SrgId Twin::AddSrg(Srg srg) {
  const SrgId id(static_cast<std::uint32_t>(m_srgs.size()));
  m_srgIndex.emplace(srg.id, id.Index());
  m_srgs.push_back(std::move(srg));
  return id;
}

namespace {
template <class IdT>
IdT Lookup(const std::unordered_map<std::string, std::uint32_t>& index, std::string_view key) {
  auto it = index.find(std::string(key));
  return it == index.end() ? IdT() : IdT(it->second);
}
}  // namespace

SiteId Twin::FindSite(std::string_view id) const { return Lookup<SiteId>(m_siteIndex, id); }
NodeId Twin::FindNode(std::string_view id) const { return Lookup<NodeId>(m_nodeIndex, id); }
LinkId Twin::FindLink(std::string_view id) const { return Lookup<LinkId>(m_linkIndex, id); }
SrgId Twin::FindSrg(std::string_view id) const { return Lookup<SrgId>(m_srgIndex, id); }

std::vector<LinkId> Twin::SrgLinks(SrgId group) const {
  std::vector<LinkId> out;
  for (std::uint32_t l = 0; l < m_links.size(); ++l) {
    const auto& srgs = m_links[l].srgs;
    if (std::find(srgs.begin(), srgs.end(), group) != srgs.end()) out.push_back(LinkId(l));
  }
  return out;
}

std::vector<std::string> Twin::ResourcesOf(std::string_view element) const {
  std::vector<std::string> out{std::string(element)};
  if (const SrgId g = FindSrg(element); g.IsValid()) {
    for (LinkId l : SrgLinks(g)) out.push_back(GetLink(l).id);
  }
  return out;
}

int Twin::Priority(SiteId site) const {
  const Site& s = m_sites[site.Index()];
  if (s.priority) return *s.priority;
  switch (s.level) {
    case SiteLevel::CentralAgency:
    case SiteLevel::RegionalCentre:
    case SiteLevel::BackupCentre:
    case SiteLevel::Noc:
      return 1;
    case SiteLevel::Province:
      return 2;
    case SiteLevel::District:
      return 3;
    case SiteLevel::Commune:
    case SiteLevel::Other:
      return 4;
  }
  return 4;
}

int Twin::Routers(SiteId site) const {
  const Site& s = m_sites[site.Index()];
  if (s.equipment.routers) return *s.equipment.routers;
  return (s.level == SiteLevel::RegionalCentre || s.level == SiteLevel::BackupCentre) ? 2 : 1;
}

bool Twin::HasMcu(SiteId site) const {
  const Site& s = m_sites[site.Index()];
  if (s.equipment.mcu) return *s.equipment.mcu;
  // The central MCU sits in the first regional centre (Hà Nội); every province,
  // and every district of the 2024 era, runs its own.
  if (s.level == SiteLevel::Province || s.level == SiteLevel::District) return true;
  if (s.level == SiteLevel::RegionalCentre) {
    for (const Site& other : m_sites) {
      if (other.level == SiteLevel::RegionalCentre) return &other == &s;
    }
  }
  return false;
}

double Twin::BatteryHours(SiteId site) const {
  const Site& s = m_sites[site.Index()];
  if (s.equipment.batteryHours) return *s.equipment.batteryHours;
  return model.batteryHours[static_cast<std::size_t>(s.level)];
}

bool Twin::HasGenerator(SiteId site) const {
  const Site& s = m_sites[site.Index()];
  if (s.equipment.generator) return *s.equipment.generator;
  return s.level == SiteLevel::Province || s.level == SiteLevel::RegionalCentre ||
         s.level == SiteLevel::BackupCentre || s.level == SiteLevel::Noc;
}

Region Twin::RegionOf(SiteId site) const { return RegionOfProvinceCode(m_sites[site.Index()].provinceCode); }

void Twin::EnsureEndpointCaches() const {
  if (m_agencyCount >= 0 && m_childCommunes.size() == m_sites.size()) return;
  m_agencyOrdinal.assign(m_sites.size(), -1);
  m_childCommunes.assign(m_sites.size(), 0);
  m_agencyCount = 0;
  for (std::size_t i = 0; i < m_sites.size(); ++i) {
    const Site& s = m_sites[i];
    if (s.level == SiteLevel::CentralAgency) m_agencyOrdinal[i] = m_agencyCount++;
    if (s.level == SiteLevel::Commune && s.parent.IsValid()) ++m_childCommunes[s.parent.Index()];
  }
}

int Twin::Endpoints(SiteId site, std::string_view profileId) const {
  const Site& s = m_sites[site.Index()];
  if (s.equipment.endpoints) return *s.equipment.endpoints;
  const ConferenceProfile* p = demands.Find(profileId.empty() ? std::string_view(demands.activeProfile) : profileId);
  if (p == nullptr) return 0;
  EnsureEndpointCaches();
  switch (s.level) {
    case SiteLevel::Commune:
      return p->commune;
    case SiteLevel::District:
      // A district with no commune (Hoàng Sa, 2024) has no conference room.
      return m_childCommunes[site.Index()] > 0 ? p->district : 0;
    case SiteLevel::Province:
      return p->province;
    case SiteLevel::CentralAgency: {
      // The profile's central total is spread over the agencies, the remainder
      // going one each to the first agencies.
      const int n = m_agencyCount;
      const int k = m_agencyOrdinal[site.Index()];
      return p->central / n + (k < p->central % n ? 1 : 0);
    }
    default:
      return 0;
  }
}

int Twin::TotalEndpoints(std::string_view profile) const {
  int total = 0;
  for (std::uint32_t i = 0; i < m_sites.size(); ++i) total += Endpoints(SiteId(i), profile);
  return total;
}

double Twin::ImpliedLengthKm(NodeId a, NodeId b) const {
  const Site& sa = m_sites[m_nodes[a.Index()].site.Index()];
  const Site& sb = m_sites[m_nodes[b.Index()].site.Index()];
  if (!sa.position || !sb.position) return std::numeric_limits<double>::quiet_NaN();
  return std::max(model.minLinkKm, GreatCircleKm(*sa.position, *sb.position) * model.routeFactor);
}

double Twin::LengthKm(LinkId link) const {
  const Link& l = m_links[link.Index()];
  if (l.lengthKm) return *l.lengthKm;
  return ImpliedLengthKm(l.a, l.b);
}

double Twin::DelayMs(LinkId link) const {
  const Link& l = m_links[link.Index()];
  if (l.delayMs) return *l.delayMs;
  double km = LengthKm(link);
  if (std::isnan(km)) km = model.minLinkKm;
  double extra = 0.0;
  switch (l.medium) {
    case Medium::Cellular4G:
      extra = model.extraDelay4GMs;
      break;
    case Medium::Vsat:
      extra = model.extraDelayVsatMs;
      break;
    case Medium::Microwave:
      extra = model.extraDelayMicrowaveMs;
      break;
    case Medium::Fibre:
      break;
  }
  return km * model.propagationUsPerKm / 1000.0 + extra;
}

bool Twin::IsEnabled(LinkId link) const {
  const Link& l = m_links[link.Index()];
  if (l.enabled) return *l.enabled;
  return l.role == LinkRole::Primary;
}

bool Twin::IsActive(LinkId link, bool countStandby) const {
  const Link& l = m_links[link.Index()];
  const bool enabled = IsEnabled(link) || (countStandby && l.role == LinkRole::Backup);
  if (!enabled || l.state.IsDown()) return false;
  for (NodeId n : {l.a, l.b}) {
    const Node& node = m_nodes[n.Index()];
    if (node.state.IsDown() || m_sites[node.site.Index()].state.IsDown()) return false;
  }
  return true;
}

std::vector<NodeId> Twin::CoreNodes() const {
  std::vector<NodeId> core;
  for (const Site& s : m_sites) {
    if (s.level == SiteLevel::RegionalCentre || s.level == SiteLevel::BackupCentre) {
      core.insert(core.end(), s.nodes.begin(), s.nodes.end());
    }
  }
  return core;
}

}  // namespace netdrill::twin
