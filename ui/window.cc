#include "ui/window.h"

#include "ui/fonts.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <vector>

namespace netdrill::ui {

bool HasDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* w = std::getenv("WAYLAND_DISPLAY");
  return (x != nullptr && *x != '\0') || (w != nullptr && *w != '\0');
}

std::unique_ptr<ConsoleWindow> ConsoleWindow::Open(const WindowOptions& options, std::string& error) {
  if (!glfwInit()) {
    error = "GLFW could not start (no display?)";
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  std::unique_ptr<ConsoleWindow> w(new ConsoleWindow());
  w->m_window = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (w->m_window == nullptr) {
    error = "cannot open a window with an OpenGL 3 context";
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(w->m_window);
  glfwSwapInterval(options.vsync ? 1 : 0);
  float sx = 1.0f, sy = 1.0f;
  glfwGetWindowContentScale(w->m_window, &sx, &sy);
  w->m_scale = sx > 0.5f ? sx : 1.0f;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // fixed layouts: nothing to remember
  ImGui::StyleColorsDark();
  ImGui::GetStyle().ScaleAllSizes(w->m_scale);
  w->m_fonts = LoadConsoleFonts(w->m_scale);
  ImGui_ImplGlfw_InitForOpenGL(w->m_window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  return w;
}

ConsoleWindow::~ConsoleWindow() {
  if (m_window == nullptr) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(m_window);
  glfwTerminate();
}

bool ConsoleWindow::ShouldClose() const { return glfwWindowShouldClose(m_window) != 0; }

void ConsoleWindow::BeginFrame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

bool ConsoleWindow::EndFrame(const std::string& screenshot, std::string& error) {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(m_window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];  // the panels draw no background of their own
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  bool ok = true;
  if (!screenshot.empty()) ok = SaveBackBufferPng(w, h, screenshot, error);
  glfwSwapBuffers(m_window);
  return ok;
}

bool SaveBackBufferPng(int width, int height, const std::string& path, std::string& error) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's rows run bottom to top; a PNG's top to bottom.
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)
    std::copy_n(pixels.data() + row * (height - 1 - y), row, flipped.data() + row * y);
  if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(row)) == 0) {
    error = path + ": cannot write the PNG";
    return false;
  }
  return true;
}

}  // namespace netdrill::ui
