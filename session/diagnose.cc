#include "session/diagnose.h"

#include "twin/units.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <map>
#include <sstream>

namespace netdrill::session {

using namespace netdrill::twin;

namespace {

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Pad(std::string s, std::size_t width) {
  // Pads by characters as people count them (UTF-8 continuation bytes do not count).
  std::size_t shown = 0;
  for (unsigned char ch : s) shown += (ch & 0xC0) != 0x80;
  // A column always ends with a space: text as wide as it runs on into the next one otherwise.
  s.append(shown < width ? width - shown : 1, ' ');
  return s;
}

std::vector<LinkId> InterfacesOf(const Twin& twin, NodeId node) {
  std::vector<LinkId> out;
  for (std::uint32_t l = 0; l < twin.Links().size(); ++l) {
    const Link& link = twin.GetLink(LinkId(l));
    if ((link.a == node || link.b == node) && link.a != link.b) out.push_back(LinkId(l));
  }
  return out;
}

// "Gi0/N": the Nth interface of a router, as routers name them.
std::string InterfaceName(const Twin& twin, NodeId node, LinkId link) {
  const auto ifs = InterfacesOf(twin, node);
  const auto it = std::find(ifs.begin(), ifs.end(), link);
  return "if" + std::to_string(it == ifs.end() ? 0 : (it - ifs.begin()) + 1);
}

}  // namespace

std::string FormatClock(double seconds) {
  const auto total = static_cast<long long>(seconds < 0 ? 0 : seconds);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  return buf;
}

std::string NodeLabel(const Twin& twin, NodeId node) {
  const Node& n = twin.GetNode(node);
  return twin.GetSite(n.site).name + " (" + n.id + ")";
}

std::string PingReport(const NetworkModel& network, NodeId from, NodeId to, const PingStats& s, int count) {
  const Twin& twin = network.Twin();
  const std::string address = FormatIpv4(network.Plan().Loopback(to));
  std::ostringstream out;
  out << "PING " << NodeLabel(twin, to) << " " << address << " from " << twin.GetNode(from).id << ": " << count
      << " echoes of 84 bytes\n";
  for (std::size_t i = 0; i < s.rttMs.size(); ++i) {
    if (s.rttMs[i] < 0) {
      out << "Request timeout for icmp_seq " << i + 1 << '\n';
    } else {
      out << "64 bytes from " << address << ": icmp_seq=" << i + 1 << " time=" << Fixed(s.rttMs[i], 2) << " ms\n";
    }
  }
  const std::uint32_t sent = s.sent;
  const int lossPct = sent == 0 ? 100 : static_cast<int>(100 * (sent - s.received) / sent);
  out << "--- " << twin.GetSite(twin.GetNode(to).site).id << " ping statistics ---\n"
      << sent << " packets transmitted, " << s.received << " received, " << lossPct << "% packet loss\n";
  if (s.received > 0) {
    out << "rtt min/avg/max = " << Fixed(s.minRttMs, 2) << "/" << Fixed(s.avgRttMs, 2) << "/" << Fixed(s.maxRttMs, 2)
        << " ms\n";
  }
  return out.str();
}

std::string TracerouteReport(const NetworkModel& network, NodeId from, NodeId to) {
  const Twin& twin = network.Twin();
  std::ostringstream out;
  out << "traceroute to " << NodeLabel(twin, to) << " (" << FormatIpv4(network.Plan().Loopback(to))
      << "), 30 hops max, from " << twin.GetNode(from).id << '\n';
  const std::vector<Hop> hops = network.Path(from, to, 60);
  int hop = 1;
  for (const Hop& h : hops) {
    if (h.dark) break;
    // Each hop answers from the interface the probe came in on.
    const Link& link = twin.GetLink(h.link);
    const std::string address = FormatIpv4(network.Plan().InterfaceAddress(h.link, link.a == h.node));
    const double rtt = 2.0 * h.oneWayMs;
    out << (hop < 10 ? " " : "") << hop << "  " << twin.GetNode(h.node).id << " (" << address << ")  "
        << Fixed(rtt, 3) << " ms  " << Fixed(rtt, 3) << " ms  " << Fixed(rtt, 3) << " ms\n";
    ++hop;
  }
  const bool arrived = !hops.empty() && hops.back().node == to && !hops.back().dark;
  if (!arrived) {
    // Past a cut or a missing route: no answer, as far as a traceroute waits.
    const NodeId last = hops.empty() ? from : (hops.back().dark ? (hops.size() > 1 ? hops[hops.size() - 2].node : from)
                                                                : hops.back().node);
    const bool noRoute = hops.empty() || !hops.back().dark;
    if (noRoute && network.Routes().NextLink(last, to) == RoutingTables::kNoRoute && last != to) {
      out << (hop < 10 ? " " : "") << hop << "  " << twin.GetNode(last).id << "  !N (no route to the destination)\n";
    } else {
      for (int k = 0; k < 3; ++k, ++hop) out << (hop < 10 ? " " : "") << hop << "  * * *\n";
      out << "no reply past hop " << hop - 4 << '\n';
    }
  }
  return out.str();
}

std::string InterfaceReport(const NetworkModel& network, NodeId node, int interface, std::string& error) {
  const Twin& twin = network.Twin();
  const std::vector<LinkId> ifs = InterfacesOf(twin, node);
  if (interface > static_cast<int>(ifs.size())) {
    error = twin.GetNode(node).id + " has " + std::to_string(ifs.size()) + " interfaces: no interface " +
            std::to_string(interface);
    return {};
  }
  std::ostringstream out;
  out << "Interfaces of " << NodeLabel(twin, node) << '\n'
      << Pad("IF", 6) << Pad("STATE", 12) << Pad("PEER", 28) << Pad("CAPACITY", 10) << Pad("OUT Mbit/s", 12)
      << Pad("IN Mbit/s", 11) << Pad("UTIL", 7) << Pad("LOSS OUT/IN %", 15) << "QUEUE ms\n";
  for (std::size_t i = 0; i < ifs.size(); ++i) {
    if (interface > 0 && static_cast<int>(i) + 1 != interface) continue;
    const LinkId id = ifs[i];
    const Link& link = twin.GetLink(id);
    const bool atA = link.a == node;
    const NodeId peer = atA ? link.b : link.a;
    const LinkLoad load = network.LinkState(id);
    std::string state = network.LinkDark(id) ? "down" : !twin.IsActive(id) ? (link.role == LinkRole::Backup ? "standby" : "admin-down")
                        : link.state.status == Status::Degraded ? "degraded"
                                                                  : "up";
    const double outMbps = atA ? load.aToBMbps : load.bToAMbps;
    const double inMbps = atA ? load.bToAMbps : load.aToBMbps;
    const double lossOut = atA ? load.lossAtoBPct : load.lossBtoAPct;
    const double lossIn = atA ? load.lossBtoAPct : load.lossAtoBPct;
    const double queue = atA ? load.queueAtoBMs : load.queueBtoAMs;
    out << Pad("if" + std::to_string(i + 1), 6) << Pad(state, 12) << Pad(twin.GetNode(peer).id, 28)
        << Pad(FormatCapacity(link.capacityMbps * link.state.capacityFactor), 10) << Pad(Fixed(outMbps, 1), 12)
        << Pad(Fixed(inMbps, 1), 11) << Pad(Fixed(100.0 * load.utilisation, 0) + "%", 7)
        << Pad(Fixed(lossOut, 1) + "/" + Fixed(lossIn, 1), 15) << Fixed(queue, 2) << "   " << link.id << '\n';
  }
  return out.str();
}

std::string RouteReport(const NetworkModel& network, NodeId node, const std::string& destination, const NameIndex& names,
                        std::string& error) {
  const Twin& twin = network.Twin();
  const AddressPlan& plan = network.Plan();
  const RoutingTables& routes = network.Routes();
  auto line = [&](const std::string& prefix, NodeId toward, const std::string& note) {
    std::string text = Pad(prefix, 20);
    for (const auto& [at, area] : routes.Blackholes()) {
      if (at == node && area == plan.AreaOf(toward)) return text + "is directly connected, Null0 (static)" + note + "\n";
    }
    const std::uint32_t l = routes.NextLink(node, toward);
    if (l == RoutingTables::kNoRoute) return text + "no route" + note + "\n";
    const Link& link = twin.GetLink(LinkId(l));
    const bool atA = link.a == node;
    const std::string via = FormatIpv4(plan.InterfaceAddress(LinkId(l), !atA));
    return text + "via " + Pad(via, 16) + Pad(InterfaceName(twin, node, LinkId(l)), 6) + (atA ? twin.GetNode(link.b).id : twin.GetNode(link.a).id) + note + "\n";
  };
  std::ostringstream out;
  if (!destination.empty()) {
    NodeId target;
    unsigned a = 0, b = 0, c = 0, d = 0;
    char tail = 0;
    if (std::sscanf(destination.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a < 256 && b < 256 &&
        c < 256 && d < 256) {
      const Ipv4 address = (a << 24) | (b << 16) | (c << 8) | d;
      const auto owner = plan.NodeOfAddress(address);
      if (!owner) {
        error = destination + " is in no block of the address plan";
        return {};
      }
      target = *owner;
    } else if (NodeId n = twin.FindNode(destination); n.IsValid()) {
      target = n;
    } else {
      const SiteMatch m = names.Find(destination);
      if (!m.IsUnique()) {
        error = m.sites.empty() ? "no site, router or address \"" + destination + "\""
                                : "\"" + destination + "\" names several sites: give the id";
        return {};
      }
      target = twin.FirstNode(m.sites.front());
    }
    const bool sameArea = plan.AreaOf(target) == plan.AreaOf(node);
    const std::string prefix = sameArea ? FormatIpv4(plan.Loopback(target)) + "/32"
                                        : FormatPrefix(plan.AreaPrefix(plan.AreaOf(target)));
    out << "Routing entry of " << NodeLabel(twin, node) << " for " << destination << '\n'
        << line(prefix, target, "  [" + twin.GetNode(target).id + "]");
    return out.str();
  }
  out << "Routes of " << NodeLabel(twin, node) << " (area " << plan.AreaName(plan.AreaOf(node)) << ")\n";
  for (NodeId other : plan.AreaNodes(plan.AreaOf(node))) {
    if (other == node) continue;
    out << line(FormatIpv4(plan.Loopback(other)) + "/32", other, "  [" + twin.GetNode(other).id + "]");
  }
  for (std::uint32_t area = 0; area < plan.AreaCount(); ++area) {
    if (area == plan.AreaOf(node) || plan.AreaNodes(area).empty()) continue;
    out << line(FormatPrefix(plan.AreaPrefix(area)), plan.AreaNodes(area).front(), "  [area " + plan.AreaName(area) + "]");
  }
  return out.str();
}

std::string TeamsReport(const std::vector<twin::FieldTeam>& teams, const Twin& twin, const std::string& province,
                        double now) {
  std::ostringstream out;
  int shown = 0;
  out << "PROVINCE              TEAM  STATE       JOB\n";
  for (const twin::FieldTeam& t : teams) {
    if (!province.empty() && t.province != province) continue;
    const SiteId site = twin.FindSite(t.province);
    const std::string name = site.IsValid() ? twin.GetSite(site).name : t.province;
    std::string state = !t.available ? "off duty" : t.doneS > now + 1e-9 ? (t.arriveS > now + 1e-9 ? "travelling" : "repairing")
                                                                        : "idle";
    // Padded by characters, not bytes: "Hà Nội" is 6 wide and 9 bytes long.
    const auto width = static_cast<int>(std::count_if(name.begin(), name.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
    out << name << std::string(static_cast<std::size_t>(std::max(1, 22 - width)), ' ') << std::left << std::setw(6)
        << t.number << std::setw(12) << state;
    if (!t.link.empty() && t.doneS > now + 1e-9) {
      out << t.link << ": on site " << FormatClock(t.arriveS) << ", repaired by " << FormatClock(t.doneS);
    } else if (!t.link.empty()) {
      out << "last: " << t.link << " (done " << FormatClock(t.doneS) << ")";
    }
    out << '\n';
    ++shown;
  }
  if (shown == 0) return province.empty() ? "No field team.\n" : "No field team in " + province + ".\n";
  return out.str();
}

std::string AlarmsReport(const AlarmList& alarms, const Twin& twin, Seat seat) {
  std::ostringstream out;
  auto seen = [&](const Alarm& a) { return SeatSeesAlarm(seat, a, twin); };
  std::vector<const Alarm*> roots;
  for (const Alarm* root : alarms.ActiveRoots()) {
    if (seen(*root)) roots.push_back(root);
  }
  std::size_t active = 0;
  for (const Alarm& a : alarms.Alarms()) active += a.Active() && seen(a);
  const std::string view = seat == Seat::None ? "" : std::string(" in the view of ") + SeatName(seat) + " (show alarms all: every one)";
  if (active == 0) return "No active alarm" + view + ".\n";
  out << active << " active alarms, " << roots.size() << " root causes" << view << "\n"
      << Pad("ID", 7) << Pad("SEVERITY", 10) << Pad("RAISED", 9) << Pad("STATE", 9) << Pad("TYPE", 20) << "RESOURCE\n";
  auto row = [&](const Alarm& a, const std::string& indent) {
    out << Pad(indent + a.id, 7) << Pad(SeverityName(a.severity), 10) << Pad(FormatClock(a.raisedAt), 9)
        << Pad(OperatorStateName(a.operatorState), 9) << Pad(a.type, 20) << a.resource << "  " << a.text << '\n';
  };
  for (const Alarm* root : roots) {
    row(*root, "");
    if (!root->impacted.empty()) {
      out << "         " << root->impacted.size() << " impacted:";
      std::size_t shown = 0;
      for (const std::string& id : root->impacted) {
        if (shown++ == 12) {
          out << " ...";
          break;
        }
        const Alarm* a = alarms.Find(id);
        out << ' ' << id << (a != nullptr ? " " + a->resource : "");
      }
      out << '\n';
    }
  }
  return out.str();
}

std::string ConferenceReport(const NetworkModel& network, SiteId province) {
  const Twin& twin = network.Twin();
  const auto bySite = network.ConferenceBySite();
  if (bySite.empty()) return "No conference is running.\n";
  std::ostringstream out;
  const ConferenceKpi k = network.Conference();
  out << "Conference: " << k.endpoints << " endpoints, " << k.good << " good, " << k.degraded << " degraded, "
      << k.lost << " lost\n";
  if (province.IsValid()) {
    const std::string& code = twin.GetSite(province).provinceCode;
    out << Pad("SITE", 40) << Pad("GOOD", 6) << Pad("DEGRADED", 10) << "LOST\n";
    for (std::uint32_t s = 0; s < bySite.size(); ++s) {
      const auto& c = bySite[s];
      if (c[0] + c[1] + c[2] == 0 || twin.GetSite(SiteId(s)).provinceCode != code) continue;
      out << Pad(twin.GetSite(SiteId(s)).name + " (" + twin.GetSite(SiteId(s)).id + ")", 40) << Pad(std::to_string(c[0]), 6)
          << Pad(std::to_string(c[1]), 10) << c[2] << '\n';
    }
    return out.str();
  }
  std::map<std::string, std::array<int, 3>> byProvince;
  for (std::uint32_t s = 0; s < bySite.size(); ++s) {
    auto& p = byProvince[twin.GetSite(SiteId(s)).provinceCode];
    for (int c = 0; c < 3; ++c) p[static_cast<std::size_t>(c)] += bySite[s][static_cast<std::size_t>(c)];
  }
  out << Pad("PROVINCE", 30) << Pad("GOOD", 7) << Pad("DEGRADED", 10) << "LOST\n";
  for (const auto& [code, c] : byProvince) {
    if (c[0] + c[1] + c[2] == 0) continue;
    const SiteId p = twin.FindSite("province:" + code);
    out << Pad(code.empty() ? "(central)" : p.IsValid() ? twin.GetSite(p).name : code, 30) << Pad(std::to_string(c[0]), 7)
        << Pad(std::to_string(c[1]), 10) << c[2] << '\n';
  }
  return out.str();
}

}  // namespace netdrill::session
