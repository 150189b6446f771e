// The session: what a trainee and an instructor see and do while the
// simulated network runs. It steps the network model on a fixed grid of simulated
// time (ticks of 100 ms), applies commands at tick boundaries (stamped with
// their tick, journalled), evaluates alarms, answers diagnose commands, keeps
// tickets and messages, and publishes an immutable snapshot after each step.
// It runs on any NetworkModel (the ns-3 engine, or the fake model of the
// tests): the console and the drill runner include it without ns-3.
//
// Session itself is single-threaded and deterministic (a script or a replay
// drives it tick by tick); LiveSession (live-session.h) paces it on a thread.
#pragma once

#include "session/alarms.h"
#include "session/command.h"
#include "session/journal-seal.h"
#include "session/network-model.h"
#include "session/noise.h"
#include "session/security.h"
#include "twin/model.h"
#include "twin/name-index.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace netdrill::session {

struct SessionOptions {
  ModelFactory model;        ///< the network it runs on: sim::EngineModel(), or FakeNetworkModel's
  std::uint64_t seed = 1;
  BulkTraffic bulk = BulkTraffic::Rates;
  double tickS = 0.1;        ///< the grid commands apply on, whatever the speed
  double durationS = 0.0;    ///< the run ends here (0: open-ended)
  bool conference = false;   ///< the national conference from the start
  std::string conferenceProfile;
  bool vpn = false;
  double alarmIntervalS = 1.0;  ///< alarms are evaluated this often (simulated)
  std::string twinLabel;        ///< what the journal's header names: a preset or a file
  std::string scenario;         ///< the drill, if any (journal header)
  std::string assist;           ///< the drill's assist level, if any (journal header: a replay scores as the run did)
  int teamsPerProvince = 2;     ///< field teams at each province centre (a drill's field_teams)
  std::string journalPath;      ///< "" : no journal
  std::string journalKey;       ///< seals the journal's lines (session/journal-seal.h); "" : not sealed
  std::string version;          ///< netdrill's version, for the journal's header
};

/// @brief The answer to one command, or its refusal.
struct Answer {
  std::uint64_t seq = 0;  ///< the command's number in this session (1, 2, ...)
  double at = 0.0;        ///< simulated time of the answer
  Role role = Role::Trainee;
  Seat seat = Seat::None;  ///< a team drill's seat that gave the command (its answer is that seat's)
  std::string command;
  std::string text;       ///< what a router or the system prints
  bool error = false;
  bool pace = false;      ///< a speed, pause or resume: the clock's pace, not the network's
  /// A traceroute's links to the last router that answered, from the NOC outward (the console's
  /// map draws the path the trainee traced, and only that: what the answer shows).
  /// Set by a traceroute only (empty: it got no answer past the NOC).
  std::optional<std::vector<twin::LinkId>> path;
};

enum class TicketStatus : std::uint8_t { Open, Closed };
/// @brief "open" or "closed".
const char* TicketStatusName(TicketStatus status);

struct Ticket {
  std::string id;  ///< "T-3"
  double created = 0.0;
  AlarmSeverity severity = AlarmSeverity::Warning;
  TicketStatus status = TicketStatus::Open;
  std::string title;
  std::vector<std::string> related;  ///< resources named in it or declared
  std::vector<std::pair<double, std::string>> notes;
  Role by = Role::Trainee;
  Seat seat = Seat::None;  ///< a team drill's seat that opened it (the team shares every ticket)
};

struct Message {
  double at = 0.0;
  bool fromCaller = false;  ///< a caller to the trainee, or the trainee to a site
  std::string site;         ///< the site's id ("" for the leadership and the central offices)
  std::string siteName;
  std::string text;
  Recipient to = Recipient::Site;
};

struct Declaration {
  double at = 0.0;
  std::string element;
  Role role = Role::Trainee;
  Seat seat = Seat::None;
};

/// @brief What a reader sees of the session at one moment; never changes once published.
struct Snapshot {
  double simTime = 0.0;
  std::uint64_t tick = 0;
  double speed = 1.0;  ///< as the live session paces it (0: paused)
  bool ended = false;
  /// Active, then the last cleared ones (at most 100); shared with the previous snapshot while unchanged.
  std::shared_ptr<const std::vector<Alarm>> alarms = std::make_shared<const std::vector<Alarm>>();
  // The large arrays are shared with the previous snapshot while they do not
  // change: a second-by-second history of a long run stays small.
  std::shared_ptr<const std::vector<std::uint8_t>> linkDark;       ///< per twin link
  std::shared_ptr<const std::vector<float>> linkUtilisation;       ///< per twin link, the busier direction
  std::shared_ptr<const std::vector<std::uint8_t>> siteReachable;  ///< per site, by the routes and lit links
  ConferenceKpi conference;
  LinksSummary links;
  std::vector<Ticket> tickets;
  std::vector<Message> messages;
  std::vector<Declaration> declarations;
  std::shared_ptr<const std::vector<twin::FieldTeam>> teams;  ///< the field teams and their jobs (shared while unchanged)
  std::vector<std::string> pending;  ///< commands waiting for simulated time (a ping)
  std::uint64_t fingerprint = 0;        ///< the run's, as of the last whole simulated second (exact at the end)
  std::uint64_t alarmsVersion = ~0ULL;  ///< the alarm list's version the alarms were read at
};

/// @brief A command as the session applied it (for the drill runtime).
struct AppliedCommand {
  std::uint64_t tick = 0;
  double at = 0.0;
  Role role = Role::Trainee;
  Seat seat = Seat::None;  ///< a team drill's seat that gave it
  Verb verb = Verb::ShowAlarms;
  std::string text;
  CommandArgs args;  ///< what it carried, typed
  bool blind = false;  ///< a restoration with nothing to act on when applied (NothingToRestore)
  bool nobodySent = false;  ///< a dispatch or a generator restart no field team could take (none on duty)
  /// A diagnose command: the elements it looked at (the links and routers a ping's or a
  /// traceroute's path crossed, up to where it died, and its target; the router shown).
  std::vector<std::string> touched;
};

/// @brief One person's command as the journal keeps it.
struct JournalEntry {
  std::uint64_t tick = 0;
  Role role = Role::Trainee;
  std::string command;
  Seat seat = Seat::None;  ///< a team drill's seat ("seat" in the journal line; absent for None)
};

class Session {
public:
  static std::unique_ptr<Session> Create(const twin::Twin& twin, const SessionOptions& options,
                                         twin::Diagnostics& diags);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  struct Submitted {
    bool accepted = false;
    std::string error;  ///< one line, when refused
    std::uint64_t seq = 0;
  };
  /// @brief Parses a command line now and queues it for the next tick. Any
  /// thread may call it. A refusal (bad verb, unknown site, wrong role, after
  /// the end) is answered at once, and also listed in the answers.
  Submitted Submit(const std::string& line, Role role, Seat seat = Seat::None);
  /// @brief The same for a typed command (the console's buttons): its text is what the journal keeps.
  Submitted Submit(Command command);

  /// @brief One tick: applies the queued commands stamped with this tick, runs
  /// the engine to the next tick, evaluates alarms when due, publishes a snapshot.
  void Step();
  /// @brief Steps until simulated time `t` (or the end of the run).
  void RunUntil(double t);

  double Now() const;
  std::uint64_t Tick() const { return m_tick.load(); }
  bool Ended() const;
  double TickSeconds() const { return m_options.tickS; }

  /// @brief The latest snapshot; any thread, no lock held after it returns.
  std::shared_ptr<const Snapshot> Latest() const;
  /// @brief The snapshot of simulated second `t` (kept once a second, for the
  /// debrief's scrubbing): the latest at or before `t`; any thread.
  std::shared_ptr<const Snapshot> SnapshotAt(double t) const;
  /// @brief How many snapshots the history keeps.
  std::size_t HistorySize() const;
  /// @brief The history's own estimate of the memory it holds, in bytes: each snapshot, and each array or alarm
  /// list it shares with others counted once (what a soak subtracts from the process's RSS).
  std::size_t HistoryBytes() const;
  /// @brief The same estimate for the alarm log: every alarm the run raised, with its status history, kept for
  /// the debrief and the fingerprint (it grows with the alarms, by design). The session's thread only.
  std::size_t AlarmLogBytes() const;
  /// @brief The history itself, one snapshot per second: a debrief keeps it
  /// after the session (and its engine) is gone.
  std::vector<std::shared_ptr<const Snapshot>> History() const;
  /// @brief Answers not taken yet, in order; any thread.
  std::vector<Answer> TakeAnswers();
  /// @brief A speed asked for by a command since the last call (0: pause); the live session paces by it.
  std::optional<double> TakeSpeedRequest();
  /// @brief The speed the snapshots show.
  void SetSpeedShown(double speed);

  /// @brief A hash of the run: the engine's fingerprint, the alarms' history, the answers.
  std::uint64_t Fingerprint() const;
  const AlarmList& Alarms() const { return m_alarms; }
  /// @brief Every command applied so far, in order (the session's thread only).
  const std::vector<AppliedCommand>& Applied() const { return m_applied; }
  const NetworkModel& Network() const { return *m_network; }
  /// @brief VRF leaks and management-plane intrusions (session/security.h).
  const SecurityState& Security() const { return m_security; }
  const twin::Twin& Twin() const { return m_twin; }

  /// @brief Ends the journal with the tick the run stopped at, so a replay stops there too.
  void CloseJournal();

  /// @brief Queues a journal's commands to be applied at their ticks (a replay).
  void Replay(const std::vector<JournalEntry>& entries);
  /// @brief "Continue from here": a new session that replays `entries` up to
  /// simulated time `t` and stops there, ready for new commands (its own
  /// journal, if `options` names one, starts with the replayed commands).
  static std::unique_ptr<Session> Branch(const twin::Twin& twin, const SessionOptions& options,
                                         const std::vector<JournalEntry>& entries, double t, twin::Diagnostics& diags);
  /// @brief The tick of the last command still waiting in a replay (0 if none).
  std::uint64_t ReplayEndsAtTick() const;

private:
  friend struct SessionApplier;  // session.cc: carries out each kind of command
  Session(const twin::Twin& twin, const SessionOptions& options);
  struct Queued {
    std::uint64_t seq = 0;
    Command command;
  };
  struct PendingPing {
    std::uint64_t seq = 0;
    Role role = Role::Trainee;
    Seat seat = Seat::None;
    std::string command;
    int ping = -1;
    int count = 0;
    double doneAt = 0.0;
    twin::NodeId target;
  };
  Submitted Queue(CommandParse parsed, const std::string& text, Role role, Seat seat, bool help);
  void Apply(const Queued& q);
  void Reply(std::uint64_t seq, Role role, Seat seat, const std::string& command, std::string text, bool error = false,
             std::optional<std::vector<twin::LinkId>> path = std::nullopt);
  void EvaluateAlarms();
  void Publish();
  void Journal(const Command& c);

  const twin::Twin m_twin;  // as built: names and structure for parsing (the engine keeps the live state)
  const SessionOptions m_options;
  twin::NameIndex m_names;
  Noise m_noise;  // before the model: the model's pending events point at it
  SecurityState m_security;
  std::unique_ptr<NetworkModel> m_network;
  twin::NodeId m_noc;  // where the trainee's pings start: the first core router
  std::atomic<std::uint64_t> m_tick{0};  // written by the session's thread, read by Submit on any
  bool m_ended = false;
  AlarmList m_alarms;
  std::vector<Ticket> m_tickets;
  std::vector<Message> m_messages;
  std::vector<Declaration> m_declarations;
  std::vector<PendingPing> m_pings;
  std::vector<AppliedCommand> m_applied;
  std::vector<bool> m_reachable;  // as of the last alarm evaluation, like the KPIs below
  ConferenceKpi m_conference;
  LinksSummary m_links;
  std::vector<JournalEntry> m_replay;  // sorted by tick; consumed as the ticks come
  std::size_t m_replayNext = 0;
  std::uint64_t m_answerHash = 1469598103934665603ULL;
  std::ofstream m_journal;
  std::optional<JournalSeal> m_seal;  // with a journal key
  void WriteJournal(const std::string& json);  // one line, sealed when there is a key, flushed

  mutable std::mutex m_mutex;  // guards what other threads touch: the inbox, the answers, the snapshot
  std::vector<Queued> m_inbox;
  std::uint64_t m_nextSeq = 1;
  std::vector<Answer> m_answers;
  std::optional<double> m_speedRequest;
  double m_lastSpeed = 1.0;
  double m_speedShown = 1.0;
  std::shared_ptr<const Snapshot> m_snapshot;
  std::vector<std::shared_ptr<const Snapshot>> m_history;  // one per simulated second
};

/// @brief A run's fingerprint as text (16 hex digits), as the journal's end line and the results write it.
std::string FingerprintHex(std::uint64_t fingerprint);

/// @brief Reads a journal: its header and its commands. A last line cut short
/// (a crash while writing) is dropped with a warning; anything else wrong is an error.
struct JournalFile {
  std::string twin;
  std::string scenario;  ///< the drill; a relative path is resolved beside the journal when the file is there
  std::string assist;    ///< the assist level the drill ran at ("" : the drill's own)
  std::uint64_t seed = 1;
  std::string bulk = "rates";
  double durationS = 0.0;
  bool conference = false;
  std::string conferenceProfile;
  bool vpn = false;
  std::vector<JournalEntry> entries;
  std::optional<std::uint64_t> endTick;  ///< where the run stopped (absent after a crash)
  std::string endFingerprint;            ///< the run's fingerprint, as its end line keeps it ("" : none)
  std::string text;                      ///< the file as read (its seal is checked with CheckSeal)
};
std::optional<JournalFile> LoadJournal(const std::string& path, twin::Diagnostics& diags);

}  // namespace netdrill::session
