#include "twin/limits.h"

namespace netdrill::twin {
namespace {

// 50000 -> "50,000"
std::string Grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

}  // namespace

std::optional<std::string> CountRefusal(std::size_t count, std::size_t most, const std::string& what,
                                        const std::string& whole) {
  if (count <= most) return std::nullopt;
  return "more than " + Grouped(most) + " " + what + " (" + Grouped(count) + "): the most " + whole + " holds";
}

std::optional<std::string> FileSizeRefusal(std::size_t bytes) {
  if (bytes <= kLargestFileBytes) return std::nullopt;
  return "larger than " + std::to_string(kLargestFileBytes >> 20) + " MiB (" + std::to_string(bytes >> 20) + " MiB)";
}

}  // namespace netdrill::twin
