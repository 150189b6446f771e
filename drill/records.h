// Trainee records: each scored drill kept in SQLite (trainee, drill, variant
// seed, date, score, each objective's points), what instructors ask of
// Packet Tracer and never get. The user's data folder by default
// ($XDG_DATA_HOME/netdrill/records.sqlite); --db chooses another file.
#pragma once

#include "drill/drill-run.h"
#include "twin/diagnostics.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

struct sqlite3;

namespace netdrill::drill {

/// @brief One objective of a kept run: its points of its weight, the skill it measures, the time it took.
struct ObjectiveRecord {
  std::string id;
  double points = 0.0;
  double weight = 0.0;
  std::string skill;                  ///< detect, diagnose, restore, communicate ("" : kept before schema 2)
  std::optional<double> timeTakenS;   ///< from its incident's start to met (unset: not met, or kept before schema 2)
};

/// @brief A trainee's skill over their runs, oldest first: the share of the points earned of the
/// weight on offer in each run, and the median time taken.
struct SkillTrend {
  std::string skill;
  std::vector<std::optional<double>> sharePct;  ///< per run, oldest first (unset: the run had none of this skill kept)
  std::optional<double> medianTimeS;
};

struct RecordRow {
  std::int64_t id = 0;
  std::string trainee;
  std::string drill;
  std::string title;
  std::uint64_t seed = 1;
  std::string date;  ///< UTC, ISO 8601
  double score = 0.0;
  std::string fingerprint;
  std::string assist = "guided";  ///< the assist level it ran at (runs kept before schema 2: guided, the only level then)
  std::vector<ObjectiveRecord> objectives;
  /// Whether the row (and its objectives) is as it was kept: its HMAC, with the key beside the file, matches.
  /// Unset: kept before schema 3, with no HMAC. An edit by someone without the key file is seen; one by
  /// someone with it is not.
  std::optional<bool> intact;
  /// How it was played: "person" (at a console), "scripted" (a scripted trainee, --actions), either with
  /// ", instructor" when an instructor's lines went in. Runs kept before schema 4: "person".
  std::string played = "person";
};

/// @brief The records' word for how a run was played (RecordRow::played).
std::string PlayedName(bool scripted, bool instructorLines);

class Records {
public:
  /// @brief Opens (or creates) the records file; "" = the user's default file. Its HMAC key is the file
  /// PATH.key beside it (made at first use, mode 0600).
  static std::unique_ptr<Records> Open(const std::string& path, twin::Diagnostics& diags);
  ~Records();
  Records(const Records&) = delete;
  Records& operator=(const Records&) = delete;

  /// @brief Keeps one scored run; returns its id (0 on failure, with the reason in diags).
  std::int64_t Add(const DrillResult& result, const std::string& trainee, const std::string& date, bool scripted,
                   twin::Diagnostics& diags);
  /// @brief Runs, oldest first, optionally of one trainee and/or one drill.
  std::vector<RecordRow> List(const std::string& trainee = {}, const std::string& drill = {}) const;
  /// @brief Per skill (detect, diagnose, restore, communicate), a trainee's share of the points by run.
  std::vector<SkillTrend> Trend(const std::string& trainee, const std::string& drill = {}) const;
  /// @brief One line per run and objective, RFC 4180 quoting.
  void ExportCsv(std::ostream& out, const std::string& trainee = {}, const std::string& drill = {}) const;

  static std::string DefaultPath();
  /// @brief The schema this netdrill writes (PRAGMA user_version); older files are migrated on open.
  static constexpr int kSchemaVersion = 4;

private:
  Records(sqlite3* db, std::string key) : m_db(db), m_key(std::move(key)) {}
  std::vector<RecordRow> Rows(const std::string& trainee, const std::string& drill, std::int64_t id) const;
  sqlite3* m_db;
  std::string m_key;
};

}  // namespace netdrill::drill
