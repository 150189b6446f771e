// The field teams of each province (docs/assumptions.md, "Field teams"): a
// number of teams based at the province centre; a repair goes to the team of
// the link's province that is free first, travels from the centre at road
// speed, repairs, and is free again. When every team is busy the repair waits
// in the queue: with two teams, the third repair starts when the first team is
// free. One rule for the engine, the fake model and `show teams`.
#pragma once

#include "twin/model.h"
#include "twin/repair.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

/// @brief One team now: its province, whether it is on duty, and its last job.
struct FieldTeam {
  std::string province;  ///< the province site's id ("province:44"): its base
  int number = 1;        ///< 1, 2, ... within the province
  bool available = true; ///< false: off duty (the "staff unavailable" inject)
  std::string link;      ///< the last link (or site, for a generator) it was sent to ("" : none yet)
  double departS = 0.0, arriveS = 0.0, doneS = 0.0;  ///< that job's times (simulated seconds)
  bool operator==(const FieldTeam& o) const {
    return province == o.province && number == o.number && available == o.available && link == o.link &&
           departS == o.departS && arriveS == o.arriveS && doneS == o.doneS;
  }
};

/// @brief A repair as the roster plans it.
struct TeamJob {
  std::string province;
  int number = 1;
  double departS = 0.0;  ///< when the team leaves the centre (now, or when it is free)
  double arriveS = 0.0;  ///< on site, after the travel
  double doneS = 0.0;    ///< the link is lit again
};

class FieldTeams {
public:
  FieldTeams() = default;
  /// @brief `perProvince` teams at each province centre of the twin.
  FieldTeams(const Twin& twin, int perProvince);

  /// @brief Plans the repair of `link` at `nowS`: its province's available team that is free first
  /// (the lowest number on a tie) leaves when free, travels `travelS`, works `onSiteS`. nullopt when
  /// the province has no team on duty. A link of no province with a roster gets a team leaving now (number 0).
  std::optional<TeamJob> Assign(const Twin& twin, LinkId link, double nowS, double travelS, double onSiteS);
  /// @brief The same for a job at a site (a generator to restart): its province's teams.
  std::optional<TeamJob> Assign(const Twin& twin, SiteId site, double nowS, double travelS, double onSiteS);
  /// @brief Puts `count` of a province's teams on duty (the first `count`), the rest off.
  /// Returns false when the province has no roster.
  bool SetOnDuty(const std::string& province, int count);
  std::vector<FieldTeam> Teams() const;
  /// @brief The province site whose teams repair `link` ("" : none).
  static std::string ProvinceOf(const Twin& twin, LinkId link);

private:
  std::map<std::string, std::vector<FieldTeam>> m_byProvince;

  std::optional<TeamJob> AssignIn(const std::string& province, const std::string& job, double nowS, double travelS,
                                  double onSiteS);
};

}  // namespace netdrill::twin
