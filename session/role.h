// Who gives a command: a trainee, an instructor, or the scenario (a drill's
// injects). Typed inside; the words live at the edges (journal, terminal).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace netdrill::session {

enum class Role : std::uint8_t { Trainee, Instructor, Scenario };

/// @brief The role's word: "trainee", "instructor", "scenario".
inline const char* RoleName(Role role) {
  switch (role) {
    case Role::Trainee:
      return "trainee";
    case Role::Instructor:
      return "instructor";
    case Role::Scenario:
      return "scenario";
  }
  return "trainee";
}

inline std::optional<Role> ParseRole(std::string_view text) {
  if (text == "trainee") return Role::Trainee;
  if (text == "instructor") return Role::Instructor;
  if (text == "scenario") return Role::Scenario;
  return std::nullopt;
}

}  // namespace netdrill::session
