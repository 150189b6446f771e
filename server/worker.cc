#include "server/worker.h"

#include "drill/drill-load.h"
#include "drill/drill-run.h"
#include "drill/records.h"
#include "server/class-rules.h"
#include "sim/engine.h"
#include "twin/name-index.h"
#include "wire/command-wire.h"
#include "wire/framing.h"
#include "wire/netdrill.pb.h"

#include <memory>
#include <optional>
#include <sstream>

#ifndef NETDRILL_VERSION
#define NETDRILL_VERSION "dev"
#endif

namespace netdrill::server {

namespace {

std::string FirstError(const twin::Diagnostics& diags, const std::string& otherwise) {
  std::ostringstream s;
  diags.Print(s);
  const std::string text = s.str();
  return text.empty() ? otherwise : text.substr(0, text.find('\n'));
}

// One drill, once started.
class Worker {
public:
  wire::WorkerReply Handle(const wire::WorkerRequest& request, bool& done);

private:
  wire::WorkerReply Start(const wire::WorkerStart& start);
  void Advance(double until, wire::AdvanceReply& reply);
  void FillProgress(wire::Progress& progress) const;
  // A paced session's trainee asking for more than the drill's max_speed (a scripted one runs unpaced anyway).
  std::optional<std::string> SpeedRefusal(const drill::ScriptedAction& a) const {
    if (!m_start.paced() || a.role != session::Role::Trainee) return std::nullopt;
    const auto parsed = session::ParseCommand(drill::Substitute(a.command, *m_picks), a.role, m_loaded->twin, *m_names);
    return parsed.command ? drill::SpeedLimitRefusal(m_loaded->drill, *parsed.command) : std::nullopt;
  }

  std::optional<drill::LoadedDrill> m_loaded;
  std::optional<drill::Picks> m_picks;
  std::unique_ptr<session::Session> m_session;
  std::unique_ptr<drill::DrillRun> m_run;
  wire::WorkerStart m_start;
  double m_speed = 1.0;  // a paced session's: what its speed commands asked for
  std::unique_ptr<twin::NameIndex> m_names;
};

wire::WorkerReply Worker::Start(const wire::WorkerStart& start) {
  wire::WorkerReply reply;
  twin::Diagnostics diags;
  m_start = start;
  m_loaded = drill::LoadCheckedDrill(start.drill_file(), diags);
  const std::uint64_t seed = start.seed() == 0 ? 1 : start.seed();
  if (m_loaded) m_picks = drill::MakePicks(m_loaded->drill, m_loaded->twin, seed, diags);
  if (!m_loaded || !m_picks) {
    reply.set_error(FirstError(diags, start.drill_file() + ": the drill does not load"));
    return reply;
  }
  session::SessionOptions options =
      drill::DrillSessionOptions(m_loaded->drill, seed, start.drill_file(), sim::EngineModel(), NETDRILL_VERSION);
  options.journalPath = start.journal();
  options.journalKey = start.journal_key();
  if (!start.assist().empty()) options.assist = start.assist();
  m_session = session::Session::Create(m_loaded->twin, options, diags);
  if (!m_session) {
    reply.set_error(FirstError(diags, "the session did not start"));
    return reply;
  }
  const std::string lang = start.lang().empty() ? "vi" : start.lang();
  m_names = std::make_unique<twin::NameIndex>(m_loaded->twin);
  m_run = std::make_unique<drill::DrillRun>(m_loaded->drill, *m_picks, *m_session, seed, lang);
  const auto assist = drill::ParseAssist(options.assist).value_or(m_loaded->drill.assist);
  m_run->SetAssist(assist);
  wire::JoinReply& started = *reply.mutable_started();
  started.set_drill(m_loaded->drill.id);
  started.set_title(m_loaded->drill.title.In(lang));
  started.set_duration_s(m_loaded->drill.durationS);
  started.set_assist(drill::AssistName(assist));
  return reply;
}

void Worker::Advance(double until, wire::AdvanceReply& reply) {
  while (!m_run->Over() && m_session->Now() + 1e-9 < until) {
    const auto answers = m_run->StepOnce();
    bool paceChanged = false;
    if (m_start.paced()) {
      if (const auto asked = m_session->TakeSpeedRequest()) {
        m_speed = *asked;
        m_session->SetSpeedShown(*asked);
        paceChanged = true;
      }
    }
    for (const session::Answer& a : answers) {
      wire::Answer& w = *reply.add_answers();
      w.set_at_s(a.at);
      w.set_command(a.command);
      w.set_text(a.text);
      w.set_error(a.error);
      w.set_seat(session::SeatName(a.seat));
    }
    if (paceChanged) break;  // the server's clock takes the new pace from here
  }
  FillProgress(*reply.mutable_progress());
}

void Worker::FillProgress(wire::Progress& progress) const {
  const drill::DrillResult r = m_run->Result();
  progress.set_sim_seconds(m_session->Now());
  progress.set_score(r.score);
  int met = 0;
  for (const drill::ObjectiveResult& o : r.objectives) met += o.metAt.has_value();
  progress.set_objectives_met(met);
  progress.set_objectives(static_cast<int>(r.objectives.size()));
  progress.set_ended(m_run->Over());
  progress.set_too_fast(SolvedTooFast(r, m_session->Applied()));
  progress.set_last_trainee_at(LastTraineeActionAt(m_session->Applied()).value_or(-1.0));
  progress.set_speed(m_speed);
}

wire::WorkerReply Worker::Handle(const wire::WorkerRequest& request, bool& done) {
  wire::WorkerReply reply;
  if (request.has_start()) {
    if (m_run) reply.set_error("the drill has started already");
    else reply = Start(request.start());
    return reply;
  }
  if (!m_run) {
    reply.set_error("the drill has not started");
    return reply;
  }
  const session::Role role = session::ParseRole(request.role()).value_or(session::Role::Trainee);
  if (request.has_submit()) {
    drill::ScriptedAction a;
    a.atS = std::max(request.submit().at_s(), m_session->Now());
    a.command = wire::CommandLine(request.submit().command());
    a.role = role == session::Role::Scenario ? session::Role::Trainee : role;  // a client is never the scenario
    a.seat = a.role == session::Role::Trainee ? session::ParseSeat(request.seat()).value_or(session::Seat::None) : session::Seat::None;
    if (a.command.empty()) {
      reply.mutable_submitted()->set_error("an empty command");
    } else if (!m_start.allow_picks() && drill::Substitute(a.command, *m_picks) != a.command) {
      // The picks are the drill's answers: only a scripted session on a server that allows scripts names them.
      reply.mutable_submitted()->set_error("a command may not name the drill's picks ({...}) in this session");
    } else if (m_run->Over()) {
      reply.mutable_submitted()->set_error("the drill is over");
    } else if (const auto refusal = SpeedRefusal(a)) {
      reply.mutable_submitted()->set_error(*refusal);
    } else {
      reply.mutable_submitted()->set_text(drill::Substitute(a.command, *m_picks));
      reply.mutable_submitted()->set_at_s(m_run->Queue(std::move(a)));
      reply.mutable_submitted()->set_accepted(true);
    }
  } else if (request.has_advance()) {
    Advance(request.advance().until_s(), *reply.mutable_advanced());
  } else if (request.has_finish()) {
    Advance(m_loaded->drill.durationS, *reply.mutable_advanced());
    m_session->CloseJournal();
    const drill::DrillResult result = m_run->Result();
    wire::FinishReply& finished = *reply.mutable_finished();
    finished.set_result_json(drill::ResultJson(result));
    finished.set_score(result.score);
    finished.set_fingerprint(result.fingerprint);
    if (!m_start.trainee().empty()) {
      twin::Diagnostics diags;
      auto records = drill::Records::Open(m_start.records(), diags);
      const std::int64_t id = records ? records->Add(result, m_start.trainee(), drill::UtcNow(), m_start.allow_picks() || !m_start.paced(), diags) : 0;
      if (id == 0) reply.set_error(FirstError(diags, "the result was not kept"));
      finished.set_record(id);
    }
    done = true;
  } else {
    reply.set_error("an empty request");
  }
  return reply;
}

}  // namespace

int RunWorker(int inFd, int outFd) {
  Worker worker;
  bool done = false;
  while (!done) {
    wire::WorkerRequest request;
    std::string error;
    if (!wire::ReadFrame(inFd, request, error)) return error == "the pipe closed" ? 0 : 1;
    if (!wire::WriteFrame(outFd, worker.Handle(request, done))) return 1;
  }
  return 0;
}

}  // namespace netdrill::server
