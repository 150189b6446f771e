#include "sim/icmp-prober.h"

#include <ns3/icmpv4.h>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-header.h>
#include <ns3/ipv4-raw-socket-factory.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/uinteger.h>

namespace netdrill::sim {

namespace {
constexpr std::uint32_t kHeaderBytes = 20 + 4 + 4;  // IPv4, ICMP, echo identifier and sequence
}

ns3::TypeId IcmpProber::GetTypeId() {
  static ns3::TypeId tid =
      ns3::TypeId("netdrill::IcmpProber").SetParent<ns3::Object>().SetGroupName("NetDrill").AddConstructor<IcmpProber>();
  return tid;
}

void IcmpProber::Attach(ns3::Ptr<ns3::Node> node) {
  m_node = node;
  m_socket = ns3::Socket::CreateSocket(node, ns3::Ipv4RawSocketFactory::GetTypeId());
  m_socket->SetAttribute("Protocol", ns3::UintegerValue(1));  // ICMP
  m_socket->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 0));
  m_socket->SetRecvCallback(ns3::MakeCallback(&IcmpProber::Receive, this));
}

void IcmpProber::DoDispose() {
  if (m_socket) m_socket->Close();
  m_socket = nullptr;
  m_node = nullptr;
  ns3::Object::DoDispose();
}

std::size_t IcmpProber::Start(ns3::Ipv4Address target, std::uint32_t count, ns3::Time interval, std::uint32_t bytes,
                              ns3::Time offset) {
  EchoSeries s;
  s.target = target;
  s.identifier = static_cast<std::uint16_t>(m_series.size() & 0xFFFF);
  s.bytes = std::max(bytes, kHeaderBytes);
  s.sentAt.assign(count, ns3::Time(-1));
  s.rtt.assign(count, ns3::Time(-1));
  m_series.push_back(std::move(s));
  const std::size_t index = m_series.size() - 1;
  m_seriesOfIdentifier[m_series.back().identifier] = static_cast<std::uint32_t>(index);
  for (std::uint32_t seq = 0; seq < count; ++seq) {
    ns3::Simulator::Schedule(offset + interval * seq, &IcmpProber::Send, this, index, static_cast<std::uint16_t>(seq));
  }
  return index;
}

void IcmpProber::Send(std::size_t index, std::uint16_t sequence) {
  EchoSeries& s = m_series[index];
  auto data = ns3::Create<ns3::Packet>(s.bytes - kHeaderBytes);
  ns3::Icmpv4Echo echo;
  echo.SetIdentifier(s.identifier);
  echo.SetSequenceNumber(sequence);
  echo.SetData(data);
  auto p = ns3::Create<ns3::Packet>();
  p->AddHeader(echo);
  ns3::Icmpv4Header header;
  header.SetType(ns3::Icmpv4Header::ICMPV4_ECHO);
  header.SetCode(0);
  p->AddHeader(header);
  s.sentAt[sequence] = ns3::Simulator::Now();
  m_socket->SendTo(p, 0, ns3::InetSocketAddress(s.target, 0));
}

void IcmpProber::Receive(ns3::Ptr<ns3::Socket> socket) {
  ns3::Address from;
  while (ns3::Ptr<ns3::Packet> p = socket->RecvFrom(from)) {
    ns3::Ipv4Header ip;
    p->RemoveHeader(ip);
    ns3::Icmpv4Header icmp;
    p->RemoveHeader(icmp);
    if (icmp.GetType() != ns3::Icmpv4Header::ICMPV4_ECHO_REPLY) continue;
    ns3::Icmpv4Echo echo;
    p->RemoveHeader(echo);
    const std::uint32_t index = m_seriesOfIdentifier[echo.GetIdentifier()];
    if (index >= m_series.size()) continue;
    EchoSeries& s = m_series[index];
    if (s.target != ip.GetSource()) continue;
    const std::uint16_t seq = echo.GetSequenceNumber();
    if (seq < s.rtt.size() && s.rtt[seq].IsStrictlyNegative()) s.rtt[seq] = ns3::Simulator::Now() - s.sentAt[seq];
  }
}

}  // namespace netdrill::sim
