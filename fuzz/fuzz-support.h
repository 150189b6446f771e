#pragma once
// What every reader's fuzz harness shares: a small twin to resolve names against, and the
// fuzz input as a file for the readers that take a path. Harnesses are built two ways: with
// clang's libFuzzer (scripts/netdrill.sh fuzz) and, for the normal build, with replay-main.cc,
// which feeds them the files of tests/fuzz/regressions/ and the seed corpora under ctest.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "twin/model.h"
#include "twin/name-index.h"

namespace netdrill::fuzz {

/// @brief The `tiny` preset (seed 1), made once per process.
const twin::Twin& TinyTwin();
/// @brief Its name index, made once.
const twin::NameIndex& TinyNames();

/// @brief The input as text.
inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// @brief Writes `content` to this process's scratch file named `name` (under a private temporary
/// folder, removed at exit) and returns its path.
std::string ScratchFile(const std::string& name, std::string_view content);

/// @brief Splits the input at its first line that is exactly "----" (two files in one input:
/// the CSV importer's sites and links); all of it and "" when there is no such line.
std::pair<std::string_view, std::string_view> SplitAtRule(std::string_view text);

}  // namespace netdrill::fuzz
