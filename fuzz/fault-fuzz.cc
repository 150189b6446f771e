// Fuzzes fault specs (session/fault-spec.cc): timed ones as a drill's events give them, and the
// session's `fault` command's.
#include "fuzz/fuzz-support.h"
#include "session/fault-spec.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  const std::string text(fuzz::Text(data, size));
  const twin::Twin& tiny = fuzz::TinyTwin();
  twin::Diagnostics diags;
  session::ParseFaults({text}, tiny, 3600.0, diags);
  session::ParseFaultNow(text, tiny, diags, &fuzz::TinyNames());
  return 0;
}
