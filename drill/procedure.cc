#include "drill/procedure.h"

#include "twin/yaml-reader.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>

namespace netdrill::drill {

namespace {

// Text: "just Vietnamese" or {vi: ..., en: ...}; other keys are left alone.
// False (reported) if it is neither, or its vi or en is not a single value.
bool ReadText(twin::YamlAccess& y, const YAML::Node& n, const std::string& path, Text& out) {
  if (n.IsScalar()) {
    out.vi = n.Scalar();
    return true;
  }
  if (!y.Expect(n.IsMap(), n, path, "text, or {vi: ..., en: ...}")) return false;
  const int before = y.Diags().ErrorCount();
  const twin::SourceLoc loc = y.Loc(n);
  bool hasVi = false;
  y.ForEachEntry(n, path, [&](const std::string& key, twin::SourceLoc, const YAML::Node& v) {
    if (key != "vi" && key != "en") return;
    const auto s = y.String(v, path + "." + key);
    if (!s) return;
    (key == "vi" ? out.vi : out.en) = *s;
    hasVi = hasVi || key == "vi";
  });
  if (y.Diags().ErrorCount() > before) return false;
  if (!hasVi) y.Error("missing-key", loc, path, "\"vi\" is required here");
  return hasVi;
}

}  // namespace

std::string LibraryDir() {
  if (const char* env = std::getenv("NETDRILL_SCENARIOS"); env != nullptr && *env != '\0') return env;
  return NETDRILL_SCENARIOS_DIR;
}

std::vector<std::string> ReachableFolders(const std::string& file) {
  const std::string own = std::filesystem::path(file).parent_path().string();
  return {own.empty() ? "." : own, LibraryDir()};
}

std::string ProcedurePath(const std::string& drillFile, const std::string& id) {
  // The drill's own folder first, then the library's: a drill written elsewhere can name the library's procedures.
  const auto own = std::filesystem::path(drillFile).parent_path() / "procedures" / (id + ".yaml");
  std::error_code ec;
  if (std::filesystem::exists(own, ec)) return own.string();
  const auto library = std::filesystem::path(LibraryDir()) / "procedures" / (id + ".yaml");
  return std::filesystem::exists(library, ec) ? library.string() : own.string();
}

std::optional<Procedure> LoadProcedure(const std::string& path, twin::Diagnostics& diags) {
  const int before = diags.ErrorCount();  // before the parse: a key given twice is one of its errors
  const auto root = twin::LoadYamlFile(path, diags, "cannot read the procedure");
  if (!root) return std::nullopt;
  twin::YamlAccess y(path, diags);
  const char* const shape = "a procedure has an id, a title and a list of steps";
  if (!root->IsMap()) {
    diags.Error("bad-procedure", path, y.Loc(*root), "", shape);
    return std::nullopt;
  }
  Procedure p;
  bool hasId = false, hasSteps = false;
  // Keys other than these (procedure: 1, the format's version) are left alone.
  y.ForEachEntry(*root, "", [&](const std::string& key, twin::SourceLoc, const YAML::Node& v) {
    if (key == "id") {
      hasId = true;
      if (auto id = y.String(v, key)) p.id = *id;
    } else if (key == "title") {
      ReadText(y, v, key, p.title);
    } else if (key == "steps") {
      hasSteps = true;
      y.ForEachItem(v, key, [&](std::size_t i, const YAML::Node& step) {
        Text t;
        if (ReadText(y, step, key + "[" + std::to_string(i) + "]", t)) p.steps.push_back(t);
      });
    }
  });
  if (!hasId || !hasSteps) diags.Error("bad-procedure", path, y.Loc(*root), "", shape);
  if (diags.ErrorCount() > before) return std::nullopt;
  return p;
}

}  // namespace netdrill::drill
