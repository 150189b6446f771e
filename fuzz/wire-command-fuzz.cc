// Fuzzes what the server does with a client's Submit message (wire/command-wire.cc): the bytes
// as a protobuf Command, its command line, and that line through the session's grammar.
#include "fuzz/fuzz-support.h"
#include "session/command.h"
#include "wire/command-wire.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netdrill;
  wire::Command message;
  if (!message.ParseFromArray(data, static_cast<int>(size))) return 0;
  const std::string line = wire::CommandLine(message);
  session::ParseCommand(line, session::Role::Trainee, fuzz::TinyTwin(), fuzz::TinyNames());
  return 0;
}
