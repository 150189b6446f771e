// The console's frame time in software OpenGL (llvmpipe) at 1600×900, on the
// national-2024 twin: (a) country zoom, every site at its level of detail,
// (b) zoomed on Hà Nội with all its communes; each with the drill paused and
// running (a backbone route cut at 10 s); and the `panning` cases (issue 16):
// the map dragged and zoomed every frame across the country, then across Hà
// Nội with all its communes, the drill running. Target (issues 7, 16): median
// < 16 ms, p95 < 33 ms in every case. Run it under Xvfb:
//
//   xvfb-run -a -s "-screen 0 1600x900x24" ./build/bench/ui-bench [--frames 200]
#include "app/gui-command.h"
#include "bench/bench-support.h"
#include "twin/admin-data.h"
#include "ui/console.h"
#include "ui/window.h"

#include <GL/gl.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace netdrill;

namespace {

// A drill on the whole national-2024 network, written for the benchmark.
std::string WriteBenchDrill() {
  const auto dir = std::filesystem::temp_directory_path() / "netdrill-ui-bench";
  std::filesystem::create_directories(dir);
  const auto file = dir / "national-2024-bench.yaml";
  std::ofstream(file) << R"(drill: 1
id: ui-bench-national-2024
title: {vi: Đo tốc độ khung hình toàn quốc, en: National frame-time benchmark}
briefing: {vi: Đo khung hình., en: Frame times.}
duration: 30m
network: national-2024
events:
  - at: 10s
    do: "fault cut:route:01-48-a"
objectives:
  - id: look
    title: {vi: Xem cảnh báo, en: Look at the alarms}
    task: action
    command: "show alarms"
    by: 30m
    weight: 100
)";
  return file.string();
}

struct Stats {
  double median = 0, p95 = 0;
};

// A drag and a zoom each frame, as a hand moves the map: a slow circle with a zoom that breathes in and out.
using Motion = std::function<void(int frame)>;

Stats Measure(ui::ConsoleWindow& window, ui::Console& console, int frames, const Motion& move = {}) {
  std::string error;
  for (int i = 0; i < 10; ++i) {  // warm-up: shaders, font texture, first layouts
    window.BeginFrame();
    console.Frame();
    window.EndFrame("", error);
    glFinish();
  }
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) {
    if (move) move(i);
    ms.push_back(bench::Milliseconds([&] {
      window.BeginFrame();
      console.Frame();
      window.EndFrame("", error);
      glFinish();  // the frame is only done when llvmpipe has drawn it
    }));
  }
  std::sort(ms.begin(), ms.end());
  return {bench::Median(ms), ms[static_cast<std::size_t>(0.95 * static_cast<double>(ms.size() - 1))]};
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 200;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--frames") == 0) frames = std::atoi(argv[i + 1]);
  bench::PrintMachineAndCommand(argc, argv);
  if (!ui::HasDisplay()) {
    std::cerr << "ui-bench: no display; run it under xvfb-run -a -s \"-screen 0 1600x900x24\"\n";
    return 1;
  }
  std::string error;
  ui::WindowOptions wo;
  wo.vsync = false;
  auto window = ui::ConsoleWindow::Open(wo, error);
  if (!window) {
    std::cerr << "ui-bench: " << error << '\n';
    return 1;
  }
  if (const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER))) std::printf("renderer: %s\n", r);
  ui::ConsoleHostOptions ho = app::EngineHostOptions();
  ho.startSpeed = 0.0;
  ho.keepRecords = false;
  ho.journalDir = "-";
  ui::DrillHost host(ho);
  ui::ConsoleOptions co;
  co.assetsDir = twin::AssetsDir();
  ui::Console console(host, co, window->Fonts());
  const bool cached = !(argc > 1 && std::strcmp(argv[argc - 1], "--no-layer-cache") == 0);
  if (cached) console.SetMapLayerCache(window->MapCache());
  std::printf("map layer cache: %s\n", cached && window->MapCache() != nullptr ? "on (a GL texture)" : "off (drawn every frame)");
  ui::StartRequest request;
  request.file = WriteBenchDrill();
  const double buildS = bench::Seconds([&] {
    if (!console.Start(request)) {
      std::cerr << "ui-bench: " << console.State().startError << '\n';
      std::exit(1);
    }
  });
  std::printf("national-2024: %zu sites, %zu links; drill started in %.1f s\n", host.Twin().Sites().size(),
              host.Twin().Links().size(), buildS);
  host.RunUntil(15);  // the backbone cut's alarms are up
  console.State().selectedSite = "province:01";

  // Hà Nội's box: every site of province 01.
  ui::MapPoint lo{1e9f, 1e9f}, hi{-1e9f, -1e9f};
  for (const auto& s : host.Twin().Sites()) {
    if (s.provinceCode != "01" || !s.position) continue;
    const ui::MapPoint p = ui::Project(s.position->lat, s.position->lon);
    lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
    hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
  }
  std::printf("%-34s %8s %8s %7s %7s %s\n", "case", "median", "p95", "sites", "links", "target (16 / 33 ms)");
  bool allMet = true;
  for (int zoom = 0; zoom < 2; ++zoom) {
    for (int running = 0; running < 2; ++running) {
      host.Submit(running ? "speed 1" : "pause", session::Role::Instructor);
      // The first frame fits the country; the Hà Nội case zooms in after it.
      window->BeginFrame();
      console.Frame();
      window->EndFrame("", error);
      const ImVec2 mapSize{1600 * 0.58f - 16, (900 - 38) * 0.6f - 60};
      if (zoom == 0) console.Map()->FitAll(mapSize);
      else console.Map()->FocusBox(lo, hi, mapSize);
      const Stats s = Measure(*window, console, frames);
      const bool met = s.median < 16.0 && s.p95 < 33.0;
      allMet = allMet && met;
      const std::string name = std::string(zoom == 0 ? "(a) country zoom" : "(b) Hà Nội, all communes") +
                               (running ? ", running" : ", paused");
      std::printf("%-34s %6.2f ms %6.2f ms %7d %7d %s\n", name.c_str(), s.median, s.p95, console.Map()->DrawnSites(),
                  console.Map()->DrawnLinks(), met ? "met" : "NOT met");
    }
  }
  std::printf("zoom tiers: country shows tier 0 (core, provinces); Hà Nội shows tier %d (communes)\n",
              console.Map()->VisibleTier());

  // Panning and zooming: 4 px a frame on a circle (a full turn in 200 frames), the zoom
  // breathing ±15 % about the map's centre, the drill running.
  host.Submit("speed 1", session::Role::Instructor);
  const ImVec2 mapSize{1600 * 0.58f - 16, (900 - 38) * 0.6f - 60};
  for (int zoom = 0; zoom < 2; ++zoom) {
    window->BeginFrame();
    console.Frame();
    window->EndFrame("", error);
    if (zoom == 0) console.Map()->FitAll(mapSize);
    else console.Map()->FocusBox(lo, hi, mapSize);
    const int drawsBefore = console.Map()->LayerDraws();
    const ImVec2 centre{console.Map()->LastRectMin().x + mapSize.x / 2, console.Map()->LastRectMin().y + mapSize.y / 2};
    const Stats s = Measure(*window, console, frames, [&](int i) {
      const float a = 6.2831853f * static_cast<float>(i) / 200.0f;
      console.Map()->PanBy({4.0f * std::cos(a), 4.0f * std::sin(a)});
      console.Map()->ZoomAbout(centre, i % 40 < 20 ? 1.007f : 1.0f / 1.007f);
    });
    const bool met = s.median < 16.0 && s.p95 < 33.0;
    allMet = allMet && met;
    const std::string name = zoom == 0 ? "panning: country, running" : "panning: Hà Nội communes, running";
    std::printf("%-34s %6.2f ms %6.2f ms %7d %7d %s\n", name.c_str(), s.median, s.p95, console.Map()->DrawnSites(),
                console.Map()->DrawnLinks(), met ? "met" : "NOT met");
    std::printf("  the layer drawn in full %d times in %d frames (the rest: the last drawing moved and scaled)\n",
                console.Map()->LayerDraws() - drawsBefore, frames + 10);
  }
  host.Finish();
  return allMet ? 0 : 2;
}
