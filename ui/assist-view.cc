#include "ui/assist-view.h"

#include <map>

namespace netdrill::ui {

std::vector<ObjectiveLine> ObjectiveLines(const drill::Drill& drill, const drill::DrillResult& result,
                                          drill::Assist assist, double now, const std::string& lang, bool debrief) {
  const drill::AssistRules rules = drill::RulesOf(assist);
  std::vector<ObjectiveLine> out;
  for (std::size_t k = 0; k < result.objectives.size() && k < drill.objectives.size(); ++k) {
    const drill::ObjectiveResult& r = result.objectives[k];
    const drill::Objective& o = drill.objectives[k];
    ObjectiveLine line;
    line.id = r.id;
    line.title = (debrief || rules.instructorTitles ? r.title : r.brief).In(lang);
    line.showsState = debrief || rules.liveTicks;
    line.met = line.showsState && r.metAt && *r.metAt <= now + 1e-9;
    line.byS = r.byS;
    if (o.hint && r.hintShown) line.hint = o.hint->text.In(lang);
    // Not tied to whether it is met: a button that vanished would tell the trainee so.
    line.canAskHint = !debrief && rules.hintsOnRequest && o.hint && !r.hintShown;
    line.hintCost = o.hint ? o.hint->cost : 0.0;
    out.push_back(line);
  }
  return out;
}

std::vector<AlarmRow> AlarmRows(const std::vector<session::Alarm>& alarms, bool fold, bool showCleared) {
  std::map<std::string, const session::Alarm*> byId;
  for (const session::Alarm& a : alarms) byId[a.id] = &a;
  std::vector<AlarmRow> rows;
  for (const session::Alarm& a : alarms) {
    if (!a.Active() && !showCleared) continue;
    if (fold && a.Active() && !a.isRoot) continue;  // shown under its root
    AlarmRow row{&a, {}};
    if (fold) {
      for (const std::string& id : a.impacted) {
        if (auto it = byId.find(id); it != byId.end()) row.impacted.push_back(it->second);
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace netdrill::ui
