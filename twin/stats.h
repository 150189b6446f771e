// Counts and totals of a twin: sites per level, nodes, links, capacity, endpoints.
#pragma once

#include "model.h"

#include <array>
#include <map>
#include <string>

namespace netdrill::twin {

struct TwinStats {
  std::array<int, kSiteLevelCount> sitesByLevel{};
  int sites = 0;
  int nodes = 0;
  int links = 0;
  int srgs = 0;
  int islandSites = 0;
  std::map<std::string, int> linksByMedium;
  std::map<std::string, int> linksByRole;
  double capacityMbps = 0.0;         ///< all links
  double primaryCapacityMbps = 0.0;  ///< links that carry traffic by default
  double backupCapacityMbps = 0.0;   ///< standby backup media
  std::map<std::string, double> capacityByMediumMbps;
  double totalLengthKm = 0.0;  ///< links whose length is known
  std::map<std::string, int> endpointsByProfile;
  double vpnLoadMbps = 0.0;  ///< average background VPN load, all sites
  int downElements = 0;
  int degradedElements = 0;
};

TwinStats ComputeStats(const Twin& twin);

}  // namespace netdrill::twin
