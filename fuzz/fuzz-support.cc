#include "fuzz/fuzz-support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "twin/admin-data.h"
#include "twin/diagnostics.h"
#include "twin/generator.h"

namespace netdrill::fuzz {
namespace {

/// A private folder for the scratch files, removed when the process ends normally.
struct ScratchFolder {
  std::filesystem::path path;
  ScratchFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "netdrill-fuzz-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("fuzz: cannot make a scratch folder");
    path = pattern;
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

const twin::Twin& TinyTwin() {
  static const twin::Twin tiny = [] {
    twin::Diagnostics diags;
    auto t = twin::Generate("tiny", 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
    if (!t) throw std::runtime_error("fuzz: cannot generate the tiny twin (assets not found?)");
    return std::move(*t);
  }();
  return tiny;
}

const twin::NameIndex& TinyNames() {
  static const twin::NameIndex names(TinyTwin());
  return names;
}

std::string ScratchFile(const std::string& name, std::string_view content) {
  static const ScratchFolder folder;
  const auto path = (folder.path / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return path;
}

std::pair<std::string_view, std::string_view> SplitAtRule(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (line == "----") {
      return {text.substr(0, start), end == std::string_view::npos ? std::string_view{} : text.substr(end + 1)};
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {text, {}};
}

}  // namespace netdrill::fuzz
