// The digital twin: the national network as data. Sites (with the equipment
// their role implies), router nodes, links between routers, shared-risk groups,
// demands, and the state of every element. Plain C++: no ns-3, no GL.
#pragma once

#include "ids.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace netdrill::twin {

/// @brief What a site is in the four-level network.
enum class SiteLevel : std::uint8_t {
  CentralAgency,   ///< a central Party / State agency (level-I access)
  RegionalCentre,  ///< one of the three regional backbone centres
  BackupCentre,    ///< one of the three backup centres
  Noc,             ///< an operations centre or network operations centre
  Province,        ///< a province or city centre / gateway
  District,        ///< a district site (2024 era only)
  Commune,         ///< a commune, ward or special zone site
  Other,           ///< an imported node whose role is unknown (GraphML, CSV)
};
inline constexpr int kSiteLevelCount = 8;

enum class Region : std::uint8_t { None, North, Central, South };
enum class Medium : std::uint8_t { Fibre, Microwave, Cellular4G, Vsat };
enum class LinkRole : std::uint8_t { Primary, Backup };
enum class Status : std::uint8_t { Up, Down, Degraded };

std::string_view ToString(SiteLevel level);
std::string_view ToString(Region region);
std::string_view ToString(Medium medium);
std::string_view ToString(LinkRole role);
std::string_view ToString(Status status);
std::optional<SiteLevel> ParseSiteLevel(std::string_view text);
std::optional<Medium> ParseMedium(std::string_view text);
std::optional<LinkRole> ParseLinkRole(std::string_view text);
std::optional<Status> ParseStatus(std::string_view text);
const std::vector<std::string>& SiteLevelNames();
const std::vector<std::string>& MediumNames();

/// @brief Region of a province by its code: the same rule in both eras (docs/assumptions.md).
Region RegionOfProvinceCode(std::string_view provinceCode);

/// @brief The operational state of a site, node or link.
struct ElementState {
  Status status = Status::Up;
  double lossPct = 0.0;         ///< extra packet loss while degraded, percent
  double extraDelayMs = 0.0;    ///< extra one-way delay while degraded
  double capacityFactor = 1.0;  ///< fraction of nominal capacity left while degraded

  bool IsDefault() const { return *this == ElementState{}; }
  bool IsDown() const { return status == Status::Down; }
  friend bool operator==(const ElementState& a, const ElementState& b) {
    return a.status == b.status && a.lossPct == b.lossPct && a.extraDelayMs == b.extraDelayMs &&
           a.capacityFactor == b.capacityFactor;
  }
};

struct GeoPoint {
  double lat = 0.0;
  double lon = 0.0;
  friend bool operator==(const GeoPoint& a, const GeoPoint& b) { return a.lat == b.lat && a.lon == b.lon; }
};

/// @brief Equipment of a site. Unset fields follow from the site's level (see Twin).
struct Equipment {
  std::optional<int> routers;          ///< router count (centres: 2 core routers)
  std::optional<bool> mcu;             ///< hosts a conference MCU
  std::optional<int> endpoints;        ///< conference endpoints, for every profile
  std::optional<double> batteryHours;  ///< battery autonomy after mains loss
  std::optional<bool> generator;       ///< has a standby generator
  bool IsDefault() const { return !routers && !mcu && !endpoints && !batteryHours && !generator; }
};

struct Site {
  std::string id;  ///< e.g. "commune:00001", "province:01", "centre:hn"
  SiteLevel level = SiteLevel::Other;
  std::string code;    ///< administrative code of its era, as text ("01", "00001")
  std::string name;    ///< Vietnamese name, NFC
  std::string nameEn;  ///< English name
  std::optional<GeoPoint> position;
  std::optional<int> priority;  ///< 1..4; unset: implied by level
  SiteId parent;                ///< administrative parent (commune -> district or province)
  std::string provinceCode;     ///< code of the province it belongs to ("" for the core)
  bool island = false;          ///< an island unit (VSAT backup)
  std::vector<std::string> tags;
  Equipment equipment;
  ElementState state;
  std::vector<NodeId> nodes;  ///< its routers, filled by Twin::AddSite
};

struct Node {
  std::string id;  ///< the site id for a one-router site, "site/rN" otherwise
  SiteId site;
  ElementState state;
};

struct Link {
  std::string id;           ///< explicit or implied ("a--b", "#2" for a parallel link)
  bool explicitId = false;  ///< the id was written in the file
  NodeId a;
  NodeId b;
  double capacityMbps = 0.0;
  std::optional<double> lengthKm;  ///< unset: great-circle x route factor, at least the minimum
  std::optional<double> delayMs;   ///< unset: propagation + the medium's extra delay
  std::optional<double> cost;      ///< IGP cost; unset: delay in microseconds + 10 (twin/routing.h)
  Medium medium = Medium::Fibre;
  LinkRole role = LinkRole::Primary;
  std::optional<bool> enabled;  ///< unset: primary links carry traffic, backup links stand by
  std::vector<SrgId> srgs;      ///< the shared-risk groups (physical routes) it runs through
  ElementState state;
};

/// @brief A shared-risk group: one physical route (duct, bridge, pass, river crossing).
struct Srg {
  std::string id;
  std::string name;
  std::string nameEn;
};

/// @brief Conference endpoints per site of each level; "central" is the total
/// across the central agencies.
struct ConferenceProfile {
  std::string id;  ///< "2023", "2025", "2026"
  int commune = 0;
  int district = 0;
  int province = 0;
  int central = 0;
  std::string media = "hd";  ///< "hd" or "sd"
  friend bool operator==(const ConferenceProfile& a, const ConferenceProfile& b) {
    return std::tie(a.id, a.commune, a.district, a.province, a.central, a.media) ==
           std::tie(b.id, b.commune, b.district, b.province, b.central, b.media);
  }
};

/// @brief What the network carries, read by the simulator and the what-if bench alike.
struct Demands {
  std::string activeProfile;
  std::vector<ConferenceProfile> profiles;
  double hdMbps = 1.5;   ///< HD endpoint, each way, with overhead
  double sdMbps = 0.46;  ///< SD endpoint, each way, with overhead
  double vpnCommuneMbps = 5.0;
  double vpnDistrictMbps = 20.0;
  double vpnProvinceMbps = 100.0;
  double vpnAgencyMbps = 200.0;
  double vpnDailySwing = 0.3;  ///< +/- fraction over the day
  const ConferenceProfile* Find(std::string_view id) const;
  /// @brief Why `id` is no conference profile of these demands ("no conference profile \"x\" (2023, 2025, 2026)");
  /// nullopt for one of them, or "" (the active one).
  std::optional<std::string> ProfileRefusal(std::string_view id) const;
  friend bool operator==(const Demands& a, const Demands& b) {
    return std::tie(a.activeProfile, a.profiles, a.hdMbps, a.sdMbps, a.vpnCommuneMbps, a.vpnDistrictMbps,
                    a.vpnProvinceMbps, a.vpnAgencyMbps, a.vpnDailySwing) ==
           std::tie(b.activeProfile, b.profiles, b.hdMbps, b.sdMbps, b.vpnCommuneMbps, b.vpnDistrictMbps,
                    b.vpnProvinceMbps, b.vpnAgencyMbps, b.vpnDailySwing);
  }
};

/// @brief The assumed numbers from which implied values are derived on load.
struct ModelParams {
  double routeFactor = 1.5;         ///< link length = great-circle x this
  double minLinkKm = 2.0;           ///< units sharing a point are still this far apart
  double propagationUsPerKm = 5.0;  ///< fibre propagation
  double extraDelay4GMs = 30.0;
  double extraDelayVsatMs = 270.0;
  double extraDelayMicrowaveMs = 0.0;
  std::array<double, kSiteLevelCount> batteryHours{8, 8, 8, 8, 8, 4, 2, 2};
  friend bool operator==(const ModelParams& a, const ModelParams& b) {
    return std::tie(a.routeFactor, a.minLinkKm, a.propagationUsPerKm, a.extraDelay4GMs, a.extraDelayVsatMs,
                    a.extraDelayMicrowaveMs, a.batteryHours) ==
           std::tie(b.routeFactor, b.minLinkKm, b.propagationUsPerKm, b.extraDelay4GMs, b.extraDelayVsatMs,
                    b.extraDelayMicrowaveMs, b.batteryHours);
  }
};

/// @brief Where a twin came from.
struct Provenance {
  std::string preset;  ///< generator preset, or "" for a hand-made or imported twin
  std::uint64_t seed = 0;
  std::string source;  ///< imported file name
};

/// @brief The network as data. Owns every element; ids index its tables.
class Twin {
public:
  std::string name;
  int era = 0;  ///< 2024, 2025, or 0 for a twin of no era (imported)
  Provenance provenance;
  Demands demands;
  ModelParams model;

  SiteId AddSite(Site site);  ///< also adds its routers as nodes
  LinkId AddLink(Link link);  ///< gives it an implied id when it has none
  SrgId AddSrg(Srg srg);

  const std::vector<Site>& Sites() const { return m_sites; }
  const std::vector<Node>& Nodes() const { return m_nodes; }
  const std::vector<Link>& Links() const { return m_links; }
  const std::vector<Srg>& Srgs() const { return m_srgs; }
  const Site& GetSite(SiteId id) const { return m_sites[id.Index()]; }
  Site& GetSite(SiteId id) { return m_sites[id.Index()]; }
  const Node& GetNode(NodeId id) const { return m_nodes[id.Index()]; }
  Node& GetNode(NodeId id) { return m_nodes[id.Index()]; }
  const Link& GetLink(LinkId id) const { return m_links[id.Index()]; }
  Link& GetLink(LinkId id) { return m_links[id.Index()]; }
  const Srg& GetSrg(SrgId id) const { return m_srgs[id.Index()]; }

  SiteId FindSite(std::string_view id) const;
  NodeId FindNode(std::string_view id) const;
  LinkId FindLink(std::string_view id) const;
  SrgId FindSrg(std::string_view id) const;
  /// @brief The links of a shared-risk group, in link order.
  std::vector<LinkId> SrgLinks(SrgId group) const;
  /// @brief The resources an element stands for: its own id and, for a
  /// shared-risk group, its links' ids (an alarm or declaration on any counts).
  std::vector<std::string> ResourcesOf(std::string_view element) const;

  // Values implied by role and position unless set explicitly.
  int Priority(SiteId site) const;
  int Routers(SiteId site) const;
  bool HasMcu(SiteId site) const;
  double BatteryHours(SiteId site) const;
  bool HasGenerator(SiteId site) const;
  Region RegionOf(SiteId site) const;
  /// @brief Conference endpoints of a site under a profile ("" = the active one).
  int Endpoints(SiteId site, std::string_view profile = {}) const;
  int TotalEndpoints(std::string_view profile = {}) const;
  double ImpliedLengthKm(NodeId a, NodeId b) const;  ///< NaN if a site has no position
  double LengthKm(LinkId link) const;                ///< NaN if unknown
  double DelayMs(LinkId link) const;
  bool IsEnabled(LinkId link) const;
  /// @brief Carries traffic now: enabled (or a standby backup, if asked), not
  /// down, both ends and their sites up.
  bool IsActive(LinkId link, bool countStandby = false) const;
  /// @brief The site a node belongs to, its first router node.
  NodeId FirstNode(SiteId site) const { return m_sites[site.Index()].nodes.front(); }
  /// @brief The nodes of the national core: the routers of the regional and backup centres.
  std::vector<NodeId> CoreNodes() const;

private:
  std::vector<Site> m_sites;
  std::vector<Node> m_nodes;
  std::vector<Link> m_links;
  std::vector<Srg> m_srgs;
  std::unordered_map<std::string, std::uint32_t> m_siteIndex;
  std::unordered_map<std::string, std::uint32_t> m_nodeIndex;
  std::unordered_map<std::string, std::uint32_t> m_linkIndex;
  std::unordered_map<std::string, std::uint32_t> m_srgIndex;
  std::unordered_map<std::string, int> m_parallelCount;  ///< implied link ids handed out
  // Caches for Endpoints(): ordinal of each central agency, commune count of each district.
  mutable std::vector<int> m_agencyOrdinal;
  mutable std::vector<int> m_childCommunes;
  mutable int m_agencyCount = -1;
  void EnsureEndpointCaches() const;
};

/// @brief The province a site belongs to when its file does not say: its
/// parent's; for a province, centre or NOC, its own code; otherwise none.
std::string ImpliedProvinceCode(const Twin& twin, SiteId site);

/// @brief Great-circle distance in km (haversine, mean Earth radius 6371 km).
double GreatCircleKm(GeoPoint a, GeoPoint b);

}  // namespace netdrill::twin
