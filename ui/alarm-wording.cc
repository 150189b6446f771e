#include "ui/alarm-wording.h"

#include <utility>

namespace netdrill::ui {

bool AlarmTypeStr(const std::string& type, Str* key) {
  static constexpr std::pair<const char*, Str> kTypes[] = {
      {"link-down", Str::TypeLinkDown},
      {"admin-down", Str::TypeAdminDown},
      {"node-down", Str::TypeNodeDown},
      {"srg-cut", Str::TypeSrgCut},
      {"mains-failure", Str::TypeMainsFailure},
      {"generator-failure", Str::TypeGeneratorFailure},
      {"battery-exhausted", Str::TypeBatteryExhausted},
      {"link-flapping", Str::TypeLinkFlapping},
      {"congestion", Str::TypeCongestion},
      {"high-loss", Str::TypeHighLoss},
      {"high-delay", Str::TypeHighDelay},
      {"unreachable", Str::TypeUnreachable},
      {"mcu-failure", Str::TypeMcuFailure},
      {"traffic-anomaly", Str::TypeTrafficAnomaly},
      {"conference-quality", Str::TypeConferenceQuality},
      {"high-temperature", Str::TypeHighTemperature},
      {"cpu-high", Str::TypeCpuHigh},
      {"fan-failure", Str::TypeFanFailure},
      {"psu-redundancy-lost", Str::TypePsuRedundancyLost},
      {"login-failure", Str::TypeLoginFailure},
      {"optical-power-low", Str::TypeOpticalPowerLow},
      {"vrf-leak", Str::TypeVrfLeak},
      {"unauthorised-access", Str::TypeUnauthorisedAccess},
  };
  for (const auto& [name, k] : kTypes) {
    if (type == name) {
      *key = k;
      return true;
    }
  }
  return false;
}

std::string AlarmTypeLabel(const std::string& type, Lang lang) {
  Str key{};
  return AlarmTypeStr(type, &key) ? Tr(key, lang) : type;
}

namespace {

// The wording of each type's text: the pattern's values are the session's args in
// order (session/alarm-rules.cc, session/noise.cc). mains-failure's one value says
// what the site runs on, so it picks the pattern instead of filling it.
bool TextStr(const session::Alarm& a, Str* key) {
  static constexpr struct {
    const char* type;
    Str text;
    std::size_t values;
  } kTexts[] = {
      {"link-down", Str::TextLinkDown, 0},
      {"admin-down", Str::TextAdminDown, 0},
      {"node-down", Str::TextNodeDown, 0},
      {"srg-cut", Str::TextSrgCut, 1},
      {"generator-failure", Str::TextGeneratorFailure, 0},
      {"battery-exhausted", Str::TextBatteryExhausted, 1},
      {"link-flapping", Str::TextLinkFlapping, 1},
      {"congestion", Str::TextCongestion, 1},
      {"high-loss", Str::TextHighLoss, 1},
      {"high-delay", Str::TextHighDelay, 1},
      {"unreachable", Str::TextUnreachable, 0},
      {"mcu-failure", Str::TextMcuFailure, 0},
      {"traffic-anomaly", Str::TextTrafficAnomaly, 0},
      {"conference-quality", Str::TextConferenceQuality, 3},
      {"high-temperature", Str::TextHighTemperature, 1},
      {"cpu-high", Str::TextCpuHigh, 1},
      {"fan-failure", Str::TextFanFailure, 1},
      {"psu-redundancy-lost", Str::TextPsuRedundancyLost, 1},
      {"login-failure", Str::TextLoginFailure, 1},
      {"optical-power-low", Str::TextOpticalPowerLow, 1},
      {"vrf-leak", Str::TextVrfLeak, 0},
      {"unauthorised-access", Str::TextUnauthorisedAccess, 0},
  };
  if (a.type == "mains-failure" && a.args.size() == 1) {
    const std::string& on = a.args[0];
    *key = on == "generator" ? Str::TextMainsGenerator : on == "battery" ? Str::TextMainsBattery : Str::TextMains;
    return on.empty() || on == "generator" || on == "battery";
  }
  for (const auto& t : kTexts) {
    if (a.type == t.type) {
      *key = t.text;
      return a.args.size() == t.values;
    }
  }
  return false;
}

}  // namespace

bool FillPattern(const std::string& pattern, const std::string& resourceName, const std::vector<std::string>& args,
                 std::string* out) {
  out->clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out->push_back(pattern[i]);
      continue;
    }
    const std::string slot = pattern.substr(i + 1, close - i - 1);
    if (slot == "r") {
      *out += resourceName;
    } else if (slot.size() == 1 && slot[0] >= '0' && slot[0] <= '9') {
      const std::size_t n = static_cast<std::size_t>(slot[0] - '0');
      if (n >= args.size()) return false;
      *out += args[n];
    } else {
      *out += pattern.substr(i, close - i + 1);
    }
    i = close;
  }
  return true;
}

std::string AlarmWording(const session::Alarm& alarm, const std::string& resourceName, Lang lang,
                         const std::string& fallback) {
  Str key{};
  if (!TextStr(alarm, &key)) return fallback;
  std::string out;
  return FillPattern(Tr(key, lang), resourceName, alarm.args, &out) ? out : fallback;
}

}  // namespace netdrill::ui
