// The `netdrill twin ...` commands.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace netdrill::app {

struct GenerateArgs {
  std::string preset;
  std::uint64_t seed = 1;
  std::string output;
  double sharedExitKm = 0.0;
};

struct AnalyzeArgs {
  std::string file;
  bool json = false;
  int top = 10;
  bool withBackup = false;
};

int TwinGenerate(const GenerateArgs& args, std::ostream& out, std::ostream& err);
int TwinCheck(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);
/// @brief `twin stats FILE` or `twin stats --preset P`.
int TwinStatsCommand(const std::string& file, const std::string& preset, bool json, std::ostream& out, std::ostream& err);
int TwinImport(const std::string& input, const std::string& links, const std::string& output, std::ostream& out,
               std::ostream& err);
int TwinAnalyze(const AnalyzeArgs& args, std::ostream& out, std::ostream& err);
int TwinPath(const std::string& file, const std::string& from, const std::string& to, const std::string& by,
             std::ostream& out, std::ostream& err);
struct LoadArgs {
  std::string file;
  std::string profile;                 ///< "" = the twin's active profile
  std::vector<std::string> failedMcus; ///< sites whose MCU fails
  bool vpn = true;
  int top = 10;
  bool json = false;
};

/// @brief The fluid load of the conference (and VPN) on every link, the congested
/// links, and the endpoints that lose packets.
int TwinLoad(const LoadArgs& args, std::ostream& out, std::ostream& err);

int TwinFind(const std::string& file, const std::string& query, std::ostream& out, std::ostream& err);

}  // namespace netdrill::app
