// What the console's logic tests share: an ImGui context with its font atlas,
// frames run by hand, mouse and keys injected; a drill on the fake network
// model (no ns-3) with its console.
#pragma once

#include "drill/drill.h"
#include "tests/drill/drill-support.h"
#include "twin/admin-data.h"
#include "ui/console.h"
#include "ui/drill-host.h"
#include "ui/fonts.h"
#include "ui/strings.h"
#include "ui/widgets.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <memory>
#include <optional>
#include <string>

namespace netdrill::test {

using namespace netdrill;


inline const std::string kCommuneCut = std::string(NETDRILL_SOURCE_DIR) + "/scenarios/commune-cut-backup.yaml";

// One ImGui context, fonts built, a 1600×900 display, the probe on.
struct Harness {
  Harness() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = {1600, 900};
    io.DeltaTime = 1.0f / 60.0f;
    fonts = ui::LoadConsoleFonts(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    ui::EnableItemProbe(true);
  }
  ~Harness() {
    ui::EnableItemProbe(false);
    ImGui::DestroyContext();
  }
  void Frame(ui::Console& console) {
    ui::ClearItemProbe();
    ImGui::NewFrame();
    console.Frame();
    ImGui::Render();
  }
  void Frames(ui::Console& console, int n) {
    for (int i = 0; i < n; ++i) Frame(console);
  }
  /// The first item drawn with this label in the last frame.
  std::optional<ui::ItemRect> Find(const std::string& label) const {
    for (const auto& [l, r] : ui::ProbedItems())
      if (l == label) return r;
    return std::nullopt;
  }
  bool Click(ui::Console& console, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    Frame(console);
    io.MouseDown[0] = true;
    Frame(console);
    io.MouseDown[0] = false;
    Frame(console);
    Frame(console);  // what the click changed, drawn
    return true;
  }
  /// Clicks the item with this label (as drawn in the last frame); false when it is not on screen.
  bool Click(ui::Console& console, const std::string& label) {
    const auto r = Find(label);
    if (!r) return false;
    return Click(console, r->Centre());
  }
  void Type(ui::Console& console, const std::string& keys) {
    for (char ch : keys) {
      ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(ch));
      Frame(console);
    }
  }
  ui::ConsoleFonts fonts;
};

struct Drill {
  explicit Drill(ui::ConsoleOptions options = {}) : host(HostOptions()) {
    if (options.assetsDir.empty()) options.assetsDir = twin::AssetsDir();
    console = std::make_unique<ui::Console>(host, options, harness.fonts);
  }
  static ui::ConsoleHostOptions HostOptions() {
    ui::ConsoleHostOptions o;
    o.model = session::FakeNetworkModel::Factory();
    o.version = "test";
    o.scenariosDir = std::string(NETDRILL_SOURCE_DIR) + "/scenarios";
    o.startSpeed = 0.0;
    o.keepRecords = false;
    o.journalDir = "-";
    return o;
  }
  void Start(const std::string& file = kCommuneCut) {
    ui::StartRequest r;
    r.file = file;
    r.seed = 1;
    REQUIRE(console->Start(r));
  }
  std::string Pick(const std::string& ref) const { return drill::Substitute(ref, host.CurrentPicks()); }
  // Simulated time passes (commands apply at ticks), then the console draws what came back.
  void RunTo(double t) {
    host.RunUntil(t);
    harness.Frames(*console, 3);
  }
  double Now() const { return host.Latest()->simTime; }
  Harness harness;
  ui::DrillHost host;
  std::unique_ptr<ui::Console> console;
};

inline const char* Vi(ui::Str s) { return ui::Tr(s, ui::Lang::Vi); }

}  // namespace netdrill::test
