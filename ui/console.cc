#include "ui/console.h"

#include "ui/panels/panels.h"
#include "ui/widgets.h"

#include <chrono>

namespace netdrill::ui {

namespace {

// The right-hand tabs, in order; the instructor's and the debrief's only in their modes.
struct TabSpec {
  Str title;
  void (*draw)(ConsoleContext&);
  bool instructorOnly;
  bool debriefOnly;
};
constexpr TabSpec kTabs[] = {
    {Str::Debrief, DrawDebriefPanel, false, true},
    {Str::Instructor, DrawInstructorPanel, true, false},
    {Str::Kpi, DrawKpiPanel, false, false},
    {Str::Inspector, DrawInspectorPanel, false, false},
    {Str::Actions, DrawActionsPanel, false, false},
    {Str::Procedure, DrawProcedurePanel, false, false},
    {Str::Objectives, DrawObjectivesPanel, false, false},
    {Str::Tickets, DrawTicketsPanel, false, false},
    {Str::Messages, DrawMessagesPanel, false, false},
};

// The fixed windows tile the screen and draw no background of their own: the
// window's clear colour is theirs. Software GL pays for every pixel filled,
// and a full-screen fill under the panels costs a few ms a frame on llvmpipe.
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBackground;

void Place(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
}

}  // namespace

void ConsoleContext::SelectElement(const std::string& element) {
  const twin::Twin& twin = host.Twin();
  for (const twin::Link& l : twin.Links()) {
    if (l.id == element) {
      state.selectedLink = element;
      return;
    }
  }
  // A router "site/r1" names its site; a site is itself.
  const std::string site = element.substr(0, element.rfind("/r") != std::string::npos ? element.rfind("/r") : element.size());
  const auto match = host.Names().Find(site);
  if (match.IsUnique()) Select(twin.GetSite(match.sites.front()).id);
}

std::string ConsoleContext::ClockAt(double t) const { return TimeOfDay(host.CurrentDrill().clock, t); }

ConsoleContext Console::Context() {
  // Names follow the running drill's twin and the language chosen.
  const twin::Twin* twin = m_state.screen == Screen::Drill || m_state.screen == Screen::Debrief ? &m_host.Twin() : nullptr;
  if (twin != m_textTwin || m_state.lang != m_textLang) {
    m_text.Reset(twin, m_state.lang);
    m_textTwin = twin;
    m_textLang = m_state.lang;
  }
  return ConsoleContext{m_host, m_state, m_map.get(), m_fonts, m_options.assetsDir, &m_text};
}

Console::Console(ConsoleHost& host, ConsoleOptions options, ConsoleFonts fonts)
    : m_host(host), m_options(std::move(options)), m_fonts(fonts), m_planner(m_options.assetsDir) {
  m_state.lang = m_options.lang;
}

Console::~Console() = default;

bool Console::EnterInstructor() {
  const bool ok = !m_options.instructorPassphrase.empty() && m_state.passphraseTyped == m_options.instructorPassphrase;
  m_state.passphraseRefused = !ok;
  if (ok) m_state.role = ConsoleRole::Instructor;
  m_state.passphraseTyped.clear();
  return ok;
}

bool Console::StartDrill() {
  m_state.startRequested = false;
  if (m_state.instructorRequested) {
    m_state.instructorRequested = false;
    if (!EnterInstructor()) return false;
  }
  if (m_state.role == ConsoleRole::Planner) return false;
  const auto library = m_host.Library();
  StartRequest request;
  request.replay = m_state.replayPath;
  if (request.replay.empty()) {
    if (m_state.libraryIndex < 0 || m_state.libraryIndex >= static_cast<int>(library.size())) return false;
    request.file = library[m_state.libraryIndex].file;
  }
  request.seed = static_cast<std::uint64_t>(m_state.seed);
  if (m_state.assistChoice > 0) request.assist = drill::AssistWords().at(static_cast<std::size_t>(m_state.assistChoice - 1)).second;
  request.trainee = m_state.trainee;
  request.lang = m_state.lang == Lang::En ? "en" : "vi";
  return Start(request);
}

bool Console::Start(const StartRequest& request) {
  std::string error;
  if (!m_host.Start(request, error)) {
    m_state.startError = error;
    return false;
  }
  m_state.startError.clear();
  m_state.screen = Screen::Drill;
  m_textTwin = nullptr;  // a new twin, perhaps at the old one's address: its names are new
  m_state.terminal.clear();
  m_state.selectedSite.clear();
  m_state.selectedLink.clear();
  m_state.scrubAt = -1;
  m_state.result = m_host.Result();
  BuildMap();
  return true;
}

void Console::BuildMap() {
  twin::Diagnostics diags;
  auto geometry = LoadMapGeometry(m_options.assetsDir, m_host.Era(), diags);
  if (!geometry) {
    for (const auto& d : diags.Items()) m_state.terminal.push_back({TerminalLine::Kind::Error, d.file + ": " + d.message});
    geometry = MapGeometry{};
  }
  m_map = std::make_unique<MapView>(m_host.Twin(), std::move(*geometry));
  m_map->SetLayerCache(m_mapCache);
  m_mapFitted = false;
}

void Console::TakeAnswers() {
  for (const session::Answer& a : m_host.TakeAnswers()) {
    if (a.role == session::Role::Scenario) continue;  // injects speak through alarms and callers, not the terminal
    if (!a.error && a.pace) continue;  // the top bar shows the pace
    // The map draws the path of this console's own last traceroute, as far as it answered.
    if (a.path && a.role == SessionRole(m_state.role) && m_map) {
      std::vector<int> links;
      for (twin::LinkId l : *a.path) links.push_back(static_cast<int>(l.Index()));
      m_map->SetTracePath(std::move(links));
    }
    // Each id is followed by its name where it first appears: the id is what a command takes.
    m_state.terminal.push_back({a.error ? TerminalLine::Kind::Error : TerminalLine::Kind::Answer,
                                a.error ? a.text : m_text.Annotated(a.text)});
  }
  while (m_state.terminal.size() > 2000) m_state.terminal.pop_front();
}

void Console::SendOutbox() {
  for (const ConsoleState::Outgoing& o : m_state.outbox) {
    // A refusal comes back with the answers (TakeAnswers), like every other reply: printed once.
    if (o.args) {
      session::Command command = session::MakeCommand(o.role, *o.args, m_host.Twin());
      m_state.terminal.push_back({TerminalLine::Kind::Command, "> " + command.text});
      m_host.Submit(std::move(command));
    } else {
      m_state.terminal.push_back({TerminalLine::Kind::Command, "> " + o.line});
      m_host.Submit(o.line, o.role);
    }
  }
  m_state.outbox.clear();
}

void Console::Frame() {
  ImGui::GetIO().FontGlobalScale = m_state.fontScale;
  if (m_map) m_map->SetPalette(m_state.palette);
  ConsoleContext c = Context();
  if (m_state.screen == Screen::Start) {
    DrawStartScreen(c);
    if (m_state.startRequested) StartDrill();
    return;
  }
  if (m_state.screen == Screen::Planner) {
    DrawPlannerScreen(c, m_planner, m_plannerMaps);
    return;
  }
  // The snapshot this frame shows: the latest, or the debrief's chosen second.
  if (m_state.screen == Screen::Debrief && m_state.scrubAt >= 0) {
    std::shared_ptr<const session::Snapshot> at;
    for (const auto& snap : m_host.History()) {
      if (snap->simTime > m_state.scrubAt + 1e-9) break;
      at = snap;
    }
    m_state.view = at != nullptr ? at : m_host.Latest();
  } else {
    m_state.view = m_host.Latest();
  }
  // The score, objectives and series are refreshed about twice a second, not every frame.
  using Clock = std::chrono::steady_clock;
  if (m_state.screen == Screen::Drill && Clock::now() - m_lastRefresh > std::chrono::milliseconds(500)) {
    m_state.result = m_host.Result();
    m_lastRefresh = Clock::now();
  }
  if (m_state.jumpTo >= 0 && m_state.view != nullptr && m_state.view->simTime >= m_state.jumpTo) {
    m_state.jumpTo = -1;
    c.SendAs(session::cmd::SetPace{session::Verb::Speed, 1.0}, session::Role::Instructor);
  }
  DrillScreen();
  if (m_state.screen == Screen::Drill) {
    SendOutbox();
    TakeAnswers();
  } else {
    m_state.outbox.clear();
  }
  if (m_state.finishRequested || (m_state.screen == Screen::Drill && m_host.Finished())) {
    m_state.finishRequested = false;
    m_host.Finish();
    m_state.result = m_host.Result();
    m_state.screen = Screen::Debrief;
    m_state.scrubAt = -1;
    m_state.requestTab = static_cast<int>(Str::Debrief);
  }
  if (m_state.continueRequested) {
    m_state.continueRequested = false;
    std::string error;
    const double at = m_state.scrubAt >= 0 ? m_state.scrubAt : (m_state.view ? m_state.view->simTime : 0.0);
    if (m_host.ContinueFrom(at, error)) {
      m_state.screen = Screen::Drill;
      m_state.scrubAt = -1;
      m_state.result = m_host.Result();
    } else {
      m_state.reportSaved = error;
    }
  }
}

void Console::DrillScreen() {
  ConsoleContext c = Context();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float top = 38.0f;
  // Top row: the map and the tabs; bottom row: the alarm list, wider than the map so
  // its text column has room beside the names and buttons, and the terminal.
  const float leftW = display.x * 0.58f;
  const float alarmsW = display.x * 0.68f;
  const float mapH = (display.y - top) * 0.6f;
  const float rightTopH = mapH;

  Place({0, 0}, {display.x, top});
  ImGui::Begin("##top", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  DrawTopBar(c);
  ImGui::End();

  Place({0, top}, {leftW, mapH});
  ImGui::Begin((std::string(c.T(Str::Map)) + "###map").c_str(), nullptr, kFixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  if (!m_mapFitted && m_map) {
    m_map->FitAll({leftW - 16, mapH - 60});
    m_mapFitted = true;
  }
  DrawMapPanel(c);
  ImGui::End();

  Place({0, top + mapH}, {alarmsW, display.y - top - mapH});
  ImGui::Begin((std::string(c.T(Str::Alarms)) + "###alarms").c_str(), nullptr, kFixed);
  DrawAlarmPanel(c);
  ImGui::End();

  Place({leftW, top}, {display.x - leftW, rightTopH});
  ImGui::Begin("##right", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  if (ImGui::BeginTabBar("##tabs")) {
    for (const TabSpec& tab : kTabs) {
      if (tab.instructorOnly && !c.Instructor()) continue;
      if (tab.debriefOnly && m_state.screen != Screen::Debrief) continue;
      ImGuiTabItemFlags flags = 0;
      if (m_state.requestTab == static_cast<int>(tab.title)) {
        flags |= ImGuiTabItemFlags_SetSelected;
        m_state.requestTab = -1;
      }
      const bool open = ImGui::BeginTabItem((std::string(c.T(tab.title)) + "###" + StrName(tab.title)).c_str(), nullptr, flags);
      ProbeLastItem(StrName(tab.title));
      if (open) {
        tab.draw(c);
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();

  Place({alarmsW, top + rightTopH}, {display.x - alarmsW, display.y - top - rightTopH});
  ImGui::Begin((std::string(c.T(Str::Terminal)) + "###terminal").c_str(), nullptr, kFixed);
  DrawTerminalPanel(c);
  ImGui::End();
}

}  // namespace netdrill::ui
