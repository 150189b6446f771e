#include "twin-spec.h"

#include "limits.h"
#include "text.h"
#include "units.h"

#include <cmath>
#include <unordered_map>

namespace netdrill::twin {
namespace {

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string LineRef(SourceLoc loc) { return loc.line > 0 ? " (first at line " + std::to_string(loc.line) + ")" : ""; }

class SpecBuilder {
public:
  SpecBuilder(const TwinSpec& spec, Diagnostics& diags) : m_spec(spec), m_diags(diags) {}
  std::optional<Twin> Build();

private:
  const TwinSpec& m_spec;
  Diagnostics& m_diags;
  Twin m_twin;
  std::vector<std::string> m_siteIds;  // for "did you mean"
  std::vector<std::string> m_nodeIds;
  std::vector<std::string> m_srgIds;

  void Error(const std::string& file, SourceLoc loc, const std::string& path, const std::string& code,
             const std::string& message, const std::string& hint = {}) {
    m_diags.Error(code, file, loc, path, message, hint);
  }
  std::string Text(const Located<std::string>& s, const std::string& file, const std::string& path) {
    if (!IsValidUtf8(s.value)) {
      Error(file, s.loc, path, "bad-utf8", "text is not valid UTF-8");
      return {};
    }
    return ToNfc(s.value);
  }
  void AddSites();
  void AddSrgs();
  void AddLinks();
  void ApplyStates();
  void CheckDemands();
};

void SpecBuilder::AddSites() {
  const std::string& file = m_spec.sitesFile;
  std::unordered_map<std::string, SourceLoc> seen;
  std::vector<SiteId> specToSite(m_spec.sites.size());
  for (std::size_t i = 0; i < m_spec.sites.size(); ++i) {
    const SiteSpec& in = m_spec.sites[i];
    bool ok = true;  // false: the site cannot be added (no usable id)
    if (!in.id.present || in.id.value.empty()) {
      Error(file, in.loc, in.path, "missing-key", "a site needs an \"id\"");
      ok = false;
    } else if (auto [it, fresh] = seen.emplace(in.id.value, in.id.loc); !fresh) {
      Error(file, in.id.loc, in.path + ".id", "duplicate-id", "site id " + Quote(in.id.value) + " is used twice" +
                                                                  LineRef(it->second));
      ok = false;
    }
    Site s;
    if (!in.level.present) {
      Error(file, in.loc, in.path, "missing-key", "a site needs a \"level\"");
    } else if (auto level = ParseSiteLevel(in.level.value)) {
      s.level = *level;
    } else {
      Error(file, in.level.loc, in.path + ".level", "bad-value", "unknown site level " + Quote(in.level.value),
            SuggestHint(in.level.value, SiteLevelNames()));
    }
    if (in.lat.present != in.lon.present) {
      Error(file, in.loc, in.path, "missing-key", "a position needs both \"lat\" and \"lon\"");
    } else if (in.lat.present) {
      if (in.lat.value < -90 || in.lat.value > 90) {
        Error(file, in.lat.loc, in.path + ".lat", "out-of-range", "latitude must be within -90..90");
      }
      if (in.lon.value < -180 || in.lon.value > 180) {
        Error(file, in.lon.loc, in.path + ".lon", "out-of-range", "longitude must be within -180..180");
      }
      s.position = GeoPoint{in.lat.value, in.lon.value};
    }
    if (in.priority.present) {
      if (in.priority.value < 1 || in.priority.value > 4) {
        Error(file, in.priority.loc, in.path + ".priority", "out-of-range", "priority must be 1..4 (P1..P4)");
      }
      s.priority = in.priority.value;
    }
    if (in.routers.present) {
      if (in.routers.value < 1 || in.routers.value > 16) {
        Error(file, in.routers.loc, in.path + ".equipment.routers", "out-of-range", "routers must be 1..16");
      } else {
        s.equipment.routers = in.routers.value;
      }
    }
    if (in.endpoints.present) {
      if (in.endpoints.value < 0) {
        Error(file, in.endpoints.loc, in.path + ".equipment.endpoints", "out-of-range", "endpoints cannot be negative");
      }
      s.equipment.endpoints = in.endpoints.value;
    }
    if (in.batteryHours.present) {
      if (in.batteryHours.value < 0) {
        Error(file, in.batteryHours.loc, in.path + ".equipment.battery_h", "out-of-range",
              "battery autonomy cannot be negative");
      }
      s.equipment.batteryHours = in.batteryHours.value;
    }
    if (in.mcu.present) s.equipment.mcu = in.mcu.value;
    if (in.generator.present) s.equipment.generator = in.generator.value;
    s.id = in.id.value;
    s.code = Text(in.code, file, in.path + ".code");
    s.name = Text(in.name, file, in.path + ".name");
    s.nameEn = Text(in.nameEn, file, in.path + ".name_en");
    s.provinceCode = in.province.value;
    s.island = in.island.present && in.island.value;
    s.tags = in.tags;
    if (!ok) continue;
    specToSite[i] = m_twin.AddSite(std::move(s));
  }
  for (const Site& s : m_twin.Sites()) m_siteIds.push_back(s.id);
  for (const Node& n : m_twin.Nodes()) m_nodeIds.push_back(n.id);
  // Parents, once every site is known; a site's province follows its parent.
  for (std::size_t i = 0; i < m_spec.sites.size(); ++i) {
    const SiteSpec& in = m_spec.sites[i];
    if (!specToSite[i].IsValid() || !in.parent.present) continue;
    const SiteId parent = m_twin.FindSite(in.parent.value);
    if (!parent.IsValid()) {
      Error(file, in.parent.loc, in.path + ".parent", "missing-site", "no site " + Quote(in.parent.value),
            SuggestHint(in.parent.value, m_siteIds));
      continue;
    }
    if (parent == specToSite[i]) {
      Error(file, in.parent.loc, in.path + ".parent", "bad-value", "a site cannot be its own parent");
      continue;
    }
    m_twin.GetSite(specToSite[i]).parent = parent;
  }
  // A site without "province" takes its parent's (see ImpliedProvinceCode);
  // resolve parents before children, and refuse a cycle of parents.
  std::vector<char> done(m_twin.Sites().size(), 0);
  std::vector<bool> explicitProvince(m_twin.Sites().size(), false);
  for (std::size_t i = 0; i < m_spec.sites.size(); ++i) {
    if (specToSite[i].IsValid() && m_spec.sites[i].province.present) explicitProvince[specToSite[i].Index()] = true;
  }
  for (std::uint32_t start = 0; start < m_twin.Sites().size(); ++start) {
    std::vector<SiteId> chain;
    SiteId cur(start);
    while (cur.IsValid() && done[cur.Index()] == 0) {
      done[cur.Index()] = 1;  // on the current chain
      chain.push_back(cur);
      cur = m_twin.GetSite(cur).parent;
    }
    if (cur.IsValid() && done[cur.Index()] == 1) {
      const Site& s = m_twin.GetSite(cur);
      Error(file, {}, "site " + s.id, "parent-cycle", "the parents of site \"" + s.id + "\" form a cycle");
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      done[it->Index()] = 2;
      if (explicitProvince[it->Index()]) continue;
      Site& s = m_twin.GetSite(*it);
      s.provinceCode = ImpliedProvinceCode(m_twin, *it);
    }
  }
}

void SpecBuilder::AddSrgs() {
  std::unordered_map<std::string, SourceLoc> seen;
  for (const SrgSpec& in : m_spec.srgs) {
    if (!in.id.present || in.id.value.empty()) {
      Error(m_spec.file, in.loc, in.path, "missing-key", "a shared-risk group needs an \"id\"");
      continue;
    }
    if (auto [it, fresh] = seen.emplace(in.id.value, in.id.loc); !fresh) {
      Error(m_spec.file, in.id.loc, in.path + ".id", "duplicate-id",
            "shared-risk group " + Quote(in.id.value) + " is declared twice" + LineRef(it->second));
      continue;
    }
    m_twin.AddSrg(Srg{in.id.value, Text(in.name, m_spec.file, in.path + ".name"),
                      Text(in.nameEn, m_spec.file, in.path + ".name_en")});
    m_srgIds.push_back(in.id.value);
  }
}

void SpecBuilder::AddLinks() {
  const std::string& file = m_spec.linksFile;
  std::unordered_map<std::string, SourceLoc> explicitIds;
  std::vector<bool> srgUsed(m_twin.Srgs().size(), false);
  for (const LinkSpec& in : m_spec.links) {
    bool ok = true;
    Link l;
    auto endpoint = [&](const Located<std::string>& ref, const char* key) {
      if (!ref.present) {
        Error(file, in.loc, in.path, "missing-key", std::string("a link needs \"") + key + "\"");
        ok = false;
        return NodeId();
      }
      NodeId n = m_twin.FindNode(ref.value);
      if (!n.IsValid()) {
        // A site id names its first router.
        const SiteId s = m_twin.FindSite(ref.value);
        if (s.IsValid()) return m_twin.FirstNode(s);
        Error(file, ref.loc, in.path + "." + key, "missing-node", "no node " + Quote(ref.value),
              SuggestHint(ref.value, m_nodeIds));
        ok = false;
      }
      return n;
    };
    l.a = endpoint(in.a, "a");
    l.b = endpoint(in.b, "b");
    if (!in.capacity.present) {
      Error(file, in.loc, in.path, "missing-key", "a link needs a capacity (\"cap\")");
      ok = false;
    } else if (auto mbps = ParseCapacityMbps(in.capacity.value); !mbps) {
      Error(file, in.capacity.loc, in.path + ".cap", "bad-value",
            "capacity " + Quote(in.capacity.value) + " is not a rate like 100M, 1G or 2.5G");
      ok = false;
    } else if (*mbps < 0) {
      Error(file, in.capacity.loc, in.path + ".cap", "negative-capacity", "capacity cannot be negative");
      ok = false;
    } else if (*mbps == 0) {
      Error(file, in.capacity.loc, in.path + ".cap", "zero-capacity", "capacity must be more than zero");
      ok = false;
    } else if (const auto wrong = CapacityOutOfRange(*mbps)) {
      Error(file, in.capacity.loc, in.path + ".cap", "out-of-range", *wrong);
      ok = false;
    } else {
      l.capacityMbps = *mbps;
    }
    if (in.km.present) {
      if (in.km.value < 0) {
        Error(file, in.km.loc, in.path + ".km", "out-of-range", "length cannot be negative");
        ok = false;
      }
      l.lengthKm = in.km.value;
    }
    if (in.delayMs.present) {
      if (in.delayMs.value < 0) {
        Error(file, in.delayMs.loc, in.path + ".delay_ms", "out-of-range", "delay cannot be negative");
        ok = false;
      }
      l.delayMs = in.delayMs.value;
    }
    if (in.cost.present) {
      if (!(in.cost.value >= 1)) {
        Error(file, in.cost.loc, in.path + ".cost", "out-of-range", "an IGP cost is at least 1");
        ok = false;
      }
      l.cost = in.cost.value;
    }
    if (in.medium.present) {
      if (auto m = ParseMedium(in.medium.value)) {
        l.medium = *m;
      } else {
        Error(file, in.medium.loc, in.path + ".medium", "bad-value", "unknown medium " + Quote(in.medium.value),
              SuggestHint(in.medium.value, MediumNames()));
        ok = false;
      }
    }
    if (in.role.present) {
      if (auto r = ParseLinkRole(in.role.value)) {
        l.role = *r;
      } else {
        Error(file, in.role.loc, in.path + ".role", "bad-value", "unknown role " + Quote(in.role.value),
              SuggestHint(in.role.value, {"primary", "backup"}));
        ok = false;
      }
    }
    if (in.enabled.present) l.enabled = in.enabled.value;
    for (const auto& ref : in.srgs) {
      const SrgId g = m_twin.FindSrg(ref.value);
      if (!g.IsValid()) {
        Error(file, ref.loc, in.path + ".srg", "unknown-srg", "no shared-risk group " + Quote(ref.value),
              SuggestHint(ref.value, m_srgIds));
        ok = false;
        continue;
      }
      srgUsed[g.Index()] = true;
      l.srgs.push_back(g);
    }
    if (in.id.present) {
      if (auto [it, fresh] = explicitIds.emplace(in.id.value, in.id.loc); !fresh) {
        Error(file, in.id.loc, in.path + ".id", "duplicate-id",
              "link id " + Quote(in.id.value) + " is used twice" + LineRef(it->second));
        ok = false;
      }
      l.id = in.id.value;
      l.explicitId = true;
    }
    if (!ok) continue;
    if (l.a == l.b) {
      m_diags.Warning("self-loop", file, in.loc, in.path,
                      "link joins " + Quote(m_twin.GetNode(l.a).id) + " to itself; analysis leaves it out");
    }
    if (l.explicitId && m_twin.FindLink(l.id).IsValid()) {
      Error(file, in.id.loc, in.path + ".id", "duplicate-id", "link id " + Quote(l.id) + " is already taken");
      continue;
    }
    m_twin.AddLink(std::move(l));
  }
  for (std::size_t g = 0; g < srgUsed.size(); ++g) {
    if (srgUsed[g]) continue;
    const SrgSpec* decl = nullptr;
    for (const SrgSpec& s : m_spec.srgs) {
      if (s.id.value == m_twin.Srgs()[g].id) decl = &s;
    }
    m_diags.Warning("unused-srg", m_spec.file, decl ? decl->loc : SourceLoc{}, decl ? decl->path : "",
                    "shared-risk group " + Quote(m_twin.Srgs()[g].id) + " has no link");
  }
}

void SpecBuilder::ApplyStates() {
  for (const StateSpec& in : m_spec.states) {
    if (!in.element.present) {
      Error(m_spec.file, in.loc, in.path, "missing-key", "a state needs an \"element\"");
      continue;
    }
    ElementState st;
    if (in.status.present) {
      if (auto s = ParseStatus(in.status.value)) {
        st.status = *s;
      } else {
        Error(m_spec.file, in.status.loc, in.path + ".status", "bad-value", "unknown status " + Quote(in.status.value),
              SuggestHint(in.status.value, {"up", "down", "degraded"}));
        continue;
      }
    }
    if (in.lossPct.present) {
      if (in.lossPct.value < 0 || in.lossPct.value > 100) {
        Error(m_spec.file, in.lossPct.loc, in.path + ".loss_pct", "out-of-range", "loss must be 0..100 %");
      }
      st.lossPct = in.lossPct.value;
    }
    if (in.extraDelayMs.present) {
      if (in.extraDelayMs.value < 0) {
        Error(m_spec.file, in.extraDelayMs.loc, in.path + ".extra_delay_ms", "out-of-range", "delay cannot be negative");
      }
      st.extraDelayMs = in.extraDelayMs.value;
    }
    if (in.capacityFactor.present) {
      if (in.capacityFactor.value < 0 || in.capacityFactor.value > 1) {
        Error(m_spec.file, in.capacityFactor.loc, in.path + ".capacity_factor", "out-of-range",
              "capacity factor must be 0..1");
      }
      st.capacityFactor = in.capacityFactor.value;
    }
    const std::string& ref = in.element.value;
    if (LinkId l = m_twin.FindLink(ref); l.IsValid()) {
      m_twin.GetLink(l).state = st;
    } else if (SiteId s = m_twin.FindSite(ref); s.IsValid()) {
      m_twin.GetSite(s).state = st;
    } else if (NodeId n = m_twin.FindNode(ref); n.IsValid()) {
      m_twin.GetNode(n).state = st;
    } else {
      std::vector<std::string> all = m_siteIds;
      all.insert(all.end(), m_nodeIds.begin(), m_nodeIds.end());
      for (const Link& l2 : m_twin.Links()) all.push_back(l2.id);
      Error(m_spec.file, in.element.loc, in.path + ".element", "unknown-element",
            "no site, node or link " + Quote(ref), SuggestHint(ref, all));
    }
  }
}

void SpecBuilder::CheckDemands() {
  const Demands& d = m_spec.demands;
  std::unordered_map<std::string, int> seen;
  for (const auto& p : d.profiles) {
    if (++seen[p.id] == 2) {
      Error(m_spec.file, {}, "demands.conference_profiles", "duplicate-id", "profile " + Quote(p.id) + " is defined twice");
    }
  }
  if (!d.activeProfile.empty() && d.Find(d.activeProfile) == nullptr) {
    std::vector<std::string> ids;
    for (const auto& p : d.profiles) ids.push_back(p.id);
    Error(m_spec.file, {}, "demands.active_profile", "unknown-profile", "no conference profile " + Quote(d.activeProfile),
          SuggestHint(d.activeProfile, ids));
  }
}

std::optional<Twin> SpecBuilder::Build() {
  const int errorsBefore = m_diags.ErrorCount();
  m_twin.name = m_spec.name;
  m_twin.era = m_spec.era;
  m_twin.provenance = m_spec.provenance;
  m_twin.demands = m_spec.demands;
  m_twin.model = m_spec.model;
  // A twin's size, before any work on it (one rule for the YAML and CSV readers: twin/limits.h).
  if (const auto many = CountRefusal(m_spec.sites.size(), kMostSites, "sites", "a twin")) {
    Error(m_spec.sitesFile, m_spec.sites[kMostSites].loc, m_spec.sites[kMostSites].path, "too-many", *many);
    return std::nullopt;
  }
  if (const auto many = CountRefusal(m_spec.links.size(), kMostLinks, "links", "a twin")) {
    Error(m_spec.linksFile, m_spec.links[kMostLinks].loc, m_spec.links[kMostLinks].path, "too-many", *many);
    return std::nullopt;
  }
  if (m_spec.sites.empty()) {
    Error(m_spec.sitesFile, {1, 1}, "sites", "no-sites", "the twin has no sites: it needs at least one");
    return std::nullopt;
  }
  AddSites();
  AddSrgs();
  AddLinks();
  ApplyStates();
  CheckDemands();
  if (m_diags.ErrorCount() > errorsBefore) return std::nullopt;
  return std::move(m_twin);
}

}  // namespace

std::optional<Twin> BuildTwin(const TwinSpec& spec, Diagnostics& diags) { return SpecBuilder(spec, diags).Build(); }

void CheckTwin(const Twin& twin, const std::string& file, Diagnostics& diags) {
  for (const Link& l : twin.Links()) {
    if (const auto wrong = CapacityOutOfRange(l.capacityMbps)) {
      diags.Error(l.capacityMbps > 0 ? "out-of-range" : "zero-capacity", file, {}, "link " + l.id, *wrong);
    }
  }
  for (const Site& s : twin.Sites()) {
    if (!IsValidUtf8(s.name) || ToNfc(s.name) != s.name) {
      diags.Error("bad-utf8", file, {}, "site " + s.id, "name is not NFC UTF-8");
    }
  }
}

}  // namespace netdrill::twin
