#include "twin/yaml-reader.h"

#include "twin/csv.h"
#include "twin/limits.h"
#include "twin/units.h"

#include <exception>
#include <fstream>
#include <set>
#include <sstream>

namespace netdrill::twin {

namespace {

SourceLoc FromMark(const YAML::Mark& m, SourceLoc fallback) {
  if (m.line < 0) return fallback;  // Mark::null_mark(): a node or an error with no place
  return {m.line + 1, m.column + 1};
}

}  // namespace

namespace {

constexpr int kDeepest = kDeepestNesting;

// Flow collections ([ and {) nested deeper than the limit, found before yaml-cpp recurses into them.
bool TooDeepFlow(std::string_view text) {
  int depth = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (comment) {
      comment = c != '\n';
      continue;
    }
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) comment = true;
    else if ((c == '[' || c == '{') && ++depth > kDeepest) return true;
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return false;
}

// Every map's keys once (yaml-cpp keeps both of a repeated key, and a lookup takes the first), and no
// deeper than the limit.
void CheckTree(const YAML::Node& n, int depth, const std::string& file, Diagnostics& diags, bool& deep) {
  if (depth > kDeepest) {
    if (!deep) diags.Error("too-deep", file, LocOf(n, {1, 1}), "", "nested deeper than " + std::to_string(kDeepest) + " levels");
    deep = true;
    return;
  }
  if (n.IsMap()) {
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (it->first.IsScalar() && !seen.insert(it->first.Scalar()).second) {
        diags.Error("duplicate-key", file, LocOf(it->first, {1, 1}), it->first.Scalar(),
                    "the key \"" + it->first.Scalar() + "\" is given twice in this map");
      }
      CheckTree(it->second, depth + 1, file, diags, deep);
    }
  } else if (n.IsSequence()) {
    for (auto it = n.begin(); it != n.end(); ++it) CheckTree(*it, depth + 1, file, diags, deep);
  }
}

}  // namespace

std::optional<YAML::Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (const auto large = FileSizeRefusal(text.size())) {
    diags.Error("too-large", file, {1, 1}, "", *large);
    return std::nullopt;
  }
  if (TooDeepFlow(text)) {
    diags.Error("too-deep", file, {1, 1}, "", "nested deeper than " + std::to_string(kDeepest) + " levels");
    return std::nullopt;
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    bool deep = false;
    CheckTree(root, 0, file, diags, deep);
    return root;
  } catch (const YAML::Exception& e) {
    diags.Error("yaml-syntax", file, FromMark(e.mark, {1, 1}), "", e.msg);
  } catch (const std::exception& e) {  // yaml-cpp documents only its own, but never let one out
    diags.Error("yaml-syntax", file, {1, 1}, "", e.what());
  }
  return std::nullopt;
}

std::optional<YAML::Node> LoadYamlFile(const std::string& path, Diagnostics& diags, const std::string& cannotRead) {
  const auto text = ReadFile(path, diags, cannotRead);
  if (!text) return std::nullopt;
  return ParseYaml(*text, path, diags);
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
