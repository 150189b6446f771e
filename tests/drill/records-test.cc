// The trainee records file: schema 3 (assist level, skill and time per objective, an HMAC per run),
// files of schema 1 and 2 migrated on open, a newer file refused, an edited row seen.
#include "drill/records.h"
#include "tests/drill/drill-support.h"
#include "tests/twin/test-support.h"

#include <sqlite3.h>

using namespace netdrill;

namespace {

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

int UserVersion(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
  const int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

}  // namespace

TEST_CASE("records: a schema 1 file is migrated on open and keeps its runs", "[drill][records]") {
  test::TempDir dir;
  const std::string path = dir.File("old.sqlite");
  // A records file as the first records wrote it: no assist, no skill, no time.
  Exec(path,
       "CREATE TABLE runs (id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, drill TEXT NOT NULL, title TEXT,"
       " seed INTEGER NOT NULL, date TEXT NOT NULL, score REAL NOT NULL, fingerprint TEXT);"
       "CREATE TABLE objectives (run INTEGER NOT NULL REFERENCES runs(id), objective TEXT NOT NULL, weight REAL,"
       " points REAL NOT NULL, met_at_s REAL);"
       "INSERT INTO runs VALUES (1, 'Hoa', 'tiny-cut', 'A cut', 1, '2026-01-01T00:00:00Z', 70, '00');"
       "INSERT INTO objectives VALUES (1, 'detect', 40, 40, 100), (1, 'diagnose', 60, 30, 200);");
  REQUIRE(UserVersion(path) == 0);
  twin::Diagnostics diags;
  auto records = drill::Records::Open(path, diags);
  INFO((diags.Items().empty() ? std::string() : diags.Items().front().message));
  REQUIRE(records);
  CHECK(UserVersion(path) == drill::Records::kSchemaVersion);
  auto rows = records->List("Hoa");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].score == 70.0);
  CHECK(rows[0].assist == "guided");  // the only level before schema 2
  REQUIRE(rows[0].objectives.size() == 2);
  CHECK(rows[0].objectives[1].points == 30.0);
  CHECK(rows[0].objectives[1].skill.empty());
  CHECK_FALSE(rows[0].objectives[1].timeTakenS);
  // A new run beside it keeps its level, skills and times; the trend reads both.
  drill::DrillResult r;
  r.drillId = "tiny-cut";
  r.score = 100;
  r.assist = drill::Assist::Exam;
  drill::ObjectiveResult detect;
  detect.id = "detect";
  detect.task = drill::Task::Ack;
  detect.weight = 40;
  detect.points = 20;
  detect.metAt = 100;
  detect.startedAt = 60;
  r.objectives.push_back(detect);
  REQUIRE(records->Add(r, "Hoa", "2026-02-01T00:00:00Z", false, diags) == 2);
  rows = records->List("Hoa");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].assist == "exam");
  CHECK(rows[1].objectives[0].skill == "detect");
  CHECK(*rows[1].objectives[0].timeTakenS == 40.0);
  const auto trend = records->Trend("Hoa");
  REQUIRE(trend.size() == 4);
  CHECK(trend[0].skill == "detect");
  // Run by run: the old run's objectives have no skill kept, the new one earned half of detect.
  REQUIRE(trend[0].sharePct.size() == 2);
  CHECK_FALSE(trend[0].sharePct[0]);
  CHECK(*trend[0].sharePct[1] == 50.0);
  CHECK(*trend[0].medianTimeS == 40.0);
  // Opened again: nothing to migrate, nothing lost.
  records.reset();
  CHECK(drill::Records::Open(path, diags)->List().size() == 2);
}

TEST_CASE("records: a file from a newer netdrill is refused with a clear error", "[drill][records]") {
  test::TempDir dir;
  const std::string path = dir.File("new.sqlite");
  Exec(path, "PRAGMA user_version = 9;");
  twin::Diagnostics diags;
  CHECK_FALSE(drill::Records::Open(path, diags));
  REQUIRE_FALSE(diags.Items().empty());
  CHECK(diags.Items().front().message == "made by a newer netdrill (records schema 9; this one reads up to 4)");
}

TEST_CASE("records: an exported cell a spreadsheet would run as a formula is led by a quote", "[drill][records]") {
  const std::string path = "records-formula.sqlite";
  std::filesystem::remove(path);
  twin::Diagnostics diags;
  auto records = drill::Records::Open(path, diags);
  REQUIRE(records);
  drill::DrillResult r;
  r.drillId = "commune-cut-backup";
  r.title.vi = "Đứt cáp";
  drill::ObjectiveResult o;
  o.id = "ack";
  r.objectives.push_back(o);
  // A trainee's name comes over the network from the class server: it may be anything.
  REQUIRE(records->Add(r, "=HYPERLINK(\"http://x\",\"y\")", "2026-12-07T00:00:00Z", false, diags) > 0);
  REQUIRE(records->Add(r, "@SUM(A1)", "2026-12-07T00:00:00Z", false, diags) > 0);
  REQUIRE(records->Add(r, "Lan", "2026-12-07T00:00:00Z", false, diags) > 0);
  std::ostringstream csv;
  records->ExportCsv(csv, "", "");
  const std::string text = csv.str();
  CHECK(text.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",") != std::string::npos);
  CHECK(text.find(",'@SUM(A1),") != std::string::npos);
  CHECK(text.find(",Lan,") != std::string::npos);
  CHECK(text.find(",=") == std::string::npos);
  CHECK(text.find(",@") == std::string::npos);
}

TEST_CASE("records: a row edited behind netdrill's back (sqlite3) is listed as edited, not as true", "[drill][records]") {
  const std::string path = "records-tamper.sqlite";
  std::filesystem::remove(path);
  std::filesystem::remove(path + ".key");
  twin::Diagnostics diags;
  drill::DrillResult r;
  r.drillId = "commune-cut-backup";
  r.score = 40.0;
  drill::ObjectiveResult o;
  o.id = "ack";
  o.points = 10.0;
  o.weight = 25.0;
  r.objectives.push_back(o);
  {
    auto records = drill::Records::Open(path, diags);
    REQUIRE(records);
    REQUIRE(records->Add(r, "Lan", "2026-12-07T00:00:00Z", false, diags) == 1);
    r.instructorLines = true;
    REQUIRE(records->Add(r, "Minh", "2026-12-07T00:00:00Z", true, diags) == 2);
    r.instructorLines = false;
    const auto rows = records->List();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].intact == true);
    CHECK(rows[1].intact == true);
    // How each was played: a scripted run with an instructor's lines is not a trainee's own.
    CHECK(rows[0].played == "person");
    CHECK(rows[1].played == "scripted, instructor");
  }
  CHECK((std::filesystem::status(path + ".key").permissions() & std::filesystem::perms::group_read) == std::filesystem::perms::none);
  Exec(path, "UPDATE runs SET score = 100 WHERE trainee = 'Lan'; UPDATE objectives SET points = 25 WHERE run = 2;");
  auto records = drill::Records::Open(path, diags);
  REQUIRE(records);
  const auto rows = records->List();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].intact == false);  // its score
  CHECK(rows[1].intact == false);  // one of its objectives
  std::ostringstream csv;
  records->ExportCsv(csv);
  CHECK(csv.str().find(",EDITED,person\n") != std::string::npos);
  // A row kept before schema 3 has no HMAC: not known, rather than true.
  Exec(path, "UPDATE runs SET mac = NULL WHERE id = 1;");
  CHECK_FALSE(records->List().front().intact.has_value());
}
