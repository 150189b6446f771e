// Failure sweeps on a twin, without ns-3: every single link, node and
// shared-risk group (N-1), and every pair of the K most critical elements or
// of a named set (N-2). For each failure: the sites cut from the core (by
// priority class) and the conference endpoints lost; the demands' load
// (conference + VPN, twin/traffic.h) re-routed analytically, and the links
// it pushes over capacity; the worst one-way conference delay against the
// ITU-T G.114 bands. Only the flows a failure touches are re-routed, by a
// shortest-path search that stops once their far ends are settled: the IGP
// routes' own search, with their tie rule (twin/shortest-path.h).
#pragma once

#include "twin/analysis.h"
#include "twin/model.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace netdrill::whatif {

enum class FailureKind : std::uint8_t { Link, Node, Srg };
const char* FailureKindName(FailureKind k);

/// @brief One element that can fail: a link, a router (all its links), or a shared-risk group.
struct Element {
  FailureKind kind = FailureKind::Link;
  std::string id;
  std::vector<std::uint32_t> links;  ///< twin link indices that go dark
  std::int64_t node = -1;            ///< a failed router (its site is lost with it if it is the only one)
};

/// @brief What a failure does.
struct Impact {
  twin::SiteLoss cut;           ///< cut from the core (beyond what is cut before any failure)
  int linksOver = 0;            ///< links over capacity that were not before
  double maxUtilisation = 0.0;  ///< the busiest link afterwards
  double worstDelayMs = 0.0;    ///< the worst one-way delay of a conference stream still routed
  int flowsRerouted = 0;
  int flowsLost = 0;
};

/// @brief ITU-T G.114 one-way delay bands: "good" up to 150 ms, "acceptable" to 400 ms, "unacceptable" beyond.
const char* DelayBand(double ms);

struct FailureResult {
  std::vector<std::size_t> elements;  ///< indices into SweepResult::elements (one, or two for N-2)
  Impact impact;
  std::uint64_t pairsLost = 0;        ///< router pairs disconnected (N-1 only: the graph analysis)
};

/// @brief One of the worst failures re-run in the ns-3 engine (hybrid): the analytic figures and the simulated ones.
struct Confirmation {
  std::size_t element = 0;  ///< index into SweepResult::elements
  std::int64_t sitesAnalytic = 0, sitesSimulated = 0;
  std::int64_t endpointsAnalytic = 0;
  int endpointsLostSimulated = 0, endpointsDegradedSimulated = 0;
  int overAnalytic = 0, overSimulated = 0;
  bool agree = true;
  std::string note;  ///< why they disagree
};

struct SweepOptions {
  bool links = true, nodes = true, srgs = true;
  bool pairs = false;          ///< N-2 over the top K (or over `set`)
  std::size_t topK = 500;
  std::string rankBy = "endpoints";  ///< endpoints, sites, pairs (pairs: router pairs disconnected, N-1 only)
  std::vector<std::string> set;      ///< element ids for N-2 instead of the top K
  std::string profile;               ///< conference profile ("" the twin's active one)
  bool vpn = true;
  int threads = 0;                   ///< 0: the machine's cores
  /// Work split across processes: this process evaluates failures i with i % ranks == rank.
  int rank = 0, ranks = 1;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct SweepResult {
  std::string twinName;
  std::vector<Element> elements;
  Impact baseline;                     ///< nothing failed
  twin::SiteLoss alreadyCut;           ///< cut from the core before any failure
  std::vector<FailureResult> singles;  ///< N-1, in element order
  std::vector<FailureResult> pairs;    ///< N-2
  double seconds = 0.0;
  std::size_t flows = 0;
  std::vector<Confirmation> confirmed;  ///< the K worst re-run in the engine (filled by the app, which has ns-3)
};

/// @brief The single failures and, if asked, the pairs. With ranks > 1, only this rank's share is evaluated
/// (the others are left out of `singles` and `pairs`); MergeResults puts the shares together.
SweepResult RunSweep(const twin::Twin& twin, const SweepOptions& options);

/// @brief Puts the ranks' shares back together, in the order one process gives.
SweepResult MergeResults(std::vector<SweepResult> shares);

/// @brief Failures ranked by the chosen impact, worst first (ties by element order).
std::vector<const FailureResult*> Ranked(const SweepResult& result, const std::vector<FailureResult>& failures,
                                         const std::string& rankBy);

/// @brief The JSON of a sweep (what `whatif sweep --json` prints).
std::string SweepJson(const SweepResult& result, const std::string& rankBy, std::size_t top);

/// @brief The naive baseline for the benchmark: the twin rebuilt without the
/// element, every flow routed again, every load summed. Its `cut` is absolute
/// (compare with SweepResult::alreadyCut + a sweep's cut).
Impact NaiveEvaluate(const twin::Twin& twin, const Element& element, const std::string& profile, bool vpn);

}  // namespace netdrill::whatif
