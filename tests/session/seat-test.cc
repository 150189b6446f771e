// A team drill's seats in the session: the one rule for what a seat's alarm view
// shows, `show alarms` in that view (and `all`), and the seat kept in the journal.
#include "session/diagnose.h"
#include "session/seat.h"
#include "tests/session/session-support.h"
#include "tests/twin/test-support.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace netdrill;
using session::Role;
using session::Seat;

TEST_CASE("seat: the words, and the regions an element stands in", "[session]") {
  CHECK(session::ParseSeat("noc-central") == Seat::NocCentral);
  CHECK_FALSE(session::ParseSeat("noc-east"));
  CHECK_FALSE(session::ParseSeat(""));
  CHECK(std::string(session::SeatName(Seat::Field)) == "field");
  CHECK(session::SeatChoices() == "noc-north|noc-central|noc-south|field");
  const twin::Twin& t = test::Preset("province-2025:22,46");
  using R = twin::Region;
  CHECK(session::RegionsOfResource(t, "province:22") == std::vector<R>{R::North});
  CHECK(session::RegionsOfResource(t, "province:46#battery-exhausted") == std::vector<R>{R::Central});
  // A link between the regions stands in both; an SRG in its links'; the unknown in none.
  CHECK(session::RegionsOfResource(t, "centre:01/r1--centre:46/r1") == std::vector<R>{R::North, R::Central});
  CHECK(session::RegionsOfResource(t, "route:46-primary") == std::vector<R>{R::Central});
  CHECK(session::RegionsOfResource(t, "conference").empty());

  session::Alarm north, centre, cut, conference;
  north.resource = "province:22", north.type = "unreachable";
  centre.resource = "province:46", centre.type = "unreachable";
  cut.resource = "province:46--centre:48/r1", cut.type = "link-down";
  conference.resource = "conference", conference.type = "conference-quality";
  CHECK(session::SeatSeesAlarm(Seat::NocNorth, north, t));
  CHECK_FALSE(session::SeatSeesAlarm(Seat::NocNorth, centre, t));
  CHECK(session::SeatSeesAlarm(Seat::NocCentral, centre, t));
  CHECK(session::SeatSeesAlarm(Seat::NocNorth, conference, t));  // no region: every NOC
  CHECK_FALSE(session::SeatSeesAlarm(Seat::NocSouth, cut, t));
  CHECK(session::SeatSeesAlarm(Seat::Field, cut, t));  // the plant, anywhere
  CHECK_FALSE(session::SeatSeesAlarm(Seat::Field, north, t));
  CHECK(session::SeatSeesAlarm(Seat::None, centre, t));  // a drill of one's own: everything
}

TEST_CASE("seat: show alarms answers in the seat's view, all on request, and the journal keeps the seat", "[session]") {
  const twin::Twin& t = test::Preset("province-2025:22,46");
  const std::string journal = (std::filesystem::temp_directory_path() / "netdrill-seat-test.journal").string();
  session::SessionOptions options;
  options.journalPath = journal;
  auto s = test::FakeSession(t, options);
  s->Submit("fault cut:route:46-primary", Role::Instructor);
  s->Submit("fault cut:route:46-secondary", Role::Instructor);
  s->RunUntil(10.0);
  s->TakeAnswers();
  auto answer = [&](const std::string& line, Seat seat) {
    s->Submit(line, Role::Trainee, seat);
    s->Step();
    std::string text;
    for (const session::Answer& a : s->TakeAnswers()) {
      CHECK(a.seat == seat);
      text += a.text;
    }
    return text;
  };
  const std::string north = answer("show alarms", Seat::NocNorth);
  const std::string centre = answer("show alarms", Seat::NocCentral);
  const std::string all = answer("show alarms all", Seat::NocNorth);
  CHECK(centre.find("province:46--centre:48/r1") != std::string::npos);
  CHECK(north.find("province:46--centre:48/r1") == std::string::npos);
  CHECK(north.find("in the view of noc-north") != std::string::npos);
  CHECK(all.find("province:46--centre:48/r1") != std::string::npos);
  CHECK(answer("show alarms some", Seat::NocNorth).find("usage: show alarms [all]") != std::string::npos);
  s->CloseJournal();
  twin::Diagnostics diags;
  const auto loaded = session::LoadJournal(journal, diags);
  REQUIRE(loaded);
  std::vector<Seat> seats;
  for (const session::JournalEntry& e : loaded->entries) {
    if (e.role == Role::Trainee) seats.push_back(e.seat);
  }
  CHECK(seats == std::vector<Seat>{Seat::NocNorth, Seat::NocCentral, Seat::NocNorth});  // a refused line is no command
  // A seat that is not one: error at its line.
  {
    std::ofstream bad(journal, std::ios::app);
    bad << R"({"tick": 200, "role": "trainee", "seat": "noc-east", "command": "show alarms"})" << '\n';
  }
  twin::Diagnostics badDiags;
  CHECK_FALSE(session::LoadJournal(journal, badDiags));
  CHECK(badDiags.ErrorCount() == 1);
  std::filesystem::remove(journal);
}
