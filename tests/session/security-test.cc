// Security incidents on the fake network (session/security.h): a VRF leak and an
// intrusion on a router's management plane, their alarms, and what ends them.
#include "session/fake-network-model.h"
#include "session/session.h"
#include "tests/session/session-support.h"
#include "tests/twin/test-support.h"

using namespace netdrill;
using namespace netdrill::session;
using netdrill::test::ActiveAlarm;
using netdrill::test::Do;
using netdrill::test::Preset;

TEST_CASE("security: a VRF leak and an intrusion are major alarms until withdrawn and locked out", "[session]") {
  const twin::Twin& t = Preset("tiny");
  auto s = test::FakeSession(t);
  // Nothing to withdraw or lock yet: the answers say so, and the commands are blind changes.
  CHECK(Do(*s, "withdraw-vrf-leak centre:01/r1").find("nothing to withdraw") != std::string::npos);
  CHECK(Do(*s, "lock-mgmt centre:01/r1").find("nothing to lock") != std::string::npos);
  CHECK(s->Applied().back().blind);
  // A trainee cannot inject them.
  CHECK(Do(*s, "vrf-leak centre:01/r1").find("error") != std::string::npos);
  Do(*s, "fault vrf-leak:centre:01/r1", Role::Instructor);
  Do(*s, "fault intrusion:province:02", Role::Instructor);
  s->RunUntil(5.0);
  const Alarm* leak = ActiveAlarm(*s, "centre:01/r1", "vrf-leak");
  const Alarm* intruder = ActiveAlarm(*s, "province:02", "unauthorised-access");
  REQUIRE(leak != nullptr);
  REQUIRE(intruder != nullptr);
  // A breach is major whatever it cuts off (nothing here), and a root of its own.
  CHECK(leak->severity == AlarmSeverity::Major);
  CHECK(intruder->severity == AlarmSeverity::Major);
  CHECK(leak->isRoot);
  // No packet moves differently: the province still answers.
  CHECK_FALSE(s->Alarms().IsActive("province:02", "unreachable"));
  CHECK(Do(*s, "withdraw-vrf-leak centre:01/r1").find("withdrawn") != std::string::npos);
  CHECK_FALSE(s->Applied().back().blind);
  CHECK(Do(*s, "lock-mgmt province:02").find("closed to all but the NOC") != std::string::npos);
  CHECK(s->Security().Locked(t.FirstNode(t.FindSite("province:02"))));
  CHECK(Do(*s, "message security: VRF leak at centre:01/r1 withdrawn").find("the security team") != std::string::npos);
  s->RunUntil(10.0);
  CHECK(ActiveAlarm(*s, "centre:01/r1", "vrf-leak") == nullptr);
  CHECK(ActiveAlarm(*s, "province:02", "unauthorised-access") == nullptr);
}
