// `netdrill drill new`: a commented drill skeleton for an incident class on a
// network, that passes `drill check` as written, for an instructor to edit.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace netdrill::drill {

/// @brief The incident classes a skeleton exists for: "fibre-cut", "power", "misconfiguration", "ddos".
const std::vector<std::string>& SkeletonClasses();

/// @brief The skeleton's YAML for `incident` on `network` (a preset or file:PATH), with `id`; nullopt for an
/// unknown class. Its picks choose the element by the seed, so it suits any province network.
std::optional<std::string> DrillSkeleton(const std::string& incident, const std::string& network, const std::string& id);

}  // namespace netdrill::drill
