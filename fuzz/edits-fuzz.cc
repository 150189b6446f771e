// Fuzzes the what-if edit reader (whatif/edits.cc) and, when it reads, applying the edits to a twin.
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"
#include "whatif/edits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  auto edits = whatif::ParseEdits(std::string(fuzz::Text(data, size)), "fuzz-edit.yaml", diags);
  if (edits) whatif::ApplyEdits(fuzz::TinyTwin(), *edits, diags);
  return 0;
}
