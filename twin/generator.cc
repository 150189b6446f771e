#include "generator.h"
#include "seeded.h"

#include "routing.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace netdrill::twin {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

double Round5(double v) { return std::round(v * 1e5) / 1e5; }

std::string ReplacePrefix(const std::string& s, const std::string& from, const std::string& to) {
  return s.rfind(from, 0) == 0 ? to + s.substr(from.size()) : s;
}

std::string ReplaceSuffix(const std::string& s, const std::string& from, const std::string& to) {
  return s.size() >= from.size() && s.compare(s.size() - from.size(), from.size(), from) == 0
             ? s.substr(0, s.size() - from.size()) + to
             : s;
}

struct Selection {
  std::vector<std::string> provinces;  ///< empty: all
  int maxDistricts = 0;                ///< per province, 0: all
  int maxCommunes = 0;                 ///< per district (2024) or province (2025), 0: all
  int agencies = 0;
  bool nocs = false;
  std::set<int> centres;  ///< indices 0-2 regional, 3-5 backup
};

struct IslandInfo {
  bool island = false;
  bool vsatPrimary = false;
  bool mainlandOffice = false;
};

class NetworkBuilder {
public:
  NetworkBuilder(const AdminData& data, const AdminData& data2025, const GeneratorParams& params, std::uint64_t seed)
      : m_data(data), m_data2025(data2025), m_params(params), m_seed(seed),
        m_cap(data.era == 2024 ? params.capacities2024 : params.capacities2025) {}

  Twin Build(const std::string& preset, const Selection& sel);

private:
  const AdminData& m_data;
  const AdminData& m_data2025;
  const GeneratorParams& m_params;
  std::uint64_t m_seed;
  EraCapacities m_cap;
  Twin m_twin;
  std::array<SiteId, 6> m_centres{};
  std::map<std::pair<double, double>, std::string> m_specialZonePoints;  ///< 2025 special zones by position

  IslandInfo IslandOf(const AdminUnit& commune) const;
  void AddCentres(const Selection& sel);
  void AddNocsAndAgencies(const Selection& sel);
  void Connect(NodeId a, NodeId b, double mbps, Medium medium = Medium::Fibre, LinkRole role = LinkRole::Primary,
               std::vector<SrgId> srgs = {});
  SrgId AddRoute(const std::string& id, const std::string& nameVi, const std::string& nameEn);
  NodeId CentreRouter(int centre, int index) const {
    return m_twin.GetSite(m_centres[static_cast<std::size_t>(centre)]).nodes[static_cast<std::size_t>(index)];
  }
};

IslandInfo NetworkBuilder::IslandOf(const AdminUnit& commune) const {
  IslandInfo info;
  std::string zone;
  if (m_data.era == 2025) {
    if (commune.type == "Đặc khu") zone = commune.code;
  } else {
    // A 2024 commune sits at the point of its 2025 successor (shared/data/README):
    // the communes at a special zone's point are that island's units.
    auto it = m_specialZonePoints.find({commune.position.lat, commune.position.lon});
    if (it != m_specialZonePoints.end()) zone = it->second;
  }
  if (zone.empty()) return info;
  info.mainlandOffice = Contains(m_params.mainlandOfficeUnits, zone);
  info.island = !info.mainlandOffice;
  info.vsatPrimary = Contains(m_params.vsatPrimaryUnits, zone);
  return info;
}

SrgId NetworkBuilder::AddRoute(const std::string& id, const std::string& nameVi, const std::string& nameEn) {
  return m_twin.AddSrg(Srg{id, nameVi, nameEn});
}

void NetworkBuilder::Connect(NodeId a, NodeId b, double mbps, Medium medium, LinkRole role, std::vector<SrgId> srgs) {
  Link link;
  link.a = a;
  link.b = b;
  link.capacityMbps = mbps;
  link.medium = medium;
  link.role = role;
  link.srgs = std::move(srgs);
  m_twin.AddLink(std::move(link));
}

void NetworkBuilder::AddCentres(const Selection& sel) {
  for (int c : sel.centres) {
    const bool regional = c < 3;
    const std::string& code = regional ? m_params.regionalCentreProvinces[static_cast<std::size_t>(c)]
                                       : m_params.backupCentreProvinces[static_cast<std::size_t>(c - 3)];
    const AdminUnit* p = m_data.FindProvince(code);
    Site s;
    s.id = "centre:" + code;
    s.level = regional ? SiteLevel::RegionalCentre : SiteLevel::BackupCentre;
    s.name = (regional ? "Trung tâm vùng " : "Trung tâm dự phòng ") + p->nameVi;
    s.nameEn = p->nameEn + (regional ? " regional centre" : " backup centre");
    s.position = p->position;
    s.provinceCode = code;
    m_centres[static_cast<std::size_t>(c)] = m_twin.AddSite(std::move(s));
  }
  // The core: both routers of a centre joined in the building; every two centres
  // joined twice (router 1 to router 1, router 2 to router 2) on separate routes.
  std::vector<int> centres(sel.centres.begin(), sel.centres.end());
  for (int c : centres) Connect(CentreRouter(c, 0), CentreRouter(c, 1), m_cap.coreMbps);
  for (std::size_t i = 0; i < centres.size(); ++i) {
    for (std::size_t j = i + 1; j < centres.size(); ++j) {
      const Site& a = m_twin.GetSite(m_centres[static_cast<std::size_t>(centres[i])]);
      const Site& b = m_twin.GetSite(m_centres[static_cast<std::size_t>(centres[j])]);
      for (int r = 0; r < 2; ++r) {
        const std::string suffix = r == 0 ? "a" : "b";
        const SrgId route = AddRoute("route:" + a.provinceCode + "-" + b.provinceCode + "-" + suffix,
                                     "Tuyến trục " + a.name + " – " + b.name + " (" + suffix + ")",
                                     "Backbone route " + a.nameEn + " – " + b.nameEn + " (" + suffix + ")");
        Connect(CentreRouter(centres[i], r), CentreRouter(centres[j], r), m_cap.coreMbps, Medium::Fibre,
                LinkRole::Primary, {route});
      }
    }
  }
}

void NetworkBuilder::AddNocsAndAgencies(const Selection& sel) {
  if (sel.nocs) {
    auto addNoc = [&](const std::string& idPrefix, const std::string& code, const std::string& vi,
                      const std::string& en) {
      const AdminUnit* p = m_data.FindProvince(code);
      Site s;
      s.id = idPrefix + code;
      s.level = SiteLevel::Noc;
      s.name = vi + p->nameVi;
      s.nameEn = p->nameEn + en;
      s.position = p->position;
      s.provinceCode = code;
      const SiteId id = m_twin.AddSite(std::move(s));
      int home = 0;
      for (int c = 0; c < 3; ++c) {
        if (m_params.regionalCentreProvinces[static_cast<std::size_t>(c)] == code) home = c;
      }
      for (int r = 0; r < 2; ++r) Connect(m_twin.FirstNode(id), CentreRouter(home, r), m_cap.agencyMbps);
    };
    addNoc("ops:", m_params.operationsCentreProvince, "Trung tâm điều hành ", " operations centre");
    for (const std::string& code : m_params.regionalCentreProvinces) {
      addNoc("noc:", code, "Trung tâm điều hành mạng (NOC) ", " network operations centre");
    }
  }
  // Central agencies: on the Hà Nội metro, placed evenly on a small circle
  // around the northern regional centre, each dual-homed to its two routers.
  // Copies: adding sites below moves the twin's tables.
  const GeoPoint hubPosition = *m_twin.GetSite(m_centres[0]).position;
  const std::string hubProvince = m_twin.GetSite(m_centres[0]).provinceCode;
  for (int k = 0; k < sel.agencies; ++k) {
    char num[16];
    std::snprintf(num, sizeof num, "%02d", k + 1);
    const double angle = 2.0 * M_PI * k / sel.agencies;
    const double dLat = m_params.agencyRadiusKm / 111.2 * std::sin(angle);
    const double dLon =
        m_params.agencyRadiusKm / (111.2 * std::cos(hubPosition.lat * M_PI / 180.0)) * std::cos(angle);
    Site s;
    s.id = std::string("agency:") + num;
    s.level = SiteLevel::CentralAgency;
    s.name = std::string("Cơ quan trung ương ") + num;
    s.nameEn = std::string("Central agency ") + num;
    s.position = GeoPoint{Round5(hubPosition.lat + dLat), Round5(hubPosition.lon + dLon)};
    s.provinceCode = hubProvince;
    const SiteId id = m_twin.AddSite(std::move(s));
    for (int r = 0; r < 2; ++r) Connect(m_twin.FirstNode(id), CentreRouter(0, r), m_cap.agencyMbps);
  }
}

Twin NetworkBuilder::Build(const std::string& preset, const Selection& sel) {
  m_twin.name = preset;
  m_twin.era = m_data.era;
  m_twin.provenance.preset = preset;
  m_twin.provenance.seed = m_seed;
  m_twin.demands = DefaultDemands(m_data.era);
  m_twin.model = m_params.model;
  for (const AdminUnit& u : m_data2025.communes) {
    if (u.type == "Đặc khu") m_specialZonePoints[{u.position.lat, u.position.lon}] = u.code;
  }

  AddCentres(sel);
  AddNocsAndAgencies(sel);

  // Provinces.
  std::vector<const AdminUnit*> provinces;
  for (const AdminUnit& p : m_data.provinces) {
    if (sel.provinces.empty() || Contains(sel.provinces, p.code)) provinces.push_back(&p);
  }
  std::unordered_map<std::string, SiteId> provinceSite;
  std::array<int, 4> ordinalInRegion{};
  for (const AdminUnit* p : provinces) {
    Site s;
    s.id = "province:" + p->code;
    s.level = SiteLevel::Province;
    s.code = p->code;
    s.name = p->nameVi;
    s.nameEn = p->nameEn;
    s.position = p->position;
    s.provinceCode = p->code;
    const SiteId id = m_twin.AddSite(std::move(s));
    provinceSite[p->code] = id;
    // Primary uplink to the regional centre, secondary to the region's backup
    // centre, each on a route of its own; alternate routers for balance.
    const Region region = RegionOfProvinceCode(p->code);
    const int r = static_cast<int>(region) - 1;
    const int router = ordinalInRegion[static_cast<std::size_t>(region)]++ % 2;
    const Site& regional = m_twin.GetSite(m_centres[static_cast<std::size_t>(r)]);
    const Site& backup = m_twin.GetSite(m_centres[static_cast<std::size_t>(r + 3)]);
    const SrgId primary = AddRoute("route:" + p->code + "-primary", "Tuyến cáp quang " + p->nameVi + " – " + regional.name,
                                   "Fibre route " + p->nameEn + " – " + regional.nameEn);
    const SrgId secondary = AddRoute("route:" + p->code + "-secondary",
                                     "Tuyến cáp quang " + p->nameVi + " – " + backup.name,
                                     "Fibre route " + p->nameEn + " – " + backup.nameEn);
    std::vector<SrgId> a{primary};
    std::vector<SrgId> b{secondary};
    if (m_params.sharedExitKm > 0.0 &&
        (m_params.sharedExitProvinces.empty() || Contains(m_params.sharedExitProvinces, p->code))) {
      char km[32];
      std::snprintf(km, sizeof km, "%g km", m_params.sharedExitKm);
      const SrgId exit = AddRoute("route:" + p->code + "-exit", "Ống cống chung lối ra " + p->nameVi + " (" + km + ")",
                                  "Shared exit duct of " + p->nameEn + " (" + km + ")");
      a.push_back(exit);
      b.push_back(exit);
    }
    Connect(m_twin.FirstNode(id), CentreRouter(r, router), m_cap.provinceUplinkMbps, Medium::Fibre, LinkRole::Primary,
            a);
    Connect(m_twin.FirstNode(id), CentreRouter(r + 3, router), m_cap.provinceUplinkMbps, Medium::Fibre,
            LinkRole::Primary, b);
    if (m_params.secondaryCostFactor != 1.0) {
      const LinkId secondaryLink(static_cast<std::uint32_t>(m_twin.Links().size() - 1));
      const double implied = static_cast<double>(LinkCost(m_twin, secondaryLink));
      m_twin.GetLink(secondaryLink).cost = std::round(implied * m_params.secondaryCostFactor);
    }
  }

  // Communes of the selection, grouped by their parent unit.
  std::map<std::string, std::vector<const AdminUnit*>> communesOf;  // district (2024) or province (2025) code
  for (const AdminUnit& c : m_data.communes) {
    if (!provinceSite.count(c.provinceCode)) continue;
    auto& list = communesOf[m_data.era == 2024 ? c.districtCode : c.provinceCode];
    if (sel.maxCommunes == 0 || static_cast<int>(list.size()) < sel.maxCommunes) list.push_back(&c);
  }

  // Districts (2024).
  std::unordered_map<std::string, SiteId> districtSite;
  std::set<std::string> vsatDistricts;  // their communes share the island with them
  std::vector<std::pair<const AdminUnit*, SiteId>> districts;
  AdminUnit hoangSa;
  if (m_data.era == 2024) {
    std::map<std::string, int> perProvince;
    std::vector<const AdminUnit*> chosen;
    for (const AdminUnit& d : m_data.districts) {
      if (!provinceSite.count(d.provinceCode)) continue;
      if (sel.maxDistricts > 0 && perProvince[d.provinceCode]++ >= sel.maxDistricts) continue;
      chosen.push_back(&d);
    }
    // Hoàng Sa (498) has no commune in the data; its office, and so its site,
    // is in Đà Nẵng. Its names come from the 2025 special zone that succeeded it.
    if (sel.maxDistricts == 0 && provinceSite.count(m_params.hoangSaProvinceCode)) {
      for (const AdminUnit& u : m_data2025.communes) {
        if (!Contains(m_params.mainlandOfficeUnits, u.code)) continue;
        hoangSa.code = m_params.hoangSaDistrictCode;
        hoangSa.provinceCode = m_params.hoangSaProvinceCode;
        hoangSa.nameVi = ReplacePrefix(u.nameVi, "Đặc khu ", "Huyện ");
        hoangSa.nameEn = ReplaceSuffix(u.nameEn, " Special Zone", " District");
        hoangSa.position = m_data.FindProvince(m_params.hoangSaProvinceCode)->position;
        chosen.push_back(&hoangSa);
        break;
      }
      std::sort(chosen.begin(), chosen.end(), [](const AdminUnit* a, const AdminUnit* b) { return a->code < b->code; });
    }
    for (const AdminUnit* d : chosen) {
      Site s;
      s.id = "district:" + d->code;
      s.level = SiteLevel::District;
      s.code = d->code;
      s.name = d->nameVi;
      s.nameEn = d->nameEn;
      s.position = d->position;
      s.provinceCode = d->provinceCode;
      s.parent = provinceSite.at(d->provinceCode);
      const auto& kids = communesOf[d->code];
      // An island district: every commune of it is an island unit.
      bool allIsland = !kids.empty();
      bool allVsat = !kids.empty();
      for (const AdminUnit* c : kids) {
        const IslandInfo info = IslandOf(*c);
        allIsland = allIsland && info.island;
        allVsat = allVsat && info.vsatPrimary;
      }
      s.island = allIsland;
      const SiteId id = m_twin.AddSite(std::move(s));
      districtSite[d->code] = id;
      districts.emplace_back(d, id);
      const NodeId up = m_twin.FirstNode(provinceSite.at(d->provinceCode));
      if (allVsat) {
        vsatDistricts.insert(d->code);
        Connect(m_twin.FirstNode(id), up, m_params.mbpsVsat, Medium::Vsat);
      } else {
        Connect(m_twin.FirstNode(id), up, m_cap.districtUplinkMbps);
        if (allIsland) Connect(m_twin.FirstNode(id), up, m_params.mbpsVsat, Medium::Vsat, LinkRole::Backup);
      }
    }
    // The largest districts get a second path: a ring link to the nearest
    // other district of their province.
    std::vector<std::pair<const AdminUnit*, SiteId>> ranked = districts;
    std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
      const auto na = communesOf[a.first->code].size();
      const auto nb = communesOf[b.first->code].size();
      return na != nb ? na > nb : a.first->code < b.first->code;
    });
    const auto ringCount =
        static_cast<std::size_t>(std::llround(m_params.districtRingShare * static_cast<double>(districts.size())));
    std::set<std::pair<std::uint32_t, std::uint32_t>> ringed;
    for (std::size_t i = 0; i < std::min(ringCount, ranked.size()); ++i) {
      const auto& [unit, id] = ranked[i];
      SiteId best;
      double bestKm = 0.0;
      for (const auto& [other, otherId] : districts) {
        if (otherId == id || other->provinceCode != unit->provinceCode) continue;
        const double km = GreatCircleKm(unit->position, other->position);
        if (!best.IsValid() || km < bestKm) {
          best = otherId;
          bestKm = km;
        }
      }
      if (!best.IsValid()) continue;
      // (std::minmax of two temporaries would hand back dangling references.)
      const std::uint32_t lo = std::min(id.Index(), best.Index());
      const std::uint32_t hi = std::max(id.Index(), best.Index());
      if (!ringed.insert({lo, hi}).second) continue;
      Connect(m_twin.FirstNode(id), m_twin.FirstNode(best), m_cap.districtUplinkMbps);
    }
  }

  // Communes: one fibre to the district (2024) or the province (2025).
  struct Placed {
    SiteId site;
    SiteId province;
    IslandInfo info;
    double remoteKm;
    std::uint64_t draw;
  };
  std::vector<Placed> placed;
  for (const auto& [parentCode, kids] : communesOf) {
    for (const AdminUnit* c : kids) {
      IslandInfo info = IslandOf(*c);
      if (m_data.era == 2024 && vsatDistricts.count(c->districtCode)) info.vsatPrimary = false;
      Site s;
      s.id = "commune:" + c->code;
      s.level = SiteLevel::Commune;
      s.code = c->code;
      s.name = c->nameVi;
      s.nameEn = c->nameEn;
      s.position = c->position;
      s.provinceCode = c->provinceCode;
      s.island = info.island;
      const SiteId province = provinceSite.at(c->provinceCode);
      if (info.mainlandOffice) {
        s.position = m_twin.GetSite(province).position;  // Hoàng Sa: the office is in Đà Nẵng
        s.tags.push_back("mainland-office");
      }
      if (m_data.era == 2024) {
        auto d = districtSite.find(c->districtCode);
        if (d == districtSite.end()) continue;  // its district was left out of the selection
        s.parent = d->second;
      } else {
        s.parent = province;
      }
      const SiteId id = m_twin.AddSite(std::move(s));
      const double km = GreatCircleKm(*m_twin.GetSite(id).position, *m_twin.GetSite(province).position);
      placed.push_back({id, province, info, km, SplitMix64(m_seed ^ Fnv1a(c->code))});
    }
  }
  std::sort(placed.begin(), placed.end(), [&](const Placed& a, const Placed& b) {
    return m_twin.GetSite(a.site).code < m_twin.GetSite(b.site).code;
  });
  // Which communes the upgrade left at the old rate: a seeded draw.
  std::vector<const Placed*> byDraw;
  for (const Placed& p : placed) byDraw.push_back(&p);
  std::sort(byDraw.begin(), byDraw.end(), [](const Placed* a, const Placed* b) { return a->draw < b->draw; });
  const auto legacyCount = static_cast<std::size_t>(
      std::llround((1.0 - m_cap.communeUpgradeShare) * static_cast<double>(placed.size())));
  std::set<std::uint32_t> legacy;
  for (std::size_t i = 0; i < legacyCount && i < byDraw.size(); ++i) legacy.insert(byDraw[i]->site.Index());
  for (const Placed& p : placed) {
    const NodeId self = m_twin.FirstNode(p.site);
    const NodeId up = m_twin.FirstNode(m_twin.GetSite(p.site).parent);
    if (p.info.vsatPrimary) {
      Connect(self, up, m_params.mbpsVsat, Medium::Vsat);
    } else {
      Connect(self, up, legacy.count(p.site.Index()) ? m_cap.communeLegacyMbps : m_cap.communeUplinkMbps);
    }
  }
  // Backup media: VSAT on island units; 4G on the most remote communes.
  for (const Placed& p : placed) {
    if (p.info.island && !p.info.vsatPrimary) {
      Connect(m_twin.FirstNode(p.site), m_twin.FirstNode(p.province), m_params.mbpsVsat, Medium::Vsat,
              LinkRole::Backup);
    }
  }
  std::vector<const Placed*> remote;
  for (const Placed& p : placed) {
    if (!p.info.island && !p.info.vsatPrimary) remote.push_back(&p);
  }
  std::sort(remote.begin(), remote.end(), [&](const Placed* a, const Placed* b) {
    if (a->remoteKm != b->remoteKm) return a->remoteKm > b->remoteKm;
    return m_twin.GetSite(a->site).code < m_twin.GetSite(b->site).code;
  });
  const auto count4G =
      static_cast<std::size_t>(std::llround(m_params.share4G * static_cast<double>(placed.size())));
  std::vector<const Placed*> with4G(remote.begin(), remote.begin() + static_cast<std::ptrdiff_t>(std::min(count4G, remote.size())));
  std::sort(with4G.begin(), with4G.end(), [&](const Placed* a, const Placed* b) {
    return m_twin.GetSite(a->site).code < m_twin.GetSite(b->site).code;
  });
  for (const Placed* p : with4G) {
    Connect(m_twin.FirstNode(p->site), m_twin.FirstNode(p->province), m_params.mbps4G, Medium::Cellular4G,
            LinkRole::Backup);
  }
  return std::move(m_twin);
}

}  // namespace

Demands DefaultDemands(int era) {
  Demands d;
  d.profiles = {
      {"2023", 1, 6, 20, 246, "hd"},   // 4 Dec 2023, four levels: 16,242 endpoints on national-2024
      {"2025", 1, 0, 10, 100, "hd"},   // 3 Jul 2025: 3,761 on national-2025
      {"2026", 9, 0, 30, 91, "hd"},    // 7 Feb 2026: 31,000 on national-2025
  };
  d.activeProfile = era == 2024 ? "2023" : "2025";
  return d;
}

std::vector<std::string> GeneratorPresets() {
  return {"national-2024", "national-2025", "province-2024:<code>[,<code>...]", "province-2025:<code>[,<code>...]", "tiny"};
}

std::optional<Twin> Generate(const std::string& preset, std::uint64_t seed, const GeneratorParams& params,
                             const std::string& assetsDir, Diagnostics& diags) {
  Selection sel;
  int era = 0;
  std::vector<std::string> provinceCodes;
  if (preset == "national-2024" || preset == "national-2025") {
    era = preset == "national-2024" ? 2024 : 2025;
    sel.agencies = params.centralAgencies;
    sel.nocs = true;
    sel.centres = {0, 1, 2, 3, 4, 5};
  } else if (preset.rfind("province-2024:", 0) == 0 || preset.rfind("province-2025:", 0) == 0) {
    era = preset.compare(9, 4, "2024") == 0 ? 2024 : 2025;
    // One province, or several: "province-2025:44,46,48" (the core's centres of each one's region).
    const std::string codes = preset.substr(14);
    for (std::size_t start = 0; start <= codes.size();) {
      const std::size_t end = std::min(codes.find(',', start), codes.size());
      provinceCodes.push_back(codes.substr(start, end - start));
      start = end + 1;
    }
  } else if (preset == "tiny") {
    era = 2024;
    sel.maxDistricts = params.tinyDistrictsPerProvince;
    sel.maxCommunes = params.tinyCommunesPerDistrict;
    sel.agencies = params.tinyAgencies;
    sel.centres = {0, 3};
  } else {
    std::vector<std::string> known = GeneratorPresets();
    diags.Error("unknown-preset", "", {}, "", "unknown preset \"" + preset + "\"", SuggestHint(preset, known));
    return std::nullopt;
  }
  auto data = LoadAdminData(era, assetsDir, diags);
  if (!data) return std::nullopt;
  std::optional<AdminData> data2025;
  if (era == 2024) {
    data2025 = LoadAdminData(2025, assetsDir, diags);
    if (!data2025) return std::nullopt;
  }
  for (const std::string& provinceCode : provinceCodes) {
    if (data->FindProvince(provinceCode) == nullptr) {
      std::vector<std::string> codes;
      for (const auto& p : data->provinces) codes.push_back(p.code);
      diags.Error("unknown-province", "", {}, "",
                  "no province with code \"" + provinceCode + "\" in the " + std::to_string(era) + " era",
                  SuggestHint(provinceCode, codes));
      return std::nullopt;
    }
    if (std::find(sel.provinces.begin(), sel.provinces.end(), provinceCode) != sel.provinces.end()) continue;
    sel.provinces.push_back(provinceCode);
    // Its share of the core: its region's two centres, and the northern
    // regional centre that hosts the central MCU.
    const int r = static_cast<int>(RegionOfProvinceCode(provinceCode)) - 1;
    sel.centres.insert({0, r, r + 3});
  }
  if (preset == "tiny") {
    for (const AdminUnit& p : data->provinces) {
      if (static_cast<int>(sel.provinces.size()) < params.tinyProvinces &&
          RegionOfProvinceCode(p.code) == Region::North) {
        sel.provinces.push_back(p.code);
      }
    }
  }
  for (const auto& codes : {params.regionalCentreProvinces, params.backupCentreProvinces}) {
    for (const std::string& code : codes) {
      if (data->FindProvince(code) == nullptr) {
        diags.Error("unknown-province", "", {}, "", "centre province \"" + code + "\" is not in the data");
        return std::nullopt;
      }
    }
  }
  NetworkBuilder builder(*data, era == 2024 ? *data2025 : *data, params, seed);
  return builder.Build(preset, sel);
}

}  // namespace netdrill::twin
