#include "test-support.h"
#include "twin/analysis.h"
#include "twin/admin-data.h"
#include "twin/csv.h"
#include "twin/stats.h"
#include "twin/text.h"
#include "twin/twin-yaml.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace netdrill::twin;
using netdrill::test::Preset;

namespace {

int CountLevel(const Twin& t, SiteLevel level) {
  return static_cast<int>(std::count_if(t.Sites().begin(), t.Sites().end(),
                                        [&](const Site& s) { return s.level == level; }));
}

}  // namespace

TEST_CASE("national-2024 has the real provinces, districts and communes", "[twin]") {
  const Twin& t = Preset("national-2024");
  CHECK(t.era == 2024);
  CHECK(CountLevel(t, SiteLevel::Province) == 63);
  CHECK(CountLevel(t, SiteLevel::District) == 700);  // 699 of the data + Hoàng Sa
  CHECK(CountLevel(t, SiteLevel::Commune) == 10542);
  CHECK(CountLevel(t, SiteLevel::RegionalCentre) == 3);
  CHECK(CountLevel(t, SiteLevel::BackupCentre) == 3);
  CHECK(CountLevel(t, SiteLevel::CentralAgency) == 40);

  // Every district and commune of the data file is there, with its real name.
  Diagnostics diags;
  auto data = LoadAdminData(2024, AssetsDir(), diags);
  REQUIRE(data.has_value());
  for (const AdminUnit& c : data->communes) {
    const SiteId id = t.FindSite("commune:" + c.code);
    REQUIRE(id.IsValid());
    CHECK(t.GetSite(id).name == c.nameVi);
  }
  for (const AdminUnit& d : data->districts) REQUIRE(t.FindSite("district:" + d.code).IsValid());
  const SiteId hoangSa = t.FindSite("district:498");
  REQUIRE(hoangSa.IsValid());
  CHECK(t.GetSite(hoangSa).name == "Huyện Hoàng Sa");
  CHECK(t.GetSite(t.GetSite(hoangSa).parent).id == "province:48");
  CHECK(t.GetSite(t.FindSite("commune:00001")).name == "Phường Phúc Xá");
  for (const Site& s : t.Sites()) {
    INFO(s.id);
    CHECK(ToNfc(s.name) == s.name);
  }
}

TEST_CASE("national-2025 has 34 provinces, 3,321 communes and no district", "[twin]") {
  const Twin& t = Preset("national-2025");
  CHECK(t.era == 2025);
  CHECK(CountLevel(t, SiteLevel::Province) == 34);
  CHECK(CountLevel(t, SiteLevel::Commune) == 3321);
  CHECK(CountLevel(t, SiteLevel::District) == 0);
  CHECK(t.TotalEndpoints("2025") == 3761);
  CHECK(t.TotalEndpoints("2026") == 31000);
  // Capacities of the 2025 era: 4 G province uplinks, 200 M on 88 % of communes.
  int upgraded = 0, communes = 0;
  for (const Link& l : t.Links()) {
    const Site& a = t.GetSite(t.GetNode(l.a).site);
    if (a.level == SiteLevel::Province && l.srgs.size() == 1) CHECK(l.capacityMbps == 4000);
    if (a.level == SiteLevel::Commune && l.role == LinkRole::Primary && l.medium == Medium::Fibre) {
      ++communes;
      if (l.capacityMbps == 200) ++upgraded;
    }
  }
  CHECK(std::abs(static_cast<double>(upgraded) / communes - 0.88) < 0.001);
}

TEST_CASE("the 2023 profile puts 16,242 endpoints on national-2024", "[twin]") {
  CHECK(Preset("national-2024").TotalEndpoints("2023") == 16242);
  CHECK(Preset("national-2024").demands.activeProfile == "2023");
}

TEST_CASE("the national twins are connected and no single shared-risk group cuts a province off", "[twin]") {
  for (const char* preset : {"national-2024", "national-2025"}) {
    INFO(preset);
    const Twin& t = Preset(preset);
    const TwinAnalysis a = AnalyzeTwin(t);
    CHECK(a.n1.components == 1);
    CHECK(a.core.alreadyCut.sites == 0);
    REQUIRE(a.srgs.coreLoss.size() == t.Srgs().size());
    REQUIRE(t.Srgs().size() >= 98);  // two routes per province, two per pair of centres
    for (std::size_t g = 0; g < t.Srgs().size(); ++g) {
      INFO(t.Srgs()[g].id);
      CHECK(a.srgs.coreLoss[g].sites == 0);
    }
    // Every province has two uplinks on routes of their own.
    for (std::uint32_t i = 0; i < t.Sites().size(); ++i) {
      if (t.Sites()[i].level != SiteLevel::Province) continue;
      CHECK(a.core.nodeLoss[t.FirstNode(SiteId(i)).Index()].byPriority[1] == 1);  // only itself
    }
  }
}

TEST_CASE("a shared exit duct makes one group cut both uplinks, as a storm drill wants", "[twin]") {
  GeneratorParams params;
  params.sharedExitKm = 5;
  params.sharedExitProvinces = {"02"};
  Diagnostics diags;
  auto t = Generate("national-2024", 1, params, AssetsDir(), diags);
  REQUIRE(t.has_value());
  const SrgId exit = t->FindSrg("route:02-exit");
  REQUIRE(exit.IsValid());
  const TwinAnalysis a = AnalyzeTwin(*t);
  const SiteLoss& loss = a.srgs.coreLoss[exit.Index()];
  CHECK(loss.byPriority[1] == 1);  // the province of Hà Giang
  CHECK(loss.sites > 100);         // with its districts and communes
  CHECK(loss.endpoints > 0);
}

TEST_CASE("backup media follow the assumed parameters", "[twin]") {
  const Twin& t = Preset("national-2024");
  int with4G = 0, vsatPrimary = 0, vsatBackup = 0;
  for (std::uint32_t i = 0; i < t.Links().size(); ++i) {
    const Link& l = t.Links()[i];
    if (l.medium == Medium::Cellular4G) {
      ++with4G;
      CHECK(l.role == LinkRole::Backup);
      CHECK(l.capacityMbps == 20);
      CHECK_FALSE(t.IsEnabled(LinkId(i)));
      CHECK(t.DelayMs(LinkId(i)) >= 30.0);
    }
    if (l.medium == Medium::Vsat) {
      (l.role == LinkRole::Primary ? vsatPrimary : vsatBackup)++;
      CHECK(t.DelayMs(LinkId(i)) >= 270.0);
    }
  }
  CHECK(with4G == static_cast<int>(std::lround(0.3 * 10542)));
  CHECK(vsatPrimary == 1);  // Trường Sa district
  CHECK(vsatBackup > 40);   // island communes and districts
  // Trường Sa's uplink is VSAT; Hoàng Sa's site is in Đà Nẵng, on fibre.
  const SiteId truongSa = t.FindSite("district:576");
  REQUIRE(truongSa.IsValid());
  CHECK(t.GetSite(truongSa).island);
  const SiteId hoangSa = t.FindSite("district:498");
  CHECK_FALSE(t.GetSite(hoangSa).island);
  // Links are at least 2 km and follow the 1.5 route factor.
  for (std::uint32_t i = 0; i < t.Links().size(); ++i) CHECK(t.LengthKm(LinkId(i)) >= 2.0);
}

TEST_CASE("the same preset and seed give the same twin, byte for byte", "[twin]") {
  Diagnostics diags;
  auto a = Generate("national-2025", 7, GeneratorParams{}, AssetsDir(), diags);
  auto b = Generate("national-2025", 7, GeneratorParams{}, AssetsDir(), diags);
  auto c = Generate("national-2025", 8, GeneratorParams{}, AssetsDir(), diags);
  REQUIRE((a && b && c));
  CHECK(SaveTwinYaml(*a) == SaveTwinYaml(*b));
  CHECK(SaveTwinYaml(*a) != SaveTwinYaml(*c));  // another draw of the communes left at 100 M
}

TEST_CASE("province and tiny presets", "[twin]") {
  const Twin& p = Preset("province-2024:01");
  CHECK(CountLevel(p, SiteLevel::Province) == 1);
  CHECK(CountLevel(p, SiteLevel::Commune) == 579);
  CHECK(CountLevel(p, SiteLevel::RegionalCentre) == 1);
  CHECK(CountLevel(p, SiteLevel::BackupCentre) == 1);
  const Twin& q = Preset("province-2025:48");  // Đà Nẵng: its region's centres plus Hà Nội
  CHECK(CountLevel(q, SiteLevel::RegionalCentre) == 2);
  CHECK(CountLevel(q, SiteLevel::Commune) == 94);
  const Twin& tiny = Preset("tiny");
  CHECK(tiny.Sites().size() >= 10);
  CHECK(tiny.Sites().size() <= 15);
  CHECK(AnalyzeTwin(tiny).n1.components == 1);

  Diagnostics diags;
  CHECK_FALSE(Generate("national-2023", 1, GeneratorParams{}, AssetsDir(), diags));
  CHECK_FALSE(Generate("province-2025:99", 1, GeneratorParams{}, AssetsDir(), diags));
  std::string all;
  for (const auto& d : diags.Items()) all += Format(d) + "\n";
  INFO(all);
  REQUIRE(diags.Items().size() == 2);
  CHECK(diags.Items()[0].hint.find("national-2024") != std::string::npos);
  CHECK(diags.Items()[1].code == "unknown-province");
}
