#include "app/whatif-commands.h"

#include "app/cli.h"
#include "app/run-support.h"
#include "app/whatif-confirm.h"
#include "twin/admin-data.h"
#include "twin/csv.h"
#include "twin/generator.h"
#include "twin/twin-files.h"
#include "twin/twin-yaml.h"
#include "whatif/diff.h"
#include "whatif/edits.h"
#include "whatif/sweep.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace netdrill::app {

namespace {

namespace fs = std::filesystem;

// A file (YAML, GraphML, CSV) or a generator preset.
std::optional<twin::Twin> LoadTwinArg(const std::string& what, std::ostream& err) {
  twin::Diagnostics diags;
  std::optional<twin::Twin> t;
  if (fs::exists(what)) t = twin::LoadTopology(what, diags);
  else t = twin::Generate(what, 1, twin::GeneratorParams{}, twin::AssetsDir(), diags);
  diags.Print(err);
  if (t && t->name.empty()) t->name = what;
  return t;
}

// The fork of `base` with the edits of `file`, checked by reading it back as a twin file.
std::optional<twin::Twin> Fork(const twin::Twin& base, const std::string& file, whatif::EditSummary& summary,
                               std::string& yaml, std::ostream& err) {
  twin::Diagnostics diags;
  auto edits = whatif::LoadEdits(file, diags);
  std::optional<twin::Twin> fork;
  if (edits) fork = whatif::ApplyEdits(base, *edits, diags, &summary);
  if (fork) {
    yaml = twin::SaveTwinYaml(*fork);
    // The fork must be a valid twin on its own: read back with every check.
    twin::Diagnostics check;
    auto again = twin::ParseTwinYaml(yaml, file + " (the fork)", check);
    for (const auto& d : check.Items()) diags.Add(d);
    fork = std::move(again);
  }
  diags.Print(err);
  if (diags.ErrorCount() > 0) return std::nullopt;
  return fork;
}

std::string Describe(const whatif::SweepResult& r, const whatif::FailureResult& f) {
  std::string s;
  for (std::size_t e : f.elements)
    s += std::string(s.empty() ? "" : " + ") + whatif::FailureKindName(r.elements[e].kind) + " " + r.elements[e].id;
  return s;
}

void PrintSweep(const whatif::SweepResult& r, const WhatifSweepArgs& a, std::ostream& out) {
  out << r.twinName << ": " << r.singles.size() << " single failures";
  if (!r.pairs.empty()) out << ", " << r.pairs.size() << " pairs";
  out << " in " << std::fixed << std::setprecision(2) << r.seconds << " s (" << r.flows << " flows re-routed analytically)\n";
  out << "without failure: " << r.baseline.linksOver << " links over capacity, busiest at "
      << std::setprecision(0) << r.baseline.maxUtilisation * 100 << " %, worst conference delay "
      << std::setprecision(1) << r.baseline.worstDelayMs << " ms (" << whatif::DelayBand(r.baseline.worstDelayMs) << ")\n";
  auto list = [&](const std::vector<whatif::FailureResult>& failures, const std::string& heading) {
    if (failures.empty()) return;
    out << heading << " (by " << a.rankBy << "):\n";
    out << "  " << std::left << std::setw(60) << "failure" << std::right << std::setw(10) << "endpoints" << std::setw(7)
        << "sites" << std::setw(14) << "P1/P2/P3/P4" << std::setw(6) << "over" << std::setw(10) << "delay ms" << "\n";
    const auto ranked = whatif::Ranked(r, failures, a.rankBy);
    for (std::size_t i = 0; i < ranked.size() && i < a.show; ++i) {
      const auto& im = ranked[i]->impact;
      std::ostringstream prio;
      prio << im.cut.byPriority[0] << "/" << im.cut.byPriority[1] << "/" << im.cut.byPriority[2] << "/" << im.cut.byPriority[3];
      out << "  " << std::left << std::setw(60) << Describe(r, *ranked[i]).substr(0, 59) << std::right << std::setw(10)
          << im.cut.endpoints << std::setw(7) << im.cut.sites << std::setw(14) << prio.str() << std::setw(6) << im.linksOver
          << std::setw(10) << std::setprecision(1) << im.worstDelayMs << "\n";
    }
  };
  list(r.singles, "worst single failures");
  list(r.pairs, "worst pairs");
  if (!r.confirmed.empty()) {
    out << "the worst re-run in ns-3 (analytic / simulated):\n";
    for (const auto& c : r.confirmed) {
      out << "  " << std::left << std::setw(50) << (std::string(whatif::FailureKindName(r.elements[c.element].kind)) + " " + r.elements[c.element].id).substr(0, 49)
          << std::right << " sites " << c.sitesAnalytic << "/" << c.sitesSimulated << ", endpoints lost " << c.endpointsAnalytic
          << "/" << c.endpointsLostSimulated << " (+" << c.endpointsDegradedSimulated << " degraded), over " << c.overAnalytic
          << "/" << c.overSimulated << (c.agree ? "  agree" : "  DISAGREE: " + c.note) << "\n";
    }
  }
}

}  // namespace

int WhatifApply(const std::string& baseArg, const std::string& editFile, const std::string& output, std::ostream& out,
                std::ostream& err) {
  auto base = LoadTwinArg(baseArg, err);
  if (!base) return kExitInvalidInput;
  whatif::EditSummary summary;
  std::string yaml;
  auto fork = Fork(*base, editFile, summary, yaml, err);
  if (!fork) {
    err << "nothing written\n";
    return kExitInvalidInput;
  }
  if (!WriteOutputFile(output, yaml, err)) return kExitFailure;
  out << "wrote " << output << ": " << fork->Sites().size() << " sites, " << fork->Links().size() << " links ("
      << summary.sitesAdded << " sites added, " << summary.sitesRemoved << " removed, " << summary.sitesModified
      << " modified; " << summary.linksAdded << " links added, " << summary.linksRemoved << " removed, "
      << summary.linksModified << " modified)\n";
  return kExitOk;
}

void AddSweepOptions(CLI::App& app, WhatifSweepArgs& ws) {
  app.add_option("base", ws.base, "The base: a twin file or a preset")->required();
  app.add_option("--fork", ws.fork, "The fork: an edit file applied to the base, or a twin file or preset");
  app.add_option("--failures", ws.failures, "Kinds: link,node,srlg and n2 (pairs of the top K)")->capture_default_str();
  app.add_option("--top", ws.top, "N-2 over the K most critical elements")->check(CLI::Range(0, 100000))->capture_default_str();
  app.add_option("--rank-by", ws.rankBy, "endpoints, sites or pairs")
      ->check(CLI::IsMember({"endpoints", "sites", "pairs"}))
      ->capture_default_str();
  app.add_option("--set", ws.setFile, "N-2 over these elements instead (one id per line)");
  app.add_flag("--json", ws.json, "Print JSON");
  app.add_option("--html", ws.html, "Write the differential report (HTML)");
  app.add_option("--show", ws.show, "How many failures to list")->capture_default_str();
  app.add_option("--threads", ws.threads, "Threads (0: every core)")->capture_default_str();
  app.add_option("--confirm", ws.confirm, "Re-run the K worst single failures in the ns-3 engine (hybrid)")
      ->capture_default_str();
}

int WhatifSweep(const WhatifSweepArgs& a, std::ostream& out, std::ostream& err, const SweepRunner& runner) {
  whatif::SweepOptions o;
  o.links = o.nodes = o.srgs = false;
  std::stringstream kinds(a.failures);
  for (std::string k; std::getline(kinds, k, ',');) {
    if (k == "link") o.links = true;
    else if (k == "node") o.nodes = true;
    else if (k == "srlg" || k == "srg") o.srgs = true;
    else if (k == "n2") o.pairs = true;
    else {
      err << "--failures: unknown kind \"" << k << "\" (link, node, srlg, n2)\n";
      return kExitInvalidInput;
    }
  }
  o.topK = a.top;
  o.rankBy = a.rankBy;
  o.threads = a.threads;
  auto base = LoadTwinArg(a.base, err);
  if (!base) return kExitInvalidInput;
  if (!a.setFile.empty()) {
    // The named set for N-2: one element id a line (a link, a router or a shared-risk group of the base).
    twin::Diagnostics diags;
    const auto text = twin::ReadFile(a.setFile, diags, "cannot read the set");
    std::istringstream lines(text.value_or(""));
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
      ++number;
      line.erase(0, line.find_first_not_of(" \t"));
      if (line.empty() || line[0] == '#') continue;
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (!base->FindLink(line).IsValid() && !base->FindNode(line).IsValid() && !base->FindSrg(line).IsValid()) {
        diags.Error("unknown-id", a.setFile, {number, 1}, "", "no link, router or shared-risk group \"" + line + "\" in " +
                                                                  base->name);
      }
      o.set.push_back(line);
    }
    if (text && o.set.size() < 2 && diags.ErrorCount() == 0) {
      diags.Error("empty-set", a.setFile, {1, 1}, "", "the set names " + std::to_string(o.set.size()) +
                                                          " element(s): N-2 needs two or more, one id a line");
    }
    diags.Print(err);
    if (diags.ErrorCount() > 0) return kExitInvalidInput;
    o.pairs = true;
  }
  std::optional<twin::Twin> fork;
  whatif::EditSummary summary;
  bool edited = false;
  if (!a.fork.empty()) {
    std::string yaml;
    // An edit file makes the fork from the base; anything else is a twin of its own.
    std::ifstream probe(a.fork);
    bool editFile = false;
    for (std::string line; !editFile && std::getline(probe, line);) editFile = line.rfind("whatif:", 0) == 0;
    if (editFile) {
      fork = Fork(*base, a.fork, summary, yaml, err);
      edited = true;
    } else {
      fork = LoadTwinArg(a.fork, err);
    }
    if (!fork) return kExitInvalidInput;
    if (fork->name == base->name) fork->name += " (fork)";
  }
  Progress progress(err);
  auto run = [&](const twin::Twin& t, const char* label) {
    o.progress = [&](std::size_t done, std::size_t total) {
      progress.Show(std::string(label) + ": " + std::to_string(done) + " / " + std::to_string(total) + " failures");
    };
    auto r = runner ? runner(t, o) : whatif::RunSweep(t, o);
    progress.Done();
    if (a.confirm > 0) ConfirmInEngine(t, r, a.confirm, a.rankBy, err);
    return r;
  };
  const auto rb = run(*base, "base");
  if (!fork) {
    if (a.json) out << whatif::SweepJson(rb, a.rankBy, a.show) << '\n';
    else PrintSweep(rb, a, out);
    if (!a.html.empty()) {
      const auto diff = whatif::Compare(rb, rb);
      if (!WriteOutputFile(a.html, whatif::DiffHtml(*base, *base, rb, rb, diff, nullptr, "What-if sweep: " + base->name), err))
        return kExitFailure;
    }
    return kExitOk;
  }
  const auto rf = run(*fork, "fork");
  const auto diff = whatif::Compare(rb, rf);
  if (a.json) {
    out << whatif::DiffJson(rb, rf, diff) << '\n';
  } else {
    PrintSweep(rb, a, out);
    PrintSweep(rf, a, out);
    out << "before -> after, failure by failure: " << diff.worse << " worse, " << diff.better << " better, "
        << diff.unchanged << " unchanged, " << diff.added << " only in the fork, " << diff.gone << " only in the base\n";
    std::size_t shown = 0;
    for (const auto& row : diff.singles) {
      if (row.verdict == whatif::Verdict::Unchanged || shown++ >= a.show) continue;
      std::string what;
      for (const auto& c : row.changes) what += (what.empty() ? "" : "; ") + c;
      out << "  " << std::left << std::setw(10) << whatif::VerdictName(row.verdict) << row.kind << " " << row.id
          << (what.empty() ? "" : ": " + what) << "\n";
    }
  }
  if (!a.html.empty()) {
    if (!WriteOutputFile(a.html, whatif::DiffHtml(*base, *fork, rb, rf, diff, edited ? &summary : nullptr,
                                                 "What-if: " + base->name + " → " + fork->name), err))
      return kExitFailure;
  }
  return kExitOk;
}

}  // namespace netdrill::app
