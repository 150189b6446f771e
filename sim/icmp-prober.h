// ICMP echo from one router: the probes behind `ping` and the reachability
// checks. One prober per node shares one raw socket; each series of echoes
// has its own identifier, and the targets answer through their own ICMP layer.
#pragma once

#include <ns3/ipv4-address.h>
#include <ns3/node.h>
#include <ns3/nstime.h>
#include <ns3/object.h>
#include <ns3/socket.h>

#include <cstdint>
#include <vector>

namespace netdrill::sim {

struct EchoSeries {
  ns3::Ipv4Address target;
  std::uint16_t identifier = 0;
  std::uint32_t bytes = 84;        ///< IP packet size
  std::vector<ns3::Time> sentAt;   ///< per sequence number
  std::vector<ns3::Time> rtt;      ///< per sequence number; negative: no reply (yet)
};

class IcmpProber : public ns3::Object {
public:
  static ns3::TypeId GetTypeId();

  void Attach(ns3::Ptr<ns3::Node> node);
  /// @brief Schedules `count` echoes to `target`, one per `interval`, from now + `offset`. Returns the series index.
  /// Each series gets its own ICMP identifier; after 65,536 series they are reused.
  std::size_t Start(ns3::Ipv4Address target, std::uint32_t count, ns3::Time interval, std::uint32_t bytes,
                    ns3::Time offset = ns3::Time(0));
  const EchoSeries& Series(std::size_t index) const { return m_series[index]; }

protected:
  void DoDispose() override;

private:
  ns3::Ptr<ns3::Node> m_node;
  ns3::Ptr<ns3::Socket> m_socket;
  std::vector<EchoSeries> m_series;
  std::vector<std::uint32_t> m_seriesOfIdentifier = std::vector<std::uint32_t>(65536, 0xFFFFFFFFu);

  void Send(std::size_t series, std::uint16_t sequence);
  void Receive(ns3::Ptr<ns3::Socket> socket);
};

}  // namespace netdrill::sim
