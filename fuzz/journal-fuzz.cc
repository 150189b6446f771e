// Fuzzes the journal reader (session/journal-file.cc).
#include "fuzz/fuzz-support.h"
#include "session/session.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  twin::Diagnostics diags;
  session::LoadJournal(fuzz::ScratchFile("fuzz.journal", fuzz::Text(data, size)), diags);
  return 0;
}
