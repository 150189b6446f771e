#include "twin-commands.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "app/twin-report.h"
#include "twin/analysis.h"
#include "twin/csv-import.h"
#include "twin/generator.h"
#include "twin/name-index.h"
#include "twin/address-plan.h"
#include "twin/routing.h"
#include "twin/stats.h"
#include "twin/traffic.h"
#include "twin/twin-files.h"
#include "twin/twin-spec.h"
#include "twin/units.h"
#include "twin/twin-yaml.h"
#include "twin/write-file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>

namespace netdrill::app {

using namespace netdrill::twin;

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Loads any topology file; problems go to `err`. Warnings alone let it through.
std::optional<Twin> Load(const std::string& file, std::ostream& err, ImportReport* report = nullptr) {
  Diagnostics diags;
  auto twin = LoadTopology(file, diags, report);
  diags.Print(err);
  return twin;
}

// Resolves a site by id, code or name; explains an ambiguous or unknown name.
std::optional<NodeId> ResolveNode(const Twin& twin, const NameIndex& index, const std::string& query,
                                  std::ostream& err) {
  if (NodeId n = twin.FindNode(query); n.IsValid()) return n;
  const SiteMatch m = index.Find(query);
  if (m.IsUnique()) return twin.FirstNode(m.sites.front());
  if (m.IsAmbiguous()) {
    err << "\"" << query << "\" names " << m.sites.size() << " sites; say which (by id, or \"name, province\"):\n";
    for (SiteId s : m.sites) err << "  " << index.QualifiedName(s) << '\n';
    return std::nullopt;
  }
  err << "no site \"" << query << "\"";
  const auto close = index.Suggest(query);
  if (!close.empty()) {
    err << "; did you mean";
    for (std::size_t i = 0; i < close.size(); ++i) err << (i ? ", " : " ") << '"' << close[i] << '"';
    err << '?';
  }
  err << '\n';
  return std::nullopt;
}

}  // namespace

int TwinGenerate(const GenerateArgs& args, std::ostream& out, std::ostream& err) {
  GeneratorParams params;
  params.sharedExitKm = args.sharedExitKm;
  Diagnostics diags;
  const auto t0 = Clock::now();
  auto twin = Generate(args.preset, args.seed, params, AssetsDir(), diags);
  if (!twin) {
    diags.Print(err);
    return kExitInvalidInput;
  }
  const std::string yaml = SaveTwinYaml(*twin);
  if (!WriteFileAtomic(args.output, yaml, diags)) {
    diags.Print(err);
    return kExitFailure;
  }
  out << "wrote " << args.output << ": " << twin->Sites().size() << " sites, " << twin->Nodes().size() << " nodes, "
      << twin->Links().size() << " links, " << yaml.size() / 1024 << " KiB in " << std::fixed << std::setprecision(0)
      << MsSince(t0) << " ms\n";
  return kExitOk;
}

int TwinCheck(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  for (const std::string& f : files) {
    Diagnostics diags;
    auto twin = LoadTopology(f, diags);
    diags.Print(err);
    if (!twin) {
      status = kExitInvalidInput;
      continue;
    }
    Diagnostics more;
    CheckTwin(*twin, f, more);
    more.Print(err);
    if (more.HasErrors()) {
      status = kExitInvalidInput;
      continue;
    }
    out << f << ": ok (" << twin->Sites().size() << " sites, " << twin->Links().size() << " links";
    if (diags.WarningCount()) out << ", " << diags.WarningCount() << " warnings";
    out << ")\n";
  }
  return status;
}

int TwinStatsCommand(const std::string& file, const std::string& preset, bool json, std::ostream& out, std::ostream& err) {
  auto twin = preset.empty() && !file.empty() ? Load(file, err) : TwinFor(file, preset, 1, err);
  if (!twin) return kExitInvalidInput;
  const TwinStats stats = ComputeStats(*twin);
  if (json) {
    out << StatsJson(*twin, stats).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    PrintStats(out, *twin, stats);
  }
  return kExitOk;
}

int TwinImport(const std::string& input, const std::string& links, const std::string& output, std::ostream& out,
               std::ostream& err) {
  Diagnostics diags;
  ImportReport report;
  std::optional<Twin> twin;
  const TopologyFormat format = FormatOfPath(input);
  if (format == TopologyFormat::Csv && !links.empty()) {
    twin = ImportCsv(input, links, input, diags);
  } else if (format == TopologyFormat::Graphml || format == TopologyFormat::Csv) {
    twin = LoadTopology(input, diags, &report);
  } else {
    diags.Error("unknown-format", input, {}, "", "import reads .graphml files or a sites.csv (with --links)");
  }
  diags.Print(err);
  if (!twin) return kExitInvalidInput;
  for (const std::string& g : report.guesses) err << input << ": guess: " << g << '\n';
  if (!WriteFileAtomic(output, SaveTwinYaml(*twin), diags)) {
    diags.Print(err);
    return kExitFailure;
  }
  out << "wrote " << output << ": " << twin->Sites().size() << " sites, " << twin->Links().size() << " links";
  if (format == TopologyFormat::Graphml) {
    out << " (" << report.parallelEdges << " parallel, " << report.selfLoops << " self-loops, "
        << report.hyperedgeNodes << " hyperedge nodes, " << report.guesses.size() << " guesses)";
  }
  out << '\n';
  return kExitOk;
}

int TwinAnalyze(const AnalyzeArgs& args, std::ostream& out, std::ostream& err) {
  ImportReport report;
  auto twin = Load(args.file, err, &report);
  if (!twin) return kExitInvalidInput;
  if (!report.guesses.empty()) {
    err << args.file << ": the import made " << report.guesses.size()
        << " guesses (speeds, coordinates); `netdrill twin import` lists them\n";
  }
  GraphOptions options;
  options.includeStandby = args.withBackup;
  const TwinAnalysis a = AnalyzeTwin(*twin, options);
  if (args.json) {
    out << AnalysisJson(*twin, a, args.top).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    PrintAnalysis(out, *twin, a, args.top);
  }
  return kExitOk;
}

int TwinPath(const std::string& file, const std::string& from, const std::string& to, const std::string& by,
             std::ostream& out, std::ostream& err) {
  auto twin = Load(file, err);
  if (!twin) return kExitInvalidInput;
  const NameIndex index(*twin);
  auto a = ResolveNode(*twin, index, from, err);
  auto b = ResolveNode(*twin, index, to, err);
  if (!a || !b) return kExitInvalidInput;
  const Graph g = Graph::FromTwin(*twin);
  const Path p = ShortestPath(g, a->Index(), b->Index(), by == "hops" ? PathMetric::Hops : PathMetric::Delay);
  if (!p.Found()) {
    out << "no path from " << from << " to " << to << " in the network as it stands\n";
    return kExitFailure;
  }
  out << "path by " << by << ": " << p.edges.size() << " hops, " << std::fixed << std::setprecision(3) << p.delayMs
      << " ms one way\n";
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = twin->GetNode(NodeId(p.nodes[i]));
    out << "  " << std::setw(2) << i << "  " << twin->GetSite(n.site).name << " [" << n.id << "]";
    if (i > 0) {
      const LinkId l = g.Edge(p.edges[i - 1]).link;
      out << "  via " << FormatCapacity(twin->GetLink(l).capacityMbps) << ' ' << ToString(twin->GetLink(l).medium)
          << ", " << std::setprecision(3) << twin->DelayMs(l) << " ms";
    }
    out << '\n';
  }
  return kExitOk;
}

int TwinLoad(const LoadArgs& args, std::ostream& out, std::ostream& err) {
  auto twin = Load(args.file, err);
  if (!twin) return kExitInvalidInput;
  if (!args.profile.empty() && twin->demands.Find(args.profile) == nullptr) {
    err << "no conference profile \"" << args.profile << "\" in " << args.file << '\n';
    return kExitInvalidInput;
  }
  const NameIndex index(*twin);
  ConferenceOptions options;
  options.profile = args.profile;
  for (const std::string& name : args.failedMcus) {
    auto node = ResolveNode(*twin, index, name, err);
    if (!node) return kExitInvalidInput;
    options.failedMcus.push_back(twin->GetNode(*node).site);
  }
  Diagnostics diags;
  auto plan = AddressPlan::Build(*twin, diags);
  if (!plan) {
    diags.Print(err);
    return kExitInvalidInput;
  }
  const auto tables = RoutingTables::Compute(*twin, *plan, Graph::FromTwin(*twin));
  std::vector<Flow> flows = ConferenceFlows(*twin, options);
  const std::size_t conferenceFlows = flows.size();
  if (args.vpn) {
    const auto vpn = VpnFlows(*twin);
    flows.insert(flows.end(), vpn.begin(), vpn.end());
  }
  const LinkLoads loads = RouteFlows(*twin, tables, flows);
  // Links by utilisation; endpoints by the loss of their streams (docs/assumptions.md: < 1 % good, > 5 % lost).
  std::vector<std::uint32_t> order(twin->Links().size());
  for (std::uint32_t l = 0; l < order.size(); ++l) order[l] = l;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const double ua = loads.Utilisation(*twin, LinkId(a)), ub = loads.Utilisation(*twin, LinkId(b));
    return ua != ub ? ua > ub : a < b;
  });
  int congested = 0, over = 0;
  for (std::uint32_t l = 0; l < order.size(); ++l) {
    const double u = loads.Utilisation(*twin, LinkId(l));
    congested += u > 0.9;
    over += u > 1.0;
  }
  std::int64_t good = 0, degraded = 0, lost = 0;
  for (std::size_t i = 0; i < conferenceFlows; ++i) {
    const Flow& f = flows[i];
    if (f.endpoints == 0) continue;
    const double loss = PathLossPct(*twin, tables, loads, f);
    const StreamClass c = ClassifyStream(loss, 0.0);
    (c == StreamClass::Good ? good : c == StreamClass::Degraded ? degraded : lost) += f.endpoints;
  }
  const int total = twin->TotalEndpoints(args.profile);
  if (args.json) {
    nlohmann::json top = nlohmann::json::array();
    for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < args.top; ++i) {
      const Link& l = twin->GetLink(LinkId(order[i]));
      top.push_back({{"link", l.id},
                     {"capacity_mbps", l.capacityMbps},
                     {"a_to_b_mbps", loads.aToBMbps[order[i]]},
                     {"b_to_a_mbps", loads.bToAMbps[order[i]]},
                     {"utilisation", loads.Utilisation(*twin, LinkId(order[i]))}});
    }
    out << nlohmann::json{{"profile", args.profile.empty() ? twin->demands.activeProfile : args.profile},
                          {"flows", flows.size()},
                          {"unrouted_flows", loads.unroutedFlows},
                          {"links_over_90pct", congested},
                          {"links_over_capacity", over},
                          {"endpoints", total},
                          {"endpoint_streams_good", good},
                          {"endpoint_streams_degraded", degraded},
                          {"endpoint_streams_lost", lost},
                          {"top_links", top}}
                .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    return kExitOk;
  }
  out << "Load of " << twin->name << ", conference profile "
      << (args.profile.empty() ? twin->demands.activeProfile : args.profile) << " (" << total << " endpoints)"
      << (args.vpn ? " with background VPN" : "") << ": " << flows.size() << " streams\n";
  out << "  links above 90 %: " << congested << ", above capacity: " << over;
  if (loads.unroutedFlows) out << "; " << loads.unroutedFlows << " streams found no route";
  out << "\n  endpoint streams (each way) by loss: " << good << " good (< 1 %), " << degraded << " degraded, " << lost
      << " lost (> 5 %); endpoints on their MCU's own router load no link\n  busiest links:\n";
  for (std::size_t i = 0; i < order.size() && static_cast<int>(i) < args.top; ++i) {
    const Link& l = twin->GetLink(LinkId(order[i]));
    out << "    " << std::setw(6) << std::setprecision(1) << std::fixed << 100.0 * loads.Utilisation(*twin, LinkId(order[i]))
        << " %  " << FormatCapacity(l.capacityMbps) << "  " << l.id << '\n';
  }
  return kExitOk;
}

int TwinFind(const std::string& file, const std::string& query, std::ostream& out, std::ostream& err) {
  auto twin = Load(file, err);
  if (!twin) return kExitInvalidInput;
  const NameIndex index(*twin);
  const SiteMatch m = index.Find(query);
  if (m.sites.empty()) {
    ResolveNode(*twin, index, query, err);
    return kExitFailure;
  }
  for (SiteId s : m.sites) out << index.QualifiedName(s) << '\n';
  return kExitOk;
}

}  // namespace netdrill::app
