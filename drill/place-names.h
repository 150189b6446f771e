// Drills may name places as people do: "Quảng Trị", "Xã Dân Hóa", a code such as
// "44" or "19753", not only generator ids. At load, every place field written
// literally (no {pick}) that is not already an element id is looked up as
// `netdrill twin find` does (with or without diacritics): a unique match becomes
// the site's id, and `drill check` says what each resolved to; a name that fits
// several sites is an error listing them; one that fits none is left for the
// checks that follow (they say "no site ..." with the closest names).
#pragma once

#include "drill/drill.h"
#include "twin/diagnostics.h"
#include "twin/model.h"

#include <string>
#include <vector>

namespace netdrill::drill {

struct PlaceResolution {
  std::string file;
  twin::SourceLoc loc;
  std::string path;  ///< "objectives[2].target"
  std::string text;  ///< as written: "Quảng Trị"
  std::string id;    ///< what it resolved to: "province:44"
  std::string name;  ///< the site's qualified name: "Quảng Trị"
};

/// @brief Resolves the drill's place names and codes to ids, in place; the resolutions, in file order.
std::vector<PlaceResolution> ResolvePlaceNames(Drill& drill, const twin::Twin& twin, twin::Diagnostics& diags);

/// @brief "file:line:col: objectives[2].target \"Quảng Trị\" is province:44: Quảng Trị".
std::string FormatResolution(const PlaceResolution& r);

}  // namespace netdrill::drill
