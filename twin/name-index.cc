#include "name-index.h"

#include "text.h"

#include <algorithm>
#include <array>

namespace netdrill::twin {
namespace {

// Unit-type words of Vietnamese administrative names (prefixes) and of their
// English forms (suffixes, or prefixes before a number: "Ward 1").
constexpr std::array<std::string_view, 9> kVietnamesePrefixes{
    "Thành phố ", "Thị trấn ", "Thị xã ", "Đặc khu ", "Phường ", "Huyện ", "Quận ", "Tỉnh ", "Xã "};
constexpr std::array<std::string_view, 8> kEnglishSuffixes{
    " Special Zone", " Township", " Commune", " District", " Province", " Ward", " City", " Town"};

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

}  // namespace

std::string StripUnitType(std::string_view name) {
  for (std::string_view p : kVietnamesePrefixes) {
    if (StartsWith(name, p) && name.size() > p.size()) return std::string(name.substr(p.size()));
  }
  for (std::string_view s : kEnglishSuffixes) {
    if (EndsWith(name, s) && name.size() > s.size()) return std::string(name.substr(0, name.size() - s.size()));
  }
  return std::string(name);
}

NameIndex::NameIndex(const Twin& twin) : m_twin(twin) {
  const auto& sites = twin.Sites();
  m_byKey.reserve(sites.size() * 5);
  for (std::uint32_t i = 0; i < sites.size(); ++i) {
    const Site& s = sites[i];
    const SiteId id(i);
    AddKey(m_byKey, s.id, id);
    if (!s.code.empty()) AddKey(m_byKey, s.code, id);
    for (const std::string* name : {&s.name, &s.nameEn}) {
      if (name->empty()) continue;
      const std::string full = FoldForSearch(*name);
      AddKey(m_byKey, full, id);
      const std::string bare = FoldForSearch(StripUnitType(*name));
      if (bare != full) AddKey(m_byBare, bare, id);
    }
  }
  m_keys.reserve(m_byKey.size());
  for (const auto* map : {&m_byKey, &m_byBare}) {
    for (const auto& [key, ids] : *map) {
      if (!key.empty() && key.find(':') == std::string::npos) m_keys.push_back(key);
    }
  }
  std::sort(m_keys.begin(), m_keys.end());
  m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
}

void NameIndex::AddKey(std::unordered_map<std::string, std::vector<SiteId>>& map, const std::string& key,
                       SiteId site) {
  auto& ids = map[key];
  if (std::find(ids.begin(), ids.end(), site) == ids.end()) ids.push_back(site);
}

bool NameIndex::MatchesQualifier(SiteId site, const std::string& q) const {
  // Walk up the administrative parents: the commune's district, its province.
  for (SiteId p = m_twin.GetSite(site).parent; p.IsValid(); p = m_twin.GetSite(p).parent) {
    const Site& ps = m_twin.GetSite(p);
    for (const std::string* name : {&ps.name, &ps.nameEn}) {
      if (FoldForSearch(*name) == q || FoldForSearch(StripUnitType(*name)) == q) return true;
    }
    if (ps.code == q) return true;
  }
  return false;
}

SiteMatch NameIndex::Find(std::string_view query) const {
  SiteMatch match;
  auto exact = m_byKey.find(std::string(query));
  if (exact != m_byKey.end()) {
    match.sites = exact->second;
    return match;
  }
  std::string_view name = query;
  std::string qualifier;
  if (auto comma = query.find(','); comma != std::string_view::npos) {
    name = query.substr(0, comma);
    qualifier = FoldForSearch(query.substr(comma + 1));
  }
  const std::string key = FoldForSearch(name);
  for (const auto* map : {&m_byKey, &m_byBare}) {
    auto it = map->find(key);
    if (it == map->end()) continue;
    for (SiteId s : it->second) {
      if (qualifier.empty() || MatchesQualifier(s, qualifier)) match.sites.push_back(s);
    }
    if (!match.sites.empty()) break;
  }
  std::sort(match.sites.begin(), match.sites.end());
  return match;
}

std::string NameIndex::QualifiedName(SiteId site) const {
  const Site& s = m_twin.GetSite(site);
  std::string out = s.name.empty() ? s.id : s.name;
  std::string parents;
  for (SiteId p = s.parent; p.IsValid(); p = m_twin.GetSite(p).parent) {
    if (!parents.empty()) parents += ", ";
    parents += m_twin.GetSite(p).name;
  }
  if (!parents.empty()) out += " (" + parents + ")";
  return out + " [" + s.id + "]";
}

std::vector<std::string> NameIndex::Suggest(std::string_view query, std::size_t max) const {
  const std::string key = FoldForSearch(query);
  const int limit = std::clamp(static_cast<int>(key.size()) / 3, 1, 4);
  std::vector<std::pair<int, std::string>> scored;
  for (const std::string& k : m_keys) {
    const int d = EditDistance(key, k, limit);
    if (d <= limit) scored.emplace_back(d, k);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, k] : scored) {
    if (out.size() >= max) break;
    auto it = m_byKey.find(k);
    const SiteId first = (it != m_byKey.end() ? it->second : m_byBare.at(k)).front();
    out.push_back(m_twin.GetSite(first).name.empty() ? k : m_twin.GetSite(first).name);
  }
  return out;
}

}  // namespace netdrill::twin
