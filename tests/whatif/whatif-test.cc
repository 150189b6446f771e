// The what-if bench on a province (Quảng Bình, 2024), with results worked out
// by hand from the network's shape: the district level collapsed, single edits,
// bad edit files, and a sweep split in shares that merges to the same result.
#include "tests/twin/test-support.h"
#include "twin/admin-data.h"
#include "twin/generator.h"
#include "whatif/diff.h"
#include "whatif/edits.h"
#include "whatif/sweep.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace netdrill;

namespace {

const twin::Twin& Province44() { return test::Preset("province-2024:44"); }

std::optional<twin::Twin> Apply(const std::string& yaml, twin::Diagnostics& diags, whatif::EditSummary* s = nullptr) {
  auto edits = whatif::ParseEdits(yaml, "edit.yaml", diags);
  if (!edits) return std::nullopt;
  return whatif::ApplyEdits(Province44(), *edits, diags, s);
}

const whatif::FailureResult* Find(const whatif::SweepResult& r, const std::string& kind, const std::string& id) {
  for (const auto& f : r.singles) {
    const auto& e = r.elements[f.elements.front()];
    if (whatif::FailureKindName(e.kind) == kind && e.id == id) return &f;
  }
  return nullptr;
}

// centre:d (node 0) reaches province:01 (node 3) at the same IGP cost through x
// (node 1: 3 ms + 1 ms) and through y (node 2: 1 ms + 3 ms); links 0-1, 1-3, 0-2, 2-3.
// tests/twin/routing-test.cc builds the same diamond for the routes.
twin::Twin Diamond() {
  twin::Twin t;
  auto site = [&t](const std::string& id, twin::SiteLevel level, const std::string& province) {
    twin::Site s;
    s.id = id;
    s.level = level;
    s.provinceCode = province;
    s.equipment.routers = 1;
    t.AddSite(s);
  };
  site("centre:d", twin::SiteLevel::RegionalCentre, "");
  site("x", twin::SiteLevel::Other, "");
  site("y", twin::SiteLevel::Other, "");
  site("province:01", twin::SiteLevel::Province, "01");
  const std::pair<std::uint32_t, std::uint32_t> ends[] = {{0, 1}, {1, 3}, {0, 2}, {2, 3}};
  const double delays[] = {3, 1, 1, 3};
  for (int i = 0; i < 4; ++i) {
    twin::Link l;
    l.a = twin::NodeId(ends[i].first);
    l.b = twin::NodeId(ends[i].second);
    l.capacityMbps = 1000;
    l.delayMs = delays[i];
    t.AddLink(l);
  }
  return t;
}

int Count(const twin::Twin& t, twin::SiteLevel level) {
  return static_cast<int>(std::count_if(t.Sites().begin(), t.Sites().end(), [&](const twin::Site& s) { return s.level == level; }));
}

}  // namespace

TEST_CASE("whatif: collapsing the district level of a province, and what each single failure then does", "[whatif]") {
  const twin::Twin& base = Province44();
  const int districts = Count(base, twin::SiteLevel::District);
  const int communes = Count(base, twin::SiteLevel::Commune);
  REQUIRE(districts == 8);
  twin::Diagnostics diags;
  whatif::EditSummary summary;
  auto fork = Apply("whatif: 1\nedits:\n  - op: collapse-districts\n", diags, &summary);
  INFO((diags.Items().empty() ? std::string() : diags.Items().front().message));
  REQUIRE(fork);
  CHECK(Count(*fork, twin::SiteLevel::District) == 0);
  CHECK(Count(*fork, twin::SiteLevel::Commune) == communes);
  CHECK(static_cast<int>(fork->Sites().size()) == static_cast<int>(base.Sites().size()) - districts);
  CHECK(summary.sitesRemoved == districts);
  for (const twin::Site& s : fork->Sites())
    if (s.level == twin::SiteLevel::Commune) CHECK(fork->GetSite(s.parent).id == "province:44");

  whatif::SweepOptions o;
  o.threads = 1;
  const auto before = whatif::RunSweep(base, o);
  const auto after = whatif::RunSweep(*fork, o);
  // The province centre down: before, itself, its districts and every commune; after, itself and every commune.
  const auto* pb = Find(before, "node", "province:44");
  const auto* pa = Find(after, "node", "province:44");
  REQUIRE(pb);
  REQUIRE(pa);
  CHECK(pb->impact.cut.sites == 1 + districts + communes);
  CHECK(pa->impact.cut.sites == 1 + communes);
  CHECK(pa->impact.cut.byPriority[2] == 0);  // no district left to lose
  // A district's uplink: before, the district and its communes (Minh Hóa: 1 + 15 communes)... after, gone.
  int minhHoa = 0;
  for (const twin::Site& s : base.Sites())
    if (s.parent.IsValid() && base.GetSite(s.parent).id == "district:452") ++minhHoa;
  const auto* db = Find(before, "link", "district:452--province:44");
  REQUIRE(db);
  CHECK(db->impact.cut.sites == 1 + minhHoa);
  CHECK(Find(after, "link", "district:452--province:44") == nullptr);
  // A commune's own fibre: it alone, before and after (one fibre, no ring).
  const auto* cb = Find(before, "link", "commune:18928--district:452");
  const auto* ca = Find(after, "link", "commune:18928--province:44");
  REQUIRE(cb);
  REQUIRE(ca);
  CHECK(cb->impact.cut.sites == 1);
  CHECK(ca->impact.cut.sites == 1);

  const auto diff = whatif::Compare(before, after);
  CHECK(diff.gone > 0);  // every district and district link
  CHECK(diff.added > 0);  // the communes' new fibres to the province
  bool saidProvince = false;
  for (const auto& row : diff.singles) {
    if (row.kind == "node" && row.id == "province:44") {
      CHECK(row.verdict == whatif::Verdict::Better);
      REQUIRE(!row.changes.empty());
      saidProvince = std::any_of(row.changes.begin(), row.changes.end(), [&](const std::string& c) {
        return c == "sites cut " + std::to_string(1 + districts + communes) + " -> " + std::to_string(1 + communes);
      });
    }
  }
  CHECK(saidProvince);
  const std::string json = whatif::DiffJson(before, after, diff);
  CHECK(json.find("\"verdict\": \"better\"") != std::string::npos);
  const std::string html = whatif::DiffHtml(base, *fork, before, after, diff, &summary, "collapse");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Changed elements") != std::string::npos);
}

TEST_CASE("whatif: the sweep routes an equal-cost tie by the routes' rule, the predecessor nearer the root", "[whatif]") {
  // The only flows: the province's VPN to and from the centre (no conference profile). Both are routed on
  // the tree of centre:d (the lower index of two equally shared ends), where province:01 is reached through
  // y, settled at 1 ms, not through x, settled at 3 ms, though x has the lower index (twin/shortest-path.h).
  const twin::Twin t = Diamond();
  whatif::SweepOptions o;
  o.threads = 1;
  const auto r = whatif::RunSweep(t, o);
  REQUIRE(r.flows == 2);
  for (const char* y : {"centre:d--y", "y--province:01"}) {
    INFO(y);
    const auto* f = Find(r, "link", y);
    REQUIRE(f);
    CHECK(f->impact.flowsRerouted == 2);  // both flows were on it: they move over to x
    CHECK(f->impact.flowsLost == 0);
  }
  for (const char* x : {"centre:d--x", "x--province:01"}) {
    INFO(x);
    const auto* f = Find(r, "link", x);
    REQUIRE(f);
    CHECK(f->impact.flowsRerouted == 0);  // nothing was on it
  }
}

TEST_CASE("whatif: single edits do what they say", "[whatif]") {
  twin::Diagnostics diags;
  std::ifstream in(std::string(NETDRILL_SOURCE_DIR) + "/docs/examples/second-path-quang-binh.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto fork = Apply(text.str(), diags);
  INFO((diags.Items().empty() ? std::string() : diags.Items().front().message));
  REQUIRE(fork);
  // The ring between two districts: Minh Hóa's uplink is no longer a single point of failure.
  whatif::SweepOptions o;
  o.threads = 1;
  const auto after = whatif::RunSweep(*fork, o);
  const auto* uplink = Find(after, "link", "district:452--province:44");
  REQUIRE(uplink);
  CHECK(uplink->impact.cut.sites == 0);
  CHECK(uplink->impact.flowsRerouted > 0);
  // The MCU moved, the commune re-homed.
  CHECK_FALSE(fork->HasMcu(fork->FindSite("district:452")));
  CHECK(fork->HasMcu(fork->FindSite("district:453")));
  CHECK(fork->GetSite(fork->GetSite(fork->FindSite("commune:18907")).parent).id == "district:453");
  // Upgrading the commune links.
  twin::Diagnostics d2;
  auto up = Apply("whatif: 1\nedits:\n  - op: upgrade-links\n    level: commune\n    capacity: 200M\n", d2);
  REQUIRE(up);
  for (const twin::Link& l : up->Links()) {
    const auto& a = up->GetSite(up->GetNode(l.a).site);
    if (l.role == twin::LinkRole::Primary && a.level == twin::SiteLevel::Commune) CHECK(l.capacityMbps >= 200.0);
  }
}

TEST_CASE("whatif: bad edits are all reported with file:line:col, and apply writes nothing", "[whatif]") {
  const std::string yaml =
      "whatif: 1\n"
      "edits:\n"
      "  - op: remove-link\n"
      "    id: commune:99999--district:452\n"         // line 4: no such link
      "  - op: modify-link\n"
      "    id: district:452--province:44\n"
      "    capacity: 0\n"                             // line 7: zero
      "  - op: rehome\n"
      "    site: district:452\n"
      "    to: commune:18928\n"                       // a commune of district 452: a cycle
      "  - op: frobnicate\n";                         // line 11: unknown operation
  twin::Diagnostics diags;
  auto edits = whatif::ParseEdits(yaml, "bad.yaml", diags);
  REQUIRE_FALSE(edits);
  REQUIRE(diags.ErrorCount() == 1);
  CHECK(diags.Items()[0].loc.line == 11);
  // Without the unknown operation, the three others at once.
  twin::Diagnostics d2;
  const std::string three = yaml.substr(0, yaml.find("  - op: frobnicate"));
  auto parsed = whatif::ParseEdits(three, "bad.yaml", d2);
  REQUIRE(parsed);
  CHECK_FALSE(whatif::ApplyEdits(Province44(), *parsed, d2));
  REQUIRE(d2.ErrorCount() == 3);
  CHECK(d2.Items()[0].loc.line == 4);
  CHECK(d2.Items()[0].loc.column == 9);
  CHECK(d2.Items()[1].loc.line == 7);
  CHECK(d2.Items()[1].message.find("more than zero") != std::string::npos);
  CHECK(d2.Items()[2].message.find("cycle") != std::string::npos);
  CHECK(d2.Items()[2].loc.line == 8);
}

TEST_CASE("whatif: a sweep split in two shares merges to the single-process result", "[whatif]") {
  whatif::SweepOptions o;
  o.pairs = true;
  o.topK = 40;
  o.threads = 2;
  const auto whole = whatif::RunSweep(Province44(), o);
  std::vector<whatif::SweepResult> shares;
  for (int rank = 0; rank < 2; ++rank) {
    whatif::SweepOptions s = o;
    s.rank = rank;
    s.ranks = 2;
    s.threads = 1;
    shares.push_back(whatif::RunSweep(Province44(), s));
  }
  CHECK(shares[0].pairs.size() + shares[1].pairs.size() == whole.pairs.size());
  const auto merged = whatif::MergeResults(shares);
  CHECK(whatif::SweepJson(merged, "endpoints", 0).substr(0, 200).size() > 0);
  auto strip = [](std::string j) {  // the wall time differs, nothing else may
    const auto at = j.find("\"seconds\"");
    return j.erase(at, j.find('\n', at) - at);
  };
  CHECK(strip(whatif::SweepJson(merged, "endpoints", 0)) == strip(whatif::SweepJson(whole, "endpoints", 0)));
  CHECK(whole.pairs.size() == 40 * 39 / 2);
}

namespace {

// An edit whose op is not an operation's name: the op's value is at line 3, column 9.
struct BadOp {
  std::string kind, op;
};
const std::vector<BadOp> kBadOps{{"a list", "[remove-link]"}, {"a map", "{a: 1}"}, {"a number", "5"}};

std::string BadOpEdit(const BadOp& b) { return "whatif: 1\nedits:\n  - op: " + b.op + "\n    id: x\n"; }

}  // namespace

TEST_CASE("whatif: the planner bench's reader gives bad-type diagnostics for such an op, and never throws", "[whatif]") {
  test::TempDir dir;
  for (const BadOp& b : kBadOps) {
    INFO(b.kind);
    const std::string edit = dir.Write("edit.yaml", BadOpEdit(b));
    twin::Diagnostics diags;
    std::optional<whatif::EditFile> edits;
    REQUIRE_NOTHROW(edits = whatif::LoadEdits(edit, diags));  // what ui/planner-bench.cc calls on its worker
    CHECK_FALSE(edits);
    REQUIRE(diags.ErrorCount() == 1);
    const twin::Diagnostic& d = diags.Items()[0];
    CHECK(d.code == "bad-type");
    CHECK(d.file == edit);
    CHECK(d.loc.line == 3);
    CHECK(d.loc.column == 9);
    CHECK(d.path == "edits[0].op");
  }
}

TEST_CASE("whatif: every field of the wrong shape is reported at once, at its place", "[whatif]") {
  const std::string yaml =
      "whatif: 1\n"
      "edits:\n"
      "  - op: remove-link\n"
      "    id: [a, b]\n"                                   // 4:9 a list for a value
      "  - op: add-link\n"
      "    a: district:452\n"
      "    b: {x: 1}\n"                                    // 7:8 a map for a value
      "    capacity: 1G\n"
      "    srgs: route:x\n"                                // 9:11 a value for a list
      "  - op: backup\n"
      "    sites: [commune:18901, [x]]\n"                  // 11:28 a list in the list
      "    medium: 4g\n"
      "    capacity: 20M\n"
      "  - op:\n"                                          // 14:5 no operation
      "  - [not, a, map]\n"                                // 15:5 a list for an edit
      "  - {[k]: v, op: move-mcu, from: a, to: b}\n";      // 16:6 a list as a key
  twin::Diagnostics diags;
  std::optional<whatif::EditFile> edits;
  REQUIRE_NOTHROW(edits = whatif::ParseEdits(yaml, "shapes.yaml", diags));
  CHECK_FALSE(edits);
  std::vector<std::string> got;
  for (const auto& d : diags.Items())
    got.push_back(d.code + " " + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + " " + d.path);
  CHECK(got == std::vector<std::string>{"bad-type 4:9 edits[0].id", "bad-type 7:8 edits[1].b",
                                        "bad-type 9:11 edits[1].srgs", "bad-type 11:28 edits[2].sites[1]",
                                        "bad-type 14:5 edits[3].op", "bad-type 15:5 edits[4]", "bad-type 16:6 edits[5]"});
  // A good file still reads, as before.
  twin::Diagnostics good;
  auto ok = whatif::ParseEdits("whatif: 1\ndescription:\nedits:\n  - op: add-link\n    a: x\n    b: y\n    capacity: 1G\n"
                               "    srgs: [g1, g2]\n",
                               "good.yaml", good);
  REQUIRE(ok);
  CHECK(ok->edits.at(0).lists.at("srgs") == std::vector<std::string>{"g1", "g2"});
  CHECK(ok->edits.at(0).fields.at("capacity") == "1G");
}
