#include "session/session.h"

#include "twin/csv.h"
#include "twin/units.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace netdrill::session {

namespace {

using twin::kLongestRunS;

// The header's keys, each of its type (and in its range), or an error at line 1.
void ReadHeader(const nlohmann::json& v, const std::string& path, twin::Diagnostics& diags, JournalFile& j) {
  auto wrong = [&](const std::string& key, const std::string& what) {
    diags.Error("bad-journal", path, {1, 1}, key, "the header's \"" + key + "\" is " + what);
  };
  auto text = [&](const char* key, std::string& out) {
    if (!v.contains(key)) return;
    if (v[key].is_string()) out = v[key].get<std::string>();
    else wrong(key, "not text");
  };
  auto flag = [&](const char* key, bool& out) {
    if (!v.contains(key)) return;
    if (v[key].is_boolean()) out = v[key].get<bool>();
    else wrong(key, "not true or false");
  };
  if (!v["netdrill_journal"].is_number_unsigned() || v["netdrill_journal"].get<std::uint64_t>() != 1)
    wrong("netdrill_journal", "not 1: this netdrill reads journal format 1");
  text("twin", j.twin);
  text("scenario", j.scenario);
  text("assist", j.assist);
  text("bulk", j.bulk);
  text("profile", j.conferenceProfile);
  flag("conference", j.conference);
  flag("vpn", j.vpn);
  if (j.bulk != "rates" && j.bulk != "packets") wrong("bulk", "neither rates nor packets");
  if (v.contains("seed")) {
    if (v["seed"].is_number_unsigned() && v["seed"].get<std::uint64_t>() <= 4294967295ULL) j.seed = v["seed"].get<std::uint64_t>();
    else wrong("seed", "not a whole number from 0 to 4294967295");
  }
  if (v.contains("duration_s")) {
    const auto& d = v["duration_s"];
    if (d.is_number() && d.get<double>() >= 0 && d.get<double>() <= kLongestRunS) j.durationS = d.get<double>();
    else wrong("duration_s", "not a number of seconds from 0 to 72 h");
  }
  if (v.contains("tick_s")) {
    const auto& t = v["tick_s"];
    if (!t.is_number() || std::abs(t.get<double>() - 0.1) > 1e-12) wrong("tick_s", "not 0.1 (the session's grid)");
  }
}

// The last tick a command may stand at: the run's end, or 72 h for an open-ended one.
std::uint64_t MaxTick(const JournalFile& j) {
  return static_cast<std::uint64_t>(std::llround((j.durationS > 0 ? j.durationS : kLongestRunS) / 0.1));
}

}  // namespace

std::optional<JournalFile> LoadJournal(const std::string& path, twin::Diagnostics& diags) {
  const auto read = twin::ReadFile(path, diags, "cannot read the journal");
  if (!read) return std::nullopt;
  const std::string& all = *read;
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < all.size()) {
    const std::size_t end = all.find('\n', start);
    lines.push_back(all.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  const bool endsCut = !all.empty() && all.back() != '\n';
  const int before = diags.ErrorCount();
  JournalFile j;
  j.text = all;
  if (lines.empty()) {
    diags.Error("empty-journal", path, {1, 1}, "", "the journal is empty (no header)");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int lineNo = static_cast<int>(i) + 1;
    nlohmann::json v;
    try {
      v = nlohmann::json::parse(lines[i]);
    } catch (const nlohmann::json::parse_error& e) {
      if (i + 1 == lines.size() && endsCut && i > 0) {
        diags.Warning("cut-line", path, {lineNo, 1}, "",
                      "the last line was cut short (the run stopped while writing it): ignored");
        break;
      }
      diags.Error("bad-journal", path, {lineNo, static_cast<int>(e.byte)}, "", "not a JSON line: " + std::string(e.what()));
      continue;
    } catch (const nlohmann::json::exception& e) {  // a number too large for any type (out_of_range 406), found by fuzzing
      diags.Error("bad-journal", path, {lineNo, 1}, "", "not a JSON line: " + std::string(e.what()));
      continue;
    }
    if (i == 0) {
      if (!v.is_object() || !v.contains("netdrill_journal")) {
        diags.Error("bad-journal", path, {1, 1}, "", "not a netdrill journal (no header line)");
        return std::nullopt;
      }
      ReadHeader(v, path, diags, j);
      continue;
    }
    if (v.is_object() && v.contains("end")) {
      if (!v["end"].is_boolean() || !v["end"].get<bool>() || !v.contains("tick") || !v["tick"].is_number_unsigned()) {
        diags.Error("bad-journal", path, {lineNo, 1}, "", "the end line is {\"tick\": N, \"end\": true}");
      } else if (j.endTick) {
        diags.Error("bad-journal", path, {lineNo, 1}, "", "a second end line");
      } else {
        j.endTick = v["tick"].get<std::uint64_t>();
        if (v.contains("fingerprint") && v["fingerprint"].is_string()) j.endFingerprint = v["fingerprint"].get<std::string>();
      }
      continue;
    }
    if (j.endTick) {
      diags.Error("bad-journal", path, {lineNo, 1}, "", "a command after the end line");
      continue;
    }
    const auto role = v.is_object() && v.contains("role") && v["role"].is_string()
                          ? ParseRole(v["role"].get<std::string>())
                          : std::nullopt;
    if (!v.is_object() || !v.contains("tick") || !v["tick"].is_number_unsigned() || !role || !v.contains("command") ||
        !v["command"].is_string()) {
      diags.Error("bad-journal", path, {lineNo, 1}, "",
                  "a journal line is {\"tick\": N, \"role\": \"trainee\"|\"instructor\", \"command\": \"...\"}");
      continue;
    }
    std::optional<Seat> seat = Seat::None;
    if (v.contains("seat")) seat = v["seat"].is_string() ? ParseSeat(v["seat"].get<std::string>()) : std::nullopt;
    if (!seat) {
      diags.Error("bad-journal", path, {lineNo, 1}, "", "a journal line's seat is one of " + SeatChoices());
      continue;
    }
    const std::uint64_t tick = v["tick"].get<std::uint64_t>();
    if (tick > MaxTick(j)) {
      diags.Error("bad-journal", path, {lineNo, 1}, "",
                  "tick " + std::to_string(tick) + " is after the run's end (" + std::to_string(MaxTick(j)) + ")");
      continue;
    }
    if (!j.entries.empty() && tick < j.entries.back().tick) {
      diags.Error("bad-journal", path, {lineNo, 1}, "", "tick " + std::to_string(tick) + " comes before the line above's");
      continue;
    }
    j.entries.push_back({tick, *role, v["command"].get<std::string>(), *seat});
  }
  if (diags.ErrorCount() > before) return std::nullopt;
  // A drill named by a relative path is looked for beside the journal first,
  // so a journal replays from any working directory.
  if (!j.scenario.empty() && std::filesystem::path(j.scenario).is_relative()) {
    const std::filesystem::path beside = std::filesystem::path(path).parent_path() / j.scenario;
    std::error_code ec;
    if (std::filesystem::is_regular_file(beside, ec)) j.scenario = beside.lexically_normal().string();
  }
  return j;
}

}  // namespace netdrill::session
