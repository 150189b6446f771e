#include "sim/twin-routing-protocol.h"

#include <ns3/ipv4-route.h>
#include <ns3/log.h>
#include <ns3/node.h>
#include <ns3/output-stream-wrapper.h>

namespace netdrill::sim {

NS_LOG_COMPONENT_DEFINE("NetDrillTwinRouting");

ns3::TypeId TwinRoutingProtocol::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("netdrill::TwinRoutingProtocol")
                               .SetParent<ns3::Ipv4RoutingProtocol>()
                               .SetGroupName("NetDrill")
                               .AddConstructor<TwinRoutingProtocol>();
  return tid;
}

void TwinRoutingProtocol::Configure(std::shared_ptr<ForwardingState> state, twin::NodeId node) {
  m_state = std::move(state);
  m_node = node;
}

void TwinRoutingProtocol::DoDispose() {
  m_ipv4 = nullptr;
  m_state.reset();
  ns3::Ipv4RoutingProtocol::DoDispose();
}

ns3::Ptr<ns3::Ipv4Route> TwinRoutingProtocol::Lookup(ns3::Ipv4Address destination) const {
  if (!m_state || !m_state->tables) return nullptr;
  const auto target = m_state->plan->NodeOfAddress(destination.Get());
  if (!target) return nullptr;
  auto route = ns3::Create<ns3::Ipv4Route>();
  route->SetDestination(destination);
  if (*target == m_node) {
    // Our own address: out through the loopback interface.
    route->SetGateway(destination);
    route->SetSource(destination);
    route->SetOutputDevice(m_ipv4->GetNetDevice(0));
    return route;
  }
  const std::uint32_t link = m_state->tables->NextLink(m_node, *target);
  if (link == twin::RoutingTables::kNoRoute) return nullptr;
  const bool atA = m_state->twin->GetLink(twin::LinkId(link)).a == m_node;
  const std::uint32_t iface = atA ? m_state->interfaceAtA[link] : m_state->interfaceAtB[link];
  route->SetGateway(ns3::Ipv4Address(m_state->plan->InterfaceAddress(twin::LinkId(link), !atA)));
  route->SetSource(ns3::Ipv4Address(m_state->plan->InterfaceAddress(twin::LinkId(link), atA)));
  route->SetOutputDevice(m_ipv4->GetNetDevice(iface));
  return route;
}

ns3::Ptr<ns3::Ipv4Route> TwinRoutingProtocol::RouteOutput(ns3::Ptr<ns3::Packet>, const ns3::Ipv4Header& header,
                                                         ns3::Ptr<ns3::NetDevice>,
                                                         ns3::Socket::SocketErrno& sockerr) {
  auto route = Lookup(header.GetDestination());
  sockerr = route ? ns3::Socket::ERROR_NOTERROR : ns3::Socket::ERROR_NOROUTETOHOST;
  if (!route && m_state) ++m_state->noRouteDrops;
  return route;
}

bool TwinRoutingProtocol::RouteInput(ns3::Ptr<const ns3::Packet> p, const ns3::Ipv4Header& header,
                                     ns3::Ptr<const ns3::NetDevice> idev, UnicastForwardCallback ucb,
                                     MulticastForwardCallback, LocalDeliverCallback lcb,
                                     ErrorCallback ecb) {
  const std::uint32_t iif = m_ipv4->GetInterfaceForDevice(idev);
  if (m_ipv4->IsDestinationAddress(header.GetDestination(), iif)) {
    if (!lcb.IsNull()) lcb(p, header, iif);
    return true;
  }
  auto route = Lookup(header.GetDestination());
  if (!route) {
    if (m_state) ++m_state->noRouteDrops;
    ecb(p, header, ns3::Socket::ERROR_NOROUTETOHOST);
    return true;
  }
  ucb(route, p, header);
  return true;
}

void TwinRoutingProtocol::PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper> stream, ns3::Time::Unit) const {
  std::ostream& os = *stream->GetStream();
  os << "netdrill twin routing on " << (m_state ? m_state->twin->GetNode(m_node).id : "?") << '\n';
}

ns3::Ptr<ns3::Ipv4RoutingProtocol> TwinRoutingHelper::Create(ns3::Ptr<ns3::Node>) const {
  return ns3::CreateObject<TwinRoutingProtocol>();
}

}  // namespace netdrill::sim
