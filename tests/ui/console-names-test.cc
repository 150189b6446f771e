// The console as an operator reads it: severity from impact in the alarm list,
// elements by name, the terminal's errors once.
#include "tests/ui/console-support.h"
#include "twin/generator.h"
#include "twin/twin-yaml.h"
#include "twin/write-file.h"

#include <filesystem>
#include <fstream>

using namespace netdrill;
using namespace netdrill::test;

namespace {

// A drill on Hà Giang's network (2024) where ten communes of Đồng Văn hang from one duct,
// with its events; the twin is written beside it (network: file:...).
std::string WriteSeverityDrill(const std::string& name, const std::string& events) {
  const auto dir = std::filesystem::temp_directory_path() / "netdrill-console-severity";
  std::filesystem::create_directories(dir);
  twin::Diagnostics diags;
  auto t = twin::Generate("province-2024:02", 1, {}, twin::AssetsDir(), diags);
  REQUIRE(t);
  const twin::SrgId duct = t->AddSrg({"duct:026-north", "Ống cống phía bắc Đồng Văn", "Dong Van north duct"});
  const twin::SiteId district = t->FindSite("district:026");
  int inDuct = 0;
  for (std::size_t l = 0; l < t->Links().size() && inDuct < 10; ++l) {
    twin::Link& link = t->GetLink(twin::LinkId(static_cast<std::uint32_t>(l)));
    const twin::Site& a = t->GetSite(t->GetNode(link.a).site);
    if (link.role != twin::LinkRole::Primary || a.level != twin::SiteLevel::Commune || a.parent != district ||
        t->GetNode(link.b).site != district)
      continue;
    link.srgs.push_back(duct);
    ++inDuct;
  }
  REQUIRE(inDuct == 10);
  REQUIRE(twin::WriteFileAtomic((dir / "dong-van.yaml").string(), twin::SaveTwinYaml(*t), diags));
  const auto file = dir / (name + ".yaml");
  std::ofstream(file) << "drill: 1\nid: " << name << R"(
title: {vi: Mức độ theo ảnh hưởng, en: Severity from impact}
briefing: {vi: Kiểm thử., en: A test.}
duration: 10m
clock: "08:00"
network: file:dong-van.yaml
events:
)" << events << R"(objectives:
  - id: look
    title: {vi: Xem cảnh báo, en: Look at the alarms}
    task: action
    command: "show alarms"
    by: 10m
    weight: 100
)";
  return file.string();
}

// The alarm list's rows as the console drew them in the last frame ("row: severity | clock | element | type | text").
std::vector<std::string> AlarmRowsShown() {
  std::vector<std::string> rows;
  for (const auto& [label, rect] : ui::ProbedItems())
    if (label.rfind("row: ", 0) == 0) rows.push_back(label.substr(5));
  return rows;
}

std::string Join(const std::vector<std::string>& rows) {
  std::string out;
  for (const std::string& r : rows) out += r + "\n";
  return out;
}

bool RowShown(const std::string& start) {
  for (const std::string& r : AlarmRowsShown())
    if (r.rfind(start, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("console: severity follows impact, and the alarm list names what it shows", "[ui]") {
  SECTION("the province cut off: a critical root, by the province's and the route's names") {
    Drill d;
    d.Start(WriteSeverityDrill("province-cut", "  - at: 10s\n    do: \"fault cut:route:02-primary\"\n"
                                               "  - at: 10s\n    do: \"fault cut:route:02-secondary\"\n"));
    d.RunTo(60);
    INFO(Join(AlarmRowsShown()));
    // Both uplinks are roots; what they cut off (Hà Giang and all below it) makes them critical.
    CHECK(RowShown("Nghiêm trọng | 08:00:11 | Hà Giang – Trung tâm vùng Hà Nội (cáp quang, tuyến 1) | Liên kết mất tín hiệu | "
                   "Liên kết Hà Giang – Trung tâm vùng Hà Nội (cáp quang, tuyến 1) mất tín hiệu"));
    CHECK(RowShown("Nghiêm trọng | 08:00:11 | Hà Giang – Trung tâm dự phòng Hải Phòng (cáp quang, tuyến 1) | Liên kết mất tín hiệu"));
    CHECK_FALSE(RowShown("Quan trọng"));
  }
  SECTION("one commune's fibre: a minor root, by the commune's name with its district and province") {
    Drill d;
    const std::string commune = "commune:00688";  // Phường Quang Trung, Thành phố Hà Giang
    d.Start(WriteSeverityDrill("commune-cut", "  - at: 10s\n    do: \"fault cut:" + commune + "--district:024\"\n"));
    d.RunTo(60);
    INFO(Join(AlarmRowsShown()));
    CHECK(RowShown("Thứ yếu | 08:00:11 | Phường Quang Trung – Thành phố Hà Giang (cáp quang) | Liên kết mất tín hiệu"));
    CHECK_FALSE(RowShown("Nghiêm trọng"));
    CHECK_FALSE(RowShown("Quan trọng"));
    // Unfolded, its impacted alarm names the commune with its parents.
    d.console->State().openAlarms.insert(d.host.Latest()->alarms->front().id);
    for (const auto& a : *d.host.Latest()->alarms) d.console->State().openAlarms.insert(a.id);
    d.harness.Frames(*d.console, 2);
    CHECK(d.harness.Find("Phường Quang Trung, Hà Giang, Hà Giang"));
  }
  SECTION("ten communes of one district in one duct: a major root") {
    Drill d;
    d.Start(WriteSeverityDrill("duct-cut", "  - at: 10s\n    do: \"fault cut:duct:026-north\"\n"));
    d.RunTo(60);
    INFO(Join(AlarmRowsShown()));
    CHECK(RowShown("Quan trọng | 08:00:11 | Ống cống phía bắc Đồng Văn | Đứt cả nhóm rủi ro chung | "
                   "Nhóm rủi ro chung Ống cống phía bắc Đồng Văn: cả 10 liên kết đều mất tín hiệu"));
    CHECK_FALSE(RowShown("Nghiêm trọng"));
    // In English, the same row in English words (no Vietnamese left from the cache).
    d.console->State().lang = ui::Lang::En;
    d.harness.Frames(*d.console, 2);
    INFO(Join(AlarmRowsShown()));
    CHECK(RowShown("Major | 08:00:11 | Dong Van north duct | Shared-risk group cut | "
                   "Shared-risk group Dong Van north duct: all 10 links down"));
  }
}

TEST_CASE("console: a wrong command in the terminal prints its error once", "[ui]") {
  Drill d;
  d.Start();
  d.harness.Frames(*d.console, 2);
  auto errors = [&] {
    int n = 0;
    for (const auto& line : d.console->State().terminal) n += line.kind == ui::TerminalLine::Kind::Error;
    return n;
  };
  REQUIRE(d.harness.Click(*d.console, "##command"));
  d.harness.Type(*d.console, "pnig commune:1");
  REQUIRE(d.harness.Click(*d.console, Vi(ui::Str::TerminalRun)));
  d.RunTo(d.Now() + 2);
  CHECK(errors() == 1);
  // Refused by the console's host, not the session (over the trainee's speed limit): once too.
  d.console->State().outbox.push_back({"speed max", session::Role::Trainee, std::nullopt});
  d.harness.Frames(*d.console, 2);
  d.RunTo(d.Now() + 2);
  CHECK(errors() == 2);
}
