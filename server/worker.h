// The worker: one drill in a process of its own (ns-3 allows one simulator per
// process), started by the class server with posix_spawn and driven over a pipe
// (wire/framing.h): start, submit, advance, finish. It plays the drill as
// `drill run` does, so a scripted client's run is the same run.
#pragma once

namespace netdrill::server {

/// @brief Serves requests read from `inFd`, replies written to `outFd`, until the pipe closes
/// or the drill is finished. Returns the process's exit code.
int RunWorker(int inFd, int outFd);

}  // namespace netdrill::server
