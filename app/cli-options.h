// Checks shared by the command line's options: one rule each.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace netdrill::app {

/// @brief A seed: a whole number from 0 to 4294967295 (2^32 - 1), digits only ("-2" or 2^32 is no seed,
/// rather than one that aliases a smaller seed).
inline CLI::Validator SeedRange() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const std::string why = "a seed is a whole number from 0 to 4294967295, not \"" + text + "\"";
        if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos) return why;
        return std::stoull(text) > 4294967295ULL ? why : std::string();
      },
      "SEED");
}

}  // namespace netdrill::app
