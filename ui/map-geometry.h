// The map's static geometry: province boundaries of the drill's era, with the
// Hoàng Sa and Trường Sa archipelagos always drawn (docs/assumptions.md,
// "Maps"), projected once into map units. No ImGui and no GL here: the map
// panel draws it.
#pragma once

#include "twin/diagnostics.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::ui {

/// @brief A point in map units: x = longitude · cos(16°), y = −latitude (north up).
struct MapPoint {
  float x = 0.0f, y = 0.0f;
};
MapPoint Project(double lat, double lon);

struct MapRing {
  std::vector<MapPoint> points;  ///< closed: the last point joins the first
  MapPoint min, max;             ///< its box, for culling
};

struct MapProvince {
  std::string code;
  std::string name;  ///< Vietnamese, NFC
  std::vector<MapRing> rings;
};

struct MapGeometry {
  std::vector<MapProvince> provinces;
  std::vector<MapRing> hoangSa, truongSa;  ///< the archipelagos' islands
  MapPoint hoangSaLabel, truongSaLabel;
  MapPoint min, max;  ///< the box of everything
};

/// @brief Reads `assetsDir/data/vn-provinces-<era>.geojson`, and the
/// archipelagos from the 2025 file (the 2024 boundaries lack them).
std::optional<MapGeometry> LoadMapGeometry(const std::string& assetsDir, int era, twin::Diagnostics& diags);

}  // namespace netdrill::ui
