// A site's power, one rule for the engine and the fake model (docs/assumptions.md,
// "Power"): when the mains fail, a site with a generator runs on it if the generator
// starts (a seeded draw, the same in both models); otherwise it runs on its battery
// until the battery is empty, and then its routers go down. A generator that failed
// can fail again at any time (the "generator failure" inject) and a field team can
// restart it. The models keep the clock and the routers; this keeps what each site
// runs on and says what the clock must do next.
#pragma once

#include "twin/model.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace netdrill::twin {

/// @brief What a site runs on now.
enum class PowerSource : std::uint8_t { Mains, Generator, Battery, Dark };
/// @brief "mains", "generator", "battery", "dark".
const char* PowerSourceName(PowerSource s);

/// @brief A site's battery now running: how long it lasts, and the run's number
/// (a battery-empty event for an older run is stale and does nothing).
struct BatteryRun {
  double seconds = 0.0;
  std::uint32_t run = 0;
};

class SitePower {
public:
  static constexpr double kGeneratorStartProbability = 0.95;  ///< docs/assumptions.md: within 30 s, 95 %

  SitePower() = default;
  SitePower(const Twin& twin, std::uint64_t seed);

  /// @brief The mains fail at `nowS`. A battery run when the site must now run on its
  /// battery (no generator, or the generator did not start); nullopt when it rides on
  /// its generator or was already without mains.
  std::optional<BatteryRun> LoseMains(SiteId site, double nowS);
  /// @brief The mains come back. True when the site was dark (its routers come back up).
  bool RestoreMains(SiteId site);
  /// @brief The generator stops (or will not start at the next loss): a battery run
  /// when the site was running on the generator.
  std::optional<BatteryRun> FailGenerator(SiteId site, double nowS);
  /// @brief A field team restarted the generator at `nowS`. True when the site was dark.
  bool RestartGenerator(SiteId site, double nowS);
  /// @brief Battery run `run` ended at `nowS`. True when the site goes dark now (false:
  /// the run is stale, power came back first).
  bool BatteryEmpty(SiteId site, std::uint32_t run, double nowS);

  PowerSource Source(SiteId site) const { return m_sites[site.Index()].source; }
  bool MainsLost(SiteId site) const { return m_sites[site.Index()].source != PowerSource::Mains; }
  bool HasGenerator(SiteId site) const { return m_sites[site.Index()].hasGenerator; }
  /// @brief Whether the site's generator failed (to start, or while running) and was not restarted.
  bool GeneratorFailed(SiteId site) const { return m_sites[site.Index()].generatorFailed; }
  /// @brief When the current source began (the mains loss, the battery's start, the dark).
  double Since(SiteId site) const { return m_sites[site.Index()].since; }

private:
  struct State {
    PowerSource source = PowerSource::Mains;
    bool hasGenerator = false;
    bool generatorFailed = false;  ///< forced by an inject, or the start draw failed
    std::uint32_t starts = 0;      ///< start attempts so far: each one a new draw
    std::uint32_t run = 0;         ///< the current battery run's number
    double batterySeconds = 0.0;
    double since = 0.0;
  };
  std::vector<State> m_sites;
  std::uint64_t m_seed = 1;

  bool GeneratorStarts(SiteId site, State& s);
  BatteryRun StartBattery(State& s, double nowS);
};

}  // namespace netdrill::twin
