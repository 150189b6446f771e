// Fuzzes the session's command grammar (session/command-parse.cc) for both roles, and the
// canonical text of what it accepts parsing back to the same command.
#include "fuzz/fuzz-support.h"
#include "session/command.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  const twin::Twin& tiny = fuzz::TinyTwin();
  for (const auto role : {session::Role::Trainee, session::Role::Instructor}) {
    const auto parsed = session::ParseCommand(fuzz::Text(data, size), role, tiny, fuzz::TinyNames());
    if (!parsed.command) continue;
    const auto again = session::ParseCommand(parsed.command->text, role, tiny, fuzz::TinyNames());
    if (!again.command || again.command->text != parsed.command->text) __builtin_trap();
  }
  return 0;
}
