// The session on the fake network model (no ns-3 in this binary).
#include "session/fake-network-model.h"
#include "session/live-session.h"
#include "session/session.h"
#include "tests/twin/test-support.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

using namespace netdrill;
using namespace netdrill::session;
using netdrill::test::Preset;

namespace {

std::unique_ptr<Session> MakeSession(const twin::Twin& t, SessionOptions options = {}) {
  options.model = FakeNetworkModel::Factory();
  twin::Diagnostics diags;
  auto s = Session::Create(t, options, diags);
  INFO((diags.Items().empty() ? std::string() : twin::Format(diags.Items().front())));
  REQUIRE(s);
  return s;
}

// Gives a command, steps once so it applies, and returns every answer so far.
std::vector<Answer> Do(Session& s, const std::string& line, Role role = Role::Trainee) {
  s.Submit(line, role);
  s.Step();
  return s.TakeAnswers();
}

std::string Text(const std::vector<Answer>& answers) {
  std::string all;
  for (const Answer& a : answers) all += (a.error ? "error: " : "") + a.text + "\n";
  return all;
}

std::vector<const Alarm*> Active(const Session& s) {
  std::vector<const Alarm*> out;
  for (const Alarm& a : s.Alarms().Alarms()) {
    if (a.Active()) out.push_back(&a);
  }
  return out;
}

}  // namespace

TEST_CASE("session: a fibre cut gives one root alarm with the impacted sites under it, the repair clears them all",
          "[session]") {
  const twin::Twin& t = Preset("tiny");
  auto s = MakeSession(t);
  s->RunUntil(2.0);
  CHECK(Active(*s).empty());
  Do(*s, "fault cut:district:001--province:01", Role::Instructor);
  s->RunUntil(6.0);  // unreachability is raised after 3 s of silence
  // Worked out by hand: district 001 hangs from province 01 by this fibre alone,
  // and commune 00001 from district 001; both go dark, nothing else does.
  const auto active = Active(*s);
  REQUIRE(active.size() == 3);
  const auto roots = s->Alarms().ActiveRoots();
  REQUIRE(roots.size() == 1);
  const Alarm& root = *roots.front();
  CHECK(root.resource == "district:001--province:01");
  CHECK(root.type == "link-down");
  std::vector<std::string> impacted;
  for (const std::string& id : root.impacted) impacted.push_back(s->Alarms().Find(id)->resource);
  std::sort(impacted.begin(), impacted.end());
  CHECK(impacted == std::vector<std::string>{"commune:00001", "district:001"});
  for (const Alarm* a : active) {
    if (a != &root) {
      CHECK(a->type == "unreachable");
      CHECK(!a->isRoot);
      CHECK(a->rootCauses == std::vector<std::string>{"district:001--province:01"});
    }
  }
  CHECK(Text(Do(*s, "show alarms")).find("2 impacted") != std::string::npos);
  Do(*s, "fault repair:district:001--province:01", Role::Instructor);
  s->RunUntil(12.0);
  CHECK(Active(*s).empty());
  for (const Alarm& a : s->Alarms().Alarms()) CHECK(a.clearedAt.has_value());
}

TEST_CASE("session: a storm cuts a shared-risk group: its root, then the links, then the sites", "[session]") {
  const twin::Twin& t = Preset("tiny");
  auto s = MakeSession(t);
  // Both of province 02's routes to the core share nothing in tiny; cut each group: two roots.
  Do(*s, "fault cut:route:02-primary", Role::Instructor);
  Do(*s, "fault cut:route:02-secondary", Role::Instructor);
  s->RunUntil(6.0);
  const auto roots = s->Alarms().ActiveRoots();
  std::vector<std::string> rootResources;
  for (const Alarm* a : roots) rootResources.push_back(a->resource);
  std::sort(rootResources.begin(), rootResources.end());
  // Each single-link group is that link: the link's own alarm is the root.
  CHECK(rootResources == std::vector<std::string>{"province:02--centre:01/r2", "province:02--centre:31/r2"});
  // Province 02, its two districts and their two communes: 5 sites, impacted under both roots.
  for (const Alarm* root : roots) CHECK(root->impacted.size() == 5);
}

TEST_CASE("session: a flood gives one root, the attack, with the congested uplink and the conference under it",
          "[session]") {
  const twin::Twin& t = Preset("province-2024:44");
  SessionOptions options;
  options.conference = true;
  options.conferenceProfile = "2023";
  auto s = MakeSession(t, options);
  Do(*s, "fault ddos:province:44[mbps=3000]", Role::Instructor);
  s->RunUntil(12.0);
  const auto roots = s->Alarms().ActiveRoots();
  REQUIRE(roots.size() == 1);
  CHECK(roots.front()->type == "traffic-anomaly");
  CHECK(roots.front()->resource == "province:44");
  std::vector<std::string> impacted;
  for (const std::string& id : roots.front()->impacted) impacted.push_back(s->Alarms().Find(id)->type);
  CHECK(impacted == std::vector<std::string>{"congestion"});  // and the conference alarm under the congested link
  Do(*s, "filter province:44");
  s->RunUntil(30.0);
  CHECK(Active(*s).empty());
}

TEST_CASE("session: ping across a cut loses everything, after the reroute it answers, slower, traceroute shows the new path",
          "[session]") {
  const twin::Twin& t = Preset("tiny");
  auto s = MakeSession(t);
  s->Submit("ping province:02 3", Role::Trainee);
  s->Submit("traceroute province:02", Role::Trainee);
  s->RunUntil(5.0);
  const std::string before = Text(s->TakeAnswers());
  CHECK(before.find("3 packets transmitted, 3 received, 0% packet loss") != std::string::npos);
  CHECK(before.find("centre:01/r2") != std::string::npos);  // the primary route
  // A single-homed commune behind a cut: every echo lost.
  Do(*s, "fault cut:commune:00001--district:001", Role::Instructor);
  s->Submit("ping commune:00001 3", Role::Trainee);
  s->RunUntil(10.0);
  CHECK(Text(s->TakeAnswers()).find("3 packets transmitted, 0 received, 100% packet loss") != std::string::npos);
  // Province 02's primary cut: after convergence the secondary route answers, further away.
  Do(*s, "fault cut:route:02-primary", Role::Instructor);
  s->RunUntil(11.0);
  s->Submit("ping province:02 3", Role::Trainee);
  s->Submit("traceroute province:02", Role::Trainee);
  s->RunUntil(16.0);
  const std::string after = Text(s->TakeAnswers());
  CHECK(after.find("3 packets transmitted, 3 received, 0% packet loss") != std::string::npos);
  CHECK(after.find("centre:31/r2") != std::string::npos);  // the secondary route
  auto rtt = [](const std::string& text) {
    const auto at = text.find("rtt min/avg/max = ");
    REQUIRE(at != std::string::npos);
    return std::stod(text.substr(at + 18));
  };
  CHECK(rtt(after) > rtt(before));
}

TEST_CASE("session: a leak far from its area still cuts the area off: pings and alarms agree", "[session]") {
  const twin::Twin& t = Preset("tiny");
  auto s = MakeSession(t);
  s->RunUntil(1.0);
  // Phúc Xá, a commune of Hà Nội, announces Hà Giang's block: by cost alone no router would
  // follow it; as a more-specific prefix every router outside Hà Giang does, and it dies there.
  Do(*s, "fault leak:commune:00001[to=province:02]", Role::Instructor);
  s->RunUntil(2.0);  // past convergence (260 ms)
  s->Submit("ping province:02 3", Role::Trainee);
  s->Submit("traceroute province:02", Role::Trainee);
  s->RunUntil(8.0);
  const std::string answers = Text(s->TakeAnswers());
  CHECK(answers.find("3 packets transmitted, 0 received, 100% packet loss") != std::string::npos);
  CHECK(answers.find("commune:00001") != std::string::npos);  // traceroute ends at the leaker
  // The alarms say the same: Hà Giang (and all its sites) do not answer the core.
  const Alarm* province = nullptr;
  for (const Alarm* a : Active(*s)) {
    if (a->resource == "province:02" && a->type == "unreachable") province = a;
  }
  REQUIRE(province != nullptr);
  CHECK(province->isRoot);  // routing, not a failed element: nothing explains it
  Do(*s, "fault withdraw-leak:commune:00001[to=province:02]", Role::Instructor);
  s->RunUntil(14.0);
  CHECK_FALSE(s->Alarms().IsActive("province:02", "unreachable"));
  s->Submit("ping province:02 3", Role::Trainee);
  s->RunUntil(18.0);
  CHECK(Text(s->TakeAnswers()).find("3 packets transmitted, 3 received, 0% packet loss") != std::string::npos);
}

TEST_CASE("session: bad commands get one clear line each, nothing is lost", "[session]") {
  const twin::Twin& t = Preset("province-2024:79");  // Hồ Chí Minh: eleven wards named Phường 13
  auto s = MakeSession(t);
  struct Case {
    std::string line;
    Role role;
    std::string says;
  };
  const std::vector<Case> cases{
      {"pnig province:79", Role::Trainee, "unknown command \"pnig\""},
      {"ping Atlantis", Role::Trainee, "no site or router \"Atlantis\""},
      {"ping Phường 13", Role::Trainee, "names 11 sites: Phường 13 (Quận"},
      {"show interface", Role::Trainee, "usage: show interface NODE[/IF]"},
      {"ack", Role::Trainee, "usage: ack A-N"},
      {"ack district:000", Role::Trainee, "no site or router \"district:000\""},
      {"show alarmz", Role::Trainee, "did you mean \"alarms\"?"},
      {"fault down:province:79", Role::Trainee, "only an instructor or the scenario may inject it"},
      {"cut province:79--centre:79/r1", Role::Trainee, "only an instructor or the scenario may inject it"},
      {"end", Role::Trainee, "only an instructor or the scenario ends a run"},
      {"ticket close T-9", Role::Trainee, "no ticket T-9"},
      {"fault degrade:route:79-primary[loss=5]", Role::Instructor,
       "\"route:79-primary\" is a shared-risk group: degrade takes one of its links"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    const auto submitted = s->Submit(c.line, c.role);
    s->Step();
    const auto answers = s->TakeAnswers();
    REQUIRE(answers.size() == 1);
    CHECK(answers.front().error);
    CHECK(answers.front().text.find(c.says) != std::string::npos);
    CHECK(answers.front().text.find('\n') == std::string::npos);  // one line
    if (c.line != "ticket close T-9") CHECK(!submitted.accepted);
  }
  // After the end, every command is refused with its reason.
  Do(*s, "end", Role::Instructor);
  const auto late = s->Submit("show alarms", Role::Trainee);
  CHECK(!late.accepted);
  CHECK(late.error.find("the run has ended") != std::string::npos);
}

TEST_CASE("session: a recorded journal replays to the same fingerprint, a cut last line is reported and dropped",
          "[session]") {
  const twin::Twin& t = Preset("tiny");
  test::TempDir dir;
  SessionOptions options;
  options.journalPath = dir.File("drill.jsonl");
  options.twinLabel = "preset:tiny";
  options.conference = true;
  options.conferenceProfile = "2023";
  std::uint64_t recorded = 0;
  {
    auto s = MakeSession(t, options);
    s->Submit("ping commune:00712 2", Role::Trainee);
    s->RunUntil(3.0);
    s->Submit("fault cut:commune:00712--district:026", Role::Instructor);
    s->RunUntil(7.0);
    s->Submit("ack A-1", Role::Trainee);
    s->Submit("backup on commune:00712", Role::Trainee);
    s->Submit("ticket open major Phúc Xá fibre cut", Role::Trainee);
    s->RunUntil(12.0);
    s->Submit("ping commune:00712 2", Role::Trainee);
    s->RunUntil(16.0);
    s->CloseJournal();
    recorded = s->Fingerprint();
  }
  twin::Diagnostics diags;
  auto journal = LoadJournal(options.journalPath, diags);
  REQUIRE(journal);
  CHECK(journal->entries.size() == 6);
  REQUIRE(journal->endTick);
  CHECK(*journal->endTick == 160);
  SessionOptions again = options;
  again.journalPath.clear();
  auto replay = MakeSession(t, again);
  replay->Replay(journal->entries);
  replay->RunUntil(static_cast<double>(*journal->endTick) * 0.1);
  CHECK(replay->Fingerprint() == recorded);
  // A crash while writing: the last line cut short.
  {
    std::ofstream out(options.journalPath, std::ios::app);
    out << "{\"tick\": 170, \"role\": \"trai";
  }
  twin::Diagnostics cut;
  journal = LoadJournal(options.journalPath, cut);
  REQUIRE(journal);
  CHECK(cut.WarningCount() == 1);
  CHECK(twin::Format(cut.Items().front()).find(":9:1: warning[cut-line]") != std::string::npos);
  CHECK(journal->entries.size() == 6);
  // A bad line in the middle is an error, with its line.
  {
    std::ofstream out(dir.File("bad.jsonl"));
    out << "{\"netdrill_journal\": 1, \"twin\": \"preset:tiny\"}\n{\"tick\": 1, \"role\": \"king\", \"command\": \"x\"}\n";
  }
  twin::Diagnostics bad;
  CHECK(!LoadJournal(dir.File("bad.jsonl"), bad));
  CHECK(twin::Format(bad.Items().front()).find("bad.jsonl:2:1: error[bad-journal]") != std::string::npos);
}

TEST_CASE("live session: paused commands wait for the next tick, 1x and max give the same run, two threads at once",
          "[session][live]") {
  const twin::Twin& t = Preset("tiny");
  std::vector<JournalEntry> script{{0, Role::Trainee, "ping commune:00001 2"},
                                   {5, Role::Trainee, "pause"},  // the trainee's pace: not replayed
                                   {10, Role::Instructor, "fault cut:district:001--province:01"},
                                   {25, Role::Trainee, "traceroute commune:00001"},
                                   {30, Role::Instructor, "fault repair:district:001--province:01"}};
  SessionOptions options;
  options.durationS = 4.0;
  auto runAt = [&](double speed) {
    auto s = MakeSession(t, options);
    s->Replay(script);
    LiveSession live(std::move(s), speed);
    // A reader on this thread while the session thread steps: snapshots only.
    double lastSeen = -1.0;
    for (int i = 0; i < 2000 && !live.Latest()->ended; ++i) {
      const auto snap = live.Latest();
      CHECK(snap->simTime >= lastSeen);
      lastSeen = snap->simTime;
      live.Submit("show tickets", Role::Trainee);  // commands from this thread too
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(live.Latest()->ended);
    live.Stop();
    return live.Latest()->fingerprint;
  };
  const std::uint64_t max = runAt(1e9);
  CHECK(runAt(5.0) == max);  // 5x: 0.8 s of wall time; the show commands land on other ticks but change nothing

  // Paused: a command waits; resumed, it applies at the next tick.
  auto s = MakeSession(t);
  LiveSession live(std::move(s), 0.0);
  live.Submit("ticket open minor waiting for the clock", Role::Trainee);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(live.Latest()->tickets.empty());
  CHECK(live.Latest()->tick == 0);
  live.Submit("speed 10", Role::Trainee);
  for (int i = 0; i < 200 && live.Latest()->tickets.empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(live.Latest()->tickets.size() == 1);
  CHECK(live.Latest()->tickets.front().created == 0.0);  // stamped with the tick it waited for
  CHECK(live.Latest()->speed == 10.0);
}
