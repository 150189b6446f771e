// A storm's footprint (twin/storm.h), worked out by hand on Quảng Trị, Huế and Đà Nẵng (2025).
#include "tests/twin/test-support.h"
#include "twin/storm.h"

#include <algorithm>

using namespace netdrill::twin;
using netdrill::test::Preset;

TEST_CASE("storm: a footprint crossing two provinces cuts exactly the groups it comes near, when it does", "[twin]") {
  const Twin& t = Preset("province-2025:44,46,48");
  // The eye leaves Quảng Trị's centre (17.2405 N, 106.5268 E) for Huế (16.3316 N, 107.5173 E):
  // 100.5 km south and 105.3 km east, 145.6 km in 2 hours. With a 20 km radius it is over
  // Quảng Trị at once and within 20 km of Huế (the province and the backup centre share the
  // point) at 1 - 20 / 145.6 of the leg: 1.725 h. Đà Nẵng is 91 km from Huế: never reached.
  StormTrack track;
  track.eye = {*t.GetSite(t.FindSite("province:44")).position, *t.GetSite(t.FindSite("province:46")).position};
  track.radiusKm = 20.0;
  track.hoursPerProvince = 2.0;
  const StormHits hits = StormFootprint(t, track);
  CHECK(hits.lastsS == 4 * 3600.0);
  std::map<std::string, double> cut;
  for (const auto& [at, g] : hits.groups) cut[t.Srgs()[g.Index()].id] = at;
  // Every group with a link end at Quảng Trị, Huế or the Huế backup centre; none of Đà Nẵng's own.
  const std::vector<std::string> expected{"route:01-46-a",     "route:01-46-b",       "route:44-primary",
                                          "route:44-secondary", "route:46-primary",    "route:46-secondary",
                                          "route:48-46-a",      "route:48-46-b",       "route:48-secondary"};
  std::vector<std::string> got;
  for (const auto& [id, at] : cut) got.push_back(id);
  CHECK(got == expected);
  CHECK(cut["route:44-primary"] == 0.0);
  CHECK(cut["route:44-secondary"] == 0.0);
  for (const char* huế : {"route:46-primary", "route:01-46-a", "route:48-secondary"}) {
    INFO(huế);
    CHECK(cut[huế] == Approx(1.725 * 3600.0).epsilon(0.01));
  }
  // Mains: Quảng Trị's province site at once, Huế's at 1.725 h, Đà Nẵng's never.
  std::map<std::string, double> mains;
  for (const auto& [at, s] : hits.sites) mains[t.GetSite(s).id] = at;
  CHECK(mains.at("province:44") == 0.0);
  CHECK(mains.at("province:46") == Approx(1.725 * 3600.0).epsilon(0.01));
  CHECK(mains.count("province:48") == 0);
  CHECK(mains.count("centre:48") == 0);
  // The hits come in time order.
  CHECK(std::is_sorted(hits.groups.begin(), hits.groups.end()));
  CHECK(std::is_sorted(hits.sites.begin(), hits.sites.end()));
}

TEST_CASE("storm: an eye that never comes near reaches nothing, one that starts inside reaches at once", "[twin]") {
  StormTrack track;
  track.eye = {{21.0, 105.8}, {21.0, 106.8}};  // 104 km due east, along the parallel
  track.radiusKm = 10.0;
  track.hoursPerProvince = 1.0;
  CHECK(StormReaches(track, {21.0, 105.8}) == 0.0);
  CHECK(StormReaches(track, {21.5, 106.3}) < 0.0);  // 55 km north of the track
  // Halfway along, 5 km north of it: reached when the eye is within 10 km, sqrt(100 - 25) = 8.7 km before.
  const double halfway = StormReaches(track, {21.0 + 5.0 / 110.574, 106.3});
  CHECK(halfway == Approx((0.5 - 8.66 / 103.9) * 3600.0).epsilon(0.01));
  // After the last leg it lingers over the last province: a point within the radius of it is reached on arrival.
  track.eye = {{21.0, 105.8}};
  CHECK(StormReaches(track, {21.05, 105.8}) == 0.0);
}
