#include "test-support.h"
#include "twin/csv-import.h"
#include "twin/twin-yaml.h"

using namespace netdrill::twin;
using netdrill::test::TempDir;

TEST_CASE("a CSV inventory imports as a twin", "[twin]") {
  TempDir dir;
  const auto sites = dir.Write("sites.csv",
                               "id,level,code,name,lat,lon,parent,priority\n"
                               "p1,province,01,\"Hà Nội\",21.0,105.8,,P1\n"
                               "c1,commune,00001,\"Phường Phúc Xá, Ba Đình\",21.05,105.84,p1,\n");
  const auto links = dir.Write("links.csv",
                               "a,b,capacity,medium,srg\n"
                               "c1,p1,100M,fibre,duct-1;bridge-2\n"
                               "c1,p1,20M,4g,\n");
  Diagnostics diags;
  auto t = ImportCsv(sites, links, "inventory", diags);
  REQUIRE(t.has_value());
  CHECK(t->Sites().size() == 2);
  CHECK(t->GetSite(t->FindSite("c1")).name == "Phường Phúc Xá, Ba Đình");
  CHECK(t->GetSite(t->FindSite("c1")).provinceCode == "01");
  CHECK(t->Priority(t->FindSite("p1")) == 1);  // raised from the province's P2
  CHECK(t->Priority(t->FindSite("c1")) == 4);
  REQUIRE(t->Links().size() == 2);
  CHECK(t->Links()[0].srgs.size() == 2);
  CHECK(t->Links()[1].medium == Medium::Cellular4G);
  // And it saves as a twin that loads back the same.
  const std::string yaml = SaveTwinYaml(*t);
  Diagnostics again;
  auto back = ParseTwinYaml(yaml, "inventory.yaml", again);
  REQUIRE(back.has_value());
  CHECK(SaveTwinYaml(*back) == yaml);
}

TEST_CASE("a bad CSV inventory: every problem with line and column", "[twin]") {
  TempDir dir;
  const auto sites = dir.Write("sites.csv",
                               "id,level,lat\n"
                               "p1,province,21\n"
                               "p1,provinc,abc\n");
  const auto links = dir.Write("links.csv",
                               "a,b,capacity\n"
                               "p1,p9,-1G\n");
  Diagnostics d;
  CHECK_FALSE(ImportCsv(sites, links, "bad", d));
  std::string all;
  for (const auto& item : d.Items()) all += Format(item) + "\n";
  INFO(all);
  CHECK(all.find("sites.csv:3:12: error[bad-number]") != std::string::npos);
  CHECK(all.find("sites.csv:3:1: error[duplicate-id]") != std::string::npos);
  CHECK(all.find("sites.csv:3:4: error[bad-value]") != std::string::npos);
  CHECK(all.find("did you mean \"province\"?") != std::string::npos);
  CHECK(all.find("links.csv:2:4: error[missing-node]") != std::string::npos);
  CHECK(all.find("links.csv:2:7: error[negative-capacity]") != std::string::npos);

  const auto badHeader = dir.Write("h.csv", "id,levle\np1,province\n");
  Diagnostics h;
  CHECK_FALSE(ImportCsv(badHeader, links, "bad", h));
  REQUIRE_FALSE(h.Items().empty());
  CHECK(Format(h.Items()[0]).find("h.csv:1:4: error[unknown-key]: unknown column \"levle\"") != std::string::npos);
}
