#include "app/run-support.h"

#include "app/cli.h"
#include "twin/admin-data.h"
#include "twin/generator.h"
#include "twin/twin-files.h"
#include "twin/write-file.h"
#include "session/secrets.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace netdrill::app {

std::optional<twin::Twin> TwinFor(const std::string& file, const std::string& preset, std::uint64_t seed,
                                  std::ostream& err) {
  twin::Diagnostics diags;
  std::optional<twin::Twin> twin;
  if (!file.empty() && !preset.empty()) {
    err << "give --twin FILE or --preset P, not both\n";
    return std::nullopt;
  }
  if (!file.empty()) {
    twin = twin::LoadTopology(file, diags);
  } else if (!preset.empty()) {
    twin = twin::Generate(preset, seed, twin::GeneratorParams{}, twin::AssetsDir(), diags);
  } else {
    err << "give --twin FILE or --preset P\n";
    return std::nullopt;
  }
  diags.Print(err);
  return twin;
}

double PeakRssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0.0;
}

Progress::Progress(std::ostream& err) : m_err(err), m_tty(isatty(STDERR_FILENO) != 0) {}

void Progress::Show(const std::string& text) {
  if (m_tty) m_err << '\r' << text << "\x1b[K" << std::flush;
}

void Progress::Done() {
  if (m_tty) m_err << '\r' << "\x1b[K" << std::flush;
}

bool WriteOutputFile(const std::string& path, const std::string& text, std::ostream& err) {
  if (const auto failed = twin::WriteWholeFile(path, text)) {
    err << path << ": cannot write: " << *failed << "\n";
    return false;
  }
  return true;
}

bool SealWithLocalKey(session::SessionOptions& options, std::ostream& err) {
  std::error_code ec;
  std::filesystem::create_directories(session::LocalDataDir(), ec);
  std::string error;
  const auto key = session::LoadOrMakeKey(session::LocalJournalKeyPath(), error);
  if (!key) {
    err << "the journal's key: " << error << "\n";
    return false;
  }
  options.journalKey = *key;
  return true;
}

}  // namespace netdrill::app
