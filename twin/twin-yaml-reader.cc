#include "twin-spec.h"
#include "twin-yaml.h"

#include "csv.h"
#include "units.h"
#include "yaml-reader.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <limits>
#include <map>

namespace netdrill::twin {
namespace {

// Reads a yaml-cpp document into a TwinSpec, checking shapes and types as it
// goes (through YamlAccess: a node of the wrong kind is error[bad-type] at its
// place, never a throw); names are resolved later by BuildTwin.
class YamlReader {
public:
  YamlReader(const std::string& file, Diagnostics& diags) : m_y(file, diags) {}
  void Read(const YAML::Node& root, TwinSpec& spec);

private:
  using Handler = std::function<void(const YAML::Node& value, SourceLoc loc, const std::string& path)>;

  YamlAccess m_y;

  SourceLoc Loc(const YAML::Node& n) { return m_y.Loc(n); }
  void Error(SourceLoc loc, const std::string& path, const std::string& code, const std::string& message,
             const std::string& hint = {}) {
    m_y.Error(code, loc, path, message, hint);
  }
  // Walks a mapping, giving each known key to its handler; unknown keys are errors.
  void Map(const YAML::Node& node, const std::string& path, const std::map<std::string, Handler>& handlers) {
    m_y.ForEachEntry(node, path, [&](const std::string& key, SourceLoc keyLoc, const YAML::Node& value) {
      auto h = handlers.find(key);
      if (h == handlers.end()) {
        std::vector<std::string> known;
        for (const auto& [k, v] : handlers) known.push_back(k);
        Error(keyLoc, path, "unknown-key", "unknown key \"" + key + "\"", SuggestHint(key, known));
        return;
      }
      h->second(value, Loc(value), JoinPath(path, key));
    });
  }
  // A list; nothing (`links:` alone) is an empty one.
  template <class F>
  void Seq(const YAML::Node& node, const std::string& path, F each) {
    if (IsNothing(node)) return;
    m_y.ForEachItem(node, path, [&](std::size_t i, const YAML::Node& item) {
      each(item, Loc(item), path + "[" + std::to_string(i) + "]");
    });
  }
  bool Scalar(const YAML::Node& n, const std::string& path) { return m_y.IsScalar(n, path); }
  // Handlers for the generic Map walk; the checks are the hot path's (Set, below).
  template <class T>
  Handler Value(Located<T>& out) {
    return [this, &out](const YAML::Node& n, SourceLoc, const std::string& path) { Set(n, FieldPath{path, {}}, out); };
  }
  Handler String(Located<std::string>& out) { return Value(out); }
  Handler Number(Located<double>& out) { return Value(out); }
  Handler Integer(Located<int>& out) { return Value(out); }
  Handler Boolean(Located<bool>& out) { return Value(out); }
  Handler Text(std::string& out) {
    return [this, &out](const YAML::Node& n, SourceLoc, const std::string& path) {
      if (Scalar(n, path)) out = n.Scalar();
    };
  }
  Handler Plain(double& out) {
    return [this, &out](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      Located<double> v;
      Number(v)(n, loc, path);
      if (!v.present) return;
      if (v.value < 0) {
        Error(loc, path, "out-of-range", "cannot be negative");
        return;
      }
      out = v.value;
    };
  }
  Handler PlainInt(int& out) {
    return [this, &out](const YAML::Node& n, SourceLoc loc, const std::string& path) {
      Located<int> v;
      Integer(v)(n, loc, path);
      if (!v.present) return;
      if (v.value < 0) {
        Error(loc, path, "out-of-range", "cannot be negative");
        return;
      }
      out = v.value;
    };
  }

  // The hot path (thousands of sites and links): no handler maps, and the YAML
  // path of a field is only spelled out when there is something to report.
  struct FieldPath {
    const std::string& base;
    std::string_view key;
    std::string Str() const { return JoinPath(base, key); }
  };
  template <class OnKey>
  void Fields(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known, OnKey onKey) {
    m_y.ForEachEntry(node, path, [&](const std::string& key, SourceLoc keyLoc, const YAML::Node& value) {
      if (!onKey(key, value, FieldPath{path, key})) {
        Error(keyLoc, path, "unknown-key", "unknown key \"" + key + "\"", SuggestHint(key, known));
      }
    });
  }
  bool ScalarAt(const YAML::Node& n, const FieldPath& p) { return m_y.IsScalarField(n, p.base, p.key); }
  void Set(const YAML::Node& n, const FieldPath& p, Located<std::string>& out) {
    if (ScalarAt(n, p)) out.Set(n.Scalar(), Loc(n));
  }
  void Set(const YAML::Node& n, const FieldPath& p, Located<double>& out) {
    if (!ScalarAt(n, p)) return;
    if (auto v = ParseNumber(n.Scalar())) {
      out.Set(*v, Loc(n));
    } else {
      out.Set(std::numeric_limits<double>::quiet_NaN(), Loc(n));
      Error(Loc(n), p.Str(), "bad-number", "\"" + n.Scalar() + "\" is not a number");
    }
  }
  void Set(const YAML::Node& n, const FieldPath& p, Located<int>& out) {
    if (!ScalarAt(n, p)) return;
    auto v = ParseNumber(n.Scalar());
    if (v && *v == static_cast<double>(static_cast<int>(*v))) {
      out.Set(static_cast<int>(*v), Loc(n));
    } else {
      Error(Loc(n), p.Str(), "bad-number", "\"" + n.Scalar() + "\" is not a whole number");
    }
  }
  void Set(const YAML::Node& n, const FieldPath& p, Located<bool>& out) {
    if (!ScalarAt(n, p)) return;
    const std::string& v = n.Scalar();
    if (v == "true" || v == "yes") {
      out.Set(true, Loc(n));
    } else if (v == "false" || v == "no") {
      out.Set(false, Loc(n));
    } else {
      Error(Loc(n), p.Str(), "bad-value", "\"" + v + "\" is not true or false");
    }
  }
  // A list of located values (a link's srg), each checked.
  void Items(const YAML::Node& n, const std::string& path, std::vector<Located<std::string>>& out) {
    Seq(n, path, [&](const YAML::Node& t, SourceLoc l, const std::string& tp) {
      if (!Scalar(t, tp)) return;
      Located<std::string> one;
      one.Set(t.Scalar(), l);
      out.push_back(std::move(one));
    });
  }

  void ReadModel(const YAML::Node& n, const std::string& path, ModelParams& m);
  void ReadDemands(const YAML::Node& n, const std::string& path, Demands& d);
  void ReadSite(const YAML::Node& n, SourceLoc loc, const std::string& path, SiteSpec& s);
  void ReadLink(const YAML::Node& n, SourceLoc loc, const std::string& path, LinkSpec& l);
  void ReadGenerator(const YAML::Node& n, const std::string& path, Provenance& p);
};

void YamlReader::ReadModel(const YAML::Node& n, const std::string& path, ModelParams& m) {
  std::map<std::string, Handler> h{
      {"route_factor", Plain(m.routeFactor)},
      {"min_link_km", Plain(m.minLinkKm)},
      {"propagation_us_per_km", Plain(m.propagationUsPerKm)},
      {"extra_delay_4g_ms", Plain(m.extraDelay4GMs)},
      {"extra_delay_vsat_ms", Plain(m.extraDelayVsatMs)},
      {"extra_delay_microwave_ms", Plain(m.extraDelayMicrowaveMs)},
      {"battery_h",
       [this, &m](const YAML::Node& v, SourceLoc, const std::string& p) {
         std::map<std::string, Handler> levels;
         for (int i = 0; i < kSiteLevelCount; ++i) {
           levels.emplace(std::string(ToString(static_cast<SiteLevel>(i))),
                          Plain(m.batteryHours[static_cast<std::size_t>(i)]));
         }
         Map(v, p, levels);
       }},
  };
  Map(n, path, h);
}

void YamlReader::ReadDemands(const YAML::Node& n, const std::string& path, Demands& d) {
  d = Demands{};
  std::map<std::string, Handler> h{
      {"active_profile", Text(d.activeProfile)},
      {"conference_profiles",
       [this, &d](const YAML::Node& v, SourceLoc, const std::string& p) {
         Seq(v, p, [&](const YAML::Node& item, SourceLoc, const std::string& ip) {
           ConferenceProfile prof;
           Map(item, ip,
               {{"id", Text(prof.id)},
                {"commune", PlainInt(prof.commune)},
                {"district", PlainInt(prof.district)},
                {"province", PlainInt(prof.province)},
                {"central", PlainInt(prof.central)},
                {"media", [&](const YAML::Node& x, SourceLoc l, const std::string& xp) {
                   if (!Scalar(x, xp)) return;
                   if (x.Scalar() != "hd" && x.Scalar() != "sd") {
                     Error(l, xp, "bad-value", "media must be hd or sd", SuggestHint(x.Scalar(), {"hd", "sd"}));
                   }
                   prof.media = x.Scalar();
                 }}});
           d.profiles.push_back(prof);
         });
       }},
      {"media_mbps",
       [this, &d](const YAML::Node& v, SourceLoc, const std::string& p) {
         Map(v, p, {{"hd", Plain(d.hdMbps)}, {"sd", Plain(d.sdMbps)}});
       }},
      {"vpn_mbps",
       [this, &d](const YAML::Node& v, SourceLoc, const std::string& p) {
         Map(v, p,
             {{"commune", Plain(d.vpnCommuneMbps)},
              {"district", Plain(d.vpnDistrictMbps)},
              {"province", Plain(d.vpnProvinceMbps)},
              {"central_agency", Plain(d.vpnAgencyMbps)}});
       }},
      {"vpn_daily_swing", Plain(d.vpnDailySwing)},
  };
  Map(n, path, h);
}

void YamlReader::ReadSite(const YAML::Node& n, SourceLoc loc, const std::string& path, SiteSpec& s) {
  static const std::vector<std::string> known{"id",     "level",  "code",     "name",   "name_en", "lat",
                                              "lon",    "parent", "province", "priority", "island", "tags",
                                              "equipment"};
  static const std::vector<std::string> equipmentKeys{"routers", "mcu", "endpoints", "battery_h", "generator"};
  s.loc = loc;
  s.path = path;
  Fields(n, path, known, [&](const std::string& key, const YAML::Node& v, const FieldPath& p) {
    if (key == "id") Set(v, p, s.id);
    else if (key == "level") Set(v, p, s.level);
    else if (key == "code") Set(v, p, s.code);
    else if (key == "name") Set(v, p, s.name);
    else if (key == "name_en") Set(v, p, s.nameEn);
    else if (key == "lat") Set(v, p, s.lat);
    else if (key == "lon") Set(v, p, s.lon);
    else if (key == "parent") Set(v, p, s.parent);
    else if (key == "province") Set(v, p, s.province);
    else if (key == "priority") Set(v, p, s.priority);
    else if (key == "island") Set(v, p, s.island);
    else if (key == "tags") {
      Seq(v, p.Str(), [&](const YAML::Node& t, SourceLoc, const std::string& tp) {
        if (Scalar(t, tp)) s.tags.push_back(t.Scalar());
      });
    } else if (key == "equipment") {
      const std::string ep = p.Str();
      Fields(v, ep, equipmentKeys, [&](const std::string& k, const YAML::Node& x, const FieldPath& xp) {
        if (k == "routers") Set(x, xp, s.routers);
        else if (k == "mcu") Set(x, xp, s.mcu);
        else if (k == "endpoints") Set(x, xp, s.endpoints);
        else if (k == "battery_h") Set(x, xp, s.batteryHours);
        else if (k == "generator") Set(x, xp, s.generator);
        else return false;
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
}

void YamlReader::ReadLink(const YAML::Node& n, SourceLoc loc, const std::string& path, LinkSpec& l) {
  static const std::vector<std::string> known{"id",   "a",      "b",    "cap",     "km", "delay_ms",
                                              "cost", "medium", "role", "enabled", "srg"};
  l.loc = loc;
  l.path = path;
  Fields(n, path, known, [&](const std::string& key, const YAML::Node& v, const FieldPath& p) {
    if (key == "a") Set(v, p, l.a);
    else if (key == "b") Set(v, p, l.b);
    else if (key == "cap") Set(v, p, l.capacity);
    else if (key == "id") Set(v, p, l.id);
    else if (key == "km") Set(v, p, l.km);
    else if (key == "delay_ms") Set(v, p, l.delayMs);
    else if (key == "cost") Set(v, p, l.cost);
    else if (key == "medium") Set(v, p, l.medium);
    else if (key == "role") Set(v, p, l.role);
    else if (key == "enabled") Set(v, p, l.enabled);
    else if (key == "srg") {
      if (v.IsScalar()) {  // one group, or a list of them
        l.srgs.emplace_back();
        Set(v, p, l.srgs.back());
      } else {
        Items(v, p.Str(), l.srgs);
      }
    } else {
      return false;
    }
    return true;
  });
}

void YamlReader::ReadGenerator(const YAML::Node& n, const std::string& path, Provenance& prov) {
  Map(n, path,
      {{"preset", Text(prov.preset)},
       {"seed", [&](const YAML::Node& x, SourceLoc l, const std::string& xp) {
          if (!Scalar(x, xp)) return;
          try {
            std::size_t used = 0;
            prov.seed = std::stoull(x.Scalar(), &used);
            if (used != x.Scalar().size()) throw std::invalid_argument("trailing");
          } catch (const std::exception&) {
            Error(l, xp, "bad-number", "seed must be a whole number");
          }
        }}});
}

void YamlReader::Read(const YAML::Node& root, TwinSpec& spec) {
  bool sawVersion = false;
  bool sawSites = false;
  spec.demands = Demands{};
  bool sawDemands = false;
  Map(root, "",
      {{"netdrill-twin",
        [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
          sawVersion = true;
          if (!Scalar(v, p)) return;
          if (v.Scalar() != std::to_string(kTwinFormatVersion)) {
            Error(loc, p, "unsupported-version",
                  "format version " + v.Scalar() + " is not supported (this build reads version " +
                      std::to_string(kTwinFormatVersion) + ")");
          }
        }},
       {"name", Text(spec.name)},
       {"era",
        [&](const YAML::Node& v, SourceLoc loc, const std::string& p) {
          if (!Scalar(v, p)) return;
          if (v.Scalar() == "2024" || v.Scalar() == "2025") {
            spec.era = v.Scalar() == "2024" ? 2024 : 2025;
          } else {
            Error(loc, p, "bad-value", "era must be 2024 or 2025");
          }
        }},
       {"generator", [&](const YAML::Node& v, SourceLoc, const std::string& p) { ReadGenerator(v, p, spec.provenance); }},
       {"source", Text(spec.provenance.source)},
       {"model", [&](const YAML::Node& v, SourceLoc, const std::string& p) { ReadModel(v, p, spec.model); }},
       {"demands",
        [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          sawDemands = true;
          ReadDemands(v, p, spec.demands);
        }},
       {"srgs",
        [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          Seq(v, p, [&](const YAML::Node& item, SourceLoc loc, const std::string& ip) {
            SrgSpec g;
            g.loc = loc;
            g.path = ip;
            Map(item, ip, {{"id", String(g.id)}, {"name", String(g.name)}, {"name_en", String(g.nameEn)}});
            spec.srgs.push_back(std::move(g));
          });
        }},
       {"sites",
        [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          sawSites = true;
          if (v.IsSequence()) spec.sites.reserve(v.size());
          Seq(v, p, [&](const YAML::Node& item, SourceLoc loc, const std::string& ip) {
            spec.sites.emplace_back();
            ReadSite(item, loc, ip, spec.sites.back());
          });
        }},
       {"links",
        [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          if (v.IsSequence()) spec.links.reserve(v.size());
          Seq(v, p, [&](const YAML::Node& item, SourceLoc loc, const std::string& ip) {
            spec.links.emplace_back();
            ReadLink(item, loc, ip, spec.links.back());
          });
        }},
       {"state", [&](const YAML::Node& v, SourceLoc, const std::string& p) {
          Seq(v, p, [&](const YAML::Node& item, SourceLoc loc, const std::string& ip) {
            StateSpec s;
            s.loc = loc;
            s.path = ip;
            Map(item, ip,
                {{"element", String(s.element)},
                 {"status", String(s.status)},
                 {"loss_pct", Number(s.lossPct)},
                 {"extra_delay_ms", Number(s.extraDelayMs)},
                 {"capacity_factor", Number(s.capacityFactor)}});
            spec.states.push_back(std::move(s));
          });
        }}});
  if (!root.IsMap()) return;
  if (!sawVersion) {
    Error({1, 1}, "", "missing-key", "the file does not say \"netdrill-twin: " + std::to_string(kTwinFormatVersion) +
                                         "\" (is it a NetDrill twin?)");
  }
  if (!sawSites) Error({1, 1}, "", "missing-key", "the twin has no \"sites\"");
  if (!sawDemands) spec.demands = Demands{};
}

}  // namespace

std::optional<Twin> ParseTwinYaml(std::string_view text, const std::string& file, Diagnostics& diags) {
  const int before = diags.ErrorCount();  // before the parse: a key given twice is one of its errors
  const std::optional<YAML::Node> parsed = ParseYaml(text, file, diags);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = *parsed;
  if (IsNothing(root)) {
    diags.Error("empty-file", file, {1, 1}, "", "the file is empty: a NetDrill twin starts with \"netdrill-twin: " +
                                                      std::to_string(kTwinFormatVersion) + "\"");
    return std::nullopt;
  }
  TwinSpec spec;
  spec.file = spec.sitesFile = spec.linksFile = file;
  YamlReader(file, diags).Read(root, spec);
  if (!root.IsMap()) return std::nullopt;
  // Keep checking references even after shape errors, so every problem shows at once.
  auto twin = BuildTwin(spec, diags);
  if (diags.ErrorCount() > before) return std::nullopt;
  return twin;
}

std::optional<Twin> LoadTwinYaml(const std::string& path, Diagnostics& diags) {
  auto text = ReadFile(path, diags);
  if (!text) return std::nullopt;
  return ParseTwinYaml(*text, path, diags);
}

}  // namespace netdrill::twin
