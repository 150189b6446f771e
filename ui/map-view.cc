#include "ui/map-view.h"

#include <algorithm>
#include <cmath>

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

bool SegmentOutside(ImVec2 a, ImVec2 b, ImVec2 lo, ImVec2 hi) {
  return (a.x < lo.x && b.x < lo.x) || (a.x > hi.x && b.x > hi.x) || (a.y < lo.y && b.y < lo.y) ||
         (a.y > hi.y && b.y > hi.y);
}

}  // namespace

ImU32 MapStateColour(MapState s) {
  switch (s) {
    case MapState::Normal: return IM_COL32(60, 170, 90, 255);
    case MapState::Loaded: return IM_COL32(225, 200, 40, 255);
    case MapState::Congested: return IM_COL32(240, 130, 20, 255);
    case MapState::Lost: return IM_COL32(220, 40, 40, 255);
  }
  return IM_COL32_WHITE;
}

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
  if (hovered && io.MouseWheel != 0.0f) {
    // Zoom about the cursor: the map point under it stays under it.
    const MapPoint before{m_centre.x + (io.MousePos.x - lo.x - m_rectSize.x / 2) / m_scale,
                          m_centre.y + (io.MousePos.y - lo.y - m_rectSize.y / 2) / m_scale};
    m_scale = std::clamp(m_scale * std::pow(1.2f, io.MouseWheel), 10.0f, 20000.0f);
    m_centre = {before.x - (io.MousePos.x - lo.x - m_rectSize.x / 2) / m_scale,
                before.y - (io.MousePos.y - lo.y - m_rectSize.y / 2) / m_scale};
  }
  if (hovered && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    m_centre.x -= io.MouseDelta.x / m_scale;
    m_centre.y -= io.MouseDelta.y / m_scale;
  }

  // The site under the mouse: sites that share a point in the data sit on each other, so the
  // worst state wins the click (a trainee clicks the red dot), then the nearest.
  int hover = -1;
  if (hovered) {
    const int tier = VisibleTier();
    float hoverDist = 8.0f * 8.0f;
    MapState hoverState = MapState::Normal;
    for (std::size_t i = 0; i < m_sitePoint.size(); ++i) {
      if (m_siteTier[i] > tier || !m_hasPosition[i]) continue;
      const ImVec2 p = ToScreen(m_sitePoint[i]);
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
  if (m_cache != nullptr) {
    // The layer is drawn once into a texture and shown as one quad until the view, a colour or the selection changes.
    std::uint64_t key = 1469598103934665603ULL;
    auto mix = [&](const void* data, std::size_t n) {
      const auto* b = static_cast<const unsigned char*>(data);
      for (std::size_t k = 0; k < n; ++k) key = (key ^ b[k]) * 1099511628211ULL;
    };
    mix(&m_centre, sizeof m_centre);
    mix(&m_scale, sizeof m_scale);
    mix(&m_rectSize, sizeof m_rectSize);
    mix(&m_stateHash, sizeof m_stateHash);
    mix(selectedSite.data(), selectedSite.size());
    mix(selectedLink.data(), selectedLink.size());
    const ImVec2 size = m_rectSize;
    const ImTextureID texture = m_cache->Layer(key, size, [&](ImDrawList* layer) {
      const ImVec2 saved = m_rectMin;
      m_rectMin = {0, 0};
      DrawLayer(layer, {0, 0}, size, snapshot, selectedSite, selectedLink);
      m_rectMin = saved;
    });
    if (texture != ImTextureID{}) {
      dl->AddImage(texture, lo, hi, {0, 1}, {1, 0});  // a GL texture's rows run bottom to top
      return hover;
    }
  }
  DrawLayer(dl, lo, hi, snapshot, selectedSite, selectedLink);
  return hover;
}

void MapView::DrawLayer(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const session::Snapshot* snapshot, const std::string& selectedSite,
                        const std::string& selectedLink) {
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
  for (const MapProvince& p : m_geo.provinces)
    for (const MapRing& r : p.rings) ring(r, IM_COL32(95, 115, 135, 255), 1.0f);
  for (const MapRing& r : m_geo.hoangSa) ring(r, IM_COL32(150, 170, 190, 255), 1.0f);
  for (const MapRing& r : m_geo.truongSa) ring(r, IM_COL32(150, 170, 190, 255), 1.0f);

  const int tier = VisibleTier();
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
    const ImVec2 pa = ToScreen(m_sitePoint[a]), pb = ToScreen(m_sitePoint[b]);
    if (SegmentOutside(pa, pb, cullLo, cullHi)) continue;
    if (std::fabs(pa.x - pb.x) + std::fabs(pa.y - pb.y) < 1.5f && !selected) continue;  // under a pixel: the sites' marks cover it
    ImU32 colour = MapStateColour(st);
    if (st == MapState::Normal) colour = m_linkBackup[l] ? IM_COL32(90, 160, 240, 255) : IM_COL32(70, 140, 95, 200);
    dl->AddLine(pa, pb, colour, selected ? 3.0f : (st == MapState::Lost || m_linkTier[l] == 0 ? 2.0f : 1.0f));
    ++m_drawnLinks;
  }
  m_drawnSites = 0;
  int selected = -1;
  for (std::size_t i = 0; i < m_sitePoint.size(); ++i) {
    if (m_siteTier[i] > tier || !m_hasPosition[i]) continue;
    const ImVec2 p = ToScreen(m_sitePoint[i]);
    if (p.x < cullLo.x || p.x > cullHi.x || p.y < cullLo.y || p.y > cullHi.y) continue;
    const MapState st = ShownState(static_cast<int>(i));
    const float r = kTierRadius[m_siteTier[i]] + (st == MapState::Lost ? 1.5f : 0.0f);
    // llvmpipe pays per triangle too: communes are small squares (2 triangles), districts hexagons, the rest octagons.
    if (m_siteTier[i] == 2) dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, MapStateColour(st));
    else dl->AddCircleFilled(p, r, MapStateColour(st), m_siteTier[i] == 1 ? 6 : 8);
    if (st == MapState::Lost) dl->AddCircle(p, r + 2.5f, IM_COL32(255, 90, 90, 255), 8, 1.0f);  // failed: marked
    ++m_drawnSites;
    if (!selectedSite.empty() && m_twin.Sites()[i].id == selectedSite) selected = static_cast<int>(i);
  }
  if (selected >= 0) dl->AddCircle(ToScreen(m_sitePoint[selected]), 9.0f, IM_COL32(255, 255, 255, 255), 16, 2.0f);
  dl->Flags = savedFlags;
  dl->PopClipRect();
}

}  // namespace netdrill::ui
