// Fuzzes the procedure reader (drill/procedure.cc).
#include "drill/procedure.h"
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  drill::LoadProcedure(fuzz::ScratchFile("procedure.yaml", fuzz::Text(data, size)), diags);
  return 0;
}
