// The what-if bench from the command line: bad edit files exit 2 with
// file:line:col and write nothing; the worst failures re-run in ns-3.
#include "app/whatif-confirm.h"
#include "tests/cli-support.h"
#include "tests/twin/test-support.h"
#include "twin/admin-data.h"
#include "twin/generator.h"
#include "whatif/sweep.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

using namespace netdrill;

namespace {

const twin::Twin& Province44() { return test::Preset("province-2024:44"); }

// An edit whose op is not an operation's name: the op's value is at line 3, column 9.
struct BadOp {
  std::string kind, op;
};
const std::vector<BadOp> kBadOps{{"a list", "[remove-link]"}, {"a map", "{a: 1}"}, {"a number", "5"}};

std::string BadOpEdit(const BadOp& b) { return "whatif: 1\nedits:\n  - op: " + b.op + "\n    id: x\n"; }

}  // namespace

TEST_CASE("whatif apply: bad edits exit 2 with file:line:col, and nothing is written", "[whatif][cli]") {
  const std::string three =
      "whatif: 1\n"
      "edits:\n"
      "  - op: remove-link\n"
      "    id: commune:99999--district:452\n"
      "  - op: modify-link\n"
      "    id: district:452--province:44\n"
      "    capacity: 0\n"
      "  - op: rehome\n"
      "    site: district:452\n"
      "    to: commune:18928\n";
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

TEST_CASE("whatif: an op that is a list, a map or a number: error[bad-type] at 3:9, exit 2, nothing written", "[whatif]") {
  test::TempDir dir;
  for (const BadOp& b : kBadOps) {
    INFO(b.kind);
    const std::string edit = dir.Write("edit.yaml", BadOpEdit(b));
    const std::string out = dir.File("fork.yaml");
    const test::CliRun r = test::Cli({"whatif", "apply", "tiny", "--edit", edit, "-o", out});
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(r.err.find(edit + ":3:9: error[bad-type]: expected an operation name, got " + b.kind + " (at edits[0].op)") !=
          std::string::npos);
    CHECK(r.err.find("nothing written") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  }
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

