// The journals' seal (session/journal-seal.h): a chain of HMACs over the lines, checkable up to the last
// whole line, broken by any change, removal or move of a line.
#include "session/journal-seal.h"

#include <catch2/catch.hpp>

#include <string>

using namespace netdrill::session;

namespace {
const std::string kKey(64, 'a');

std::string Sealed(const std::vector<std::string>& lines, const std::string& key = kKey) {
  JournalSeal seal(key);
  std::string text;
  for (const std::string& l : lines) text += seal.Seal(l) + "\n";
  return text;
}
}  // namespace

TEST_CASE("journal seal: an untouched journal is intact, and a line cut by a crash is left out", "[session]") {
  const std::string text = Sealed({R"({"netdrill_journal":1})", R"({"command":"show alarms","role":"trainee","tick":5})",
                                   R"({"end":true,"fingerprint":"00ff","tick":9})"});
  CHECK(text.find(",\"mac\":\"") != std::string::npos);
  const SealCheck ok = CheckSeal(text, kKey);
  CHECK(ok.state == SealCheck::State::Intact);
  CHECK(ok.lines == 3);
  CHECK(DescribeSeal(ok) == "sealed, 3 lines intact");
  const SealCheck cut = CheckSeal(text.substr(0, text.size() - 20), kKey);  // kill -9 mid-line
  CHECK(cut.state == SealCheck::State::Intact);
  CHECK(cut.lines == 2);
}

TEST_CASE("journal seal: a changed, removed or moved line breaks the chain there, and another key sees nothing intact",
          "[session]") {
  const std::vector<std::string> lines{R"({"netdrill_journal":1})", R"({"command":"ack A1","role":"trainee","tick":5})",
                                       R"({"command":"ticket open minor x","role":"trainee","tick":7})",
                                       R"({"end":true,"tick":9})"};
  const std::string text = Sealed(lines);
  std::string changed = text;
  changed.replace(changed.find("ack A1"), 6, "ack A2");
  CHECK(CheckSeal(changed, kKey).state == SealCheck::State::Edited);
  CHECK(CheckSeal(changed, kKey).firstBad == 2);
  std::string removed = text;
  const auto second = removed.find('\n') + 1;
  removed.erase(second, removed.find('\n', second) + 1 - second);
  CHECK(CheckSeal(removed, kKey).firstBad == 2);
  std::string added = text;
  added.insert(second, std::string(R"({"command":"show alarms","role":"trainee","tick":6})") + "\n");
  CHECK(CheckSeal(added, kKey).firstBad == 2);  // a line without its mac among sealed ones
  CHECK(CheckSeal(text, std::string(64, 'b')).state == SealCheck::State::Edited);
  CHECK(CheckSeal(text, std::string(64, 'b')).firstBad == 1);
  CHECK(CheckSeal(R"({"netdrill_journal":1})" "\n", kKey).state == SealCheck::State::Unsealed);
}
