// Find a site by id, administrative code or name, with or without diacritics.
#pragma once

#include "model.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netdrill::twin {

/// @brief The answer to a site look-up: none, one, or every candidate of an ambiguous name.
struct SiteMatch {
  std::vector<SiteId> sites;
  bool IsUnique() const { return sites.size() == 1; }
  bool IsAmbiguous() const { return sites.size() > 1; }
};

/// @brief Looks sites up by id ("commune:00001"), code ("00001"), or name
/// ("Thanh Hoá" = "Thanh Hóa" = "thanh hoa"; "Phúc Xá" finds "Phường Phúc Xá").
/// A full name wins over a name without its unit type: "Hà Giang" is the
/// province, not "Thành phố Hà Giang".
/// A name may be qualified: "Tân Hòa, Long An" keeps the candidates whose
/// district or province matches the part after the comma.
class NameIndex {
public:
  explicit NameIndex(const Twin& twin);

  SiteMatch Find(std::string_view query) const;
  /// @brief "Xã Tân Hòa (Huyện Phú Giáo, Bình Dương)": a name that tells candidates apart.
  std::string QualifiedName(SiteId site) const;
  /// @brief The site names closest to a query that found nothing, for "did you mean".
  std::vector<std::string> Suggest(std::string_view query, std::size_t max = 3) const;

private:
  const Twin& m_twin;
  std::unordered_map<std::string, std::vector<SiteId>> m_byKey;   ///< ids, codes, full names
  std::unordered_map<std::string, std::vector<SiteId>> m_byBare;  ///< names without their unit type
  std::vector<std::string> m_keys;  ///< distinct folded name keys, for suggestions
  static void AddKey(std::unordered_map<std::string, std::vector<SiteId>>& map, const std::string& key, SiteId site);
  bool MatchesQualifier(SiteId site, const std::string& foldedQualifier) const;
};

/// @brief The name without its unit type: "Phường Phúc Xá" -> "Phúc Xá", "Ba Dinh District" -> "Ba Dinh".
std::string StripUnitType(std::string_view name);

}  // namespace netdrill::twin
