// What the console shows at each assist level (drill::RulesOf), as plain data
// the panels draw and the tests read: the objectives (the instructor's titles
// and live ticks when guided, neutral briefs and no ticks at standard and
// exam; the debrief always shows the instructor's titles and the ticks), the
// hints shown and those the trainee may ask for, and the alarm list's rows
// (impacted alarms folded under their root, or every alarm raw in an exam).
// No ImGui here.
#pragma once

#include "drill/drill-run.h"
#include "drill/drill.h"
#include "session/alarms.h"

#include <string>
#include <vector>

namespace netdrill::ui {

struct ObjectiveLine {
  std::string id;
  std::string title;       ///< the instructor's title, or the brief
  bool showsState = true;  ///< its tick and "met / open" are shown
  bool met = false;        ///< (only meaningful when shown)
  double byS = 0.0;
  std::string hint;        ///< the hint's text, once shown ("" : none)
  bool canAskHint = false; ///< the trainee may ask for its hint (`hint ID`), at `hintCost`, met or not
  double hintCost = 0.0;
};

/// @brief The objectives panel's lines at `assist`, at simulated time `now` (the debrief: `debrief`).
std::vector<ObjectiveLine> ObjectiveLines(const drill::Drill& drill, const drill::DrillResult& result,
                                          drill::Assist assist, double now, const std::string& lang, bool debrief);

/// @brief One row of the alarm list: an alarm, and the impacted alarms folded under it.
struct AlarmRow {
  const session::Alarm* alarm = nullptr;
  std::vector<const session::Alarm*> impacted;  ///< empty when nothing is folded (or at exam)
};

/// @brief The alarm list's rows: active roots with their impacted alarms folded beneath (and
/// cleared alarms when asked), or, without folding, every alarm on a row of its own.
std::vector<AlarmRow> AlarmRows(const std::vector<session::Alarm>& alarms, bool fold, bool showCleared);

}  // namespace netdrill::ui
