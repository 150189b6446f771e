// Bulk traffic as real packets (fidelity "packet"): each flow of the twin's
// traffic model (a conference stream, a VPN, an attack) becomes a constant-rate
// stream of UDP packets between the two routers, timestamped so the receiver
// measures its loss, one-way delay and jitter; every link direction counts the
// packets it was offered and the ones it dropped (queue overflow, a cut, errors).
// What `verify fidelity` holds the hybrid model's rates against.
#pragma once

#include "session/rate-model.h"
#include "twin/address-plan.h"
#include "twin/model.h"
#include "twin/traffic.h"

#include <ns3/event-id.h>
#include <ns3/node-container.h>
#include <ns3/point-to-point-net-device.h>
#include <ns3/random-variable-stream.h>
#include <ns3/socket.h>

#include <array>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace netdrill::sim {

class PacketTraffic {
public:
  /// IP size of every packet: the fluid model's queue delay assumes the same.
  static constexpr std::uint32_t kPacketBytes = session::kBulkPacketBytes;
  static constexpr std::uint16_t kPort = 5004;

  /// `devices`: per twin link, the devices at its a and b ends (null: not built).
  PacketTraffic(const twin::AddressPlan& plan, ns3::NodeContainer nodes,
                const std::vector<std::array<ns3::Ptr<ns3::PointToPointNetDevice>, 2>>& devices);
  ~PacketTraffic();
  PacketTraffic(const PacketTraffic&) = delete;
  PacketTraffic& operator=(const PacketTraffic&) = delete;

  /// @brief The flows that should run from now on: new ones start (at a
  /// random phase), changed rates apply from the next packet, missing ones stop.
  void SetFlows(const std::vector<twin::Flow>& flows);

  /// @brief Starts a new measurement window: every counter back to zero
  /// (packets already in flight are not counted).
  void ResetCounters();

  struct StreamStats {
    twin::Flow flow;
    bool active = false;
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    double delaySumMs = 0.0;
    double jitterMs = 0.0;  ///< RFC 3550 interarrival jitter estimate
    /// Packets the receiver expected (RFC 3550): up to the highest sequence
    /// number it saw in the window, so packets still in flight are not lost.
    std::uint64_t expected = 0;
    double LossPct() const {
      if (received == 0) return sent == 0 ? 0.0 : 100.0;
      return 100.0 * static_cast<double>(expected - std::min(expected, received)) / static_cast<double>(expected);
    }
    double MeanDelayMs() const { return received == 0 ? 0.0 : delaySumMs / static_cast<double>(received); }
  };
  /// @brief The stream carrying `flow` (same ends, kind and endpoint site), or null.
  const StreamStats* Find(const twin::Flow& flow) const;
  const std::vector<StreamStats>& Streams() const { return m_stats; }

  struct DirectionCounters {
    std::uint64_t offered = 0;  ///< packets handed to the sending device
    std::uint64_t dropped = 0;  ///< ... dropped there (full queue) or at the receiver (cut, errors)
    double LossPct() const { return offered == 0 ? 0.0 : 100.0 * static_cast<double>(dropped) / static_cast<double>(offered); }
  };
  /// @brief [0]: a to b, [1]: b to a.
  std::array<DirectionCounters, 2> LinkCounters(twin::LinkId link) const { return m_links[link.Index()]; }

  std::uint64_t PacketsSent() const { return m_totalSent; }
  std::uint64_t PacketsReceived() const { return m_totalReceived; }

private:
  using Key = std::tuple<std::uint32_t, std::uint32_t, int, std::uint32_t>;  // from, to, kind, endpoint site
  struct Stream {
    ns3::Ptr<ns3::Socket> socket;
    ns3::EventId next;
    double intervalS = 0.0;
    std::uint32_t sequence = 0;
    std::uint32_t firstCounted = 0;  ///< packets numbered below were sent before the window
    double lastTransitS = -1.0;
  };
  static Key KeyOf(const twin::Flow& flow);
  void Send(std::size_t stream);
  void Receive(ns3::Ptr<ns3::Socket> socket);
  void EnsureReceiver(twin::NodeId node);

  const twin::AddressPlan& m_plan;
  ns3::NodeContainer m_nodes;
  std::map<Key, std::size_t> m_index;
  std::vector<Stream> m_streams;
  std::vector<StreamStats> m_stats;
  std::vector<ns3::Ptr<ns3::Socket>> m_receivers;  // per node, made on first need
  std::vector<std::array<DirectionCounters, 2>> m_links;
  ns3::Ptr<ns3::UniformRandomVariable> m_phase;
  std::uint64_t m_totalSent = 0;
  std::uint64_t m_totalReceived = 0;
};

}  // namespace netdrill::sim
