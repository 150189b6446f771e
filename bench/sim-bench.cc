// Benchmark of the engine (sim/), printing the machine, the command and medians:
//   - national-2024 built in ns-3: wall time and peak RSS;
//   - reroute after a core-link cut: our table update on national-2024, and on a
//     medium twin ours against ns-3's GlobalRouting (Populate, then Recompute after
//     the same cut), in the same run;
//   - speed (simulated / wall seconds) and events/s of national-2024 in hybrid
//     mode: the 16,242-endpoint conference and the VPN load as fluid rates that
//     set each link's loss, and packet-level probe rounds to every site; and the
//     same for national-2025 with the 31,000-endpoint profile of 2026.
//
//   build/bench/sim-bench [--runs N] [--medium PRESET] [--sim-seconds S]
#include "bench/bench-support.h"
#include "sim/engine.h"
#include "twin/address-plan.h"
#include "twin/generator.h"
#include "twin/graph.h"
#include "twin/routing.h"

#include <ns3/internet-stack-helper.h>
#include <ns3/ipv4-address-helper.h>
#include <ns3/ipv4-global-routing-helper.h>
#include <ns3/ipv4.h>
#include <ns3/node-container.h>
#include <ns3/point-to-point-helper.h>
#include <ns3/simulator.h>


#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

using namespace netdrill;
using namespace netdrill::twin;

using netdrill::bench::Median;
using netdrill::bench::PeakRssMb;
using netdrill::bench::Seconds;

namespace {

LinkId CoreLink(const Twin& t) {
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.GetLink(LinkId(l));
    if (!link.srgs.empty() && t.GetSrg(link.srgs.front()).id.rfind("route:01-", 0) == 0 &&
        t.GetSite(t.GetNode(link.a).site).level != SiteLevel::Province) {
      return LinkId(l);
    }
  }
  return LinkId(0);
}

// ns-3's own GlobalRouting on the same twin: build, populate, cut, recompute.
std::pair<double, double> GlobalRoutingSeconds(const Twin& t, LinkId cut) {
  ns3::NodeContainer nodes;
  nodes.Create(static_cast<std::uint32_t>(t.Nodes().size()));
  ns3::InternetStackHelper stack;
  stack.SetIpv6StackInstall(false);
  stack.Install(nodes);
  ns3::PointToPointHelper p2p;
  ns3::Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
  std::pair<ns3::Ptr<ns3::Node>, std::uint32_t> cutEnd{nullptr, 0};
  for (std::uint32_t l = 0; l < t.Links().size(); ++l) {
    const Link& link = t.GetLink(LinkId(l));
    if (!t.IsActive(LinkId(l)) || link.a == link.b) continue;
    auto pair = p2p.Install(nodes.Get(link.a.Index()), nodes.Get(link.b.Index()));
    auto ifaces = addresses.Assign(pair);
    addresses.NewNetwork();
    if (l == cut.Index()) cutEnd = {nodes.Get(link.a.Index()), ifaces.Get(0).second};
  }
  const double populate = Seconds([] { ns3::Ipv4GlobalRoutingHelper::PopulateRoutingTables(); });
  cutEnd.first->GetObject<ns3::Ipv4>()->SetDown(cutEnd.second);
  const double recompute = Seconds([] { ns3::Ipv4GlobalRoutingHelper::RecomputeRoutingTables(); });
  ns3::Simulator::Destroy();
  return {populate, recompute};
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  std::string medium = "province-2024:01";
  double simSeconds = 30.0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--medium") && i + 1 < argc) {
      medium = argv[++i];
    } else if (!std::strcmp(argv[i], "--sim-seconds") && i + 1 < argc) {
      simSeconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--runs N] [--medium PRESET] [--sim-seconds S]\n", argv[0]);
      return 2;
    }
  }
  netdrill::bench::PrintMachineAndCommand(argc, argv);

  Diagnostics diags;
  auto national = Generate("national-2024", 1, GeneratorParams{}, AssetsDir(), diags);
  auto mid = Generate(medium, 1, GeneratorParams{}, AssetsDir(), diags);
  if (!national || !mid) {
    diags.Print(std::cerr);
    return 1;
  }

  // 1. National build in ns-3, and hybrid runs: conference + VPN as rates, probe rounds as packets.
  std::vector<double> build, speed, eventsPerS, speed2025;
  std::uint64_t events = 0;
  auto hybridRun = [&](const Twin& t, const std::string& profile, std::uint64_t* eventsOut) {
    std::unique_ptr<sim::Engine> engine;
    const double b = Seconds([&] { engine = sim::Engine::Create(t, sim::EngineOptions{}, diags); });
    const NodeId core = t.CoreNodes().front();
    const double wall = Seconds([&] {
      engine->StartConference(profile);
      engine->SetVpnLoad(true);
      for (double at = 0; at < simSeconds; at += 5.0) {
        engine->RunUntil(at);
        engine->StartReachabilityRound(core, 0.5, 1.0);
      }
      engine->RunUntil(simSeconds);
    });
    if (eventsOut) *eventsOut = engine->Events();
    return std::make_pair(b, wall);
  };
  for (int r = 0; r < runs; ++r) {
    const auto [b, wall] = hybridRun(*national, "2023", &events);
    build.push_back(b);
    speed.push_back(simSeconds / wall);
    eventsPerS.push_back(static_cast<double>(events) / wall);
  }
  const double rss = PeakRssMb();
  auto national2025 = Generate("national-2025", 1, GeneratorParams{}, AssetsDir(), diags);
  for (int r = 0; r < runs && national2025; ++r) speed2025.push_back(simSeconds / hybridRun(*national2025, "2026", nullptr).second);

  // 2. Reroute after a core-link cut: our tables on national-2024 and on the medium twin.
  auto reroute = [&](const Twin& base) {
    auto plan = AddressPlan::Build(base, diags);
    Twin cut = base;
    auto tables = RoutingTables::Compute(cut, *plan, Graph::FromTwin(cut));
    const LinkId link = CoreLink(cut);
    cut.GetLink(link).state.status = Status::Down;
    return Seconds([&] { tables.Update(cut, Graph::FromTwin(cut), {link}); });
  };
  std::vector<double> oursNational, oursMedium, globalPopulate, globalRecompute;
  for (int r = 0; r < runs; ++r) {
    oursNational.push_back(reroute(*national));
    oursMedium.push_back(reroute(*mid));
  }
  const auto [populate, recompute] = GlobalRoutingSeconds(*mid, CoreLink(*mid));
  globalPopulate.push_back(populate);
  globalRecompute.push_back(recompute);

  std::printf("national-2024: %zu routers, %zu links; medium twin %s: %zu routers\n", national->Nodes().size(),
              national->Links().size(), medium.c_str(), mid->Nodes().size());
  std::printf("medians over %d runs (ns-3 GlobalRouting: 1 run):\n", runs);
  std::printf("  national-2024 built in ns-3             %8.2f s    (target < 15 s)\n", Median(build));
  std::printf("  peak RSS of the process                 %8.0f MB   (target < 2048 MB)\n", rss);
  std::printf("  reroute after a core-link cut, national %8.1f ms   (target < 100 ms)\n", Median(oursNational) * 1e3);
  std::printf("  reroute, medium twin, ours              %8.2f ms\n", Median(oursMedium) * 1e3);
  std::printf("  reroute, medium twin, ns-3 GlobalRouting %7.0f ms   (populate %.0f ms); ratio %.0fx\n",
              recompute * 1e3, populate * 1e3, recompute / Median(oursMedium));
  std::printf("  hybrid, national-2024, 16,242-endpoint conference + VPN, a probe round to every site every 5 s:\n"
              "                                          %8.1fx real time (target >= 1x), %.0f events/s (%llu in %.0f s)\n",
              Median(speed), Median(eventsPerS), static_cast<unsigned long long>(events), simSeconds);
  if (!speed2025.empty()) {
    std::printf("  hybrid, national-2025, 31,000-endpoint conference (2026) + VPN, same probes:\n"
                "                                          %8.1fx real time\n", Median(speed2025));
  }
  return 0;
}
