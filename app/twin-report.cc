#include "twin-report.h"

#include "twin/units.h"

#include <algorithm>
#include <iomanip>
#include <numeric>

namespace netdrill::app {

using nlohmann::json;
using namespace netdrill::twin;

namespace {

json LossJson(const SiteLoss& l) {
  return json{{"sites_cut", l.sites},
              {"endpoints_cut", l.endpoints},
              {"p1", l.byPriority[0]},
              {"p2", l.byPriority[1]},
              {"p3", l.byPriority[2]},
              {"p4", l.byPriority[3]}};
}

// Indices of the `top` worst entries: most endpoints, then most sites, then index.
std::vector<std::uint32_t> Worst(const std::vector<SiteLoss>& loss, int top) {
  std::vector<std::uint32_t> idx;
  for (std::uint32_t i = 0; i < loss.size(); ++i) {
    if (!loss[i].IsZero()) idx.push_back(i);
  }
  std::sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (loss[a].endpoints != loss[b].endpoints) return loss[a].endpoints > loss[b].endpoints;
    if (loss[a].sites != loss[b].sites) return loss[a].sites > loss[b].sites;
    return a < b;
  });
  if (static_cast<int>(idx.size()) > top) idx.resize(static_cast<std::size_t>(top));
  return idx;
}

std::string NodeName(const Twin& twin, std::uint32_t node) { return twin.GetNode(NodeId(node)).id; }

std::string Label(const Twin& twin, std::uint32_t node) {
  const Node& n = twin.GetNode(NodeId(node));
  const Site& s = twin.GetSite(n.site);
  return s.name.empty() ? n.id : s.name + " [" + n.id + "]";
}

}  // namespace

json StatsJson(const Twin& twin, const TwinStats& s) {
  json levels = json::object();
  for (int i = 0; i < kSiteLevelCount; ++i) {
    levels[std::string(ToString(static_cast<SiteLevel>(i)))] = s.sitesByLevel[static_cast<std::size_t>(i)];
  }
  return json{{"name", twin.name},
              {"era", twin.era},
              {"sites", s.sites},
              {"sites_by_level", levels},
              {"island_sites", s.islandSites},
              {"nodes", s.nodes},
              {"links", s.links},
              {"links_by_medium", s.linksByMedium},
              {"links_by_role", s.linksByRole},
              {"srgs", s.srgs},
              {"capacity_mbps", s.capacityMbps},
              {"primary_capacity_mbps", s.primaryCapacityMbps},
              {"backup_capacity_mbps", s.backupCapacityMbps},
              {"capacity_by_medium_mbps", s.capacityByMediumMbps},
              {"total_length_km", std::round(s.totalLengthKm * 10) / 10},
              {"active_profile", twin.demands.activeProfile},
              {"endpoints_by_profile", s.endpointsByProfile},
              {"vpn_load_mbps", s.vpnLoadMbps},
              {"down_elements", s.downElements},
              {"degraded_elements", s.degradedElements}};
}

void PrintStats(std::ostream& out, const Twin& twin, const TwinStats& s) {
  out << "Twin " << twin.name;
  if (twin.era) out << " (era " << twin.era << ")";
  out << "\n  sites " << s.sites << ":";
  for (int i = 0; i < kSiteLevelCount; ++i) {
    const int n = s.sitesByLevel[static_cast<std::size_t>(i)];
    if (n) out << ' ' << ToString(static_cast<SiteLevel>(i)) << ' ' << n;
  }
  out << "\n  nodes " << s.nodes << ", links " << s.links << " (";
  bool first = true;
  for (const auto& [medium, n] : s.linksByMedium) {
    out << (first ? "" : ", ") << medium << ' ' << n;
    first = false;
  }
  out << "), shared-risk groups " << s.srgs << ", island sites " << s.islandSites << '\n';
  out << "  capacity " << FormatCapacity(s.capacityMbps) << " in all, " << FormatCapacity(s.primaryCapacityMbps)
      << " in service, " << FormatCapacity(s.backupCapacityMbps) << " on standby backup media\n";
  out << "  conference endpoints:";
  for (const auto& [profile, n] : s.endpointsByProfile) {
    out << ' ' << profile << (profile == twin.demands.activeProfile ? "*" : "") << '=' << n;
  }
  out << "  (* active profile)\n  background VPN load " << FormatCapacity(s.vpnLoadMbps) << " on average\n";
  if (s.downElements || s.degradedElements) {
    out << "  state: " << s.downElements << " down, " << s.degradedElements << " degraded\n";
  }
}

json AnalysisJson(const Twin& twin, const TwinAnalysis& a, int top) {
  const N1Report& r = a.n1;
  std::vector<std::array<std::string, 2>> bridges;
  for (std::uint32_t e : r.bridges) {
    std::string u = NodeName(twin, a.graph.Edge(e).u), v = NodeName(twin, a.graph.Edge(e).v);
    if (v < u) std::swap(u, v);
    bridges.push_back({u, v});
  }
  std::sort(bridges.begin(), bridges.end());
  std::vector<std::string> aps;
  for (std::uint32_t n : r.articulations) aps.push_back(NodeName(twin, n));
  std::sort(aps.begin(), aps.end());
  json j{{"name", twin.name},
         {"nodes", r.nodes},
         {"links", r.links},
         {"self_loops", r.selfLoops},
         {"links_in_twin", twin.Links().size()},
         {"components", r.components},
         {"largest_component", r.largestComponent},
         {"bridges", bridges},
         {"articulation_points", aps},
         {"n1_link_max_pairs_lost", r.linkMaxPairsLost},
         {"n1_link_total_pairs_lost", r.linkTotalPairsLost},
         {"n1_node_max_pairs_lost", r.nodeMaxPairsLost},
         {"n1_node_total_pairs_lost", r.nodeTotalPairsLost}};
  if (a.hasCore) {
    json worstLinks = json::array();
    for (std::uint32_t e : Worst(a.core.linkLoss, top)) {
      json item = LossJson(a.core.linkLoss[e]);
      item["link"] = twin.GetLink(a.graph.Edge(e).link).id;
      worstLinks.push_back(item);
    }
    json worstNodes = json::array();
    for (std::uint32_t n : Worst(a.core.nodeLoss, top)) {
      json item = LossJson(a.core.nodeLoss[n]);
      item["node"] = NodeName(twin, n);
      worstNodes.push_back(item);
    }
    auto cutting = [](const std::vector<SiteLoss>& v) {
      return std::count_if(v.begin(), v.end(), [](const SiteLoss& l) { return l.sites > 0; });
    };
    j["core"] = {{"core_nodes", twin.CoreNodes().size()},
                 {"already_cut", LossJson(a.core.alreadyCut)},
                 {"link_failures_cutting_sites", cutting(a.core.linkLoss)},
                 {"node_failures_cutting_sites", cutting(a.core.nodeLoss)},
                 {"worst_links", worstLinks},
                 {"worst_nodes", worstNodes}};
  }
  json worstSrgs = json::array();
  std::vector<std::uint32_t> order(a.srgs.pairsLost.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const SiteLoss& lx = a.srgs.coreLoss[x];
    const SiteLoss& ly = a.srgs.coreLoss[y];
    if (lx.endpoints != ly.endpoints) return lx.endpoints > ly.endpoints;
    if (a.srgs.pairsLost[x] != a.srgs.pairsLost[y]) return a.srgs.pairsLost[x] > a.srgs.pairsLost[y];
    return x < y;
  });
  std::int64_t provincesCut = 0;
  std::uint64_t maxPairs = 0;
  for (std::uint32_t g = 0; g < a.srgs.pairsLost.size(); ++g) {
    provincesCut = std::max(provincesCut, a.srgs.coreLoss[g].byPriority[1]);
    maxPairs = std::max(maxPairs, a.srgs.pairsLost[g]);
  }
  for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < top; ++i) {
    const std::uint32_t g = order[i];
    if (a.srgs.pairsLost[g] == 0 && a.srgs.coreLoss[g].IsZero()) break;
    json item = LossJson(a.srgs.coreLoss[g]);
    item["srg"] = twin.GetSrg(SrgId(g)).id;
    item["pairs_lost"] = a.srgs.pairsLost[g];
    worstSrgs.push_back(item);
  }
  j["srgs"] = {{"count", a.srgs.pairsLost.size()},
               {"max_pairs_lost", maxPairs},
               {"max_p2_sites_cut", provincesCut},
               {"worst", worstSrgs}};
  return j;
}

void PrintAnalysis(std::ostream& out, const Twin& twin, const TwinAnalysis& a, int top) {
  const N1Report& r = a.n1;
  out << "Analysis of " << twin.name << "\n";
  out << "  graph: " << r.nodes << " nodes, " << r.links << " links in service";
  if (r.selfLoops) out << " (+" << r.selfLoops << " self-loops left out)";
  if (twin.Links().size() != r.links + r.selfLoops) {
    out << "; " << twin.Links().size() - r.links - r.selfLoops << " standby or down links left out";
  }
  out << "\n  connectivity: " << r.components << (r.components == 1 ? " component" : " components")
      << ", the largest " << r.largestComponent << " nodes\n";
  out << "  single points of failure: " << r.bridges.size() << " bridges, " << r.articulations.size()
      << " articulation points\n";
  out << "  N-1 links: worst cuts " << r.linkMaxPairsLost << " node pairs; all together " << r.linkTotalPairsLost
      << "\n  N-1 nodes: worst cuts " << r.nodeMaxPairsLost << " node pairs; all together " << r.nodeTotalPairsLost
      << '\n';
  if (a.hasCore) {
    if (!a.core.alreadyCut.IsZero()) {
      out << "  already cut from the national core: " << a.core.alreadyCut.sites << " sites, "
          << a.core.alreadyCut.endpoints << " endpoints\n";
    }
    out << "  worst single link failures (sites cut from the core; conference endpoints):\n";
    for (std::uint32_t e : Worst(a.core.linkLoss, top)) {
      const SiteLoss& l = a.core.linkLoss[e];
      out << "    " << std::setw(6) << l.sites << " sites " << std::setw(6) << l.endpoints << " endpoints  "
          << twin.GetLink(a.graph.Edge(e).link).id << '\n';
    }
    out << "  worst single node failures:\n";
    for (std::uint32_t n : Worst(a.core.nodeLoss, top)) {
      const SiteLoss& l = a.core.nodeLoss[n];
      out << "    " << std::setw(6) << l.sites << " sites " << std::setw(6) << l.endpoints << " endpoints  "
          << Label(twin, n) << '\n';
    }
  }
  if (!a.srgs.pairsLost.empty()) {
    std::int64_t worstP2 = 0;
    std::int64_t worstSites = 0;
    for (const SiteLoss& l : a.srgs.coreLoss) {
      worstP2 = std::max(worstP2, l.byPriority[1]);
      worstSites = std::max(worstSites, l.sites);
    }
    out << "  shared-risk groups: " << a.srgs.pairsLost.size() << "; the worst single group cuts " << worstSites
        << " sites from the core (" << worstP2 << " of them P2)\n";
  }
}

}  // namespace netdrill::app
