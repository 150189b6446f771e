#include "cli.h"

#include "app/class-cli.h"
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

#include "app/cli-options.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <sstream>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::app {

namespace {

// One function per command group declares its subcommands and options; each
// subcommand's callback only chooses the action, which runs after the whole
// parse succeeded. The values the options write to are kept in one struct per
// group that RunCli owns, since CLI11 binds them by reference and the action
// reads them after the parse; every lambda names what it captures, as the
// declaring functions' locals are gone by then.

// Where the commands read and write, and the action the parse chose.
struct Cli {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  std::function<int()> action;
};

// "national-2024, national-2025, ...": for the help of every --preset.
std::string PresetList() {
  std::string presets;
  for (const std::string& p : twin::GeneratorPresets()) presets += (presets.empty() ? "" : ", ") + p;
  return presets;
}

// Durations as instructors write them: 90s, 5m, 1h30m, or plain seconds.
CLI::Validator DurationValidator() {
  return CLI::Validator(
      [](std::string& v) {
        const auto s = twin::ParseDurationSeconds(v);
        if (!s) return std::string("not a duration like 90s, 5m, 1h30m");
        const auto wrong = twin::RunLengthRefusal(*s);
        return wrong ? *wrong : std::string();
      },
      "DURATION");
}

struct WhatifOptions {
  std::string base, edit, output;  // whatif apply
  WhatifSweepArgs sweep;
};

void AddWhatifCommands(CLI::App& app, WhatifOptions& o, Cli& cli) {
  CLI::App* whatif = app.add_subcommand("whatif", "The planners' what-if bench: fork a twin, change it, sweep every failure");
  whatif->require_subcommand(1);
  CLI::App* apply = whatif->add_subcommand("apply", "Apply an edit file to a twin; write the fork (nothing on error)");
  apply->add_option("base", o.base, "The base: a twin file or a preset (national-2024, province-2024:44, ...)")->required();
  apply->add_option("--edit", o.edit, "The edit file (YAML; docs/planner-guide.md)")->required();
  apply->add_option("-o,--output", o.output, "The fork's twin file to write")->required();
  apply->callback([&o, &cli] { cli.action = [&o, &cli] { return WhatifApply(o.base, o.edit, o.output, cli.out, cli.err); }; });
  CLI::App* sweep = whatif->add_subcommand("sweep", "Every single failure (and pairs), before and after a change");
  AddSweepOptions(*sweep, o.sweep);
  sweep->callback([&o, &cli] { cli.action = [&o, &cli] { return WhatifSweep(o.sweep, cli.out, cli.err); }; });
}

struct GuiOptions {
  GuiArgs args;
  std::vector<std::string> commands;  // --do TIME=COMMAND, as written
};

// The console with the trainee's --do commands read first: a bad one is invalid input, and no window opens.
int RunGui(GuiOptions& o, Cli& cli) {
  for (const std::string& d : o.commands) {
    const auto eq = d.find('=');
    const auto at = eq == std::string::npos ? std::nullopt : twin::ParseDurationSeconds(d.substr(0, eq));
    if (!at) {
      cli.err << "netdrill gui: --do wants TIME=COMMAND, not \"" << d << "\"\n";
      return kExitInvalidInput;
    }
    o.args.commands.emplace_back(*at, d.substr(eq + 1));
  }
  return GuiCommand(o.args, cli.out, cli.err);
}

void AddGuiCommand(CLI::App& app, GuiOptions& o, Cli& cli) {
  GuiArgs& gui = o.args;
  CLI::App* guiCmd = app.add_subcommand(
      "gui", "The console (the default): a drill's start screen, or DRILL at once; --screenshot renders a PNG");
  guiCmd->add_option("drill", gui.drill, "A drill file to start at once");
  guiCmd->add_option("--screenshot", gui.screenshot, "Save a PNG after --frames frames, then quit (use xvfb-run)");
  guiCmd->add_option("--frames", gui.frames, "Frames before the screenshot")->capture_default_str();
  guiCmd->add_option("--lang", gui.lang, "vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  guiCmd->add_option("--seed", gui.seed, "The drill's seed")->check(SeedRange())->capture_default_str();
  guiCmd->add_option("--assist", gui.assist, "guided, standard or exam: overrides the drill's assist level")
      ->check(CLI::IsMember({"guided", "standard", "exam"}));
  guiCmd->add_option("--trainee", gui.trainee, "The trainee's name (a finished run is kept in the records)");
  guiCmd->add_option("--until", gui.until, "Run the drill at full speed to this simulated time (e.g. 3m), then pause")
      ->transform([](std::string v) {
        const auto s = twin::ParseDurationSeconds(v);
        return s ? std::to_string(*s) : v;
      });
  guiCmd->add_option("--do", o.commands, "TIME=COMMAND: a trainee's command at a simulated time (repeatable)");
  guiCmd->add_flag("--instructor", gui.instructor, "Instructor mode (needs --passphrase)");
  guiCmd->add_option("--passphrase", gui.passphrase, "The instructor passphrase ($NETDRILL_INSTRUCTOR_PASSPHRASE)");
  guiCmd->add_flag("--debrief", gui.debrief, "End the drill and show the debrief");
  guiCmd->add_option("--planner-base", gui.plannerBase, "The what-if bench: the base (a twin file or a preset)");
  guiCmd->add_option("--planner-edit", gui.plannerEdit, "The what-if bench: the edit file to apply and sweep at once");
  guiCmd->add_option("--select", gui.select, "A site or link to select (the map centres on a site)");
  guiCmd->add_option("--tab", gui.tab, "The right-hand tab to open (kpi, inspector, actions, procedure, objectives, "
                                       "tickets, messages, instructor, debrief)");
  guiCmd->add_option("--size", [&gui](const CLI::results_t& r) {
    return std::sscanf(r[0].c_str(), "%dx%d", &gui.width, &gui.height) == 2;
  }, "Window size WxH (default 1600x900)");
  guiCmd->callback([&o, &cli] { cli.action = [&o, &cli] { return RunGui(o, cli); }; });
}

struct TwinOptions {
  GenerateArgs generate;
  std::vector<std::string> checkFiles;
  std::string statsFile, statsPreset;
  bool statsJson = false;
  std::string importIn, importLinks, importOut;
  AnalyzeArgs analyze;
  std::string pathFile, pathFrom, pathTo, pathBy = "delay";
  LoadArgs load;
  bool loadNoVpn = false;
  std::string findFile, findQuery;
};

void AddTwinCommands(CLI::App& app, TwinOptions& o, Cli& cli) {
  CLI::App* twinCmd = app.add_subcommand("twin", "The digital twin: generate, check, import, analyse");
  twinCmd->require_subcommand(1);

  CLI::App* generate = twinCmd->add_subcommand("generate", "Generate a twin from the real administrative units");
  generate->add_option("--preset", o.generate.preset, "One of: " + PresetList())->required();
  generate->add_option("--seed", o.generate.seed, "Seed of the generator's random choices")->check(SeedRange())->capture_default_str();
  generate->add_option("-o,--output", o.generate.output, "The twin file to write (YAML)")->required();
  generate->add_option("--shared-exit-km", o.generate.sharedExitKm,
                       "Make both uplinks of every province leave through one duct this long (a storm drill's "
                       "single point of failure)")
      ->check(CLI::NonNegativeNumber);
  generate->callback([&o, &cli] { cli.action = [&o, &cli] { return TwinGenerate(o.generate, cli.out, cli.err); }; });

  CLI::App* check = twinCmd->add_subcommand("check", "Check topology files; report every problem at once (exit 2)");
  check->add_option("files", o.checkFiles, "Twin YAML, GraphML or sites.csv files")->required();
  check->callback([&o, &cli] { cli.action = [&o, &cli] { return TwinCheck(o.checkFiles, cli.out, cli.err); }; });

  CLI::App* stats = twinCmd->add_subcommand("stats", "Counts per level, nodes, links, capacity totals");
  stats->add_option("file", o.statsFile, "Twin YAML, GraphML or sites.csv");
  stats->add_option("--preset", o.statsPreset, "Or a generated twin: national-2025, province-2025:46, ...");
  stats->add_flag("--json", o.statsJson, "Print JSON");
  stats->callback([&o, &cli] {
    cli.action = [&o, &cli] { return TwinStatsCommand(o.statsFile, o.statsPreset, o.statsJson, cli.out, cli.err); };
  });

  CLI::App* import = twinCmd->add_subcommand("import", "Import a GraphML file or a CSV inventory as a twin");
  import->add_option("file", o.importIn, "A .graphml file, or sites.csv")->required();
  import->add_option("--links", o.importLinks, "links.csv of a CSV inventory (default: beside sites.csv)");
  import->add_option("-o,--output", o.importOut, "The twin file to write (YAML)")->required();
  import->callback([&o, &cli] {
    cli.action = [&o, &cli] { return TwinImport(o.importIn, o.importLinks, o.importOut, cli.out, cli.err); };
  });

  CLI::App* analyze = twinCmd->add_subcommand(
      "analyze", "Connectivity, bridges, articulation points, every single failure (N-1) and shared-risk group");
  analyze->add_option("file", o.analyze.file, "Twin YAML, GraphML or sites.csv")->required();
  analyze->add_flag("--json", o.analyze.json, "Print one JSON object");
  analyze->add_option("--top", o.analyze.top, "How many of the worst failures to list")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  analyze->add_flag("--with-backup", o.analyze.withBackup, "Count standby backup media (4G, VSAT) as in service");
  analyze->callback([&o, &cli] { cli.action = [&o, &cli] { return TwinAnalyze(o.analyze, cli.out, cli.err); }; });

  CLI::App* path = twinCmd->add_subcommand("path", "Shortest path between two sites (by id, code or name)");
  path->add_option("file", o.pathFile, "Twin file")->required();
  path->add_option("from", o.pathFrom, "Site")->required();
  path->add_option("to", o.pathTo, "Site")->required();
  path->add_option("--by", o.pathBy, "delay or hops")->check(CLI::IsMember({"delay", "hops"}))->capture_default_str();
  path->callback([&o, &cli] {
    cli.action = [&o, &cli] { return TwinPath(o.pathFile, o.pathFrom, o.pathTo, o.pathBy, cli.out, cli.err); };
  });

  CLI::App* load = twinCmd->add_subcommand(
      "load", "The conference (and VPN) load on every link as rates, with an MCU failing if you say so");
  load->add_option("file", o.load.file, "Twin YAML, GraphML or sites.csv")->required();
  load->add_option("--profile", o.load.profile, "Conference profile (default: the twin's active one)");
  load->add_option("--fail-mcu", o.load.failedMcus, "A site whose MCU fails: its endpoints fall back up the cascade");
  load->add_flag("--no-vpn", o.loadNoVpn, "Leave the background VPN load out");
  load->add_option("--top", o.load.top, "How many of the busiest links to list")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  load->add_flag("--json", o.load.json, "Print one JSON object");
  load->callback([&o, &cli] {
    o.load.vpn = !o.loadNoVpn;
    cli.action = [&o, &cli] { return TwinLoad(o.load, cli.out, cli.err); };
  });

  CLI::App* find = twinCmd->add_subcommand("find", "Find sites by id, code or name, with or without diacritics");
  find->add_option("file", o.findFile, "Twin file")->required();
  find->add_option("query", o.findQuery, "\"Thanh Hoa\", \"Tân Hòa, Long An\", \"commune:00001\", \"00001\"")
      ->required();
  find->callback([&o, &cli] { cli.action = [&o, &cli] { return TwinFind(o.findFile, o.findQuery, cli.out, cli.err); }; });
}

struct SimOptions {
  SimArgs args;
  std::string duration = "60", probeInterval = "5";  // as written; checked by DurationValidator
};

void AddSimCommand(CLI::App& app, SimOptions& o, Cli& cli) {
  SimArgs& simArgs = o.args;
  CLI::App* simCmd = app.add_subcommand("sim", "Run the ns-3 engine headless on a twin, with faults, and report");
  simCmd->add_option("--twin", simArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  simCmd->add_option("--preset", simArgs.preset, "Or generate this preset (" + PresetList() + ")");
  const CLI::Validator duration = DurationValidator();
  simCmd->add_option("--duration", o.duration, "Simulated time (90s, 5m, 1h30m, or seconds)")
      ->check(duration)
      ->capture_default_str();
  simCmd->add_option("--seed", simArgs.seed, "Seed")->check(SeedRange())->capture_default_str();
  simCmd->add_option("--fault", simArgs.faults,
                     "ACTION:ELEMENT@TIME, e.g. cut:route:02-primary@30s, down:province:02@1m, mcu-fail:province:79@10s "
                     "(cut, repair, down, up, mcu-fail, mcu-restore)");
  simCmd->add_option("--probe-interval", o.probeInterval,
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
  simCmd->callback([simCmd, &o, &cli] {
    o.args.conference = simCmd->count("--conference") > 0;
    o.args.durationS = *twin::ParseDurationSeconds(o.duration);
    o.args.probeIntervalS = *twin::ParseDurationSeconds(o.probeInterval);
    cli.action = [&o, &cli] { return SimCommand(o.args, cli.out, cli.err); };
  });
}

struct VerifyOptions {
  VerifyN1Args n1;
  VerifyFidelityArgs fidelity;
};

void AddVerifyCommands(CLI::App& app, VerifyOptions& o, Cli& cli) {
  CLI::App* verify = app.add_subcommand("verify", "Cross-check the engine against the twin's analysis");
  verify->require_subcommand(1);
  CLI::App* n1 = verify->add_subcommand(
      "n1", "For every single link failure, sites unreachable by probes after convergence = the analysis");
  n1->add_option("--twin", o.n1.twinFile, "Twin YAML, GraphML or sites.csv");
  n1->add_option("--preset", o.n1.preset, "Or generate this preset, e.g. province-2024:95");
  n1->add_option("--limit", o.n1.limit, "Check only the first N failures (0: all)")->capture_default_str();
  n1->callback([&o, &cli] { cli.action = [&o, &cli] { return VerifyN1Command(o.n1, cli.out, cli.err); }; });

  VerifyFidelityArgs& fidelityArgs = o.fidelity;
  CLI::App* fidelity = verify->add_subcommand(
      "fidelity", "The hybrid model (traffic as rates) against every packet in ns-3, at several loads");
  fidelity->add_option("--twin", fidelityArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  fidelity->add_option("--preset", fidelityArgs.preset, "Or generate this preset")->capture_default_str();
  fidelity->add_option("--profile", fidelityArgs.profile, "Conference profile")->capture_default_str();
  fidelity->add_option("--levels", fidelityArgs.levelsPct, "Loads of the busiest link, % of its capacity")
      ->capture_default_str();
  fidelity->add_option("--warmup", fidelityArgs.warmupS, "Seconds of packets before measuring")->capture_default_str();
  fidelity->add_option("--measure", fidelityArgs.measureS, "Seconds measured")->capture_default_str();
  fidelity->add_option("--seed", fidelityArgs.seed, "Seed")->check(SeedRange())->capture_default_str();
  fidelity->add_flag("--vpn", fidelityArgs.vpn, "Carry the background VPN load too");
  fidelity->add_flag("--json", fidelityArgs.json, "Also print the figures as one JSON object");
  fidelity->callback([fidelity, &o, &cli] {
    // --twin alone replaces the default preset rather than clashing with it.
    if (fidelity->count("--twin") > 0 && fidelity->count("--preset") == 0) o.fidelity.preset.clear();
    cli.action = [&o, &cli] { return VerifyFidelityCommand(o.fidelity, cli.out, cli.err); };
  });
}

struct SessionOptions {
  SessionArgs args;
  std::string duration = "0", until;  // as written; checked by DurationValidator
};

void AddSessionCommand(CLI::App& app, SessionOptions& o, Cli& cli) {
  SessionArgs& sessionArgs = o.args;
  CLI::App* sessionCmd = app.add_subcommand(
      "session", "A live session: commands on stdin (ping, traceroute, show ..., fault ...), answers on stdout");
  sessionCmd->add_option("--twin", sessionArgs.twinFile, "Twin YAML, GraphML or sites.csv");
  sessionCmd->add_option("--preset", sessionArgs.preset, "Or generate this preset (" + PresetList() + ")");
  sessionCmd->add_option("--seed", sessionArgs.seed, "Seed")->check(SeedRange())->capture_default_str();
  const CLI::Validator duration = DurationValidator();
  sessionCmd->add_option("--duration", o.duration, "The run ends after this (0: when the input ends)")
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
  sessionCmd->add_option("--until", o.until, "With --replay: replay to this time, then continue with new commands")
      ->check(duration);
  sessionCmd->add_flag("--script", sessionArgs.forceScript, "Read stdin as a script even on a terminal");
  sessionCmd->callback([sessionCmd, &o, &cli] {
    o.args.conference = sessionCmd->count("--conference") > 0;
    o.args.durationS = *twin::ParseDurationSeconds(o.duration);
    if (!o.until.empty()) o.args.untilS = *twin::ParseDurationSeconds(o.until);
    cli.action = [&o, &cli] { return SessionCommand(o.args, cli.in, cli.out, cli.err); };
  });
}

struct DrillOptions {
  std::vector<std::string> checkFiles;
  bool play = false;
  std::string seeds = "1";
  std::string newNetwork, newIncident, newFile;
  DrillRunArgs run;
  std::string replayJournal;
  bool replayJson = false;
};

void AddDrillCommands(CLI::App& app, DrillOptions& o, Cli& cli) {
  CLI::App* drillCmd = app.add_subcommand("drill", "Drills: check them, run them headless");
  drillCmd->require_subcommand(1);
  CLI::App* drillCheck = drillCmd->add_subcommand("check", "Check drill files: every problem at once (exit 2)");
  drillCheck->add_option("files", o.checkFiles, "Drill files (scenarios/*.yaml)")->required();
  drillCheck->add_flag("--play", o.play,
                       "Also play each drill with no actions (on the fake network) and report every objective nothing in it breaks");
  drillCheck->add_option("--seeds", o.seeds, "With --play: the seeds to play, 1-5 or 1,3,7")->capture_default_str();
  drillCheck->callback([&o, &cli] {
    cli.action = [&o, &cli] { return DrillCheckCommand(o.checkFiles, o.play, o.seeds, cli.out, cli.err); };
  });

  CLI::App* drillNew = drillCmd->add_subcommand("new", "Write a commented drill skeleton that passes drill check");
  drillNew->add_option("--network", o.newNetwork, "A preset (province-2025:44, tiny, ...) or file:PATH")->required();
  drillNew->add_option("--incident", o.newIncident, "fibre-cut, power, misconfiguration or ddos")->required();
  drillNew->add_option("-o,--output", o.newFile, "The drill file to write (its name gives the id)")->required();
  drillNew->callback([&o, &cli] {
    cli.action = [&o, &cli] { return DrillNewCommand(o.newNetwork, o.newIncident, o.newFile, cli.out, cli.err); };
  });

  DrillRunArgs& drillRun = o.run;
  CLI::App* drillRunCmd = drillCmd->add_subcommand("run", "Run a drill headless, with a scripted trainee, and score it");
  drillRunCmd->add_option("file", drillRun.file, "The drill")->required();
  drillRunCmd->add_option("--seed", drillRun.seed, "The variant")->check(SeedRange())->capture_default_str();
  drillRunCmd->add_option("--actions", drillRun.actions, "A scripted trainee: YAML list of {at, do}");
  drillRunCmd->add_option("--lang", drillRun.lang, "vi or en")->check(CLI::IsMember({"vi", "en"}))->capture_default_str();
  drillRunCmd->add_flag("--json", drillRun.json, "Print the score, objectives and fingerprint as JSON");
  drillRunCmd->add_option("--report", drillRun.report, "Write the after-action report (HTML)");
  drillRunCmd->add_option("--record", drillRun.record, "Write the session's journal");
  drillRunCmd->add_option("--assist", drillRun.assist, "guided, standard or exam: overrides the drill's assist level")
      ->check(CLI::IsMember({"guided", "standard", "exam"}));
  drillRunCmd->add_option("--trainee", drillRun.trainee, "The trainee's name: in the report, and the run kept in the records");
  drillRunCmd->add_option("--db", drillRun.db, "The records file (default: " + drill::Records::DefaultPath() + ")");
  drillRunCmd->callback([&o, &cli] { cli.action = [&o, &cli] { return DrillRunCommand(o.run, cli.out, cli.err); }; });

  CLI::App* drillReplay = drillCmd->add_subcommand("replay", "Re-run a recorded drill from its journal, to the same result");
  drillReplay->add_option("journal", o.replayJournal, "The journal (drill run --record)")->required();
  drillReplay->add_flag("--json", o.replayJson, "Print the score, objectives and fingerprint as JSON");
  drillReplay->callback([&o, &cli] {
    cli.action = [&o, &cli] { return DrillReplayCommand(o.replayJournal, o.replayJson, cli.out, cli.err); };
  });
}

struct RecordsOptions {
  std::string db, trainee, drill, file;
  bool csv = false;
  bool trend = false;
};

void AddRecordsCommands(CLI::App& app, RecordsOptions& o, Cli& cli) {
  CLI::App* recordsCmd = app.add_subcommand("records", "Trainee records: every named trainee's scored drills");
  recordsCmd->require_subcommand(1);
  CLI::App* recordsList = recordsCmd->add_subcommand("list", "List the runs");
  CLI::App* recordsExport = recordsCmd->add_subcommand("export", "Export the runs and their objectives");
  for (CLI::App* sub : {recordsList, recordsExport}) {
    sub->add_option("--db", o.db, "The records file (default: " + drill::Records::DefaultPath() + ")");
    sub->add_option("--trainee", o.trainee, "Only this trainee");
    sub->add_option("--drill", o.drill, "Only this drill (its id)");
  }
  recordsExport->add_flag("--csv", o.csv, "As CSV (the only format)")->required();
  recordsList->add_flag("--trend", o.trend, "Per skill (detect, diagnose, restore, communicate): the trainee's share of the points, run by run");
  recordsExport->add_option("-o,--output", o.file, "Write here instead of standard output");
  recordsList->callback(
      [&o, &cli] { cli.action = [&o, &cli] { return RecordsListCommand(o.db, o.trainee, o.drill, o.trend, cli.out, cli.err); }; });
  recordsExport->callback([&o, &cli] {
    cli.action = [&o, &cli] { return RecordsExportCommand(o.db, o.trainee, o.drill, o.file, cli.out, cli.err); };
  });
}

// Parses the arguments and runs what they chose. --help and --version print to
// `out` and succeed; any other parse error prints to `err`: invalid input.
int ParseAndRun(CLI::App& app, const std::vector<std::string>& args, Cli& cli) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes the last argument first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      // --help on a subcommand, or --version
      std::ostringstream o, x;
      app.exit(e, o, x);
      cli.out << o.str() << x.str();
      return kExitOk;
    }
    std::ostringstream o, x;
    app.exit(e, o, x);
    cli.err << o.str() << x.str();
    return kExitInvalidInput;
  }
  return cli.action();
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, std::istream& in) {
  CLI::App app{"NetDrill: training simulator and digital twin of the national dedicated data network"};
  app.name("netdrill");
  app.set_version_flag("--version", NETDRILL_VERSION);
  app.require_subcommand(0, 1);
  Cli cli{out, err, in, {}};
  cli.action = [&cli] { return GuiCommand(GuiArgs{}, cli.out, cli.err); };  // no subcommand: the console

  // Declared in this order because the help lists the commands in it.
  WhatifOptions whatifOptions;
  AddWhatifCommands(app, whatifOptions, cli);
  GuiOptions guiOptions;
  AddGuiCommand(app, guiOptions, cli);
  TwinOptions twinOptions;
  AddTwinCommands(app, twinOptions, cli);
  SimOptions simOptions;
  AddSimCommand(app, simOptions, cli);
  VerifyOptions verifyOptions;
  AddVerifyCommands(app, verifyOptions, cli);
  SessionOptions sessionOptions;
  AddSessionCommand(app, sessionOptions, cli);
  DrillOptions drillOptions;
  AddDrillCommands(app, drillOptions, cli);
  RecordsOptions recordsOptions;
  AddRecordsCommands(app, recordsOptions, cli);
  ClassOptions classOptions;
  AddClassCommands(app, classOptions, cli.action, cli.out, cli.err);

  return ParseAndRun(app, args, cli);
}

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return RunCli(args, out, err);
}

}  // namespace netdrill::app
