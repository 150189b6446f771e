#include "whatif/edits.h"

#include "twin/csv.h"
#include "twin/units.h"
#include "twin/yaml-reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace netdrill::whatif {

using twin::Diagnostics;
using twin::SourceLoc;

namespace {

struct OpSpec {
  std::string op;
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

const std::vector<OpSpec>& Ops() {
  static const std::vector<OpSpec> ops = {
      {"add-site", {"id", "level", "name", "lat", "lon"}, {"parent", "code", "name_en", "mcu", "routers"}},
      {"remove-site", {"id"}, {}},
      {"modify-site", {"id"}, {"name", "mcu", "generator", "routers", "endpoints", "lat", "lon"}},
      {"add-link", {"a", "b", "capacity"}, {"id", "medium", "role", "srgs", "km"}},
      {"remove-link", {"id"}, {}},
      {"modify-link", {"id"}, {"capacity", "medium", "role", "srgs"}},
      {"backup", {"medium", "capacity"}, {"sites", "level"}},
      {"move-mcu", {"from", "to"}, {}},
      {"rehome", {"site", "to"}, {}},
      {"collapse-districts", {}, {}},
      {"dual-home-provinces", {}, {}},
      {"upgrade-links", {"level", "capacity"}, {}},
  };
  return ops;
}

// The fields that hold a list ([a, b]); every other field is a single value.
bool IsListField(const std::string& field) { return field == "srgs" || field == "sites"; }

// ----- The draft: the twin as editable tables, by id. -----
struct DraftSite {
  twin::Site site;
  std::string parent;
  bool removed = false;
};
struct DraftLink {
  twin::Link link;
  std::string a, b;  // node ids
  std::vector<std::string> srgs;
  bool removed = false;
  bool changed = false;  // added or modified: the report's map shows it
};

class Draft {
public:
  Draft(const twin::Twin& base, const std::string& file, Diagnostics& diags)
      : m_base(base), m_file(file), m_diags(diags) {
    for (const twin::Site& s : base.Sites()) {
      DraftSite d{s, s.parent.IsValid() ? base.GetSite(s.parent).id : "", false};
      d.site.nodes.clear();
      d.site.parent = twin::SiteId();
      m_siteIndex[s.id] = m_sites.size();
      m_sites.push_back(std::move(d));
    }
    for (const twin::Link& l : base.Links()) {
      DraftLink d{l, base.GetNode(l.a).id, base.GetNode(l.b).id, {}, false};
      for (twin::SrgId g : l.srgs) d.srgs.push_back(base.GetSrg(g).id);
      m_linkIndex[l.id] = m_links.size();
      m_links.push_back(std::move(d));
    }
    for (const twin::Srg& g : base.Srgs()) {
      m_srgs.push_back(g);
      m_srgIds.insert(g.id);
    }
  }

  void Error(SourceLoc loc, const std::string& path, const std::string& message, const std::string& hint = {}) {
    m_diags.Error("bad-edit", m_file, loc, path, message, hint);
  }

  DraftSite* Site(const std::string& id) {
    auto it = m_siteIndex.find(id);
    return it == m_siteIndex.end() || m_sites[it->second].removed ? nullptr : &m_sites[it->second];
  }
  DraftLink* Link(const std::string& id) {
    auto it = m_linkIndex.find(id);
    return it == m_linkIndex.end() || m_links[it->second].removed ? nullptr : &m_links[it->second];
  }
  // The site a node id belongs to: "province:44/r1" -> "province:44".
  static std::string SiteOfNode(const std::string& node) {
    const auto slash = node.rfind("/r");
    return slash == std::string::npos ? node : node.substr(0, slash);
  }
  // A site's first router, as a link end names it.
  std::string FirstNodeOf(const DraftSite& s) const {
    const twin::SiteId in = m_base.FindSite(s.site.id);
    if (in.IsValid() && !m_base.GetSite(in).nodes.empty()) return m_base.GetNode(m_base.FirstNode(in)).id;
    const int routers = s.site.equipment.routers.value_or(1);
    return routers > 1 ? s.site.id + "/r1" : s.site.id;
  }
  std::vector<DraftSite>& Sites() { return m_sites; }
  std::vector<DraftLink>& Links() { return m_links; }

  void AddSite(DraftSite s) {
    m_siteIndex[s.site.id] = m_sites.size();
    m_sites.push_back(std::move(s));
    ++summary.sitesAdded;
    summary.changedElements.push_back(m_sites.back().site.id);
  }
  void AddLink(DraftLink l) {
    if (l.link.id.empty()) l.link.id = l.a + "--" + l.b + "#whatif" + std::to_string(++m_newLinks);
    l.link.explicitId = true;
    m_linkIndex[l.link.id] = m_links.size();
    for (const std::string& g : l.srgs) AddSrg(g);
    l.changed = true;
    m_links.push_back(std::move(l));
    ++summary.linksAdded;
  }
  void AddSrg(const std::string& id) {
    if (m_srgIds.insert(id).second) m_srgs.push_back({id, id, id});
  }
  void RemoveSite(DraftSite& s) {
    s.removed = true;
    ++summary.sitesRemoved;
    for (DraftLink& l : m_links) {
      if (!l.removed && (SiteOfNode(l.a) == s.site.id || SiteOfNode(l.b) == s.site.id)) RemoveLink(l);
    }
  }
  void RemoveLink(DraftLink& l) {
    l.removed = true;
    ++summary.linksRemoved;
  }
  void Modified(DraftLink& l) {
    if (!l.changed) ++summary.linksModified;
    l.changed = true;
  }
  void Modified(DraftSite& s) {
    if (std::find(summary.changedElements.begin(), summary.changedElements.end(), s.site.id) != summary.changedElements.end()) return;
    ++summary.sitesModified;
    summary.changedElements.push_back(s.site.id);
  }

  std::optional<twin::Twin> Build() {
    twin::Twin t;
    t.name = m_base.name;
    t.era = m_base.era;
    t.provenance = m_base.provenance;
    t.demands = m_base.demands;
    t.model = m_base.model;
    for (const twin::Srg& g : m_srgs) t.AddSrg(g);
    for (const DraftSite& s : m_sites)
      if (!s.removed) t.AddSite(s.site);
    for (const DraftSite& s : m_sites) {
      if (s.removed || s.parent.empty()) continue;
      const twin::SiteId parent = t.FindSite(s.parent);
      if (!parent.IsValid()) {
        m_diags.Error("bad-edit", m_file, {}, "", s.site.id + "'s parent " + s.parent + " was removed",
                      "re-home it first (op: rehome)");
        continue;
      }
      t.GetSite(t.FindSite(s.site.id)).parent = parent;
    }
    for (const DraftLink& d : m_links) {
      if (d.removed) continue;
      twin::Link l = d.link;
      l.a = t.FindNode(d.a);
      l.b = t.FindNode(d.b);
      if (!l.a.IsValid() || !l.b.IsValid()) continue;  // an end's router is gone with its site
      l.srgs.clear();
      for (const std::string& g : d.srgs) l.srgs.push_back(t.FindSrg(g));
      if (!l.explicitId) l.id.clear();
      const twin::LinkId id = t.AddLink(std::move(l));
      if (d.changed) summary.changedElements.push_back(t.GetLink(id).id);  // its id as built (implied ids follow their ends)
    }
    return t;
  }

  EditSummary summary;

private:
  const twin::Twin& m_base;
  std::string m_file;
  Diagnostics& m_diags;
  std::vector<DraftSite> m_sites;
  std::vector<DraftLink> m_links;
  std::vector<twin::Srg> m_srgs;
  std::set<std::string> m_srgIds;
  std::map<std::string, std::size_t> m_siteIndex, m_linkIndex;
  int m_newLinks = 0;
};

struct Ctx {
  Draft& draft;
  const Edit& e;
  std::string path;
  SourceLoc At(const std::string& field) const {
    auto it = e.fieldLoc.find(field);
    return it == e.fieldLoc.end() ? e.loc : it->second;
  }
  void Error(const std::string& field, const std::string& message, const std::string& hint = {}) const {
    draft.Error(At(field), path + (field.empty() ? "" : "." + field), message, hint);
  }
  const std::string& Get(const std::string& field) const {
    static const std::string none;
    auto it = e.fields.find(field);
    return it == e.fields.end() ? none : it->second;
  }
  bool Has(const std::string& field) const { return e.fields.count(field) > 0 || e.lists.count(field) > 0; }
  DraftSite* SiteField(const std::string& field) const {
    DraftSite* s = draft.Site(Get(field));
    if (s == nullptr) Error(field, "no site \"" + Get(field) + "\" in the twin (after the edits before this one)");
    return s;
  }
  DraftLink* LinkField(const std::string& field) const {
    DraftLink* l = draft.Link(Get(field));
    if (l == nullptr) Error(field, "no link \"" + Get(field) + "\" in the twin (after the edits before this one)");
    return l;
  }
  std::optional<double> Capacity(const std::string& field) const {
    const auto c = twin::ParseCapacityMbps(Get(field));
    if (!c || *c <= 0) {
      Error(field, "capacity \"" + Get(field) + "\" must be more than zero", "write it as 200M, 1G or 10G");
      return std::nullopt;
    }
    if (const auto wrong = twin::CapacityOutOfRange(*c)) {
      Error(field, *wrong, "write it as 200M, 1G or 10G");
      return std::nullopt;
    }
    return c;
  }
  // A yes/no field: true or false, anything else an error at its place.
  std::optional<bool> Flag(const std::string& field) const {
    const std::string& v = Get(field);
    if (v == "true") return true;
    if (v == "false") return false;
    Error(field, field + " is true or false, not \"" + v + "\"");
    return std::nullopt;
  }
  std::optional<twin::Medium> MediumField(const std::string& field) const {
    const auto m = twin::ParseMedium(Get(field));
    if (!m) Error(field, "unknown medium \"" + Get(field) + "\"", "fibre, microwave, 4g or vsat");
    return m;
  }
};

std::string NodeOfEnd(Draft& d, const std::string& end) {
  // A link end: a router id, or a site id (its first router).
  if (DraftSite* s = d.Site(end)) return d.FirstNodeOf(*s);
  if (d.Site(Draft::SiteOfNode(end)) != nullptr) return end;
  return {};
}

bool IsLevel(const DraftSite& s, twin::SiteLevel level) { return s.site.level == level; }

void CollapseDistricts(Draft& d) {
  std::map<std::string, std::string> provinceOf;  // district id -> its province id
  for (DraftSite& s : d.Sites())
    if (!s.removed && IsLevel(s, twin::SiteLevel::District)) provinceOf[s.site.id] = s.parent;
  for (DraftSite& s : d.Sites()) {
    if (s.removed || !provinceOf.count(s.parent)) continue;
    const std::string district = s.parent;
    const std::string province = provinceOf[district];
    DraftSite* p = d.Site(province);
    if (p == nullptr) continue;
    s.parent = province;
    // The commune's links to its district now run to its province centre.
    for (DraftLink& l : d.Links()) {
      if (l.removed) continue;
      const bool aIs = Draft::SiteOfNode(l.a) == s.site.id, bIs = Draft::SiteOfNode(l.b) == s.site.id;
      if (!aIs && !bIs) continue;
      std::string& other = aIs ? l.b : l.a;
      if (Draft::SiteOfNode(other) != district) continue;
      other = d.FirstNodeOf(*p);
      l.link.lengthKm.reset();
      l.link.delayMs.reset();
      l.link.cost.reset();
      if (l.link.explicitId) l.link.id += "@province";
      d.Modified(l);
    }
  }
  for (DraftSite& s : d.Sites())
    if (!s.removed && IsLevel(s, twin::SiteLevel::District)) d.RemoveSite(s);
}

void DualHomeProvinces(Draft& d, const twin::Twin& base) {
  std::vector<DraftSite*> centres;
  for (DraftSite& s : d.Sites())
    if (!s.removed && (IsLevel(s, twin::SiteLevel::RegionalCentre) || IsLevel(s, twin::SiteLevel::BackupCentre)))
      centres.push_back(&s);
  for (DraftSite& p : d.Sites()) {
    if (p.removed || !IsLevel(p, twin::SiteLevel::Province)) continue;
    std::vector<DraftLink*> uplinks;
    std::set<std::string> linkedCentres;
    for (DraftLink& l : d.Links()) {
      if (l.removed || l.link.role != twin::LinkRole::Primary) continue;
      const std::string a = Draft::SiteOfNode(l.a), b = Draft::SiteOfNode(l.b);
      if (a != p.site.id && b != p.site.id) continue;
      const std::string other = a == p.site.id ? b : a;
      for (DraftSite* c : centres)
        if (c->site.id == other) {
          uplinks.push_back(&l);
          linkedCentres.insert(other);
        }
    }
    const std::string code = p.site.code.empty() ? p.site.id : p.site.code;
    if (linkedCentres.size() >= 2) {
      // Two uplinks through one duct are one failure: give the second a route of its own.
      const std::set<std::string> first(uplinks[0]->srgs.begin(), uplinks[0]->srgs.end());
      for (std::size_t i = 1; i < uplinks.size(); ++i) {
        DraftLink& l = *uplinks[i];
        const bool shared = std::any_of(l.srgs.begin(), l.srgs.end(), [&](const std::string& g) { return first.count(g) > 0; });
        if (!shared) continue;
        l.srgs.erase(std::remove_if(l.srgs.begin(), l.srgs.end(), [&](const std::string& g) { return first.count(g) > 0; }),
                     l.srgs.end());
        const std::string route = "route:" + code + "-diverse";
        d.AddSrg(route);
        l.srgs.push_back(route);
        d.Modified(l);
      }
      continue;
    }
    // One uplink (or none): a second one to a centre of its region not yet linked, on its own route.
    const twin::SiteId inBase = base.FindSite(p.site.id);
    const twin::Region region = inBase.IsValid() ? base.RegionOf(inBase) : twin::Region::None;
    DraftSite* to = nullptr;
    for (DraftSite* c : centres) {
      if (linkedCentres.count(c->site.id)) continue;
      const twin::SiteId cb = base.FindSite(c->site.id);
      if (cb.IsValid() && base.RegionOf(cb) == region) {
        to = c;
        break;
      }
    }
    if (to == nullptr) continue;
    DraftLink l;
    l.a = d.FirstNodeOf(p);
    l.b = d.FirstNodeOf(*to);
    l.link.capacityMbps = uplinks.empty() ? 1000.0 : uplinks.front()->link.capacityMbps;
    l.link.medium = twin::Medium::Fibre;
    l.srgs.push_back("route:" + code + "-whatif");
    d.AddLink(std::move(l));
  }
}

// ----- One function per operation; Apply picks it by the edit's op. -----

void AddSiteOp(Ctx& c, const twin::Twin&) {
  Draft& d = c.draft;
  if (d.Site(c.Get("id")) != nullptr) return c.Error("id", "a site \"" + c.Get("id") + "\" is already in the twin");
  const auto level = twin::ParseSiteLevel(c.Get("level"));
  const auto lat = twin::ParseNumber(c.Get("lat")), lon = twin::ParseNumber(c.Get("lon"));
  if (!level) c.Error("level", "unknown level \"" + c.Get("level") + "\"");
  if (!lat || *lat < -90 || *lat > 90) c.Error("lat", "latitude must be a number of degrees, -90 to 90");
  if (!lon || *lon < -180 || *lon > 180) c.Error("lon", "longitude must be a number of degrees, -180 to 180");
  if (c.Has("parent") && d.Site(c.Get("parent")) == nullptr) c.Error("parent", "no site \"" + c.Get("parent") + "\"");
  if (!level || !lat || !lon) return;
  DraftSite s;
  s.site.id = c.Get("id");
  s.site.level = *level;
  s.site.name = c.Get("name");
  s.site.nameEn = c.Get("name_en");
  s.site.code = c.Get("code");
  s.site.position = twin::GeoPoint{*lat, *lon};
  s.parent = c.Get("parent");
  if (c.Has("mcu")) {
    const auto mcu = c.Flag("mcu");
    if (!mcu) return;
    s.site.equipment.mcu = *mcu;
  }
  if (DraftSite* p = d.Site(s.parent)) s.site.provinceCode = p->site.provinceCode.empty() ? p->site.code : p->site.provinceCode;
  d.AddSite(std::move(s));
}

void RemoveSiteOp(Ctx& c, const twin::Twin&) {
  if (DraftSite* s = c.SiteField("id")) c.draft.RemoveSite(*s);
}

void ModifySiteOp(Ctx& c, const twin::Twin&) {
  DraftSite* s = c.SiteField("id");
  if (s == nullptr) return;
  if (c.Has("name")) s->site.name = c.Get("name");
  if (c.Has("mcu")) {
    if (const auto mcu = c.Flag("mcu")) s->site.equipment.mcu = *mcu;
  }
  if (c.Has("generator")) {
    if (const auto generator = c.Flag("generator")) s->site.equipment.generator = *generator;
  }
  if (c.Has("endpoints")) {
    const auto n = twin::ParseNumber(c.Get("endpoints"));
    if (!n || *n < 0 || *n > 1e9) c.Error("endpoints", "endpoints must be a count, 0 or more");  // more would not fit an int
    else s->site.equipment.endpoints = static_cast<int>(*n);
  }
  c.draft.Modified(*s);
}

void AddLinkOp(Ctx& c, const twin::Twin&) {
  Draft& d = c.draft;
  const std::string a = NodeOfEnd(d, c.Get("a")), b = NodeOfEnd(d, c.Get("b"));
  if (a.empty()) c.Error("a", "no site or router \"" + c.Get("a") + "\"");
  if (b.empty()) c.Error("b", "no site or router \"" + c.Get("b") + "\"");
  const auto cap = c.Capacity("capacity");
  std::optional<twin::Medium> medium = twin::Medium::Fibre;
  if (c.Has("medium")) medium = c.MediumField("medium");
  if (a.empty() || b.empty() || !cap || !medium) return;
  if (a == b) return c.Error("b", "a link needs two different ends");
  if (c.Has("id") && d.Link(c.Get("id")) != nullptr) return c.Error("id", "a link \"" + c.Get("id") + "\" is already in the twin");
  DraftLink l;
  l.a = a;
  l.b = b;
  l.link.id = c.Get("id");
  l.link.capacityMbps = *cap;
  l.link.medium = *medium;
  l.link.role = c.Get("role") == "backup" ? twin::LinkRole::Backup : twin::LinkRole::Primary;
  if (auto it = c.e.lists.find("srgs"); it != c.e.lists.end()) l.srgs = it->second;
  d.AddLink(std::move(l));
}

void RemoveLinkOp(Ctx& c, const twin::Twin&) {
  if (DraftLink* l = c.LinkField("id")) c.draft.RemoveLink(*l);
}

void ModifyLinkOp(Ctx& c, const twin::Twin&) {
  DraftLink* l = c.LinkField("id");
  if (l == nullptr) return;
  if (c.Has("capacity")) {
    if (const auto cap = c.Capacity("capacity")) l->link.capacityMbps = *cap;
  }
  if (c.Has("medium")) {
    if (const auto m = c.MediumField("medium")) l->link.medium = *m;
  }
  if (c.Has("role")) l->link.role = c.Get("role") == "backup" ? twin::LinkRole::Backup : twin::LinkRole::Primary;
  if (auto it = c.e.lists.find("srgs"); it != c.e.lists.end()) {
    l->srgs = it->second;
    for (const std::string& g : l->srgs) c.draft.AddSrg(g);
  }
  c.draft.Modified(*l);
}

void BackupOp(Ctx& c, const twin::Twin&) {
  Draft& d = c.draft;
  const auto cap = c.Capacity("capacity");
  const auto medium = c.MediumField("medium");
  std::vector<DraftSite*> sites;
  if (auto it = c.e.lists.find("sites"); it != c.e.lists.end()) {
    for (const std::string& id : it->second) {
      if (DraftSite* s = d.Site(id)) sites.push_back(s);
      else c.Error("sites", "no site \"" + id + "\" in the twin");
    }
  } else if (c.Has("level")) {
    const auto level = twin::ParseSiteLevel(c.Get("level"));
    if (!level) return c.Error("level", "unknown level \"" + c.Get("level") + "\"");
    for (DraftSite& s : d.Sites())
      if (!s.removed && s.site.level == *level) sites.push_back(&s);
  } else {
    return c.Error("", "backup needs sites: [...] or level: ...");
  }
  if (!cap || !medium) return;
  for (DraftSite* s : sites) {
    // To its province centre (the backup media's far end in the generated network).
    DraftSite* province = d.Site(s->site.provinceCode.empty() ? "" : "province:" + s->site.provinceCode);
    if (province == nullptr || province == s) province = d.Site(s->parent);
    if (province == nullptr) continue;
    DraftLink l;
    l.a = d.FirstNodeOf(*s);
    l.b = d.FirstNodeOf(*province);
    l.link.capacityMbps = *cap;
    l.link.medium = *medium;
    l.link.role = twin::LinkRole::Backup;
    d.AddLink(std::move(l));
  }
}

void MoveMcuOp(Ctx& c, const twin::Twin& base) {
  DraftSite* from = c.SiteField("from");
  DraftSite* to = c.SiteField("to");
  if (from == nullptr || to == nullptr) return;
  const twin::SiteId fb = base.FindSite(from->site.id);
  const bool hasMcu = from->site.equipment.mcu.value_or(fb.IsValid() && base.HasMcu(fb));
  if (!hasMcu) return c.Error("from", from->site.id + " has no MCU to move");
  from->site.equipment.mcu = false;
  to->site.equipment.mcu = true;
  c.draft.Modified(*from);
  c.draft.Modified(*to);
}

void RehomeOp(Ctx& c, const twin::Twin&) {
  Draft& d = c.draft;
  DraftSite* s = c.SiteField("site");
  DraftSite* to = c.SiteField("to");
  if (s == nullptr || to == nullptr) return;
  if (s == to) return c.Error("to", "a site cannot be homed to itself");
  const std::string old = s->parent;
  for (DraftLink& l : d.Links()) {
    if (l.removed || l.link.role != twin::LinkRole::Primary) continue;
    const bool aIs = Draft::SiteOfNode(l.a) == s->site.id, bIs = Draft::SiteOfNode(l.b) == s->site.id;
    if (!aIs && !bIs) continue;
    std::string& other = aIs ? l.b : l.a;
    if (Draft::SiteOfNode(other) != old) continue;
    other = d.FirstNodeOf(*to);
    l.link.lengthKm.reset();
    l.link.delayMs.reset();
    l.link.cost.reset();
    d.Modified(l);
  }
  s->parent = to->site.id;
  d.Modified(*s);
}

void UpgradeLinksOp(Ctx& c, const twin::Twin&) {
  Draft& d = c.draft;
  const auto level = twin::ParseSiteLevel(c.Get("level"));
  const auto cap = c.Capacity("capacity");
  if (!level) return c.Error("level", "unknown level \"" + c.Get("level") + "\"");
  if (!cap) return;
  for (DraftLink& l : d.Links()) {
    if (l.removed || l.link.role != twin::LinkRole::Primary) continue;
    const DraftSite* a = d.Site(Draft::SiteOfNode(l.a));
    const DraftSite* b = d.Site(Draft::SiteOfNode(l.b));
    if (a == nullptr || b == nullptr) continue;
    const DraftSite* lower = static_cast<int>(a->site.level) >= static_cast<int>(b->site.level) ? a : b;
    if (lower->site.level != *level || l.link.capacityMbps >= *cap) continue;
    l.link.capacityMbps = *cap;
    d.Modified(l);
  }
}

// Applies one edit to the draft: ParseEdits lets only the operations of Ops() through, each with its handler here.
void Apply(Ctx& c, const twin::Twin& base) {
  using Handler = void (*)(Ctx&, const twin::Twin&);
  static const std::map<std::string, Handler> handlers = {
      {"add-site", AddSiteOp},
      {"remove-site", RemoveSiteOp},
      {"modify-site", ModifySiteOp},
      {"add-link", AddLinkOp},
      {"remove-link", RemoveLinkOp},
      {"modify-link", ModifyLinkOp},
      {"backup", BackupOp},
      {"move-mcu", MoveMcuOp},
      {"rehome", RehomeOp},
      {"collapse-districts", [](Ctx& ctx, const twin::Twin&) { CollapseDistricts(ctx.draft); }},
      {"dual-home-provinces", [](Ctx& ctx, const twin::Twin& b) { DualHomeProvinces(ctx.draft, b); }},
      {"upgrade-links", UpgradeLinksOp},
  };
  const auto it = handlers.find(c.e.op);
  if (it != handlers.end()) it->second(c, base);
}

}  // namespace

const std::vector<std::string>& EditOperations() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const OpSpec& o : Ops()) v.push_back(o.op);
    return v;
  }();
  return names;
}

std::optional<EditFile> ParseEdits(const std::string& text, const std::string& file, Diagnostics& diags) {
  // Every node is type-checked before it is read (twin::YamlAccess): a list, a map
  // or nothing where a value belongs is error[bad-type] at its place, never a throw.
  const int before = diags.ErrorCount();  // before the parse: a key given twice is one of its errors
  const auto root = twin::ParseYaml(text, file, diags);
  if (!root) return std::nullopt;
  EditFile out;
  out.file = file;
  if (!root->IsMap()) {
    diags.Error("bad-edit-file", file, {1, 1}, "", "an edit file is a map: whatif: 1, edits: [...]");
    return std::nullopt;
  }
  twin::YamlAccess y(file, diags);
  // Only ever emplaced: assigning a YAML::Node to a bound one rewrites the document.
  std::optional<YAML::Node> version, edits;
  SourceLoc versionAt{1, 1}, editsAt{1, 1};
  y.ForEachEntry(*root, "", [&](const std::string& key, SourceLoc keyLoc, const YAML::Node& v) {
    if (key == "whatif") {
      if (version) return;
      version.emplace(v);
      versionAt = keyLoc;
    } else if (key == "description") {
      if (v.IsNull()) return;  // "description:" with nothing: no description
      if (auto d = y.String(v, key)) out.description = *d;
    } else if (key == "edits") {
      if (edits) return;
      edits.emplace(v);
      editsAt = keyLoc;
    } else if (key != "base") {
      diags.Error("unknown-key", file, keyLoc, key, "unknown key \"" + key + "\"", "whatif, description, base, edits");
    }
  });
  {
    const SourceLoc at = version && !version->IsNull() ? y.Loc(*version) : versionAt;
    const auto v = version && !version->IsNull() ? y.String(*version, "whatif") : std::optional<std::string>("");
    if (v && *v != "1") diags.Error("bad-version", file, at, "whatif", "the file must start with whatif: 1 (the format's version)");
  }
  if (!edits || edits->IsNull() || (edits->IsSequence() && edits->size() == 0)) {
    diags.Error("no-edits", file, edits ? editsAt : SourceLoc{1, 1}, "edits", "edits: must list at least one edit");
    return std::nullopt;
  }
  y.ForEachItem(*edits, "edits", [&](std::size_t i, const YAML::Node& n) {
    const std::string path = "edits[" + std::to_string(i) + "]";
    if (!y.IsMap(n, path, "an edit is a map with op: ...")) return;
    Edit e;
    e.loc = y.Loc(n);
    // The operation first: it says which fields the edit may have.
    std::optional<YAML::Node> opKey, opValue;
    for (auto it = n.begin(); it != n.end() && !opKey; ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "op") {
        opKey.emplace(it->first);
        opValue.emplace(it->second);
      }
    }
    if (!opKey) {
      diags.Error("bad-edit", file, e.loc, path, "an edit is a map with op: ...");
      return;
    }
    y.Loc(*opKey);  // "op:" with nothing is reported at the key
    const auto op = y.Word(*opValue, path + ".op", "an operation name");
    if (!op) return;
    e.op = *op;
    const auto spec = std::find_if(Ops().begin(), Ops().end(), [&](const OpSpec& o) { return o.op == e.op; });
    if (spec == Ops().end()) {
      std::string all;
      for (const auto& o : Ops()) all += (all.empty() ? "" : ", ") + o.op;
      diags.Error("unknown-op", file, y.Loc(*opValue), path + ".op", "unknown operation \"" + e.op + "\"", all);
      return;
    }
    y.ForEachEntry(n, path, [&](const std::string& key, SourceLoc keyLoc, const YAML::Node& v) {
      if (key == "op") return;
      const bool known = std::count(spec->required.begin(), spec->required.end(), key) +
                         std::count(spec->optional.begin(), spec->optional.end(), key);
      if (!known) {
        std::string allowed;
        for (const auto& f : spec->required) allowed += (allowed.empty() ? "" : ", ") + f;
        for (const auto& f : spec->optional) allowed += (allowed.empty() ? "" : ", ") + f;
        diags.Error("unknown-field", file, keyLoc, path + "." + key,
                    "\"" + key + "\" is not a field of " + e.op, allowed.empty() ? "it takes no field" : allowed);
        return;
      }
      e.fieldLoc[key] = y.Loc(v);
      if (IsListField(key)) {
        if (auto l = y.StringList(v, path + "." + key)) e.lists[key] = std::move(*l);
      } else if (auto s = y.String(v, path + "." + key)) {
        e.fields[key] = std::move(*s);
      }
    });
    for (const std::string& f : spec->required)
      if (!e.fieldLoc.count(f)) diags.Error("missing-field", file, e.loc, path, e.op + " needs \"" + f + "\"");
    out.edits.push_back(std::move(e));
  });
  if (diags.ErrorCount() > before) return std::nullopt;
  return out;
}

std::optional<EditFile> LoadEdits(const std::string& path, Diagnostics& diags) {
  const auto text = twin::ReadFile(path, diags, "cannot read the edit file");
  if (!text) return std::nullopt;
  return ParseEdits(*text, path, diags);
}

std::optional<twin::Twin> ApplyEdits(const twin::Twin& base, const EditFile& edits, Diagnostics& diags,
                                     EditSummary* summary) {
  const int before = diags.ErrorCount();
  Draft draft(base, edits.file, diags);
  std::map<std::string, std::size_t> rehomeAt;  // site -> the edit that re-homed it last
  for (std::size_t i = 0; i < edits.edits.size(); ++i) {
    Ctx c{draft, edits.edits[i], "edits[" + std::to_string(i) + "]"};
    Apply(c, base);
    if (edits.edits[i].op == "rehome") rehomeAt[c.Get("site")] = i;
  }
  // A cycle of re-homings (A under B, B under A) leaves sites with no way up.
  for (const auto& [site, at] : rehomeAt) {
    std::set<std::string> seen{site};
    const DraftSite* s = draft.Site(site);
    while (s != nullptr && !s->parent.empty()) {
      if (!seen.insert(s->parent).second) {
        const Edit& e = edits.edits[at];
        diags.Error("rehome-cycle", edits.file, e.loc, "edits[" + std::to_string(at) + "]",
                    "re-homing " + site + " makes a cycle: " + site + " is under " + s->parent + ", which is under it");
        break;
      }
      s = draft.Site(s->parent);
    }
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  auto fork = draft.Build();
  if (diags.ErrorCount() > before) return std::nullopt;
  if (summary != nullptr) *summary = draft.summary;
  return fork;
}

}  // namespace netdrill::whatif
