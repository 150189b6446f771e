// `netdrill sim` (a headless run of the engine) and `netdrill verify n1`.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace netdrill::app {

struct SimArgs {
  std::string twinFile;  ///< or
  std::string preset;
  double durationS = 60.0;
  std::uint64_t seed = 1;
  std::vector<std::string> faults;  ///< "ACTION:ELEMENT@TIME"
  double probeIntervalS = 5.0;      ///< a reachability round from the core every so often; 0: none
  std::string kpiCsv;
  bool json = false;
  bool conference = false;
  std::string profile;  ///< "" = the twin's active one
  bool vpn = false;
  std::string fidelity = "hybrid";  ///< hybrid: bulk as rates, probes as packets; fluid: no background probes
};

int SimCommand(const SimArgs& args, std::ostream& out, std::ostream& err);

struct VerifyN1Args {
  std::string twinFile;
  std::string preset;
  std::uint64_t seed = 1;
  int limit = 0;  ///< check only the first N single link failures (0: all)
};

int VerifyN1Command(const VerifyN1Args& args, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
