// Shared helpers for the twin tests: generated twins cached per process,
// temporary files, and file access.
#pragma once

#include "twin/admin-data.h"
#include "twin/generator.h"
#include "twin/model.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

namespace netdrill::test {

/// @brief A generated preset, made once per test process (generation is deterministic).
inline const twin::Twin& Preset(const std::string& name, std::uint64_t seed = 1) {
  static std::map<std::pair<std::string, std::uint64_t>, twin::Twin> cache;
  auto key = std::make_pair(name, seed);
  auto it = cache.find(key);
  if (it == cache.end()) {
    twin::Diagnostics diags;
    auto t = twin::Generate(name, seed, twin::GeneratorParams{}, twin::AssetsDir(), diags);
    INFO(name);
    REQUIRE(t.has_value());
    it = cache.emplace(key, std::move(*t)).first;
  }
  return it->second;
}

/// @brief A fresh temporary directory, removed at the end of the test.
class TempDir {
public:
  TempDir() {
    static int counter = 0;
    m_path = std::filesystem::temp_directory_path() /
             ("netdrill-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  std::string File(const std::string& name) const { return (m_path / name).string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(File(name), std::ios::binary) << text;
    return File(name);
  }

private:
  std::filesystem::path m_path;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string DataFile(const std::string& name) { return std::string(NETDRILL_TEST_DATA) + "/" + name; }

}  // namespace netdrill::test
