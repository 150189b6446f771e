// A type-checked way into yaml-cpp's DOM that never throws: every node is
// checked before it is read, and a node of the wrong kind is reported in
// Diagnostics as "file:line:col: error[bad-type]: expected a map, got a list".
// Every reader of a user's YAML file goes through it (twins, drills and their
// fragments, procedures, scripted actions, edit files); no `.as<T>()` and no
// `operator[]` anywhere (both throw, or create nodes).
#pragma once

#include "twin/diagnostics.h"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netdrill::twin {

/// @brief Parses YAML text. A syntax error goes to `diags` as error[yaml-syntax]
/// at its place; nullopt then. Never throws.
std::optional<YAML::Node> ParseYaml(std::string_view text, const std::string& file, Diagnostics& diags);

/// @brief Reads and parses a file: error[cannot-read] `cannotRead` if it cannot be opened. Never throws.
std::optional<YAML::Node> LoadYamlFile(const std::string& path, Diagnostics& diags,
                                       const std::string& cannotRead = "cannot open the file");

/// @brief Where a node starts, 1-based; `fallback` for a node with no place (absent, an empty document).
SourceLoc LocOf(const YAML::Node& n, SourceLoc fallback = {1, 1});

/// @brief What a node is, for messages: "a map", "a list", "a number" (an unquoted
/// one), "a value" or "nothing" (null or absent).
std::string_view KindOf(const YAML::Node& n);

/// @brief True for null (`key:` with nothing, `~`) or absent: where a reader takes the default.
inline bool IsNothing(const YAML::Node& n) { return !n.IsDefined() || n.IsNull(); }

/// @brief The YAML path of a map's field: "base.key", "key" at the top, "base" for no key.
std::string JoinPath(const std::string& base, std::string_view key);

/// @brief The checked getters of one file. Each reports what is wrong (file:line:col,
/// the YAML path) and answers nullopt or false; none throws.
class YamlAccess {
public:
  YamlAccess(std::string file, Diagnostics& diags) : m_file(std::move(file)), m_diags(diags) {}

  const std::string& File() const { return m_file; }
  Diagnostics& Diags() { return m_diags; }

  /// @brief Where a node starts. A null node (yaml-cpp marks it at the next token) or
  /// one with no place gets the nearest place seen before it: for a map's value, its key.
  SourceLoc Loc(const YAML::Node& n);
  void Error(const std::string& code, SourceLoc loc, const std::string& path, const std::string& message,
             const std::string& hint = {}) {
    m_diags.Error(code, m_file, loc, path, message, hint);
  }

  /// @brief True for a map; otherwise error[bad-type] "expected a map, got ...".
  bool IsMap(const YAML::Node& n, const std::string& path, const std::string& hint = {});
  /// @brief True for a list; otherwise error[bad-type] "expected a list, got ...".
  bool IsSeq(const YAML::Node& n, const std::string& path, const std::string& hint = {});
  /// @brief True for a single value; otherwise error[bad-type] "expected a single value, got ...".
  bool IsScalar(const YAML::Node& n, const std::string& path, const std::string& hint = {});
  /// @brief IsScalar for the field `key` of the map at `base`; the path (JoinPath) is only
  /// spelled out when there is something to report: for readers of 10^5 fields (twins).
  bool IsScalarField(const YAML::Node& n, const std::string& base, std::string_view key);
  /// @brief True if `ok`; otherwise error[bad-type] "expected <expected>, got <KindOf(n)>" at n's
  /// place, for the kinds the checks above do not name ("text, or {vi: ..., en: ...}").
  bool Expect(bool ok, const YAML::Node& n, const std::string& path, std::string_view expected,
              const std::string& hint = {});

  /// @brief A single value as written.
  std::optional<std::string> String(const YAML::Node& n, const std::string& path);
  /// @brief A single value that is a word, not an unquoted number: "expected `what`, got a number".
  std::optional<std::string> Word(const YAML::Node& n, const std::string& path, std::string_view what);
  /// @brief A finite number (twin::ParseNumber); error[bad-number] for other text.
  std::optional<double> Number(const YAML::Node& n, const std::string& path);
  /// @brief A list of single values; each item of another kind is bad-type (all reported).
  std::optional<std::vector<std::string>> StringList(const YAML::Node& n, const std::string& path);

  /// @brief Calls `each(key, keyLoc, value)` for every entry of a map, in file order.
  /// A key that is not a single value is bad-type and skipped. False if `n` is no map.
  template <class F>
  bool ForEachEntry(const YAML::Node& n, const std::string& path, F each) {
    if (!IsMap(n, path)) return false;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const SourceLoc keyLoc = Loc(it->first);
      if (!it->first.IsScalar()) {
        Error("bad-type", keyLoc, path, "a key must be a single value, not " + std::string(KindOf(it->first)));
        continue;
      }
      each(it->first.Scalar(), keyLoc, it->second);
    }
    return true;
  }
  /// @brief Calls `each(index, item)` for every item of a list. False if `n` is no list.
  template <class F>
  bool ForEachItem(const YAML::Node& n, const std::string& path, F each) {
    if (!IsSeq(n, path)) return false;
    std::size_t i = 0;
    for (auto it = n.begin(); it != n.end(); ++it, ++i) each(i, *it);
    return true;
  }

private:
  std::string m_file;
  Diagnostics& m_diags;
  SourceLoc m_last{1, 1};
};

}  // namespace netdrill::twin
