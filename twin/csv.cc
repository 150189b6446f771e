#include "csv.h"

#include "limits.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace netdrill::twin {

int CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].text == name) return static_cast<int>(i);
  }
  return -1;
}

std::optional<CsvTable> ParseCsv(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  std::vector<CsvRow> rows;
  CsvRow row;
  CsvField field;
  int line = 1;
  int col = 1;
  bool fieldStarted = false;
  std::size_t i = 0;
  auto endField = [&]() {
    row.fields.push_back(std::move(field));
    field = CsvField{};
    fieldStarted = false;
  };
  auto endRow = [&]() {
    if (!(row.fields.size() == 1 && row.fields[0].text.empty())) rows.push_back(std::move(row));
    row = CsvRow{};
  };
  while (i < text.size()) {
    const char c = text[i];
    if (!fieldStarted) {
      field.loc = {line, col};
      if (row.fields.empty()) row.line = line;
      fieldStarted = true;
      if (c == '"') {
        // Quoted field: "" is a quote; the field ends at the closing quote.
        ++i;
        ++col;
        bool closed = false;
        while (i < text.size()) {
          const char q = text[i];
          if (q == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.text.push_back('"');
              i += 2;
              col += 2;
              continue;
            }
            ++i;
            ++col;
            closed = true;
            break;
          }
          if (q == '\n') {
            ++line;
            col = 1;
          } else {
            ++col;
          }
          field.text.push_back(q);
          ++i;
        }
        if (!closed) {
          diags.Error("csv-syntax", file, field.loc, "", "quoted field is never closed");
          return std::nullopt;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          diags.Error("csv-syntax", file, {line, col}, "", "unexpected character after a closing quote");
          return std::nullopt;
        }
        continue;
      }
    }
    if (c == ',') {
      endField();
      ++i;
      ++col;
      fieldStarted = false;
      // A trailing comma starts an empty last field.
      field.loc = {line, col};
      if (i >= text.size() || text[i] == '\n' || text[i] == '\r') {
        fieldStarted = true;
      }
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (fieldStarted || !row.fields.empty()) endField();
      endRow();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
      col = 1;
      continue;
    }
    field.text.push_back(c);
    ++i;
    ++col;
  }
  if (fieldStarted || !row.fields.empty()) {
    endField();
    endRow();
  }
  if (rows.empty()) {
    diags.Error("empty-file", file, {1, 1}, "", "the file is empty: a header row is expected");
    return std::nullopt;
  }
  table.header = std::move(rows.front().fields);
  rows.erase(rows.begin());
  table.rows = std::move(rows);
  return table;
}

std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags, const std::string& cannotRead) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diags.Error("cannot-read", path, {}, "", cannotRead + ": it is a folder");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error("cannot-read", path, {}, "", cannotRead);
    return std::nullopt;
  }
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (FileSizeRefusal(text.size())) {  // read no further than the limit
      diags.Error("too-large", path, {1, 1}, "", "larger than " + std::to_string(kLargestFileBytes >> 20) + " MiB");
      return std::nullopt;
    }
  }
  if (in.bad()) {
    diags.Error("cannot-read", path, {}, "", cannotRead + ": a read error");
    return std::nullopt;
  }
  return text;
}

}  // namespace netdrill::twin
