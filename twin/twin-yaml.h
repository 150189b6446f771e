// The project's own YAML twin format (docs/twin-format.md): compact, with
// defaults and what follows from a site's role left out, and canonical, so
// that save(load(save(x))) == save(x) byte for byte.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <optional>
#include <string>
#include <string_view>

namespace netdrill::twin {

inline constexpr int kTwinFormatVersion = 1;

std::string SaveTwinYaml(const Twin& twin);

/// @brief Parses and checks a twin. A syntax error stops at the first; every
/// other problem is reported at once. No twin comes back if any error was found.
std::optional<Twin> ParseTwinYaml(std::string_view text, const std::string& file, Diagnostics& diags);
std::optional<Twin> LoadTwinYaml(const std::string& path, Diagnostics& diags);

}  // namespace netdrill::twin
