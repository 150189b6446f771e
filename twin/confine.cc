#include "twin/confine.h"

#include <algorithm>
#include <filesystem>

namespace netdrill::twin {
namespace {

namespace fs = std::filesystem;

// The path with symlinks resolved as far as it exists, made absolute, `..` and `.` gone.
fs::path Resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path, ec).lexically_normal();
  return p;
}

bool Within(const fs::path& inner, const fs::path& folder) {
  auto [f, i] = std::mismatch(folder.begin(), folder.end(), inner.begin(), inner.end());
  // A folder written with a trailing slash ends in an empty component.
  return f == folder.end() || (std::next(f) == folder.end() && f->empty());
}

}  // namespace

std::optional<std::string> OutsideFolders(const std::string& path, const std::vector<std::string>& folders) {
  const fs::path resolved = Resolved(path);
  std::string names;
  for (const std::string& folder : folders) {
    const fs::path root = Resolved(folder.empty() ? "." : folder);
    if (Within(resolved, root)) return std::nullopt;
    names += (names.empty() ? "" : " and ") + root.string();
  }
  return "it resolves to " + resolved.string() + ", outside " + names;
}

}  // namespace netdrill::twin
