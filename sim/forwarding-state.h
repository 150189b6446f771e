// What every router's forwarding reads: the address plan, the routing tables
// computed from the twin, and which interface each link has at each end.
// Shared by all routers; the engine swaps the tables when routes converge.
#pragma once

#include "twin/address-plan.h"
#include "twin/model.h"
#include "twin/routing.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace netdrill::sim {

struct ForwardingState {
  const twin::Twin* twin = nullptr;
  const twin::AddressPlan* plan = nullptr;
  std::optional<twin::RoutingTables> tables;
  std::vector<std::uint32_t> interfaceAtA;  ///< per twin link: ns-3 interface index at its a node
  std::vector<std::uint32_t> interfaceAtB;  ///< ... and at its b node
  std::uint64_t noRouteDrops = 0;
};

}  // namespace netdrill::sim
