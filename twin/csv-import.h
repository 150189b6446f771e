// Import of an operator's own inventory as two CSV files (docs/twin-format.md):
//   sites.csv: id,level,code,name,name_en,lat,lon,parent,province,priority
//   links.csv: a,b,capacity,length_km,delay_ms,medium,role,srg
// Only id and level (sites) and a, b and capacity (links) are required.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <optional>
#include <string>

namespace netdrill::twin {

std::optional<Twin> ImportCsv(const std::string& sitesPath, const std::string& linksPath, const std::string& name,
                              Diagnostics& diags);

}  // namespace netdrill::twin
