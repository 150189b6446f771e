// Alarm noise on the fake network model (session/noise.h): unrelated minor alarms at a
// set rate, and a flapping link, leave root-cause folding as it was.
#include "session/fake-network-model.h"
#include "session/noise.h"
#include "session/session.h"
#include "tests/session/session-support.h"
#include "tests/twin/test-support.h"

#include <algorithm>

using namespace netdrill;
using namespace netdrill::session;
using netdrill::test::ActiveAlarm;
using netdrill::test::Do;
using netdrill::test::Preset;

namespace {

// The incident's roots: every active root that is not noise, as "resource type".
std::vector<std::string> IncidentRoots(const Session& s) {
  std::vector<std::string> out;
  for (const Alarm* a : s.Alarms().ActiveRoots()) {
    if (!Noise::IsNoiseType(a->type)) out.push_back(a->resource + " " + a->type);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("noise: minor alarms at a set rate leave the incident's roots and their folding unchanged", "[session][noise]") {
  const twin::Twin& t = Preset("tiny");
  auto quiet = test::FakeSession(t);
  auto noisy = test::FakeSession(t);
  for (Session* s : {quiet.get(), noisy.get()}) Do(*s, "fault cut:district:001--province:01", Role::Instructor);
  Do(*noisy, "fault noise:network[rate=120]", Role::Instructor);  // 120 an hour: about 60 in the half hour
  int noiseSeen = 0, noiseCleared = 0;
  for (double at = 60.0; at <= 1800.0; at += 60.0) {
    quiet->RunUntil(at);
    noisy->RunUntil(at);
    INFO("at " << at);
    // The cut's one root, with the district and its commune under it, in both runs.
    CHECK(IncidentRoots(*noisy) == IncidentRoots(*quiet));
    CHECK(IncidentRoots(*noisy) == std::vector<std::string>{"district:001--province:01 link-down"});
    for (const Alarm* root : noisy->Alarms().ActiveRoots()) {
      if (Noise::IsNoiseType(root->type)) {
        CHECK(root->impacted.empty());  // noise explains nothing
        CHECK(root->severity <= AlarmSeverity::Minor);
      }
    }
  }
  for (const Alarm& a : noisy->Alarms().Alarms()) {
    if (!Noise::IsNoiseType(a.type)) continue;
    ++noiseSeen;
    noiseCleared += !a.Active();
    // A dark district reports nothing: no noise from it or from the commune behind it.
    CHECK(a.resource != "district:001");
    CHECK(a.resource != "commune:00001");
  }
  CHECK(noiseSeen >= 30);
  CHECK(noiseSeen <= 90);
  CHECK(noiseCleared > 0);  // they clear by themselves, 3 to 30 minutes after
  // The same seed makes the same noise.
  auto again = test::FakeSession(t);
  Do(*again, "fault cut:district:001--province:01", Role::Instructor);
  Do(*again, "fault noise:network[rate=120]", Role::Instructor);
  again->RunUntil(1800.0);
  CHECK(again->Alarms().Alarms().size() == noisy->Alarms().Alarms().size());
  // Rate 0 stops new noise.
  Do(*noisy, "fault noise:network[rate=0]", Role::Instructor);
  const std::size_t before = noisy->Alarms().Alarms().size();
  noisy->RunUntil(3600.0);
  for (std::size_t i = before; i < noisy->Alarms().Alarms().size(); ++i) {
    CHECK_FALSE(Noise::IsNoiseType(noisy->Alarms().Alarms()[i].type));
  }
}

TEST_CASE("noise: a flapping link is one alarm, its losses of signal fold under it, a team ends it", "[session][noise]") {
  const twin::Twin& t = Preset("tiny");
  auto s = test::FakeSession(t);
  const std::string link = "commune:00001--district:001";
  Do(*s, "fault flap:" + link + "[period=60,down=20]", Role::Instructor);
  // Down at 0, 60, 120 s: the third loss of signal makes it flapping.
  s->RunUntil(110.0);
  CHECK_FALSE(s->Alarms().IsActive(link, "link-flapping"));
  s->RunUntil(125.0);
  REQUIRE(s->Alarms().IsActive(link, "link-flapping"));
  for (const Alarm* root : s->Alarms().ActiveRoots()) CHECK(root->type != "link-down");
  // In its lit phase the link is not cut, but a team can still be sent to a flapping one.
  s->RunUntil(150.0);
  CHECK(Do(*s, "dispatch " + link, Role::Trainee).find("field team dispatched to " + link) != std::string::npos);
  // Worked out: the team's job (EstimateRepair's median, no draw on the fake) ends the flapping.
  const auto teams = s->Network().Teams();
  double doneS = 0.0;
  for (const auto& team : teams) {
    if (team.link == link) doneS = team.doneS;
  }
  REQUIRE(doneS > 150.0);
  s->RunUntil(doneS + 700.0);
  CHECK_FALSE(s->Network().LinkDark(t.FindLink(link)));
  CHECK_FALSE(s->Alarms().IsActive(link, "link-down"));
  CHECK_FALSE(s->Alarms().IsActive(link, "link-flapping"));
  // Bad flaps are refused with the reason.
  CHECK(Do(*s, "fault flap:" + link + "[period=10,down=20]", Role::Instructor).find("0 < down < period") != std::string::npos);
  CHECK(Do(*s, "fault noise:everything", Role::Instructor).find("noise:network") != std::string::npos);
}

TEST_CASE("noise: planned works take a link out and bring it back, a team sent there is sent for nothing",
          "[session][noise]") {
  const twin::Twin& t = Preset("tiny");
  auto s = test::FakeSession(t);
  const std::string link = "commune:00001--district:001";
  Do(*s, "fault works:" + link + "[for=20m]", Role::Instructor);
  s->RunUntil(60.0);
  CHECK(s->Network().LinkDark(t.FindLink(link)));
  CHECK(s->Alarms().IsActive(link, "link-down"));  // the usual alarm: the announcement tells it apart
  Do(*s, "dispatch " + link, Role::Trainee);
  CHECK(s->Applied().back().blind);
  s->RunUntil(20 * 60.0 + 10.0);
  CHECK_FALSE(s->Network().LinkDark(t.FindLink(link)));
  CHECK_FALSE(s->Alarms().IsActive(link, "link-down"));
  CHECK(Do(*s, "fault works:" + link + "[for=soon]", Role::Instructor).find("duration like 30m") != std::string::npos);
}
