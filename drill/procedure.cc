#include "drill/procedure.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace netdrill::drill {

namespace {

twin::SourceLoc Loc(const YAML::Node& n) { return {n.Mark().line + 1, n.Mark().column + 1}; }

bool ReadText(const YAML::Node& n, Text& out) {
  if (n.IsScalar()) {
    out.vi = n.Scalar();
    return true;
  }
  if (!n.IsMap() || !n["vi"] || !n["vi"].IsScalar()) return false;
  out.vi = n["vi"].Scalar();
  if (n["en"] && n["en"].IsScalar()) out.en = n["en"].Scalar();
  return true;
}

}  // namespace

std::string ProcedurePath(const std::string& drillFile, const std::string& id) {
  return (std::filesystem::path(drillFile).parent_path() / "procedures" / (id + ".yaml")).string();
}

std::optional<Procedure> LoadProcedure(const std::string& path, twin::Diagnostics& diags) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    diags.Error("cannot-read", path, {}, "", "cannot read the procedure");
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diags.Error("yaml-syntax", path, {e.mark.line + 1, e.mark.column + 1}, "", e.msg);
    return std::nullopt;
  }
  Procedure p;
  const int before = diags.ErrorCount();
  if (!root.IsMap() || !root["id"] || !root["steps"] || !root["steps"].IsSequence()) {
    diags.Error("bad-procedure", path, Loc(root), "", "a procedure has an id, a title and a list of steps");
    return std::nullopt;
  }
  p.id = root["id"].Scalar();
  if (root["title"] && !ReadText(root["title"], p.title)) {
    diags.Error("bad-type", path, Loc(root["title"]), "title", "expected text, or {vi: ..., en: ...}");
  }
  for (std::size_t i = 0; i < root["steps"].size(); ++i) {
    Text t;
    if (!ReadText(root["steps"][i], t)) {
      diags.Error("bad-type", path, Loc(root["steps"][i]), "steps[" + std::to_string(i) + "]",
                  "expected text, or {vi: ..., en: ...}");
      continue;
    }
    p.steps.push_back(t);
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return p;
}

}  // namespace netdrill::drill
