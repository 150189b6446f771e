#include "twin/display-name.h"

#include "twin/name-index.h"

#include <algorithm>
#include <vector>

namespace netdrill::twin {

namespace {

bool IdChar(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == ':' || ch == '_' ||
         ch == '.' || ch == '/' || ch == '#' || ch == '-';
}

bool TrailingPunctuation(char ch) { return ch == '.' || ch == ':' || ch == '-' || ch == '/' || ch == '#'; }

// The router's number in a site of several routers ("centre:48/r2" -> 2), 0 for a one-router site.
int RouterNumber(const Twin& twin, NodeId node) {
  const Node& n = twin.GetNode(node);
  const Site& site = twin.GetSite(n.site);
  if (site.nodes.size() < 2) return 0;
  for (std::size_t i = 0; i < site.nodes.size(); ++i)
    if (site.nodes[i] == node) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace

const std::string& SiteOwnName(const Site& site, NameLang lang) {
  if (lang == NameLang::En && !site.nameEn.empty()) return site.nameEn;
  return site.name.empty() ? site.id : site.name;
}

std::string SiteDisplayName(const Twin& twin, SiteId id, NameLang lang) {
  const Site& site = twin.GetSite(id);
  std::string out = SiteOwnName(site, lang);
  // The parents, at most three up (commune, district, province), without their unit types.
  SiteId p = site.parent;
  for (int depth = 0; depth < 3 && p.IsValid(); ++depth) {
    const Site& parent = twin.GetSite(p);
    out += ", " + StripUnitType(SiteOwnName(parent, lang));
    p = parent.parent;
  }
  return out;
}

std::string NodeDisplayName(const Twin& twin, NodeId node, NameLang lang) {
  const Node& n = twin.GetNode(node);
  std::string out = SiteDisplayName(twin, n.site, lang);
  if (const int k = RouterNumber(twin, node); k > 0)
    out += (lang == NameLang::En ? ", router " : ", bộ định tuyến ") + std::to_string(k);
  return out;
}

const char* MediumDisplayName(Medium medium, NameLang lang) {
  const bool en = lang == NameLang::En;
  switch (medium) {
    case Medium::Fibre: return en ? "fibre" : "cáp quang";
    case Medium::Microwave: return en ? "microwave" : "vi ba";
    case Medium::Cellular4G: return "4G";
    case Medium::Vsat: return en ? "satellite (VSAT)" : "vệ tinh (VSAT)";
  }
  return "";
}

std::string LinkDisplayName(const Twin& twin, LinkId id, NameLang lang) {
  const Link& link = twin.GetLink(id);
  const Node& a = twin.GetNode(link.a);
  const Node& b = twin.GetNode(link.b);
  const char* router = lang == NameLang::En ? "router " : "bộ định tuyến ";
  if (a.site == b.site) {  // inside a site: its two routers
    return SiteOwnName(twin.GetSite(a.site), lang) + ": " + router + std::to_string(RouterNumber(twin, link.a)) + " – " +
           router + std::to_string(RouterNumber(twin, link.b)) + " (" + MediumDisplayName(link.medium, lang) + ")";
  }
  std::string out = SiteOwnName(twin.GetSite(a.site), lang) + " – " + SiteOwnName(twin.GetSite(b.site), lang) + " (" +
                    MediumDisplayName(link.medium, lang);
  // Which of several links between the same ends: the router it leaves from, or the implied id's "#N".
  int ordinal = RouterNumber(twin, link.a);
  if (ordinal == 0) ordinal = RouterNumber(twin, link.b);
  if (ordinal == 0) {
    const std::size_t hash = link.id.rfind('#');
    if (hash != std::string::npos && hash + 1 < link.id.size()) {
      ordinal = 0;
      for (std::size_t i = hash + 1; i < link.id.size() && link.id[i] >= '0' && link.id[i] <= '9' && ordinal < 1000; ++i)
        ordinal = ordinal * 10 + (link.id[i] - '0');
    }
  }
  if (ordinal > 0) out += (lang == NameLang::En ? ", line " : ", tuyến ") + std::to_string(ordinal);
  if (link.role == LinkRole::Backup) out += lang == NameLang::En ? ", backup" : ", dự phòng";
  return out + ")";
}

std::string SrgDisplayName(const Twin& twin, SrgId id, NameLang lang) {
  const Srg& g = twin.GetSrg(id);
  if (lang == NameLang::En && !g.nameEn.empty()) return g.nameEn;
  return g.name.empty() ? g.id : g.name;
}

std::string ElementDisplayName(const Twin& twin, std::string_view id, NameLang lang) {
  if (const SiteId s = twin.FindSite(id); s.IsValid()) return SiteDisplayName(twin, s, lang);
  if (const NodeId n = twin.FindNode(id); n.IsValid()) return NodeDisplayName(twin, n, lang);
  if (const LinkId l = twin.FindLink(id); l.IsValid()) return LinkDisplayName(twin, l, lang);
  if (const SrgId g = twin.FindSrg(id); g.IsValid()) return SrgDisplayName(twin, g, lang);
  // An alarm's resource may name one alarm of an element: "province:02#generator-failure".
  if (const std::size_t hash = id.rfind('#'); hash != std::string_view::npos && hash > 0) {
    const std::string_view element = id.substr(0, hash);
    if (IsElementId(twin, element)) return ElementDisplayName(twin, element, lang);
  }
  return std::string(id);
}

bool IsElementId(const Twin& twin, std::string_view id) {
  return twin.FindSite(id).IsValid() || twin.FindNode(id).IsValid() || twin.FindLink(id).IsValid() ||
         twin.FindSrg(id).IsValid();
}

namespace {

bool EndsWith(std::string_view text, std::string_view end) {
  return !end.empty() && text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// "Hải Phòng (province:31)": the id in parentheses right after its site's own name,
// as the session writes a site it names; the name is not said twice.
bool AfterItsOwnName(const Twin& twin, std::string_view text, std::size_t at, std::size_t len) {
  if (at < 2 || text.substr(at - 2, 2) != " (" || at + len >= text.size() || text[at + len] != ')') return false;
  const SiteId s = twin.FindSite(text.substr(at, len));
  if (!s.IsValid()) return false;
  const Site& site = twin.GetSite(s);
  const std::string_view before = text.substr(0, at - 2);
  return EndsWith(before, site.name) || EndsWith(before, site.nameEn);
}

}  // namespace

std::string NameIdsInText(const Twin& twin, std::string_view text, NameLang lang, IdsInText how) {
  std::vector<std::string_view> annotated;  // an id is annotated where it first appears, not on every row of a table
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IdChar(text[i]) || (i > 0 && IdChar(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && IdChar(text[end])) ++end;
    // The longest id the run starts with, trailing punctuation ("province:40:", "commune:1.") let go.
    std::size_t len = end - i;
    bool found = false;
    while (len > 0) {
      const std::string_view token = text.substr(i, len);
      if (token.find(':') != std::string_view::npos && IsElementId(twin, token)) {
        found = true;
        break;
      }
      if (!TrailingPunctuation(text[i + len - 1])) break;
      --len;
    }
    if (!found) {
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    const std::string_view token = text.substr(i, len);
    if (AfterItsOwnName(twin, text, i, len)) {
      if (how == IdsInText::Replace) {  // "Hải Phòng (province:31)" reads "Hải Phòng"
        out.erase(out.size() - 2);
        i += len + 1;
      } else {  // the terminal keeps the id a command takes, without the name again
        out.append(token);
        annotated.push_back(token);
        i += len;
      }
      continue;
    }
    const std::string name = ElementDisplayName(twin, token, lang);
    if (how == IdsInText::Replace) {
      out += name;
    } else {
      out.append(token);
      if (std::find(annotated.begin(), annotated.end(), token) == annotated.end()) {
        annotated.push_back(token);
        out += " (" + name + ")";
      }
    }
    i += len;
  }
  return out;
}

}  // namespace netdrill::twin
