#include "session/alarm-rules.h"

#include "twin/units.h"

#include <algorithm>
#include <map>
#include <set>

namespace netdrill::session {

using namespace netdrill::twin;

namespace {

AlarmSeverity SiteSeverity(SiteLevel level) {
  switch (level) {
    case SiteLevel::Commune:
      return AlarmSeverity::Minor;
    case SiteLevel::District:
      return AlarmSeverity::Major;
    default:
      return AlarmSeverity::Critical;
  }
}

std::string Percent(double share) { return FormatNumber(static_cast<double>(static_cast<long long>(share * 1000.0 + 0.5)) / 10.0) + " %"; }

}  // namespace

std::vector<AlarmCondition> AlarmConditions(const NetworkModel& network, const AlarmList& current) {
  const Twin& twin = network.Twin();
  std::vector<AlarmCondition> out;
  const auto nodes = static_cast<std::uint32_t>(twin.Nodes().size());
  const auto links = static_cast<std::uint32_t>(twin.Links().size());
  auto nodeDown = [&](NodeId n) { return twin.GetNode(n).state.IsDown(); };

  // Power first: a router down on an empty battery is explained by its site's mains.
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    if (!network.PowerLost(SiteId(s))) continue;
    const Site& site = twin.GetSite(SiteId(s));
    out.push_back({site.id, "mains-failure", "", AlarmSeverity::Major,
                   "mains power lost at " + site.name + ": on battery or generator", {}, 0.0, 0.0});
  }
  for (std::uint32_t n = 0; n < nodes; ++n) {
    if (!nodeDown(NodeId(n))) continue;
    const Node& node = twin.GetNode(NodeId(n));
    const Site& site = twin.GetSite(node.site);
    std::vector<std::string> causes;
    if (network.PowerLost(node.site)) causes.push_back(site.id);
    out.push_back({node.id, "node-down", "", SiteSeverity(site.level), "router " + node.id + " of " + site.name + " is down",
                   causes, 0.0, 0.0});
  }
  // Shared-risk groups cut whole (a storm, a dug-up duct): one root for their links.
  std::map<std::uint32_t, std::pair<int, int>> srgDark;  // group -> (dark links, links)
  for (std::uint32_t l = 0; l < links; ++l) {
    for (SrgId g : twin.GetLink(LinkId(l)).srgs) {
      auto& [dark, all] = srgDark[g.Index()];
      ++all;
      dark += network.LinkDark(LinkId(l));
    }
  }
  std::set<std::uint32_t> cutGroups;
  for (const auto& [g, count] : srgDark) {
    if (count.first == count.second && count.second > 1) {
      cutGroups.insert(g);
      const Srg& group = twin.Srgs()[g];
      out.push_back({group.id, "srg-cut", "", AlarmSeverity::Critical,
                     "shared-risk group " + group.id + ": all " + std::to_string(count.second) + " links down",
                     {}, 0.0, 0.0});
    }
  }
  // The resource whose alarm explains a dark link: a router down at one end,
  // its whole shared-risk group, or the link itself (a cut).
  auto darkLinkRoot = [&](LinkId l) -> std::string {
    const Link& link = twin.GetLink(l);
    if (nodeDown(link.a)) return twin.GetNode(link.a).id;
    if (nodeDown(link.b)) return twin.GetNode(link.b).id;
    for (SrgId g : link.srgs) {
      if (cutGroups.count(g.Index())) return twin.Srgs()[g.Index()].id;
    }
    return link.id;
  };
  // Links an attack's traffic crosses: their congestion is explained by the attack on its target.
  std::map<std::uint32_t, std::vector<std::string>> attacked;
  for (SiteId target : network.AttackTargets()) {
    for (LinkId l : network.AttackLinks(target)) attacked[l.Index()].push_back(twin.GetSite(target).id);
  }
  for (std::uint32_t l = 0; l < links; ++l) {
    const LinkId id(l);
    const Link& link = twin.GetLink(id);
    if (link.a == link.b) continue;
    if (network.LinkDark(id)) {
      const std::string root = darkLinkRoot(id);
      out.push_back({link.id, "link-down", "", AlarmSeverity::Major, "link " + link.id + " down (loss of signal)",
                     root == link.id ? std::vector<std::string>{} : std::vector<std::string>{root}, 0.0, 0.0});
      continue;
    }
    if (!twin.IsActive(id)) {
      // A primary link taken out of service (an interface shut): a warning of its own.
      if (link.role == LinkRole::Primary) {
        out.push_back({link.id, "admin-down", "", AlarmSeverity::Minor,
                       "link " + link.id + " is administratively down (out of service)", {}, 0.0, 0.0});
      }
      continue;
    }
    // Congestion above 90 %, held down to 80 % once raised (domain.md; no flapping).
    const double u = network.LinkState(id).utilisation;
    const bool raised = current.IsActive(link.id, "congestion");
    if (u > 0.9 || (raised && u > 0.8)) {
      const auto cause = attacked.find(l);
      out.push_back({link.id, "congestion", "", u > 1.0 ? AlarmSeverity::Major : AlarmSeverity::Minor,
                     "link " + link.id + " at " + Percent(u) + " of its capacity",
                     cause == attacked.end() ? std::vector<std::string>{} : cause->second, 5.0, 10.0});
    }
    if (link.state.lossPct >= 1.0) {
      out.push_back({link.id, "high-loss", "", link.state.lossPct > 5.0 ? AlarmSeverity::Major : AlarmSeverity::Minor,
                     "link " + link.id + " loses " + FormatNumber(link.state.lossPct) + " % of its packets", {}, 3.0, 10.0});
    }
    if (link.state.extraDelayMs >= 50.0) {
      out.push_back({link.id, "high-delay", "", AlarmSeverity::Minor,
                     "link " + link.id + " adds " + FormatNumber(link.state.extraDelayMs) + " ms", {}, 3.0, 10.0});
    }
  }
  // Sites the core cannot reach. Those physically cut off (no lit path to a
  // core router) are explained by the failures around their dark region;
  // those still connected are cut off by routing (a blackhole, a leak), which
  // no alarm of an element explains: they stay roots.
  const std::vector<bool> reaching = network.SitesReachingCore();
  std::vector<bool> lit(nodes, false);
  std::vector<std::uint32_t> queue;
  for (NodeId c : twin.CoreNodes()) {
    if (nodeDown(c)) continue;
    lit[c.Index()] = true;
    queue.push_back(c.Index());
  }
  std::vector<std::vector<LinkId>> incident(nodes);
  for (std::uint32_t l = 0; l < links; ++l) {
    const Link& link = twin.GetLink(LinkId(l));
    if (link.a == link.b) continue;
    incident[link.a.Index()].push_back(LinkId(l));
    incident[link.b.Index()].push_back(LinkId(l));
  }
  auto passable = [&](LinkId l) {
    const Link& link = twin.GetLink(l);
    return !network.LinkDark(l) && twin.IsActive(l) && !nodeDown(link.a) && !nodeDown(link.b);
  };
  for (std::size_t q = 0; q < queue.size(); ++q) {
    for (LinkId l : incident[queue[q]]) {
      if (!passable(l)) continue;
      const Link& link = twin.GetLink(l);
      const std::uint32_t other = link.a.Index() == queue[q] ? link.b.Index() : link.a.Index();
      if (!lit[other]) {
        lit[other] = true;
        queue.push_back(other);
      }
    }
  }
  // Dark regions: their boundary failures, once per region.
  std::vector<int> region(nodes, -1);
  std::vector<std::vector<std::string>> regionRoots;
  for (std::uint32_t start = 0; start < nodes; ++start) {
    if (lit[start] || region[start] >= 0 || nodeDown(NodeId(start))) continue;
    const int r = static_cast<int>(regionRoots.size());
    std::set<std::string> roots;
    std::vector<std::uint32_t> members{start};
    region[start] = r;
    for (std::size_t q = 0; q < members.size(); ++q) {
      for (LinkId l : incident[members[q]]) {
        const Link& link = twin.GetLink(l);
        const std::uint32_t other = link.a.Index() == members[q] ? link.b.Index() : link.a.Index();
        if (passable(l)) {
          if (region[other] < 0 && !lit[other]) {
            region[other] = r;
            members.push_back(other);
          }
        } else if (nodeDown(NodeId(other))) {
          roots.insert(twin.GetNode(NodeId(other)).id);
        } else if (network.LinkDark(l)) {
          roots.insert(darkLinkRoot(l));
        } else if (!twin.IsActive(l) && link.role == LinkRole::Primary) {
          roots.insert(link.id);  // shut by mistake
        }
      }
    }
    regionRoots.emplace_back(roots.begin(), roots.end());
  }
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    if (reaching[s]) continue;
    const Site& site = twin.GetSite(SiteId(s));
    const NodeId n = twin.FirstNode(SiteId(s));
    std::vector<std::string> causes;
    if (nodeDown(n)) {
      causes.push_back(twin.GetNode(n).id);
    } else if (!lit[n.Index()] && region[n.Index()] >= 0) {
      causes = regionRoots[static_cast<std::size_t>(region[n.Index()])];
    } else if (site.parent.IsValid() && !reaching[site.parent.Index()]) {
      // Cut off by routing, as its parent is: the parent's alarm explains it (one root per region).
      causes.push_back(twin.GetSite(site.parent).id);
    }
    out.push_back({site.id, "unreachable", "", SiteSeverity(site.level),
                   site.name + " does not answer the core's probes", causes, 3.0, 3.0});
  }
  // MCUs and attacks.
  for (SiteId s : network.FailedMcus()) {
    out.push_back({twin.GetSite(s).id, "mcu-failure", "", AlarmSeverity::Critical,
                   "the MCU of " + twin.GetSite(s).name + " has failed: its endpoints fall back up the cascade", {}, 0.0, 0.0});
  }
  for (SiteId s : network.AttackTargets()) {
    out.push_back({twin.GetSite(s).id, "traffic-anomaly", "", AlarmSeverity::Major,
                   "unusual traffic toward " + twin.GetSite(s).name + " (a flood?)", {}, 5.0, 10.0});
  }
  // The conference, per province: more than 5 % of its endpoints lost (major) or not good (minor).
  const auto bySite = network.ConferenceBySite();
  if (!bySite.empty()) {
    std::map<std::string, std::array<int, 3>> byProvince;
    for (std::uint32_t s = 0; s < bySite.size(); ++s) {
      auto& p = byProvince[twin.GetSite(SiteId(s)).provinceCode];
      for (std::size_t c = 0; c < 3; ++c) p[c] += bySite[s][c];
    }
    const std::vector<NodeId> core = twin.CoreNodes();
    for (const auto& [code, c] : byProvince) {
      const int total = c[0] + c[1] + c[2];
      if (code.empty() || total == 0) continue;
      const double lost = static_cast<double>(c[2]) / total, bad = static_cast<double>(c[1] + c[2]) / total;
      if (lost <= 0.05 && bad <= 0.05) continue;
      const SiteId province = twin.FindSite("province:" + code);
      if (!province.IsValid()) continue;
      // What explains it: a failed MCU of the province, links congested or dark toward the core.
      std::vector<std::string> causes;
      for (SiteId m : network.FailedMcus()) {
        if (twin.GetSite(m).provinceCode == code) causes.push_back(twin.GetSite(m).id);
      }
      if (!core.empty()) {
        for (const Hop& h : network.Path(twin.FirstNode(province), core.front())) {
          if (h.dark || network.LinkState(h.link).utilisation > 0.9) causes.push_back(twin.GetLink(h.link).id);
        }
      }
      out.push_back({twin.GetSite(province).id, "conference-quality", "",
                     lost > 0.05 ? AlarmSeverity::Major : AlarmSeverity::Minor,
                     "conference in " + twin.GetSite(province).name + ": " + std::to_string(c[2]) + " of " +
                         std::to_string(total) + " endpoints lost, " + std::to_string(c[1]) + " degraded",
                     causes, 5.0, 10.0});
    }
  }
  return out;
}

}  // namespace netdrill::session
