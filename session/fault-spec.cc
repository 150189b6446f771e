#include "session/fault-spec.h"

#include "session/network-model.h"

#include "twin/name-index.h"
#include "twin/units.h"

#include <algorithm>

namespace netdrill::session {

using namespace netdrill::twin;

const std::vector<FaultActionInfo>& FaultActions() {
  using A = FaultAction;
  using T = FaultTarget;
  static const std::vector<FaultActionInfo> table{
      {"cut", A::Cut, T::Links, false},
      {"repair", A::Repair, T::Links, false},
      {"down", A::Down, T::Nodes, false},
      {"up", A::Up, T::Nodes, false},
      {"mcu-fail", A::McuFail, T::Site, false},
      {"mcu-restore", A::McuRestore, T::Site, true},
      {"enable", A::Enable, T::Links, true},
      {"disable", A::Disable, T::Links, true},
      {"cost", A::Cost, T::Links, true},
      {"degrade", A::Degrade, T::Links, false},
      {"power-loss", A::PowerLoss, T::Site, false},
      {"power-restore", A::PowerRestore, T::Site, false},
      {"dispatch", A::Dispatch, T::Links, true},
      {"ddos", A::Ddos, T::Site, false},
      {"botnet", A::Botnet, T::Site, false},
      {"rate-limit", A::RateLimit, T::Site, true},
      {"filter", A::Filter, T::Site, true},
      {"blackhole", A::Blackhole, T::Nodes, false},
      {"withdraw-blackhole", A::WithdrawBlackhole, T::Nodes, true},
      {"leak", A::Leak, T::Nodes, false},
      {"withdraw-leak", A::WithdrawLeak, T::Nodes, true},
      {"linecard", A::LineCard, T::Nodes, false},
      {"linecard-repair", A::LineCardRepair, T::Nodes, false},
      {"move-branch", A::MoveBranch, T::Site, true},
      {"restore-branch", A::RestoreBranch, T::Site, true},
      {"lower-video", A::LowerVideo, T::Conference, true},
      {"restore-video", A::RestoreVideo, T::Conference, true},
      {"compromise", A::Compromise, T::Site, false},
      {"isolate", A::Isolate, T::Site, true},
      {"staff", A::Staff, T::Site, false},
      {"generator-fail", A::GeneratorFail, T::Site, false},
      {"restart-generator", A::GeneratorRestart, T::Site, true},
      {"storm", A::Storm, T::Track, false},
      {"flap", A::Flap, T::Links, false},
      {"noise", A::Noise, T::Network, false},
      {"works", A::Works, T::Links, false},
      {"vrf-leak", A::VrfLeak, T::Nodes, false},
      {"withdraw-vrf-leak", A::WithdrawVrfLeak, T::Nodes, true},
      {"intrusion", A::Intrusion, T::Nodes, false},
      {"lock-mgmt", A::LockManagement, T::Nodes, true},
      {"priority", A::Priority, T::Site, true},
      {"priority-off", A::PriorityOff, T::Site, true},
  };
  return table;
}

const FaultActionInfo& InfoOf(FaultAction action) {
  for (const FaultActionInfo& i : FaultActions()) {
    if (i.action == action) return i;
  }
  return FaultActions().front();  // unreachable: every action has its row
}

std::string_view FaultActionName(FaultAction action) { return InfoOf(action).name; }

std::string FormatFault(const FaultWords& w) {
  std::string text = w.action + ":" + w.element;
  if (!w.params.empty()) {
    text += "[";
    for (std::size_t i = 0; i < w.params.size(); ++i) text += (i ? "," : "") + w.params[i].first + "=" + w.params[i].second;
    text += "]";
  }
  if (!w.when.empty()) text += "@" + w.when;
  return text;
}

namespace {

// The name index is built on first need, unless the caller has one.
class LazyNames {
public:
  LazyNames(const Twin& twin, const NameIndex* shared) : m_twin(twin), m_shared(shared) {}
  const NameIndex& Get() {
    if (m_shared != nullptr) return *m_shared;
    if (!m_own) m_own.emplace(m_twin);
    return *m_own;
  }

private:
  const Twin& m_twin;
  const NameIndex* m_shared;
  std::optional<NameIndex> m_own;
};

}  // namespace

std::optional<FaultWords> SplitFaultText(const std::string& text, bool timed, const std::string& where,
                                         Diagnostics& diags) {
  const auto colon = text.find(':');
  const auto at = timed ? text.rfind('@') : text.size();
  if (colon == std::string::npos || at == std::string::npos || at < colon) {
    diags.Error("bad-fault", "", {}, where,
                timed ? "a fault is ACTION:ELEMENT@TIME, e.g. cut:route:02-primary@30s"
                      : "a fault is ACTION:ELEMENT, e.g. cut:route:02-primary");
    return std::nullopt;
  }
  FaultWords w;
  w.action = text.substr(0, colon);
  w.element = text.substr(colon + 1, at - colon - 1);
  if (timed) w.when = text.substr(at + 1);
  // Parameters in brackets before the time: [key=value,...].
  if (w.element.find('[') == std::string::npos && w.element.find(']') == std::string::npos) return w;
  const auto open = w.element.rfind('[');
  bool ok = open != std::string::npos && w.element.back() == ']';
  if (ok) {
    const std::string list = w.element.substr(open + 1, w.element.size() - open - 2);
    w.element = w.element.substr(0, open);
    for (std::size_t start = 0; start < list.size();) {
      const std::size_t end = std::min(list.find(',', start), list.size());
      const std::string item = list.substr(start, end - start);
      const auto eq = item.find('=');
      if (eq == std::string::npos) {
        ok = false;
      } else {
        w.params.emplace_back(item.substr(0, eq), item.substr(eq + 1));
      }
      start = end + 1;
    }
  }
  if (!ok) {
    diags.Error("bad-fault", "", {}, where, "parameters are written [key=value,...] before the @");
    return std::nullopt;
  }
  return w;
}

namespace {

std::optional<FaultAction> ActionNamed(const std::string& action, const std::string& where, Diagnostics& diags) {
  std::vector<std::string> names;
  for (const FaultActionInfo& i : FaultActions()) {
    if (i.name == action) return i.action;
    names.emplace_back(i.name);
  }
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  diags.Error("bad-fault", "", {}, where, "unknown action \"" + action + "\" (" + all + ")", SuggestHint(action, names));
  return std::nullopt;
}

bool IsMisroute(FaultAction a) {
  return a == FaultAction::Blackhole || a == FaultAction::WithdrawBlackhole || a == FaultAction::Leak ||
         a == FaultAction::WithdrawLeak || a == FaultAction::MoveBranch || a == FaultAction::Compromise;
}

bool IsLineCard(FaultAction a) { return a == FaultAction::LineCard || a == FaultAction::LineCardRepair; }

struct LineCardPorts {
  int card = 0;
  int ports = 8;
};

// The parameters each action takes, and their defaults (the attacks' from docs/assumptions.md).
bool ApplyParams(FaultSpec& f, const FaultWords& w, LineCardPorts& lc, LazyNames& names, const std::string& where,
                 Diagnostics& diags) {
  if (f.action == FaultAction::Ddos) f.value = 10000.0;
  if (f.action == FaultAction::Compromise) f.value = 100.0;
  if (f.action == FaultAction::Botnet) {
    f.hosts = 1000;
    f.value = 5.0;
  }
  bool ok = true;
  for (const auto& [key, value] : w.params) {
    if (f.action == FaultAction::Works && key == "for") {
      const auto lasts = ParseDurationSeconds(value);
      if (!lasts || *lasts <= 0) {
        diags.Error("bad-fault", "", {}, where, "works last for a duration like 30m or 2h, not \"" + value + "\"");
        ok = false;
      } else {
        f.forS = *lasts;
      }
      continue;
    }
    if (IsMisroute(f.action) && key == "to") {
      const SiteMatch m = names.Get().Find(value);
      if (!m.IsUnique()) {
        diags.Error("unknown-element", "", {}, where,
                    m.sites.empty() ? "no site \"" + value + "\"" : "\"" + value + "\" names several sites");
        ok = false;
      } else {
        f.to = m.sites.front();
      }
      continue;
    }
    const auto number = ParseNumber(value);
    const bool rate = f.action == FaultAction::Ddos || f.action == FaultAction::Botnet ||
                      f.action == FaultAction::RateLimit || f.action == FaultAction::Compromise;
    if (IsLineCard(f.action) && (key == "card" || key == "ports") && number && *number >= (key == "ports" ? 1 : 0)) {
      (key == "card" ? lc.card : lc.ports) = static_cast<int>(*number);
      continue;
    }
    const bool allowed = (f.action == FaultAction::Cost && key == "value") ||
                         (f.action == FaultAction::Degrade && (key == "loss" || key == "delay" || key == "cap")) ||
                         (rate && key == "mbps") || (f.action == FaultAction::Botnet && key == "hosts") ||
                         (f.action == FaultAction::Staff && key == "teams") ||
                         (f.action == FaultAction::Storm && (key == "radius_km" || key == "hours_per_province")) ||
                         (f.action == FaultAction::Flap && (key == "period" || key == "down")) ||
                         (f.action == FaultAction::Noise && key == "rate");
    if (!allowed || !number || *number < 0 || (key == "cap" && *number > 1) || (key == "loss" && *number > 100)) {
      diags.Error("bad-fault", "", {}, where,
                  "parameter \"" + key + "=" + value + "\" is not one " + w.action +
                      " takes (cost: value=N; degrade: loss=0..100, delay=MS, cap=0..1; ddos, rate-limit: "
                      "mbps=N; botnet: hosts=N, mbps=N; blackhole, leak, move-branch: to=SITE; compromise: to=SITE, mbps=N; "
                      "linecard: card=K, ports=N; staff: teams=N; storm: radius_km=R, hours_per_province=H; "
                      "flap: period=S, down=S; noise: rate=N; works: for=DURATION)");
      ok = false;
      continue;
    }
    if (key == "value" || key == "mbps") f.value = *number;
    if (key == "hosts") f.hosts = static_cast<int>(*number);
    if (key == "teams") f.teams = static_cast<int>(*number);
    if (key == "loss") f.lossPct = *number;
    if (key == "delay") f.extraDelayMs = *number;
    if (key == "cap") f.capacityFactor = *number;
    if (key == "radius_km") f.radiusKm = *number;
    if (key == "hours_per_province") f.hoursPerProvince = *number;
    if (key == "period") f.periodS = *number;
    if (key == "down") f.downS = *number;
    if (key == "rate") f.perHour = *number;
  }
  if (f.action == FaultAction::Flap && (f.periodS <= 0 || f.downS <= 0 || f.downS >= f.periodS)) {
    diags.Error("bad-fault", "", {}, where, "a flap needs 0 < down < period (seconds)");
    return false;
  }
  if (f.action == FaultAction::Storm && (f.radiusKm <= 0 || f.hoursPerProvince <= 0)) {
    diags.Error("bad-fault", "", {}, where, "a storm needs radius_km > 0 and hours_per_province > 0");
    return false;
  }
  if (!ok) return false;
  if (IsMisroute(f.action) && !f.to.IsValid()) {
    diags.Error("bad-fault", "", {}, where,
                w.action + (f.action == FaultAction::MoveBranch   ? " needs [to=SITE]: the site whose MCU takes the branch"
                            : f.action == FaultAction::Compromise ? " needs [to=SITE]: the site the malware floods"
                                                                  : " needs [to=SITE]: the site whose block is misrouted"));
    return false;
  }
  if ((f.action == FaultAction::Cost || f.action == FaultAction::RateLimit) && w.params.empty()) {
    diags.Error("bad-fault", "", {}, where,
                w.action + (f.action == FaultAction::Cost ? " needs [value=N] (0 restores the implied cost)"
                                                          : " needs [mbps=N]"));
    return false;
  }
  return true;
}

bool ResolveTime(FaultSpec& f, const std::string& when, double durationS, const std::string& where, Diagnostics& diags) {
  const auto t = ParseDurationSeconds(when);
  if (!t) {
    diags.Error("bad-fault", "", {}, where, "\"" + when + "\" is not a time like 30s, 5m or 1h30m");
    return false;
  }
  if (*t < 0) {
    diags.Error("bad-fault", "", {}, where, "the time is before the start of the run");
    return false;
  }
  if (*t > durationS) {
    diags.Error("bad-fault", "", {}, where, "at " + when + ", after the end of the run (" + FormatNumber(durationS) + " s)");
    return false;
  }
  f.atS = *t;
  return true;
}

bool ResolveLinks(FaultSpec& f, const std::string& element, const Twin& twin, const std::string& where,
                  Diagnostics& diags) {
  if (LinkId l = twin.FindLink(element); l.IsValid()) {
    f.links = {l};
    return true;
  }
  const bool groupAllowed = f.action == FaultAction::Cut || f.action == FaultAction::Repair ||
                            f.action == FaultAction::Dispatch || f.action == FaultAction::Works;
  if (SrgId g = twin.FindSrg(element); g.IsValid()) {
    if (groupAllowed) {
      f.links = twin.SrgLinks(g);
      return true;
    }
    diags.Error("bad-fault", "", {}, where,
                "\"" + element + "\" is a shared-risk group: " + std::string(FaultActionName(f.action)) +
                    " takes one of its links (cut, repair, dispatch and works take a whole group)");
    return false;
  }
  std::vector<std::string> ids;
  for (const Link& each : twin.Links()) ids.push_back(each.id);
  for (const Srg& g2 : twin.Srgs()) ids.push_back(g2.id);
  const bool isNode = twin.FindNode(element).IsValid() || twin.FindSite(element).IsValid();
  diags.Error("unknown-element", "", {}, where,
              "no link or shared-risk group \"" + element + "\"" +
                  (isNode ? " (that is a router: use down:" + element + ")" : ""),
              isNode ? "" : SuggestHint(element, ids));
  return false;
}

bool ResolveSite(FaultSpec& f, const std::string& element, const Twin& twin, LazyNames& names,
                 const std::string& where, Diagnostics& diags) {
  const SiteMatch m = names.Get().Find(element);
  const bool needsMcu = f.action == FaultAction::McuFail || f.action == FaultAction::McuRestore ||
                        f.action == FaultAction::MoveBranch || f.action == FaultAction::RestoreBranch;
  if (!m.IsUnique() || (needsMcu && !twin.HasMcu(m.sites.front()))) {
    diags.Error("unknown-element", "", {}, where,
                m.sites.empty()   ? "no site \"" + element + "\""
                : m.IsAmbiguous() ? "\"" + element + "\" names several sites"
                                  : "site \"" + element + "\" has no MCU");
    return false;
  }
  f.site = m.sites.front();
  return true;
}

bool ResolveNodes(FaultSpec& f, const std::string& element, const Twin& twin, LazyNames& names,
                  const std::string& where, Diagnostics& diags) {
  if (NodeId n = twin.FindNode(element); n.IsValid()) {
    f.nodes = {n};
    return true;
  }
  const SiteMatch m = names.Get().Find(element);
  if (m.IsUnique()) {
    f.nodes = twin.GetSite(m.sites.front()).nodes;
    return true;
  }
  if (m.IsAmbiguous()) {
    std::string candidates;
    for (SiteId s : m.sites) candidates += (candidates.empty() ? "" : "; ") + names.Get().QualifiedName(s);
    diags.Error("ambiguous-element", "", {}, where, "\"" + element + "\" names several sites: " + candidates);
    return false;
  }
  std::vector<std::string> ids;
  for (const Node& n2 : twin.Nodes()) ids.push_back(n2.id);
  diags.Error("unknown-element", "", {}, where, "no router or site \"" + element + "\"", SuggestHint(element, ids));
  return false;
}

// A storm's path: sites (provinces, by id, code or name) separated by '>', each with a position.
bool ResolveTrack(FaultSpec& f, const std::string& element, const Twin& twin, LazyNames& names,
                  const std::string& where, Diagnostics& diags) {
  bool ok = true;
  for (std::size_t start = 0; start <= element.size();) {
    const std::size_t end = std::min(element.find('>', start), element.size());
    const std::string place = element.substr(start, end - start);
    const SiteMatch m = names.Get().Find(place);
    if (!m.IsUnique()) {
      diags.Error("unknown-element", "", {}, where,
                  m.sites.empty() ? "no site \"" + place + "\" on the storm's path (P1>P2>...)"
                                  : "\"" + place + "\" names several sites");
      ok = false;
    } else if (!twin.GetSite(m.sites.front()).position) {
      diags.Error("bad-fault", "", {}, where, "site \"" + place + "\" has no position: a storm cannot pass it");
      ok = false;
    } else {
      f.track.push_back(m.sites.front());
    }
    start = end + 1;
  }
  return ok;
}

// The card's ports: the router's links in their order in the twin.
bool ResolveLineCard(FaultSpec& f, const LineCardPorts& lc, const Twin& twin, const std::string& where,
                     Diagnostics& diags) {
  if (f.nodes.size() != 1) {
    diags.Error("bad-fault", "", {}, where, "a line card belongs to one router: name the router");
    return false;
  }
  std::vector<LinkId> mine;
  for (std::uint32_t k = 0; k < twin.Links().size(); ++k) {
    const Link& l = twin.GetLink(LinkId(k));
    if (l.a == f.nodes.front() || l.b == f.nodes.front()) mine.push_back(LinkId(k));
  }
  for (int p = lc.card * lc.ports; p < (lc.card + 1) * lc.ports && p < static_cast<int>(mine.size()); ++p) {
    f.links.push_back(mine[static_cast<std::size_t>(p)]);
  }
  if (f.links.empty()) {
    diags.Error("bad-fault", "", {}, where,
                "the router has " + std::to_string(mine.size()) + " links: no card " + std::to_string(lc.card) + " of " +
                    std::to_string(lc.ports) + " ports");
    return false;
  }
  return true;
}

std::optional<FaultSpec> Resolve(const FaultWords& w, bool timed, const Twin& twin, LazyNames& names,
                                 const std::string& where, double durationS, Diagnostics& diags) {
  const auto action = ActionNamed(w.action, where, diags);
  if (!action) return std::nullopt;
  FaultSpec f;
  f.action = *action;
  f.text = FormatFault(w);
  LineCardPorts lc;
  if (!ApplyParams(f, w, lc, names, where, diags)) return std::nullopt;
  if (timed && !ResolveTime(f, w.when, durationS, where, diags)) return std::nullopt;
  bool ok = true;
  switch (InfoOf(f.action).target) {
    case FaultTarget::Conference:
      if (w.element != "conference") {
        diags.Error("bad-fault", "", {}, where,
                    w.action + " applies to the whole conference: " + w.action + ":conference@TIME");
        return std::nullopt;
      }
      return f;
    case FaultTarget::Links:
      ok = ResolveLinks(f, w.element, twin, where, diags);
      break;
    case FaultTarget::Site:
      ok = ResolveSite(f, w.element, twin, names, where, diags);
      break;
    case FaultTarget::Nodes:
      ok = ResolveNodes(f, w.element, twin, names, where, diags);
      break;
    case FaultTarget::Track:
      ok = ResolveTrack(f, w.element, twin, names, where, diags);
      break;
    case FaultTarget::Network:
      if (w.element != "network") {
        diags.Error("bad-fault", "", {}, where, w.action + " applies to the whole network: " + w.action + ":network");
        return std::nullopt;
      }
      return f;
  }
  if (ok && IsLineCard(f.action)) ok = ResolveLineCard(f, lc, twin, where, diags);
  if (!ok) return std::nullopt;
  return f;
}

}  // namespace

std::optional<FaultSpec> ResolveFault(const FaultWords& words, const Twin& twin, const NameIndex& names,
                                      const std::string& where, double durationS, Diagnostics& diags) {
  LazyNames lazy(twin, &names);
  return Resolve(words, !words.when.empty(), twin, lazy, where, durationS, diags);
}

std::optional<std::vector<FaultSpec>> ParseFaults(const std::vector<std::string>& specs, const Twin& twin,
                                                  double durationS, Diagnostics& diags) {
  std::vector<FaultSpec> out;
  const int before = diags.ErrorCount();
  LazyNames names(twin, nullptr);
  for (const std::string& text : specs) {
    const std::string where = "--fault " + text;
    const auto words = SplitFaultText(text, true, where, diags);
    if (!words) continue;
    auto f = Resolve(*words, true, twin, names, where, durationS, diags);
    if (!f) continue;
    if (f->action == FaultAction::Flap || f->action == FaultAction::Noise || f->action == FaultAction::VrfLeak ||
        f->action == FaultAction::Intrusion) {
      diags.Error("bad-fault", "", {}, where,
                  words->action + " is noise a live session makes (netdrill session, drills), not a sim --fault");
      continue;
    }
    f->text = text;
    out.push_back(std::move(*f));
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return out;
}

std::optional<FaultSpec> ParseFaultNow(const std::string& text, const Twin& twin, Diagnostics& diags,
                                       const NameIndex* names) {
  const auto words = SplitFaultText(text, false, text, diags);
  if (!words) return std::nullopt;
  LazyNames lazy(twin, names);
  auto f = Resolve(*words, false, twin, lazy, text, 0.0, diags);
  if (f) f->text = text;
  return f;
}

bool NothingToRestore(const NetworkModel& network, const FaultSpec& f) {
  const Twin& twin = network.Twin();
  auto has = [](const std::vector<SiteId>& sites, SiteId s) { return std::find(sites.begin(), sites.end(), s) != sites.end(); };
  auto misrouted = [&](const std::vector<std::pair<NodeId, std::uint32_t>>& in) {
    const std::uint32_t area = network.Plan().AreaOf(twin.FirstNode(f.to));
    for (NodeId n : f.nodes) {
      if (std::find(in.begin(), in.end(), std::make_pair(n, area)) != in.end()) return false;
    }
    return true;
  };
  auto everyLink = [&](auto blind) { return !f.links.empty() && std::all_of(f.links.begin(), f.links.end(), blind); };
  switch (f.action) {
    case FaultAction::WithdrawBlackhole:
      return misrouted(network.Routes().Blackholes());
    case FaultAction::WithdrawLeak:
      return misrouted(network.Routes().Leaks());
    case FaultAction::Filter:
    case FaultAction::RateLimit:
      return !has(network.AttackTargets(), f.site);
    case FaultAction::Isolate:
      return !has(network.AttackSources(), f.site);
    case FaultAction::McuRestore:
      return !has(network.FailedMcus(), f.site);
    case FaultAction::Priority:
      return has(network.PrioritySites(), f.site);
    case FaultAction::PriorityOff:
      return !has(network.PrioritySites(), f.site);
    case FaultAction::GeneratorRestart:
      return !network.Power().GeneratorFailed(f.site) || !network.Power().MainsLost(f.site);
    case FaultAction::Dispatch:
      return everyLink([&](LinkId l) { return !network.LinkDark(l); });
    case FaultAction::Enable:
      return everyLink([&](LinkId l) { return twin.IsEnabled(l); });
    case FaultAction::Disable:
      return everyLink([&](LinkId l) { return !twin.IsEnabled(l); });
    case FaultAction::Cost:
      return f.value <= 0 && everyLink([&](LinkId l) { return twin.GetLink(l).cost == network.DesignedCost(l); });
    default:
      return false;
  }
}

twin::StormHits StormOf(const Twin& twin, const FaultSpec& f) {
  twin::StormTrack track;
  for (SiteId s : f.track) track.eye.push_back(*twin.GetSite(s).position);
  track.radiusKm = f.radiusKm;
  track.hoursPerProvince = f.hoursPerProvince;
  return twin::StormFootprint(twin, track);
}

namespace {

// What the storm hits, each at the time its eye first comes near: groups cut, mains lost.
void StartStorm(NetworkModel& network, const FaultSpec& f) {
  const Twin& twin = network.Twin();
  const twin::StormHits hits = StormOf(twin, f);
  const double now = network.Now();
  for (const auto& [at, group] : hits.groups) {
    const std::vector<LinkId> links = twin.SrgLinks(group);
    network.ScheduleAt(now + at, [&network, links]() { network.SetLinksUp(links, false); });
  }
  for (const auto& [at, site] : hits.sites) {
    network.ScheduleAt(now + at, [&network, site = site]() { network.SetPowerLost(site, true); });
  }
}

}  // namespace

void ApplyFault(NetworkModel& network, const FaultSpec& f) {
  switch (f.action) {
    case FaultAction::Cut:
    case FaultAction::Repair:
      network.SetLinksUp(f.links, f.action == FaultAction::Repair);
      break;
    case FaultAction::Down:
    case FaultAction::Up:
      for (NodeId n : f.nodes) network.SetNodeUp(n, f.action == FaultAction::Up);
      break;
    case FaultAction::McuFail:
    case FaultAction::McuRestore:
      network.SetMcuFailed(f.site, f.action == FaultAction::McuFail);
      break;
    case FaultAction::Enable:
    case FaultAction::Disable:
      for (LinkId l : f.links) network.SetLinkEnabled(l, f.action == FaultAction::Enable);
      break;
    case FaultAction::Cost:
      for (LinkId l : f.links) network.SetLinkCost(l, f.value);
      break;
    case FaultAction::Degrade:
      for (LinkId l : f.links) network.SetLinkDegraded(l, f.lossPct, f.extraDelayMs, f.capacityFactor);
      break;
    case FaultAction::PowerLoss:
    case FaultAction::PowerRestore:
      network.SetPowerLost(f.site, f.action == FaultAction::PowerLoss);
      break;
    case FaultAction::Dispatch:
      for (LinkId l : f.links) network.DispatchRepair(l);
      break;
    case FaultAction::Ddos:
      network.StartAttack(f.site, f.value, 0);
      break;
    case FaultAction::Botnet:
      network.StartAttack(f.site, f.value, f.hosts);
      break;
    case FaultAction::RateLimit:
      network.LimitAttacks(f.site, f.value);
      break;
    case FaultAction::Filter:
      network.LimitAttacks(f.site, 0.0);
      break;
    case FaultAction::Blackhole:
    case FaultAction::WithdrawBlackhole:
      for (NodeId n : f.nodes) network.SetBlackhole(n, f.to, f.action == FaultAction::Blackhole);
      break;
    case FaultAction::Leak:
    case FaultAction::WithdrawLeak:
      for (NodeId n : f.nodes) network.SetRouteLeak(n, f.to, f.action == FaultAction::Leak);
      break;
    case FaultAction::LineCard:
    case FaultAction::LineCardRepair:
      network.SetLinksUp(f.links, f.action == FaultAction::LineCardRepair);
      break;
    case FaultAction::MoveBranch:
      network.MoveConferenceBranch(f.site, f.to);
      break;
    case FaultAction::RestoreBranch:
      network.MoveConferenceBranch(f.site, SiteId());
      break;
    case FaultAction::Compromise:
      network.CompromiseHost(f.site, f.to, f.value);
      break;
    case FaultAction::Isolate:
      network.IsolateHost(f.site);
      break;
    case FaultAction::LowerVideo:
    case FaultAction::RestoreVideo:
      network.SetConferenceMedia(f.action == FaultAction::LowerVideo ? "sd" : "");
      break;
    case FaultAction::Staff:
      network.SetTeamsOnDuty(network.Twin().GetSite(f.site).id, f.teams);
      break;
    case FaultAction::GeneratorFail:
      network.FailGenerator(f.site);
      break;
    case FaultAction::GeneratorRestart:
      network.DispatchGeneratorRestart(f.site);
      break;
    case FaultAction::Storm:
      StartStorm(network, f);
      break;
    case FaultAction::Works: {
      // Planned works: the links out now, back when the works end (announced beforehand by the drill).
      network.SetLinksUp(f.links, false);
      const std::vector<LinkId> links = f.links;
      network.ScheduleAt(network.Now() + f.forS, [&network, links]() { network.SetLinksUp(links, true); });
      break;
    }
    case FaultAction::Priority:
    case FaultAction::PriorityOff:
      network.SetConferencePriority(f.site, f.action == FaultAction::Priority);
      break;
    case FaultAction::Flap:
    case FaultAction::Noise:
    case FaultAction::VrfLeak:
    case FaultAction::WithdrawVrfLeak:
    case FaultAction::Intrusion:
    case FaultAction::LockManagement:
      break;  // the session carries them out (session/noise.h, session/security.h): they need its state
  }
}

}  // namespace netdrill::session
