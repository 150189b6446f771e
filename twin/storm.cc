#include "twin/storm.h"

#include <algorithm>
#include <cmath>

namespace netdrill::twin {
namespace {

constexpr double kKmPerDegreeLat = 110.574;
constexpr double kKmPerDegreeLonAtEquator = 111.320;
constexpr double kPi = 3.14159265358979323846;

// Kilometres east and north of `origin`, on a plane tangent there (a few hundred km: good to a percent).
struct Km {
  double x = 0.0, y = 0.0;
};
Km Project(GeoPoint origin, GeoPoint p) {
  return {(p.lon - origin.lon) * kKmPerDegreeLonAtEquator * std::cos(origin.lat * kPi / 180.0),
          (p.lat - origin.lat) * kKmPerDegreeLat};
}

}  // namespace

double StormReaches(const StormTrack& track, GeoPoint point) {
  if (track.eye.empty()) return -1.0;
  const double legS = track.hoursPerProvince * 3600.0;
  const double r2 = track.radiusKm * track.radiusKm;
  for (std::size_t i = 0; i + 1 < track.eye.size(); ++i) {
    // The eye at A + s (B - A), s in [0, 1], over one leg; the first s within the radius.
    const Km a = Project(point, track.eye[i]);
    const Km b = Project(point, track.eye[i + 1]);
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double qa = dx * dx + dy * dy, qb = 2.0 * (a.x * dx + a.y * dy), qc = a.x * a.x + a.y * a.y - r2;
    if (qc <= 0.0) return static_cast<double>(i) * legS;
    const double disc = qb * qb - 4.0 * qa * qc;
    if (qa <= 0.0 || disc < 0.0) continue;
    const double s = (-qb - std::sqrt(disc)) / (2.0 * qa);
    if (s >= 0.0 && s <= 1.0) return (static_cast<double>(i) + s) * legS;
  }
  // It lingers over the last province.
  const Km last = Project(point, track.eye.back());
  if (last.x * last.x + last.y * last.y <= r2) return static_cast<double>(track.eye.size() - 1) * legS;
  return -1.0;
}

StormHits StormFootprint(const Twin& twin, const StormTrack& track) {
  StormHits hits;
  hits.lastsS = static_cast<double>(track.eye.size()) * track.hoursPerProvince * 3600.0;
  std::vector<double> siteAt(twin.Sites().size(), -1.0);
  for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) {
    const Site& site = twin.GetSite(SiteId(s));
    if (!site.position) continue;
    siteAt[s] = StormReaches(track, *site.position);
    if (siteAt[s] >= 0.0) hits.sites.emplace_back(siteAt[s], SiteId(s));
  }
  std::vector<double> groupAt(twin.Srgs().size(), -1.0);
  for (const Link& link : twin.Links()) {
    for (NodeId end : {link.a, link.b}) {
      const double t = siteAt[twin.GetNode(end).site.Index()];
      if (t < 0.0) continue;
      for (SrgId g : link.srgs) {
        double& first = groupAt[g.Index()];
        if (first < 0.0 || t < first) first = t;
      }
    }
  }
  for (std::uint32_t g = 0; g < groupAt.size(); ++g) {
    if (groupAt[g] >= 0.0) hits.groups.emplace_back(groupAt[g], SrgId(g));
  }
  std::sort(hits.sites.begin(), hits.sites.end());
  std::sort(hits.groups.begin(), hits.groups.end());
  return hits;
}

}  // namespace netdrill::twin
