#include "units.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace netdrill::twin {

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::string> CapacityOutOfRange(double mbps) {
  if (!(mbps > 0)) return std::string("capacity must be more than zero");
  if (mbps < 0.001) return "capacity " + FormatNumber(mbps) + " Mbit/s is under 1 kbit/s, the least a link carries";
  if (mbps > 1e8) return "capacity " + FormatNumber(mbps) + " Mbit/s is over 100 Tbit/s, more than any link carries";
  return std::nullopt;
}

std::optional<double> ParseCapacityMbps(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
                               text[end] == '-' || text[end] == '+' || text[end] == 'e' || text[end] == 'E')) {
    // 'e' only as an exponent: stop if what follows is not a digit or sign.
    if ((text[end] == 'e' || text[end] == 'E') &&
        (end + 1 >= text.size() ||
         !(std::isdigit(static_cast<unsigned char>(text[end + 1])) || text[end + 1] == '-' || text[end + 1] == '+'))) {
      break;
    }
    ++end;
  }
  auto number = ParseNumber(text.substr(0, end));
  if (!number) return std::nullopt;
  std::string_view unit = text.substr(end);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  double scale = 1.0;  // Mbit/s
  if (!unit.empty()) {
    switch (unit.front()) {
      case 'k':
      case 'K':
        scale = 1e-3;
        break;
      case 'M':
      case 'm':
        scale = 1.0;
        break;
      case 'G':
      case 'g':
        scale = 1e3;
        break;
      case 'T':
      case 't':
        scale = 1e6;
        break;
      default:
        return std::nullopt;
    }
    unit.remove_prefix(1);
    if (!(unit.empty() || unit == "b" || unit == "bps" || unit == "bit/s" || unit == "b/s" || unit == "bit")) {
      return std::nullopt;
    }
  }
  return *number * scale;
}

std::optional<std::string> RunLengthRefusal(double seconds) {
  if (!(seconds >= 0)) return std::string("a time is not negative");
  if (seconds > kLongestRunS) return "over 72 h (" + FormatNumber(seconds) + " s): the longest a run lasts";
  return std::nullopt;
}

std::optional<double> ParseDurationSeconds(std::string_view text) {
  if (auto plain = ParseNumber(text)) return plain;
  double total = 0.0;
  std::size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    auto number = ParseNumber(text.substr(i, j - i));
    if (!number) return std::nullopt;
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string_view unit = text.substr(j, k - j);
    double scale = 0.0;
    if (unit == "ms") scale = 1e-3;
    else if (unit == "s") scale = 1.0;
    else if (unit == "m" || unit == "min") scale = 60.0;
    else if (unit == "h") scale = 3600.0;
    else return std::nullopt;
    total += *number * scale;
    any = true;
    i = k;
  }
  if (!any) return std::nullopt;
  return total;
}

std::string FormatNumber(double value) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  return std::string(buf, ptr);
}

std::string FormatCapacity(double mbps) {
  // Prefer the unit a person would write, but only where it reads back exactly.
  const std::string candidates[] = {FormatNumber(mbps / 1e6) + "T", FormatNumber(mbps / 1e3) + "G"};
  const double thresholds[] = {1e6, 1e3};
  for (int i = 0; i < 2; ++i) {
    if (mbps >= thresholds[i] && ParseCapacityMbps(candidates[i]) == mbps) return candidates[i];
  }
  return FormatNumber(mbps) + "M";
}

}  // namespace netdrill::twin
