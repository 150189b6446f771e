// The console's fonts, from Debian's font packages: Noto Sans (fonts-noto-core)
// or DejaVu Sans (fonts-dejavu-core) with the Vietnamese range plus typographic
// punctuation ("—", "…", "“ ”"), and DejaVu Sans Mono for the terminal.
#pragma once

#include "ui/console-context.h"

namespace netdrill::ui {

/// @brief Adds the fonts to the current context's atlas at `scale` (DPI).
/// Falls back to ImGui's own font (ASCII only) when no font file is found.
ConsoleFonts LoadConsoleFonts(float scale);

}  // namespace netdrill::ui
