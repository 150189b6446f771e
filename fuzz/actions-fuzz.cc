// Fuzzes the scripted trainee's actions reader (drill/drill-io.cc LoadActions).
#include "drill/drill-run.h"
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  drill::LoadActions(fuzz::ScratchFile("actions.yaml", fuzz::Text(data, size)), 3600.0, diags);
  return 0;
}
