// Trainee records: each scored drill kept in SQLite (trainee, drill, variant
// seed, date, score, each objective's points), what instructors ask of
// Packet Tracer and never get. The user's data folder by default
// ($XDG_DATA_HOME/netdrill/records.sqlite); --db chooses another file.
#pragma once

#include "drill/drill-run.h"
#include "twin/diagnostics.h"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

struct sqlite3;

namespace netdrill::drill {

struct RecordRow {
  std::int64_t id = 0;
  std::string trainee;
  std::string drill;
  std::string title;
  std::uint64_t seed = 1;
  std::string date;  ///< UTC, ISO 8601
  double score = 0.0;
  std::string fingerprint;
  std::vector<std::pair<std::string, double>> objectives;  ///< objective id, points
};

class Records {
public:
  /// @brief Opens (or creates) the records file; "" = the user's default file.
  static std::unique_ptr<Records> Open(const std::string& path, twin::Diagnostics& diags);
  ~Records();
  Records(const Records&) = delete;
  Records& operator=(const Records&) = delete;

  /// @brief Keeps one scored run; returns its id (0 on failure, with the reason in diags).
  std::int64_t Add(const DrillResult& result, const std::string& trainee, const std::string& date, twin::Diagnostics& diags);
  /// @brief Runs, oldest first, optionally of one trainee and/or one drill.
  std::vector<RecordRow> List(const std::string& trainee = {}, const std::string& drill = {}) const;
  /// @brief One line per run and objective, RFC 4180 quoting.
  void ExportCsv(std::ostream& out, const std::string& trainee = {}, const std::string& drill = {}) const;

  static std::string DefaultPath();

private:
  explicit Records(sqlite3* db) : m_db(db) {}
  sqlite3* m_db;
};

}  // namespace netdrill::drill
