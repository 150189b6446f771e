#include "session/noise.h"

#include "twin/seeded.h"
#include "twin/units.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace netdrill::session {
namespace {

// The unrelated alarms: what each says, on a router or a link, and how severe.
struct NoiseKind {
  const char* type;
  bool onLink;
  AlarmSeverity severity;
};
constexpr NoiseKind kKinds[] = {
    {"high-temperature", false, AlarmSeverity::Warning},  // a threshold: clears when the room cools
    {"cpu-high", false, AlarmSeverity::Warning},
    {"fan-failure", false, AlarmSeverity::Minor},         // redundant: no service lost
    {"psu-redundancy-lost", false, AlarmSeverity::Minor},
    {"login-failure", false, AlarmSeverity::Warning},
    {"optical-power-low", true, AlarmSeverity::Minor},
};
constexpr std::size_t kKindCount = sizeof(kKinds) / sizeof(kKinds[0]);

// What a noise alarm says (English), and the values it quotes (for the console's own wording).
struct NoiseWords {
  std::string text;
  std::vector<std::string> args;
};
NoiseWords NoiseText(const NoiseKind& k, const std::string& element, std::uint64_t h) {
  const std::string type = k.type;
  if (type == "high-temperature") {
    const std::string t = std::to_string(66 + h % 8);
    return {"temperature of " + element + " at " + t + " °C (threshold 65 °C)", {t}};
  }
  if (type == "cpu-high") {
    const std::string p = std::to_string(91 + h % 8);
    return {"CPU of " + element + " at " + p + " % for 5 minutes", {p}};
  }
  if (type == "fan-failure") {
    const std::string n = std::to_string(1 + h % 4);
    return {"fan " + n + " of " + element + " failed (the others cover it)", {n}};
  }
  if (type == "psu-redundancy-lost") {
    const std::string u = h % 2 ? "B" : "A";
    return {"power supply " + u + " of " + element + ": no input (redundancy lost)", {u}};
  }
  if (type == "login-failure") {
    const std::string n = std::to_string(3 + h % 5);
    return {n + " failed logins on " + element + " in 10 minutes", {n}};
  }
  const std::string dbm = std::to_string(24 + h % 4);
  return {"received optical power on " + element + " at -" + dbm + " dBm (threshold -23 dBm)", {dbm}};
}
}  // namespace

bool Noise::IsNoiseType(const std::string& type) {
  return std::any_of(std::begin(kKinds), std::end(kKinds), [&](const NoiseKind& k) { return type == k.type; });
}

void Noise::Flap(NetworkModel& network, twin::LinkId link, double periodS, double downS) {
  m_flaps[link.Index()] = {periodS, std::min(downS, periodS), -1.0};
  Cycle(network, link, network.Now());
}

void Noise::Cycle(NetworkModel& network, twin::LinkId link, double atS) {
  network.ScheduleAt(atS, [this, &network, link, atS]() {
    const FlapState& f = m_flaps[link.Index()];
    if (f.endS >= 0.0 && atS + 1e-9 >= f.endS) return;
    network.SetLinksUp({link}, false);
    const double upAt = atS + f.downS;
    network.ScheduleAt(upAt, [this, &network, link, upAt]() {
      const FlapState& g = m_flaps[link.Index()];
      if (g.endS < 0.0 || upAt < g.endS) network.SetLinksUp({link}, true);
    });
    Cycle(network, link, atS + f.periodS);
  });
}

bool Noise::Flapping(twin::LinkId link, double nowS) const {
  auto it = m_flaps.find(link.Index());
  return it != m_flaps.end() && (it->second.endS < 0.0 || nowS < it->second.endS);
}

void Noise::EndFlap(twin::LinkId link, double atS) {
  auto it = m_flaps.find(link.Index());
  if (it != m_flaps.end() && (it->second.endS < 0.0 || atS < it->second.endS)) it->second.endS = atS;
}

void Noise::StartWorks(NetworkModel& network, const std::vector<twin::LinkId>& links, double forS) {
  const double end = network.Now() + forS;
  for (twin::LinkId l : links) m_worksEnd[l.Index()] = end;
  network.SetLinksUp(links, false);
  network.ScheduleAt(end, [&network, links]() { network.SetLinksUp(links, true); });
}

bool Noise::UnderWorks(twin::LinkId link, double nowS) const {
  auto it = m_worksEnd.find(link.Index());
  return it != m_worksEnd.end() && nowS < it->second;
}

void Noise::SetRate(double perHour, double nowS) {
  m_perHour = perHour;
  m_nextS = nowS;
  if (perHour > 0) m_nextS += -std::log(1.0 - Draw()) / perHour * 3600.0;
}

double Noise::Draw() {
  const std::uint64_t h = twin::SplitMix64(twin::SplitMix64(m_seed ^ 0x6e6f697365ULL) ^ m_drawn++);
  return static_cast<double>(h >> 11) / 9007199254740992.0;  // [0, 1)
}

void Noise::Generate(const twin::Twin& twin, double untilS) {
  if (twin.Nodes().empty() || twin.Links().empty()) return;
  while (m_perHour > 0 && m_nextS <= untilS) {
    Event e;
    e.startS = m_nextS;
    e.kind = static_cast<std::uint8_t>(std::min<double>(Draw() * kKindCount, kKindCount - 1));
    const std::size_t count = kKinds[e.kind].onLink ? twin.Links().size() : twin.Nodes().size();
    e.element = static_cast<std::uint32_t>(std::min<double>(Draw() * static_cast<double>(count), static_cast<double>(count - 1)));
    e.endS = e.startS + 180.0 + Draw() * 1620.0;  // 3 to 30 minutes, then it clears by itself
    m_events.push_back(e);
    m_nextS += -std::log(1.0 - Draw()) / m_perHour * 3600.0;
  }
}

void Noise::AddConditions(const NetworkModel& network, const std::vector<bool>& reaching, double nowS,
                          std::vector<AlarmCondition>& out) {
  const twin::Twin& twin = network.Twin();
  Generate(twin, nowS);
  std::set<std::pair<std::string, std::string>> raised;  // one alarm per element and type
  for (std::size_t i = 0; i < m_events.size(); ++i) {
    const Event& e = m_events[i];
    if (nowS < e.startS || nowS >= e.endS) continue;
    const NoiseKind& k = kKinds[e.kind];
    std::string element;
    twin::SiteId site;
    if (k.onLink) {
      const twin::Link& l = twin.GetLink(twin::LinkId(e.element));
      if (network.LinkDark(twin::LinkId(e.element))) continue;  // a dark fibre has no power to read
      element = l.id;
      site = twin.GetNode(l.a).site;
    } else {
      element = twin.GetNode(twin::NodeId(e.element)).id;
      site = twin.GetNode(twin::NodeId(e.element)).site;
    }
    if (site.Index() < reaching.size() && !reaching[site.Index()]) continue;  // it cannot report
    if (!raised.emplace(element, k.type).second) continue;
    NoiseWords words = NoiseText(k, element, twin::SplitMix64(m_seed ^ i));
    out.push_back({element, k.type, "", k.severity, std::move(words.text), std::move(words.args), {}, 0.0, 0.0});
  }
}

}  // namespace netdrill::session
