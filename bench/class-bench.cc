// The class server under a class: one `netdrill serve` (TLS), N real client
// processes each watching a paced province drill at 1x for S seconds, and an
// instructor polling the live view (Status) every second. Prints how close
// each session kept to real time, snapshot delivery, the Status call's
// latency, and the server's memory and CPU with its worker processes.
// Then one team drill on national-2025 with its four seats, paced at 1x.
//   class-bench [--clients 30] [--seconds 60] [--netdrill build/netdrill]
#include "bench/bench-support.h"
#include "wire/netdrill.grpc.pb.h"
#include "wire/tls.h"

#include <grpcpp/client_context.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace netdrill;

namespace {

pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::vector<std::string>& env = {}) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (out + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, (out + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> store = args;
  std::vector<char*> argv;
  for (std::string& a : store) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> envStore;
  for (char** e = environ; *e; ++e) envStore.emplace_back(*e);
  envStore.insert(envStore.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& e : envStore) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, store[0].c_str(), &actions, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A process and its children (the server's workers): resident memory now, and CPU seconds so far.
struct Usage {
  double rssMb = 0.0, cpuS = 0.0;
  int processes = 0;
};
Usage Sample(pid_t root) {
  Usage u;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  DIR* proc = opendir("/proc");
  if (!proc) return u;
  while (dirent* e = readdir(proc)) {
    const pid_t pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    const std::string stat = Slurp("/proc/" + std::to_string(pid) + "/stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(stat.substr(close + 2));
    std::string state;
    long ppid = 0;
    fields >> state >> ppid;
    if (pid != root && ppid != root) continue;
    std::string skip;
    for (int i = 0; i < 9; ++i) fields >> skip;  // pgrp .. cmajflt
    double utime = 0, stime = 0;
    fields >> utime >> stime;
    u.cpuS += (utime + stime) / tick;
    const std::string rss = bench::ProcField(("/proc/" + std::to_string(pid) + "/status").c_str(), "VmRSS");
    if (rss != "?") u.rssMb += std::stod(rss) / 1024.0;
    ++u.processes;
  }
  closedir(proc);
  return u;
}

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * double(v.size() - 1))];
}

// A team drill on the national network with the four seats: storms over Quảng Ninh (north), Huế (centre)
// and Cà Mau (south) in its first minute.
const char* kTeamDrill = R"DRILL(drill: 1
id: team-national
title: {vi: "Diễn tập nhóm toàn quốc (bench)", en: "A national team drill (bench)"}
duration: 10m
network: national-2025
repairs_finish: false
team:
  seats: [noc-north, noc-central, noc-south, field]
events:
  - {at: 20s, do: "fault storm:22[radius_km=30,hours_per_province=1]"}
  - {at: 30s, do: "fault storm:46[radius_km=30,hours_per_province=1]"}
  - {at: 40s, do: "fault storm:96[radius_km=30,hours_per_province=1]"}
objectives:
  - {id: north, title: north, task: ack, target: route:22-primary, after: 20s, by: 10m, weight: 25}
  - {id: centre, title: centre, task: ack, target: route:46-primary, after: 30s, by: 10m, weight: 25}
  - {id: south, title: south, task: ack, target: route:96-primary, after: 40s, by: 10m, weight: 25}
  - {id: ticket, title: ticket, task: ticket, after: 20s, by: 10m, weight: 25}
)DRILL";

struct Phase {
  std::vector<double> ratios, p95s;
  int failed = 0;
  double peakRss = 0.0;
};

// One team of four people's seats on national-2025, paced at 1x, each seat watching for `seconds`.
Phase TeamPhase(const std::string& netdrill, const std::string& dir, double seconds) {
  Phase phase;
  std::filesystem::create_directories(dir + "/library");
  std::ofstream(dir + "/library/team-national.yaml") << kTeamDrill;
  const pid_t server = Spawn({netdrill, "serve", "--listen", "127.0.0.1:0", "--data", dir + "/data", "--library", dir + "/library"},
                             dir + "/server");
  std::string address;
  for (int i = 0; i < 600 && address.empty(); ++i) {
    const std::string out = Slurp(dir + "/server.out");
    if (const auto nl = out.find('\n'); nl != std::string::npos && out.rfind("listening on ", 0) == 0)
      address = out.substr(13, nl - 13);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (address.empty()) {
    phase.failed = 4;
    return phase;
  }
  const std::vector<std::string> seats = {"noc-north", "noc-central", "noc-south", "field"};
  std::vector<pid_t> pids;
  for (const std::string& seat : seats) {
    pids.push_back(Spawn({netdrill, "class", "join", address, "--server-cert", dir + "/data/server-cert.pem", "--trainee",
                          "bench-" + seat, "--drill", "team-national", "--team", "bench", "--seat", seat, "--for",
                          std::to_string(seconds) + "s", "--json"},
                         dir + "/" + seat));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the first seat starts the session
  }
  for (pid_t p : pids) {
    int st = 0;
    while (waitpid(p, &st, WNOHANG) == 0) {
      phase.peakRss = std::max(phase.peakRss, Sample(server).rssMb);
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
  for (const std::string& seat : seats) {
    const auto j = nlohmann::json::parse(Slurp(dir + "/" + seat + ".out"), nullptr, false);
    if (j.is_discarded() || !j.contains("sim_s")) {
      ++phase.failed;
      continue;
    }
    phase.ratios.push_back(j.at("sim_s").get<double>() / j.at("wall_s").get<double>());
    phase.p95s.push_back(j.at("delivery_ms_p95").get<double>());
  }
  kill(server, SIGTERM);
  int st = 0;
  waitpid(server, &st, 0);
  return phase;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 30;
  double seconds = 60.0;
  std::string netdrill = "build/netdrill";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--clients")) clients = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--netdrill")) netdrill = argv[i + 1];
  }
  bench::PrintMachineAndCommand(argc, argv);
  const std::string dir = std::filesystem::absolute("class-bench-run").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const pid_t server = Spawn({netdrill, "serve", "--listen", "127.0.0.1:0", "--data", dir + "/data"}, dir + "/server",
                             {"NETDRILL_INSTRUCTOR_PASSPHRASE=bench"});
  std::string address;
  for (int i = 0; i < 600 && address.empty(); ++i) {
    const std::string out = Slurp(dir + "/server.out");
    const std::string prefix = "listening on ";
    if (const auto nl = out.find('\n'); nl != std::string::npos && out.rfind(prefix, 0) == 0)
      address = out.substr(prefix.size(), nl - prefix.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (address.empty()) {
    std::printf("the server did not start: %s\n", Slurp(dir + "/server.err").c_str());
    return 1;
  }
  const std::string cert = dir + "/data/server-cert.pem";
  // Province drills of the library, in turn: the trainees of a class do not all play the same one.
  const std::vector<std::string> drills = {"commune-cut-backup-2025", "interface-shut-2025", "degrading-link-2025",
                                           "power-loss-2025", "wrong-cost", "linecard-failure-2025"};
  std::printf("server %s (TLS, pinned); %d clients, each a paced province drill at 1x for %.0f s; an instructor polling "
              "Status every second\n",
              address.c_str(), clients, seconds);
  std::vector<pid_t> pids;
  for (int i = 0; i < clients; ++i) {
    const std::string drill = drills[static_cast<std::size_t>(i) % drills.size()];
    pids.push_back(Spawn({netdrill, "class", "join", address, "--server-cert", cert, "--trainee", "trainee-" + std::to_string(i + 1),
                          "--drill", drill, "--seed", std::to_string(i + 1), "--for", std::to_string(seconds) + "s", "--json"},
                         dir + "/client-" + std::to_string(i + 1)));
  }
  // The instructor: Status every second, timed; the server's usage sampled at the same pace.
  std::string certPem = Slurp(cert);
  const auto stub = wire::Class::NewStub(wire::MakeChannel(address, certPem));
  std::string token;
  {
    grpc::ClientContext context;
    wire::LoginRequest request;
    request.set_passphrase("bench");
    wire::LoginReply reply;
    if (stub->Login(&context, request, &reply).ok()) token = reply.token();
  }
  std::vector<double> statusMs;
  double peakRss = 0.0;
  int peakProcesses = 0, listed = 0;
  const Usage before = Sample(server);
  const auto start = std::chrono::steady_clock::now();
  std::atomic<int> running{clients};
  while (running > 0 && std::chrono::steady_clock::now() - start < std::chrono::duration<double>(seconds + 60)) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    wire::ClassStatus status;
    const double ms = bench::Milliseconds([&] { stub->Status(&context, wire::StatusRequest(), &status); });
    statusMs.push_back(ms);
    listed = std::max(listed, status.trainees_size());
    const Usage u = Sample(server);
    peakRss = std::max(peakRss, u.rssMb);
    peakProcesses = std::max(peakProcesses, u.processes);
    int alive = 0;
    for (pid_t& p : pids) {
      int st = 0;
      if (p <= 0) continue;
      if (waitpid(p, &st, WNOHANG) == 0) ++alive;
      else p = 0;  // reaped
    }
    running = alive;
  }
  const Usage after = Sample(server);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> ratios, p95s, p50s;
  int within = 0, failed = 0;
  for (int i = 0; i < clients; ++i) {
    const auto j = nlohmann::json::parse(Slurp(dir + "/client-" + std::to_string(i + 1) + ".out"), nullptr, false);
    if (j.is_discarded() || !j.contains("sim_s")) {
      ++failed;
      continue;
    }
    const double ratio = j.at("sim_s").get<double>() / j.at("wall_s").get<double>();
    ratios.push_back(ratio);
    within += std::abs(ratio - 1.0) <= 0.05;
    p95s.push_back(j.at("delivery_ms_p95").get<double>());
    p50s.push_back(j.at("delivery_ms_p50").get<double>());
  }
  std::printf("sessions within 5 %% of real time: %d of %d (simulated/wall: median %.3f, worst %.3f)%s\n", within, clients,
              bench::Median(ratios), ratios.empty() ? 0.0 : *std::min_element(ratios.begin(), ratios.end()),
              failed ? (" — " + std::to_string(failed) + " clients printed nothing").c_str() : "");
  std::printf("snapshot delivery: median of the clients' p50 %.2f ms; p95 median %.2f ms, worst %.2f ms (target p95 < 200 ms: %s)\n",
              bench::Median(p50s), bench::Median(p95s), p95s.empty() ? 0.0 : *std::max_element(p95s.begin(), p95s.end()),
              !p95s.empty() && *std::max_element(p95s.begin(), p95s.end()) < 200.0 ? "met" : "NOT met");
  std::printf("instructor Status (%d trainees listed): median %.2f ms, p95 %.2f ms over %zu calls\n", listed,
              bench::Median(statusMs), Quantile(statusMs, 0.95), statusMs.size());
  std::printf("server + workers: peak RSS %.0f MB over %d processes; CPU %.1f core-seconds in %.0f s wall (%.0f %% of one core)\n",
              peakRss, peakProcesses, after.cpuS - before.cpuS, wall, 100.0 * (after.cpuS - before.cpuS) / wall);
  kill(server, SIGTERM);
  int st = 0;
  waitpid(server, &st, 0);
  // One team drill on the national network: four seats on one session at 1x.
  const Phase team = TeamPhase(netdrill, dir + "/team", seconds);
  std::printf("team drill on national-2025, 4 seats (noc-north, noc-central, noc-south, field) at 1x for %.0f s: "
              "simulated/wall median %.3f, worst %.3f; snapshot delivery p95 median %.2f ms, worst %.2f ms; server + "
              "worker peak RSS %.0f MB%s\n",
              seconds, bench::Median(team.ratios),
              team.ratios.empty() ? 0.0 : *std::min_element(team.ratios.begin(), team.ratios.end()), bench::Median(team.p95s),
              team.p95s.empty() ? 0.0 : *std::max_element(team.p95s.begin(), team.p95s.end()), team.peakRss,
              team.failed ? (" — " + std::to_string(team.failed) + " seats printed nothing").c_str() : "");
  return failed == 0 && team.failed == 0 ? 0 : 1;
}
