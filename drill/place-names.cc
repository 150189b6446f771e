#include "drill/place-names.h"

#include "twin/name-index.h"

namespace netdrill::drill {
namespace {

class Resolver {
public:
  Resolver(const twin::Twin& twin, twin::Diagnostics& diags) : m_twin(twin), m_names(twin), m_diags(diags) {}

  // One field: kept when it is an id or holds a {pick}; a unique name or code becomes the site's id.
  void Place(std::string& text, const std::string& file, twin::SourceLoc loc, const std::string& path) {
    if (text.empty() || text.find('{') != std::string::npos || IsElementId(text)) return;
    const twin::SiteMatch m = m_names.Find(text);
    if (m.IsAmbiguous()) {
      std::string candidates;
      for (twin::SiteId s : m.sites) {
        candidates += (candidates.empty() ? "" : "; ") + m_twin.GetSite(s).id + ": " + m_names.QualifiedName(s);
      }
      m_diags.Error("ambiguous-place", file, loc, path,
                    "\"" + text + "\" names " + std::to_string(m.sites.size()) + " sites: " + candidates +
                        "; write one of their ids");
      return;
    }
    if (!m.IsUnique()) return;  // the checks that follow report it, with the closest names
    const twin::SiteId site = m.sites.front();
    resolved.push_back({file, loc, path, text, m_twin.GetSite(site).id, m_names.QualifiedName(site)});
    text = m_twin.GetSite(site).id;
  }

  std::vector<PlaceResolution> resolved;

private:
  const twin::Twin& m_twin;
  twin::NameIndex m_names;
  twin::Diagnostics& m_diags;

  bool IsElementId(const std::string& text) const {
    return m_twin.FindSite(text).IsValid() || m_twin.FindNode(text).IsValid() || m_twin.FindLink(text).IsValid() ||
           m_twin.FindSrg(text).IsValid();
  }
};

// Outcomes whose element is a site (the others name links, routes or routers: ids only).
bool SiteOutcome(OutcomeKind kind) {
  return kind == OutcomeKind::AttackBelow || kind == OutcomeKind::McuServing || kind == OutcomeKind::BranchMoved ||
         kind == OutcomeKind::HostIsolated || kind == OutcomeKind::Powered || kind == OutcomeKind::Prioritised;
}

}  // namespace

std::vector<PlaceResolution> ResolvePlaceNames(Drill& drill, const twin::Twin& twin, twin::Diagnostics& diags) {
  Resolver r(twin, diags);
  for (std::size_t i = 0; i < drill.events.size(); ++i) {
    Event& e = drill.events[i];
    r.Place(e.callerSite, e.file, e.loc, "events[" + std::to_string(i) + "].caller.site");
  }
  for (std::size_t i = 0; i < drill.objectives.size(); ++i) {
    Objective& o = drill.objectives[i];
    const std::string path = "objectives[" + std::to_string(i) + "]";
    r.Place(o.target, o.file, o.loc, path + ".target");
    r.Place(o.names, o.file, o.loc, path + ".names");
    for (std::string& s : o.sites) r.Place(s, o.file, o.loc, path + ".sites");
    for (Outcome& out : o.anyOf) {
      if (SiteOutcome(out.kind)) r.Place(out.element, o.file, out.loc, path + ".outcome");
      for (std::string& s : out.sites) r.Place(s, o.file, out.loc, path + ".outcome");
    }
  }
  return std::move(r.resolved);
}

std::string FormatResolution(const PlaceResolution& r) {
  return r.file + ":" + std::to_string(r.loc.line) + ":" + std::to_string(r.loc.column) + ": " + r.path + " \"" + r.text +
         "\" is " + r.id + ": " + r.name;
}

}  // namespace netdrill::drill
