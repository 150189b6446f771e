// The console words every alarm the session raises in its own language
// (ui/alarm-wording.h): a name for its type and a text with every value filled.
#include "tests/session/session-support.h"
#include "tests/twin/test-support.h"
#include "ui/alarm-wording.h"

#include <set>

using namespace netdrill;
using netdrill::test::Do;
using session::Role;

TEST_CASE("alarm wording: a pattern takes the element's name and the alarm's values", "[ui]") {
  std::string out;
  CHECK(ui::FillPattern("Liên kết {r} mất tín hiệu {0} lần", "Hà Giang", {"3"}, &out));
  CHECK(out == "Liên kết Hà Giang mất tín hiệu 3 lần");
  CHECK_FALSE(ui::FillPattern("{0} / {1}", "x", {"1"}, &out));  // a value missing: the caller falls back
  CHECK(ui::FillPattern("{unknown} {", "x", {}, &out));
  CHECK(out == "{unknown} {");
  session::Alarm a;
  a.type = "link-down";
  CHECK(ui::AlarmWording(a, "Hà Giang – Trung tâm vùng Hà Nội", ui::Lang::Vi, "fallback") ==
        "Liên kết Hà Giang – Trung tâm vùng Hà Nội mất tín hiệu");
  a.args = {"extra"};  // other values than the type quotes: the session's own text
  CHECK(ui::AlarmWording(a, "x", ui::Lang::Vi, "fallback") == "fallback");
  a.type = "something-new";
  a.args.clear();
  CHECK(ui::AlarmWording(a, "x", ui::Lang::Vi, "fallback") == "fallback");
  CHECK(ui::AlarmTypeLabel("something-new", ui::Lang::Vi) == "something-new");
  // The types the busy drill below does not reach, with the values their rules quote.
  const std::pair<const char*, std::vector<std::string>> kOthers[] = {
      {"high-loss", {"5"}},       {"high-delay", {"80"}},          {"srg-cut", {"10"}},
      {"admin-down", {}},         {"congestion", {"97 %"}},        {"mcu-failure", {}},
      {"traffic-anomaly", {}},    {"conference-quality", {"3", "40", "2"}}};
  for (const auto& [type, args] : kOthers) {
    a.type = type;
    a.args = args;
    INFO(type);
    const std::string vi = ui::AlarmWording(a, "<element>", ui::Lang::Vi, "fallback");
    CHECK(vi.find("<element>") != std::string::npos);
    CHECK(vi.find('{') == std::string::npos);
    for (const std::string& v : args) CHECK(vi.find(v) != std::string::npos);
    CHECK(ui::AlarmTypeLabel(type, ui::Lang::Vi) != type);
  }
  a.type = "mains-failure";
  a.args = {"generator"};
  CHECK(ui::AlarmWording(a, "Hải Phòng", ui::Lang::Vi, "") == "Mất điện lưới tại Hải Phòng: đang chạy máy phát điện");
  CHECK(ui::AlarmWording(a, "Hai Phong", ui::Lang::En, "") == "Mains power lost at Hai Phong: on its generator");
  a.args = {"battery"};  // the value picks the pattern
  CHECK(ui::AlarmWording(a, "Hải Phòng", ui::Lang::Vi, "") == "Mất điện lưới tại Hải Phòng: đang dùng ắc quy");
}

TEST_CASE("alarm wording: every alarm a busy drill raises has a type name and a text in both languages", "[ui]") {
  const twin::Twin& t = test::Preset("tiny");
  auto s = test::FakeSession(t);
  for (const char* fault :
       {"fault cut:route:02-primary", "fault power-loss:commune:00688", "fault generator-fail:province:02",
        "fault power-loss:province:02", "fault noise:network[rate=600]", "fault vrf-leak:centre:01/r1",
        "fault intrusion:province:02", "fault down:district:024/r1", "fault degrade:route:02-secondary[loss=5,delay=80]"})
    Do(*s, fault, Role::Instructor);
  std::string flapping;  // another commune's fibre
  for (const twin::Link& l : t.Links()) {
    const twin::Site& a = t.GetSite(t.GetNode(l.a).site);
    if (a.level == twin::SiteLevel::Commune && a.id != "commune:00688") {
      flapping = l.id;
      break;
    }
  }
  REQUIRE_FALSE(flapping.empty());
  Do(*s, "fault flap:" + flapping + "[period=60,down=20]", Role::Instructor);
  s->RunUntil(3 * 3600.0);
  std::set<std::string> types;
  for (const session::Alarm& a : s->Alarms().Alarms()) {
    types.insert(a.type);
    INFO(a.type << ": " << a.text);
    ui::Str key{};
    CHECK(ui::AlarmTypeStr(a.type, &key));
    for (ui::Lang lang : {ui::Lang::Vi, ui::Lang::En}) {
      const std::string words = ui::AlarmWording(a, "<element>", lang, "<fallback>");
      CHECK(words != "<fallback>");
      CHECK(words.find("<element>") != std::string::npos);
      CHECK(words.find('{') == std::string::npos);
    }
  }
  std::string seen;
  for (const std::string& type : types) seen += type + " ";
  INFO(seen);
  CHECK(types.size() >= 10);  // the test reaches most of the rules, not one of them
}
