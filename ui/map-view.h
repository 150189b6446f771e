// The national map: provinces of the drill's era and both archipelagos, sites
// at their real positions, links coloured by state and load. Level of detail:
// the core and provinces at country zoom, districts and then communes as the
// view zooms in; a hidden site's state folds into its visible ancestor, so a
// cluster shows the worst state inside. Until communes are drawn, a province's
// outline takes its worst state and a badge counts the sites lost in it. Sites that
// share a point in the data are spread around it (a display choice:
// docs/assumptions.md, "Maps"). States differ in shape as well as colour.
// Only what is on screen is drawn; with a layer cache, a still view is drawn
// once, and a moving one shows the last drawing moved and scaled, redrawn
// every few frames and once the view stops.
#pragma once

#include "session/session.h"
#include "twin/model.h"
#include "ui/map-geometry.h"
#include "ui/palette.h"

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace netdrill::ui {

/// @brief Where the map's layer can be kept between frames (the window's GL texture).
/// With none, the map is drawn every frame.
class MapLayerCache {
public:
  virtual ~MapLayerCache() = default;
  /// @brief The layer for `key`, drawn by `draw` into a canvas of `size` when the key changed;
  /// a null texture when it cannot (the caller then draws directly).
  virtual ImTextureID Layer(std::uint64_t key, ImVec2 size, const std::function<void(ImDrawList*)>& draw) = 0;
};

class MapView {
public:
  MapView(const twin::Twin& twin, MapGeometry geometry);

  /// @brief Draws into `rect` of the current window; pans and zooms with the
  /// mouse when `mouseOver` (the map's item is hovered, even while pressed).
  /// Returns the site under the mouse (-1: none).
  int Draw(ImDrawList* dl, ImVec2 rectMin, ImVec2 rectMax, const session::Snapshot* snapshot, const std::string& selectedSite,
           const std::string& selectedLink, bool mouseOver);

  /// @brief Keeps the drawn layer in a texture between frames (nullptr: draw every frame).
  void SetLayerCache(MapLayerCache* cache) { m_cache = cache; }
  void SetPalette(Palette palette) { m_palette = palette; }
  /// @brief The links of the trainee's last traceroute (twin link indices), drawn over the map.
  void SetTracePath(std::vector<int> links) { m_trace = std::move(links); }
  const std::vector<int>& TracePath() const { return m_trace; }
  /// @brief Moves the view by screen pixels, or zooms it about a screen point (the mouse does both).
  void PanBy(ImVec2 pixels);
  void ZoomAbout(ImVec2 screen, float factor);
  /// @brief A site's mark as the map draws it (the legend shows the same).
  void DrawMark(ImDrawList* dl, ImVec2 p, int tier, MapState st) const;
  /// @brief How many times the layer was drawn in full (the rest were the cached drawing).
  int LayerDraws() const { return m_layerDraws; }
  /// @brief The view that shows the whole country (and the archipelagos) in a rect of this size.
  void FitAll(ImVec2 size);
  /// @brief Centres on a site at a zoom where its level is drawn.
  void FocusSite(int site, ImVec2 size);
  /// @brief Centres on a box of map units (tests, the benchmark).
  void FocusBox(MapPoint lo, MapPoint hi, ImVec2 size);
  float Scale() const { return m_scale; }
  /// @brief The deepest tier drawn at the current zoom: 0 core and provinces, 1 districts, 2 communes.
  int VisibleTier() const;
  /// @brief How many sites and links the last Draw put on screen.
  int DrawnSites() const { return m_drawnSites; }
  int DrawnLinks() const { return m_drawnLinks; }
  /// @brief The state a site shows at the current zoom (itself, or the worst of what it folds).
  MapState ShownState(int site) const;
  MapState LinkState(int link) const { return m_linkState.empty() ? MapState::Normal : m_linkState[link]; }
  MapPoint SitePoint(int site) const { return m_sitePoint[site]; }
  /// @brief Where a site is drawn: its point, moved off a point it shares with others.
  ImVec2 SiteScreen(int site) const;
  /// @brief Sites the core cannot reach in a province (the province site's index), as its badge shows.
  int LostIn(int provinceSite) const { return m_lostIn.empty() ? 0 : m_lostIn[provinceSite]; }
  int SiteTier(int site) const { return m_siteTier[site]; }
  ImVec2 ToScreen(MapPoint p) const;
  const MapGeometry& Geometry() const { return m_geo; }
  /// @brief The screen rect of the last Draw (for tests that click a site).
  ImVec2 LastRectMin() const { return m_rectMin; }

private:
  void UpdateStates(const session::Snapshot* snapshot);
  void DrawLayer(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const session::Snapshot* snapshot, const std::string& selectedSite,
                 const std::string& selectedLink);
  void DrawBadges(ImDrawList* dl, ImVec2 lo, ImVec2 hi) const;
  const twin::Twin& m_twin;
  MapGeometry m_geo;
  std::vector<MapPoint> m_sitePoint;
  std::vector<std::uint8_t> m_siteTier;     // 0 core/province, 1 district, 2 commune
  std::vector<std::int32_t> m_siteParent;   // the visible-ancestor chain: commune -> district -> province (-1 none)
  std::vector<std::uint8_t> m_hasPosition;
  std::vector<std::int32_t> m_linkA, m_linkB;  // site indices of a link's ends
  std::vector<std::uint8_t> m_linkTier;
  std::vector<std::uint8_t> m_linkBackup;
  std::vector<ImVec2> m_spread;              // pixels off the site's point (sites sharing a point)
  std::vector<std::int32_t> m_siteProvince;  // the province site a site belongs to (-1 none)
  std::vector<std::int32_t> m_ringProvince;  // the province site of each geometry province (-1 none)
  std::vector<int> m_lostIn;                 // per province site: sites lost in it
  std::vector<MapState> m_provinceState;     // per geometry province: its worst state
  // States, recomputed when the snapshot changes.
  const session::Snapshot* m_stateOf = nullptr;
  std::uint64_t m_stateTick = ~0ULL;
  std::vector<MapState> m_siteState;      // the site itself
  std::vector<MapState> m_foldedTo1;      // worst of itself and its communes (district tier shown)
  std::vector<MapState> m_foldedTo0;      // worst of itself and everything below (country zoom)
  std::vector<MapState> m_linkState;
  MapPoint m_centre{};
  float m_scale = 40.0f;  // pixels per map unit
  ImVec2 m_rectMin{}, m_rectSize{};
  int m_drawnSites = 0, m_drawnLinks = 0;
  MapLayerCache* m_cache = nullptr;
  std::uint64_t m_stateHash = 0;
  Palette m_palette = Palette::Standard;
  std::vector<int> m_trace;
  // The cached layer: the key it was drawn for, and the view it was drawn at.
  std::uint64_t m_layerKey = 0, m_layerContent = 0;
  MapPoint m_layerCentre{};
  float m_layerScale = 0.0f;
  int m_layerTier = -1, m_framesMoved = 0, m_layerDraws = 0;
  MapPoint m_lastCentre{};
  float m_lastScale = 0.0f;
};

}  // namespace netdrill::ui
