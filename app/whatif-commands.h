// `netdrill whatif apply|sweep`: the planners' what-if bench from the command line.
#pragma once

#include "whatif/sweep.h"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace netdrill::app {

int WhatifApply(const std::string& base, const std::string& edits, const std::string& output, std::ostream& out,
                std::ostream& err);

struct WhatifSweepArgs {
  std::string base;
  std::string fork;       ///< a twin file or preset, or an edit file applied to the base
  std::string failures = "link,node,srlg";
  std::size_t top = 500;  ///< N-2 over the top K
  std::string rankBy = "endpoints";
  std::string setFile;
  bool json = false;
  std::string html;
  std::size_t show = 15;
  int threads = 0;
  std::size_t confirm = 0;  ///< re-run the K worst single failures in ns-3
};

/// @brief How a sweep runs: in this process (the default), or split across MPI ranks (netdrill-sweep).
using SweepRunner = std::function<whatif::SweepResult(const twin::Twin&, const whatif::SweepOptions&)>;

int WhatifSweep(const WhatifSweepArgs& args, std::ostream& out, std::ostream& err, const SweepRunner& runner = {});

/// @brief The options of `whatif sweep`, shared with netdrill-sweep (same arguments).
void AddSweepOptions(CLI::App& app, WhatifSweepArgs& args);

}  // namespace netdrill::app
