#include "sim/packet-traffic.h"

#include <ns3/callback.h>
#include <ns3/inet-socket-address.h>
#include <ns3/ipv4-address.h>
#include <ns3/packet.h>
#include <ns3/simulator.h>
#include <ns3/udp-socket-factory.h>

#include <cmath>
#include <cstring>

namespace netdrill::sim {

namespace {
constexpr std::uint32_t kUdpPayload = PacketTraffic::kPacketBytes - 20 - 8;  // IP and UDP headers

// What each packet carries in front of its padding.
struct Stamp {
  std::uint32_t stream;
  std::uint32_t sequence;
  std::int64_t sentNs;
};
}  // namespace

PacketTraffic::PacketTraffic(const twin::AddressPlan& plan, ns3::NodeContainer nodes,
                             const std::vector<std::array<ns3::Ptr<ns3::PointToPointNetDevice>, 2>>& devices)
    : m_plan(plan), m_nodes(nodes), m_receivers(nodes.GetN()), m_links(devices.size()) {
  m_phase = ns3::CreateObject<ns3::UniformRandomVariable>();
  m_phase->SetStream(3);
  for (std::size_t l = 0; l < devices.size(); ++l) {
    for (std::size_t end = 0; end < 2; ++end) {
      const auto& dev = devices[l][end];
      if (!dev) continue;
      DirectionCounters* out = &m_links[l][end];       // what this end sends
      DirectionCounters* in = &m_links[l][1 - end];    // what it receives
      dev->TraceConnectWithoutContext("MacTx", ns3::Callback<void, ns3::Ptr<const ns3::Packet>>(
                                                   [out](ns3::Ptr<const ns3::Packet>) { ++out->offered; }));
      dev->TraceConnectWithoutContext("MacTxDrop", ns3::Callback<void, ns3::Ptr<const ns3::Packet>>(
                                                       [out](ns3::Ptr<const ns3::Packet>) { ++out->dropped; }));
      dev->TraceConnectWithoutContext("PhyRxDrop", ns3::Callback<void, ns3::Ptr<const ns3::Packet>>(
                                                       [in](ns3::Ptr<const ns3::Packet>) { ++in->dropped; }));
    }
  }
}

PacketTraffic::~PacketTraffic() {
  for (Stream& s : m_streams) {
    ns3::Simulator::Cancel(s.next);
    if (s.socket) s.socket->Close();
  }
  for (auto& r : m_receivers) {
    if (!r) continue;
    r->SetRecvCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>());
    r->Close();
  }
}

PacketTraffic::Key PacketTraffic::KeyOf(const twin::Flow& flow) {
  return {flow.from.Index(), flow.to.Index(), static_cast<int>(flow.kind),
          flow.endpointSite.IsValid() ? flow.endpointSite.Index() : 0xFFFFFFFFu};
}

void PacketTraffic::EnsureReceiver(twin::NodeId node) {
  auto& r = m_receivers[node.Index()];
  if (r) return;
  r = ns3::Socket::CreateSocket(m_nodes.Get(node.Index()), ns3::UdpSocketFactory::GetTypeId());
  r->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), kPort));
  r->SetRecvCallback(ns3::MakeCallback(&PacketTraffic::Receive, this));
}

void PacketTraffic::SetFlows(const std::vector<twin::Flow>& flows) {
  std::vector<bool> wanted(m_streams.size(), false);
  for (const twin::Flow& f : flows) {
    if (f.mbps <= 0 || f.from == f.to) continue;
    const Key key = KeyOf(f);
    auto it = m_index.find(key);
    std::size_t i;
    if (it == m_index.end()) {
      i = m_streams.size();
      m_index.emplace(key, i);
      m_streams.emplace_back();
      m_stats.emplace_back();
      wanted.push_back(false);
      Stream& s = m_streams[i];
      s.socket = ns3::Socket::CreateSocket(m_nodes.Get(f.from.Index()), ns3::UdpSocketFactory::GetTypeId());
      s.socket->Bind();
      s.socket->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(m_plan.Loopback(f.to)), kPort));
      EnsureReceiver(f.to);
    } else {
      i = it->second;
    }
    if (wanted[i]) {  // two flows with one key (never from the traffic model): they add up
      m_stats[i].flow.mbps += f.mbps;
    } else {
      m_stats[i].flow = f;
    }
    wanted[i] = true;
  }
  for (std::size_t i = 0; i < m_streams.size(); ++i) {
    Stream& s = m_streams[i];
    StreamStats& st = m_stats[i];
    if (!wanted[i]) {
      ns3::Simulator::Cancel(s.next);
      st.active = false;
      continue;
    }
    s.intervalS = kPacketBytes * 8.0 / (st.flow.mbps * 1e6);
    if (!st.active) {
      st.active = true;
      // A random phase, so that streams starting together do not arrive in one burst.
      s.next = ns3::Simulator::Schedule(ns3::Seconds(m_phase->GetValue(0.0, s.intervalS)), &PacketTraffic::Send,
                                        this, i);
    }
  }
}

void PacketTraffic::Send(std::size_t index) {
  Stream& s = m_streams[index];
  Stamp stamp{static_cast<std::uint32_t>(index), s.sequence++, ns3::Simulator::Now().GetNanoSeconds()};
  std::uint8_t buffer[kUdpPayload] = {};
  std::memcpy(buffer, &stamp, sizeof stamp);
  s.socket->Send(ns3::Create<ns3::Packet>(buffer, kUdpPayload));
  ++m_stats[index].sent;
  ++m_totalSent;
  s.next = ns3::Simulator::Schedule(ns3::Seconds(s.intervalS), &PacketTraffic::Send, this, index);
}

void PacketTraffic::Receive(ns3::Ptr<ns3::Socket> socket) {
  while (ns3::Ptr<ns3::Packet> p = socket->Recv()) {
    if (p->GetSize() < sizeof(Stamp)) continue;
    Stamp stamp{};
    p->CopyData(reinterpret_cast<std::uint8_t*>(&stamp), sizeof stamp);
    if (stamp.stream >= m_streams.size()) continue;
    Stream& s = m_streams[stamp.stream];
    ++m_totalReceived;
    if (stamp.sequence < s.firstCounted) continue;  // sent before the window
    StreamStats& st = m_stats[stamp.stream];
    ++st.received;
    st.expected = std::max<std::uint64_t>(st.expected, std::uint64_t{stamp.sequence} - s.firstCounted + 1);
    const double transitS = static_cast<double>(ns3::Simulator::Now().GetNanoSeconds() - stamp.sentNs) * 1e-9;
    st.delaySumMs += transitS * 1000.0;
    if (s.lastTransitS >= 0) st.jitterMs += (std::fabs(transitS - s.lastTransitS) * 1000.0 - st.jitterMs) / 16.0;
    s.lastTransitS = transitS;
  }
}

void PacketTraffic::ResetCounters() {
  for (std::size_t i = 0; i < m_streams.size(); ++i) {
    m_streams[i].firstCounted = m_streams[i].sequence;
    StreamStats& st = m_stats[i];
    st.sent = st.received = st.expected = 0;
    st.delaySumMs = 0.0;
  }
  for (auto& link : m_links) link = {};
}

const PacketTraffic::StreamStats* PacketTraffic::Find(const twin::Flow& flow) const {
  auto it = m_index.find(KeyOf(flow));
  return it == m_index.end() ? nullptr : &m_stats[it->second];
}

}  // namespace netdrill::sim
