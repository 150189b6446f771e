// The load the twin's demands put on its links, as rates (a fluid model):
// the national conference as an MCU cascade, and the background VPN load,
// routed along the IGP routes. What the what-if bench re-routes analytically,
// and what the engine's hybrid mode turns into per-link delay and loss.
#pragma once

#include "model.h"
#include "routing.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netdrill::twin {

enum class FlowKind : std::uint8_t { Conference, Vpn, Attack };

/// @brief A one-way stream between two routers, in Mbit/s.
struct Flow {
  NodeId from;
  NodeId to;
  double mbps = 0.0;
  FlowKind kind = FlowKind::Conference;
  SiteId endpointSite;  ///< the site whose endpoints this stream serves (for per-endpoint KPIs)
  int endpoints = 0;    ///< how many conference endpoints ride on it (0 for MCU-to-MCU and VPN)
  bool priority = false;  ///< carried ahead of the queue (a conference site raised to priority: DSCP EF)
};

struct ConferenceOptions {
  std::string profile;                 ///< "" = the twin's active profile
  std::vector<SiteId> failedMcus;      ///< their endpoints fall back to the next MCU up the cascade
  /// Branches moved by an operator: the endpoints of the first site's MCU join the second's.
  std::vector<std::pair<SiteId, SiteId>> movedBranches;
  std::string media;                   ///< "" = the profile's; "sd" lowers every stream to SD
};

/// @brief The MCU cascade: each endpoint sends one stream to its MCU and gets
/// one mix back; each MCU exchanges one stream with its parent MCU. Commune
/// endpoints join their district's MCU (2024) or their province's (2025),
/// district and province endpoints their own site's, agencies the central MCU.
/// Endpoints on the same router as their MCU load no link.
std::vector<Flow> ConferenceFlows(const Twin& twin, const ConferenceOptions& options = {});

/// @brief Background VPN load, both ways at the level's average rate: communes
/// and districts with their province centre, provinces and agencies with the
/// central MCU's centre (the national data centre).
std::vector<Flow> VpnFlows(const Twin& twin, double dayFactor = 1.0);

/// @brief Attack traffic toward one site (docs/assumptions.md, "Attacks"): a
/// flood from the Internet gateway (the central MCU's centre), or `hosts`
/// compromised sites chosen by `seed` among the communes, each sending `mbps`.
std::vector<Flow> AttackFlows(const Twin& twin, SiteId target, double mbps, int hosts, std::uint64_t seed);

/// @brief Load per link and direction, and where flows found no route.
struct LinkLoads {
  std::vector<double> aToBMbps;  ///< per twin link
  std::vector<double> bToAMbps;
  std::vector<std::uint32_t> streamsAtoB;  ///< how many flows each direction carries
  std::vector<std::uint32_t> streamsBtoA;
  double unroutedMbps = 0.0;
  std::uint32_t unroutedFlows = 0;
  double Utilisation(const Twin& twin, LinkId link) const;  ///< the busier direction, load / capacity
};

LinkLoads RouteFlows(const Twin& twin, const RoutingTables& tables, const std::vector<Flow>& flows);

/// @brief Loss a fluid link gives when offered more than it carries: the excess
/// share of the offered load, in percent (0 below capacity).
double FluidLossPct(double offeredMbps, double capacityMbps);

/// @brief Quality classes of a media stream (docs/assumptions.md, "Service quality thresholds").
enum class StreamClass : std::uint8_t { Good = 0, Degraded = 1, Lost = 2 };
/// @brief good: loss < 1 %, one-way delay < 150 ms, jitter < 30 ms; lost: loss
/// > 5 %, delay > 400 ms, jitter > 50 ms, or no route; degraded between.
StreamClass ClassifyStream(double lossPct, double delayMs, double jitterMs = 0.0, bool routed = true);

/// @brief A flow's end-to-end loss along its route, composing each link's loss.
double PathLossPct(const Twin& twin, const RoutingTables& tables, const LinkLoads& loads, const Flow& flow);

}  // namespace netdrill::twin
