#include "session/seat.h"

#include <algorithm>

namespace netdrill::session {

const std::vector<std::pair<std::string, Seat>>& SeatWords() {
  static const std::vector<std::pair<std::string, Seat>> kWords{
      {"noc-north", Seat::NocNorth}, {"noc-central", Seat::NocCentral}, {"noc-south", Seat::NocSouth}, {"field", Seat::Field}};
  return kWords;
}

const char* SeatName(Seat seat) {
  for (const auto& [word, s] : SeatWords()) {
    if (s == seat) return word.c_str();
  }
  return "";
}

std::optional<Seat> ParseSeat(std::string_view word) {
  for (const auto& [w, s] : SeatWords()) {
    if (w == word) return s;
  }
  return std::nullopt;
}

std::string SeatChoices() {
  std::string out;
  for (const auto& [word, s] : SeatWords()) out += (out.empty() ? "" : "|") + word;
  return out;
}

twin::Region RegionOfSeat(Seat seat) {
  switch (seat) {
    case Seat::NocNorth:
      return twin::Region::North;
    case Seat::NocCentral:
      return twin::Region::Central;
    case Seat::NocSouth:
      return twin::Region::South;
    case Seat::None:
    case Seat::Field:
      return twin::Region::None;
  }
  return twin::Region::None;
}

std::vector<twin::Region> RegionsOfResource(const twin::Twin& twin, std::string_view resource) {
  std::vector<twin::Region> regions;
  auto add = [&](twin::SiteId site) {
    const twin::Region r = twin.RegionOf(site);
    if (r != twin::Region::None && std::find(regions.begin(), regions.end(), r) == regions.end()) regions.push_back(r);
  };
  auto addLink = [&](twin::LinkId link) {
    const twin::Link& l = twin.GetLink(link);
    add(twin.GetNode(l.a).site);
    add(twin.GetNode(l.b).site);
  };
  const std::string_view id = resource.substr(0, resource.find('#'));
  if (const twin::SiteId site = twin.FindSite(id); site.IsValid()) {
    add(site);
  } else if (const twin::NodeId node = twin.FindNode(id); node.IsValid()) {
    add(twin.GetNode(node).site);
  } else if (const twin::LinkId link = twin.FindLink(id); link.IsValid()) {
    addLink(link);
  } else if (const twin::SrgId srg = twin.FindSrg(id); srg.IsValid()) {
    for (const twin::LinkId l : twin.SrgLinks(srg)) addLink(l);
  }
  return regions;
}

bool IsFieldAlarm(const Alarm& alarm) {
  static const std::vector<std::string> kPlant{"link-down",      "srg-cut",           "node-down",
                                               "mains-failure",  "generator-failure", "battery-exhausted",
                                               "link-flapping"};
  return std::find(kPlant.begin(), kPlant.end(), alarm.type) != kPlant.end();
}

bool SeatSeesAlarm(Seat seat, const Alarm& alarm, const twin::Twin& twin) {
  if (seat == Seat::None) return true;
  if (seat == Seat::Field) return IsFieldAlarm(alarm);
  const std::vector<twin::Region> regions = RegionsOfResource(twin, alarm.resource);
  return regions.empty() || std::find(regions.begin(), regions.end(), RegionOfSeat(seat)) != regions.end();
}

}  // namespace netdrill::session
