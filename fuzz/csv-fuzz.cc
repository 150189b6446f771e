// Fuzzes the CSV inventory importer (twin/csv-import.cc): the input is the sites file, a line
// "----", then the links file.
#include "fuzz/fuzz-support.h"
#include "twin/csv-import.h"
#include "twin/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  const auto [sites, links] = fuzz::SplitAtRule(fuzz::Text(data, size));
  twin::Diagnostics diags;
  twin::ImportCsv(fuzz::ScratchFile("sites.csv", sites), fuzz::ScratchFile("links.csv", links), "fuzz", diags);
  return 0;
}
