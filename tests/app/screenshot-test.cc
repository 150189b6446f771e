// The console in a real window under Xvfb (software OpenGL): `netdrill gui
// --screenshot` renders a drill, and the PNG's pixels are checked.
#include <catch2/catch.hpp>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

struct Png {
  int w = 0, h = 0;
  unsigned char* data = nullptr;
  explicit Png(const std::string& path) { data = stbi_load(path.c_str(), &w, &h, nullptr, 3); }
  ~Png() { stbi_image_free(data); }
  Png(const Png&) = delete;
  Png& operator=(const Png&) = delete;
  // Pixels within `tolerance` of a colour, in a box.
  int Count(int x0, int y0, int x1, int y1, int r, int g, int b, int tolerance = 12) const {
    int n = 0;
    for (int y = y0; y < y1 && y < h; ++y)
      for (int x = x0; x < x1 && x < w; ++x) {
        const unsigned char* p = data + (static_cast<std::size_t>(y) * w + x) * 3;
        if (std::abs(p[0] - r) <= tolerance && std::abs(p[1] - g) <= tolerance && std::abs(p[2] - b) <= tolerance) ++n;
      }
    return n;
  }
};

bool HaveXvfb() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }

std::string Render(const std::string& name, const std::string& args) {
  const std::string png = (std::filesystem::temp_directory_path() / ("netdrill-" + name + ".png")).string();
  std::filesystem::remove(png);
  // Mesa and X11 keep allocations to the end: LeakSanitizer (the ASan pass) would call them leaks.
  const std::string command = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1600x900x24' " + std::string(NETDRILL_BINARY) + " gui " + args +
                              " --screenshot " + png + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  return png;
}

}  // namespace

TEST_CASE("xvfb: the drill's console renders the map and a minor alarm row in its colour", "[ui][xvfb]") {
  if (!HaveXvfb()) {
    WARN("xvfb-run is not installed: the window test is left out");
    return;
  }
  const std::string png = Render("drill", std::string(NETDRILL_SOURCE_DIR) + "/scenarios/commune-cut-backup.yaml --until 100s");
  Png image(png);
  REQUIRE(image.data != nullptr);
  REQUIRE(image.w == 1600);
  REQUIRE(image.h == 900);
  // The map (left, upper 60 %): its sea, province boundaries, and a site marked lost in red.
  CHECK(image.Count(0, 90, 920, 540, 18, 32, 48, 3) > 100000);
  CHECK(image.Count(0, 90, 920, 540, 95, 115, 135, 10) > 300);
  CHECK(image.Count(0, 90, 920, 540, 220, 40, 40, 10) > 20);
  // The alarm list (left, below the map): one commune cut off is minor (session/severity.h), its cell in yellow.
  CHECK(image.Count(0, 560, 920, 900, 220, 200, 30, 10) > 100);
}

TEST_CASE("xvfb: the start screen renders in English", "[ui][xvfb]") {
  if (!HaveXvfb()) {
    WARN("xvfb-run is not installed: the window test is left out");
    return;
  }
  Png image(Render("start", "--lang en"));
  REQUIRE(image.data != nullptr);
  // Text drawn: light pixels on the dark background.
  CHECK(image.Count(0, 0, 1600, 900, 255, 255, 255, 40) > 500);
}
