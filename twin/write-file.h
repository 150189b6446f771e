// The one way a file is written (twin, drill skeleton, report, CSV export, edits, forks): whole or not
// at all, and a write that fails (a full disk, /dev/full) is an error, never "wrote".
#pragma once

#include "twin/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>

namespace netdrill::twin {

/// @brief Writes `content` to `path`: a regular file (or a new one) through a temporary name beside it,
/// renamed at the end, so a crash never leaves half a file where a good one was; a device or a pipe
/// (/dev/stdout) in place. Why it failed ("writing failed: No space left on device"), or nullopt.
std::optional<std::string> WriteWholeFile(const std::string& path, std::string_view content);

/// @brief WriteWholeFile, its failure as error[cannot-write] at `path`.
bool WriteFileAtomic(const std::string& path, const std::string& content, Diagnostics& diags);

}  // namespace netdrill::twin
