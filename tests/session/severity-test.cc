// Severity as one function of impact (session/severity.h), on its table and
// through the alarms a session raises on the fake network.
#include "session/session.h"
#include "session/severity.h"
#include "tests/session/session-support.h"
#include "tests/twin/test-support.h"

#include <catch2/catch.hpp>

using namespace netdrill;
using namespace netdrill::session;
using netdrill::test::Preset;

namespace {

std::vector<twin::SiteId> Sites(const twin::Twin& t, twin::SiteLevel level, std::size_t n) {
  std::vector<twin::SiteId> out;
  for (const twin::Site& s : t.Sites()) {
    if (s.level == level && out.size() < n) out.push_back(t.FindSite(s.id));
  }
  return out;
}

AlarmSeverity SeverityOn(Session& s, const std::string& resource, const std::string& type) {
  for (const Alarm& a : s.Alarms().Alarms()) {
    if (a.Active() && a.resource == resource && a.type == type) return a.severity;
  }
  FAIL("no active " << type << " alarm on " << resource);
  return AlarmSeverity::Cleared;
}

}  // namespace

TEST_CASE("severity: the table, by what is lost", "[session][severity]") {
  const twin::Twin& t = Preset("province-2024:44");
  Impact nothing;
  CHECK(SeverityOf(t, nothing) == AlarmSeverity::Warning);
  Impact link;
  link.serviceLost = true;
  CHECK(SeverityOf(t, link) == AlarmSeverity::Minor);
  Impact nine{Sites(t, twin::SiteLevel::Commune, 9), 0.0, false, true};
  CHECK(SeverityOf(t, nine) == AlarmSeverity::Minor);
  Impact ten{Sites(t, twin::SiteLevel::Commune, 10), 0.0, false, true};
  CHECK(SeverityOf(t, ten) == AlarmSeverity::Major);
  Impact district{Sites(t, twin::SiteLevel::District, 1), 0.0, false, true};
  CHECK(SeverityOf(t, district) == AlarmSeverity::Major);
  Impact province{Sites(t, twin::SiteLevel::Province, 1), 0.0, false, true};
  CHECK(SeverityOf(t, province) == AlarmSeverity::Critical);
  Impact conference;
  conference.conferenceLostShare = 0.051;
  CHECK(SeverityOf(t, conference) == AlarmSeverity::Critical);
  conference.conferenceLostShare = 0.05;
  conference.areaConferenceLost = true;
  CHECK(SeverityOf(t, conference) == AlarmSeverity::Major);
}

TEST_CASE("severity: a failure's alarm is as severe as what it cuts off", "[session][severity]") {
  const twin::Twin& t = Preset("tiny");
  auto s = test::FakeSession(t);
  // By hand: commune 00001 hangs from district 001 by this fibre alone: one commune, minor.
  s->Submit("fault cut:commune:00001--district:001", Role::Instructor);
  s->RunUntil(5.0);
  CHECK(SeverityOn(*s, "commune:00001--district:001", "link-down") == AlarmSeverity::Minor);
  CHECK(SeverityOn(*s, "commune:00001", "unreachable") == AlarmSeverity::Minor);
  // District 001's uplink: the district and its commune, major.
  s->Submit("fault cut:district:001--province:01", Role::Instructor);
  s->RunUntil(10.0);
  CHECK(SeverityOn(*s, "district:001--province:01", "link-down") == AlarmSeverity::Major);
  // Province 02's two routes to the core: the province cut off, both critical.
  s->Submit("fault cut:route:02-primary", Role::Instructor);
  s->Submit("fault cut:route:02-secondary", Role::Instructor);
  s->RunUntil(15.0);
  CHECK(SeverityOn(*s, "province:02--centre:01/r2", "link-down") == AlarmSeverity::Critical);
  CHECK(SeverityOn(*s, "province:02--centre:31/r2", "link-down") == AlarmSeverity::Critical);
  CHECK(SeverityOn(*s, "province:02", "unreachable") == AlarmSeverity::Critical);
}

TEST_CASE("severity: a dark commune inside a cut-off province explains only itself", "[session][severity]") {
  const twin::Twin& t = Preset("tiny");
  auto s = test::FakeSession(t);
  // Hà Giang cut off from the core, then a commune under it runs its battery out (2 h):
  // the commune's router is down on the edge of the cut-off region, yet up it would
  // join nothing to the core, so it is not a root of the province's loss.
  s->Submit("fault cut:route:02-primary", Role::Instructor);
  s->Submit("fault cut:route:02-secondary", Role::Instructor);
  s->Submit("fault power-loss:commune:00688", Role::Instructor);
  s->RunUntil(2 * 3600.0 + 60.0);
  CHECK(SeverityOn(*s, "commune:00688", "battery-exhausted") == AlarmSeverity::Minor);
  CHECK(SeverityOn(*s, "province:02--centre:01/r2", "link-down") == AlarmSeverity::Critical);
  for (const Alarm& a : s->Alarms().Alarms()) {
    if (!a.Active() || a.type != "unreachable" || a.resource != "district:024") continue;
    INFO(a.resource);
    for (const std::string& cause : a.rootCauses) CHECK(cause.find("commune:00688") == std::string::npos);
  }
}
