#include "app/verify-fidelity.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "sim/engine.h"
#include "twin/address-plan.h"
#include "twin/graph.h"
#include "twin/routing.h"
#include "twin/traffic.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>

namespace netdrill::app {

using namespace netdrill::twin;
using Clock = std::chrono::steady_clock;

FidelityVerdict CompareFidelity(const std::vector<LinkDirectionPair>& links, const std::vector<StreamPair>& streams,
                                const FidelityTolerance& tolerance, std::uint64_t minPackets) {
  FidelityVerdict v;
  for (const LinkDirectionPair& l : links) {
    if (l.packets < minPackets) continue;
    ++v.linksCompared;
    const double gap = std::fabs(l.packetLossPct - l.hybridLossPct);
    if (gap > tolerance.lossPp) ++v.linksOutside;
    if (gap > v.worstLossGapPp || v.worstLossLink.empty()) {
      v.worstLossGapPp = gap;
      v.worstLossLink = l.name;
    }
  }
  double worstRatio = -1.0;
  for (const StreamPair& s : streams) {
    if (s.packetsReceived < minPackets) continue;
    ++v.streamsCompared;
    const double gap = std::fabs(s.packetDelayMs - s.hybridDelayMs);
    const double allowed = std::max(tolerance.delayShare * s.packetDelayMs, tolerance.delayMs);
    if (gap > allowed) ++v.streamsOutside;
    if (gap / allowed > worstRatio) {
      worstRatio = gap / allowed;
      v.worstDelayGapMs = gap;
      v.worstDelayAllowedMs = allowed;
      v.worstDelayStream = s.name;
    }
  }
  return v;
}

namespace {

struct ModelRun {
  std::vector<sim::Engine::LinkLoad> links;
  std::vector<sim::Engine::StreamKpi> streams;
  double wallS = 0.0;
  std::uint64_t events = 0;
  std::uint64_t packets = 0;
};

std::optional<ModelRun> RunModel(const Twin& twin, const VerifyFidelityArgs& args, session::BulkTraffic bulk,
                                 std::ostream& err) {
  const auto t0 = Clock::now();
  sim::EngineOptions options;
  options.seed = args.seed;
  options.bulk = bulk;
  Diagnostics diags;
  auto engine = sim::Engine::Create(twin, options, diags);
  if (!engine) {
    diags.Print(err);
    return std::nullopt;
  }
  engine->StartConference(args.profile);
  if (args.vpn) engine->SetVpnLoad(true);
  if (bulk == session::BulkTraffic::Packets) {
    engine->RunUntil(args.warmupS);
    engine->ResetMeasurements();
    engine->RunUntil(args.warmupS + args.measureS);
  }
  ModelRun run;
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) run.links.push_back(engine->LinkState(LinkId(l)));
  run.streams = engine->ConferenceStreams();
  run.events = engine->Events();
  run.packets = engine->BulkPacketsSent();
  run.wallS = std::chrono::duration<double>(Clock::now() - t0).count();
  return run;
}

std::string StreamName(const Twin& twin, const sim::Engine::StreamKpi& s) {
  return twin.GetSite(twin.GetNode(s.from).site).id + " > " + twin.GetSite(twin.GetNode(s.to).site).id;
}

}  // namespace

int VerifyFidelityCommand(const VerifyFidelityArgs& args, std::ostream& out, std::ostream& err) {
  if (!(args.warmupS >= 0) || !(args.measureS > 0)) {
    err << "--warmup must be at least 0 and --measure more than 0 seconds\n";
    return kExitInvalidInput;
  }
  for (double level : args.levelsPct) {
    if (!(level > 0)) {
      err << "--levels: each load level must be more than 0 %\n";
      return kExitInvalidInput;
    }
  }
  auto twin = TwinFor(args.twinFile, args.preset, args.seed, err);
  if (!twin) return kExitInvalidInput;
  if (!args.profile.empty() && twin->demands.Find(args.profile) == nullptr) {
    err << "--profile " << args.profile << ": the twin has no such conference profile\n";
    return kExitInvalidInput;
  }
  // The busiest link under the conference, as the twin routes it.
  Diagnostics diags;
  auto plan = AddressPlan::Build(*twin, diags);
  if (!plan) {
    diags.Print(err);
    return kExitInvalidInput;
  }
  ConferenceOptions conference;
  conference.profile = args.profile;
  const RoutingTables tables = RoutingTables::Compute(*twin, *plan, Graph::FromTwin(*twin));
  std::vector<Flow> flows = ConferenceFlows(*twin, conference);
  if (args.vpn) {
    const auto vpn = VpnFlows(*twin);
    flows.insert(flows.end(), vpn.begin(), vpn.end());
  }
  const LinkLoads loads = RouteFlows(*twin, tables, flows);
  double busiest = 0.0;
  LinkId busiestLink;
  for (std::uint32_t l = 0; l < twin->Links().size(); ++l) {
    if (loads.Utilisation(*twin, LinkId(l)) > busiest) {
      busiest = loads.Utilisation(*twin, LinkId(l));
      busiestLink = LinkId(l);
    }
  }
  if (!(busiest > 0)) {
    err << twin->name << ": the conference loads no link\n";
    return kExitInvalidInput;
  }
  out << "verify fidelity " << twin->name << ", conference profile "
      << (args.profile.empty() ? twin->demands.activeProfile : args.profile) << ", "
      << twin->TotalEndpoints(args.profile) << " endpoints" << (args.vpn ? ", with the VPN load" : "") << "; busiest link " << twin->GetLink(busiestLink).id << " at "
      << std::fixed << std::setprecision(1) << 100.0 * busiest
      << " %: every capacity scaled so that it carries each level\n"
      << "packets: " << args.warmupS << " s warm-up, then " << args.measureS << " s measured; tolerance: loss "
      << FidelityTolerance{}.lossPp << " pp per link direction, delay max(10 %, 2 ms) per stream\n";
  Progress progress(err);
  nlohmann::json levels = nlohmann::json::array();
  int within = 0;
  for (double level : args.levelsPct) {
    Twin scaled = *twin;
    const double factor = busiest / (level / 100.0);
    for (std::uint32_t l = 0; l < scaled.Links().size(); ++l) scaled.GetLink(LinkId(l)).capacityMbps *= factor;
    progress.Show("load " + std::to_string(static_cast<int>(level)) + " %: every packet in ns-3...");
    const auto packet = RunModel(scaled, args, session::BulkTraffic::Packets, err);
    if (!packet) return kExitFailure;
    progress.Show("load " + std::to_string(static_cast<int>(level)) + " %: the hybrid model...");
    const auto hybrid = RunModel(scaled, args, session::BulkTraffic::Rates, err);
    if (!hybrid) return kExitFailure;
    progress.Done();
    std::vector<LinkDirectionPair> linkPairs;
    for (std::uint32_t l = 0; l < scaled.Links().size(); ++l) {
      const auto& p = packet->links[l];
      const auto& h = hybrid->links[l];
      linkPairs.push_back({scaled.GetLink(LinkId(l)).id + " a>b", p.packetsAtoB, p.lossAtoBPct, h.lossAtoBPct});
      linkPairs.push_back({scaled.GetLink(LinkId(l)).id + " b>a", p.packetsBtoA, p.lossBtoAPct, h.lossBtoAPct});
    }
    std::vector<StreamPair> streamPairs;
    for (std::size_t i = 0; i < packet->streams.size() && i < hybrid->streams.size(); ++i) {
      const auto& p = packet->streams[i];
      const auto& h = hybrid->streams[i];
      const auto received =
          static_cast<std::uint64_t>(std::llround(static_cast<double>(p.packets) * (1.0 - p.lossPct / 100.0)));
      streamPairs.push_back({StreamName(scaled, p), received, p.delayMs, h.delayMs});
    }
    const FidelityVerdict v = CompareFidelity(linkPairs, streamPairs);
    within += v.Within();
    const auto& pb = packet->links[busiestLink.Index()];
    const auto& hb = hybrid->links[busiestLink.Index()];
    const bool aToB = hb.aToBMbps >= hb.bToAMbps;
    const double busiestPacketLoss = aToB ? pb.lossAtoBPct : pb.lossBtoAPct;
    const double busiestHybridLoss = aToB ? hb.lossAtoBPct : hb.lossBtoAPct;
    out << std::setprecision(2) << "load " << std::setprecision(0) << level << " %: " << (v.Within() ? "within" : "OUTSIDE")
        << std::setprecision(2) << "; busiest link loss " << busiestPacketLoss << " % packet, " << busiestHybridLoss
        << " % hybrid; worst loss gap " << v.worstLossGapPp << " pp (" << v.worstLossLink << ") over "
        << v.linksCompared << " link directions, " << v.linksOutside << " outside; worst delay gap "
        << v.worstDelayGapMs << " ms of " << v.worstDelayAllowedMs << " allowed (" << v.worstDelayStream << ") over "
        << v.streamsCompared << " streams, " << v.streamsOutside << " outside; packet run " << packet->packets
        << " packets, " << packet->events << " events in " << std::setprecision(1) << packet->wallS << " s\n";
    levels.push_back({{"level_pct", level},
                      {"within", v.Within()},
                      {"busiest_loss_packet_pct", busiestPacketLoss},
                      {"busiest_loss_hybrid_pct", busiestHybridLoss},
                      {"link_directions", v.linksCompared},
                      {"link_directions_outside", v.linksOutside},
                      {"worst_loss_gap_pp", v.worstLossGapPp},
                      {"worst_loss_link", v.worstLossLink},
                      {"streams", v.streamsCompared},
                      {"streams_outside", v.streamsOutside},
                      {"worst_delay_gap_ms", v.worstDelayGapMs},
                      {"worst_delay_allowed_ms", v.worstDelayAllowedMs},
                      {"worst_delay_stream", v.worstDelayStream},
                      {"packet_wall_seconds", packet->wallS},
                      {"packet_events", packet->events},
                      {"packets", packet->packets}});
  }
  const auto total = static_cast<int>(args.levelsPct.size());
  out << "verify fidelity " << twin->name << ": within tolerance at " << within << "/" << total << " load levels\n";
  if (args.json) {
    out << nlohmann::json{{"twin", twin->name}, {"within", within}, {"levels", levels}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  return within == total ? kExitOk : kExitFailure;
}

}  // namespace netdrill::app
