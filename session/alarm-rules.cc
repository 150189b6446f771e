#include "session/alarm-rules.h"

#include "session/diagnose.h"
#include "session/severity.h"
#include "twin/units.h"

#include <algorithm>
#include <map>
#include <set>

namespace netdrill::session {

using namespace netdrill::twin;

namespace {

std::string Percent(double share) { return FormatNumber(static_cast<double>(static_cast<long long>(share * 1000.0 + 0.5)) / 10.0) + " %"; }

// What every rule reads: the network now, and the alarms as they stand (for hysteresis).
struct Rules {
  Rules(const NetworkModel& n, const AlarmList& c) : network(n), current(c), twin(n.Twin()) {}
  const NetworkModel& network;
  const AlarmList& current;
  const Twin& twin;
  std::vector<AlarmCondition> out;
  std::set<std::uint32_t> cutGroups;  // shared-risk groups with every link dark
  std::set<std::string> flapping;      // links whose loss of signal came and went 3 times in 10 minutes
  std::vector<std::array<int, 3>> conferenceBySite;  // asked of the network once per evaluation
  double conferenceLostShare = 0.0;                  // of the whole conference, now

  bool NodeDown(NodeId n) const { return twin.GetNode(n).state.IsDown(); }
  AlarmSeverity Severity(const Impact& impact) const { return SeverityOf(twin, impact); }
  // `args`: the values `text` quotes, in order, for the console's own wording (ui/alarm-wording.cc).
  void Add(std::string resource, std::string type, AlarmSeverity severity, std::vector<std::string> args,
           std::string text, std::vector<std::string> causes = {}, double raiseAfterS = 0.0, double clearAfterS = 0.0) {
    out.push_back({std::move(resource), std::move(type), "", severity, std::move(text), std::move(args), std::move(causes),
                   raiseAfterS, clearAfterS});
  }
  // The resource whose alarm explains a dark link: a router down at one end,
  // its whole shared-risk group, or the link itself (a cut).
  std::string DarkLinkRoot(LinkId l) const {
    const Link& link = twin.GetLink(l);
    if (NodeDown(link.a)) return twin.GetNode(link.a).id;
    if (NodeDown(link.b)) return twin.GetNode(link.b).id;
    for (SrgId g : link.srgs) {
      if (cutGroups.count(g.Index())) return twin.Srgs()[g.Index()].id;
    }
    return link.id;
  }
  // The failures that pushed load onto link `l`: the dark uplinks of its lower end (a site's
  // other way up to the core: a cut primary whose load the secondary or a 4G backup now takes).
  std::vector<std::string> ReroutedOnto(LinkId l) const {
    const NodeId lower = LowerEnd(l);
    std::vector<std::string> causes;
    for (LinkId d : incident[lower.Index()]) {
      if (d == l || LowerEnd(d) != lower || !network.LinkDark(d)) continue;
      const std::string root = DarkLinkRoot(d);
      if (std::find(causes.begin(), causes.end(), root) == causes.end()) causes.push_back(root);
    }
    return causes;
  }
  NodeId LowerEnd(LinkId l) const {
    const Link& link = twin.GetLink(l);
    const Site& a = twin.GetSite(twin.GetNode(link.a).site);
    const Site& b = twin.GetSite(twin.GetNode(link.b).site);
    return static_cast<int>(a.level) >= static_cast<int>(b.level) ? link.a : link.b;  // as twin::RepairSite
  }
  std::vector<std::vector<LinkId>> incident;  // per node, its links (filled once per evaluation)
  bool Passable(LinkId l) const {
    const Link& link = twin.GetLink(l);
    return !network.LinkDark(l) && twin.IsActive(l) && !NodeDown(link.a) && !NodeDown(link.b);
  }

  // Whether a down router, were it up, would join the link `from` comes by to the lit network.
  bool WouldReconnect(NodeId down, LinkId from, const std::vector<bool>& lit) const {
    for (LinkId l : incident[down.Index()]) {
      if (l == from) continue;
      const Link& link = twin.GetLink(l);
      const NodeId other = link.a == down ? link.b : link.a;
      if (!network.LinkDark(l) && twin.IsActive(l) && lit[other.Index()]) return true;
    }
    return false;
  }

  void Power();
  void Flapping();
  void Nodes();
  void SharedRiskGroups();
  void Links();
  void Unreachable();
  void McusAndAttacks();
  void Conference();
  void SeveritiesFromImpact();
};

// Power first: a router down on an empty battery is explained by its site's power.
// The mains loss is a warning while the site rides on a generator or battery; a
// generator that did not start (or stopped) is a fault of its own; a battery run
// out is a new root: the site is dark, its routers and what hangs from them fold under it.
void Rules::Power() {
  const SitePower& power = network.Power();
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    const SiteId id(s);
    if (!power.MainsLost(id)) continue;
    const Site& site = twin.GetSite(id);
    const PowerSource source = power.Source(id);
    Add(site.id, "mains-failure", Severity({}),
        {source == PowerSource::Generator ? "generator" : source == PowerSource::Battery ? "battery" : ""},
        "mains power lost at " + site.name +
            (source == PowerSource::Generator ? ": on its generator" : source == PowerSource::Battery ? ": on battery" : ""));
    if (power.HasGenerator(id) && power.GeneratorFailed(id)) {
      Impact impact;
      impact.serviceLost = source == PowerSource::Dark;
      Add(site.id, "generator-failure", Severity(impact) == AlarmSeverity::Warning ? AlarmSeverity::Minor : Severity(impact), {},
          "the generator of " + site.name + " is not running: a field team can restart it (restart-generator)");
    }
    if (source == PowerSource::Dark) {
      Impact impact;
      impact.sitesLost = {id};
      impact.serviceLost = true;
      const std::string since = FormatClock(power.Since(id));
      Add(site.id, "battery-exhausted", Severity(impact), {since},
          "battery exhausted at " + site.name + " (since " + since + "): its routers are down");
    }
  }
}

// A link that lost its signal three times or more in ten minutes is flapping (a
// degraded fibre or optic): one alarm for it, each loss of signal folded under it.
void Rules::Flapping() {
  constexpr double kWindowS = 600.0;
  constexpr int kLosses = 3;
  const double now = network.Now();
  std::map<std::string, int> losses;
  for (const Alarm& a : current.Alarms()) {
    if (a.type == "link-down" && a.raisedAt + kWindowS >= now) ++losses[a.resource];
  }
  for (const auto& [link, count] : losses) {
    if (count < kLosses && !(count > 0 && current.IsActive(link, "link-flapping"))) continue;
    flapping.insert(link);
    Impact intermittent;
    intermittent.serviceLost = true;
    Add(link, "link-flapping", Severity(intermittent), {std::to_string(count)},
        "link " + link + " lost its signal " + std::to_string(count) + " times in 10 minutes (flapping)", {}, 0.0, 60.0);
  }
}

void Rules::Nodes() {
  for (std::uint32_t n = 0; n < twin.Nodes().size(); ++n) {
    if (!NodeDown(NodeId(n))) continue;
    const Node& node = twin.GetNode(NodeId(n));
    const Site& site = twin.GetSite(node.site);
    std::vector<std::string> causes;
    if (network.Power().Source(node.site) == PowerSource::Dark) causes.push_back(site.id + "#battery-exhausted");
    Add(node.id, "node-down", AlarmSeverity::Minor, {}, "router " + node.id + " of " + site.name + " is down", causes);
  }
}

// Shared-risk groups cut whole (a storm, a dug-up duct): one root for their links.
void Rules::SharedRiskGroups() {
  std::map<std::uint32_t, std::pair<int, int>> srgDark;  // group -> (dark links, links)
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    for (SrgId g : twin.GetLink(LinkId(l)).srgs) {
      auto& [dark, all] = srgDark[g.Index()];
      ++all;
      dark += network.LinkDark(LinkId(l));
    }
  }
  for (const auto& [g, count] : srgDark) {
    if (count.first != count.second || count.second <= 1) continue;
    cutGroups.insert(g);
    const Srg& group = twin.Srgs()[g];
    Add(group.id, "srg-cut", AlarmSeverity::Minor, {std::to_string(count.second)},
        "shared-risk group " + group.id + ": all " + std::to_string(count.second) + " links down");
  }
}

void Rules::Links() {
  // Links an attack's traffic crosses: their congestion is explained by the attack on its target.
  std::map<std::uint32_t, std::vector<std::string>> attacked;
  for (SiteId target : network.AttackTargets()) {
    for (LinkId l : network.AttackLinks(target)) attacked[l.Index()].push_back(twin.GetSite(target).id);
  }
  Impact lossOnLink;
  lossOnLink.serviceLost = true;
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const LinkId id(l);
    const Link& link = twin.GetLink(id);
    if (link.a == link.b) continue;
    if (network.LinkDark(id)) {
      const std::string root = DarkLinkRoot(id);
      std::vector<std::string> causes;
      if (root != link.id) causes.push_back(root);
      if (flapping.count(link.id)) causes.push_back(link.id + "#link-flapping");
      Add(link.id, "link-down", Severity(lossOnLink), {}, "link " + link.id + " down (loss of signal)", causes);
      continue;
    }
    if (!twin.IsActive(id)) {
      // A primary link taken out of service (an interface shut): an alarm of its own.
      if (link.role == LinkRole::Primary) {
        Add(link.id, "admin-down", Severity(lossOnLink), {}, "link " + link.id + " is administratively down (out of service)");
      }
      continue;
    }
    // Congestion above 90 %, held down to 80 % once raised (no flapping); over capacity it drops packets.
    const double u = network.LinkState(id).utilisation;
    if (u > 0.9 || (current.IsActive(link.id, "congestion") && u > 0.8)) {
      // Explained by an attack whose traffic crosses it, or by the cut uplinks whose load it took.
      const auto cause = attacked.find(l);
      std::vector<std::string> causes = cause == attacked.end() ? ReroutedOnto(id) : cause->second;
      Add(link.id, "congestion", u > 1.0 ? Severity(lossOnLink) : Severity({}), {Percent(u)},
          "link " + link.id + " at " + Percent(u) + " of its capacity", std::move(causes), 5.0, 10.0);
    }
    if (link.state.lossPct >= 1.0) {
      Add(link.id, "high-loss", Severity(lossOnLink), {FormatNumber(link.state.lossPct)},
          "link " + link.id + " loses " + FormatNumber(link.state.lossPct) + " % of its packets", {}, 3.0, 10.0);
    }
    if (link.state.extraDelayMs >= 50.0) {
      Add(link.id, "high-delay", Severity({}), {FormatNumber(link.state.extraDelayMs)}, "link " + link.id + " adds " + FormatNumber(link.state.extraDelayMs) + " ms",
          {}, 3.0, 10.0);
    }
  }
}

// Sites the core cannot reach. Those physically cut off (no lit path to a core
// router) are explained by the failures around their dark region; those still
// connected are cut off by routing (a blackhole, a leak), which no alarm of an
// element explains: they stay roots.
void Rules::Unreachable() {
  const auto nodes = static_cast<std::uint32_t>(twin.Nodes().size());
  const std::vector<bool> reaching = network.SitesReachingCore();
  std::vector<bool> lit(nodes, false);
  std::vector<std::uint32_t> queue;
  for (NodeId c : twin.CoreNodes()) {
    if (NodeDown(c)) continue;
    lit[c.Index()] = true;
    queue.push_back(c.Index());
  }
  for (std::size_t q = 0; q < queue.size(); ++q) {
    for (LinkId l : incident[queue[q]]) {
      if (!Passable(l)) continue;
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
    if (lit[start] || region[start] >= 0 || NodeDown(NodeId(start))) continue;
    const int r = static_cast<int>(regionRoots.size());
    std::set<std::string> roots;
    std::set<std::string> downNeighbours;  // down routers on the boundary that would not reconnect it
    std::vector<std::uint32_t> members{start};
    region[start] = r;
    for (std::size_t q = 0; q < members.size(); ++q) {
      for (LinkId l : incident[members[q]]) {
        const Link& link = twin.GetLink(l);
        const std::uint32_t other = link.a.Index() == members[q] ? link.b.Index() : link.a.Index();
        if (Passable(l)) {
          if (region[other] < 0 && !lit[other]) {
            region[other] = r;
            members.push_back(other);
          }
        } else if (NodeDown(NodeId(other))) {
          // A down router explains the region only if, up, it would join it to the lit
          // network: a dark commune hanging from a cut-off province explains nothing of it.
          (WouldReconnect(NodeId(other), l, lit) ? roots : downNeighbours).insert(twin.GetNode(NodeId(other)).id);
        } else if (network.LinkDark(l)) {
          roots.insert(DarkLinkRoot(l));
        } else if (!twin.IsActive(l) && link.role == LinkRole::Primary) {
          roots.insert(link.id);  // shut by mistake
        }
      }
    }
    if (roots.empty()) roots = std::move(downNeighbours);  // cut off behind routers that are all down
    regionRoots.emplace_back(roots.begin(), roots.end());
  }
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    if (reaching[s]) continue;
    const Site& site = twin.GetSite(SiteId(s));
    const NodeId n = twin.FirstNode(SiteId(s));
    std::vector<std::string> causes;
    if (NodeDown(n)) {
      causes.push_back(twin.GetNode(n).id + "#node-down");
    } else if (!lit[n.Index()] && region[n.Index()] >= 0) {
      causes = regionRoots[static_cast<std::size_t>(region[n.Index()])];
    } else if (site.parent.IsValid() && !reaching[site.parent.Index()]) {
      // Cut off by routing, as its parent is: the parent's alarm explains it (one root per region).
      causes.push_back(twin.GetSite(site.parent).id);
    }
    Impact impact;
    impact.sitesLost = {SiteId(s)};
    Add(site.id, "unreachable", Severity(impact), {}, site.name + " does not answer the core's probes", causes, 3.0, 3.0);
  }
}

void Rules::McusAndAttacks() {
  Impact conference;
  conference.serviceLost = true;
  conference.conferenceLostShare = conferenceLostShare;
  for (SiteId s : network.FailedMcus()) {
    Add(twin.GetSite(s).id, "mcu-failure", Severity(conference), {},
        "the MCU of " + twin.GetSite(s).name + " has failed: its endpoints fall back up the cascade");
  }
  for (SiteId s : network.AttackTargets()) {
    Add(twin.GetSite(s).id, "traffic-anomaly", Severity(conference), {},
        "unusual traffic toward " + twin.GetSite(s).name + " (a flood?)", {}, 5.0, 10.0);
  }
}

// The conference, per province: more than 5 % of its endpoints lost or not good.
void Rules::Conference() {
  const auto& bySite = conferenceBySite;
  if (bySite.empty()) return;
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
    Impact impact;
    impact.conferenceLostShare = conferenceLostShare;
    impact.areaConferenceLost = lost > 0.05;
    impact.serviceLost = c[2] > 0;
    Add(twin.GetSite(province).id, "conference-quality", Severity(impact),
        {std::to_string(c[2]), std::to_string(total), std::to_string(c[1])},
        "conference in " + twin.GetSite(province).name + ": " + std::to_string(c[2]) + " of " + std::to_string(total) +
            " endpoints lost, " + std::to_string(c[1]) + " degraded",
        causes, 5.0, 10.0);
  }
}

// A failure's severity is what it cuts off: the sites whose unreachability it explains.
void Rules::SeveritiesFromImpact() {
  std::map<std::string, Impact> byCause;
  for (const AlarmCondition& c : out) {
    if (c.type != "unreachable") continue;
    for (const std::string& cause : c.rootCauses) {
      byCause[cause.substr(0, cause.find('#'))].sitesLost.push_back(twin.FindSite(c.resource));
    }
  }
  for (AlarmCondition& c : out) {
    const bool battery = c.type == "battery-exhausted";
    const bool failure =
        c.type == "link-down" || c.type == "srg-cut" || c.type == "node-down" || c.type == "admin-down" || battery;
    if (!failure) continue;
    Impact impact;
    if (auto it = byCause.find(c.resource); it != byCause.end()) impact = it->second;
    if (battery) {
      // A dark site explains what its routers' failure explains, and itself.
      const SiteId site = twin.FindSite(c.resource);
      impact.sitesLost.push_back(site);
      for (NodeId n : twin.GetSite(site).nodes) {
        if (auto it = byCause.find(twin.GetNode(n).id); it != byCause.end()) {
          impact.sitesLost.insert(impact.sitesLost.end(), it->second.sitesLost.begin(), it->second.sitesLost.end());
        }
      }
      std::sort(impact.sitesLost.begin(), impact.sitesLost.end());
      impact.sitesLost.erase(std::unique(impact.sitesLost.begin(), impact.sitesLost.end()), impact.sitesLost.end());
    }
    impact.serviceLost = true;
    c.severity = Severity(impact);
  }
}

}  // namespace

std::vector<AlarmCondition> AlarmConditions(const NetworkModel& network, const AlarmList& current) {
  Rules rules(network, current);
  // The conference by site, once: its lost share sets the MCU and attack alarms' severity, its provinces their own.
  rules.conferenceBySite = network.ConferenceBySite();
  int endpoints = 0, lost = 0;
  for (const auto& site : rules.conferenceBySite) {
    endpoints += site[0] + site[1] + site[2];
    lost += site[2];
  }
  if (endpoints > 0) rules.conferenceLostShare = static_cast<double>(lost) / endpoints;
  rules.incident.resize(network.Twin().Nodes().size());
  for (std::uint32_t l = 0; l < network.Twin().Links().size(); ++l) {
    const Link& link = network.Twin().GetLink(LinkId(l));
    if (link.a == link.b) continue;
    rules.incident[link.a.Index()].push_back(LinkId(l));
    rules.incident[link.b.Index()].push_back(LinkId(l));
  }
  rules.Power();
  rules.Flapping();
  rules.Nodes();
  rules.SharedRiskGroups();
  rules.Links();
  rules.Unreachable();
  rules.McusAndAttacks();
  rules.Conference();
  rules.SeveritiesFromImpact();
  return std::move(rules.out);
}

}  // namespace netdrill::session
