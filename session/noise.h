// Alarm noise, as a real network shows it beside an incident (docs/faults.md,
// "Noise"): links that flap (a degraded fibre going down and up), and minor
// alarms that have nothing to do with the incident, at a set rate, each clearing
// by itself after a while (a temperature or CPU threshold, a redundant fan or
// power supply, failed logins, low optical power). The session owns it; the
// noise is seeded, so the same seed and journal give the same noise.
#pragma once

#include "session/alarms.h"
#include "session/network-model.h"

#include <cstdint>
#include <map>
#include <vector>

namespace netdrill::session {

class Noise {
public:
  explicit Noise(std::uint64_t seed) : m_seed(seed) {}

  /// @brief The link goes dark for `downS` every `periodS`, from now until a team or an instructor repairs it.
  void Flap(NetworkModel& network, twin::LinkId link, double periodS, double downS);
  bool Flapping(twin::LinkId link, double nowS) const;
  /// @brief The flapping stops at `atS` (a repair): no toggle after it.
  void EndFlap(twin::LinkId link, double atS);

  /// @brief Planned works: the links out from now, back by themselves after `forS`.
  void StartWorks(NetworkModel& network, const std::vector<twin::LinkId>& links, double forS);
  /// @brief Whether the link is out for planned works now (a team sent there is sent for nothing).
  bool UnderWorks(twin::LinkId link, double nowS) const;

  /// @brief Unrelated minor alarms from now, `perHour` on average (0 stops new ones).
  void SetRate(double perHour, double nowS);
  /// @brief Adds the noise alarms that hold at `nowS` (sites that do not reach the core report nothing).
  void AddConditions(const NetworkModel& network, const std::vector<bool>& reaching, double nowS,
                     std::vector<AlarmCondition>& out);

  /// @brief The alarm types noise raises: what a trainee learns to tell from an incident's.
  static bool IsNoiseType(const std::string& type);

private:
  struct FlapState {
    double periodS = 60.0, downS = 20.0;
    double endS = -1.0;  ///< < 0: still flapping
  };
  struct Event {
    double startS = 0.0, endS = 0.0;
    std::uint32_t element = 0;  ///< a node index, or a link index for optical power
    std::uint8_t kind = 0;
  };
  std::uint64_t m_seed;
  std::map<std::uint32_t, FlapState> m_flaps;  ///< by link index
  std::map<std::uint32_t, double> m_worksEnd;  ///< by link index: when its planned works end
  double m_perHour = 0.0;
  double m_nextS = 0.0;       ///< the next event's start
  std::uint64_t m_drawn = 0;  ///< draws so far
  std::vector<Event> m_events;

  void Cycle(NetworkModel& network, twin::LinkId link, double atS);
  double Draw();
  void Generate(const twin::Twin& twin, double untilS);
};

}  // namespace netdrill::session
