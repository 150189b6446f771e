#include "ui/fonts.h"

#include <fstream>

namespace netdrill::ui {

namespace {

const char* FirstExisting(std::initializer_list<const char*> paths) {
  for (const char* p : paths)
    if (std::ifstream(p).good()) return p;
  return nullptr;
}

}  // namespace

ConsoleFonts LoadConsoleFonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  static ImVector<ImWchar> ranges;  // must outlive the atlas build
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
    builder.AddText("—–…“”‘’•·→←↑↓✓×°");
    builder.BuildRanges(&ranges);
  }
  ConsoleFonts fonts;
  const char* sans = FirstExisting({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
  const char* mono = FirstExisting({"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                                    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"});
  if (sans == nullptr) {
    fonts.text = io.Fonts->AddFontDefault();
    return fonts;
  }
  fonts.text = io.Fonts->AddFontFromFileTTF(sans, 17.0f * scale, nullptr, ranges.Data);
  fonts.large = io.Fonts->AddFontFromFileTTF(sans, 22.0f * scale, nullptr, ranges.Data);
  fonts.mono = mono != nullptr ? io.Fonts->AddFontFromFileTTF(mono, 15.0f * scale, nullptr, ranges.Data) : fonts.text;
  return fonts;
}

}  // namespace netdrill::ui
