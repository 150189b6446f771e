#include "session/session.h"

#include "session/alarm-rules.h"
#include "session/diagnose.h"
#include "twin/units.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <cstdio>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <type_traits>

namespace netdrill::session {

using namespace netdrill::twin;

namespace {

void Mix(std::uint64_t& h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 1099511628211ULL;
}

void MixText(std::uint64_t& h, const std::string& s) {
  for (unsigned char ch : s) h = (h ^ ch) * 1099511628211ULL;
  Mix(h, s.size());
}

std::uint64_t Ns(double seconds) { return static_cast<std::uint64_t>(std::llround(seconds * 1e9)); }

// One journal line: {"tick", "role", "command"}, and "seat" for a team drill's seat.
std::string JournalLine(std::uint64_t tick, Role role, Seat seat, const std::string& text) {
  nlohmann::json line{{"tick", tick}, {"role", RoleName(role)}, {"command", text}};
  if (seat != Seat::None) line["seat"] = SeatName(seat);
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Session::Session(const twin::Twin& twin, const SessionOptions& options)
    : m_twin(twin), m_options(options), m_names(m_twin), m_noise(options.seed) {}

Session::~Session() = default;

std::unique_ptr<Session> Session::Create(const twin::Twin& twin, const SessionOptions& options,
                                         twin::Diagnostics& diags) {
  if (!(options.tickS > 0) || !(options.alarmIntervalS >= options.tickS)) {
    diags.Error("bad-session", "", {}, "", "the tick must be positive and the alarm interval at least one tick");
    return nullptr;
  }
  if (!options.model) {
    diags.Error("bad-session", "", {}, "", "no network model to run the session on");
    return nullptr;
  }
  if (const auto unknown = options.conference ? twin.demands.ProfileRefusal(options.conferenceProfile) : std::nullopt) {
    diags.Error("bad-profile", "", {}, "--conference", *unknown);
    return nullptr;
  }
  std::unique_ptr<Session> s(new Session(twin, options));
  ModelOptions modelOptions;
  modelOptions.seed = options.seed;
  modelOptions.bulk = options.bulk;
  modelOptions.teamsPerProvince = options.teamsPerProvince;
  s->m_network = options.model(s->m_twin, modelOptions, diags);
  if (!s->m_network) return nullptr;
  const auto core = s->m_twin.CoreNodes();
  s->m_noc = core.empty() ? NodeId(0) : core.front();
  if (options.conference) s->m_network->StartConference(options.conferenceProfile);
  if (options.vpn) s->m_network->SetVpnLoad(true);
  if (!options.journalPath.empty()) {
    s->m_journal.open(options.journalPath, std::ios::out | std::ios::trunc);
    if (!s->m_journal) {
      diags.Error("cannot-write", options.journalPath, {}, "", "cannot write the journal");
      return nullptr;
    }
    const nlohmann::json header{{"netdrill_journal", 1},
                                {"version", options.version},
                                {"twin", options.twinLabel},
                                {"scenario", options.scenario},
                                {"assist", options.assist},
                                {"seed", options.seed},
                                {"bulk", options.bulk == BulkTraffic::Packets ? "packets" : "rates"},
                                {"duration_s", options.durationS},
                                {"conference", options.conference},
                                {"profile", options.conferenceProfile},
                                {"vpn", options.vpn},
                                {"tick_s", options.tickS}};
    if (!options.journalKey.empty()) s->m_seal.emplace(options.journalKey);
    s->WriteJournal(header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  s->EvaluateAlarms();
  s->Publish();
  return s;
}

double Session::Now() const { return m_network->Now(); }

bool Session::Ended() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_ended;
}

Session::Submitted Session::Submit(const std::string& line, Role role, Seat seat) {
  std::string trimmed = line;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  trimmed.erase(trimmed.find_last_not_of(" \t\r\n") + 1);
  // Parsing reads only the twin as built and the name index: safe from any thread.
  CommandParse parsed;
  if (trimmed == "help") {
    parsed.error = CommandHelp();
  } else {
    parsed = ParseCommand(trimmed, role, m_twin, m_names);
  }
  if (parsed.command) parsed.command->seat = seat;
  return Queue(std::move(parsed), trimmed, role, seat, trimmed == "help");
}

Session::Submitted Session::Submit(Command command) {
  const std::string text = command.text;
  const Role role = command.role;
  const Seat seat = command.seat;
  return Queue(CommandParse{std::move(command), {}}, text, role, seat, false);
}

Session::Submitted Session::Queue(CommandParse parsed, const std::string& text, Role role, Seat seat, bool help) {
  std::lock_guard<std::mutex> lock(m_mutex);
  Submitted result;
  result.seq = m_nextSeq++;
  const double now = static_cast<double>(m_tick) * m_options.tickS;
  if (m_ended && parsed.command) {
    parsed.command.reset();
    parsed.error = "the run has ended: no more commands";
  }
  if (!parsed.command) {
    result.error = parsed.error;
    m_answers.push_back({result.seq, now, role, seat, text, parsed.error, !help, false, std::nullopt});
    return result;
  }
  result.accepted = true;
  if (const cmd::SetPace* pace = parsed.command->As<cmd::SetPace>()) {
    // The clock's pace is not the network's business: it applies at once, even while paused.
    const double speed = pace->verb == Verb::Pause    ? 0.0
                         : pace->verb == Verb::Resume ? std::max(m_lastSpeed, 1.0)
                                                      : pace->speed;
    if (speed > 0) m_lastSpeed = speed;
    m_speedRequest = speed;
    if (m_journal.is_open() && role != Role::Scenario) WriteJournal(JournalLine(m_tick.load(), role, seat, text));
    const std::string said = speed == 0     ? std::string("paused")
                             : speed >= 1e9 ? std::string("speed: as fast as it goes")
                                            : "speed " + FormatNumber(speed) + "x";
    m_answers.push_back({result.seq, now, role, seat, text, said, false, true, std::nullopt});
    return result;
  }
  m_inbox.push_back({result.seq, std::move(*parsed.command)});
  return result;
}

std::optional<double> Session::TakeSpeedRequest() {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto r = m_speedRequest;
  m_speedRequest.reset();
  return r;
}

void Session::SetSpeedShown(double speed) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_speedShown = speed;
}

void Session::Reply(std::uint64_t seq, Role role, Seat seat, const std::string& command, std::string text, bool error,
                    std::optional<std::vector<twin::LinkId>> path) {
  const double now = Now();
  // What the run did, not what someone looked at: a `show` changes nothing, and
  // a reader's asking for it must not change the fingerprint.
  if (command.rfind("show ", 0) != 0) {
    MixText(m_answerHash, command);
    MixText(m_answerHash, text);
    Mix(m_answerHash, Ns(now));
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_answers.push_back({seq, now, role, seat, command, std::move(text), error, false, std::move(path)});
}

void Session::Journal(const Command& c) {
  if (c.role == Role::Scenario) return;  // injects follow from the scenario and the seed
  std::lock_guard<std::mutex> lock(m_mutex);
  if (!m_journal.is_open()) return;
  // One line each, flushed: a crash loses at most the line being written.
  WriteJournal(JournalLine(m_tick.load(), c.role, c.seat, c.text));
}

void Session::WriteJournal(const std::string& json) {
  m_journal << (m_seal ? m_seal->Seal(json) : json) << '\n' << std::flush;
}

const char* TicketStatusName(TicketStatus status) { return status == TicketStatus::Open ? "open" : "closed"; }

// Carries out one command's record on the session: one handler per kind.
struct SessionApplier {
  Session& s;
  const Session::Queued& q;
  const Command& c = q.command;

  void Answer(std::string text, bool error = false) const { s.Reply(q.seq, c.role, c.seat, c.text, std::move(text), error); }
  double Now() const { return s.Now(); }

  // What a ping or traceroute looks at: every link and router on its path now, to its end or the cut;
  // when it stops short of its target, the links at the router where it stops (where the stars begin),
  // and the failures its target is cut off behind (the root causes its unreachable alarm names).
  void TouchPath(twin::NodeId target) const {
    std::vector<std::string>& touched = s.m_applied.back().touched;
    const std::vector<Hop> hops = s.m_network->Path(s.m_noc, target);
    for (const Hop& h : hops) {
      touched.push_back(s.m_twin.GetLink(h.link).id);
      touched.push_back(s.m_twin.GetNode(h.node).id);
    }
    const twin::NodeId last = hops.empty() ? s.m_noc : hops.back().node;
    if (last != target && (hops.empty() || !hops.back().dark)) {
      for (const Link& l : s.m_twin.Links()) {
        if (l.a == last || l.b == last) touched.push_back(l.id);
      }
    }
    const std::string& site = s.m_twin.GetSite(s.m_twin.GetNode(target).site).id;
    touched.push_back(s.m_twin.GetNode(target).id);
    touched.push_back(site);
    for (const Alarm& a : s.m_alarms.Alarms()) {
      if (a.Active() && a.resource == site && a.type == "unreachable")
        touched.insert(touched.end(), a.rootCauses.begin(), a.rootCauses.end());
    }
  }
  void TouchNode(twin::NodeId node) const {
    std::vector<std::string>& touched = s.m_applied.back().touched;
    touched.push_back(s.m_twin.GetNode(node).id);
    touched.push_back(s.m_twin.GetSite(s.m_twin.GetNode(node).site).id);
    for (const Link& l : s.m_twin.Links()) {
      if (l.a == node || l.b == node) touched.push_back(l.id);
    }
  }

  void operator()(const cmd::Ping& p) const {
    TouchPath(p.node);
    if (p.node == s.m_noc) {
      Answer("that is the NOC's own router");
      return;
    }
    Session::PendingPing pending;
    pending.seq = q.seq;
    pending.role = c.role;
    pending.seat = c.seat;
    pending.command = c.text;
    pending.target = p.node;
    pending.count = p.count;
    pending.ping = s.m_network->StartPing(s.m_noc, p.node, static_cast<std::uint32_t>(p.count), 1.0);
    pending.doneAt = Now() + p.count * 1.0 + 1.0;  // one echo a second, the last given a second to return
    s.m_pings.push_back(pending);
  }
  void operator()(const cmd::Traceroute& t) const {
    TouchPath(t.node);
    if (t.node == s.m_noc) {
      Answer("that is the NOC's own router");
      return;
    }
    std::vector<twin::LinkId> path;
    for (const Hop& h : s.m_network->Path(s.m_noc, t.node, 60)) {
      if (h.dark) break;
      path.push_back(h.link);
    }
    s.Reply(q.seq, c.role, c.seat, c.text, TracerouteReport(*s.m_network, s.m_noc, t.node), false, std::move(path));
  }
  void operator()(const cmd::ShowInterface& i) const {
    TouchNode(i.node);
    std::string error;
    std::string text = InterfaceReport(*s.m_network, i.node, i.interface, error);
    Answer(error.empty() ? text : error, !error.empty());
  }
  void operator()(const cmd::ShowRoute& r) const {
    TouchNode(r.node);
    std::string error;
    std::string text = RouteReport(*s.m_network, r.node, r.destination, s.m_names, error);
    Answer(error.empty() ? text : error, !error.empty());
  }
  void operator()(const cmd::ShowAlarms& a) const { Answer(AlarmsReport(s.m_alarms, s.m_twin, a.all ? Seat::None : c.seat)); }
  void operator()(const cmd::ShowConference& sc) const { Answer(ConferenceReport(*s.m_network, sc.province)); }
  void operator()(const cmd::ShowTeams& t) const {
    const std::string only = t.province.IsValid() ? s.m_twin.GetSite(t.province).id : std::string();
    Answer(TeamsReport(s.m_network->Teams(), s.m_twin, only, Now()));
  }
  void operator()(const cmd::ShowTickets&) const {
    if (s.m_tickets.empty()) {
      Answer("No ticket.\n");
      return;
    }
    std::string text;
    for (const Ticket& t : s.m_tickets) {
      text += t.id + "  " + TicketStatusName(t.status) + "  " + SeverityName(t.severity) + "  " + FormatClock(t.created) +
              "  " + t.title + "\n";
      for (const auto& [at, note] : t.notes) text += "      " + FormatClock(at) + "  " + note + "\n";
    }
    Answer(text);
  }
  void operator()(const cmd::DeclareCause& d) const {
    s.m_declarations.push_back({Now(), d.element, c.role, c.seat});
    Answer("noted: the cause is " + d.element + " (declared at " + FormatClock(Now()) + ")");
  }
  void operator()(const cmd::SetAlarmState& a) const {
    std::string id = a.alarm;
    if (id.empty()) {
      // By resource: its active alarm, the root first. A shared-risk group
      // stands for its links too (one link's group raises no group alarm).
      const std::vector<std::string> resources = s.m_twin.ResourcesOf(a.element);
      for (const Alarm& alarm : s.m_alarms.Alarms()) {
        const bool mine = std::find(resources.begin(), resources.end(), alarm.resource) != resources.end();
        if (alarm.Active() && mine && (id.empty() || alarm.isRoot)) id = alarm.id;
      }
      if (id.empty()) {
        Answer("no active alarm on " + a.element, true);
        return;
      }
    }
    const std::string error = s.m_alarms.SetOperatorState(id, a.state, c.role, Now());
    Answer(error.empty() ? id + ": " + OperatorStateName(a.state) : error, !error.empty());
  }
  void operator()(const cmd::OpenTicket& o) const {
    Ticket t;
    t.id = "T-" + std::to_string(s.m_tickets.size() + 1);
    t.created = Now();
    t.severity = o.severity;
    t.title = o.title;
    t.by = c.role;
    t.seat = c.seat;
    s.m_tickets.push_back(t);
    Answer(t.id + " opened");
  }
  void operator()(const cmd::UpdateTicket& u) const {
    auto it = std::find_if(s.m_tickets.begin(), s.m_tickets.end(), [&](const Ticket& t) { return t.id == u.ticket; });
    if (it == s.m_tickets.end()) {
      Answer("no ticket " + u.ticket + " (show tickets lists them)", true);
      return;
    }
    if (it->status == TicketStatus::Closed) {
      Answer(u.ticket + " is closed", true);
      return;
    }
    if (!u.note.empty()) it->notes.emplace_back(Now(), u.note);
    if (u.close) it->status = TicketStatus::Closed;
    Answer(u.ticket + (u.close ? " closed" : ": note added"));
  }
  void operator()(const cmd::SendMessage& m) const {
    if (m.to != Recipient::Site) {
      s.m_messages.push_back({Now(), false, "", "", m.text, m.to});
      Answer(std::string("message sent to ") + (m.to == Recipient::Leadership       ? "the leadership"
                                                : m.to == Recipient::CentralOffices ? "the central offices (VPTW)"
                                                                                    : "the security team"));
      return;
    }
    const Site& site = s.m_twin.GetSite(m.site);
    s.m_messages.push_back({Now(), m.fromCaller, site.id, site.name, m.text, Recipient::Site});
    Answer(m.fromCaller ? "caller message posted" : "message sent to " + site.name);
  }
  void operator()(const cmd::Act& act) const {
    const FaultSpec& f = act.fault;
    if (IsRestoration(f.action)) {
      s.m_applied.back().blind = (NothingToRestore(*s.m_network, f) && !AnyFlapping(f)) || AllUnderWorks(f);
    }
    if (f.action == FaultAction::Flap || f.action == FaultAction::Noise) {
      if (f.action == FaultAction::Noise) s.m_noise.SetRate(f.perHour, Now());
      for (LinkId l : f.links) s.m_noise.Flap(*s.m_network, l, f.periodS, f.downS);
      Answer("done: " + c.text);
      return;
    }
    if (f.action == FaultAction::Repair) {
      for (LinkId l : f.links) s.m_noise.EndFlap(l, Now());
    }
    if (f.action == FaultAction::Works) {
      s.m_noise.StartWorks(*s.m_network, f.links, f.forS);
      Answer("done: " + c.text);
      return;
    }
    if (IsSecurity(f.action)) {
      Security(f);
      return;
    }
    if (f.action == FaultAction::GeneratorRestart) {
      RestartGenerator(f.site);
      return;
    }
    if (f.action != FaultAction::Dispatch) {
      ApplyFault(*s.m_network, f);
      Answer("done: " + c.text);
      return;
    }
    std::string text;
    for (LinkId l : f.links) {
      const bool flapping = s.m_noise.Flapping(l, Now());
      if (!s.m_network->LinkDark(l) && !flapping) {
        text += s.m_twin.GetLink(l).id + " is not cut: no team sent\n";
        continue;
      }
      const auto job = s.m_network->DispatchRepair(l);
      if (!job) {
        s.m_applied.back().nobodySent = true;
        text += "no field team on duty in " + twin::FieldTeams::ProvinceOf(s.m_twin, l) + ": none sent to " +
                s.m_twin.GetLink(l).id + "\n";
        continue;
      }
      if (flapping) s.m_noise.EndFlap(l, job->doneS);  // the team replaces the failing fibre or optics
      if (s.m_noise.UnderWorks(l, Now())) text += "(" + s.m_twin.GetLink(l).id + " is out for planned works) ";
      text += "field team dispatched to " + s.m_twin.GetLink(l).id + ": repaired by " + FormatClock(job->doneS);
      // Every team of the province busy: the repair waits for the first one free.
      if (job->departS > Now() + 1e-9) text += " (queued: " + job->province + "'s teams are busy until " + FormatClock(job->departS) + ")";
      text += "\n";
    }
    Answer(text);
  }
  static bool IsSecurity(FaultAction a) {
    return a == FaultAction::VrfLeak || a == FaultAction::WithdrawVrfLeak || a == FaultAction::Intrusion ||
           a == FaultAction::LockManagement;
  }
  void Security(const FaultSpec& f) const {
    std::string text;
    for (NodeId n : f.nodes) {
      const std::string& id = s.m_twin.GetNode(n).id;
      switch (f.action) {
        case FaultAction::VrfLeak:
        case FaultAction::Intrusion:
          f.action == FaultAction::VrfLeak ? s.m_security.SetVrfLeak(n, true) : s.m_security.Intrude(n);
          text += "done: " + std::string(FaultActionName(f.action)) + " at " + id + "\n";
          break;
        case FaultAction::WithdrawVrfLeak:
          if (!s.m_security.VrfLeaking(n)) {
            text += id + " imports no other agency's routes: nothing to withdraw\n";
            s.m_applied.back().blind = true;
          } else {
            s.m_security.SetVrfLeak(n, false);
            text += "the leaked routes withdrawn from " + id + "'s VRF\n";
          }
          break;
        default:
          if (!s.m_security.LockManagement(n)) {
            text += id + " has no unknown management session: nothing to lock\n";
            s.m_applied.back().blind = true;
          } else {
            text += "management access to " + id + " closed to all but the NOC; the unknown session ended\n";
          }
          break;
      }
    }
    Answer(text);
  }
  // A team sent to links out for planned works is sent for nothing: they come back by themselves.
  bool AllUnderWorks(const FaultSpec& f) const {
    if (f.action != FaultAction::Dispatch || f.links.empty()) return false;
    return std::all_of(f.links.begin(), f.links.end(), [&](LinkId l) { return s.m_noise.UnderWorks(l, Now()); });
  }
  bool AnyFlapping(const FaultSpec& f) const {
    if (f.action != FaultAction::Dispatch) return false;
    return std::any_of(f.links.begin(), f.links.end(), [&](LinkId l) { return s.m_noise.Flapping(l, Now()); });
  }
  void RestartGenerator(SiteId site) const {
    const twin::SitePower& power = s.m_network->Power();
    const Site& where = s.m_twin.GetSite(site);
    if (!power.HasGenerator(site)) {
      Answer(where.id + " has no generator: no team sent", true);
      return;
    }
    if (!power.MainsLost(site) || !power.GeneratorFailed(site)) {
      Answer(where.id + (power.MainsLost(site) ? " is running on its generator" : " has mains power") +
             ": no team sent");
      return;
    }
    const auto job = s.m_network->DispatchGeneratorRestart(site);
    if (!job) {
      s.m_applied.back().nobodySent = true;
      Answer("no field team on duty in province:" + where.provinceCode + ": none sent to " + where.id, true);
      return;
    }
    std::string text = "field team dispatched to restart the generator of " + where.id + ": running by " +
                       FormatClock(job->doneS);
    if (job->departS > Now() + 1e-9) text += " (queued: " + job->province + "'s teams are busy until " + FormatClock(job->departS) + ")";
    Answer(text);
  }
  void operator()(const cmd::SetPace&) const {}  // handled in Submit: the pace is not the network's business
  void operator()(const cmd::RequestHint&) const {
    Answer("hint asked for: the drill shows it with the objectives, and counts its cost");
  }
  void operator()(const cmd::End&) const {
    {
      std::lock_guard<std::mutex> lock(s.m_mutex);
      s.m_ended = true;
    }
    Answer("the run ends");
  }
};

void Session::Apply(const Queued& q) {
  const Command& c = q.command;
  Journal(c);
  m_applied.push_back({m_tick.load(), Now(), c.role, c.seat, c.verb, c.text, c.args, false, false, {}});
  if (c.seat != Seat::None) Mix(m_answerHash, static_cast<std::uint64_t>(c.seat));  // whose command it was (a team's)
  std::visit(SessionApplier{*this, q}, c.args);
}

void Session::Step() {
  if (Ended()) return;
  // A replay's commands for this tick, as if they had just been given.
  while (m_replayNext < m_replay.size() && m_replay[m_replayNext].tick <= m_tick) {
    const JournalEntry& e = m_replay[m_replayNext++];
    // The pace the trainee chose is kept in the journal for the record, not
    // replayed: whoever watches a replay sets their own.
    CommandParse parsed = ParseCommand(e.command, e.role, m_twin, m_names);
    if (parsed.command && IsPace(parsed.command->verb)) continue;
    if (parsed.command) parsed.command->seat = e.seat;
    Queue(std::move(parsed), e.command, e.role, e.seat, false);  // parsed once, as Submit would
  }
  std::vector<Queued> inbox;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    inbox.swap(m_inbox);
  }
  for (const Queued& q : inbox) Apply(q);
  m_network->RunUntil(static_cast<double>(m_tick + 1) * m_options.tickS);
  ++m_tick;
  // Pings whose last echo has had its time.
  for (auto it = m_pings.begin(); it != m_pings.end();) {
    if (Now() + 1e-9 < it->doneAt) {
      ++it;
      continue;
    }
    Reply(it->seq, it->role, it->seat, it->command,
           PingReport(*m_network, m_noc, it->target, m_network->PingResult(it->ping), it->count));
    it = m_pings.erase(it);
  }
  const auto every = static_cast<std::uint64_t>(std::llround(m_options.alarmIntervalS / m_options.tickS));
  if (every == 0 || m_tick % every == 0) EvaluateAlarms();
  if (m_options.durationS > 0 && Now() + 1e-9 >= m_options.durationS) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_ended = true;
  }
  Publish();
}

void Session::RunUntil(double t) {
  while (!Ended() && static_cast<double>(m_tick) * m_options.tickS + 1e-9 < t) Step();
}

void Session::EvaluateAlarms() {
  std::vector<AlarmCondition> conditions = AlarmConditions(*m_network, m_alarms);
  m_reachable = m_network->SitesReachingCore();
  m_noise.AddConditions(*m_network, m_reachable, Now(), conditions);
  m_security.AddConditions(m_twin, conditions);
  m_alarms.Update(Now(), conditions);
  m_conference = m_network->Conference();
  m_links = m_network->Links();
}

void Session::Publish() {
  auto s = std::make_shared<Snapshot>();
  s->simTime = Now();
  s->tick = m_tick.load();
  // Shared with the previous snapshot when unchanged.
  const std::shared_ptr<const Snapshot> previous = Latest();
  if (previous && previous->alarmsVersion == m_alarms.Version()) {
    s->alarms = previous->alarms;
  } else {
    auto alarms = std::make_shared<std::vector<Alarm>>();
    std::vector<const Alarm*> cleared;
    for (const Alarm& a : m_alarms.Alarms()) {
      if (a.Active()) {
        alarms->push_back(a);
      } else {
        cleared.push_back(&a);
      }
    }
    for (std::size_t i = cleared.size() > 100 ? cleared.size() - 100 : 0; i < cleared.size(); ++i) {
      alarms->push_back(*cleared[i]);
    }
    s->alarms = std::move(alarms);
  }
  s->alarmsVersion = m_alarms.Version();
  const auto links = static_cast<std::uint32_t>(m_twin.Links().size());
  std::vector<std::uint8_t> dark(links);
  std::vector<float> utilisation(links);
  for (std::uint32_t l = 0; l < links; ++l) {
    dark[l] = m_network->LinkDark(LinkId(l));
    utilisation[l] = static_cast<float>(m_network->LinkState(LinkId(l)).utilisation);
  }
  std::vector<std::uint8_t> reachable(m_reachable.begin(), m_reachable.end());
  auto keep = [](const auto& before, auto&& now) {
    using Vector = std::decay_t<decltype(now)>;
    return before && *before == now ? before : std::make_shared<const Vector>(std::move(now));
  };
  s->linkDark = keep(previous ? previous->linkDark : nullptr, std::move(dark));
  s->linkUtilisation = keep(previous ? previous->linkUtilisation : nullptr, std::move(utilisation));
  s->siteReachable = keep(previous ? previous->siteReachable : nullptr, std::move(reachable));
  s->teams = keep(previous ? previous->teams : nullptr, m_network->Teams());
  s->conference = m_conference;
  s->links = m_links;
  s->tickets = m_tickets;
  s->messages = m_messages;
  s->declarations = m_declarations;
  for (const PendingPing& p : m_pings) {
    const PingStats st = m_network->PingResult(p.ping);
    s->pending.push_back(p.command + " (" + std::to_string(st.sent) + " of " + std::to_string(p.count) + " sent)");
  }
  // The fingerprint hashes every alarm the run raised (thousands in a long, noisy one): once a
  // simulated second, and at the end; in between a snapshot keeps the last one.
  const auto perSecond = static_cast<std::uint64_t>(std::llround(1.0 / m_options.tickS));
  const bool wholeSecond = perSecond == 0 || m_tick % perSecond == 0;
  s->fingerprint = wholeSecond || Ended() || !previous ? Fingerprint() : previous->fingerprint;
  std::lock_guard<std::mutex> lock(m_mutex);
  s->ended = m_ended;
  s->speed = m_speedShown;
  if (wholeSecond) m_history.push_back(s);
  m_snapshot = std::move(s);
}

std::shared_ptr<const Snapshot> Session::SnapshotAt(double t) const {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_history.empty()) return m_snapshot;
  // Kept once a second from time 0: the one of second floor(t), or the last one.
  const auto index = static_cast<std::size_t>(std::max(0.0, std::floor(t + 1e-9)));
  return m_history[std::min(index, m_history.size() - 1)];
}

std::vector<std::shared_ptr<const Snapshot>> Session::History() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_history;
}

namespace {

// A heap block as glibc's malloc takes it: the request and its 8-byte header, rounded up to 16, at least 32.
std::size_t Block(std::size_t request) { return request == 0 ? 0 : std::max<std::size_t>(32, (request + 8 + 15) / 16 * 16); }
std::size_t TextBytes(const std::string& s) { return s.capacity() > 15 ? Block(s.capacity() + 1) : 0; }  // past the SSO buffer
template <class T>
std::size_t BufferBytes(const std::vector<T>& v) { return Block(v.capacity() * sizeof(T)); }
std::size_t TextsBytes(const std::vector<std::string>& v) {
  std::size_t n = BufferBytes(v);
  for (const std::string& s : v) n += TextBytes(s);
  return n;
}
// What an alarm holds on the heap (its own bytes are in its vector's buffer).
std::size_t AlarmHeapBytes(const Alarm& a) {
  return TextBytes(a.id) + TextBytes(a.resource) + TextBytes(a.type) + TextBytes(a.qualifier) + TextBytes(a.text) +
         TextsBytes(a.args) + TextsBytes(a.rootCauses) + TextsBytes(a.impacted) + BufferBytes(a.history) +
         BufferBytes(a.operatorHistory);
}
// A make_shared vector: its block (the vector and the control block) and its buffer.
template <class T>
std::size_t SharedArrayBytes(const std::shared_ptr<const std::vector<T>>& v) {
  return v ? Block(sizeof(std::vector<T>) + 16) + BufferBytes(*v) : 0;
}

}  // namespace

std::size_t Session::AlarmLogBytes() const {
  std::size_t n = BufferBytes(m_alarms.Alarms());
  for (const Alarm& a : m_alarms.Alarms()) n += AlarmHeapBytes(a);
  return n;
}

std::size_t Session::HistoryBytes() const {
  const auto history = History();
  std::set<const void*> seen;  // the arrays and alarm lists snapshots share
  std::size_t n = 0;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    n = BufferBytes(m_history);
  }
  auto once = [&](const void* p) { return p != nullptr && seen.insert(p).second; };
  for (const auto& snap : history) {
    n += Block(sizeof(Snapshot) + 16);
    n += BufferBytes(snap->tickets) + BufferBytes(snap->messages) + BufferBytes(snap->declarations) +
         TextsBytes(snap->pending);
    for (const Ticket& t : snap->tickets) {
      n += TextBytes(t.id) + TextBytes(t.title) + TextsBytes(t.related) + BufferBytes(t.notes);
      for (const auto& note : t.notes) n += TextBytes(note.second);
    }
    if (once(snap->alarms.get())) {
      n += SharedArrayBytes(snap->alarms);
      for (const Alarm& a : *snap->alarms) n += AlarmHeapBytes(a);
    }
    if (once(snap->linkDark.get())) n += SharedArrayBytes(snap->linkDark);
    if (once(snap->linkUtilisation.get())) n += SharedArrayBytes(snap->linkUtilisation);
    if (once(snap->siteReachable.get())) n += SharedArrayBytes(snap->siteReachable);
    if (once(snap->teams.get())) n += SharedArrayBytes(snap->teams);
  }
  return n;
}

std::size_t Session::HistorySize() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_history.size();
}

std::shared_ptr<const Snapshot> Session::Latest() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_snapshot;
}

std::vector<Answer> Session::TakeAnswers() {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<Answer> out;
  out.swap(m_answers);
  return out;
}

std::uint64_t Session::Fingerprint() const {
  std::uint64_t h = m_network->Fingerprint();
  for (const Alarm& a : m_alarms.Alarms()) {
    MixText(h, a.id);
    MixText(h, a.resource);
    MixText(h, a.type);
    Mix(h, static_cast<std::uint64_t>(a.severity));
    Mix(h, Ns(a.raisedAt));
    Mix(h, a.clearedAt ? Ns(*a.clearedAt) : 0);
    Mix(h, a.history.size());
    Mix(h, static_cast<std::uint64_t>(a.operatorState));
  }
  Mix(h, m_answerHash);
  Mix(h, m_tickets.size());
  Mix(h, m_messages.size());
  Mix(h, m_declarations.size());
  return h;
}

std::string FingerprintHex(std::uint64_t fingerprint) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fingerprint));
  return hex;
}

void Session::CloseJournal() {
  std::lock_guard<std::mutex> lock(m_mutex);
  if (!m_journal.is_open()) return;
  // The end line keeps the run's fingerprint: a replay says when it does not come out the same.
  WriteJournal(nlohmann::json{{"tick", m_tick.load()}, {"end", true}, {"fingerprint", FingerprintHex(Fingerprint())}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
  m_journal.close();
}

void Session::Replay(const std::vector<JournalEntry>& entries) {
  m_replay = entries;
  std::stable_sort(m_replay.begin(), m_replay.end(),
                   [](const JournalEntry& a, const JournalEntry& b) { return a.tick < b.tick; });
  m_replayNext = 0;
}

std::unique_ptr<Session> Session::Branch(const twin::Twin& twin, const SessionOptions& options,
                                         const std::vector<JournalEntry>& entries, double t, twin::Diagnostics& diags) {
  auto s = Create(twin, options, diags);
  if (!s) return nullptr;
  const auto untilTick = static_cast<std::uint64_t>(std::llround(t / options.tickS));
  std::vector<JournalEntry> before;
  for (const JournalEntry& e : entries) {
    if (e.tick < untilTick) before.push_back(e);
  }
  s->Replay(before);
  s->RunUntil(t);
  s->TakeAnswers();  // the past's answers were given in the past
  return s;
}

std::uint64_t Session::ReplayEndsAtTick() const { return m_replay.empty() ? 0 : m_replay.back().tick; }

}  // namespace netdrill::session
