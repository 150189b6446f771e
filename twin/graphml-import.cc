#include "graphml-import.h"

#include "csv.h"
#include "limits.h"
#include "text.h"
#include "units.h"

#include <expat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace netdrill::twin {
namespace {

struct RawElement {
  std::string id;
  std::string source;
  std::string target;
  SourceLoc loc;
  std::unordered_map<std::string, std::string> data;  // attr.name -> value
};

struct Key {
  std::string domain;  // "node", "edge", "graph", "all"
  std::string name;
};

class GraphmlReader {
public:
  GraphmlReader(const std::string& file, Diagnostics& diags) : m_file(file), m_diags(diags) {}

  bool Parse(std::string_view text) {
    XML_Parser parser = XML_ParserCreate("UTF-8");
    m_parser = parser;
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &GraphmlReader::OnStart, &GraphmlReader::OnEnd);
    XML_SetCharacterDataHandler(parser, &GraphmlReader::OnText);
    const bool ok = XML_Parse(parser, text.data(), static_cast<int>(text.size()), XML_TRUE) != XML_STATUS_ERROR;
    if (!ok) {
      m_diags.Error("graphml-syntax", m_file, Here(), "", XML_ErrorString(XML_GetErrorCode(parser)));
    }
    XML_ParserFree(parser);
    m_parser = nullptr;
    return ok;
  }

  bool sawGraphml = false;
  bool sawGraph = false;
  std::vector<RawElement> nodes;
  std::vector<RawElement> edges;
  std::string graphLabel;

private:
  const std::string& m_file;
  Diagnostics& m_diags;
  XML_Parser m_parser = nullptr;
  int m_nestedNodes = 0;  // <node> elements open inside the current node
  std::unordered_map<std::string, Key> m_keys;
  RawElement* m_current = nullptr;
  bool m_inNode = false;
  bool m_inEdge = false;
  bool m_inGraph = false;
  std::string m_dataKey;
  std::string m_text;
  bool m_capturing = false;

  SourceLoc Here() const {
    return {static_cast<int>(XML_GetCurrentLineNumber(m_parser)),
            static_cast<int>(XML_GetCurrentColumnNumber(m_parser)) + 1};
  }
  static std::string Attr(const XML_Char** attrs, const char* name) {
    for (int i = 0; attrs[i] != nullptr; i += 2) {
      if (std::string_view(attrs[i]) == name) return attrs[i + 1];
    }
    return {};
  }
  static bool HasAttr(const XML_Char** attrs, const char* name) {
    for (int i = 0; attrs[i] != nullptr; i += 2) {
      if (std::string_view(attrs[i]) == name) return true;
    }
    return false;
  }
  // GraphML may carry a namespace prefix ("g:node"): compare the local name.
  static std::string_view Local(const XML_Char* name) {
    std::string_view n(name);
    const auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
  }

  static void XMLCALL OnStart(void* self, const XML_Char* name, const XML_Char** attrs) {
    static_cast<GraphmlReader*>(self)->Start(Local(name), attrs);
  }
  static void XMLCALL OnEnd(void* self, const XML_Char* name) { static_cast<GraphmlReader*>(self)->End(Local(name)); }
  static void XMLCALL OnText(void* self, const XML_Char* s, int len) {
    auto* r = static_cast<GraphmlReader*>(self);
    if (r->m_capturing) r->m_text.append(s, static_cast<std::size_t>(len));
  }

  void Start(std::string_view name, const XML_Char** attrs) {
    if (name == "graphml") {
      sawGraphml = true;
    } else if (name == "key") {
      m_keys[Attr(attrs, "id")] = Key{Attr(attrs, "for"), Attr(attrs, "attr.name")};
    } else if (name == "graph") {
      sawGraph = true;
      m_inGraph = true;
    } else if (name == "node" && m_inGraph && !m_inNode) {
      nodes.emplace_back();
      m_current = &nodes.back();
      m_current->loc = Here();
      m_inNode = true;
      if (!HasAttr(attrs, "id")) {
        m_diags.Error("missing-key", m_file, Here(), "node", "a <node> needs an id attribute");
      }
      m_current->id = Attr(attrs, "id");
    } else if (name == "node" && m_inNode) {
      // GraphML's nested graphs (a node holding a graph of nodes): not a network NetDrill imports.
      if (m_nestedNodes++ == 0) {
        m_diags.Error("unsupported", m_file, Here(), "node",
                      "a <node> inside a <node> (a nested graph): NetDrill imports flat graphs only");
      }
    } else if (name == "edge" && m_inGraph) {
      edges.emplace_back();
      m_current = &edges.back();
      m_current->loc = Here();
      m_inEdge = true;
      m_current->id = Attr(attrs, "id");
      m_current->source = Attr(attrs, "source");
      m_current->target = Attr(attrs, "target");
      if (!HasAttr(attrs, "source") || !HasAttr(attrs, "target")) {
        m_diags.Error("missing-key", m_file, Here(), "edge", "an <edge> needs source and target attributes");
      }
    } else if (name == "hyperedge") {
      m_diags.Warning("unsupported", m_file, Here(), "hyperedge", "<hyperedge> elements are not imported");
    } else if (name == "data") {
      m_dataKey = Attr(attrs, "key");
      m_text.clear();
      m_capturing = true;
    }
  }

  void End(std::string_view name) {
    if (name == "data") {
      m_capturing = false;
      auto k = m_keys.find(m_dataKey);
      const std::string attrName = k == m_keys.end() ? m_dataKey : k->second.name;
      if (m_current != nullptr && (m_inNode || m_inEdge)) {
        m_current->data[attrName] = m_text;
      } else if (m_inGraph && attrName == "label") {
        graphLabel = m_text;
      }
    } else if (name == "node" && m_nestedNodes > 0) {
      --m_nestedNodes;
    } else if (name == "node" && m_inNode) {
      m_inNode = false;
      m_current = nullptr;
    } else if (name == "edge" && m_inEdge) {
      m_inEdge = false;
      m_current = nullptr;
    } else if (name == "graph") {
      m_inGraph = false;
    }
  }
};

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

const std::string* Get(const RawElement& e, const char* key) {
  auto it = e.data.find(key);
  return it == e.data.end() ? nullptr : &it->second;
}

std::string Describe(const RawElement& e, const std::unordered_map<std::string, std::string>& labels) {
  auto label = [&](const std::string& id) {
    auto it = labels.find(id);
    return it == labels.end() || it->second.empty() ? id : it->second + " (" + id + ")";
  };
  return "edge " + label(e.source) + " – " + label(e.target);
}

}  // namespace

namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// `word` at `i`, with no letter or digit right before or after it.
bool WordAt(const std::string& s, std::size_t i, std::string_view word) {
  return s.compare(i, word.size(), word) == 0 && (i == 0 || !IsAlnum(s[i - 1])) &&
         (i + word.size() >= s.size() || !IsAlnum(s[i + word.size()]));
}

// A number at `i` ("2", "2.5", "0,5"): its value and where it ends.
std::optional<std::pair<double, std::size_t>> NumberAt(const std::string& s, std::size_t i) {
  if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  if (i > 0 && (IsAlnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) return std::nullopt;
  std::size_t j = i;
  while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
    ++j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  }
  std::string number = s.substr(i, j - i);
  std::replace(number.begin(), number.end(), ',', '.');
  auto v = ParseNumber(number);
  if (!v) return std::nullopt;
  return std::make_pair(*v, j);
}

}  // namespace

std::optional<double> ParseSpeedText(std::string_view raw) {
  std::string s;
  for (char c : raw) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  // "2.5 Gbps", "155mb/s", "10Gbit/s", "0.02M": a number, a unit prefix, an optional "bps".
  static const std::string_view suffixes[] = {"bits/s", "bit/s", "bps", "b/s", "bit", "ps", "b", ""};
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto number = NumberAt(s, i);
    if (!number) continue;
    std::size_t j = number->second;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j >= s.size()) continue;
    const char unit = s[j];
    const double scale = unit == 'k' ? 1e-3 : unit == 'm' ? 1.0 : unit == 'g' ? 1e3 : unit == 't' ? 1e6 : 0.0;
    if (scale == 0.0) continue;
    for (std::string_view suffix : suffixes) {
      const std::size_t end = j + 1 + suffix.size();
      if (s.compare(j + 1, suffix.size(), suffix) == 0 && (end >= s.size() || !IsAlnum(s[end]))) {
        return number->first * scale;
      }
    }
  }
  // Line types: OC-n (SONET), STM-n (SDH), nGE.
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (const auto& [prefix, mbps] : {std::pair<std::string_view, double>{"oc", 51.84}, {"stm", 155.52}}) {
      if (s.compare(i, prefix.size(), prefix) != 0 || (i > 0 && IsAlnum(s[i - 1]))) continue;
      std::size_t j = i + prefix.size();
      if (j < s.size() && s[j] == '-') ++j;
      if (auto n = NumberAt(s, j)) return n->first * mbps;
    }
    if (auto n = NumberAt(s, i)) {
      std::size_t j = n->second;
      while (j < s.size() && s[j] == ' ') ++j;
      for (std::string_view ge : {"gige", "gbe", "ge"}) {
        if (WordAt(s, j, ge)) return n->first * 1e3;
      }
    }
  }
  static const std::pair<std::string_view, double> named[] = {
      {"gige", 1000.0}, {"gigabit", 1000.0}, {"ge", 1000.0},  {"fast ethernet", 100.0}, {"fe", 100.0},
      {"e1", 2.048},    {"e3", 34.368},      {"t1", 1.544},   {"ds1", 1.544},           {"ds-1", 1.544},
      {"t3", 44.736},   {"ds3", 44.736},     {"ds-3", 44.736}};
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (const auto& [word, mbps] : named) {
      if (WordAt(s, i, word)) return mbps;
    }
  }
  return std::nullopt;
}

std::optional<Twin> ParseGraphml(std::string_view text, const std::string& file, const GraphmlOptions& options,
                                 Diagnostics& diags, ImportReport& report) {
  if (Trim(text).empty()) {
    diags.Error("empty-file", file, {1, 1}, "", "the file is empty: a GraphML document was expected");
    return std::nullopt;
  }
  GraphmlReader reader(file, diags);
  const int before = diags.ErrorCount();
  if (!reader.Parse(text)) return std::nullopt;
  if (!reader.sawGraphml || !reader.sawGraph) {
    diags.Error("not-graphml", file, {1, 1}, "", "no <graphml> document with a <graph> in it");
    return std::nullopt;
  }
  if (const auto many = CountRefusal(reader.nodes.size(), kMostSites, "nodes", "a twin")) {
    diags.Error("too-many", file, reader.nodes[kMostSites].loc, "node", *many);
    return std::nullopt;
  }
  if (const auto many = CountRefusal(reader.edges.size(), kMostLinks, "edges", "a twin")) {
    diags.Error("too-many", file, reader.edges[kMostLinks].loc, "edge", *many);
    return std::nullopt;
  }
  if (reader.nodes.empty()) {
    diags.Error("no-sites", file, {1, 1}, "graph", "the graph has no <node>: a twin needs at least one site");
    return std::nullopt;
  }
  Twin twin;
  twin.name = Trim(reader.graphLabel);
  const auto slash = file.find_last_of('/');
  twin.provenance.source = slash == std::string::npos ? file : file.substr(slash + 1);
  if (twin.name.empty()) twin.name = twin.provenance.source;
  twin.demands = Demands{};

  std::unordered_map<std::string, SourceLoc> seen;
  std::unordered_map<std::string, std::string> labels;
  for (const RawElement& n : reader.nodes) {
    if (n.id.empty()) continue;  // reported while parsing
    if (auto [it, fresh] = seen.emplace(n.id, n.loc); !fresh) {
      diags.Error("duplicate-id", file, n.loc, "node", "node id \"" + n.id + "\" is used twice (first at line " +
                                                           std::to_string(it->second.line) + ")");
      continue;
    }
    Site s;
    s.id = n.id;
    s.level = SiteLevel::Other;
    if (const std::string* label = Get(n, "label")) {
      s.name = ToNfc(Trim(*label));
      if (!IsValidUtf8(s.name)) s.name.clear();
    }
    labels[n.id] = s.name;
    const std::string* lat = Get(n, "Latitude");
    const std::string* lon = Get(n, "Longitude");
    const double la = lat ? ParseNumber(Trim(*lat)).value_or(NAN) : NAN;
    const double lo = lon ? ParseNumber(Trim(*lon)).value_or(NAN) : NAN;
    if (std::abs(la) <= 90 && std::abs(lo) <= 180) {
      s.position = GeoPoint{la, lo};
    } else {
      ++report.nodesWithoutPosition;
      report.guesses.push_back("node " + (s.name.empty() ? n.id : s.name + " (" + n.id + ")") +
                               ": no usable coordinates; the lengths of its links are unknown");
    }
    if (const std::string* h = Get(n, "hyperedge"); h && Trim(*h) == "1") {
      s.tags.push_back("hyperedge");
      ++report.hyperedgeNodes;
    }
    if (const std::string* internal = Get(n, "Internal"); internal && Trim(*internal) == "0") {
      s.tags.push_back("external");
    }
    if (const std::string* country = Get(n, "Country"); country && !Trim(*country).empty()) {
      s.tags.push_back("country:" + Trim(*country));
    }
    twin.AddSite(std::move(s));
  }
  std::set<std::pair<std::string, std::string>> pairs;
  std::vector<std::string> nodeIds;
  for (const Site& s : twin.Sites()) nodeIds.push_back(s.id);
  for (const RawElement& e : reader.edges) {
    if (e.source.empty() || e.target.empty()) continue;  // reported while parsing
    const NodeId a = twin.FindNode(e.source);
    const NodeId b = twin.FindNode(e.target);
    bool ok = true;
    for (const auto& [ref, node, attr] : {std::tuple{&e.source, a, "source"}, std::tuple{&e.target, b, "target"}}) {
      if (!node.IsValid()) {
        diags.Error("missing-node", file, e.loc, std::string("edge.") + attr, "no node \"" + *ref + "\"",
                    SuggestHint(*ref, nodeIds));
        ok = false;
      }
    }
    if (!ok) continue;
    ++report.edges;
    Link l;
    l.a = a;
    l.b = b;
    if (a == b) {
      ++report.selfLoops;
      report.guesses.push_back(Describe(e, labels) + ": joins a node to itself; kept, and left out of analysis");
    } else if (!pairs.insert(std::minmax(e.source, e.target)).second) {
      ++report.parallelEdges;
    }
    std::optional<double> mbps;
    if (const std::string* raw = Get(e, "LinkSpeedRaw")) {
      if (auto bps = ParseNumber(Trim(*raw)); bps && *bps > 0) mbps = *bps / 1e6;
    }
    if (!mbps) {
      const std::string* speed = Get(e, "LinkSpeed");
      const std::string* units = Get(e, "LinkSpeedUnits");
      if (speed && units) {
        auto v = ParseCapacityMbps(Trim(*speed) + Trim(*units));
        if (v && *v > 0) mbps = v;
      }
    }
    if (!mbps) {
      const std::string* label = Get(e, "LinkLabel");
      if (label && !Trim(*label).empty()) {
        if (auto v = ParseSpeedText(*label); v && *v > 0) {
          mbps = v;
          report.guesses.push_back(Describe(e, labels) + ": speed \"" + Trim(*label) + "\" read as " +
                                   FormatNumber(*v) + " Mbit/s");
        }
      }
    }
    if (!mbps) {
      mbps = options.defaultCapacityMbps;
      const std::string* label = Get(e, "LinkLabel");
      report.guesses.push_back(Describe(e, labels) + ": no speed" +
                               (label && !Trim(*label).empty() ? " in \"" + Trim(*label) + "\"" : std::string()) +
                               "; assumed " + FormatNumber(*mbps) + " Mbit/s");
    }
    if (const auto wrong = CapacityOutOfRange(*mbps)) {
      report.guesses.push_back(Describe(e, labels) + ": " + *wrong + "; assumed " + FormatNumber(options.defaultCapacityMbps) +
                               " Mbit/s");
      mbps = options.defaultCapacityMbps;
    }
    l.capacityMbps = *mbps;
    twin.AddLink(std::move(l));
  }
  report.nodes = static_cast<int>(twin.Sites().size());
  if (diags.ErrorCount() > before) return std::nullopt;
  return twin;
}

std::optional<Twin> ImportGraphml(const std::string& path, const GraphmlOptions& options, Diagnostics& diags,
                                  ImportReport& report) {
  auto text = ReadFile(path, diags);
  if (!text) return std::nullopt;
  return ParseGraphml(*text, path, options, diags, report);
}

}  // namespace netdrill::twin
