#include "ui/map-geometry.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace netdrill::ui {

namespace {

constexpr double kCosLat0 = 0.9612616959383189;  // cos(16°): Vietnam's middle
// East of this longitude, a polygon of Đà Nẵng or Khánh Hòa is at sea: an archipelago.
constexpr double kOffshoreLon = 110.5;

MapRing RingFrom(const nlohmann::json& coordinates) {
  MapRing ring;
  ring.min = {1e9f, 1e9f};
  ring.max = {-1e9f, -1e9f};
  for (const auto& c : coordinates) {
    const MapPoint p = Project(c.at(1).get<double>(), c.at(0).get<double>());
    ring.points.push_back(p);
    ring.min = {std::min(ring.min.x, p.x), std::min(ring.min.y, p.y)};
    ring.max = {std::max(ring.max.x, p.x), std::max(ring.max.y, p.y)};
  }
  if (ring.points.size() > 1) ring.points.pop_back();  // GeoJSON repeats the first point
  return ring;
}

// Every outer ring of a Polygon or MultiPolygon (holes are not drawn).
std::vector<MapRing> OuterRings(const nlohmann::json& geometry) {
  std::vector<MapRing> rings;
  const std::string type = geometry.at("type").get<std::string>();
  const auto& coords = geometry.at("coordinates");
  if (type == "Polygon") {
    rings.push_back(RingFrom(coords.at(0)));
  } else if (type == "MultiPolygon") {
    for (const auto& polygon : coords) rings.push_back(RingFrom(polygon.at(0)));
  }
  return rings;
}

std::optional<nlohmann::json> ReadJson(const std::string& path, twin::Diagnostics& diags) {
  std::ifstream in(path);
  if (!in) {
    diags.Error("cannot-read", path, {}, "", "cannot read the map's boundaries");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    diags.Error("bad-geojson", path, {}, "", e.what());
    return std::nullopt;
  }
}

MapPoint Centre(const std::vector<MapRing>& rings) {
  MapPoint lo{1e9f, 1e9f}, hi{-1e9f, -1e9f};
  for (const MapRing& r : rings) {
    lo = {std::min(lo.x, r.min.x), std::min(lo.y, r.min.y)};
    hi = {std::max(hi.x, r.max.x), std::max(hi.y, r.max.y)};
  }
  return {(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
}

}  // namespace

MapPoint Project(double lat, double lon) {
  return {static_cast<float>(lon * kCosLat0), static_cast<float>(-lat)};
}

std::optional<MapGeometry> LoadMapGeometry(const std::string& assetsDir, int era, twin::Diagnostics& diags) {
  const std::string dir = assetsDir + "/data/";
  const auto provinces = ReadJson(dir + "vn-provinces-" + std::to_string(era) + ".geojson", diags);
  const auto archipelagos = era == 2025 ? provinces : ReadJson(dir + "vn-provinces-2025.geojson", diags);
  if (!provinces || !archipelagos) return std::nullopt;
  MapGeometry g;
  const float offshoreX = Project(0, kOffshoreLon).x;
  try {
    for (const auto& f : provinces->at("features")) {
      MapProvince p;
      p.code = f.at("properties").value("code", f.value("id", ""));
      p.name = f.at("properties").value("name_vi", f.at("properties").value("name", ""));
      for (MapRing& r : OuterRings(f.at("geometry"))) {
        if (r.min.x > offshoreX) continue;  // drawn below, as an archipelago
        p.rings.push_back(std::move(r));
      }
      g.provinces.push_back(std::move(p));
    }
    for (const auto& f : archipelagos->at("features")) {
      // By code: Đà Nẵng (48) holds Hoàng Sa, Khánh Hòa (56) Trường Sa.
      const std::string code = f.at("properties").value("code", "");
      std::vector<MapRing>* into = nullptr;
      if (code == "48") into = &g.hoangSa;
      if (code == "56") into = &g.truongSa;
      if (into == nullptr) continue;
      for (MapRing& r : OuterRings(f.at("geometry"))) {
        if (r.min.x > offshoreX) into->push_back(std::move(r));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    diags.Error("bad-geojson", dir, {}, "", e.what());
    return std::nullopt;
  }
  if (g.hoangSa.empty() || g.truongSa.empty()) {
    diags.Error("no-archipelagos", dir + "vn-provinces-2025.geojson", {}, "",
                "the Hoàng Sa and Trường Sa archipelagos are missing: a map of Vietnam must show them");
    return std::nullopt;
  }
  g.hoangSaLabel = Centre(g.hoangSa);
  g.truongSaLabel = Centre(g.truongSa);
  g.min = {1e9f, 1e9f};
  g.max = {-1e9f, -1e9f};
  auto grow = [&](const MapRing& r) {
    g.min = {std::min(g.min.x, r.min.x), std::min(g.min.y, r.min.y)};
    g.max = {std::max(g.max.x, r.max.x), std::max(g.max.y, r.max.y)};
  };
  for (const auto& p : g.provinces)
    for (const auto& r : p.rings) grow(r);
  for (const auto& r : g.hoangSa) grow(r);
  for (const auto& r : g.truongSa) grow(r);
  return g;
}

}  // namespace netdrill::ui
