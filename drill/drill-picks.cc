// A drill against its twin: seeded picks, {pick} references, and the checks
// that need the network (places, commands, objectives something can satisfy).
#include "drill/drill.h"
#include "drill/procedure.h"

#include "session/command.h"
#include "twin/admin-data.h"
#include "twin/confine.h"
#include "twin/generator.h"
#include "twin/name-index.h"
#include "twin/seeded.h"
#include "twin/twin-files.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <regex>
#include <set>

namespace netdrill::drill {

using namespace netdrill::twin;

std::optional<Twin> DrillTwin(const Drill& drill, Diagnostics& diags) {
  if (drill.network.rfind("file:", 0) == 0) {
    // A twin file, next to the drill.
    const auto path = std::filesystem::path(drill.file).parent_path() / drill.network.substr(5);
    if (const auto outside = twin::OutsideFolders(path.string(), ReachableFolders(drill.file))) {
      diags.Error("outside", drill.file, drill.networkLoc, "network", "the network file: " + *outside);
      return std::nullopt;
    }
    return LoadTopology(path.string(), diags);
  }
  return Generate(drill.network, 1, GeneratorParams{}, AssetsDir(), diags);
}

namespace {

bool HasBackup(const Twin& twin, SiteId site) {
  for (const Link& l : twin.Links()) {
    if (l.role == LinkRole::Backup && (twin.GetNode(l.a).site == site || twin.GetNode(l.b).site == site)) return true;
  }
  return false;
}

// The province a site belongs to ("" for the central sites).
std::string ProvinceOf(const Twin& twin, SiteId site) { return twin.GetSite(site).provinceCode; }

// A pick reference's index ("2" in {hit[2]}); one too long to be any pick's is past every pick's end.
std::size_t PickIndex(const std::string& digits) {
  return digits.size() > 6 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(std::stoul(digits));
}

// A {reference}: {pick}, {pick.code}, {pick[2]}.
const std::regex& ReferencePattern() {
  static const std::regex ref(R"(\{([A-Za-z_][A-Za-z0-9_]*(\.(lower|upper|code))?)(\[(\d+)\])?\})");
  return ref;
}

}  // namespace

std::string Substitute(const std::string& text, const Picks& picks) {
  const std::regex& ref = ReferencePattern();
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), ref);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out += text.substr(last, static_cast<std::size_t>(m.position()) - last);
    last = static_cast<std::size_t>(m.position() + m.length());
    auto p = picks.find(m[1].str());
    const std::size_t index = m[5].matched ? PickIndex(m[5].str()) : 0;
    if (p == picks.end() || index >= p->second.size()) {
      out += m.str();  // left for the checks to report
      continue;
    }
    out += p->second[index];
  }
  return out + text.substr(last);
}

std::optional<std::string> UnresolvedReference(const std::string& text, const Picks& picks) {
  const std::string substituted = Substitute(text, picks);  // it leaves what it cannot resolve as written
  std::smatch m;
  if (!std::regex_search(substituted, m, ReferencePattern())) return std::nullopt;
  return m.str();
}

std::optional<Picks> MakePicks(const Drill& drill, const Twin& twin, std::uint64_t seed, Diagnostics& diags,
                               bool warnFixed) {
  const int before = diags.ErrorCount();
  const NameIndex names(twin);
  Picks picks;
  for (const Pick& p : drill.picks) {
    const std::string path = "pick." + p.id;
    // The province to choose inside: a name, an id or another pick.
    std::string province;
    if (!p.within.empty()) {
      const std::string within = Substitute(p.within, picks);
      const SiteMatch m = names.Find(within);
      if (!m.IsUnique()) {
        diags.Error("unknown-site", p.file, p.loc, path + ".in",
                    m.sites.empty() ? "no place \"" + within + "\" in the twin" : "\"" + within + "\" names several sites",
                    m.sites.empty() ? SuggestHint(within, names.Suggest(within, 3)) : "");
        continue;
      }
      province = ProvinceOf(twin, m.sites.front());
    }
    std::vector<std::string> candidates;
    if (p.kind == Pick::Kind::Site) {
      std::vector<SiteId> pool;
      if (!p.among.empty()) {
        for (const std::string& name : p.among) {
          const SiteMatch m = names.Find(Substitute(name, picks));
          if (!m.IsUnique()) {
            diags.Error("unknown-site", p.file, p.loc, path + ".among",
                        m.sites.empty() ? "no place \"" + name + "\" in the twin" : "\"" + name + "\" names several sites",
                        m.sites.empty() ? SuggestHint(name, names.Suggest(name, 3)) : "");
            continue;
          }
          pool.push_back(m.sites.front());
        }
      } else {
        for (std::uint32_t s = 0; s < twin.Sites().size(); ++s) pool.push_back(SiteId(s));
      }
      for (SiteId s : pool) {
        const Site& site = twin.GetSite(s);
        if (!p.level.empty() && ToString(site.level) != p.level) continue;
        if (!province.empty() && ProvinceOf(twin, s) != province) continue;
        if (p.hasBackup && !HasBackup(twin, s)) continue;
        candidates.push_back(site.id);
      }
    } else {
      for (const Link& l : twin.Links()) {
        if (l.role != LinkRole::Primary || l.a == l.b) continue;
        SiteId lower = twin.GetNode(l.a).site, upper = twin.GetNode(l.b).site;
        if (twin.GetSite(lower).level < twin.GetSite(upper).level) std::swap(lower, upper);
        if (!p.level.empty() && ToString(twin.GetSite(lower).level) != p.level) continue;
        if (!p.upperLevel.empty() && ToString(twin.GetSite(upper).level) != p.upperLevel) continue;
        if (!province.empty() && ProvinceOf(twin, lower) != province) continue;
        if (p.hasBackup && !HasBackup(twin, lower)) continue;
        if (p.singleHomed) {
          // The lower end's only primary link toward a higher level.
          int up = 0;
          const NodeId node = twin.FirstNode(lower);
          for (const Link& o : twin.Links()) {
            if (o.role != LinkRole::Primary || (o.a != node && o.b != node)) continue;
            const SiteId other = twin.GetNode(o.a == node ? o.b : o.a).site;
            up += twin.GetSite(other).level < twin.GetSite(lower).level;
          }
          if (up != 1) continue;
        }
        candidates.push_back(l.id);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (warnFixed && static_cast<int>(candidates.size()) == p.count) {
      diags.Warning("fixed-pick", p.file, p.loc, path,
                    std::string("only ") + std::to_string(candidates.size()) + " candidate(s): every seed picks the same, "
                    "so a repeat run tests memory (widen it: another level, no `in`, a larger network)");
    }
    if (static_cast<int>(candidates.size()) < p.count) {
      diags.Error("too-few", p.file, p.loc, path,
                  "only " + std::to_string(candidates.size()) + " " + (p.kind == Pick::Kind::Site ? "sites" : "links") +
                      " match, the pick wants " + std::to_string(p.count));
      continue;
    }
    // A seeded shuffle (the same on every machine): the first `count`.
    std::vector<std::pair<std::uint64_t, std::string>> order;
    const std::uint64_t salt = SplitMix64(seed ^ Fnv1a(p.id));
    for (const std::string& c : candidates) order.emplace_back(SplitMix64(salt ^ Fnv1a(c)), c);
    std::sort(order.begin(), order.end());
    std::vector<std::string>& chosen = picks[p.id];
    for (int k = 0; k < p.count; ++k) chosen.push_back(order[static_cast<std::size_t>(k)].second);
    if (p.kind == Pick::Kind::Site) {
      // {pick.code}: the site's administrative code ("42"), for ids built from it ("route:42-primary").
      for (const std::string& id : chosen) picks[p.id + ".code"].push_back(twin.GetSite(twin.FindSite(id)).code);
    }
    if (p.kind == Pick::Kind::Link) {
      // {pick.lower} and {pick.upper}: the sites at the link's two ends.
      for (const std::string& id : chosen) {
        const Link& l = twin.GetLink(twin.FindLink(id));
        SiteId lower = twin.GetNode(l.a).site, upper = twin.GetNode(l.b).site;
        if (twin.GetSite(lower).level < twin.GetSite(upper).level) std::swap(lower, upper);
        picks[p.id + ".lower"].push_back(twin.GetSite(lower).id);
        picks[p.id + ".upper"].push_back(twin.GetSite(upper).id);
      }
    }
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  return picks;
}

std::vector<std::string> ElementsActedOn(const session::FaultSpec& f, const twin::Twin& twin) {
  std::vector<std::string> out;
  for (LinkId l : f.links) {
    out.push_back(twin.GetLink(l).id);
    out.push_back(twin.GetSite(twin.GetNode(twin.GetLink(l).a).site).id);  // the sites it cuts off raise theirs
    out.push_back(twin.GetSite(twin.GetNode(twin.GetLink(l).b).site).id);
    for (SrgId g : twin.GetLink(l).srgs) out.push_back(twin.Srgs()[g.Index()].id);
  }
  for (NodeId n : f.nodes) {
    out.push_back(twin.GetNode(n).id);
    out.push_back(twin.GetSite(twin.GetNode(n).site).id);
  }
  if (f.site.IsValid()) out.push_back(twin.GetSite(f.site).id);
  if (f.to.IsValid()) out.push_back(twin.GetSite(f.to).id);
  if (f.action == session::FaultAction::Storm) {
    // What the storm will reach: its groups (their links and ends) and the sites whose mains it takes.
    const twin::StormHits hits = session::StormOf(twin, f);
    for (const auto& [at, g] : hits.groups) {
      out.push_back(twin.Srgs()[g.Index()].id);
      for (LinkId l : twin.SrgLinks(g)) {
        out.push_back(twin.GetLink(l).id);
        out.push_back(twin.GetSite(twin.GetNode(twin.GetLink(l).a).site).id);
        out.push_back(twin.GetSite(twin.GetNode(twin.GetLink(l).b).site).id);
      }
    }
    for (const auto& [at, s] : hits.sites) out.push_back(twin.GetSite(s).id);
  }
  return out;
}

void CheckAgainstTwin(const Drill& drill, const Twin& twin, Diagnostics& diags) {
  if (const auto unknown = twin.demands.ProfileRefusal(drill.conference)) {
    diags.Error("bad-profile", drill.file, drill.conferenceLoc, "conference", *unknown);
  }
  // Every {reference} names a pick, within its count.
  std::map<std::string, int> counts;
  for (const Pick& p : drill.picks) counts[p.id] = p.count;
  std::vector<std::string> pickIds;
  for (const auto& [id, n] : counts) pickIds.push_back(id);
  static const std::regex ref(R"(\{([A-Za-z_][A-Za-z0-9_]*)(\.(lower|upper|code))?(\[(\d+)\])?\})");
  std::set<std::string> linkPicks;
  for (const Pick& p : drill.picks) {
    if (p.kind == Pick::Kind::Link) linkPicks.insert(p.id);
  }
  auto checkRefs = [&](const std::string& text, const std::string& file, SourceLoc loc, const std::string& path) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator(); ++it) {
      const std::string id = (*it)[1].str();
      auto c = counts.find(id);
      if (c == counts.end()) {
        diags.Error("unknown-pick", file, loc, path, "{" + id + "} refers to no pick", SuggestHint(id, pickIds));
      } else if ((*it)[2].matched && (((*it)[3].str() == "code") == (linkPicks.count(id) > 0))) {
        diags.Error("unknown-pick", file, loc, path,
                    (*it).str() + ": ." + (*it)[3].str() +
                        ((*it)[3].str() == "code" ? " is a site pick's code, and " + id + " picks links"
                                                  : " is an end of a link pick, and " + id + " picks sites"));
      } else if ((*it)[5].matched && PickIndex((*it)[5].str()) >= static_cast<std::size_t>(c->second)) {
        diags.Error("unknown-pick", file, loc, path,
                    (*it).str() + ": the pick makes " + std::to_string(c->second) + " choice(s), counted from 0");
      }
    }
  };
  for (std::size_t i = 0; i < drill.events.size(); ++i) {
    const Event& e = drill.events[i];
    const std::string path = "events[" + std::to_string(i) + "]";
    checkRefs(e.command, e.file, e.loc, path + ".do");
    checkRefs(e.callerSite, e.file, e.loc, path + ".caller.site");
    checkRefs(e.when.command, e.file, e.loc, path + ".when.command");
  }
  for (std::size_t i = 0; i < drill.objectives.size(); ++i) {
    const Objective& o = drill.objectives[i];
    const std::string path = "objectives[" + std::to_string(i) + "]";
    checkRefs(o.target, o.file, o.loc, path + ".target");
    checkRefs(o.command, o.file, o.loc, path + ".command");
    checkRefs(o.names, o.file, o.loc, path + ".names");
    for (const Outcome& out : o.anyOf) {
      checkRefs(out.element, o.file, out.loc, path + ".outcome");
      checkRefs(out.command, o.file, out.loc, path + ".outcome");
      for (const std::string& s : out.sites) checkRefs(s, o.file, out.loc, path + ".outcome");
    }
    for (const std::string& s : o.sites) checkRefs(s, o.file, o.loc, path + ".sites");
  }
  for (const Pick& p : drill.picks) checkRefs(p.within, p.file, p.loc, "pick." + p.id + ".in");
  if (diags.HasErrors()) return;

  // With the picks of one seed: the commands parse, the places exist, and each
  // ack or declare objective names an element some inject acts on.
  Diagnostics pickDiags;
  const auto picks = MakePicks(drill, twin, 1, diags, /*warnFixed=*/true);
  if (!picks) return;
  const NameIndex names(twin);
  std::set<std::string> touched;  // elements the injects act on
  for (std::size_t i = 0; i < drill.events.size(); ++i) {
    const Event& e = drill.events[i];
    const std::string path = "events[" + std::to_string(i) + "]";
    if (!e.command.empty()) {
      const std::string command = Substitute(e.command, *picks);
      const session::CommandParse parsed = session::ParseCommand(command, session::Role::Scenario, twin, names);
      if (!parsed.command) {
        diags.Error("bad-command", e.file, e.loc, path + ".do", parsed.error);
        continue;
      }
      if (const auto* act = parsed.command->As<session::cmd::Act>()) {
        for (std::string& id : ElementsActedOn(act->fault, twin)) touched.insert(std::move(id));
      }
    }
    if (e.caller) {
      const std::string site = Substitute(e.callerSite, *picks);
      if (!names.Find(site).IsUnique() && !twin.FindNode(site).IsValid()) {
        diags.Error("unknown-site", e.file, e.loc, path + ".caller.site", "no site \"" + site + "\" in the twin",
                    SuggestHint(site, names.Suggest(site, 3)));
      }
    }
  }
  for (std::size_t i = 0; i < drill.objectives.size(); ++i) {
    const Objective& o = drill.objectives[i];
    const std::string path = "objectives[" + std::to_string(i) + "]";
    if (o.task == Task::Ack || o.task == Task::Declare) {
      const std::string target = Substitute(o.target, *picks);
      if (!touched.count(target)) {
        diags.Error("never-met", o.file, o.loc, path + ".target",
                    "no event acts on \"" + target + "\": nothing can raise its alarm or make it the cause");
      }
    }
    // Each outcome's element is a place of its kind; a command outcome is a command a trainee may give
    // (a typo such as "filtr" would leave the objective unmeetable).
    for (const Outcome& out : o.anyOf) {
      if (out.kind == OutcomeKind::Command) {
        const std::string command = Substitute(out.command, *picks);
        const session::CommandParse parsed = session::ParseCommand(command, session::Role::Trainee, twin, names);
        if (!parsed.command) diags.Error("bad-command", o.file, out.loc, path + ".command", parsed.error);
        continue;
      }
      const std::string element = Substitute(out.element, *picks);
      std::vector<std::string> sites;
      for (const std::string& s : out.sites) sites.push_back(Substitute(s, *picks));
      switch (out.kind) {
        case OutcomeKind::AttackBelow:
        case OutcomeKind::McuServing:
        case OutcomeKind::BranchMoved:
        case OutcomeKind::HostIsolated:
        case OutcomeKind::Powered:
        case OutcomeKind::Prioritised:
          sites.push_back(element);
          break;
        case OutcomeKind::CostImplied:
        case OutcomeKind::LinkLit:
        case OutcomeKind::TeamSent:
          if (!twin.FindLink(element).IsValid() && !twin.FindSrg(element).IsValid()) {
            diags.Error("unknown-element", o.file, out.loc, path + ".outcome",
                        "no link or route \"" + element + "\" in the twin");
          }
          break;
        case OutcomeKind::LeakWithdrawn:
        case OutcomeKind::BlackholeWithdrawn:
        case OutcomeKind::VrfLeakWithdrawn:
        case OutcomeKind::ManagementLocked:
          if (!twin.FindNode(element).IsValid()) {
            diags.Error("unknown-element", o.file, out.loc, path + ".outcome", "no router \"" + element + "\" in the twin");
          }
          break;
        default:
          break;
      }
      for (const std::string& site : sites) {
        if (!twin.FindSite(site).IsValid()) {
          diags.Error("unknown-site", o.file, out.loc, path + ".outcome", "no site \"" + site + "\" in the twin (outcomes take site ids)",
                      SuggestHint(site, names.Suggest(site, 3)));
        }
      }
    }
    for (const std::string& s : o.sites) {
      const std::string site = Substitute(s, *picks);
      if (!names.Find(site).IsUnique()) {
        diags.Error("unknown-site", o.file, o.loc, path + ".sites", "no site \"" + site + "\" in the twin",
                    SuggestHint(site, names.Suggest(site, 3)));
      }
    }
  }
}

}  // namespace netdrill::drill
