#include "ui/window.h"

#include "ui/fonts.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <vector>

namespace netdrill::ui {

namespace {

// GL 3 framebuffer objects, loaded through GLFW (GL/gl.h declares GL 1.x only).
using GenFn = void (*)(GLsizei, GLuint*);
using BindFn = void (*)(GLenum, GLuint);
using TexFn = void (*)(GLenum, GLenum, GLenum, GLuint, GLint);
using StatusFn = GLenum (*)(GLenum);
constexpr GLenum kFramebuffer = 0x8D40, kColorAttachment0 = 0x8CE0, kFramebufferComplete = 0x8CD5,
                 kFramebufferBinding = 0x8CA6;

// The map's layer in a texture: redrawn through ImGui's OpenGL3 renderer into an offscreen
// framebuffer when its key changes, shown as one textured quad otherwise. On llvmpipe a
// static map then costs the pixels of one quad instead of thousands of triangles.
class GlMapLayerCache final : public MapLayerCache {
public:
  static std::unique_ptr<GlMapLayerCache> Create() {
    auto c = std::unique_ptr<GlMapLayerCache>(new GlMapLayerCache());
    c->m_gen = reinterpret_cast<GenFn>(glfwGetProcAddress("glGenFramebuffers"));
    c->m_delete = reinterpret_cast<GenFn>(glfwGetProcAddress("glDeleteFramebuffers"));
    c->m_bind = reinterpret_cast<BindFn>(glfwGetProcAddress("glBindFramebuffer"));
    c->m_attach = reinterpret_cast<TexFn>(glfwGetProcAddress("glFramebufferTexture2D"));
    c->m_status = reinterpret_cast<StatusFn>(glfwGetProcAddress("glCheckFramebufferStatus"));
    if (!c->m_gen || !c->m_delete || !c->m_bind || !c->m_attach || !c->m_status) return nullptr;
    return c;
  }
  ~GlMapLayerCache() override {
    if (m_fbo != 0) reinterpret_cast<void (*)(GLsizei, const GLuint*)>(m_delete)(1, &m_fbo);
    if (m_texture != 0) glDeleteTextures(1, &m_texture);
  }

  ImTextureID Layer(std::uint64_t key, ImVec2 size, const std::function<void(ImDrawList*)>& draw) override {
    const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
    if (w <= 0 || h <= 0) return ImTextureID{};
    if (w != m_w || h != m_h) {
      if (!Resize(w, h)) return ImTextureID{};
      m_valid = false;
    }
    if (!m_valid || key != m_key) {
      ImDrawList list(ImGui::GetDrawListSharedData());
      list._ResetForNewFrame();
      list.PushTextureID(ImGui::GetIO().Fonts->TexID);
      list.PushClipRect({0, 0}, size);
      draw(&list);
      list.PopClipRect();
      list._PopUnusedDrawCmd();
      ImDrawList* lists[] = {&list};
      ImDrawData data;
      data.Valid = true;
      data.CmdLists = lists;
      data.CmdListsCount = 1;
      data.TotalVtxCount = list.VtxBuffer.Size;
      data.TotalIdxCount = list.IdxBuffer.Size;
      data.DisplayPos = {0, 0};
      data.DisplaySize = size;
      data.FramebufferScale = {1, 1};
      GLint previous = 0;
      glGetIntegerv(kFramebufferBinding, &previous);
      GLint viewport[4];
      glGetIntegerv(GL_VIEWPORT, viewport);
      m_bind(kFramebuffer, m_fbo);
      glViewport(0, 0, w, h);
      glClearColor(0, 0, 0, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(&data);
      m_bind(kFramebuffer, static_cast<GLuint>(previous));
      glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
      m_key = key;
      m_valid = true;
      ++redraws;
    }
    return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(m_texture));
  }
  int redraws = 0;

private:
  GlMapLayerCache() = default;
  bool Resize(int w, int h) {
    if (m_texture == 0) glGenTextures(1, &m_texture);
    glBindTexture(GL_TEXTURE_2D, m_texture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    if (m_fbo == 0) m_gen(1, &m_fbo);
    GLint previous = 0;
    glGetIntegerv(kFramebufferBinding, &previous);
    m_bind(kFramebuffer, m_fbo);
    m_attach(kFramebuffer, kColorAttachment0, GL_TEXTURE_2D, m_texture, 0);
    const bool ok = m_status(kFramebuffer) == kFramebufferComplete;
    m_bind(kFramebuffer, static_cast<GLuint>(previous));
    m_w = ok ? w : 0;
    m_h = ok ? h : 0;
    return ok;
  }
  GenFn m_gen = nullptr, m_delete = nullptr;
  BindFn m_bind = nullptr;
  TexFn m_attach = nullptr;
  StatusFn m_status = nullptr;
  GLuint m_fbo = 0, m_texture = 0;
  int m_w = 0, m_h = 0;
  std::uint64_t m_key = 0;
  bool m_valid = false;
};

}  // namespace

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
  w->m_mapCache = GlMapLayerCache::Create();
  return w;
}

ConsoleWindow::~ConsoleWindow() {
  if (m_window == nullptr) return;
  m_mapCache.reset();  // its texture and framebuffer, while the context is current
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
