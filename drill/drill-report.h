// The after-action report: one self-contained HTML file (no network; inline
// SVG charts; prints on A4), in Vietnamese or English.
#pragma once

#include "drill/drill-run.h"
#include "drill/drill.h"

#include <string>

namespace netdrill::drill {

std::string ReportHtml(const Drill& drill, const DrillResult& result, const std::string& trainee);

}  // namespace netdrill::drill
