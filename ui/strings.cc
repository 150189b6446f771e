#include "ui/strings.h"

namespace netdrill::ui {

namespace {
struct Entry {
  const char* name;
  const char* vi;
  const char* en;
};
constexpr Entry kTable[] = {
#define X(key, vi, en) {#key, vi, en},
#include "ui/strings.def"
#undef X
};
static_assert(sizeof kTable / sizeof kTable[0] == kStrCount, "one entry per key");
}  // namespace

const char* Tr(Str key, Lang lang) {
  const Entry& e = kTable[static_cast<std::size_t>(key)];
  return lang == Lang::En ? e.en : e.vi;
}

const char* StrName(Str key) { return kTable[static_cast<std::size_t>(key)].name; }

}  // namespace netdrill::ui
