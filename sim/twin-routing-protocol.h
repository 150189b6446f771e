// An ns-3 IPv4 routing protocol whose routes come from the twin: each router
// looks the destination up in the tables computed from the twin's graph
// (twin/routing.h) through the hierarchical address plan. No messages are
// exchanged: the engine recomputes the tables and swaps them in after the
// modelled convergence time, and until then packets follow the old routes and
// are lost where those routes are broken, as they would be.
#pragma once

#include "sim/forwarding-state.h"

#include <ns3/ipv4-routing-helper.h>
#include <ns3/ipv4-routing-protocol.h>
#include <ns3/ipv4.h>

#include <memory>

namespace netdrill::sim {

class TwinRoutingProtocol : public ns3::Ipv4RoutingProtocol {
public:
  static ns3::TypeId GetTypeId();

  /// @brief Binds this router to its twin node and the shared forwarding state.
  void Configure(std::shared_ptr<ForwardingState> state, twin::NodeId node);

  ns3::Ptr<ns3::Ipv4Route> RouteOutput(ns3::Ptr<ns3::Packet> p, const ns3::Ipv4Header& header,
                                       ns3::Ptr<ns3::NetDevice> oif, ns3::Socket::SocketErrno& sockerr) override;
  bool RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header,
                  ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb,
                  MulticastForwardCallback mcb, LocalDeliverCallback lcb,
                  ErrorCallback ecb) override;
  void NotifyInterfaceUp(std::uint32_t) override {}
  void NotifyInterfaceDown(std::uint32_t) override {}
  void NotifyAddAddress(std::uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void NotifyRemoveAddress(std::uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void SetIpv4(ns3::Ptr<ns3::Ipv4> ipv4) override { m_ipv4 = ipv4; }
  void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream,
                         ns3::Time::Unit unit = ns3::Time::S) const override;

protected:
  void DoDispose() override;

private:
  ns3::Ptr<ns3::Ipv4> m_ipv4;
  std::shared_ptr<ForwardingState> m_state;
  twin::NodeId m_node;

  /// The route toward `destination`, or null when the tables have none.
  ns3::Ptr<ns3::Ipv4Route> Lookup(ns3::Ipv4Address destination) const;
};

/// @brief Installs TwinRoutingProtocol with the internet stack (ns-3's helper pattern).
class TwinRoutingHelper : public ns3::Ipv4RoutingHelper {
public:
  TwinRoutingHelper* Copy() const override { return new TwinRoutingHelper(*this); }
  ns3::Ptr<ns3::Ipv4RoutingProtocol> Create(ns3::Ptr<ns3::Node> node) const override;
};

}  // namespace netdrill::sim
