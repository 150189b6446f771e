#include "test-support.h"
#include "twin/name-index.h"
#include "twin/text.h"

#include <algorithm>
#include <map>
#include <set>

using namespace netdrill::twin;
using netdrill::test::Preset;

TEST_CASE("a site is found by id, code, or name with or without diacritics", "[twin]") {
  const Twin& t = Preset("national-2024");
  const NameIndex index(t);
  const SiteId danang = t.FindSite("province:48");
  REQUIRE(danang.IsValid());
  for (const char* q : {"province:48", "48", "Đà Nẵng", "da nang", "DA NANG", "Da Nang"}) {
    INFO(q);
    const SiteMatch m = index.Find(q);
    REQUIRE(m.IsUnique());
    CHECK(m.sites.front() == danang);
  }
  // Tone-mark placement differs between sources: "Hoá" and "Hóa" are one name.
  const SiteMatch a = index.Find("Thanh Hoá");
  const SiteMatch b = index.Find("Thanh Hóa");
  CHECK(a.sites == b.sites);
  CHECK(std::find(a.sites.begin(), a.sites.end(), t.FindSite("province:38")) != a.sites.end());
  // Without the unit type.
  const SiteMatch phucXa = index.Find("Phúc Xá");
  REQUIRE(phucXa.IsUnique());
  CHECK(t.GetSite(phucXa.sites.front()).id == "commune:00001");
}

TEST_CASE("an ambiguous commune name answers every candidate, qualified", "[twin]") {
  const Twin& t = Preset("national-2024");
  const NameIndex index(t);
  // 3,794 communes of 2024 share their exact name with another commune.
  std::map<std::string, std::vector<SiteId>> byName;
  for (std::uint32_t i = 0; i < t.Sites().size(); ++i) {
    if (t.Sites()[i].level == SiteLevel::Commune) byName[t.Sites()[i].name].push_back(SiteId(i));
  }
  std::size_t repeated = 0;
  for (const auto& [name, ids] : byName) {
    if (ids.size() > 1) repeated += ids.size();
  }
  CHECK(repeated == 3794);
  const auto& tanHoa = byName.at("Xã Tân Hòa");
  REQUIRE(tanHoa.size() > 5);
  const SiteMatch m = index.Find("tan hoa");
  CHECK(m.IsAmbiguous());
  for (SiteId s : tanHoa) CHECK(std::find(m.sites.begin(), m.sites.end(), s) != m.sites.end());
  // Every candidate is told apart by its district and province.
  std::set<std::string> qualified;
  for (SiteId s : tanHoa) qualified.insert(index.QualifiedName(s));
  CHECK(qualified.size() == tanHoa.size());
  CHECK(index.QualifiedName(tanHoa.front()).find(", ") != std::string::npos);
  // A qualifier after a comma narrows the candidates to one province.
  const Site& first = t.GetSite(tanHoa.front());
  const Site& province = t.GetSite(t.FindSite("province:" + first.provinceCode));
  const SiteMatch narrowed = index.Find("Tân Hòa, " + FoldForSearch(province.name));
  CHECK_FALSE(narrowed.sites.empty());
  CHECK(narrowed.sites.size() < m.sites.size());
  for (SiteId s : narrowed.sites) CHECK(t.GetSite(s).provinceCode == first.provinceCode);
}

TEST_CASE("an unknown name gets suggestions", "[twin]") {
  const Twin& t = Preset("tiny");
  const NameIndex index(t);
  CHECK(index.Find("Ha Noii").sites.empty());
  const auto close = index.Suggest("Ha Noii");
  REQUIRE_FALSE(close.empty());
  CHECK(close.front() == "Hà Nội");
}
