// Compiler-style reports of problems in a user's file: every problem at once,
// "file:line:col: error[CODE]: message (at PATH)", 1-based line and column.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief A position in a user's file, 1-based; line 0 means "the file as a whole".
struct SourceLoc {
  int line = 0;
  int column = 0;
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  ///< stable, documented: "unknown-key", "missing-node", ...
  std::string file;
  SourceLoc loc;
  std::string path;  ///< where in the document: "links[12].b"
  std::string message;
  std::string hint;  ///< e.g. `did you mean "commune:00001"?`
};

/// @brief Collects the problems of one or more files.
class Diagnostics {
public:
  void Error(std::string code, const std::string& file, SourceLoc loc, std::string path, std::string message,
             std::string hint = {});
  void Warning(std::string code, const std::string& file, SourceLoc loc, std::string path, std::string message,
               std::string hint = {});
  void Add(Diagnostic d) { m_items.push_back(std::move(d)); }

  const std::vector<Diagnostic>& Items() const { return m_items; }
  int ErrorCount() const;
  int WarningCount() const;
  bool HasErrors() const { return ErrorCount() > 0; }
  /// @brief Sorted by file, line and column, as a compiler prints them.
  void Print(std::ostream& out) const;

private:
  std::vector<Diagnostic> m_items;
};

std::string Format(const Diagnostic& d);

/// @brief `did you mean "X"?` for the closest candidate, or "".
std::string SuggestHint(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace netdrill::twin
