#include "whatif/sweep.h"

#include "twin/graph.h"
#include "twin/routing.h"
#include "twin/shortest-path.h"
#include "twin/traffic.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

namespace netdrill::whatif {

using twin::Flow;
using twin::FlowKind;
using twin::Graph;
using twin::LinkId;
using twin::NodeId;
using twin::SiteLoss;

const char* FailureKindName(FailureKind k) {
  switch (k) {
    case FailureKind::Link: return "link";
    case FailureKind::Node: return "node";
    case FailureKind::Srg: return "srlg";
  }
  return "";
}

const char* DelayBand(double ms) { return ms <= 150.0 ? "good" : ms <= 400.0 ? "acceptable" : "unacceptable"; }

namespace {

// What one thread reuses from failure to failure: stamped arrays, so nothing is cleared in O(nodes).
struct Scratch {
  std::vector<std::uint32_t> nodeStamp, edgeStamp, flowStamp, linkStamp;
  std::uint32_t epoch = 0;
  twin::ShortestPathSearch<std::uint64_t> search;  // the re-routing's searches (ties: twin/shortest-path.h)
  std::vector<std::uint32_t> queue;
  std::vector<double> dAtoB, dBtoA;  // load change per twin link, valid where linkStamp == epoch
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> affected;
  std::vector<std::uint32_t> targetCount;  // per node: affected flows still waiting for it
  void Size(std::size_t nodes, std::size_t edges, std::size_t flows, std::size_t links) {
    nodeStamp.assign(nodes, 0);
    search.Resize(static_cast<std::uint32_t>(nodes));
    edgeStamp.assign(edges, 0);
    flowStamp.assign(flows, 0);
    linkStamp.assign(links, 0);
    dAtoB.assign(links, 0.0);
    dBtoA.assign(links, 0.0);
    targetCount.assign(nodes, 0);
  }
};

class Evaluator {
public:
  Evaluator(const twin::Twin& t, const std::string& profile, bool vpn) : m_t(t) {
    m_graph = Graph::FromTwin(t);
    const std::uint32_t ne = m_graph.EdgeCount(), nn = m_graph.NodeCount();
    m_cost.resize(ne);
    for (std::uint32_t e = 0; e < ne; ++e) m_cost[e] = twin::LinkCost(t, m_graph.Edge(e).link);
    twin::ConferenceOptions co;
    co.profile = profile;
    m_flows = twin::ConferenceFlows(t, co);
    if (vpn) {
      auto v = twin::VpnFlows(t);
      m_flows.insert(m_flows.end(), v.begin(), v.end());
    }
    const std::size_t nl = t.Links().size();
    m_capacity.resize(nl);
    for (std::size_t l = 0; l < nl; ++l) m_capacity[l] = t.GetLink(LinkId(static_cast<std::uint32_t>(l))).capacityMbps;
    m_weight.assign(nn, SiteLoss{});
    for (std::uint32_t i = 0; i < t.Sites().size(); ++i) {
      const twin::Site& s = t.GetSite(twin::SiteId(i));
      if (s.nodes.empty()) continue;
      SiteLoss& w = m_weight[s.nodes.front().Index()];
      w.sites = 1;
      w.byPriority[static_cast<std::size_t>(std::clamp(t.Priority(twin::SiteId(i)), 1, 4) - 1)] = 1;
      w.endpoints = t.Endpoints(twin::SiteId(i));
    }
    for (NodeId c : t.CoreNodes()) m_core.push_back(c.Index());

    Scratch s = NewScratch();
    ++s.epoch;  // nothing is stamped failed with this epoch
    // Base paths: one search per popular end, every flow routed.
    std::vector<std::uint32_t> all(m_flows.size());
    for (std::uint32_t f = 0; f < all.size(); ++f) all[f] = f;
    m_pathBegin.assign(m_flows.size() + 1, 0);
    std::vector<std::vector<std::pair<std::uint32_t, bool>>> paths(m_flows.size());
    std::vector<bool> routed(m_flows.size(), false);
    Route(s, all, [&](std::uint32_t f, std::vector<std::pair<std::uint32_t, bool>> p, bool ok) {
      paths[f] = std::move(p);
      routed[f] = ok;
    });
    m_routed = routed;
    for (std::size_t f = 0; f < m_flows.size(); ++f) m_pathBegin[f + 1] = m_pathBegin[f] + static_cast<std::uint32_t>(paths[f].size());
    m_pathLink.reserve(m_pathBegin.back());
    m_aToB.assign(nl, 0.0);
    m_bToA.assign(nl, 0.0);
    m_delay.assign(m_flows.size(), 0.0);
    std::vector<std::uint32_t> perLink(nl + 1, 0);
    for (std::size_t f = 0; f < m_flows.size(); ++f) {
      for (auto [l, fwd] : paths[f]) {
        m_pathLink.push_back(l);
        m_pathFwd.push_back(fwd);
        (fwd ? m_aToB : m_bToA)[l] += m_flows[f].mbps;
        m_delay[f] += t.DelayMs(LinkId(l));
        ++perLink[l + 1];
      }
    }
    for (std::size_t l = 0; l < nl; ++l) perLink[l + 1] += perLink[l];
    m_flowsOnLinkBegin = perLink;
    m_flowsOnLink.resize(perLink.back());
    std::vector<std::uint32_t> fill(perLink.begin(), perLink.end() - 1);
    for (std::uint32_t f = 0; f < m_flows.size(); ++f)
      for (std::uint32_t i = m_pathBegin[f]; i < m_pathBegin[f + 1]; ++i) m_flowsOnLink[fill[m_pathLink[i]]++] = f;
    for (std::uint32_t f = 0; f < m_flows.size(); ++f)
      if (m_flows[f].kind == FlowKind::Conference && m_routed[f]) m_byDelay.push_back(f);
    std::sort(m_byDelay.begin(), m_byDelay.end(), [&](std::uint32_t a, std::uint32_t b) {
      return m_delay[a] != m_delay[b] ? m_delay[a] > m_delay[b] : a < b;
    });
    for (std::uint32_t l = 0; l < nl; ++l) m_byUtil.push_back(l);
    std::sort(m_byUtil.begin(), m_byUtil.end(), [&](std::uint32_t a, std::uint32_t b) {
      const double ua = Util(a, m_aToB[a], m_bToA[a]), ub = Util(b, m_aToB[b], m_bToA[b]);
      return ua != ub ? ua > ub : a < b;
    });
    m_baseCut = CutFromCore(s, -1);
    baseline.cut = SiteLoss{};
    baseline.maxUtilisation = m_byUtil.empty() ? 0.0 : Util(m_byUtil[0], m_aToB[m_byUtil[0]], m_bToA[m_byUtil[0]]);
    baseline.worstDelayMs = m_byDelay.empty() ? 0.0 : m_delay[m_byDelay[0]];
    for (std::uint32_t l = 0; l < nl; ++l) baseline.linksOver += Util(l, m_aToB[l], m_bToA[l]) > 1.0;
  }

  Scratch NewScratch() const {
    Scratch s;
    s.Size(m_graph.NodeCount(), m_graph.EdgeCount(), m_flows.size(), m_t.Links().size());
    return s;
  }

  Impact Evaluate(Scratch& s, const std::vector<std::uint32_t>& links, std::int64_t node) const {
    ++s.epoch;
    for (std::uint32_t l : links) {
      const std::int64_t e = m_graph.EdgeOfLink(LinkId(l));
      if (e >= 0) s.edgeStamp[static_cast<std::size_t>(e)] = s.epoch;
    }
    if (node >= 0) {
      for (const Graph::Arc* a = m_graph.ArcsBegin(static_cast<std::uint32_t>(node)); a != m_graph.ArcsEnd(static_cast<std::uint32_t>(node)); ++a)
        s.edgeStamp[a->edge] = s.epoch;
    }
    Impact impact;
    impact.cut = CutFromCore(s, node);  // leaves nodeStamp == epoch on what the core still reaches
    const std::uint32_t reachEpoch = s.epoch;
    auto reached = [&](std::uint32_t n) { return s.nodeStamp[n] == reachEpoch; };
    SiteLoss& c = impact.cut;
    c.sites -= m_baseCut.sites;
    c.endpoints -= m_baseCut.endpoints;
    for (std::size_t i = 0; i < 4; ++i) c.byPriority[i] -= m_baseCut.byPriority[i];

    // The flows that crossed a failed link.
    s.affected.clear();
    auto collect = [&](std::uint32_t l) {
      for (std::uint32_t i = m_flowsOnLinkBegin[l]; i < m_flowsOnLinkBegin[l + 1]; ++i) {
        const std::uint32_t f = m_flowsOnLink[i];
        if (s.flowStamp[f] != reachEpoch) {
          s.flowStamp[f] = reachEpoch;
          s.affected.push_back(f);
        }
      }
    };
    for (std::uint32_t l : links) collect(l);
    if (node >= 0) {
      for (const Graph::Arc* a = m_graph.ArcsBegin(static_cast<std::uint32_t>(node)); a != m_graph.ArcsEnd(static_cast<std::uint32_t>(node)); ++a)
        collect(m_graph.Edge(a->edge).link.Index());
    }
    std::sort(s.affected.begin(), s.affected.end());
    s.touched.clear();
    auto add = [&](std::uint32_t l, bool fwd, double mbps) {
      if (s.linkStamp[l] != reachEpoch) {
        s.linkStamp[l] = reachEpoch;
        s.dAtoB[l] = s.dBtoA[l] = 0.0;
        s.touched.push_back(l);
      }
      (fwd ? s.dAtoB : s.dBtoA)[l] += mbps;
    };
    std::vector<std::uint32_t> reroute;
    for (std::uint32_t f : s.affected) {
      for (std::uint32_t i = m_pathBegin[f]; i < m_pathBegin[f + 1]; ++i) add(m_pathLink[i], m_pathFwd[i], -m_flows[f].mbps);
      const std::uint32_t a = m_flows[f].from.Index(), b = m_flows[f].to.Index();
      if (reached(a) && reached(b) && static_cast<std::int64_t>(a) != node && static_cast<std::int64_t>(b) != node) {
        reroute.push_back(f);
      } else {
        ++impact.flowsLost;
      }
    }
    double worstRerouted = 0.0;
    const std::vector<std::uint32_t> again = reroute;
    Route(s, again, [&](std::uint32_t f, std::vector<std::pair<std::uint32_t, bool>> p, bool ok) {
      if (!ok) {
        ++impact.flowsLost;
        return;
      }
      ++impact.flowsRerouted;
      double delay = 0.0;
      for (auto [l, fwd] : p) {
        add(l, fwd, m_flows[f].mbps);
        delay += m_t.DelayMs(LinkId(l));
      }
      if (m_flows[f].kind == FlowKind::Conference) worstRerouted = std::max(worstRerouted, delay);
    });
    // Links pushed over capacity, the busiest link, the worst delay.
    double maxTouched = 0.0;
    for (std::uint32_t l : s.touched) {
      const double before = Util(l, m_aToB[l], m_bToA[l]);
      const double after = Util(l, std::max(0.0, m_aToB[l] + s.dAtoB[l]), std::max(0.0, m_bToA[l] + s.dBtoA[l]));
      if (after > 1.0 + 1e-9 && before <= 1.0 + 1e-9) ++impact.linksOver;
      maxTouched = std::max(maxTouched, after);
    }
    double maxOther = 0.0;
    for (std::uint32_t l : m_byUtil) {
      if (s.linkStamp[l] == reachEpoch) continue;
      maxOther = Util(l, m_aToB[l], m_bToA[l]);
      break;
    }
    impact.maxUtilisation = std::max(maxTouched, maxOther);
    double worstOther = 0.0;
    for (std::uint32_t f : m_byDelay) {
      if (s.flowStamp[f] == reachEpoch) continue;
      worstOther = m_delay[f];
      break;
    }
    impact.worstDelayMs = std::max(worstOther, worstRerouted);
    return impact;
  }

  const twin::Twin& Twin() const { return m_t; }
  const SiteLoss& BaseCut() const { return m_baseCut; }
  const Graph& GetGraph() const { return m_graph; }
  std::size_t FlowCount() const { return m_flows.size(); }
  Impact baseline;

private:
  double Util(std::uint32_t l, double ab, double ba) const {
    return m_capacity[l] > 0 ? std::max(ab, ba) / m_capacity[l] : 0.0;
  }

  // Sites (by priority) and endpoints the core does not reach; marks reached nodes with the epoch.
  SiteLoss CutFromCore(Scratch& s, std::int64_t failedNode) const {
    s.queue.clear();
    for (std::uint32_t c : m_core) {
      if (static_cast<std::int64_t>(c) == failedNode || s.nodeStamp[c] == s.epoch) continue;
      s.nodeStamp[c] = s.epoch;
      s.queue.push_back(c);
    }
    for (std::size_t i = 0; i < s.queue.size(); ++i) {
      const std::uint32_t n = s.queue[i];
      for (const Graph::Arc* a = m_graph.ArcsBegin(n); a != m_graph.ArcsEnd(n); ++a) {
        if (s.edgeStamp[a->edge] == s.epoch || s.nodeStamp[a->to] == s.epoch) continue;
        if (static_cast<std::int64_t>(a->to) == failedNode) continue;
        s.nodeStamp[a->to] = s.epoch;
        s.queue.push_back(a->to);
      }
    }
    SiteLoss cut;
    for (std::uint32_t n = 0; n < m_graph.NodeCount(); ++n)
      if (s.nodeStamp[n] != s.epoch) cut += m_weight[n];
    return cut;
  }

  // Routes `flows` over the graph minus what is stamped failed: one search per
  // root (the end most of these flows share), stopping once every far end is settled.
  template <class Sink>
  void Route(Scratch& s, const std::vector<std::uint32_t>& flows, Sink&& sink) const {
    if (flows.empty()) return;
    std::map<std::uint32_t, std::uint32_t> incidence;
    for (std::uint32_t f : flows) {
      ++incidence[m_flows[f].from.Index()];
      ++incidence[m_flows[f].to.Index()];
    }
    std::map<std::uint32_t, std::vector<std::uint32_t>> byRoot;
    for (std::uint32_t f : flows) {
      const std::uint32_t a = m_flows[f].from.Index(), b = m_flows[f].to.Index();
      const std::uint32_t ia = incidence[a], ib = incidence[b];
      byRoot[ia > ib || (ia == ib && a < b) ? a : b].push_back(f);
    }
    const std::uint32_t failedEpoch = s.epoch;
    auto cost = [this](std::uint32_t e) { return m_cost[e]; };
    auto working = [&s, failedEpoch](const Graph::Arc& a) { return s.edgeStamp[a.edge] != failedEpoch; };
    std::vector<std::uint32_t> seen;
    for (const auto& [root, list] : byRoot) {
      // Targets: the far ends of this root's flows.
      std::uint32_t waiting = 0;
      seen.clear();
      for (std::uint32_t f : list) {
        const std::uint32_t other = m_flows[f].from.Index() == root ? m_flows[f].to.Index() : m_flows[f].from.Index();
        if (s.targetCount[other]++ == 0) {
          ++waiting;
          seen.push_back(other);
        }
      }
      // The one search, with the IGP routes' tie rule (twin/shortest-path.h), so every run takes the same routes;
      // it stops once every far end is settled.
      s.search.Run(m_graph, root, cost, working,
                   [&s, &waiting](std::uint32_t n, std::uint64_t) { return s.targetCount[n] > 0 && --waiting == 0; });
      for (std::uint32_t f : list) {
        const bool fromRoot = m_flows[f].from.Index() == root;
        const std::uint32_t other = fromRoot ? m_flows[f].to.Index() : m_flows[f].from.Index();
        std::vector<std::pair<std::uint32_t, bool>> path;
        // Reached is settled here: the search stops only once every far end is settled.
        const bool ok = other == root || s.search.Reached(other);
        if (ok && other != root) {
          // Walk back from the far end to the root: the tree's path root -> other, reversed.
          std::uint32_t n = other;
          while (n != root) {
            const twin::GraphEdge& e = m_graph.Edge(s.search.Via(n));
            const std::uint32_t prev = s.search.Parent(m_graph, n);
            // Travelling prev -> n on the tree; the flow goes that way if it starts at the root.
            const bool towardB = m_t.GetLink(e.link).b.Index() == n;
            path.emplace_back(e.link.Index(), fromRoot ? towardB : !towardB);
            n = prev;
          }
          if (fromRoot) std::reverse(path.begin(), path.end());
        }
        sink(f, std::move(path), ok);
      }
      for (std::uint32_t n : seen) s.targetCount[n] = 0;
    }
  }

  const twin::Twin& m_t;
  Graph m_graph;
  std::vector<std::uint64_t> m_cost;
  std::vector<Flow> m_flows;
  std::vector<bool> m_routed;
  std::vector<double> m_capacity;
  std::vector<SiteLoss> m_weight;
  std::vector<std::uint32_t> m_core;
  SiteLoss m_baseCut;
  std::vector<std::uint32_t> m_pathBegin, m_pathLink;
  std::vector<bool> m_pathFwd;
  std::vector<double> m_aToB, m_bToA, m_delay;
  std::vector<std::uint32_t> m_flowsOnLinkBegin, m_flowsOnLink;
  std::vector<std::uint32_t> m_byDelay, m_byUtil;
};

std::vector<Element> Elements(const twin::Twin& t, const Graph& g, const SweepOptions& o) {
  std::vector<Element> out;
  if (o.links) {
    for (std::uint32_t l = 0; l < t.Links().size(); ++l)
      if (g.EdgeOfLink(LinkId(l)) >= 0) out.push_back({FailureKind::Link, t.GetLink(LinkId(l)).id, {l}, -1});
  }
  if (o.nodes) {
    for (std::uint32_t n = 0; n < g.NodeCount(); ++n) {
      if (g.ArcsBegin(n) == g.ArcsEnd(n)) continue;
      Element e{FailureKind::Node, t.GetNode(NodeId(n)).id, {}, n};
      out.push_back(std::move(e));
    }
  }
  if (o.srgs) {
    std::vector<std::vector<std::uint32_t>> groups(t.Srgs().size());
    for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
      if (g.EdgeOfLink(LinkId(l)) < 0) continue;
      for (twin::SrgId s : t.GetLink(LinkId(l)).srgs) groups[s.Index()].push_back(l);
    }
    for (std::uint32_t s = 0; s < groups.size(); ++s)
      if (!groups[s].empty()) out.push_back({FailureKind::Srg, t.GetSrg(twin::SrgId(s)).id, groups[s], -1});
  }
  return out;
}

double RankValue(const Impact& i, const std::string& by, std::uint64_t pairsLost) {
  if (by == "sites") return static_cast<double>(i.cut.sites) * 1e6 + static_cast<double>(i.cut.endpoints);
  if (by == "pairs") return static_cast<double>(pairsLost);
  return static_cast<double>(i.cut.endpoints) * 1e6 + static_cast<double>(i.cut.sites) * 10 + i.linksOver;
}

// Evaluates failures [0, count) whose index % ranks == rank, on `threads` threads, in index order.
template <class Fn>
void ForShare(std::size_t count, int rank, int ranks, int threads, const Evaluator& ev, Fn&& fn,
              const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < count; ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(ranks)) == rank) mine.push_back(i);
  std::atomic<std::size_t> next{0}, done{0};
  const int n = std::max(1, threads);
  std::mutex progressMutex;
  auto work = [&] {
    Scratch s = ev.NewScratch();
    for (std::size_t k; (k = next.fetch_add(1)) < mine.size();) {
      fn(s, mine[k]);
      const std::size_t d = ++done;
      if (progress && (d % 512 == 0 || d == mine.size())) {
        std::lock_guard<std::mutex> lock(progressMutex);
        progress(d, mine.size());
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace

SweepResult RunSweep(const twin::Twin& t, const SweepOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  SweepResult r;
  r.twinName = t.name;
  const Evaluator ev(t, o.profile, o.vpn);
  r.flows = ev.FlowCount();
  r.baseline = ev.baseline;
  r.alreadyCut = ev.BaseCut();
  r.elements = Elements(t, ev.GetGraph(), o);
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // N-1: every rank evaluates every single failure when pairs follow (they need the ranking); else its share.
  const bool needAll = o.pairs && o.set.empty();
  std::vector<FailureResult> singles(r.elements.size());
  std::vector<char> have(r.elements.size(), 0);
  ForShare(r.elements.size(), needAll ? 0 : o.rank, needAll ? 1 : o.ranks, threads, ev,
           [&](Scratch& s, std::size_t i) {
             singles[i].elements = {i};
             singles[i].impact = ev.Evaluate(s, r.elements[i].links, r.elements[i].node);
             have[i] = 1;
           },
           o.pairs ? std::function<void(std::size_t, std::size_t)>() : o.progress);
  // Router pairs disconnected (the graph analysis), for --rank-by pairs.
  const twin::TwinAnalysis a = twin::AnalyzeTwin(t);
  std::vector<std::uint64_t> pairsLost(r.elements.size(), 0);
  std::map<std::string, std::size_t> srgIndex;
  for (std::uint32_t g = 0; g < t.Srgs().size(); ++g) srgIndex[t.GetSrg(twin::SrgId(g)).id] = g;
  for (std::size_t i = 0; i < r.elements.size(); ++i) {
    const Element& e = r.elements[i];
    if (e.kind == FailureKind::Link) {
      const std::int64_t edge = a.graph.EdgeOfLink(LinkId(e.links.front()));
      if (edge >= 0) pairsLost[i] = a.n1.linkPairsLost[static_cast<std::size_t>(edge)];
    } else if (e.kind == FailureKind::Node) {
      pairsLost[i] = a.n1.nodePairsLost[static_cast<std::size_t>(e.node)];
    } else if (auto it = srgIndex.find(e.id); it != srgIndex.end() && it->second < a.srgs.pairsLost.size()) {
      pairsLost[i] = a.srgs.pairsLost[it->second];
    }
  }
  for (std::size_t i = 0; i < singles.size(); ++i) {
    singles[i].pairsLost = pairsLost[i];
    // With pairs to follow, every rank evaluated every single failure; each keeps its share.
    if (have[i] && (!needAll || static_cast<int>(i % static_cast<std::size_t>(o.ranks)) == o.rank)) r.singles.push_back(singles[i]);
  }
  if (o.pairs) {
    std::vector<std::size_t> chosen;
    if (!o.set.empty()) {
      for (std::size_t i = 0; i < r.elements.size(); ++i)
        if (std::find(o.set.begin(), o.set.end(), r.elements[i].id) != o.set.end()) chosen.push_back(i);
    } else {
      std::vector<std::size_t> order(r.elements.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return RankValue(singles[x].impact, o.rankBy, pairsLost[x]) > RankValue(singles[y].impact, o.rankBy, pairsLost[y]);
      });
      order.resize(std::min(order.size(), o.topK));
      chosen = order;
      std::sort(chosen.begin(), chosen.end());
    }
    std::vector<std::pair<std::size_t, std::size_t>> pairList;
    for (std::size_t x = 0; x < chosen.size(); ++x)
      for (std::size_t y = x + 1; y < chosen.size(); ++y) pairList.emplace_back(chosen[x], chosen[y]);
    std::vector<FailureResult> pairs(pairList.size());
    std::vector<char> done(pairList.size(), 0);
    ForShare(pairList.size(), o.rank, o.ranks, threads, ev,
             [&](Scratch& s, std::size_t k) {
               const Element& x = r.elements[pairList[k].first];
               const Element& y = r.elements[pairList[k].second];
               std::vector<std::uint32_t> links = x.links;
               links.insert(links.end(), y.links.begin(), y.links.end());
               if (x.node >= 0 && y.node >= 0) {
                 // Two routers: the second one's links stand for it.
                 for (const Graph::Arc* arc = ev.GetGraph().ArcsBegin(static_cast<std::uint32_t>(y.node));
                      arc != ev.GetGraph().ArcsEnd(static_cast<std::uint32_t>(y.node)); ++arc)
                   links.push_back(ev.GetGraph().Edge(arc->edge).link.Index());
               }
               pairs[k].elements = {pairList[k].first, pairList[k].second};
               pairs[k].impact = ev.Evaluate(s, links, x.node >= 0 ? x.node : y.node);
               done[k] = 1;
             },
             o.progress);
    for (std::size_t k = 0; k < pairs.size(); ++k)
      if (done[k]) r.pairs.push_back(std::move(pairs[k]));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

std::vector<const FailureResult*> Ranked(const SweepResult& /*result*/, const std::vector<FailureResult>& failures,
                                         const std::string& rankBy) {
  std::vector<const FailureResult*> out;
  for (const FailureResult& f : failures) out.push_back(&f);
  std::stable_sort(out.begin(), out.end(), [&](const FailureResult* a, const FailureResult* b) {
    const double ra = RankValue(a->impact, rankBy, a->pairsLost), rb = RankValue(b->impact, rankBy, b->pairsLost);
    if (ra != rb) return ra > rb;
    if (a->impact.linksOver != b->impact.linksOver) return a->impact.linksOver > b->impact.linksOver;
    return a->impact.worstDelayMs > b->impact.worstDelayMs;
  });
  return out;
}

SweepResult MergeResults(std::vector<SweepResult> shares) {
  if (shares.empty()) return {};
  SweepResult r = std::move(shares.front());
  for (std::size_t i = 1; i < shares.size(); ++i) {
    r.singles.insert(r.singles.end(), shares[i].singles.begin(), shares[i].singles.end());
    r.pairs.insert(r.pairs.end(), shares[i].pairs.begin(), shares[i].pairs.end());
    r.seconds = std::max(r.seconds, shares[i].seconds);
  }
  auto byElements = [](const FailureResult& a, const FailureResult& b) { return a.elements < b.elements; };
  std::sort(r.singles.begin(), r.singles.end(), byElements);
  std::sort(r.pairs.begin(), r.pairs.end(), byElements);
  return r;
}

namespace {
nlohmann::json ImpactJson(const Impact& i) {
  return {{"sites_cut", i.cut.sites},
          {"sites_cut_by_priority", {i.cut.byPriority[0], i.cut.byPriority[1], i.cut.byPriority[2], i.cut.byPriority[3]}},
          {"endpoints_lost", i.cut.endpoints},
          {"links_over_capacity", i.linksOver},
          {"max_utilisation", std::round(i.maxUtilisation * 1e4) / 1e4},
          {"worst_delay_ms", std::round(i.worstDelayMs * 100) / 100},
          {"delay_band", DelayBand(i.worstDelayMs)},
          {"flows_rerouted", i.flowsRerouted},
          {"flows_lost", i.flowsLost}};
}
}  // namespace

nlohmann::json FailureJson(const SweepResult& r, const FailureResult& f) {
  nlohmann::json j = ImpactJson(f.impact);
  nlohmann::json els = nlohmann::json::array();
  for (std::size_t e : f.elements) els.push_back({{"kind", FailureKindName(r.elements[e].kind)}, {"id", r.elements[e].id}});
  j["failed"] = els;
  if (f.elements.size() == 1) j["router_pairs_lost"] = f.pairsLost;
  return j;
}

std::string SweepJson(const SweepResult& r, const std::string& rankBy, std::size_t top) {
  nlohmann::json j;
  j["twin"] = r.twinName;
  j["rank_by"] = rankBy;
  j["flows"] = r.flows;
  j["baseline"] = ImpactJson(r.baseline);
  j["single_failures"] = r.singles.size();
  j["pair_failures"] = r.pairs.size();
  j["seconds"] = std::round(r.seconds * 1000) / 1000;
  nlohmann::json singles = nlohmann::json::array(), pairs = nlohmann::json::array();
  const auto rs = Ranked(r, r.singles, rankBy);
  for (std::size_t i = 0; i < rs.size() && (top == 0 || i < top); ++i) singles.push_back(FailureJson(r, *rs[i]));
  const auto rp = Ranked(r, r.pairs, rankBy == "pairs" ? "sites" : rankBy);
  for (std::size_t i = 0; i < rp.size() && (top == 0 || i < top); ++i) pairs.push_back(FailureJson(r, *rp[i]));
  j["worst_single"] = singles;
  j["worst_pairs"] = pairs;
  if (!r.confirmed.empty()) {
    nlohmann::json c = nlohmann::json::array();
    for (const Confirmation& k : r.confirmed)
      c.push_back({{"failed", {{"kind", FailureKindName(r.elements[k.element].kind)}, {"id", r.elements[k.element].id}}},
                   {"sites_cut", {{"analytic", k.sitesAnalytic}, {"simulated", k.sitesSimulated}}},
                   {"endpoints_lost", {{"analytic", k.endpointsAnalytic}, {"simulated", k.endpointsLostSimulated}}},
                   {"endpoints_degraded_simulated", k.endpointsDegradedSimulated},
                   {"links_over_capacity", {{"analytic", k.overAnalytic}, {"simulated", k.overSimulated}}},
                   {"agree", k.agree},
                   {"note", k.note}});
    j["confirmed_in_ns3"] = c;
  }
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

Impact NaiveEvaluate(const twin::Twin& t, const Element& element, const std::string& profile, bool vpn) {
  // Everything from scratch: the twin's graph without the element, every flow re-routed, every load summed.
  twin::Twin copy = t;
  for (std::uint32_t l : element.links) copy.GetLink(LinkId(l)).state.status = twin::Status::Down;
  if (element.node >= 0) copy.GetNode(NodeId(static_cast<std::uint32_t>(element.node))).state.status = twin::Status::Down;
  const Evaluator ev(copy, profile, vpn);
  Impact i = ev.baseline;
  i.cut = ev.BaseCut();
  return i;
}

}  // namespace netdrill::whatif
