// Whose turn it is on a scripted team's clock (server/team-seats.h): no gRPC.
#include "server/team-seats.h"

#include <catch2/catch.hpp>

using namespace netdrill;
using server::TeamSeats;
using session::Seat;

TEST_CASE("team seats: the clock waits for every seat, then moves to the earliest time, ties in the drill's order",
          "[server]") {
  TeamSeats team("red", {Seat::NocNorth, Seat::NocCentral, Seat::Field});
  CHECK(team.Join(Seat::Field, "Lan", "t1").empty());
  CHECK(team.Join(Seat::NocSouth, "Minh", "t2").find("the drill's seats are noc-north, noc-central, field") == 0);
  CHECK(team.Join(Seat::Field, "Hà", "t3") == "the seat field of team \"red\" is taken by Lan");
  team.Member(Seat::Field)->want = 10.0;
  CHECK_FALSE(team.Next());  // two seats missing
  CHECK(team.Missing() == "noc-north, noc-central");
  CHECK(team.Join(Seat::NocNorth, "An", "t4").empty());
  CHECK(team.Join(Seat::NocCentral, "Bình", "t5").empty());
  CHECK_FALSE(team.Next());  // joined, but two are acting (no Advance yet)
  team.Member(Seat::NocNorth)->want = 30.0;
  team.Member(Seat::NocCentral)->want = 10.0;
  CHECK(team.Next() == Seat::NocCentral);  // 10 s, and before the field in the drill's order
  team.Member(Seat::NocCentral)->want.reset();  // it acts
  CHECK_FALSE(team.Next());
  team.Member(Seat::NocCentral)->finished = true;
  CHECK(team.Next() == Seat::Field);
  team.Member(Seat::Field)->finished = true;
  CHECK(team.Next() == Seat::NocNorth);
  CHECK_FALSE(team.AllFinished());
  team.Member(Seat::NocNorth)->finished = true;
  CHECK(team.AllFinished());
  CHECK_FALSE(team.Next());
}
