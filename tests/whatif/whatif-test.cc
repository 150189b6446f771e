// The what-if bench on a province (Quảng Bình, 2024), with results worked out
// by hand from the network's shape: the district level collapsed, single edits,
// bad edit files, and a sweep split in shares that merges to the same result.
#include "app/whatif-confirm.h"
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
#include <sys/wait.h>

using namespace netdrill;

namespace {

const twin::Twin& Province44() {
  static const twin::Twin t = [] {
    twin::Diagnostics diags;
    auto g = twin::Generate("province-2024:44", 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
    REQUIRE(g);
    return std::move(*g);
  }();
  return t;
}

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

  // The command line: exit 2, nothing written.
  const auto dir = std::filesystem::temp_directory_path() / "netdrill-whatif-bad";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << three;
  const auto outFile = dir / "fork.yaml";
  std::filesystem::remove(outFile);
  const std::string cmd = std::string(NETDRILL_BINARY) + " whatif apply province-2024:44 --edit " + (dir / "bad.yaml").string() +
                          " -o " + outFile.string() + " > " + (dir / "out.txt").string() + " 2>&1";
  const int rc = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(rc) == 2);
  CHECK_FALSE(std::filesystem::exists(outFile));
  std::ifstream log(dir / "out.txt");
  std::stringstream text;
  text << log.rdbuf();
  CHECK(text.str().find("bad.yaml:7:15") != std::string::npos);
  CHECK(text.str().find("nothing written") != std::string::npos);
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

TEST_CASE("whatif: the worst failures re-run in ns-3 agree with the analytic sweep", "[whatif]") {
  whatif::SweepOptions o;
  o.threads = 1;
  auto r = whatif::RunSweep(Province44(), o);
  std::ostringstream err;
  REQUIRE(app::ConfirmInEngine(Province44(), r, 4, "endpoints", err));
  REQUIRE(r.confirmed.size() == 4);
  for (const auto& c : r.confirmed) {
    INFO(r.elements[c.element].id << ": " << c.note);
    CHECK(c.sitesSimulated == c.sitesAnalytic);
    CHECK(c.endpointsLostSimulated == c.endpointsAnalytic);
    CHECK(c.agree);
  }
  CHECK(r.elements[r.confirmed.front().element].id == "province:44");  // the worst: the province centre
  CHECK(whatif::SweepJson(r, "endpoints", 5).find("confirmed_in_ns3") != std::string::npos);
}
