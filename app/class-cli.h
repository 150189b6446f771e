// The class server's command line: `netdrill serve` and `netdrill class join|status|inject|drills`
// (and the hidden `class worker` the server starts for each drill).
#pragma once

#include "server/class-client.h"
#include "server/class-server.h"

#include <functional>
#include <ostream>

namespace CLI {
class App;
}

namespace netdrill::app {

struct ClassOptions {
  server::ServeOptions serve;
  server::JoinArgs join;
  server::InstructorArgs instructor;
  server::ConnectArgs drills;
  std::string exportFile;  ///< class export -o
};

/// @brief Declares the commands; the chosen one's action goes to `action` (run after the whole parse).
void AddClassCommands(CLI::App& app, ClassOptions& o, std::function<int()>& action, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
