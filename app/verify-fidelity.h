// `netdrill verify fidelity`: the hybrid model (bulk traffic as rates) held
// against the packet model (every packet in ns-3) on one twin, at several
// loads of its busiest link.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace netdrill::app {

struct VerifyFidelityArgs {
  std::string twinFile;
  std::string preset = "province-2024:44";
  std::string profile = "2023";
  std::vector<double> levelsPct{50.0, 90.0, 120.0};  ///< load of the busiest link, % of its capacity
  double warmupS = 5.0;   ///< packets run this long before the measurement window
  double measureS = 10.0;  ///< the window
  std::uint64_t seed = 1;
  bool vpn = false;  ///< the background VPN load too (links then carry several streams each)
  bool json = false;
};

int VerifyFidelityCommand(const VerifyFidelityArgs& args, std::ostream& out, std::ostream& err);

/// @brief The tolerances of the check: per link direction, loss within 1
/// percentage point; per stream, one-way delay within 10 % or 2 ms, whichever is larger.
struct FidelityTolerance {
  double lossPp = 1.0;
  double delayShare = 0.10;
  double delayMs = 2.0;
};

struct LinkDirectionPair {
  std::string name;  ///< "link-id a>b"
  std::uint64_t packets = 0;
  double packetLossPct = 0.0;
  double hybridLossPct = 0.0;
};

struct StreamPair {
  std::string name;
  std::uint64_t packetsReceived = 0;
  double packetDelayMs = 0.0;
  double hybridDelayMs = 0.0;
};

struct FidelityVerdict {
  std::size_t linksCompared = 0;
  std::size_t streamsCompared = 0;
  std::size_t linksOutside = 0;
  std::size_t streamsOutside = 0;
  double worstLossGapPp = 0.0;
  std::string worstLossLink;
  double worstDelayGapMs = 0.0;  ///< the largest gap, relative to what the tolerance allows it
  double worstDelayAllowedMs = 0.0;
  std::string worstDelayStream;
  bool Within() const { return linksOutside == 0 && streamsOutside == 0; }
};

/// @brief Compares the two models' figures: link directions with at least
/// `minPackets` offered, streams with at least `minPackets` received.
FidelityVerdict CompareFidelity(const std::vector<LinkDirectionPair>& links, const std::vector<StreamPair>& streams,
                                const FidelityTolerance& tolerance = {}, std::uint64_t minPackets = 100);

}  // namespace netdrill::app
