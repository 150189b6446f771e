#include "app/fault-spec.h"

#include "twin/name-index.h"
#include "twin/units.h"

namespace netdrill::app {

using namespace netdrill::twin;

std::optional<std::vector<FaultSpec>> ParseFaults(const std::vector<std::string>& specs, const Twin& twin,
                                                  double durationS, Diagnostics& diags) {
  std::vector<FaultSpec> out;
  const int before = diags.ErrorCount();
  std::optional<NameIndex> index;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::string& text = specs[i];
    const std::string where = "--fault " + text;
    const auto colon = text.find(':');
    const auto at = text.rfind('@');
    if (colon == std::string::npos || at == std::string::npos || at < colon) {
      diags.Error("bad-fault", "", {}, where, "a fault is ACTION:ELEMENT@TIME, e.g. cut:route:02-primary@30s");
      continue;
    }
    FaultSpec f;
    f.text = text;
    const std::string action = text.substr(0, colon);
    const std::string element = text.substr(colon + 1, at - colon - 1);
    const std::string when = text.substr(at + 1);
    static const std::vector<std::string> actions{"cut", "repair", "down", "up", "mcu-fail", "mcu-restore"};
    if (action == "cut") f.action = FaultAction::Cut;
    else if (action == "repair") f.action = FaultAction::Repair;
    else if (action == "down") f.action = FaultAction::Down;
    else if (action == "up") f.action = FaultAction::Up;
    else if (action == "mcu-fail") f.action = FaultAction::McuFail;
    else if (action == "mcu-restore") f.action = FaultAction::McuRestore;
    else {
      diags.Error("bad-fault", "", {}, where,
                  "unknown action \"" + action + "\" (cut, repair, down, up, mcu-fail, mcu-restore)",
                  SuggestHint(action, actions));
      continue;
    }
    const auto t = ParseDurationSeconds(when);
    if (!t) {
      diags.Error("bad-fault", "", {}, where, "\"" + when + "\" is not a time like 30s, 5m or 1h30m");
      continue;
    }
    if (*t < 0) {
      diags.Error("bad-fault", "", {}, where, "the time is before the start of the run");
      continue;
    }
    if (*t > durationS) {
      diags.Error("bad-fault", "", {}, where, "at " + when + ", after the end of the run (" +
                                                  FormatNumber(durationS) + " s)");
      continue;
    }
    f.atS = *t;
    const bool onLinks = f.action == FaultAction::Cut || f.action == FaultAction::Repair;
    if (onLinks) {
      if (LinkId l = twin.FindLink(element); l.IsValid()) {
        f.links = {l};
      } else if (SrgId g = twin.FindSrg(element); g.IsValid()) {
        for (std::uint32_t k = 0; k < twin.Links().size(); ++k) {
          for (SrgId s : twin.GetLink(LinkId(k)).srgs) {
            if (s == g) f.links.push_back(LinkId(k));
          }
        }
      } else {
        std::vector<std::string> ids;
        for (const Link& each : twin.Links()) ids.push_back(each.id);
        for (const Srg& g2 : twin.Srgs()) ids.push_back(g2.id);
        const bool isNode = twin.FindNode(element).IsValid() || twin.FindSite(element).IsValid();
        diags.Error("unknown-element", "", {}, where,
                    "no link or shared-risk group \"" + element + "\"" +
                        (isNode ? " (that is a router: use down:" + element + ")" : ""),
                    isNode ? "" : SuggestHint(element, ids));
        continue;
      }
    } else if (f.action == FaultAction::McuFail || f.action == FaultAction::McuRestore) {
      if (!index) index.emplace(twin);
      const SiteMatch m = index->Find(element);
      if (!m.IsUnique() || !twin.HasMcu(m.sites.front())) {
        diags.Error("unknown-element", "", {}, where,
                    m.sites.empty() ? "no site \"" + element + "\""
                    : m.IsAmbiguous() ? "\"" + element + "\" names several sites"
                                      : "site \"" + element + "\" has no MCU");
        continue;
      }
      f.site = m.sites.front();
    } else {
      if (NodeId n = twin.FindNode(element); n.IsValid()) {
        f.nodes = {n};
      } else {
        if (!index) index.emplace(twin);
        const SiteMatch m = index->Find(element);
        if (m.IsUnique()) {
          f.nodes = twin.GetSite(m.sites.front()).nodes;
        } else if (m.IsAmbiguous()) {
          std::string names;
          for (SiteId s : m.sites) names += (names.empty() ? "" : "; ") + index->QualifiedName(s);
          diags.Error("ambiguous-element", "", {}, where, "\"" + element + "\" names several sites: " + names);
          continue;
        } else {
          std::vector<std::string> ids;
          for (const Node& n2 : twin.Nodes()) ids.push_back(n2.id);
          diags.Error("unknown-element", "", {}, where, "no router or site \"" + element + "\"",
                      SuggestHint(element, ids));
          continue;
        }
      }
    }
    out.push_back(std::move(f));
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return out;
}

}  // namespace netdrill::app
