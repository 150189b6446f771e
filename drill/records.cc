#include "drill/records.h"

#include "session/secrets.h"
#include "session/session.h"

#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace netdrill::drill {

using session::HmacHex;
using session::LoadOrMakeKey;
using session::SameSecret;

namespace {

// A prepared statement that finalises itself.
class Statement {
public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool Ok() const { return m_stmt != nullptr; }
  void Bind(int i, const std::string& v) { sqlite3_bind_text(m_stmt, i, v.c_str(), -1, SQLITE_TRANSIENT); }
  void Bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
  void Bind(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
  int Step() { return sqlite3_step(m_stmt); }
  std::string Text(int c) const {
    const unsigned char* t = sqlite3_column_text(m_stmt, c);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  double Real(int c) const { return sqlite3_column_double(m_stmt, c); }
  std::int64_t Int(int c) const { return sqlite3_column_int64(m_stmt, c); }
  bool Null(int c) const { return sqlite3_column_type(m_stmt, c) == SQLITE_NULL; }

private:
  sqlite3_stmt* m_stmt = nullptr;
};

// A cell as a spreadsheet reads it: quoted when it must be, and one that a spreadsheet would take for a
// formula (=, +, -, @, a tab or a carriage return first: a trainee's name comes over the network) led by '.
std::string Csv(const std::string& given) {
  const std::string s = !given.empty() && std::string("=+-@\t\r").find(given[0]) != std::string::npos ? "'" + given : given;
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// What a row's HMAC covers: every column of the run and of its objectives, in a fixed order.
std::string Canonical(const RecordRow& r) {
  nlohmann::json objectives = nlohmann::json::array();
  for (const ObjectiveRecord& o : r.objectives) {
    objectives.push_back({o.id, o.points, o.weight, o.skill, o.timeTakenS ? nlohmann::json(*o.timeTakenS) : nlohmann::json()});
  }
  nlohmann::json row = nlohmann::json::array({r.id, r.trainee, r.drill, r.title, r.seed, r.date, r.score, r.fingerprint, r.assist, objectives});
  if (r.played != "person") row.push_back(r.played);  // rows kept before schema 4 (all "person") keep their HMACs
  return row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string Records::DefaultPath() { return session::LocalDataDir() + "/records.sqlite"; }

std::unique_ptr<Records> Records::Open(const std::string& pathIn, twin::Diagnostics& diags) {
  const std::string path = pathIn.empty() ? DefaultPath() : pathIn;
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    diags.Error("cannot-open", path, {}, "", std::string("cannot open the records: ") + sqlite3_errmsg(db));
    sqlite3_close(db);
    return nullptr;
  }
  char* error = nullptr;
  auto fail = [&](const std::string& why) {
    diags.Error("bad-records", path, {}, "", why);
    sqlite3_free(error);
    sqlite3_close(db);
    return nullptr;
  };
  sqlite3_busy_timeout(db, 5000);  // a console and a command line may open the file at once
  auto userVersion = [&] {
    Statement v(db, "PRAGMA user_version");
    return v.Ok() && v.Step() == SQLITE_ROW ? static_cast<int>(v.Int(0)) : -1;
  };
  // A newer file is refused before anything is written to it.
  const int found = userVersion();
  if (found < 0) return fail(std::string("not a records file: ") + sqlite3_errmsg(db));
  if (found > kSchemaVersion) {
    return fail("made by a newer netdrill (records schema " + std::to_string(found) + "; this one reads up to " +
                std::to_string(kSchemaVersion) + ")");
  }
  std::string keyError;
  const auto key = LoadOrMakeKey(path + ".key", keyError);
  if (!key) return fail("its HMAC key: " + keyError);
  if (found == kSchemaVersion) {
    sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    return std::unique_ptr<Records>(new Records(db, *key));
  }
  // Older or new: created as schema 1 (the first records) if absent, then migrated, in one write
  // transaction (the version read again inside it: another process may have migrated meanwhile).
  // Schema 2 keeps each run's assist level (earlier runs were all guided) and each objective's skill
  // and time taken (unknown for earlier runs).
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, &error) != SQLITE_OK) {
    return fail(std::string("not a records file: ") + (error ? error : sqlite3_errmsg(db)));
  }
  const char* schema1 =
      "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, drill TEXT NOT NULL,"
      " title TEXT, seed INTEGER NOT NULL, date TEXT NOT NULL, score REAL NOT NULL, fingerprint TEXT);"
      "CREATE TABLE IF NOT EXISTS objectives (run INTEGER NOT NULL REFERENCES runs(id), objective TEXT NOT NULL,"
      " weight REAL, points REAL NOT NULL, met_at_s REAL);";
  const char* to2 =
      "ALTER TABLE runs ADD COLUMN assist TEXT NOT NULL DEFAULT 'guided';"
      "ALTER TABLE objectives ADD COLUMN skill TEXT;"
      "ALTER TABLE objectives ADD COLUMN time_taken_s REAL;"
      "PRAGMA user_version = 2;";
  // Schema 3: each run's HMAC (runs kept before have none: their `intact` is unknown).
  const char* to3 =
      "ALTER TABLE runs ADD COLUMN mac TEXT;"
      "PRAGMA user_version = 3;";
  // Schema 4: how each run was played (runs kept before: by a person).
  const char* to4 =
      "ALTER TABLE runs ADD COLUMN played TEXT NOT NULL DEFAULT 'person';"
      "PRAGMA user_version = 4;";
  const int inside = userVersion();
  const bool ok = inside == kSchemaVersion ||
                  (inside >= 0 && inside < 2 && sqlite3_exec(db, schema1, nullptr, nullptr, &error) == SQLITE_OK &&
                   sqlite3_exec(db, to2, nullptr, nullptr, &error) == SQLITE_OK &&
                   sqlite3_exec(db, to3, nullptr, nullptr, &error) == SQLITE_OK &&
                   sqlite3_exec(db, to4, nullptr, nullptr, &error) == SQLITE_OK) ||
                  (inside == 2 && sqlite3_exec(db, to3, nullptr, nullptr, &error) == SQLITE_OK &&
                   sqlite3_exec(db, to4, nullptr, nullptr, &error) == SQLITE_OK) ||
                  (inside == 3 && sqlite3_exec(db, to4, nullptr, nullptr, &error) == SQLITE_OK);
  if (!ok || sqlite3_exec(db, "COMMIT", nullptr, nullptr, &error) != SQLITE_OK) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return fail(std::string("not a records file, or it cannot be migrated to schema " + std::to_string(kSchemaVersion) + ": ") + (error ? error : sqlite3_errmsg(db)));
  }
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  return std::unique_ptr<Records>(new Records(db, *key));
}

Records::~Records() { sqlite3_close(m_db); }

std::string PlayedName(bool scripted, bool instructorLines) {
  return std::string(scripted ? "scripted" : "person") + (instructorLines ? ", instructor" : "");
}

std::int64_t Records::Add(const DrillResult& r, const std::string& trainee, const std::string& date, bool scripted,
                          twin::Diagnostics& diags) {
  sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
  Statement run(m_db,
                "INSERT INTO runs (trainee, drill, title, seed, date, score, fingerprint, assist, played)"
                " VALUES (?,?,?,?,?,?,?,?,?)");
  const std::string hex = session::FingerprintHex(r.fingerprint);
  run.Bind(1, trainee);
  run.Bind(2, r.drillId);
  run.Bind(3, r.title.In(r.lang));
  run.Bind(4, static_cast<std::int64_t>(r.seed));
  run.Bind(5, date);
  run.Bind(6, r.score);
  run.Bind(7, std::string(hex));
  run.Bind(8, std::string(AssistName(r.assist)));
  run.Bind(9, PlayedName(scripted, r.instructorLines));
  if (!run.Ok() || run.Step() != SQLITE_DONE) {
    diags.Error("records", "", {}, "", std::string("cannot keep the record: ") + sqlite3_errmsg(m_db));
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    return 0;
  }
  const std::int64_t id = sqlite3_last_insert_rowid(m_db);
  for (const ObjectiveResult& o : r.objectives) {
    Statement obj(m_db,
                  "INSERT INTO objectives (run, objective, weight, points, met_at_s, skill, time_taken_s)"
                  " VALUES (?,?,?,?,?,?,?)");
    obj.Bind(1, id);
    obj.Bind(2, o.id);
    obj.Bind(3, o.weight);
    obj.Bind(4, o.points);
    if (o.metAt) obj.Bind(5, *o.metAt);
    obj.Bind(6, std::string(SkillOf(o.task)));
    if (const auto taken = o.TimeTaken()) obj.Bind(7, *taken);
    obj.Step();
  }
  // The row as it reads back, under an HMAC with the key beside the file.
  const auto kept = Rows({}, {}, id);
  Statement mac(m_db, "UPDATE runs SET mac = ? WHERE id = ?");
  mac.Bind(1, kept.empty() ? std::string() : HmacHex(m_key, Canonical(kept.front())));
  mac.Bind(2, id);
  if (kept.empty() || !mac.Ok() || mac.Step() != SQLITE_DONE) {
    diags.Error("records", "", {}, "", std::string("cannot keep the record: ") + sqlite3_errmsg(m_db));
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    return 0;
  }
  sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
  return id;
}

std::vector<RecordRow> Records::List(const std::string& trainee, const std::string& drill) const {
  return Rows(trainee, drill, 0);
}

std::vector<RecordRow> Records::Rows(const std::string& trainee, const std::string& drill, std::int64_t id) const {
  std::vector<RecordRow> out;
  Statement q(m_db,
              "SELECT id, trainee, drill, title, seed, date, score, fingerprint, assist, mac, played FROM runs"
              " WHERE (?1 = '' OR trainee = ?1) AND (?2 = '' OR drill = ?2) AND (?3 = 0 OR id = ?3) ORDER BY id");
  q.Bind(1, trainee);
  q.Bind(2, drill);
  q.Bind(3, id);
  while (q.Step() == SQLITE_ROW) {
    RecordRow row{q.Int(0), q.Text(1), q.Text(2), q.Text(3), static_cast<std::uint64_t>(q.Int(4)), q.Text(5),
                  q.Real(6), q.Text(7), q.Text(8), {}, std::nullopt};
    const std::string mac = q.Null(9) ? std::string() : q.Text(9);
    row.played = q.Text(10);
    Statement o(m_db, "SELECT objective, points, weight, skill, time_taken_s FROM objectives WHERE run = ? ORDER BY rowid");
    o.Bind(1, row.id);
    while (o.Step() == SQLITE_ROW) {
      ObjectiveRecord rec{o.Text(0), o.Real(1), o.Real(2), o.Text(3), std::nullopt};
      if (!o.Null(4)) rec.timeTakenS = o.Real(4);
      row.objectives.push_back(std::move(rec));
    }
    if (!mac.empty()) row.intact = SameSecret(HmacHex(m_key, Canonical(row)), mac);
    out.push_back(std::move(row));
  }
  return out;
}

void Records::ExportCsv(std::ostream& out, const std::string& trainee, const std::string& drill) const {
  out << "run,trainee,drill,title,seed,date,score,objective,points,assist,skill,time_taken_s,intact,played\n";
  for (const RecordRow& r : List(trainee, drill)) {
    for (const ObjectiveRecord& o : r.objectives) {
      out << r.id << ',' << Csv(r.trainee) << ',' << Csv(r.drill) << ',' << Csv(r.title) << ',' << r.seed << ','
          << r.date << ',' << r.score << ',' << Csv(o.id) << ',' << o.points << ',' << r.assist << ',' << o.skill << ',';
      if (o.timeTakenS) out << *o.timeTakenS;
      out << ',' << (r.intact ? (*r.intact ? "yes" : "EDITED") : "") << ',' << Csv(r.played) << '\n';
    }
  }
}

std::vector<SkillTrend> Records::Trend(const std::string& trainee, const std::string& drill) const {
  std::vector<SkillTrend> out;
  for (const char* skill : {"detect", "diagnose", "restore", "communicate"}) {
    SkillTrend t;
    t.skill = skill;
    std::vector<double> times;
    for (const RecordRow& r : List(trainee, drill)) {
      double points = 0.0, weight = 0.0;
      for (const ObjectiveRecord& o : r.objectives) {
        if (o.skill != skill) continue;
        points += o.points;
        weight += o.weight;
        if (o.timeTakenS) times.push_back(*o.timeTakenS);
      }
      t.sharePct.push_back(weight > 0 ? std::optional<double>(100.0 * points / weight) : std::nullopt);
    }
    if (!times.empty()) {
      std::sort(times.begin(), times.end());
      const std::size_t n = times.size();
      t.medianTimeS = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2.0;
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace netdrill::drill
