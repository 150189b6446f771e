// The wire's commands and the session's: a typed wire command becomes the line
// the session's one parser reads (so the server validates every command, for the
// caller's role, in one place), and the verb table's rows map to the wire's
// oneof fields one to one.
#pragma once

#include "session/command.h"
#include "wire/netdrill.pb.h"

#include <optional>
#include <string>
#include <vector>

namespace netdrill::wire {

/// @brief The line the session's parser reads for a wire command; "" for one with no verb set.
std::string CommandLine(const Command& command);

/// @brief The verb a wire command's oneof field stands for (nullopt: `line`, or none set).
std::optional<session::Verb> VerbOfField(Command::VerbCase field);

/// @brief Every oneof field but `line`, with its verb: one per verb of the verb table.
const std::vector<std::pair<Command::VerbCase, session::Verb>>& VerbFields();

}  // namespace netdrill::wire
