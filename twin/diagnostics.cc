#include "diagnostics.h"

#include "text.h"

#include <algorithm>
#include <sstream>

namespace netdrill::twin {

void Diagnostics::Error(std::string code, const std::string& file, SourceLoc loc, std::string path,
                        std::string message, std::string hint) {
  m_items.push_back({Severity::Error, std::move(code), file, loc, std::move(path), std::move(message), std::move(hint)});
}

void Diagnostics::Warning(std::string code, const std::string& file, SourceLoc loc, std::string path,
                          std::string message, std::string hint) {
  m_items.push_back(
      {Severity::Warning, std::move(code), file, loc, std::move(path), std::move(message), std::move(hint)});
}

int Diagnostics::ErrorCount() const {
  return static_cast<int>(
      std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

int Diagnostics::WarningCount() const { return static_cast<int>(m_items.size()) - ErrorCount(); }

std::string Format(const Diagnostic& d) {
  std::ostringstream out;
  // "file:line:col: " as compilers print it; a problem with no file (a bad
  // command-line value) starts with its severity.
  if (!d.file.empty()) {
    out << d.file;
    if (d.loc.line > 0) out << ':' << d.loc.line << ':' << std::max(1, d.loc.column);
    out << ": ";
  }
  out << (d.severity == Severity::Error ? "error" : "warning") << '[' << d.code << "]: " << d.message;
  if (!d.path.empty()) out << " (at " << d.path << ')';
  if (!d.hint.empty()) out << "; " << d.hint;
  return out.str();
}

void Diagnostics::Print(std::ostream& out) const {
  std::vector<const Diagnostic*> sorted;
  sorted.reserve(m_items.size());
  for (const auto& d : m_items) sorted.push_back(&d);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->file != b->file) return a->file < b->file;
    if (a->loc.line != b->loc.line) return a->loc.line < b->loc.line;
    return a->loc.column < b->loc.column;
  });
  for (const Diagnostic* d : sorted) out << Format(*d) << '\n';
  const int errors = ErrorCount();
  const int warnings = WarningCount();
  if (errors + warnings > 0) {
    out << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
        << (warnings == 1 ? " warning" : " warnings") << '\n';
  }
}

std::string SuggestHint(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = DidYouMean(word, candidates);
  return best.empty() ? std::string() : "did you mean \"" + best + "\"?";
}

}  // namespace netdrill::twin
