// Drills played headless on the fake network model (no ns-3): what the drill
// and console tests run on.
#pragma once

#include "drill/drill-load.h"
#include "session/fake-network-model.h"

#include <catch2/catch.hpp>

#include <string>

namespace netdrill::test {

/// @brief The session options of a drill on the fake model.
inline session::SessionOptions FakeSessionOptions(const drill::Drill& d, std::uint64_t seed, const std::string& file) {
  return drill::DrillSessionOptions(d, seed, file, session::FakeNetworkModel::Factory(), "test");
}

/// @brief Plays `file` with the scripted trainee of `actions` ("" : none) to its end on the fake model.
inline drill::DrillResult PlayOnFake(const std::string& file, const std::string& actions, std::uint64_t seed = 1,
                                     const std::string& journal = "") {
  twin::Diagnostics diags;
  auto loaded = drill::LoadCheckedDrill(file, diags);
  INFO((diags.Items().empty() ? std::string() : twin::Format(diags.Items().front())));
  REQUIRE(loaded);
  std::optional<std::vector<drill::ScriptedAction>> scripted = std::vector<drill::ScriptedAction>{};
  if (!actions.empty()) scripted = drill::LoadActions(actions, loaded->drill.durationS, diags);
  REQUIRE(scripted);
  auto picks = drill::MakePicks(loaded->drill, loaded->twin, seed, diags);
  REQUIRE(picks);
  session::SessionOptions options = FakeSessionOptions(loaded->drill, seed, file);
  options.journalPath = journal;
  auto result = drill::PlayDrill(*loaded, *picks, *scripted, options, "vi", diags);
  REQUIRE(result);
  return *result;
}

}  // namespace netdrill::test
