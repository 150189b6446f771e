#include "test-support.h"
#include "twin/analysis.h"
#include "twin/limits.h"
#include "twin/twin-spec.h"
#include "twin/twin-yaml.h"

#include <algorithm>

using namespace netdrill::twin;
using netdrill::test::Preset;

namespace {

// A small valid twin to break in many ways.
const char* kValid = R"(netdrill-twin: 1
name: "lab"
sites:
  - {id: "p1", level: province, code: "01", name: "Hà Nội", lat: 21.0, lon: 105.8}
  - {id: "d1", level: district, code: "001", name: "Quận Ba Đình", lat: 21.03, lon: 105.82, parent: "p1"}
  - {id: "c1", level: commune, code: "00001", name: "Phường Phúc Xá", lat: 21.05, lon: 105.84, parent: "d1"}
links:
  - {a: "c1", b: "d1", cap: 100M}
  - {a: "d1", b: "p1", cap: 1G}
)";

std::vector<std::string> Lines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.Items()) out.push_back(Format(item));
  return out;
}

bool HasError(const Diagnostics& d, const std::string& code, int line, int column) {
  for (const auto& item : d.Items()) {
    if (item.code == code && item.loc.line == line && item.loc.column == column) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a valid hand-written twin loads, with what it implies", "[twin]") {
  Diagnostics diags;
  auto t = ParseTwinYaml(kValid, "lab.yaml", diags);
  INFO(Catch::Detail::stringify(Lines(diags)));
  REQUIRE(t.has_value());
  CHECK(diags.Items().empty());
  CHECK(t->Sites().size() == 3);
  const SiteId c1 = t->FindSite("c1");
  CHECK(t->GetSite(c1).provinceCode == "01");  // from its parents
  CHECK(t->Priority(c1) == 4);
  CHECK(t->LengthKm(t->FindLink("c1--d1")) >= 2.0);
  CHECK(t->GetLink(t->FindLink("d1--p1")).capacityMbps == 1000);
}

TEST_CASE("save(load(save(x))) == save(x)", "[twin]") {
  for (const char* preset : {"tiny", "national-2024", "national-2025"}) {
    INFO(preset);
    const std::string first = SaveTwinYaml(Preset(preset));
    Diagnostics diags;
    auto loaded = ParseTwinYaml(first, std::string(preset) + ".yaml", diags);
    INFO(Catch::Detail::stringify(Lines(diags)));
    REQUIRE(loaded.has_value());
    CHECK(diags.ErrorCount() == 0);
    CHECK(SaveTwinYaml(*loaded) == first);
    CHECK(loaded->TotalEndpoints() == Preset(preset).TotalEndpoints());
  }
}

TEST_CASE("state, equipment overrides and explicit ids survive a round trip", "[twin]") {
  std::string text = kValid;
  text.replace(text.find("parent: \"d1\"}"), 13,
               "parent: \"d1\", equipment: {endpoints: 3, battery_h: 1.5}, tags: [\"x\"]}");
  text += "  - {a: \"c1\", b: \"p1\", id: \"L9\", cap: 20M, medium: 4g, role: backup, km: 12.5}\n";
  text += "state:\n  - {element: \"L9\", status: degraded, loss_pct: 2.5}\n  - {element: \"d1\", status: down}\n";
  Diagnostics diags;
  auto t = ParseTwinYaml(text, "lab.yaml", diags);
  INFO(Catch::Detail::stringify(Lines(diags)));
  REQUIRE(t.has_value());
  CHECK(t->Endpoints(t->FindSite("c1")) == 3);
  CHECK(t->GetLink(t->FindLink("L9")).state.lossPct == 2.5);
  CHECK(t->GetSite(t->FindSite("d1")).state.status == Status::Down);
  CHECK_FALSE(t->IsActive(t->FindLink("d1--p1")));  // its end is down
  const std::string saved = SaveTwinYaml(*t);
  Diagnostics again;
  auto back = ParseTwinYaml(saved, "lab.yaml", again);
  REQUIRE(back.has_value());
  CHECK(SaveTwinYaml(*back) == saved);
}

TEST_CASE("bad twin files: every problem at once, with line and column", "[twin]") {
  SECTION("an empty file") {
    Diagnostics d;
    CHECK_FALSE(ParseTwinYaml("", "empty.yaml", d));
    CHECK(HasError(d, "empty-file", 1, 1));
  }
  SECTION("a YAML syntax error stops at the first") {
    Diagnostics d;
    CHECK_FALSE(ParseTwinYaml("netdrill-twin: 1\nsites:\n  - {id: \"a\", level: province\n", "bad.yaml", d));
    REQUIRE(d.Items().size() == 1);
    CHECK(d.Items()[0].code == "yaml-syntax");
    CHECK(d.Items()[0].loc.line >= 3);
    CHECK(Format(d.Items()[0]).rfind("bad.yaml:", 0) == 0);
  }
  SECTION("unknown keys, a missing node, a negative capacity, a duplicate id: all reported") {
    const std::string text = R"(netdrill-twin: 1
name: "lab"
sties: []
sites:
  - {id: "p1", level: province, code: "01"}
  - {id: "p1", level: provinse}
  - {id: "c1", level: commune, parent: "p1", lattitude: 3}
links:
  - {a: "c1", b: "p2", cap: 100M}
  - {a: "c1", b: "p1", cap: -5M}
)";
    Diagnostics d;
    CHECK_FALSE(ParseTwinYaml(text, "bad.yaml", d));
    const auto lines = Lines(d);
    INFO(Catch::Detail::stringify(lines));
    CHECK(HasError(d, "unknown-key", 3, 1));                  // sties
    CHECK(HasError(d, "duplicate-id", 6, 10));                // second p1
    CHECK(HasError(d, "bad-value", 6, 23));                   // provinse
    CHECK(HasError(d, "unknown-key", 7, 46));                 // lattitude
    CHECK(HasError(d, "missing-node", 9, 18));                // p2
    CHECK(HasError(d, "negative-capacity", 10, 29));          // -5M
    CHECK(d.ErrorCount() == 6);
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    CHECK(all.find("unknown key \"sties\"; did you mean \"sites\"?") != std::string::npos);
    CHECK(all.find("did you mean \"province\"?") != std::string::npos);
    CHECK(all.find("unknown key \"lattitude\" (at sites[2]); did you mean \"lat\"?") != std::string::npos);
    CHECK(all.find("no node \"p2\" (at links[0].b); did you mean \"p1\"?") != std::string::npos);
    CHECK(all.find("(at links[0].b)") != std::string::npos);
  }
  SECTION("wrong types and ranges") {
    const std::string text = R"(netdrill-twin: 1
sites:
  - {id: "p1", level: province, lat: north, lon: 200}
  - {id: "p2", level: province, priority: 7}
links:
  - {a: "p1", b: "p2", cap: fast, medium: laser, srg: ["nowhere"]}
state:
  - {element: "p3", status: broken}
)";
    Diagnostics d;
    CHECK_FALSE(ParseTwinYaml(text, "bad.yaml", d));
    INFO(Catch::Detail::stringify(Lines(d)));
    CHECK(HasError(d, "bad-number", 3, 38));    // lat: north
    CHECK(HasError(d, "out-of-range", 3, 50));  // lon: 200
    CHECK(HasError(d, "out-of-range", 4, 43));  // priority: 7
    CHECK(HasError(d, "bad-value", 6, 29));     // cap: fast
    CHECK(HasError(d, "bad-value", 6, 43));     // medium: laser
    CHECK(HasError(d, "unknown-srg", 6, 56));
    CHECK(HasError(d, "bad-value", 8, 29));     // status: broken
  }
  SECTION("not a twin at all") {
    Diagnostics d;
    CHECK_FALSE(ParseTwinYaml("- just\n- a list\n", "list.yaml", d));
    CHECK(HasError(d, "bad-type", 1, 1));
  }
}

TEST_CASE("twin files with wrong types: every one is error[bad-type] at its line and column, all at once, never a throw",
          "[twin]") {
  SECTION("a list, a map or a number where a value, a list or a map belongs") {
    const std::string text = R"(netdrill-twin: 1
name: [lab]
era: {y: 2024}
sites:
  - {id: "p1", level: province, code: "01", name: [x], lat: 21.0, lon: 105.8}
  - [p2]
  - {id: "c1", level: commune, parent: "p1", lat: [21], equipment: [1], tags: {a: 1}}
links: {a: 1}
srgs:
  - {id: {x: 1}}
demands: {conference_profiles: 5, media_mbps: [1]}
state: 5
)";
    Diagnostics d;
    std::optional<Twin> t;
    CHECK_NOTHROW(t = ParseTwinYaml(text, "types.yaml", d));
    CHECK_FALSE(t);
    const auto lines = Lines(d);
    INFO(Catch::Detail::stringify(lines));
    const std::vector<std::pair<int, int>> at{{2, 7},  {3, 6},  {5, 51}, {6, 5},   {7, 51},  {7, 68},
                                              {7, 79}, {8, 8},  {10, 10}, {11, 32}, {11, 47}, {12, 8}};
    for (const auto& [line, column] : at) {
      INFO(line << ":" << column);
      CHECK(HasError(d, "bad-type", line, column));
    }
    CHECK(std::count_if(d.Items().begin(), d.Items().end(), [](const Diagnostic& i) { return i.code == "bad-type"; }) ==
          static_cast<long>(at.size()));
    for (const char* expect : {"types.yaml:2:7: error[bad-type]: expected a single value, got a list (at name)",
                               "types.yaml:5:51: error[bad-type]: expected a single value, got a list (at sites[0].name)",
                               "types.yaml:6:5: error[bad-type]: expected a map, got a list (at sites[1])",
                               "types.yaml:7:79: error[bad-type]: expected a list, got a map (at sites[2].tags)",
                               "types.yaml:8:8: error[bad-type]: expected a list, got a map (at links)",
                               "types.yaml:11:32: error[bad-type]: expected a list, got a number (at demands.conference_profiles)",
                               "types.yaml:12:8: error[bad-type]: expected a list, got a number (at state)"}) {
      CHECK(std::find(lines.begin(), lines.end(), expect) != lines.end());
    }
  }
  SECTION("sites as a map, and links with a list, a map or a number where a value or a map belongs") {
    const std::string text = R"(netdrill-twin: 1
sites: {a: 1}
links:
  - {a: "p1", b: "p2", cap: [1G], srg: {x: 1}, enabled: [true]}
  - 7
)";
    Diagnostics d;
    std::optional<Twin> t;
    CHECK_NOTHROW(t = ParseTwinYaml(text, "types.yaml", d));
    CHECK_FALSE(t);
    const auto lines = Lines(d);
    INFO(Catch::Detail::stringify(lines));
    CHECK(HasError(d, "bad-type", 2, 8));
    CHECK(HasError(d, "bad-type", 4, 29));
    CHECK(HasError(d, "bad-type", 4, 40));
    CHECK(HasError(d, "bad-type", 4, 57));
    CHECK(HasError(d, "bad-type", 5, 5));
    CHECK(std::count_if(d.Items().begin(), d.Items().end(), [](const Diagnostic& i) { return i.code == "bad-type"; }) == 5);
    for (const char* expect : {"types.yaml:2:8: error[bad-type]: expected a list, got a map (at sites)",
                               "types.yaml:4:40: error[bad-type]: expected a list, got a map (at links[0].srg)",
                               "types.yaml:5:5: error[bad-type]: expected a map, got a number (at links[1])"}) {
      CHECK(std::find(lines.begin(), lines.end(), expect) != lines.end());
    }
  }
}

TEST_CASE("a twin past 50,000 sites or 100,000 links is refused at the first one too many", "[twin]") {
  TwinSpec spec;
  spec.file = spec.sitesFile = spec.linksFile = "big.yaml";
  spec.sites.resize(kMostSites + 1);
  for (std::size_t i = 0; i < spec.sites.size(); ++i) spec.sites[i].loc = {static_cast<int>(i) + 4, 5};
  Diagnostics d;
  CHECK_FALSE(BuildTwin(spec, d));
  CHECK(HasError(d, "too-many", 50004, 5));
  CHECK(d.ErrorCount() == 1);  // refused before any site is looked at
  spec.sites.resize(1);
  spec.links.resize(kMostLinks + 1);
  spec.links[kMostLinks].loc = {100010, 5};
  Diagnostics links;
  CHECK_FALSE(BuildTwin(spec, links));
  CHECK(HasError(links, "too-many", 100010, 5));
  CHECK(Format(links.Items().front()).find("more than 100,000 links (100,001): the most a twin holds") != std::string::npos);
}
