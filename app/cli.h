// The netdrill command line. Exit codes: 0 done, 1 failure, 2 invalid input.
#pragma once

#include <iostream>
#include <string>
#include <vector>

namespace netdrill::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitInvalidInput = 2;

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);
/// @brief The same, from a list of arguments (without the program name): for tests.
/// `in`: what `netdrill session` reads its commands from.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in = std::cin);

}  // namespace netdrill::app
