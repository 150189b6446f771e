// Shared helpers for the session tests on the fake network model.
#pragma once

#include "session/fake-network-model.h"
#include "session/session.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

namespace netdrill::test {

/// @brief A session on the fake network (no ns-3), with `options` but its model.
inline std::unique_ptr<session::Session> FakeSession(const twin::Twin& t, session::SessionOptions options = {}) {
  options.model = session::FakeNetworkModel::Factory();
  twin::Diagnostics diags;
  auto s = session::Session::Create(t, options, diags);
  REQUIRE(s);
  return s;
}

/// @brief Gives a command, steps once so it applies, and returns every answer so far, a line each.
inline std::string Do(session::Session& s, const std::string& line, session::Role role = session::Role::Trainee) {
  s.Submit(line, role);
  s.Step();
  std::string all;
  for (const session::Answer& a : s.TakeAnswers()) all += (a.error ? "error: " : "") + a.text + "\n";
  return all;
}

/// @brief The active alarm of this resource and type, or null.
inline const session::Alarm* ActiveAlarm(const session::Session& s, const std::string& resource, const std::string& type) {
  for (const session::Alarm& a : s.Alarms().Alarms()) {
    if (a.Active() && a.resource == resource && a.type == type) return &a;
  }
  return nullptr;
}

}  // namespace netdrill::test
