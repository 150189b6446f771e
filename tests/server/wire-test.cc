// The wire's commands against the session's verb table, the pipe's frames, and
// the instructor's flags: what the class server rests on, without a server.
#include "server/class-rules.h"
#include "tests/twin/test-support.h"
#include "twin/name-index.h"
#include "wire/command-wire.h"
#include "wire/framing.h"
#include "wire/tls.h"

#include <catch2/catch.hpp>

#include <set>
#include <unistd.h>

using namespace netdrill;

TEST_CASE("wire: one oneof field per verb of the verb table, and no other", "[wire]") {
  std::set<session::Verb> verbs;
  for (const session::VerbInfo& v : session::Verbs()) verbs.insert(v.verb);
  std::set<session::Verb> wired;
  for (const auto& [field, verb] : wire::VerbFields()) {
    INFO("field " << field);
    CHECK(wired.insert(verb).second);  // no verb twice
  }
  CHECK(wired == verbs);
  // The proto's oneof has exactly these fields and the line.
  const auto* oneof = wire::Command::descriptor()->FindOneofByName("verb");
  REQUIRE(oneof != nullptr);
  CHECK(oneof->field_count() == static_cast<int>(wire::VerbFields().size()) + 1);
  for (int i = 0; i < oneof->field_count(); ++i) {
    const int number = oneof->field(i)->number();
    INFO(oneof->field(i)->name());
    CHECK((number == wire::Command::kLine || wire::VerbOfField(static_cast<wire::Command::VerbCase>(number))));
  }
}

TEST_CASE("wire: a typed command becomes the line the session's parser reads to the same verb", "[wire]") {
  const twin::Twin& t = test::Preset("tiny");
  const twin::NameIndex names(t);
  const std::string site = t.Sites().back().id;
  const std::string node = t.Nodes().front().id;
  const std::string link = t.Links().front().id;
  std::vector<wire::Command> commands(wire::VerbFields().size());
  std::size_t k = 0;
  auto next = [&] { return &commands[k++]; };
  auto* c = next();
  c->mutable_ping()->set_site(site);
  c->mutable_ping()->set_count(3);
  next()->mutable_traceroute()->set_id(site);
  c = next();
  c->mutable_show_interface()->set_node(node);
  c->mutable_show_interface()->set_interface(1);
  next()->mutable_show_route()->set_node(node);
  next()->mutable_show_alarms();
  next()->mutable_show_conference();
  next()->mutable_show_tickets();
  next()->mutable_show_teams();
  next()->mutable_declare_cause()->set_id(link);
  next()->mutable_alarm_ack()->set_alarm("A-1");
  next()->mutable_alarm_shelve()->set_alarm("A-1");
  next()->mutable_alarm_unshelve()->set_alarm("A-1");
  next()->mutable_alarm_close()->set_alarm(link);
  c = next();
  c->mutable_ticket_open()->set_severity("major");
  c->mutable_ticket_open()->set_title("fibre cut\non " + link);  // a line break stays one line
  c = next();
  c->mutable_ticket_note()->set_ticket("T-1");
  c->mutable_ticket_note()->set_text("team on site");
  next()->mutable_ticket_close()->set_ticket("T-1");
  c = next();
  c->mutable_message()->set_to(site);
  c->mutable_message()->set_text("đang xử lý");
  c = next();
  c->mutable_caller_message()->set_to(site);
  c->mutable_caller_message()->set_text("mất mạng");
  c = next();
  c->mutable_action()->set_action("cut");
  c->mutable_action()->set_element(link);
  c->mutable_action()->set_as_fault(true);
  next()->mutable_speed()->set_speed("10");
  next()->mutable_pause();
  next()->mutable_resume();
  next()->mutable_end();
  next()->mutable_hint();
  REQUIRE(k == commands.size());
  std::set<session::Verb> parsed;
  for (const wire::Command& w : commands) {
    const std::string line = wire::CommandLine(w);
    INFO(line);
    CHECK(line.find('\n') == std::string::npos);
    const auto p = session::ParseCommand(line, session::Role::Instructor, t, names);
    INFO(p.error);
    REQUIRE(p.command);
    CHECK(p.command->verb == *wire::VerbOfField(w.verb_case()));
    parsed.insert(p.command->verb);
  }
  CHECK(parsed.size() == wire::VerbFields().size());
  CHECK(wire::CommandLine(wire::Command()).empty());
}

TEST_CASE("wire: frames cross a pipe whole, and an oversized or cut frame is refused, not read", "[wire]") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  wire::SubmitRequest sent;
  sent.mutable_command()->set_line("ping commune:00001");
  sent.set_at_s(12.5);
  REQUIRE(wire::WriteFrame(fds[1], sent));
  wire::SubmitRequest got;
  std::string error;
  REQUIRE(wire::ReadFrame(fds[0], got, error));
  CHECK(got.command().line() == "ping commune:00001");
  CHECK(got.at_s() == 12.5);
  // A length past the limit: refused before anything is allocated for it.
  const unsigned char huge[4] = {0xff, 0xff, 0xff, 0x7f};
  REQUIRE(::write(fds[1], huge, 4) == 4);
  CHECK_FALSE(wire::ReadFrame(fds[0], got, error));
  CHECK(error.find("past the limit") != std::string::npos);
  // A frame cut short by the writer's end.
  const unsigned char cut[6] = {10, 0, 0, 0, 1, 2};
  REQUIRE(::write(fds[1], cut, 6) == 6);
  ::close(fds[1]);
  CHECK_FALSE(wire::ReadFrame(fds[0], got, error));
  CHECK(error == "the pipe closed inside a frame");
  CHECK_FALSE(wire::ReadFrame(fds[0], got, error));
  ::close(fds[0]);
}

TEST_CASE("wire: a server's certificate is made once, fingerprinted, and loaded again the same", "[wire]") {
  const std::string dir = "wire-test-tls";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string error;
  const auto made = wire::LoadOrMakeIdentity(dir + "/cert.pem", dir + "/key.pem", true, error);
  INFO(error);
  REQUIRE(made);
  const std::string fp = wire::CertificateFingerprint(made->certPem);
  CHECK(fp.rfind("SHA256:", 0) == 0);
  CHECK(fp.size() == 7 + 32 * 3 - 1);
  CHECK((std::filesystem::status(dir + "/key.pem").permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  const auto again = wire::LoadOrMakeIdentity(dir + "/cert.pem", dir + "/key.pem", true, error);
  REQUIRE(again);
  CHECK(wire::CertificateFingerprint(again->certPem) == fp);
  CHECK(wire::CertificateFingerprint("not a certificate").empty());
  CHECK(wire::IsLoopback("127.0.0.1:7420"));
  CHECK(wire::IsLoopback("localhost:0"));
  CHECK(wire::IsLoopback("[::1]:7420"));
  CHECK_FALSE(wire::IsLoopback("0.0.0.0:7420"));
  CHECK_FALSE(wire::IsLoopback("10.1.2.3:7420"));
}

TEST_CASE("class flags: identical runs, stuck, too fast", "[class]") {
  const std::vector<std::string> a = {"ack A-1", "traceroute x", "declare cause l", "backup on x", "dispatch l", "ticket open minor t"};
  std::vector<std::string> b = {"show alarms", "ack A-1", "traceroute x", "declare cause l", "backup on x", "dispatch l"};
  CHECK(server::IdenticalRun(a, b));  // five in a row, shifted by one
  b[3] = "declare cause m";
  CHECK_FALSE(server::IdenticalRun(a, b));
  CHECK_FALSE(server::IdenticalRun({"a", "b", "c", "d"}, {"a", "b", "c", "d"}));  // four are not enough

  CHECK(server::Stuck(301.0, std::nullopt, 1));
  CHECK_FALSE(server::Stuck(299.0, std::nullopt, 1));
  CHECK_FALSE(server::Stuck(900.0, 700.0, 1));
  CHECK_FALSE(server::Stuck(900.0, std::nullopt, 0));  // nothing open: done, not stuck

  drill::DrillResult r;
  drill::ObjectiveResult o;
  o.startedAt = 100.0;
  o.metAt = 110.0;
  r.objectives.push_back(o);
  std::vector<session::AppliedCommand> applied;
  CHECK(server::SolvedTooFast(r, applied));
  session::AppliedCommand look;
  look.at = 105.0;
  look.verb = session::Verb::Traceroute;
  applied.push_back(look);
  CHECK_FALSE(server::SolvedTooFast(r, applied));  // it looked first
  r.objectives[0].metAt = 140.0;
  applied.clear();
  CHECK_FALSE(server::SolvedTooFast(r, applied));  // 40 s: a fast trainee, not an impossible one
  CHECK(server::LastTraineeActionAt(applied) == std::nullopt);
}
