// What every benchmark prints and measures the same way: the machine, the
// command, medians, and wall time.
#pragma once

#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace netdrill::bench {

inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// @brief Wall time of `f`, in seconds.
inline double Seconds(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline double Milliseconds(const std::function<void()>& f) { return Seconds(f) * 1000.0; }

/// @brief The value of the first "key: value" line of a /proc file.
inline std::string ProcField(const char* path, const char* key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      std::string v = line.substr(line.find(':') + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      return v;
    }
  }
  return "?";
}

inline double PeakRssMb() {
  const std::string v = ProcField("/proc/self/status", "VmHWM");
  return v == "?" ? 0.0 : std::stod(v) / 1024.0;
}

/// @brief "machine: CPU, threads, memory; kernel" and "command: ...".
inline void PrintMachineAndCommand(int argc, char** argv) {
  utsname u{};
  uname(&u);
  std::string command;
  for (int i = 0; i < argc; ++i) command += std::string(i ? " " : "") + argv[i];
  std::printf("machine: %s, %u hardware threads, %s memory; %s %s %s\n",
              ProcField("/proc/cpuinfo", "model name").c_str(), std::thread::hardware_concurrency(),
              ProcField("/proc/meminfo", "MemTotal").c_str(), u.sysname, u.release, u.machine);
  std::printf("command: %s\n", command.c_str());
}

}  // namespace netdrill::bench
