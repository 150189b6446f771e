// The class server's headless clients: `netdrill class join` (a scripted trainee
// that plays a drill through the server and prints what `drill run` prints),
// `class status` and `class inject` (the instructor's), `class drills`.
// Exit codes as the rest of the command line: 0 done, 1 failure, 2 refused or invalid.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

namespace netdrill::server {

struct ConnectArgs {
  std::string address;     ///< HOST:PORT
  std::string serverCert;  ///< the server's certificate to pin ("" : the one saved at first use)
  bool insecure = false;   ///< plaintext (loopback only)
  std::string knownServers;  ///< where first-use certificates are kept ("" : $XDG_CONFIG_HOME/netdrill/servers)
};

struct JoinArgs {
  ConnectArgs connect;
  std::string trainee, drill, seat, actions, lang = "vi", assist;
  std::string team;  ///< a team drill's team: the first seat to join starts its session, the others join it
  std::uint64_t seed = 1;
  bool json = false;
  int waitMs = 0;  ///< wall time between a scripted trainee's actions (a demonstration, a test of reconnection)
  double forS = 0.0;  ///< a paced drill watched this long, then summed up (no commands; a load test)
  double waitApprovalS = -1;  ///< a name in use: how long to wait for the instructor's approval (-1: a person 300 s, a script 0)
  std::istream* in = nullptr;  ///< a paced drill's commands (null: standard input)
};
int ClassJoinCommand(const JoinArgs& args, std::ostream& out, std::ostream& err);

struct InstructorArgs {
  ConnectArgs connect;
  std::string passphrase;  ///< "" : NETDRILL_INSTRUCTOR_PASSPHRASE
  std::string token;       ///< a token given instead of the passphrase (a trainee's is refused)
  bool json = false;
  std::string trainee;     ///< inject: to this trainee
  bool all = false;        ///< inject: to every running drill
  std::string command;     ///< inject
  bool refuse = false;     ///< approve: refuse the name instead
  std::string drill;       ///< export: one drill's results
};
int ClassStatusCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err);
int ClassInjectCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err);
/// @brief `class approve --trainee NAME [--refuse]`: a name in use may join once more (or not).
int ClassApproveCommand(const InstructorArgs& args, std::ostream& out, std::ostream& err);
/// @brief `class export [--trainee NAME] [--drill ID] [-o FILE]`: the class's results as CSV, from the server.
int ClassExportCommand(const InstructorArgs& args, const std::string& file, std::ostream& out, std::ostream& err);
int ClassDrillsCommand(const ConnectArgs& args, std::ostream& out, std::ostream& err);

}  // namespace netdrill::server
