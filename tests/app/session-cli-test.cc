#include "session/session.h"
#include "tests/cli-support.h"
#include "tests/twin/test-support.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using netdrill::test::Cli;
using netdrill::test::CliRun;

namespace {

CliRun Session(const std::vector<std::string>& args, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = netdrill::app::RunCli(args, out, err, in);
  return {code, out.str(), err.str()};
}

std::string FingerprintOf(const std::string& out) {
  const auto at = out.rfind("fingerprint ");
  return at == std::string::npos ? "" : out.substr(at + 12, 16);
}

int Lines(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

}  // namespace

TEST_CASE("netdrill session: a script on simulated time, recorded, then replayed to the same fingerprint",
          "[session]") {
  netdrill::test::TempDir dir;
  const std::string journal = dir.File("run.jsonl");
  const std::string script =
      "# a cut, found and repaired\n"
      "ping Phúc Xá 2\n"
      "wait 3s\n"
      "instructor: fault cut:district:001--province:01\n"
      "wait 5s\n"
      "show alarms\n"
      "declare cause district:001--province:01\n"
      "traceroute commune:00001\n"
      "instructor: fault repair:district:001--province:01\n"
      "wait 5s\n"
      "show alarms\n";
  const CliRun r = Session({"session", "--preset", "tiny", "--record", journal, "--script"}, script);
  INFO(r.out << r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("2 packets transmitted, 2 received, 0% packet loss") != std::string::npos);
  CHECK(r.out.find("link-down           district:001--province:01") != std::string::npos);
  CHECK(r.out.find("2 impacted") != std::string::npos);
  CHECK(r.out.find("noted: the cause is district:001--province:01") != std::string::npos);
  CHECK(r.out.find("province:01  !N (no route to the destination)") != std::string::npos);  // converged: no route past the cut
  CHECK(r.out.find("No active alarm.") != std::string::npos);
  const CliRun replay = Session({"session", "--replay", journal}, "");
  INFO(replay.out << replay.err);
  REQUIRE(replay.code == 0);
  CHECK(!FingerprintOf(r.out).empty());
  CHECK(FingerprintOf(replay.out) == FingerprintOf(r.out));
  // Continue from second 5 with other commands: a branch.
  const CliRun branch = Session({"session", "--replay", journal, "--until", "5s", "--script"}, "show alarms\n");
  REQUIRE(branch.code == 0);
  CHECK(branch.out.find("continuing") != std::string::npos);
  CHECK(branch.out.find("[00:00:05] > show alarms") != std::string::npos);
  const CliRun bad = Session({"session", "--preset", "tiny", "--script"}, "wait soon\n");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("line 1: wait takes a duration") != std::string::npos);
}

TEST_CASE("kill -9 during a run leaves a journal that loads and replays up to its last command", "[session]") {
  netdrill::test::TempDir dir;
  const std::string journal = dir.File("crash.jsonl");
  int pipeFds[2];
  REQUIRE(pipe(pipeFds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(pipeFds[0], STDIN_FILENO);
    close(pipeFds[1]);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
    execl(NETDRILL_BINARY, "netdrill", "session", "--preset", "tiny", "--record", journal.c_str(), "--script",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipeFds[0]);
  const std::string script =
      "ping commune:00001 2\nwait 3s\ninstructor: fault cut:district:001--province:01\nwait 5s\nack A-1\nwait 10h\n";
  REQUIRE(write(pipeFds[1], script.data(), script.size()) == static_cast<ssize_t>(script.size()));
  // The header and three commands written: the run is in its ten hours; kill it.
  for (int i = 0; i < 600 && Lines(journal) < 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipeFds[1]);
  CHECK(WIFSIGNALED(status));
  netdrill::twin::Diagnostics diags;
  const auto loaded = netdrill::session::LoadJournal(journal, diags);
  REQUIRE(loaded);
  CHECK(!loaded->endTick);  // no end line: it never ended
  REQUIRE(loaded->entries.size() == 3);
  CHECK(loaded->entries.back().command == "ack A-1");
  const CliRun replay = Session({"session", "--replay", journal}, "");
  INFO(replay.out << replay.err);
  REQUIRE(replay.code == 0);
  CHECK(replay.out.find("A-1: ack") != std::string::npos);
  CHECK(replay.out.find("replayed 3 commands") != std::string::npos);
}
