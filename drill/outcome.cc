#include "drill/outcome.h"

#include "twin/routing.h"
#include "twin/units.h"

#include <algorithm>

namespace netdrill::drill {

using session::Role;
using twin::LinkId;
using twin::NodeId;
using twin::SiteId;

namespace {

// A link, or every link of a shared-risk group (a route).
std::vector<LinkId> LinksOf(const twin::Twin& twin, const std::string& element) {
  std::vector<LinkId> out;
  for (const std::string& id : twin.ResourcesOf(element)) {
    if (const LinkId l = twin.FindLink(id); l.IsValid()) out.push_back(l);
  }
  return out;
}

bool Misrouted(NodeId router, const std::vector<std::pair<NodeId, std::uint32_t>>& entries) {
  return std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.first == router; });
}

bool Has(const std::vector<SiteId>& sites, SiteId s) { return std::find(sites.begin(), sites.end(), s) != sites.end(); }

}  // namespace

bool IsDoneOutcome(OutcomeKind kind) { return kind == OutcomeKind::Command || kind == OutcomeKind::TeamSent; }

bool OutcomeHolds(const Outcome& o, const Picks& picks, const session::Session& session, double fromS) {
  const session::NetworkModel& network = session.Network();
  const twin::Twin& live = network.Twin();  // the live state: costs, enabled links
  const std::string element = Substitute(o.element, picks);
  const SiteId site = live.FindSite(element);
  switch (o.kind) {
    case OutcomeKind::AttackBelow:
      return site.IsValid() && network.AttackMbps(site) <= o.value + 1e-9;
    case OutcomeKind::CostImplied: {
      // Its cost as designed: the twin's as built (a secondary's set cost, or the implied one).
      const auto links = LinksOf(live, element);
      return !links.empty() && std::all_of(links.begin(), links.end(), [&](LinkId l) {
               return twin::LinkCost(live, l) == twin::LinkCost(session.Twin(), l);
             });
    }
    case OutcomeKind::McuServing:
      return site.IsValid() && !Has(network.FailedMcus(), site);
    case OutcomeKind::BranchMoved: {
      const auto moved = network.MovedBranches();
      return site.IsValid() &&
             std::any_of(moved.begin(), moved.end(), [&](const auto& m) { return m.first == site && m.second != site; });
    }
    case OutcomeKind::ConferenceGood: {
      const session::ConferenceKpi k = network.Conference();
      return k.endpoints > 0 && 100.0 * k.good / k.endpoints + 1e-9 >= o.value;
    }
    case OutcomeKind::LeakWithdrawn:
    case OutcomeKind::BlackholeWithdrawn: {
      const NodeId router = live.FindNode(element);
      const auto& entries = o.kind == OutcomeKind::LeakWithdrawn ? network.Routes().Leaks() : network.Routes().Blackholes();
      return router.IsValid() && !Misrouted(router, entries);
    }
    case OutcomeKind::HostIsolated: {
      // Isolated, not merely silenced: a filter at the target stops the host's flood too, and is no isolation.
      if (!site.IsValid() || Has(network.AttackSources(), site)) return false;
      for (const session::AppliedCommand& c : session.Applied()) {
        const auto* act = std::get_if<session::cmd::Act>(&c.args);
        if (act && !c.blind && act->fault.action == session::FaultAction::Isolate && act->fault.site == site) return true;
      }
      return false;
    }
    case OutcomeKind::VrfLeakWithdrawn: {
      const NodeId router = live.FindNode(element);
      return router.IsValid() && !session.Security().VrfLeaking(router);
    }
    case OutcomeKind::ManagementLocked: {
      const NodeId router = live.FindNode(element);
      return router.IsValid() && session.Security().Locked(router);
    }
    case OutcomeKind::Prioritised:
      return site.IsValid() && Has(network.PrioritySites(), site);
    case OutcomeKind::Powered: {
      if (!site.IsValid()) return false;
      const twin::PowerSource source = network.Power().Source(site);
      return source == twin::PowerSource::Mains || source == twin::PowerSource::Generator;
    }
    case OutcomeKind::LinkLit: {
      const auto links = LinksOf(live, element);
      return !links.empty() && std::none_of(links.begin(), links.end(), [&](LinkId l) { return network.LinkDark(l); });
    }
    case OutcomeKind::SitesReachable: {
      const auto snap = session.Latest();
      if (!snap || !snap->siteReachable) return false;
      return std::all_of(o.sites.begin(), o.sites.end(), [&](const std::string& s) {
        const SiteId id = live.FindSite(Substitute(s, picks));
        return id.IsValid() && (*snap->siteReachable)[id.Index()];
      });
    }
    case OutcomeKind::TeamSent: {
      const auto links = LinksOf(live, element);
      for (const session::AppliedCommand& c : session.Applied()) {
        if (c.role != Role::Trainee || c.blind || c.nobodySent || c.at + 1e-9 < fromS) continue;
        const auto* act = std::get_if<session::cmd::Act>(&c.args);
        if (!act || act->fault.action != session::FaultAction::Dispatch) continue;
        for (LinkId l : act->fault.links) {
          if (std::find(links.begin(), links.end(), l) != links.end()) return true;
        }
      }
      return false;
    }
    case OutcomeKind::Command: {
      const std::string prefix = Substitute(o.command, picks);
      for (const session::AppliedCommand& c : session.Applied()) {
        if (c.role == Role::Trainee && c.at + 1e-9 >= fromS && c.text.rfind(prefix, 0) == 0) return true;
      }
      return false;
    }
  }
  return false;
}

std::vector<std::string> OutcomeElements(const Outcome& o, const Picks& picks, const twin::Twin& twin) {
  if (o.kind == OutcomeKind::SitesReachable) {
    std::vector<std::string> out;
    for (const std::string& s : o.sites) out.push_back(Substitute(s, picks));
    return out;
  }
  if (o.kind == OutcomeKind::Command || o.kind == OutcomeKind::ConferenceGood) return {};
  return twin.ResourcesOf(Substitute(o.element, picks));
}

std::string DescribeOutcome(const Outcome& o, const Picks& picks) {
  std::string out = OutcomeName(o.kind);
  switch (o.kind) {
    case OutcomeKind::SitesReachable:
      for (const std::string& s : o.sites) out += " " + Substitute(s, picks);
      return out;
    case OutcomeKind::ConferenceGood:
      return out + " " + twin::FormatNumber(o.value);
    case OutcomeKind::Command:
      return out + " \"" + Substitute(o.command, picks) + "\"";
    case OutcomeKind::AttackBelow:
      return out + " " + Substitute(o.element, picks) + " below " + twin::FormatNumber(o.value) + " Mbit/s";
    default:
      return out + " " + Substitute(o.element, picks);
  }
}

}  // namespace netdrill::drill
