// `netdrill session`: the live session headless. Commands on stdin, answers
// on stdout; a script (stdin not a terminal) runs on simulated time and
// advances it with `wait DURATION` lines; --record writes the journal,
// --replay plays one back to the same fingerprint.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

namespace netdrill::app {

struct SessionArgs {
  std::string twinFile;
  std::string preset;
  std::uint64_t seed = 1;
  double durationS = 0.0;
  bool conference = false;
  std::string profile;
  bool vpn = false;
  std::string fidelity = "hybrid";
  std::string record;
  std::string replay;
  double untilS = -1.0;  ///< with --replay: continue from this time (a branch), reading new commands

  std::string role = "trainee";
  std::string speed = "1";
  bool forceScript = false;  ///< tests: run as a script even on a terminal
};

int SessionCommand(const SessionArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
