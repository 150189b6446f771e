// The planner's question: which failures got better, worse, or stayed the same
// between the base and the fork. Failures are matched by element (kind + id);
// an element only in one twin is "new" or "gone". JSON and a self-contained
// HTML page (tables, SVG charts, and a map of the changed elements).
#pragma once

#include "twin/model.h"
#include "whatif/edits.h"
#include "whatif/sweep.h"

#include <string>
#include <vector>

namespace netdrill::whatif {

enum class Verdict { Better, Worse, Unchanged, New, Gone };
const char* VerdictName(Verdict v);

struct DiffRow {
  std::string kind, id;  ///< one element, or "a + b" for a pair
  const Impact* before = nullptr;
  const Impact* after = nullptr;
  Verdict verdict = Verdict::Unchanged;
  std::vector<std::string> changes;  ///< what changed, one phrase each ("endpoints lost 120 -> 0")
};

struct SweepDiff {
  std::vector<DiffRow> singles, pairs;
  int better = 0, worse = 0, unchanged = 0, added = 0, gone = 0;
};

/// @brief Compares two sweeps failure by failure (the worse of endpoints lost,
/// sites cut, links over capacity, then the delay band decides).
SweepDiff Compare(const SweepResult& base, const SweepResult& fork);

std::string DiffJson(const SweepResult& base, const SweepResult& fork, const SweepDiff& diff);

/// @brief A self-contained page: the summary, each verdict's table, bar charts
/// of endpoints lost before and after, and a map of the fork's changed elements.
std::string DiffHtml(const twin::Twin& base, const twin::Twin& fork, const SweepResult& b, const SweepResult& f,
                     const SweepDiff& diff, const EditSummary* edits, const std::string& title);

}  // namespace netdrill::whatif
