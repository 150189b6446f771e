#include "twin-yaml.h"

#include "units.h"

#include <cstdio>

namespace netdrill::twin {
namespace {

class YamlOut {
public:
  std::string text;

  void Quoted(std::string_view s) {
    text.push_back('"');
    for (char c : s) {
      switch (c) {
        case '"':
          text += "\\\"";
          break;
        case '\\':
          text += "\\\\";
          break;
        case '\n':
          text += "\\n";
          break;
        case '\t':
          text += "\\t";
          break;
        case '\r':
          text += "\\r";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
            text += buf;
          } else {
            text.push_back(c);
          }
      }
    }
    text.push_back('"');
  }
  // Fields of a one-line flow mapping: "{k: v, k: v}".
  void Open() {
    text += "{";
    m_first = true;
  }
  void Close() { text += "}"; }
  void Key(std::string_view key) {
    if (!m_first) text += ", ";
    m_first = false;
    text += key;
    text += ": ";
  }
  void Str(std::string_view key, std::string_view value) {
    Key(key);
    Quoted(value);
  }
  void Word(std::string_view key, std::string_view value) {
    Key(key);
    text += value;
  }
  void Num(std::string_view key, double value) {
    Key(key);
    text += FormatNumber(value);
  }
  void Bool(std::string_view key, bool value) { Word(key, value ? "true" : "false"); }

private:
  bool m_first = true;
};

void WriteModel(YamlOut& out, const ModelParams& m) {
  const ModelParams d;
  if (m == d) return;
  out.text += "model: ";
  out.Open();
  if (m.routeFactor != d.routeFactor) out.Num("route_factor", m.routeFactor);
  if (m.minLinkKm != d.minLinkKm) out.Num("min_link_km", m.minLinkKm);
  if (m.propagationUsPerKm != d.propagationUsPerKm) out.Num("propagation_us_per_km", m.propagationUsPerKm);
  if (m.extraDelay4GMs != d.extraDelay4GMs) out.Num("extra_delay_4g_ms", m.extraDelay4GMs);
  if (m.extraDelayVsatMs != d.extraDelayVsatMs) out.Num("extra_delay_vsat_ms", m.extraDelayVsatMs);
  if (m.extraDelayMicrowaveMs != d.extraDelayMicrowaveMs) out.Num("extra_delay_microwave_ms", m.extraDelayMicrowaveMs);
  if (m.batteryHours != d.batteryHours) {
    out.Key("battery_h");
    YamlOut inner;
    inner.Open();
    for (int i = 0; i < kSiteLevelCount; ++i) {
      inner.Num(ToString(static_cast<SiteLevel>(i)), m.batteryHours[static_cast<std::size_t>(i)]);
    }
    inner.Close();
    out.text += inner.text;
  }
  out.Close();
  out.text += "\n";
}

void WriteDemands(YamlOut& out, const Demands& d) {
  out.text += "demands:\n  active_profile: ";
  out.Quoted(d.activeProfile);
  out.text += d.profiles.empty() ? "\n  conference_profiles: []\n" : "\n  conference_profiles:\n";
  for (const ConferenceProfile& p : d.profiles) {
    out.text += "    - ";
    out.Open();
    out.Str("id", p.id);
    out.Num("commune", p.commune);
    out.Num("district", p.district);
    out.Num("province", p.province);
    out.Num("central", p.central);
    out.Word("media", p.media);
    out.Close();
    out.text += "\n";
  }
  out.text += "  media_mbps: ";
  out.Open();
  out.Num("hd", d.hdMbps);
  out.Num("sd", d.sdMbps);
  out.Close();
  out.text += "\n  vpn_mbps: ";
  out.Open();
  out.Num("commune", d.vpnCommuneMbps);
  out.Num("district", d.vpnDistrictMbps);
  out.Num("province", d.vpnProvinceMbps);
  out.Num("central_agency", d.vpnAgencyMbps);
  out.Close();
  out.text += "\n  vpn_daily_swing: " + FormatNumber(d.vpnDailySwing) + "\n";
}

void WriteSite(YamlOut& out, const Twin& twin, SiteId id) {
  const Site& s = twin.GetSite(id);
  out.text += "  - ";
  out.Open();
  out.Str("id", s.id);
  out.Word("level", ToString(s.level));
  if (!s.code.empty()) out.Str("code", s.code);
  if (!s.name.empty()) out.Str("name", s.name);
  if (!s.nameEn.empty()) out.Str("name_en", s.nameEn);
  if (s.position) {
    out.Num("lat", s.position->lat);
    out.Num("lon", s.position->lon);
  }
  if (s.parent.IsValid()) out.Str("parent", twin.GetSite(s.parent).id);
  if (s.provinceCode != ImpliedProvinceCode(twin, id)) out.Str("province", s.provinceCode);
  if (s.priority) out.Num("priority", *s.priority);
  if (s.island) out.Bool("island", true);
  if (!s.tags.empty()) {
    out.Key("tags");
    out.text += "[";
    for (std::size_t i = 0; i < s.tags.size(); ++i) {
      if (i) out.text += ", ";
      out.Quoted(s.tags[i]);
    }
    out.text += "]";
  }
  const Equipment& e = s.equipment;
  if (!e.IsDefault()) {
    out.Key("equipment");
    YamlOut inner;
    inner.Open();
    if (e.routers) inner.Num("routers", *e.routers);
    if (e.mcu) inner.Bool("mcu", *e.mcu);
    if (e.endpoints) inner.Num("endpoints", *e.endpoints);
    if (e.batteryHours) inner.Num("battery_h", *e.batteryHours);
    if (e.generator) inner.Bool("generator", *e.generator);
    inner.Close();
    out.text += inner.text;
  }
  out.Close();
  out.text += "\n";
}

void WriteLink(YamlOut& out, const Twin& twin, const Link& l) {
  out.text += "  - ";
  out.Open();
  out.Str("a", twin.GetNode(l.a).id);
  out.Str("b", twin.GetNode(l.b).id);
  if (l.explicitId) out.Str("id", l.id);
  out.Word("cap", FormatCapacity(l.capacityMbps));
  if (l.lengthKm) out.Num("km", *l.lengthKm);
  if (l.delayMs) out.Num("delay_ms", *l.delayMs);
  if (l.cost) out.Num("cost", *l.cost);
  if (l.medium != Medium::Fibre) out.Word("medium", ToString(l.medium));
  if (l.role != LinkRole::Primary) out.Word("role", ToString(l.role));
  if (l.enabled) out.Bool("enabled", *l.enabled);
  if (!l.srgs.empty()) {
    out.Key("srg");
    out.text += "[";
    for (std::size_t i = 0; i < l.srgs.size(); ++i) {
      if (i) out.text += ", ";
      out.Quoted(twin.GetSrg(l.srgs[i]).id);
    }
    out.text += "]";
  }
  out.Close();
  out.text += "\n";
}

void WriteState(YamlOut& out, const std::string& element, const ElementState& st) {
  out.text += "  - ";
  out.Open();
  out.Str("element", element);
  out.Word("status", ToString(st.status));
  if (st.lossPct != 0) out.Num("loss_pct", st.lossPct);
  if (st.extraDelayMs != 0) out.Num("extra_delay_ms", st.extraDelayMs);
  if (st.capacityFactor != 1) out.Num("capacity_factor", st.capacityFactor);
  out.Close();
  out.text += "\n";
}

}  // namespace

std::string SaveTwinYaml(const Twin& twin) {
  YamlOut out;
  out.text.reserve(200 + twin.Sites().size() * 160 + twin.Links().size() * 70);
  out.text += "# NetDrill digital twin; format: docs/twin-format.md\n";
  out.text += "netdrill-twin: " + std::to_string(kTwinFormatVersion) + "\n";
  out.text += "name: ";
  out.Quoted(twin.name);
  out.text += "\n";
  if (twin.era != 0) out.text += "era: " + std::to_string(twin.era) + "\n";
  if (!twin.provenance.preset.empty()) {
    out.text += "generator: ";
    out.Open();
    out.Str("preset", twin.provenance.preset);
    out.Key("seed");
    out.text += std::to_string(twin.provenance.seed);
    out.Close();
    out.text += "\n";
  }
  if (!twin.provenance.source.empty()) {
    out.text += "source: ";
    out.Quoted(twin.provenance.source);
    out.text += "\n";
  }
  WriteModel(out, twin.model);
  WriteDemands(out, twin.demands);
  if (!twin.Srgs().empty()) {
    out.text += "srgs:\n";
    for (const Srg& g : twin.Srgs()) {
      out.text += "  - ";
      out.Open();
      out.Str("id", g.id);
      if (!g.name.empty()) out.Str("name", g.name);
      if (!g.nameEn.empty()) out.Str("name_en", g.nameEn);
      out.Close();
      out.text += "\n";
    }
  }
  out.text += "sites:\n";
  for (std::uint32_t i = 0; i < twin.Sites().size(); ++i) WriteSite(out, twin, SiteId(i));
  out.text += twin.Links().empty() ? "links: []\n" : "links:\n";
  for (const Link& l : twin.Links()) WriteLink(out, twin, l);
  std::string states;
  YamlOut st;
  for (const Site& s : twin.Sites()) {
    if (!s.state.IsDefault()) WriteState(st, s.id, s.state);
  }
  for (const Node& n : twin.Nodes()) {
    if (!n.state.IsDefault()) WriteState(st, n.id, n.state);
  }
  for (const Link& l : twin.Links()) {
    if (!l.state.IsDefault()) WriteState(st, l.id, l.state);
  }
  if (!st.text.empty()) out.text += "state:\n" + st.text;
  return std::move(out.text);
}

}  // namespace netdrill::twin
