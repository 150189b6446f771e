// A planner's changes to a twin, as an edit file (YAML), checked like every
// user file (all problems at once, file:line:col) and applied to a copy of the
// base: sites and links added, removed or modified, backup media, MCU
// placement, re-homing, and the macro edits ("collapse the district level",
// "dual-home every province", "upgrade the commune links"). No ns-3, no GL.
// docs/planner-guide.md documents the format; docs/examples/ has one file per macro.
#pragma once

#include "twin/diagnostics.h"
#include "twin/model.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::whatif {

/// @brief One edit as written: its operation, its fields (as text), and where it is.
struct Edit {
  std::string op;
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::string>> lists;  ///< srgs, sites
  std::map<std::string, twin::SourceLoc> fieldLoc;        ///< where each field is
  twin::SourceLoc loc;
};

struct EditFile {
  std::string file;
  std::string description;
  std::vector<Edit> edits;
};

/// @brief Reads an edit file; checks its shape (operations, fields, numbers).
std::optional<EditFile> LoadEdits(const std::string& path, twin::Diagnostics& diags);
std::optional<EditFile> ParseEdits(const std::string& text, const std::string& file, twin::Diagnostics& diags);

/// @brief What applying the edits changed, for the planner's report.
struct EditSummary {
  int sitesAdded = 0, sitesRemoved = 0, sitesModified = 0;
  int linksAdded = 0, linksRemoved = 0, linksModified = 0;
  std::vector<std::string> changedElements;  ///< ids of sites and links added or modified (the map's changed elements)
};

/// @brief The fork: the base with every edit applied in order. Edits on missing
/// elements, capacities of zero, a cycle of re-homings: reported, and no twin.
std::optional<twin::Twin> ApplyEdits(const twin::Twin& base, const EditFile& edits, twin::Diagnostics& diags,
                                     EditSummary* summary = nullptr);

/// @brief The operations an edit file may use.
const std::vector<std::string>& EditOperations();

}  // namespace netdrill::whatif
