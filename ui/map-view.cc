#include "ui/map-view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace netdrill::ui {

using twin::SiteLevel;

namespace {

// Zoom (pixels per map unit, about per degree) from which a tier is drawn.
constexpr float kTierScale[3] = {0.0f, 110.0f, 380.0f};
constexpr float kTierRadius[3] = {5.0f, 3.5f, 2.6f};
constexpr float kUtilLoaded = 0.7f, kUtilCongested = 0.95f;

int TierOf(SiteLevel level) {
  switch (level) {
    case SiteLevel::RegionalCentre:
    case SiteLevel::BackupCentre:
    case SiteLevel::Noc:
    case SiteLevel::Province:
      return 0;
    case SiteLevel::District:
    case SiteLevel::CentralAgency:
      return 1;
    default:
      return 2;
  }
}

MapState Worse(MapState a, MapState b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

// Sites that share a point sit on a spiral around it, this far apart (pixels).
constexpr float kSpreadPx = 6.5f;
// While the view moves, the cached drawing is moved and scaled; it is drawn anew after this
// many frames, past this zoom ratio or shift, and once the view is still.
constexpr int kMovingFramesPerDraw = 10;
constexpr float kMovingZoomRatio = 1.5f, kMovingShift = 0.3f;

void Mix(std::uint64_t& h, const void* data, std::size_t n) {
  const auto* b = static_cast<const unsigned char*>(data);
  for (std::size_t k = 0; k < n; ++k) h = (h ^ b[k]) * 1099511628211ULL;
}

bool SegmentOutside(ImVec2 a, ImVec2 b, ImVec2 lo, ImVec2 hi) {
  return (a.x < lo.x && b.x < lo.x) || (a.x > hi.x && b.x > hi.x) || (a.y < lo.y && b.y < lo.y) ||
         (a.y > hi.y && b.y > hi.y);
}

}  // namespace

MapView::MapView(const twin::Twin& twin, MapGeometry geometry) : m_twin(twin), m_geo(std::move(geometry)) {
  const auto& sites = twin.Sites();
  m_sitePoint.resize(sites.size());
  m_siteTier.resize(sites.size());
  m_siteParent.assign(sites.size(), -1);
  m_hasPosition.resize(sites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const twin::Site& s = sites[i];
    m_hasPosition[i] = s.position.has_value();
    if (s.position) m_sitePoint[i] = Project(s.position->lat, s.position->lon);
    m_siteTier[i] = static_cast<std::uint8_t>(TierOf(s.level));
    if (s.parent.IsValid()) m_siteParent[i] = static_cast<std::int32_t>(s.parent.Index());
  }
  const auto& links = twin.Links();
  m_linkA.resize(links.size());
  m_linkB.resize(links.size());
  m_linkTier.resize(links.size());
  m_linkBackup.resize(links.size());
  for (std::size_t l = 0; l < links.size(); ++l) {
    m_linkA[l] = static_cast<std::int32_t>(twin.GetNode(links[l].a).site.Index());
    m_linkB[l] = static_cast<std::int32_t>(twin.GetNode(links[l].b).site.Index());
    m_linkTier[l] = std::max(m_siteTier[m_linkA[l]], m_siteTier[m_linkB[l]]);
    m_linkBackup[l] = links[l].role == twin::LinkRole::Backup;
  }
  // Sites of one tier at one point (2024 communes given their successor's point) spread on a
  // golden-angle spiral around it, in site order: the same twin, the same picture.
  m_spread.assign(sites.size(), ImVec2{0, 0});
  std::map<std::tuple<int, float, float>, int> atPoint;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (!m_hasPosition[i]) continue;
    const int k = atPoint[{m_siteTier[i], m_sitePoint[i].x, m_sitePoint[i].y}]++;
    if (k == 0) continue;
    const float radius = kSpreadPx * std::sqrt(static_cast<float>(k)), angle = 2.39996323f * static_cast<float>(k);
    m_spread[i] = {radius * std::cos(angle), radius * std::sin(angle)};
  }
  // The province each site belongs to, and the province site of each outline on the map.
  m_siteProvince.assign(sites.size(), -1);
  std::map<std::string, int> provinceByCode;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (sites[i].level == SiteLevel::Province) provinceByCode[sites[i].code] = static_cast<int>(i);
  }
  for (std::size_t i = 0; i < sites.size(); ++i) {
    int p = static_cast<int>(i);
    while (p >= 0 && sites[p].level != SiteLevel::Province) p = m_siteParent[p];
    m_siteProvince[i] = p;
  }
  m_ringProvince.assign(m_geo.provinces.size(), -1);
  for (std::size_t g = 0; g < m_geo.provinces.size(); ++g) {
    const auto it = provinceByCode.find(m_geo.provinces[g].code);
    if (it != provinceByCode.end()) m_ringProvince[g] = it->second;
  }
}

ImVec2 MapView::SiteScreen(int site) const {
  const ImVec2 p = ToScreen(m_sitePoint[site]);
  return {p.x + m_spread[site].x, p.y + m_spread[site].y};
}

void MapView::PanBy(ImVec2 pixels) {
  m_centre.x -= pixels.x / m_scale;
  m_centre.y -= pixels.y / m_scale;
}

void MapView::ZoomAbout(ImVec2 screen, float factor) {
  // The map point under `screen` stays under it.
  const float ox = screen.x - m_rectMin.x - m_rectSize.x / 2, oy = screen.y - m_rectMin.y - m_rectSize.y / 2;
  const MapPoint before{m_centre.x + ox / m_scale, m_centre.y + oy / m_scale};
  m_scale = std::clamp(m_scale * factor, 10.0f, 20000.0f);
  m_centre = {before.x - ox / m_scale, before.y - oy / m_scale};
}

int MapView::VisibleTier() const {
  int tier = 0;
  for (int t = 1; t < 3; ++t)
    if (m_scale >= kTierScale[t]) tier = t;
  return tier;
}

void MapView::FitAll(ImVec2 size) {
  // A national twin: the whole country with its archipelagos. A province's twin: its sites.
  MapPoint lo{1e9f, 1e9f}, hi{-1e9f, -1e9f};
  for (std::size_t i = 0; i < m_sitePoint.size(); ++i) {
    if (!m_hasPosition[i]) continue;
    lo = {std::min(lo.x, m_sitePoint[i].x), std::min(lo.y, m_sitePoint[i].y)};
    hi = {std::max(hi.x, m_sitePoint[i].x), std::max(hi.y, m_sitePoint[i].y)};
  }
  const float sitesArea = (hi.x - lo.x) * (hi.y - lo.y);
  const float countryArea = (m_geo.max.x - m_geo.min.x) * (m_geo.max.y - m_geo.min.y);
  if (hi.x > lo.x && sitesArea < 0.1f * countryArea) {
    const float padX = (hi.x - lo.x) * 0.1f + 0.05f, padY = (hi.y - lo.y) * 0.1f + 0.05f;
    FocusBox({lo.x - padX, lo.y - padY}, {hi.x + padX, hi.y + padY}, size);
  } else {
    FocusBox(m_geo.min, m_geo.max, size);
  }
}

void MapView::FocusBox(MapPoint lo, MapPoint hi, ImVec2 size) {
  m_centre = {(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
  const float w = std::max(hi.x - lo.x, 0.05f), h = std::max(hi.y - lo.y, 0.05f);
  m_scale = std::min(size.x / w, size.y / h) * 0.95f;
}

void MapView::FocusSite(int site, ImVec2 size) {
  if (site < 0 || !m_hasPosition[site]) return;
  m_centre = m_sitePoint[site];
  const float want = kTierScale[m_siteTier[site]] * 1.6f;
  m_scale = std::max(want, std::min(size.x, size.y) / 16.0f);
}

ImVec2 MapView::ToScreen(MapPoint p) const {
  return {m_rectMin.x + m_rectSize.x / 2 + (p.x - m_centre.x) * m_scale,
          m_rectMin.y + m_rectSize.y / 2 + (p.y - m_centre.y) * m_scale};
}

MapState MapView::ShownState(int site) const {
  if (m_siteState.empty()) return MapState::Normal;
  switch (VisibleTier()) {
    case 0: return m_foldedTo0[site];
    case 1: return m_foldedTo1[site];
    default: return m_siteState[site];
  }
}

void MapView::UpdateStates(const session::Snapshot* s) {
  if (s == nullptr) return;
  if (s == m_stateOf && s->tick == m_stateTick) return;
  m_stateOf = s;
  m_stateTick = s->tick;
  const std::size_t n = m_sitePoint.size(), nl = m_linkA.size();
  m_siteState.assign(n, MapState::Normal);
  m_linkState.assign(nl, MapState::Normal);
  const auto* dark = s->linkDark.get();
  const auto* util = s->linkUtilisation.get();
  for (std::size_t l = 0; l < nl; ++l) {
    MapState st = MapState::Normal;
    const float u = util != nullptr && l < util->size() ? (*util)[l] : 0.0f;
    if (dark != nullptr && l < dark->size() && (*dark)[l]) st = MapState::Lost;
    else if (u >= kUtilCongested) st = MapState::Congested;
    else if (u >= kUtilLoaded) st = MapState::Loaded;
    m_linkState[l] = st;
    // A congested link marks its lower end; a dark one does not (its far end may still reach the core).
    if (st == MapState::Congested || st == MapState::Loaded) {
      const int lower = m_siteTier[m_linkA[l]] >= m_siteTier[m_linkB[l]] ? m_linkA[l] : m_linkB[l];
      m_siteState[lower] = Worse(m_siteState[lower], st);
    }
  }
  if (const auto* reach = s->siteReachable.get()) {
    for (std::size_t i = 0; i < n && i < reach->size(); ++i)
      if (!(*reach)[i]) m_siteState[i] = MapState::Lost;
  }
  // Fold upward: communes into their district (tier 1 view), everything into its province (country view).
  m_foldedTo1 = m_siteState;
  for (std::size_t i = 0; i < n; ++i) {
    if (m_siteTier[i] == 2 && m_siteParent[i] >= 0)
      m_foldedTo1[m_siteParent[i]] = Worse(m_foldedTo1[m_siteParent[i]], m_siteState[i]);
  }
  m_foldedTo0 = m_foldedTo1;
  for (std::size_t i = 0; i < n; ++i) {
    if (m_siteTier[i] != 1) continue;
    int p = m_siteParent[i];
    while (p >= 0 && m_siteTier[p] != 0) p = m_siteParent[p];
    if (p >= 0) m_foldedTo0[p] = Worse(m_foldedTo0[p], m_foldedTo1[i]);
  }
  for (std::size_t i = 0; i < n; ++i) {  // communes straight under a province (2025)
    if (m_siteTier[i] == 2 && m_siteParent[i] >= 0 && m_siteTier[m_siteParent[i]] == 0)
      m_foldedTo0[m_siteParent[i]] = Worse(m_foldedTo0[m_siteParent[i]], m_siteState[i]);
  }
  // The sites lost in each province (its badge), and each outline's worst state.
  m_lostIn.assign(n, 0);
  if (const auto* reach = s->siteReachable.get()) {
    for (std::size_t i = 0; i < n && i < reach->size(); ++i)
      if (!(*reach)[i] && m_siteProvince[i] >= 0) ++m_lostIn[m_siteProvince[i]];
  }
  m_provinceState.assign(m_geo.provinces.size(), MapState::Normal);
  for (std::size_t g = 0; g < m_ringProvince.size(); ++g)
    if (m_ringProvince[g] >= 0) m_provinceState[g] = m_foldedTo0[m_ringProvince[g]];
  // What the layer's colours depend on: states, and which standby backups carry traffic.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::uint64_t v) { h = (h ^ v) * 1099511628211ULL; };
  for (MapState st : m_siteState) mix(static_cast<std::uint64_t>(st));
  for (MapState st : m_foldedTo1) mix(static_cast<std::uint64_t>(st));
  for (MapState st : m_foldedTo0) mix(static_cast<std::uint64_t>(st));
  for (std::size_t l = 0; l < nl; ++l) {
    mix(static_cast<std::uint64_t>(m_linkState[l]));
    if (m_linkBackup[l]) mix(util != nullptr && l < util->size() && (*util)[l] > 0.0005f);
  }
  m_stateHash = h;
}

int MapView::Draw(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const session::Snapshot* snapshot, const std::string& selectedSite,
                  const std::string& selectedLink, bool mouseOver) {
  m_rectMin = lo;
  m_rectSize = {hi.x - lo.x, hi.y - lo.y};
  UpdateStates(snapshot);
  ImGuiIO& io = ImGui::GetIO();
  const bool hovered = mouseOver && ImGui::IsMouseHoveringRect(lo, hi);
  if (hovered && io.MouseWheel != 0.0f) ZoomAbout(io.MousePos, std::pow(1.2f, io.MouseWheel));
  if (hovered && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) PanBy(io.MouseDelta);

  // The site under the mouse: sites that share a point in the data sit on each other, so the
  // worst state wins the click (a trainee clicks the red dot), then the nearest.
  int hover = -1;
  if (hovered) {
    const int tier = VisibleTier();
    float hoverDist = 8.0f * 8.0f;
    MapState hoverState = MapState::Normal;
    for (std::size_t i = 0; i < m_sitePoint.size(); ++i) {
      if (m_siteTier[i] > tier || !m_hasPosition[i]) continue;
      const ImVec2 p = SiteScreen(static_cast<int>(i));
      const float dx = p.x - io.MousePos.x, dy = p.y - io.MousePos.y;
      const float d2 = dx * dx + dy * dy;
      if (d2 >= 8.0f * 8.0f) continue;
      const MapState st = ShownState(static_cast<int>(i));
      const bool worse = hover >= 0 && static_cast<int>(st) > static_cast<int>(hoverState);
      const bool better = hover >= 0 && static_cast<int>(st) < static_cast<int>(hoverState);
      if (!better && (worse || d2 < hoverDist)) {
        hoverDist = d2;
        hover = static_cast<int>(i);
        hoverState = st;
      }
    }
  }
  const bool moving = m_centre.x != m_lastCentre.x || m_centre.y != m_lastCentre.y || m_scale != m_lastScale;
  m_lastCentre = m_centre;
  m_lastScale = m_scale;
  if (m_cache != nullptr) {
    // What the drawing shows, apart from where the view is: states, selection, size, colours, the traced path.
    std::uint64_t content = 1469598103934665603ULL;
    Mix(content, &m_rectSize, sizeof m_rectSize);
    Mix(content, &m_stateHash, sizeof m_stateHash);
    Mix(content, selectedSite.data(), selectedSite.size());
    content = (content ^ 0xff) * 1099511628211ULL;
    Mix(content, selectedLink.data(), selectedLink.size());
    Mix(content, &m_palette, sizeof m_palette);
    Mix(content, m_trace.data(), m_trace.size() * sizeof(int));
    const ImVec2 size = m_rectSize;
    // Moving: the last drawing, moved and scaled, while it still covers most of the view.
    if (moving && m_layerScale > 0 && content == m_layerContent && VisibleTier() == m_layerTier &&
        m_framesMoved < kMovingFramesPerDraw) {
      const float ratio = m_scale / m_layerScale;
      const float shiftX = std::fabs(m_centre.x - m_layerCentre.x) * m_scale / size.x;
      const float shiftY = std::fabs(m_centre.y - m_layerCentre.y) * m_scale / size.y;
      if (ratio < kMovingZoomRatio && ratio > 1.0f / kMovingZoomRatio && shiftX < kMovingShift && shiftY < kMovingShift) {
        const ImTextureID texture = m_cache->Layer(m_layerKey, size, [&](ImDrawList* layer) {
          const MapPoint centre = m_centre;
          const float scale = m_scale;
          m_centre = m_layerCentre;
          m_scale = m_layerScale;
          const ImVec2 saved = m_rectMin;
          m_rectMin = {0, 0};
          DrawLayer(layer, {0, 0}, size, snapshot, selectedSite, selectedLink);
          m_rectMin = saved;
          m_centre = centre;
          m_scale = scale;
        });
        if (texture != ImTextureID{}) {
          ++m_framesMoved;
          // The drawing's corners, where the view now puts them.
          const ImVec2 a = ToScreen({m_layerCentre.x - size.x / 2 / m_layerScale, m_layerCentre.y - size.y / 2 / m_layerScale});
          const ImVec2 b = ToScreen({m_layerCentre.x + size.x / 2 / m_layerScale, m_layerCentre.y + size.y / 2 / m_layerScale});
          dl->PushClipRect(lo, hi, true);
          dl->AddRectFilled(lo, hi, IM_COL32(18, 32, 48, 255));
          dl->AddImage(texture, a, b, {0, 1}, {1, 0});
          dl->PopClipRect();
          return hover;
        }
      }
    }
    std::uint64_t key = content;
    Mix(key, &m_centre, sizeof m_centre);
    Mix(key, &m_scale, sizeof m_scale);
    const ImTextureID texture = m_cache->Layer(key, size, [&](ImDrawList* layer) {
      const ImVec2 saved = m_rectMin;
      m_rectMin = {0, 0};
      DrawLayer(layer, {0, 0}, size, snapshot, selectedSite, selectedLink);
      m_rectMin = saved;
    });
    if (texture != ImTextureID{}) {
      if (key != m_layerKey) {
        m_layerKey = key;
        m_layerContent = content;
        m_layerCentre = m_centre;
        m_layerScale = m_scale;
        m_layerTier = VisibleTier();
      }
      m_framesMoved = 0;
      dl->AddImage(texture, lo, hi, {0, 1}, {1, 0});  // a GL texture's rows run bottom to top
      return hover;
    }
  }
  DrawLayer(dl, lo, hi, snapshot, selectedSite, selectedLink);
  return hover;
}

void MapView::DrawLayer(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const session::Snapshot* snapshot, const std::string& selectedSite,
                        const std::string& selectedLink) {
  ++m_layerDraws;
  dl->PushClipRect(lo, hi, true);
  const ImDrawListFlags savedFlags = dl->Flags;
  dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill);  // software GL: plain lines
  dl->AddRectFilled(lo, hi, IM_COL32(18, 32, 48, 255));  // the sea (the window behind draws no background)
  // Boundaries, simplified to what a pixel can show, culled by their boxes.
  std::vector<ImVec2> pts;
  auto ring = [&](const MapRing& r, ImU32 colour, float thickness) {
    const ImVec2 a = ToScreen(r.min), b = ToScreen(r.max);
    if (b.x < lo.x || a.x > hi.x || b.y < lo.y || a.y > hi.y) return;
    pts.clear();
    for (const MapPoint& p : r.points) {
      const ImVec2 q = ToScreen(p);
      if (!pts.empty() && std::fabs(q.x - pts.back().x) + std::fabs(q.y - pts.back().y) < 3.0f) continue;
      pts.push_back(q);
    }
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colour, ImDrawFlags_Closed, thickness);
  };
  const int tier = VisibleTier();
  for (std::size_t g = 0; g < m_geo.provinces.size(); ++g) {
    // Until communes are drawn, a province's outline takes its worst state (drawn after the others, on top).
    if (tier <= 1 && !m_provinceState.empty() && m_provinceState[g] != MapState::Normal) continue;
    for (const MapRing& r : m_geo.provinces[g].rings) ring(r, IM_COL32(95, 115, 135, 255), 1.0f);
  }
  if (tier <= 1 && !m_provinceState.empty()) {
    for (std::size_t g = 0; g < m_geo.provinces.size(); ++g) {
      if (m_provinceState[g] == MapState::Normal) continue;
      for (const MapRing& r : m_geo.provinces[g].rings) ring(r, MapStateColour(m_provinceState[g], m_palette), 2.0f);
    }
  }
  for (const MapRing& r : m_geo.hoangSa) ring(r, IM_COL32(150, 170, 190, 255), 1.0f);
  for (const MapRing& r : m_geo.truongSa) ring(r, IM_COL32(150, 170, 190, 255), 1.0f);

  const ImVec2 cullLo{lo.x - 8, lo.y - 8}, cullHi{hi.x + 8, hi.y + 8};
  m_drawnLinks = 0;
  const auto* util = snapshot != nullptr ? snapshot->linkUtilisation.get() : nullptr;
  for (std::size_t l = 0; l < m_linkA.size(); ++l) {
    if (m_linkTier[l] > tier) continue;
    const int a = m_linkA[l], b = m_linkB[l];
    if (!m_hasPosition[a] || !m_hasPosition[b] || a == b) continue;
    const bool selected = m_twin.Links()[l].id == selectedLink;
    const MapState st = LinkState(static_cast<int>(l));
    // A standby backup shows once it carries traffic (or when selected).
    const bool inUse = util != nullptr && l < util->size() && (*util)[l] > 0.0005f;
    if (m_linkBackup[l] && !inUse && !selected && st != MapState::Lost) continue;
    const ImVec2 pa = SiteScreen(a), pb = SiteScreen(b);
    if (SegmentOutside(pa, pb, cullLo, cullHi)) continue;
    if (std::fabs(pa.x - pb.x) + std::fabs(pa.y - pb.y) < 1.5f && !selected) continue;  // under a pixel: the sites' marks cover it
    ImU32 colour = MapStateColour(st, m_palette);
    if (st == MapState::Normal) colour = m_linkBackup[l] ? IM_COL32(90, 160, 240, 255) : IM_COL32(70, 140, 95, 200);
    dl->AddLine(pa, pb, colour, selected ? 3.0f : (st == MapState::Lost || m_linkTier[l] == 0 ? 2.0f : 1.0f));
    ++m_drawnLinks;
  }
  m_drawnSites = 0;
  int selected = -1;
  for (std::size_t i = 0; i < m_sitePoint.size(); ++i) {
    if (m_siteTier[i] > tier || !m_hasPosition[i]) continue;
    const ImVec2 p = SiteScreen(static_cast<int>(i));
    if (p.x < cullLo.x || p.x > cullHi.x || p.y < cullLo.y || p.y > cullHi.y) continue;
    DrawMark(dl, p, m_siteTier[i], ShownState(static_cast<int>(i)));
    ++m_drawnSites;
    if (!selectedSite.empty() && m_twin.Sites()[i].id == selectedSite) selected = static_cast<int>(i);
  }
  // The trainee's last traceroute, as far as it got: over everything but the selection.
  for (int l : m_trace) {
    if (l < 0 || l >= static_cast<int>(m_linkA.size())) continue;
    const int a = m_linkA[l], b = m_linkB[l];
    if (!m_hasPosition[a] || !m_hasPosition[b]) continue;
    const ImVec2 pa = SiteScreen(a), pb = SiteScreen(b);
    if (SegmentOutside(pa, pb, cullLo, cullHi)) continue;
    dl->AddLine(pa, pb, IM_COL32(0, 0, 0, 200), 5.0f);
    dl->AddLine(pa, pb, IM_COL32(80, 220, 255, 255), 3.0f);
    dl->AddCircleFilled(pb, 3.0f, IM_COL32(80, 220, 255, 255), 8);
  }
  if (tier <= 1) DrawBadges(dl, lo, hi);
  if (selected >= 0) dl->AddCircle(SiteScreen(selected), 9.0f, IM_COL32(255, 255, 255, 255), 16, 2.0f);
  dl->Flags = savedFlags;
  dl->PopClipRect();
}

// A site's mark: its tier sets the size, its state the colour and the shape: normal round
// (communes square: llvmpipe pays per triangle), loaded a diamond, congested a triangle,
// lost a larger mark crossed out and ringed.
void MapView::DrawMark(ImDrawList* dl, ImVec2 p, int tier, MapState st) const {
  const ImU32 colour = MapStateColour(st, m_palette);
  const float r = kTierRadius[tier];
  switch (st) {
    case MapState::Normal:
      if (tier == 2) dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, colour);
      else dl->AddCircleFilled(p, r, colour, tier == 1 ? 6 : 8);
      break;
    case MapState::Loaded: {
      const float d = r + 1.5f;
      dl->AddQuadFilled({p.x, p.y - d}, {p.x + d, p.y}, {p.x, p.y + d}, {p.x - d, p.y}, colour);
      break;
    }
    case MapState::Congested: {
      const float d = r + 2.0f;
      dl->AddTriangleFilled({p.x, p.y - d}, {p.x + d, p.y + d * 0.8f}, {p.x - d, p.y + d * 0.8f}, colour);
      break;
    }
    case MapState::Lost: {
      const float d = r + 1.5f;
      dl->AddRectFilled({p.x - d, p.y - d}, {p.x + d, p.y + d}, colour);
      dl->AddLine({p.x - d, p.y - d}, {p.x + d, p.y + d}, IM_COL32(255, 255, 255, 255), 1.5f);
      dl->AddLine({p.x - d, p.y + d}, {p.x + d, p.y - d}, IM_COL32(255, 255, 255, 255), 1.5f);
      dl->AddCircle(p, d + 3.0f, colour, 8, 1.0f);
      break;
    }
  }
}

// Until communes are drawn: beside each province with sites lost, their count, kept inside the map.
void MapView::DrawBadges(ImDrawList* dl, ImVec2 lo, ImVec2 hi) const {
  for (std::size_t i = 0; i < m_lostIn.size(); ++i) {
    if (m_lostIn[i] == 0 || !m_hasPosition[i]) continue;
    char text[16];
    std::snprintf(text, sizeof text, "%d", m_lostIn[i]);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 p = SiteScreen(static_cast<int>(i));
    ImVec2 at{p.x + 8, p.y - size.y - 6};
    at.x = std::clamp(at.x, lo.x + 2, hi.x - size.x - 6);
    at.y = std::clamp(at.y, lo.y + 2, hi.y - size.y - 4);
    if (p.x < lo.x - 20 || p.x > hi.x + 20 || p.y < lo.y - 20 || p.y > hi.y + 20) continue;
    const ImU32 colour = MapStateColour(MapState::Lost, m_palette);
    dl->AddRectFilled({at.x - 3, at.y - 1}, {at.x + size.x + 3, at.y + size.y + 1}, colour, 3.0f);
    dl->AddText(at, IM_COL32(255, 255, 255, 255), text);
  }
}

}  // namespace netdrill::ui
