// A twin as read from a user's file, before it is checked: every value with
// the place it came from. The YAML reader and the CSV import fill it; BuildTwin
// resolves names and checks everything, reporting every problem at once.
#pragma once

#include "diagnostics.h"
#include "model.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::twin {

template <class T>
struct Located {
  T value{};
  SourceLoc loc;
  bool present = false;
  void Set(T v, SourceLoc l) {
    value = std::move(v);
    loc = l;
    present = true;
  }
};

struct SiteSpec {
  SourceLoc loc;
  std::string path;  ///< "sites[12]" or "sites.csv row 13"
  Located<std::string> id, level, code, name, nameEn, parent, province;
  Located<double> lat, lon;
  Located<int> priority;
  Located<bool> island;
  std::vector<std::string> tags;
  Located<int> routers, endpoints;
  Located<bool> mcu, generator;
  Located<double> batteryHours;
};

struct LinkSpec {
  SourceLoc loc;
  std::string path;
  Located<std::string> id, a, b, capacity, medium, role;
  Located<double> km, delayMs, cost;
  Located<bool> enabled;
  std::vector<Located<std::string>> srgs;
};

struct SrgSpec {
  SourceLoc loc;
  std::string path;
  Located<std::string> id, name, nameEn;
};

struct StateSpec {
  SourceLoc loc;
  std::string path;
  Located<std::string> element, status;
  Located<double> lossPct, extraDelayMs, capacityFactor;
};

struct TwinSpec {
  std::string file;       ///< the file of the header, demands, srgs and state
  std::string sitesFile;  ///< where the sites were read (CSV import: sites.csv)
  std::string linksFile;
  std::string name;
  int era = 0;
  Provenance provenance;
  Demands demands;
  ModelParams model;
  std::vector<SrgSpec> srgs;
  std::vector<SiteSpec> sites;
  std::vector<LinkSpec> links;
  std::vector<StateSpec> states;
};

/// @brief Resolves and checks a spec. Returns no twin if any error was found;
/// warnings (a self-loop, an unused group) let the twin through.
std::optional<Twin> BuildTwin(const TwinSpec& spec, Diagnostics& diags);

/// @brief Checks a twin built in code (generator, GraphML import) the same way a file is.
void CheckTwin(const Twin& twin, const std::string& file, Diagnostics& diags);

}  // namespace netdrill::twin
