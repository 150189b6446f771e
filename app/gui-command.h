// `netdrill` and `netdrill gui`: the console in a window; with no display, the
// headless job instead (saying so). `--screenshot` renders a few frames and
// saves a PNG (under Xvfb in tests and CI).
#pragma once

#include "ui/drill-host.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace netdrill::app {

struct GuiArgs {
  std::string drill;        ///< start this drill at once ("" : the start screen)
  std::string screenshot;   ///< save a PNG after `frames` frames, then quit
  int frames = 3;
  std::string lang = "vi";
  std::uint64_t seed = 1;
  std::string assist;       ///< guided, standard or exam: overrides the drill's ("" : the drill's)
  std::string trainee;
  double until = -1.0;      ///< run the drill at full speed to this simulated second, then pause
  std::vector<std::pair<double, std::string>> commands;  ///< at a simulated second, a trainee's command
  bool instructor = false;  ///< needs --passphrase equal to $NETDRILL_INSTRUCTOR_PASSPHRASE
  std::string passphrase;
  bool debrief = false;     ///< end the drill and show the debrief
  std::string select;       ///< a site or link to select (and focus the map on a site)
  std::string tab;          ///< a right-hand tab to open: kpi, inspector, actions, procedure, objectives, tickets, messages, instructor
  std::string plannerBase;  ///< open the what-if bench on this base ...
  std::string plannerEdit;  ///< ... with this edit file, and sweep at once
  int width = 1600, height = 900;
};

int GuiCommand(const GuiArgs& args, std::ostream& out, std::ostream& err);

/// @brief The console's host options in netdrill: drills on the ns-3 engine, the
/// library from $NETDRILL_SCENARIOS or the source tree's scenarios/.
ui::ConsoleHostOptions EngineHostOptions();

}  // namespace netdrill::app
