#include "twin/power.h"

#include "twin/seeded.h"

namespace netdrill::twin {

const char* PowerSourceName(PowerSource s) {
  switch (s) {
    case PowerSource::Mains: return "mains";
    case PowerSource::Generator: return "generator";
    case PowerSource::Battery: return "battery";
    case PowerSource::Dark: return "dark";
  }
  return "mains";
}

SitePower::SitePower(const Twin& twin, std::uint64_t seed) : m_seed(seed) {
  m_sites.resize(twin.Sites().size());
  for (std::uint32_t s = 0; s < m_sites.size(); ++s) {
    m_sites[s].hasGenerator = twin.HasGenerator(SiteId(s));
    m_sites[s].batterySeconds = twin.BatteryHours(SiteId(s)) * 3600.0;
  }
}

bool SitePower::GeneratorStarts(SiteId site, State& s) {
  if (!s.hasGenerator || s.generatorFailed) return false;
  // One draw per start attempt, from the seed, the site and the attempt: the same in every model.
  const std::uint64_t h =
      SplitMix64(SplitMix64(SplitMix64(m_seed ^ 0x9e4e7a70ULL) ^ site.Index()) ^ static_cast<std::uint64_t>(s.starts++));
  const double u = static_cast<double>(h >> 11) / 9007199254740992.0;  // 53 bits in [0, 1)
  s.generatorFailed = u >= kGeneratorStartProbability;
  return !s.generatorFailed;
}

BatteryRun SitePower::StartBattery(State& s, double nowS) {
  s.source = PowerSource::Battery;
  s.since = nowS;
  return {s.batterySeconds, ++s.run};
}

std::optional<BatteryRun> SitePower::LoseMains(SiteId site, double nowS) {
  State& s = m_sites[site.Index()];
  if (s.source != PowerSource::Mains) return std::nullopt;
  if (GeneratorStarts(site, s)) {
    s.source = PowerSource::Generator;
    s.since = nowS;
    return std::nullopt;
  }
  return StartBattery(s, nowS);  // a full battery: the mains kept it charged
}

bool SitePower::RestoreMains(SiteId site) {
  State& s = m_sites[site.Index()];
  const bool wasDark = s.source == PowerSource::Dark;
  s.source = PowerSource::Mains;
  s.since = 0.0;
  ++s.run;  // a pending battery run is stale
  return wasDark;
}

std::optional<BatteryRun> SitePower::FailGenerator(SiteId site, double nowS) {
  State& s = m_sites[site.Index()];
  if (!s.hasGenerator) return std::nullopt;
  s.generatorFailed = true;
  if (s.source != PowerSource::Generator) return std::nullopt;
  return StartBattery(s, nowS);  // the generator kept it charged
}

bool SitePower::RestartGenerator(SiteId site, double nowS) {
  State& s = m_sites[site.Index()];
  if (!s.hasGenerator) return false;
  s.generatorFailed = false;  // repaired: it runs until the mains come back
  const bool wasDark = s.source == PowerSource::Dark;
  if (s.source == PowerSource::Battery || wasDark) {
    s.source = PowerSource::Generator;
    s.since = nowS;
    ++s.run;
  }
  return wasDark;
}

bool SitePower::BatteryEmpty(SiteId site, std::uint32_t run, double nowS) {
  State& s = m_sites[site.Index()];
  if (s.source != PowerSource::Battery || s.run != run) return false;
  s.source = PowerSource::Dark;
  s.since = nowS;
  return true;
}

}  // namespace netdrill::twin
