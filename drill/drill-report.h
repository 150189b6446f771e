// The after-action report: one self-contained HTML file (no network; inline
// SVG charts; prints on A4), in Vietnamese or English.
#pragma once

#include "drill/drill-run.h"
#include "drill/drill.h"
#include "twin/model.h"

#include <string>

namespace netdrill::drill {

/// @brief The report; with the drill's twin, each element id in the timeline and the
/// declarations is followed by its name ("commune:00001 (Phường Phúc Xá, Ba Đình, Hà Nội)").
std::string ReportHtml(const Drill& drill, const DrillResult& result, const std::string& trainee,
                       const twin::Twin* twin = nullptr);

}  // namespace netdrill::drill
