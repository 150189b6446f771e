// Fuzzes the drill reader (drill/drill-yaml.cc) as if the file were in the drill library (its
// procedures resolve there), then, when it reads, the checks against a twin: place names, picks,
// references, commands (drill/drill-picks.cc, drill/place-names.cc).
#include "drill/drill.h"
#include "drill/place-names.h"
#include "drill/procedure.h"
#include "fuzz/fuzz-support.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  static const std::string file = drill::LibraryDir() + "/fuzz-drill.yaml";
  twin::Diagnostics diags;
  auto d = drill::ParseDrill(std::string(fuzz::Text(data, size)), file, diags);
  if (!d) return 0;
  const twin::Twin& tiny = fuzz::TinyTwin();
  twin::Diagnostics against;
  drill::ResolvePlaceNames(*d, tiny, against);
  drill::CheckAgainstTwin(*d, tiny, against);
  drill::MakePicks(*d, tiny, 1, against, true);
  return 0;
}
