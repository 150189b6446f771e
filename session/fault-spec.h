// Faults and restorations, as the command line and the session give them: "ACTION:ELEMENT[PARAMS]@TIME", e.g.
// "cut:commune:00001--district:001@10s", "down:province:02@1m", "cut:route:02-primary@30s",
// "mcu-fail:province:79@2m", "enable:commune:22736--province:56#2@5m",
// "degrade:district:001--province:01[loss=3,delay=20,cap=0.5]@40s", "power-loss:commune:00001@0s".
#pragma once

#include "twin/diagnostics.h"
#include "twin/model.h"
#include "twin/name-index.h"
#include "twin/storm.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

namespace netdrill::session {

class NetworkModel;

enum class FaultAction {
  Cut, Repair,                ///< a link or a shared-risk group
  Down, Up,                   ///< a router or a site
  McuFail, McuRestore,        ///< a site's MCU
  Enable, Disable,            ///< a link in or out of service (a standby backup)
  Cost,                       ///< a link's IGP cost: [value=N], 0 restores
  Degrade,                    ///< a link: [loss=PCT,delay=MS,cap=FRACTION]
  PowerLoss, PowerRestore,    ///< a site's mains power
  Dispatch,                   ///< a field team to a cut link: repaired after travel and a drawn time
  Ddos,                       ///< a site flooded from the Internet gateway: [mbps=N] (default 10,000)
  Botnet,                     ///< compromised communes attacking a site: [hosts=N,mbps=M] (1,000 x 5)
  RateLimit, Filter,          ///< attacks toward a site limited to [mbps=N] each, or filtered out
  Blackhole, WithdrawBlackhole,  ///< a router: a static route to nowhere for [to=SITE]'s block
  Leak, WithdrawLeak,            ///< a router announcing [to=SITE]'s block as its own
  LineCard, LineCardRepair,      ///< a router's line card [card=K,ports=N]: its links K*N .. K*N+N-1
  MoveBranch, RestoreBranch,     ///< a site's conference branch moved to [to=SITE]'s MCU, or back
  Compromise, Isolate,           ///< a host at a site floods [to=SITE] with [mbps=N] (100); isolated
  LowerVideo, RestoreVideo,      ///< every conference stream at SD rate, or back (element: conference)
  Staff,                         ///< a province's field teams on duty: [teams=N] (default 0: staff unavailable)
  GeneratorFail,                 ///< a site's generator stops now, or will not start at the next mains loss
  GeneratorRestart,              ///< a field team to restart a site's generator (queued like a repair)
  Storm,                         ///< a moving footprint over provinces: [radius_km=R,hours_per_province=H]
  Flap,                          ///< a link dark [down=S] every [period=S] until repaired (noise.h)
  Noise,                         ///< unrelated minor alarms at [rate=N] an hour (element: network)
  Works,                         ///< planned works: a link or route cut now, back after [for=DURATION]
  VrfLeak, WithdrawVrfLeak,      ///< a router importing another agency's VPN routes (security.h)
  Intrusion, LockManagement,     ///< an unknown session on a router's management plane; access closed
  Priority, PriorityOff,         ///< a site's conference streams ahead of the queue (DSCP EF), or back
};

struct FaultSpec {
  FaultAction action = FaultAction::Cut;
  std::vector<twin::LinkId> links;  ///< cut / repair: a link, or every link of a shared-risk group
  std::vector<twin::NodeId> nodes;  ///< down / up: a router, or every router of a site
  twin::SiteId site;                ///< mcu-*, power-*: the site
  double value = 0.0;               ///< cost; ddos, botnet and rate-limit: Mbit/s
  int hosts = 0;                    ///< botnet
  int teams = 0;                    ///< staff: the teams left on duty
  twin::SiteId to;                  ///< blackhole, leak: the site whose block is misrouted
  double lossPct = 0.0, extraDelayMs = 0.0, capacityFactor = 1.0;  ///< degrade
  std::vector<twin::SiteId> track;  ///< storm: the provinces its eye passes, in order
  double radiusKm = 50.0, hoursPerProvince = 2.0;  ///< storm
  double periodS = 60.0, downS = 20.0;             ///< flap
  double perHour = 12.0;                           ///< noise
  double forS = 1800.0;                            ///< works
  double atS = 0.0;
  std::string text;
};

/// @brief What an action acts on.
enum class FaultTarget : std::uint8_t {
  Links,       ///< a link, or (cut, repair, dispatch) every link of a shared-risk group
  Site,        ///< a site (by id, code or name)
  Nodes,       ///< a router, or every router of a site
  Conference,  ///< the whole conference (element: conference)
  Track,       ///< sites in order, P1>P2>... (a storm's path)
  Network,     ///< the whole network (element: network)
};

/// @brief One row of the action table: its word, what it acts on, whether a
/// trainee may carry it out (a restoration) or only an instructor or the
/// scenario (a fault). The grammar, the help, the terminal's completion and
/// the console's menus all read this table.
struct FaultActionInfo {
  std::string_view name;
  FaultAction action;
  FaultTarget target;
  bool restoration;
};
const std::vector<FaultActionInfo>& FaultActions();
const FaultActionInfo& InfoOf(FaultAction action);
/// @brief The action's word: "cut", "dispatch", ...
std::string_view FaultActionName(FaultAction action);
/// @brief Whether a fault action is a restoration a trainee may carry out.
inline bool IsRestoration(FaultAction action) { return InfoOf(action).restoration; }

/// @brief A fault or restoration as words, before anything is resolved against
/// the twin: ACTION:ELEMENT[k=v,...]@WHEN, or (a trainee's restoration) ACTION ELEMENT k=v ...
struct FaultWords {
  std::string action;
  std::string element;
  std::vector<std::pair<std::string, std::string>> params;
  std::string when;  ///< "" : now
};
/// @brief "ACTION:ELEMENT[k=v,...]" (and "@WHEN" when `timed`) into its words; problems reported at `where`.
std::optional<FaultWords> SplitFaultText(const std::string& text, bool timed, const std::string& where,
                                         twin::Diagnostics& diags);
/// @brief The canonical text: "action:element[k=v,...]" (and "@when" when timed).
std::string FormatFault(const FaultWords& words);

/// @brief Resolves the words against the twin: the action, its parameters, the
/// element it acts on, and (when `words.when` is set) its time within `durationS`.
/// Problems are reported at `where`; nullopt on any.
std::optional<FaultSpec> ResolveFault(const FaultWords& words, const twin::Twin& twin, const twin::NameIndex& names,
                                      const std::string& where, double durationS, twin::Diagnostics& diags);

/// @brief A fault or restoration given now, without a time: "ACTION:ELEMENT[PARAMS]"
/// (the session's `fault` command).
std::optional<FaultSpec> ParseFaultNow(const std::string& text, const twin::Twin& twin, twin::Diagnostics& diags,
                                       const twin::NameIndex* names = nullptr);

/// @brief Whether a restoration has nothing to act on now (withdrawing a leak or a
/// blackhole that is not there, filtering a site under no attack, isolating a host
/// that sends nothing, restoring a working MCU, enabling an enabled link, resetting a
/// cost that is not set, sending a team to a lit link): a blind change on a live network.
bool NothingToRestore(const NetworkModel& network, const FaultSpec& fault);

/// @brief Carries a fault or restoration out on the network, now.
void ApplyFault(NetworkModel& network, const FaultSpec& fault);
/// @brief What a storm fault hits on `twin`, and when (seconds after it starts).
twin::StormHits StormOf(const twin::Twin& twin, const FaultSpec& storm);

/// @brief Parses and resolves every spec against the twin; all problems reported at once.
std::optional<std::vector<FaultSpec>> ParseFaults(const std::vector<std::string>& specs, const twin::Twin& twin,
                                                  double durationS, twin::Diagnostics& diags);

}  // namespace netdrill::session
