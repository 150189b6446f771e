#include "twin/yaml-reader.h"

#include "twin/units.h"

#include <exception>
#include <fstream>
#include <sstream>

namespace netdrill::twin {

namespace {

SourceLoc FromMark(const YAML::Mark& m, SourceLoc fallback) {
  if (m.line < 0) return fallback;  // Mark::null_mark(): a node or an error with no place
  return {m.line + 1, m.column + 1};
}

}  // namespace

std::optional<YAML::Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics& diags) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diags.Error("yaml-syntax", file, FromMark(e.mark, {1, 1}), "", e.msg);
  } catch (const std::exception& e) {  // yaml-cpp documents only its own, but never let one out
    diags.Error("yaml-syntax", file, {1, 1}, "", e.what());
  }
  return std::nullopt;
}

std::optional<YAML::Node> LoadYamlFile(const std::string& path, Diagnostics& diags, const std::string& cannotRead) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Error("cannot-read", path, {}, "", cannotRead);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseYaml(text.str(), path, diags);
}

// IsDefined() is the one query that is safe on every node: the others throw
// YAML::InvalidNode on a missing key's zombie, so it always comes first.
SourceLoc LocOf(const YAML::Node& n, SourceLoc fallback) {
  if (!n.IsDefined()) return fallback;
  return FromMark(n.Mark(), fallback);
}

std::string_view KindOf(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  // A plain scalar has the tag "?", a quoted one "!": only `5`, not `"5"`, is a number.
  if (n.IsScalar() && n.Tag() == "?" && ParseNumber(n.Scalar())) return "a number";
  return "a value";
}

std::string JoinPath(const std::string& base, std::string_view key) {
  if (key.empty()) return base;
  if (base.empty()) return std::string(key);
  std::string out;
  out.reserve(base.size() + 1 + key.size());
  out.append(base).append(1, '.').append(key);
  return out;
}

SourceLoc YamlAccess::Loc(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return m_last;
  const SourceLoc loc = FromMark(n.Mark(), {});
  if (loc.line == 0) return m_last;
  m_last = loc;
  return loc;
}

bool YamlAccess::Expect(bool ok, const YAML::Node& n, const std::string& path, std::string_view expected,
                        const std::string& hint) {
  if (ok) return true;
  Error("bad-type", Loc(n), path, "expected " + std::string(expected) + ", got " + std::string(KindOf(n)), hint);
  return false;
}

bool YamlAccess::IsMap(const YAML::Node& n, const std::string& path, const std::string& hint) {
  return Expect(n.IsDefined() && n.IsMap(), n, path, "a map", hint);
}

bool YamlAccess::IsSeq(const YAML::Node& n, const std::string& path, const std::string& hint) {
  return Expect(n.IsDefined() && n.IsSequence(), n, path, "a list", hint);
}

bool YamlAccess::IsScalar(const YAML::Node& n, const std::string& path, const std::string& hint) {
  return Expect(n.IsDefined() && n.IsScalar(), n, path, "a single value", hint);
}

bool YamlAccess::IsScalarField(const YAML::Node& n, const std::string& base, std::string_view key) {
  if (n.IsDefined() && n.IsScalar()) return true;
  return IsScalar(n, JoinPath(base, key));
}

std::optional<std::string> YamlAccess::String(const YAML::Node& n, const std::string& path) {
  if (!IsScalar(n, path)) return std::nullopt;
  return n.Scalar();
}

std::optional<std::string> YamlAccess::Word(const YAML::Node& n, const std::string& path, std::string_view what) {
  if (!Expect(n.IsDefined() && n.IsScalar() && KindOf(n) != "a number", n, path, what, {})) return std::nullopt;
  return n.Scalar();
}

std::optional<double> YamlAccess::Number(const YAML::Node& n, const std::string& path) {
  if (!IsScalar(n, path)) return std::nullopt;
  const auto v = ParseNumber(n.Scalar());
  if (!v) Error("bad-number", Loc(n), path, "\"" + n.Scalar() + "\" is not a number");
  return v;
}

std::optional<std::vector<std::string>> YamlAccess::StringList(const YAML::Node& n, const std::string& path) {
  std::vector<std::string> out;
  bool ok = true;
  const bool isList = ForEachItem(n, path, [&](std::size_t i, const YAML::Node& item) {
    if (auto s = String(item, path + "[" + std::to_string(i) + "]")) out.push_back(std::move(*s));
    else ok = false;
  });
  if (!isList || !ok) return std::nullopt;
  return out;
}

}  // namespace netdrill::twin
