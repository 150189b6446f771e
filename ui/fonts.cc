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
  if (mono == nullptr) {
    fonts.mono = fonts.text;
    return fonts;
  }
  fonts.mono = io.Fonts->AddFontFromFileTTF(mono, 15.0f * scale, nullptr, ranges.Data);
  // DejaVu Sans Mono lacks some of Vietnamese's letters ("ả", "ế"): they come from the text
  // font, held to the mono font's advance so columns stay aligned (the terminal names sites).
  ImFontConfig merge;
  merge.MergeMode = true;
  merge.GlyphMinAdvanceX = merge.GlyphMaxAdvanceX = 9.0f * scale;  // DejaVu Sans Mono at 15 px: 9.03 px a cell
  io.Fonts->AddFontFromFileTTF(sans, 15.0f * scale, &merge, ranges.Data);
  return fonts;
}

}  // namespace netdrill::ui
