// A small RFC 4180 CSV reader that remembers where each field was, so a bad
// value can be reported at its line and column.
#pragma once

#include "diagnostics.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netdrill::twin {

struct CsvField {
  std::string text;
  SourceLoc loc;
};

struct CsvRow {
  std::vector<CsvField> fields;
  int line = 0;
};

struct CsvTable {
  std::vector<CsvField> header;
  std::vector<CsvRow> rows;
  /// @brief Column index of a header name, or -1.
  int Column(std::string_view name) const;
};

/// @brief Parses CSV text (UTF-8, optional BOM, LF or CRLF). Syntax errors go to `diags`.
std::optional<CsvTable> ParseCsv(std::string_view text, const std::string& file, Diagnostics& diags);

/// @brief Reads a whole file, at most kLargestFileBytes (twin/limits.h: a larger file, or an endless one such as
/// /dev/zero, is refused after that much); nullopt, and an error in `diags` (`cannotRead` when it will not open).
std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags,
                                    const std::string& cannotRead = "cannot open the file");

}  // namespace netdrill::twin
