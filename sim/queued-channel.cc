#include "sim/queued-channel.h"

#include <ns3/point-to-point-net-device.h>

namespace netdrill::sim {

ns3::TypeId QueuedChannel::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("netdrill::QueuedChannel")
                               .SetParent<ns3::PointToPointChannel>()
                               .SetGroupName("NetDrill")
                               .AddConstructor<QueuedChannel>();
  return tid;
}

bool QueuedChannel::TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice> src,
                                  ns3::Time txTime) {
  // The packet reaches the far end later by the wait of its direction, as if
  // it had queued behind the bulk traffic before going on the wire.
  const std::size_t wire = src == GetSource(0) ? 0 : 1;
  return ns3::PointToPointChannel::TransmitStart(p, src, txTime + m_wait[wire]);
}

}  // namespace netdrill::sim
