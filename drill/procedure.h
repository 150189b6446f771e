// A step-by-step procedure for one incident class (scenarios/procedures/):
// the console shows it, objectives point to its steps, the report says which
// steps were followed.
#pragma once

#include "drill/drill.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::drill {

struct Procedure {
  std::string id;
  Text title;
  std::vector<Text> steps;
};

std::optional<Procedure> LoadProcedure(const std::string& path, twin::Diagnostics& diags);

/// @brief Where a drill's procedure lives: procedures/<id>.yaml beside the drill, else in the library's procedures/.
std::string ProcedurePath(const std::string& drillFile, const std::string& id);
/// @brief The drill library's folder: $NETDRILL_SCENARIOS, else the source tree's scenarios/ (where the
/// console lists drills and where procedures are found after a drill's own folder).
std::string LibraryDir();
/// @brief The folders the paths a drill names may reach (twin::OutsideFolders): the drill's own folder and the
/// library. For a journal, the journal's folder and the library.
std::vector<std::string> ReachableFolders(const std::string& file);

}  // namespace netdrill::drill
