// A point-to-point channel whose two directions each add a waiting time: the
// queue that the bulk traffic, carried as rates (hybrid fidelity), builds in
// front of the link. Probes and pings meet it as they would meet the queue.
#pragma once

#include <ns3/nstime.h>
#include <ns3/point-to-point-channel.h>

#include <array>
#include <cstddef>

namespace netdrill::sim {

class QueuedChannel : public ns3::PointToPointChannel {
public:
  static ns3::TypeId GetTypeId();

  /// @brief The wait of direction `wire` (0: from the first device attached, 1: from the second).
  void SetWait(std::size_t wire, ns3::Time wait) { m_wait[wire] = wait; }
  ns3::Time Wait(std::size_t wire) const { return m_wait[wire]; }

  bool TransmitStart(ns3::Ptr<const ns3::Packet> p, ns3::Ptr<ns3::PointToPointNetDevice> src,
                     ns3::Time txTime) override;

private:
  std::array<ns3::Time, 2> m_wait{ns3::Time(0), ns3::Time(0)};
};

}  // namespace netdrill::sim
