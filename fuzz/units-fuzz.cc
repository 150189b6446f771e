// Fuzzes the readers of durations, capacities, numbers and speeds (twin/units.cc, session/command.cc).
#include "fuzz/fuzz-support.h"
#include "session/command.h"
#include "twin/units.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  const auto text = fuzz::Text(data, size);
  if (const auto s = twin::ParseDurationSeconds(text)) twin::RunLengthRefusal(*s);
  if (const auto mbps = twin::ParseCapacityMbps(text)) {
    if (!twin::CapacityOutOfRange(*mbps)) twin::FormatCapacity(*mbps);
  }
  if (const auto n = twin::ParseNumber(text)) twin::FormatNumber(*n);
  session::ParseSpeed(text);
  return 0;
}
