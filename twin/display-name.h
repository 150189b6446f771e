// What a person reads for an element of the twin: one function per kind, used
// by every layer that shows the network to a person (the console's alarms,
// inspector, map, terminal and tickets; the debrief report). The id stays the
// key everywhere else; a name is for reading, never for parsing.
//
//   a site       its name with its parents: "Xã Dân Hóa, Minh Hóa, Quảng Bình"
//   a router     its site, and which router when the site has several:
//                "Nghệ An, bộ định tuyến 1" / "Nghe An, router 1"
//   a link       its two ends and its medium: "Nghệ An – Trung tâm vùng Đà Nẵng
//                (cáp quang)"; a second link between the same ends says so
//                ("cáp quang, tuyến 2")
//   a group      its name ("Tuyến trục Trung tâm vùng Hà Nội – …")
#pragma once

#include "twin/model.h"

#include <string>
#include <string_view>

namespace netdrill::twin {

enum class NameLang { Vi, En };

/// @brief A site's own name in a language (the Vietnamese one when it has no English name).
const std::string& SiteOwnName(const Site& site, NameLang lang);
/// @brief "Xã Dân Hóa, Minh Hóa, Quảng Bình": the site, then its parents without their unit types.
std::string SiteDisplayName(const Twin& twin, SiteId site, NameLang lang);
std::string NodeDisplayName(const Twin& twin, NodeId node, NameLang lang);
std::string LinkDisplayName(const Twin& twin, LinkId link, NameLang lang);
std::string SrgDisplayName(const Twin& twin, SrgId group, NameLang lang);
/// @brief "fibre" / "cáp quang".
const char* MediumDisplayName(Medium medium, NameLang lang);
/// @brief The name of any element by its id (a site, a router, a link, a group; an
/// alarm's resource may add "#type"); the id itself when it names nothing.
std::string ElementDisplayName(const Twin& twin, std::string_view id, NameLang lang);
/// @brief Whether `id` names an element of the twin.
bool IsElementId(const Twin& twin, std::string_view id);

/// @brief How ids inside a text are shown.
enum class IdsInText {
  Replace,   ///< the name instead of the id (alarm texts, tickets, reports)
  Annotate,  ///< the id, then the name in parentheses where the id first appears (the terminal: the id is what a command takes)
};
/// @brief A text with every element id in it named: "link province:40--centre:48 down"
/// reads "link Nghệ An – Trung tâm vùng Đà Nẵng (cáp quang) down".
std::string NameIdsInText(const Twin& twin, std::string_view text, NameLang lang, IdsInText how = IdsInText::Replace);

}  // namespace netdrill::twin
