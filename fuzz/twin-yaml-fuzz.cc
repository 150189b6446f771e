// Fuzzes the twin YAML reader (twin/twin-yaml-reader.cc) and, when it accepts, the writer's round trip.
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"
#include "twin/twin-yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  auto t = twin::ParseTwinYaml(fuzz::Text(data, size), "fuzz.yaml", diags);
  if (t) {
    // What the reader accepts, the writer writes and the reader reads back.
    twin::Diagnostics again;
    if (!twin::ParseTwinYaml(twin::SaveTwinYaml(*t), "round-trip.yaml", again)) __builtin_trap();
  }
  return 0;
}
