// Confinement (issue 18): a path that a file names (a drill's include, network file or procedure,
// a journal's drill) must resolve, symlinks and all, inside the folders it may reach. One rule,
// every reader that follows a named path calls it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief Why `path` is outside every folder of `folders` once symlinks and `..` are resolved
/// ("it resolves to /etc/passwd, outside /lab and /usr/share/netdrill/scenarios"), or nullopt when it
/// is inside one of them (or is one of them).
std::optional<std::string> OutsideFolders(const std::string& path, const std::vector<std::string>& folders);

}  // namespace netdrill::twin
