// What the commands that run the engine share: the twin from a file or a
// preset, the peak memory, a progress line on a terminal.
#pragma once

#include "session/session.h"
#include "twin/model.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace netdrill::app {

/// @brief The twin of `--twin FILE` or `--preset P` (exactly one), with its
/// problems printed to `err`; nothing when it cannot be had.
std::optional<twin::Twin> TwinFor(const std::string& file, const std::string& preset, std::uint64_t seed,
                                  std::ostream& err);

/// @brief This process's peak resident memory, in MB (Linux).
double PeakRssMb();

/// @brief Writes a command's output file whole (twin::WriteWholeFile); false, and "PATH: cannot write: WHY"
/// on `err`, when it cannot: a full disk is an error, not "wrote".
bool WriteOutputFile(const std::string& path, const std::string& text, std::ostream& err);

/// @brief Sets the options' journal key to this user's (session::LocalJournalKeyPath(), made at first use); false,
/// and why on `err`, when there is none to be had.
bool SealWithLocalKey(session::SessionOptions& options, std::ostream& err);

/// @brief A one-line progress display, shown on a terminal only.
class Progress {
public:
  explicit Progress(std::ostream& err);
  void Show(const std::string& text);
  void Done();

private:
  std::ostream& m_err;
  bool m_tty;
};

}  // namespace netdrill::app
