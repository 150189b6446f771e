#include "app/gui-command.h"

#include "app/cli.h"
#include "sim/engine.h"
#include "app/headless-job.h"
#include "drill/procedure.h"
#include "twin/admin-data.h"
#include "ui/console.h"
#include "ui/window.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace netdrill::app {

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

ui::ConsoleHostOptions EngineHostOptions() {
  ui::ConsoleHostOptions o;
  o.model = sim::EngineModel();
  o.version = NETDRILL_VERSION;
  o.scenariosDir = drill::LibraryDir();
  return o;
}

namespace {

std::string Passphrase() {
  const char* p = std::getenv("NETDRILL_INSTRUCTOR_PASSPHRASE");
  return p != nullptr ? p : "";
}

int TabKey(const std::string& tab) {
  static const std::map<std::string, ui::Str> tabs{
      {"kpi", ui::Str::Kpi},         {"inspector", ui::Str::Inspector},   {"actions", ui::Str::Actions},
      {"procedure", ui::Str::Procedure}, {"objectives", ui::Str::Objectives}, {"tickets", ui::Str::Tickets},
      {"messages", ui::Str::Messages}, {"instructor", ui::Str::Instructor}, {"debrief", ui::Str::Debrief}};
  auto it = tabs.find(tab);
  return it == tabs.end() ? -1 : static_cast<int>(it->second);
}

}  // namespace

int GuiCommand(const GuiArgs& args, std::ostream& out, std::ostream& err) {
  if (!ui::HasDisplay()) {
    if (!args.screenshot.empty()) {
      err << "netdrill gui: no display to render on; run it under xvfb-run (xvfb-run -a netdrill gui ...)\n";
      return kExitFailure;
    }
    out << "netdrill: no display ($DISPLAY is not set), so the console cannot open; running the headless job "
           "instead.\n";
    return HeadlessJob(out, err);
  }
  if (args.instructor && (Passphrase().empty() || args.passphrase != Passphrase())) {
    err << "netdrill gui: --instructor needs --passphrase equal to $NETDRILL_INSTRUCTOR_PASSPHRASE\n";
    return kExitInvalidInput;
  }
  std::string error;
  ui::WindowOptions wo;
  wo.width = args.width;
  wo.height = args.height;
  wo.vsync = args.screenshot.empty();
  auto window = ui::ConsoleWindow::Open(wo, error);
  if (!window) {
    err << "netdrill gui: " << error << '\n';
    return kExitFailure;
  }
  ui::ConsoleHostOptions ho = EngineHostOptions();
  ho.startSpeed = args.until >= 0 || !args.screenshot.empty() ? 0.0 : 1.0;
  if (!args.screenshot.empty()) ho.journalDir = "-";
  ui::DrillHost host(ho);
  ui::ConsoleOptions co;
  co.assetsDir = twin::AssetsDir();
  co.instructorPassphrase = Passphrase();
  co.lang = args.lang == "en" ? ui::Lang::En : ui::Lang::Vi;
  ui::Console console(host, co, window->Fonts());
  console.SetMapLayerCache(window->MapCache());
  console.State().trainee = args.trainee;
  console.State().seed = static_cast<int>(args.seed);
  if (!args.plannerEdit.empty()) {
    console.State().role = ui::ConsoleRole::Planner;
    console.State().screen = ui::Screen::Planner;
    console.State().plannerBase = args.plannerBase.empty() ? "province-2024:44" : args.plannerBase;
    console.State().plannerEdit = args.plannerEdit;
    console.Planner().Start(console.State().plannerBase, args.plannerEdit);
    if (!args.screenshot.empty()) console.Planner().Wait();
  }
  if (!args.drill.empty()) {
    if (args.instructor) console.State().role = ui::ConsoleRole::Instructor;
    ui::StartRequest request;
    request.file = args.drill;
    request.seed = args.seed;
    request.assist = drill::ParseAssist(args.assist);
    request.trainee = args.trainee;
    request.lang = args.lang;
    if (!console.Start(request)) {
      err << "netdrill gui: " << console.State().startError << '\n';
      return kExitInvalidInput;
    }
    // Scripted commands at their simulated seconds, each echoed in the terminal as if typed.
    auto commands = args.commands;
    std::stable_sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, command] : commands) {
      host.RunUntil(at);
      console.State().outbox.push_back({command, ui::SessionRole(console.State().role), std::nullopt});
      // A command waits for the clock's next tick (paused, it waits until resumed): one tick
      // on, and a frame, so each answer follows its command in the terminal as when typed.
      for (int i = 0; i < 2; ++i) {
        window->BeginFrame();
        console.Frame();
        window->EndFrame("", error);
        if (i == 0) host.RunUntil(at + 1e-3);
      }
    }
    if (args.until >= 0) host.RunUntil(args.until);
    if (!args.select.empty()) {
      window->BeginFrame();
      console.Frame();  // the map needs one frame to know its size
      window->EndFrame("", error);
      ui::ConsoleContext c = console.Context();
      c.SelectElement(args.select);
      const auto match = host.Names().Find(args.select);
      if (match.IsUnique() && console.Map() != nullptr)
        console.Map()->FocusSite(static_cast<int>(match.sites.front().Index()),
                                 {static_cast<float>(args.width) * 0.56f, static_cast<float>(args.height) * 0.5f});
    }
    if (args.debrief) console.State().finishRequested = true;
    if (!args.tab.empty()) console.State().requestTab = TabKey(args.tab);
  }
  int frame = 0;
  while (!window->ShouldClose() && !console.WantsQuit()) {
    window->BeginFrame();
    console.Frame();
    if (!args.tab.empty() && frame == 1) console.State().requestTab = TabKey(args.tab);  // after the debrief opened
    ++frame;
    const bool last = !args.screenshot.empty() && frame >= std::max(args.frames, 3);
    if (!window->EndFrame(last ? args.screenshot : "", error)) {
      err << "netdrill gui: " << error << '\n';
      return kExitFailure;
    }
    if (last) {
      out << "saved " << args.screenshot << " (" << args.width << "x" << args.height << ", " << frame << " frames)\n";
      break;
    }
  }
  host.Finish();
  return kExitOk;
}

}  // namespace netdrill::app
