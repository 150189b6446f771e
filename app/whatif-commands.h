// `netdrill whatif apply|sweep`: the planners' what-if bench from the command line.
#pragma once

#include <cstddef>
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
};

int WhatifSweep(const WhatifSweepArgs& args, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
