// The console's window: GLFW with an OpenGL 3 context, Dear ImGui's GLFW and
// OpenGL3 backends, the fonts, DPI scaling, and screenshots to PNG.
#pragma once

#include "ui/console-context.h"
#include "ui/map-view.h"

#include <memory>
#include <string>

struct GLFWwindow;

namespace netdrill::ui {

/// @brief Whether a display is there to open a window on ($DISPLAY or $WAYLAND_DISPLAY).
bool HasDisplay();

struct WindowOptions {
  int width = 1600;
  int height = 900;
  std::string title = "NetDrill";
  bool vsync = true;
};

class ConsoleWindow {
public:
  /// @brief Opens the window and its ImGui context; nullptr with `error` when it cannot.
  static std::unique_ptr<ConsoleWindow> Open(const WindowOptions& options, std::string& error);
  ~ConsoleWindow();
  ConsoleWindow(const ConsoleWindow&) = delete;
  ConsoleWindow& operator=(const ConsoleWindow&) = delete;

  bool ShouldClose() const;
  /// @brief Polls events and starts an ImGui frame.
  void BeginFrame();
  /// @brief Renders the frame; with `screenshot`, also saves it as a PNG before the swap.
  bool EndFrame(const std::string& screenshot, std::string& error);
  const ConsoleFonts& Fonts() const { return m_fonts; }
  /// @brief The map's layer kept in a GL texture (an offscreen framebuffer), or null without GL 3 framebuffers.
  MapLayerCache* MapCache() { return m_mapCache.get(); }
  float Scale() const { return m_scale; }

private:
  ConsoleWindow() = default;
  GLFWwindow* m_window = nullptr;
  std::unique_ptr<MapLayerCache> m_mapCache;
  ConsoleFonts m_fonts;
  float m_scale = 1.0f;
};

/// @brief Writes the current GL back buffer (width × height) to a PNG.
bool SaveBackBufferPng(int width, int height, const std::string& path, std::string& error);

}  // namespace netdrill::ui
