#include "session/fault-spec.h"

#include "session/network-model.h"

#include "twin/name-index.h"
#include "twin/units.h"

namespace netdrill::session {

using namespace netdrill::twin;

namespace {

std::optional<FaultSpec> ParseOne(const std::string& text, const std::string& where, const Twin& twin,
                                  std::optional<NameIndex>& own, const NameIndex* shared, bool timed, double durationS,
                                  Diagnostics& diags) {
  // The name index is built on first need, unless the caller has one.
  auto siteNames = [&]() -> const NameIndex& {
    if (shared != nullptr) return *shared;
    if (!own) own.emplace(twin);
    return *own;
  };
  const auto colon = text.find(':');
  const auto at = timed ? text.rfind('@') : text.size();
  if (colon == std::string::npos || at == std::string::npos || at < colon) {
    diags.Error("bad-fault", "", {}, where,
                timed ? "a fault is ACTION:ELEMENT@TIME, e.g. cut:route:02-primary@30s"
                      : "a fault is ACTION:ELEMENT, e.g. cut:route:02-primary");
    return std::nullopt;
  }
  FaultSpec f;
  f.text = text;
  const std::string action = text.substr(0, colon);
  std::string element = text.substr(colon + 1, at - colon - 1);
  const std::string when = timed ? text.substr(at + 1) : std::string();
  // Parameters in brackets before the time: [key=value,...].
  std::vector<std::pair<std::string, std::string>> params;
  bool paramsOk = true;
  if (element.find('[') != std::string::npos || element.find(']') != std::string::npos) {
    const auto open = element.rfind('[');
    if (open == std::string::npos || element.back() != ']') {
      paramsOk = false;
    } else {
      const std::string list = element.substr(open + 1, element.size() - open - 2);
      element = element.substr(0, open);
      std::size_t start = 0;
      while (start < list.size()) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        const std::string item = list.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
          paramsOk = false;
        } else {
          params.emplace_back(item.substr(0, eq), item.substr(eq + 1));
        }
        start = end + 1;
      }
    }
  }
  if (!paramsOk) {
    diags.Error("bad-fault", "", {}, where, "parameters are written [key=value,...] before the @");
    return std::nullopt;
  }
  static const std::vector<std::pair<std::string, FaultAction>> kActions{
      {"cut", FaultAction::Cut},           {"repair", FaultAction::Repair},
      {"down", FaultAction::Down},         {"up", FaultAction::Up},
      {"mcu-fail", FaultAction::McuFail},  {"mcu-restore", FaultAction::McuRestore},
      {"enable", FaultAction::Enable},     {"disable", FaultAction::Disable},
      {"cost", FaultAction::Cost},         {"degrade", FaultAction::Degrade},
      {"power-loss", FaultAction::PowerLoss}, {"power-restore", FaultAction::PowerRestore},
      {"dispatch", FaultAction::Dispatch},  {"ddos", FaultAction::Ddos},
      {"botnet", FaultAction::Botnet},      {"rate-limit", FaultAction::RateLimit},
      {"filter", FaultAction::Filter},      {"blackhole", FaultAction::Blackhole},
      {"withdraw-blackhole", FaultAction::WithdrawBlackhole}, {"leak", FaultAction::Leak},
      {"withdraw-leak", FaultAction::WithdrawLeak}, {"linecard", FaultAction::LineCard},
      {"linecard-repair", FaultAction::LineCardRepair}, {"move-branch", FaultAction::MoveBranch},
      {"restore-branch", FaultAction::RestoreBranch}, {"lower-video", FaultAction::LowerVideo},
      {"restore-video", FaultAction::RestoreVideo}, {"compromise", FaultAction::Compromise},
      {"isolate", FaultAction::Isolate}};
  std::vector<std::string> names;
  bool known = false;
  for (const auto& [name, value] : kActions) {
    names.push_back(name);
    if (name == action) {
      f.action = value;
      known = true;
    }
  }
  if (!known) {
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    diags.Error("bad-fault", "", {}, where, "unknown action \"" + action + "\" (" + all + ")",
                SuggestHint(action, names));
    return std::nullopt;
  }
  // Parameters each action takes, and their defaults (domain.md's attacks).
  if (f.action == FaultAction::Ddos) f.value = 10000.0;
  if (f.action == FaultAction::Compromise) f.value = 100.0;
  if (f.action == FaultAction::Botnet) {
    f.hosts = 1000;
    f.value = 5.0;
  }
  int card = 0, ports = 8;
  const bool lineCard = f.action == FaultAction::LineCard || f.action == FaultAction::LineCardRepair;
  bool badParam = false;
  const bool misroute = f.action == FaultAction::Blackhole || f.action == FaultAction::WithdrawBlackhole ||
                        f.action == FaultAction::Leak || f.action == FaultAction::WithdrawLeak ||
                        f.action == FaultAction::MoveBranch || f.action == FaultAction::Compromise;
  for (const auto& [key, value] : params) {
    if (misroute && key == "to") {
            const SiteMatch m = siteNames().Find(value);
      if (!m.IsUnique()) {
        diags.Error("unknown-element", "", {}, where,
                    m.sites.empty() ? "no site \"" + value + "\"" : "\"" + value + "\" names several sites");
        badParam = true;
      } else {
        f.to = m.sites.front();
      }
      continue;
    }
    const auto number = ParseNumber(value);
    const bool rate = f.action == FaultAction::Ddos || f.action == FaultAction::Botnet ||
                      f.action == FaultAction::RateLimit || f.action == FaultAction::Compromise;
    if (lineCard && (key == "card" || key == "ports") && number && *number >= (key == "ports" ? 1 : 0)) {
      (key == "card" ? card : ports) = static_cast<int>(*number);
      continue;
    }
    const bool allowed = (f.action == FaultAction::Cost && key == "value") ||
                         (f.action == FaultAction::Degrade && (key == "loss" || key == "delay" || key == "cap")) ||
                         (rate && key == "mbps") || (f.action == FaultAction::Botnet && key == "hosts");
    if (!allowed || !number || *number < 0 || (key == "cap" && *number > 1) || (key == "loss" && *number > 100)) {
      diags.Error("bad-fault", "", {}, where,
                  "parameter \"" + key + "=" + value + "\" is not one " + action +
                      " takes (cost: value=N; degrade: loss=0..100, delay=MS, cap=0..1; ddos, rate-limit: "
                      "mbps=N; botnet: hosts=N, mbps=N; blackhole, leak, move-branch: to=SITE; compromise: to=SITE, mbps=N; "
                      "linecard: card=K, ports=N)");
      badParam = true;
      continue;
    }
    if (key == "value" || key == "mbps") f.value = *number;
    if (key == "hosts") f.hosts = static_cast<int>(*number);
    if (key == "loss") f.lossPct = *number;
    if (key == "delay") f.extraDelayMs = *number;
    if (key == "cap") f.capacityFactor = *number;
  }
  if (badParam) return std::nullopt;
  if (misroute && !f.to.IsValid()) {
    diags.Error("bad-fault", "", {}, where,
                action + (f.action == FaultAction::MoveBranch   ? " needs [to=SITE]: the site whose MCU takes the branch"
                          : f.action == FaultAction::Compromise ? " needs [to=SITE]: the site the malware floods"
                                                                : " needs [to=SITE]: the site whose block is misrouted"));
    return std::nullopt;
  }
  if ((f.action == FaultAction::Cost || f.action == FaultAction::RateLimit) && params.empty()) {
    diags.Error("bad-fault", "", {}, where,
                action + (f.action == FaultAction::Cost ? " needs [value=N] (0 restores the implied cost)"
                                                       : " needs [mbps=N]"));
    return std::nullopt;
  }
  if (timed) {
    const auto t = ParseDurationSeconds(when);
    if (!t) {
      diags.Error("bad-fault", "", {}, where, "\"" + when + "\" is not a time like 30s, 5m or 1h30m");
      return std::nullopt;
    }
    if (*t < 0) {
      diags.Error("bad-fault", "", {}, where, "the time is before the start of the run");
      return std::nullopt;
    }
    if (*t > durationS) {
      diags.Error("bad-fault", "", {}, where, "at " + when + ", after the end of the run (" +
                                                  FormatNumber(durationS) + " s)");
      return std::nullopt;
    }
    f.atS = *t;
  }
  if (f.action == FaultAction::LowerVideo || f.action == FaultAction::RestoreVideo) {
    if (element != "conference") {
      diags.Error("bad-fault", "", {}, where, action + " applies to the whole conference: " + action + ":conference@TIME");
      return std::nullopt;
    }
    return f;
  }
  const bool onLinks = f.action == FaultAction::Cut || f.action == FaultAction::Repair ||
                       f.action == FaultAction::Enable || f.action == FaultAction::Disable ||
                       f.action == FaultAction::Cost || f.action == FaultAction::Degrade ||
                       f.action == FaultAction::Dispatch;
  const bool onSite = f.action == FaultAction::McuFail || f.action == FaultAction::McuRestore ||
                      f.action == FaultAction::MoveBranch || f.action == FaultAction::RestoreBranch ||
                      f.action == FaultAction::PowerLoss || f.action == FaultAction::PowerRestore ||
                      f.action == FaultAction::Ddos || f.action == FaultAction::Botnet ||
                      f.action == FaultAction::RateLimit || f.action == FaultAction::Filter ||
                      f.action == FaultAction::Compromise || f.action == FaultAction::Isolate;
  if (onLinks) {
    if (LinkId l = twin.FindLink(element); l.IsValid()) {
      f.links = {l};
    } else if (SrgId g = twin.FindSrg(element); g.IsValid() && (f.action == FaultAction::Cut || f.action == FaultAction::Repair ||
                                                                         f.action == FaultAction::Dispatch)) {
      for (std::uint32_t k = 0; k < twin.Links().size(); ++k) {
        for (SrgId s : twin.GetLink(LinkId(k)).srgs) {
          if (s == g) f.links.push_back(LinkId(k));
        }
      }
    } else {
      std::vector<std::string> ids;
      for (const Link& each : twin.Links()) ids.push_back(each.id);
      for (const Srg& g2 : twin.Srgs()) ids.push_back(g2.id);
      const bool isNode = twin.FindNode(element).IsValid() || twin.FindSite(element).IsValid();
      diags.Error("unknown-element", "", {}, where,
                  "no link or shared-risk group \"" + element + "\"" +
                      (isNode ? " (that is a router: use down:" + element + ")" : ""),
                  isNode ? "" : SuggestHint(element, ids));
      return std::nullopt;
    }
  } else if (onSite) {
        const SiteMatch m = siteNames().Find(element);
    const bool needsMcu = f.action == FaultAction::McuFail || f.action == FaultAction::McuRestore ||
                          f.action == FaultAction::MoveBranch || f.action == FaultAction::RestoreBranch;
    if (!m.IsUnique() || (needsMcu && !twin.HasMcu(m.sites.front()))) {
      diags.Error("unknown-element", "", {}, where,
                  m.sites.empty() ? "no site \"" + element + "\""
                  : m.IsAmbiguous() ? "\"" + element + "\" names several sites"
                                    : "site \"" + element + "\" has no MCU");
      return std::nullopt;
    }
    f.site = m.sites.front();
  } else {
    if (NodeId n = twin.FindNode(element); n.IsValid()) {
      f.nodes = {n};
    } else {
            const SiteMatch m = siteNames().Find(element);
      if (m.IsUnique()) {
        f.nodes = twin.GetSite(m.sites.front()).nodes;
      } else if (m.IsAmbiguous()) {
        std::string candidates;
        for (SiteId s : m.sites) candidates += (candidates.empty() ? "" : "; ") + siteNames().QualifiedName(s);
        diags.Error("ambiguous-element", "", {}, where, "\"" + element + "\" names several sites: " + candidates);
        return std::nullopt;
      } else {
        std::vector<std::string> ids;
        for (const Node& n2 : twin.Nodes()) ids.push_back(n2.id);
        diags.Error("unknown-element", "", {}, where, "no router or site \"" + element + "\"",
                    SuggestHint(element, ids));
        return std::nullopt;
      }
    }
  }
  if (lineCard) {
    // The card's ports: the router's links in their order in the twin.
    if (f.nodes.size() != 1) {
      diags.Error("bad-fault", "", {}, where, "a line card belongs to one router: name the router");
      return std::nullopt;
    }
    std::vector<LinkId> mine;
    for (std::uint32_t k = 0; k < twin.Links().size(); ++k) {
      const Link& l = twin.GetLink(LinkId(k));
      if (l.a == f.nodes.front() || l.b == f.nodes.front()) mine.push_back(LinkId(k));
    }
    for (int p = card * ports; p < (card + 1) * ports && p < static_cast<int>(mine.size()); ++p) {
      f.links.push_back(mine[static_cast<std::size_t>(p)]);
    }
    if (f.links.empty()) {
      diags.Error("bad-fault", "", {}, where,
                  "the router has " + std::to_string(mine.size()) + " links: no card " + std::to_string(card) +
                      " of " + std::to_string(ports) + " ports");
      return std::nullopt;
    }
  }
  return f;
}

}  // namespace

std::optional<std::vector<FaultSpec>> ParseFaults(const std::vector<std::string>& specs, const Twin& twin,
                                                  double durationS, Diagnostics& diags) {
  std::vector<FaultSpec> out;
  const int before = diags.ErrorCount();
  std::optional<NameIndex> index;
  for (const std::string& text : specs) {
    auto f = ParseOne(text, "--fault " + text, twin, index, nullptr, true, durationS, diags);
    if (f) out.push_back(std::move(*f));
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return out;
}

std::optional<FaultSpec> ParseFaultNow(const std::string& text, const Twin& twin, Diagnostics& diags,
                                       const NameIndex* names) {
  std::optional<NameIndex> index;
  return ParseOne(text, text, twin, index, names, false, 0.0, diags);
}

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
  }
}

}  // namespace netdrill::session
