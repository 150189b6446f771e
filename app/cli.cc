#include "cli.h"

#include "app/drill-commands.h"
#include "session/command.h"
#include "drill/records.h"
#include "app/gui-command.h"
#include "app/headless-job.h"
#include "app/session-command.h"
#include "app/sim-commands.h"
#include "app/verify-fidelity.h"
#include "app/twin-commands.h"
#include "app/whatif-commands.h"
#include "twin/generator.h"
#include "twin/units.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <sstream>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::app {

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in) {
  CLI::App app{"NetDrill: training simulator and digital twin of the national dedicated data network"};
  app.name("netdrill");
  app.set_version_flag("--version", NETDRILL_VERSION);
  app.require_subcommand(0, 1);
  std::function<int()> action = [&] { return GuiCommand(GuiArgs{}, out, err); };

  CLI::App* whatif = app.add_subcommand("whatif", "The planners' what-if bench: fork a twin, change it, sweep every failure");
  whatif->require_subcommand(1);
  std::string wBase, wEdit, wOut;
  CLI::App* wApply = whatif->add_subcommand("apply", "Apply an edit file to a twin; write the fork (nothing on error)");
  wApply->add_option("base", wBase, "The base: a twin file or a preset (national-2024, province-2024:44, ...)")->required();
  wApply->add_option("--edit", wEdit, "The edit file (YAML; docs/planner-guide.md)")->required();
  wApply->add_option("-o,--output", wOut, "The fork's twin file to write")->required();
  wApply->callback([&] { action = [&] { return WhatifApply(wBase, wEdit, wOut, out, err); }; });
  WhatifSweepArgs ws;
  CLI::App* wSweep = whatif->add_subcommand("sweep", "Every single failure (and pairs), before and after a change");
  AddSweepOptions(*wSweep, ws);
  wSweep->callback([&] { action = [&] { return WhatifSweep(ws, out, err); }; });

  GuiArgs gui;
  std::vector<std::string> guiDo;
  CLI::App* guiCmd = app.add_subcommand(
      "gui", "The console (the default): a drill's start screen, or DRILL at once; --screenshot renders a PNG");
  guiCmd->add_option("drill", gui.drill, "A drill file to start at once");
  guiCmd->add_option("--screenshot", gui.screenshot, "Save a PNG after --frames frames, then quit (use xvfb-run)");
  guiCmd->add_option("--frames", gui.frames, "Frames before the screenshot")->capture_default_str();
  guiCmd->add_option("--lang", gui.lang, "vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  guiCmd->add_option("--seed", gui.seed, "The drill's seed")->capture_default_str();
  guiCmd->add_option("--trainee", gui.trainee, "The trainee's name (a finished run is kept in the records)");
  guiCmd->add_option("--until", gui.until, "Run the drill at full speed to this simulated time (e.g. 3m), then pause")
      ->transform([](std::string v) {
        const auto s = twin::ParseDurationSeconds(v);
        return s ? std::to_string(*s) : v;
      });
  guiCmd->add_option("--do", guiDo, "TIME=COMMAND: a trainee's command at a simulated time (repeatable)");
  guiCmd->add_flag("--instructor", gui.instructor, "Instructor mode (needs --passphrase)");
  guiCmd->add_option("--passphrase", gui.passphrase, "The instructor passphrase ($NETDRILL_INSTRUCTOR_PASSPHRASE)");
  guiCmd->add_flag("--debrief", gui.debrief, "End the drill and show the debrief");
  guiCmd->add_option("--planner-base", gui.plannerBase, "The what-if bench: the base (a twin file or a preset)");
  guiCmd->add_option("--planner-edit", gui.plannerEdit, "The what-if bench: the edit file to apply and sweep at once");
  guiCmd->add_option("--select", gui.select, "A site or link to select (the map centres on a site)");
  guiCmd->add_option("--tab", gui.tab, "The right-hand tab to open (kpi, inspector, actions, procedure, objectives, "
                                       "tickets, messages, instructor, debrief)");
  guiCmd->add_option("--size", [&](const CLI::results_t& r) {
    return std::sscanf(r[0].c_str(), "%dx%d", &gui.width, &gui.height) == 2;
  }, "Window size WxH (default 1600x900)");
  guiCmd->callback([&] {
    action = [&] {
      for (const std::string& d : guiDo) {
        const auto eq = d.find('=');
        const auto at = eq == std::string::npos ? std::nullopt : twin::ParseDurationSeconds(d.substr(0, eq));
        if (!at) {
          err << "netdrill gui: --do wants TIME=COMMAND, not \"" << d << "\"\n";
          return kExitInvalidInput;
        }
        gui.commands.emplace_back(*at, d.substr(eq + 1));
      }
      return GuiCommand(gui, out, err);
    };
  });

  CLI::App* twin = app.add_subcommand("twin", "The digital twin: generate, check, import, analyse");
  twin->require_subcommand(1);

  GenerateArgs gen;
  std::string presets;
  for (const std::string& p : twin::GeneratorPresets()) presets += (presets.empty() ? "" : ", ") + p;
  CLI::App* generate = twin->add_subcommand("generate", "Generate a twin from the real administrative units");
  generate->add_option("--preset", gen.preset, "One of: " + presets)->required();
  generate->add_option("--seed", gen.seed, "Seed of the generator's random choices")->capture_default_str();
  generate->add_option("-o,--output", gen.output, "The twin file to write (YAML)")->required();
  generate->add_option("--shared-exit-km", gen.sharedExitKm,
                       "Make both uplinks of every province leave through one duct this long (a storm drill's "
                       "single point of failure)")
      ->check(CLI::NonNegativeNumber);
  generate->callback([&] { action = [&] { return TwinGenerate(gen, out, err); }; });

  std::vector<std::string> checkFiles;
  CLI::App* check = twin->add_subcommand("check", "Check topology files; report every problem at once (exit 2)");
  check->add_option("files", checkFiles, "Twin YAML, GraphML or sites.csv files")->required();
  check->callback([&] { action = [&] { return TwinCheck(checkFiles, out, err); }; });

  std::string statsFile;
  bool statsJson = false;
  CLI::App* stats = twin->add_subcommand("stats", "Counts per level, nodes, links, capacity totals");
  stats->add_option("file", statsFile, "Twin YAML, GraphML or sites.csv")->required();
  stats->add_flag("--json", statsJson, "Print JSON");
  stats->callback([&] { action = [&] { return TwinStatsCommand(statsFile, statsJson, out, err); }; });

  std::string importIn, importLinks, importOut;
  CLI::App* import = twin->add_subcommand("import", "Import a GraphML file or a CSV inventory as a twin");
  import->add_option("file", importIn, "A .graphml file, or sites.csv")->required();
  import->add_option("--links", importLinks, "links.csv of a CSV inventory (default: beside sites.csv)");
  import->add_option("-o,--output", importOut, "The twin file to write (YAML)")->required();
  import->callback([&] { action = [&] { return TwinImport(importIn, importLinks, importOut, out, err); }; });

  AnalyzeArgs an;
  CLI::App* analyze = twin->add_subcommand(
      "analyze", "Connectivity, bridges, articulation points, every single failure (N-1) and shared-risk group");
  analyze->add_option("file", an.file, "Twin YAML, GraphML or sites.csv")->required();
  analyze->add_flag("--json", an.json, "Print one JSON object");
  analyze->add_option("--top", an.top, "How many of the worst failures to list")->capture_default_str();
  analyze->add_flag("--with-backup", an.withBackup, "Count standby backup media (4G, VSAT) as in service");
  analyze->callback([&] { action = [&] { return TwinAnalyze(an, out, err); }; });

  std::string pathFile, pathFrom, pathTo, pathBy = "delay";
  CLI::App* path = twin->add_subcommand("path", "Shortest path between two sites (by id, code or name)");
  path->add_option("file", pathFile, "Twin file")->required();
  path->add_option("from", pathFrom, "Site")->required();
  path->add_option("to", pathTo, "Site")->required();
  path->add_option("--by", pathBy, "delay or hops")->check(CLI::IsMember({"delay", "hops"}))->capture_default_str();
  path->callback([&] { action = [&] { return TwinPath(pathFile, pathFrom, pathTo, pathBy, out, err); }; });

  LoadArgs loadArgs;
  CLI::App* load = twin->add_subcommand(
      "load", "The conference (and VPN) load on every link as rates, with an MCU failing if you say so");
  load->add_option("file", loadArgs.file, "Twin YAML, GraphML or sites.csv")->required();
  load->add_option("--profile", loadArgs.profile, "Conference profile (default: the twin's active one)");
  load->add_option("--fail-mcu", loadArgs.failedMcus, "A site whose MCU fails: its endpoints fall back up the cascade");
  bool noVpn = false;
  load->add_flag("--no-vpn", noVpn, "Leave the background VPN load out");
  load->add_option("--top", loadArgs.top, "How many of the busiest links to list")->capture_default_str();
  load->add_flag("--json", loadArgs.json, "Print one JSON object");
  load->callback([&] {
    loadArgs.vpn = !noVpn;
    action = [&] { return TwinLoad(loadArgs, out, err); };
  });

  std::string findFile, findQuery;
  CLI::App* find = twin->add_subcommand("find", "Find sites by id, code or name, with or without diacritics");
  find->add_option("file", findFile, "Twin file")->required();
  find->add_option("query", findQuery, "\"Thanh Hoa\", \"Tân Hòa, Long An\", \"commune:00001\", \"00001\"")
      ->required();
  find->callback([&] { action = [&] { return TwinFind(findFile, findQuery, out, err); }; });

  SimArgs simArgs;
  CLI::App* simCmd = app.add_subcommand("sim", "Run the ns-3 engine headless on a twin, with faults, and report");
  simCmd->add_option("--twin", simArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  simCmd->add_option("--preset", simArgs.preset, "Or generate this preset (" + presets + ")");
  std::string durationText = "60", probeText = "5";
  // Durations as instructors write them: 90s, 5m, 1h30m, or plain seconds.
  auto duration = CLI::Validator(
      [](std::string& v) { return twin::ParseDurationSeconds(v) ? std::string() : "not a duration like 90s, 5m, 1h30m"; },
      "DURATION");
  simCmd->add_option("--duration", durationText, "Simulated time (90s, 5m, 1h30m, or seconds)")
      ->check(duration)
      ->capture_default_str();
  simCmd->add_option("--seed", simArgs.seed, "Seed")->capture_default_str();
  simCmd->add_option("--fault", simArgs.faults,
                     "ACTION:ELEMENT@TIME, e.g. cut:route:02-primary@30s, down:province:02@1m, mcu-fail:province:79@10s "
                     "(cut, repair, down, up, mcu-fail, mcu-restore)");
  simCmd->add_option("--probe-interval", probeText,
                     "A round of probes from the core to every site this often (0: none)")
      ->check(duration)
      ->capture_default_str();
  simCmd->add_option("--kpi", simArgs.kpiCsv, "Write the reachability series to this CSV file");
  simCmd->add_flag("--json", simArgs.json, "Print one JSON object");
  simCmd->add_option("--conference", simArgs.profile,
                     "Run the national conference from the start (a profile: 2023, 2025, 2026; empty: the twin's)")
      ->expected(0, 1);
  simCmd->add_flag("--vpn", simArgs.vpn, "Carry the background VPN load");
  simCmd->add_option("--fidelity", simArgs.fidelity,
                     "hybrid: bulk traffic as rates, probes as packets; fluid: no background probes; "
                     "packet: every packet of the bulk traffic too (slow: the reference)")
      ->check(CLI::IsMember({"hybrid", "fluid", "packet"}))
      ->capture_default_str();
  simCmd->callback([&] {
    simArgs.conference = simCmd->count("--conference") > 0;
    simArgs.durationS = *twin::ParseDurationSeconds(durationText);
    simArgs.probeIntervalS = *twin::ParseDurationSeconds(probeText);
    action = [&] { return SimCommand(simArgs, out, err); };
  });

  CLI::App* verify = app.add_subcommand("verify", "Cross-check the engine against the twin's analysis");
  verify->require_subcommand(1);
  VerifyN1Args n1Args;
  CLI::App* n1 = verify->add_subcommand(
      "n1", "For every single link failure, sites unreachable by probes after convergence = the analysis");
  n1->add_option("--twin", n1Args.twinFile, "Twin YAML, GraphML or sites.csv");
  n1->add_option("--preset", n1Args.preset, "Or generate this preset, e.g. province-2024:95");
  n1->add_option("--limit", n1Args.limit, "Check only the first N failures (0: all)")->capture_default_str();
  n1->callback([&] { action = [&] { return VerifyN1Command(n1Args, out, err); }; });
  VerifyFidelityArgs fidelityArgs;
  CLI::App* fidelity = verify->add_subcommand(
      "fidelity", "The hybrid model (traffic as rates) against every packet in ns-3, at several loads");
  fidelity->add_option("--twin", fidelityArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  fidelity->add_option("--preset", fidelityArgs.preset, "Or generate this preset")->capture_default_str();
  fidelity->add_option("--profile", fidelityArgs.profile, "Conference profile")->capture_default_str();
  fidelity->add_option("--levels", fidelityArgs.levelsPct, "Loads of the busiest link, % of its capacity")
      ->capture_default_str();
  fidelity->add_option("--warmup", fidelityArgs.warmupS, "Seconds of packets before measuring")->capture_default_str();
  fidelity->add_option("--measure", fidelityArgs.measureS, "Seconds measured")->capture_default_str();
  fidelity->add_option("--seed", fidelityArgs.seed, "Seed")->capture_default_str();
  fidelity->add_flag("--vpn", fidelityArgs.vpn, "Carry the background VPN load too");
  fidelity->add_flag("--json", fidelityArgs.json, "Also print the figures as one JSON object");
  fidelity->callback([&] {
    if (fidelity->count("--twin") > 0 && fidelity->count("--preset") == 0) fidelityArgs.preset.clear();
    action = [&] { return VerifyFidelityCommand(fidelityArgs, out, err); };
  });

  SessionArgs sessionArgs;
  CLI::App* sessionCmd = app.add_subcommand(
      "session", "A live session: commands on stdin (ping, traceroute, show ..., fault ...), answers on stdout");
  sessionCmd->add_option("--twin", sessionArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  sessionCmd->add_option("--preset", sessionArgs.preset, "Or generate this preset (" + presets + ")");
  sessionCmd->add_option("--seed", sessionArgs.seed, "Seed")->capture_default_str();
  std::string sessionDuration = "0";
  sessionCmd->add_option("--duration", sessionDuration, "The run ends after this (0: when the input ends)")
      ->check(duration)
      ->capture_default_str();
  sessionCmd->add_option("--conference", sessionArgs.profile, "Run the national conference from the start")
      ->expected(0, 1);
  sessionCmd->add_flag("--vpn", sessionArgs.vpn, "Carry the background VPN load");
  sessionCmd->add_option("--fidelity", sessionArgs.fidelity, "hybrid (bulk traffic as rates) or packet")
      ->check(CLI::IsMember({"hybrid", "packet"}))
      ->capture_default_str();
  sessionCmd->add_option("--record", sessionArgs.record, "Write the journal of every command to this file");
  sessionCmd->add_option("--replay", sessionArgs.replay, "Replay this journal (its twin, seed and commands)");
  sessionCmd->add_option("--role", sessionArgs.role, "Who types: trainee or instructor (a line may start with \"instructor: \")")
      ->check(CLI::IsMember({"trainee", "instructor"}))
      ->capture_default_str();
  sessionCmd->add_option("--speed", sessionArgs.speed,
                         "Live on a terminal: " + session::SpeedChoices() + " (0: paused); a script (stdin not a terminal) "
                         "runs on simulated time, with `wait 30s` lines")
      ->capture_default_str();
  std::string untilText;
  sessionCmd->add_option("--until", untilText, "With --replay: replay to this time, then continue with new commands")
      ->check(duration);
  sessionCmd->add_flag("--script", sessionArgs.forceScript, "Read stdin as a script even on a terminal");
  sessionCmd->callback([&] {
    sessionArgs.conference = sessionCmd->count("--conference") > 0;
    sessionArgs.durationS = *twin::ParseDurationSeconds(sessionDuration);
    if (!untilText.empty()) sessionArgs.untilS = *twin::ParseDurationSeconds(untilText);
    action = [&] { return SessionCommand(sessionArgs, in, out, err); };
  });

  CLI::App* drillCmd = app.add_subcommand("drill", "Drills: check them, run them headless");
  drillCmd->require_subcommand(1);
  std::vector<std::string> drillFiles;
  CLI::App* drillCheck = drillCmd->add_subcommand("check", "Check drill files: every problem at once (exit 2)");
  drillCheck->add_option("files", drillFiles, "Drill files (scenarios/*.yaml)")->required();
  drillCheck->callback([&] { action = [&] { return DrillCheckCommand(drillFiles, out, err); }; });
  DrillRunArgs drillRun;
  CLI::App* drillRunCmd = drillCmd->add_subcommand("run", "Run a drill headless, with a scripted trainee, and score it");
  drillRunCmd->add_option("file", drillRun.file, "The drill")->required();
  drillRunCmd->add_option("--seed", drillRun.seed, "The variant")->capture_default_str();
  drillRunCmd->add_option("--actions", drillRun.actions, "A scripted trainee: YAML list of {at, do}");
  drillRunCmd->add_option("--lang", drillRun.lang, "vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  drillRunCmd->add_flag("--json", drillRun.json, "Print the score, objectives and fingerprint as JSON");
  drillRunCmd->add_option("--report", drillRun.report, "Write the after-action report (HTML)");
  drillRunCmd->add_option("--record", drillRun.record, "Write the session's journal");
  drillRunCmd->add_option("--trainee", drillRun.trainee, "The trainee's name: in the report, and the run kept in the records");
  drillRunCmd->add_option("--db", drillRun.db, "The records file (default: " + drill::Records::DefaultPath() + ")");
  drillRunCmd->callback([&] { action = [&] { return DrillRunCommand(drillRun, out, err); }; });
  std::string replayJournal;
  bool replayJson = false;
  CLI::App* drillReplay = drillCmd->add_subcommand("replay", "Re-run a recorded drill from its journal, to the same result");
  drillReplay->add_option("journal", replayJournal, "The journal (drill run --record)")->required();
  drillReplay->add_flag("--json", replayJson, "Print the score, objectives and fingerprint as JSON");
  drillReplay->callback([&] { action = [&] { return DrillReplayCommand(replayJournal, replayJson, out, err); }; });

  CLI::App* recordsCmd = app.add_subcommand("records", "Trainee records: every named trainee's scored drills");
  recordsCmd->require_subcommand(1);
  std::string recordsDb, recordsTrainee, recordsDrill, recordsFile;
  bool recordsCsv = false;
  CLI::App* recordsList = recordsCmd->add_subcommand("list", "List the runs");
  CLI::App* recordsExport = recordsCmd->add_subcommand("export", "Export the runs and their objectives");
  for (CLI::App* sub : {recordsList, recordsExport}) {
    sub->add_option("--db", recordsDb, "The records file (default: " + drill::Records::DefaultPath() + ")");
    sub->add_option("--trainee", recordsTrainee, "Only this trainee");
    sub->add_option("--drill", recordsDrill, "Only this drill (its id)");
  }
  recordsExport->add_flag("--csv", recordsCsv, "As CSV (the only format)")->required();
  recordsExport->add_option("-o,--output", recordsFile, "Write here instead of standard output");
  recordsList->callback([&] { action = [&] { return RecordsListCommand(recordsDb, recordsTrainee, recordsDrill, out, err); }; });
  recordsExport->callback(
      [&] { action = [&] { return RecordsExportCommand(recordsDb, recordsTrainee, recordsDrill, recordsFile, out, err); }; });

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      // --help on a subcommand, or --version
      std::ostringstream o, x;
      app.exit(e, o, x);
      out << o.str() << x.str();
      return kExitOk;
    }
    std::ostringstream o, x;
    app.exit(e, o, x);
    err << o.str() << x.str();
    return kExitInvalidInput;
  }
  return action();
}

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return RunCli(args, out, err);
}

}  // namespace netdrill::app
