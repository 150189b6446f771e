// The hierarchical IPv4 address plan: one block per area (the national core,
// then each province), a loopback per router and a /30 per link inside it, so
// that a router outside an area needs one route for the whole area.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief An IPv4 address as a host-order integer.
using Ipv4 = std::uint32_t;

std::string FormatIpv4(Ipv4 address);

struct Ipv4Prefix {
  Ipv4 address = 0;
  int length = 0;
  bool Contains(Ipv4 a) const {
    return length == 0 || (a >> (32 - length)) == (address >> (32 - length));
  }
};
std::string FormatPrefix(const Ipv4Prefix& prefix);

class AddressPlan {
public:
  static constexpr Ipv4 kBase = 10u << 24;  ///< 10.0.0.0/8
  static constexpr std::uint32_t kCoreArea = 0;

  /// @brief Areas: 0 the core (centres, NOCs, central agencies, and any site of
  /// no province), then one per province code in order. Fails if the twin does
  /// not fit in 10.0.0.0/8.
  static std::optional<AddressPlan> Build(const Twin& twin, Diagnostics& diags);

  std::uint32_t AreaCount() const { return static_cast<std::uint32_t>(m_areaNames.size()); }
  const std::string& AreaName(std::uint32_t area) const { return m_areaNames[area]; }
  std::uint32_t AreaOf(NodeId node) const { return m_nodeArea[node.Index()]; }
  /// @brief The node's index inside its area (0-based).
  std::uint32_t LocalIndex(NodeId node) const { return m_nodeLocal[node.Index()]; }
  const std::vector<NodeId>& AreaNodes(std::uint32_t area) const { return m_areaNodes[area]; }
  Ipv4Prefix AreaPrefix(std::uint32_t area) const { return {kBase + (area << m_blockBits), 32 - m_blockBits}; }
  Ipv4 Loopback(NodeId node) const;
  /// @brief The /30 of a link, and the addresses of its a and b ends.
  Ipv4Prefix LinkSubnet(LinkId link) const;
  Ipv4 InterfaceAddress(LinkId link, bool aEnd) const { return LinkSubnet(link).address + (aEnd ? 1 : 2); }
  /// @brief The node a loopback or interface address belongs to, if any.
  std::optional<NodeId> NodeOfAddress(Ipv4 address) const;
  int BlockBits() const { return m_blockBits; }

private:
  int m_blockBits = 0;  ///< each area holds 2^m_blockBits addresses
  std::vector<std::string> m_areaNames;
  std::vector<std::uint32_t> m_nodeArea;
  std::vector<std::uint32_t> m_nodeLocal;
  std::vector<std::vector<NodeId>> m_areaNodes;
  std::vector<std::uint32_t> m_linkArea;
  std::vector<std::uint32_t> m_linkLocal;
  std::vector<std::vector<LinkId>> m_areaLinks;
  std::vector<std::pair<NodeId, NodeId>> m_linkEnds;
};

}  // namespace netdrill::twin
