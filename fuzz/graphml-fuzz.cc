// Fuzzes the GraphML importer (twin/graphml-import.cc).
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"
#include "twin/graphml-import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  twin::ImportReport report;
  twin::ParseGraphml(fuzz::Text(data, size), "fuzz.graphml", twin::GraphmlOptions{}, diags, report);
  twin::ParseSpeedText(fuzz::Text(data, size));
  return 0;
}
