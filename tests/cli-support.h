// Runs the netdrill command line inside a test, capturing what it prints.
#pragma once

#include "app/cli.h"

#include <sstream>
#include <string>
#include <vector>

namespace netdrill::test {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

inline CliRun Cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = app::RunCli(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace netdrill::test
