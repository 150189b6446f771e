// An alarm as the console words it: its type by name ("Liên kết mất tín hiệu" for
// link-down) and its text in the console's language, from the values the session's
// alarm quotes (session::Alarm::args). The session's own text is English, for the
// CLI, the journal and reports; the console says the same in Vietnamese or English.
#pragma once

#include "session/alarms.h"
#include "ui/strings.h"

#include <string>

namespace netdrill::ui {

/// @brief The key naming an alarm type ("link-down"), or false for a type the table lacks
/// (the list then shows the type as the session wrote it).
bool AlarmTypeStr(const std::string& type, Str* key);
/// @brief An alarm type as a person reads it, in `lang`.
std::string AlarmTypeLabel(const std::string& type, Lang lang);
/// @brief The alarm's text in `lang`, naming its resource `resourceName`; `fallback`
/// (the session's text with its ids named) for a type without wording or with other values.
std::string AlarmWording(const session::Alarm& alarm, const std::string& resourceName, Lang lang,
                         const std::string& fallback);
/// @brief `pattern` with {r} replaced by `resourceName` and {0}, {1}, ... by `args`;
/// false when it asks for a value `args` lacks.
bool FillPattern(const std::string& pattern, const std::string& resourceName, const std::vector<std::string>& args,
                 std::string* out);

}  // namespace netdrill::ui
