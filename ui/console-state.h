// What the console remembers between frames, shared by its panels: who is at
// the keyboard, in which language, what is selected, what the terminal shows.
// Plain data: tests read and set it directly.
#pragma once

#include "drill/drill-run.h"
#include "session/session.h"
#include "ui/palette.h"
#include "ui/strings.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace netdrill::ui {

class ConsoleHost;
class MapView;

enum class Screen { Start, Drill, Debrief, Planner };
enum class ConsoleRole { Trainee, Instructor, Planner };

struct TerminalLine {
  enum class Kind { Command, Answer, Error, Info } kind = Kind::Answer;
  std::string text;
};

struct ConsoleState {
  Lang lang = Lang::Vi;
  Palette palette = Palette::Standard;  ///< colour-blind-safe colours when asked (the top bar's view menu)
  float fontScale = 1.0f;               ///< the text's size, 0.8 to 1.6 (the top bar's view menu)
  Screen screen = Screen::Start;
  ConsoleRole role = ConsoleRole::Trainee;
  std::string trainee;
  int roleChoice = 0;  ///< the start screen's radio: 0 trainee, 1 instructor (once the passphrase is checked), 2 planner
  std::string passphraseTyped;
  bool passphraseRefused = false;
  int libraryIndex = 0;
  int seed = 1;
  int assistChoice = 0;  ///< the start screen's assist level: 0 the drill's own, 1 guided, 2 standard, 3 exam
  std::string replayPath;
  std::string startError;
  bool quit = false;
  // Requests a panel makes; the console carries them out after the frame's panels.
  bool startRequested = false;
  bool instructorRequested = false;
  bool finishRequested = false;
  bool continueRequested = false;
  double jumpTo = -1.0;  ///< the instructor's clock jump: run at full speed until then

  // The drill screen.
  std::string selectedSite;  ///< a site id ("" none)
  std::string selectedLink;  ///< a link id ("" none)
  std::string search;
  std::string alarmFilter;
  bool alarmShowCleared = false;
  int alarmSortColumn = 0;  ///< 0 severity, 1 raised, 2 resource
  std::string alarmNote;
  std::string noteAlarm;    ///< the alarm whose note is being written
  std::set<std::string> openAlarms;  ///< roots unfolded to show their impacted alarms
  std::string alarmCursor;  ///< the alarm the keyboard is on (Up/Down in the alarm list)
  std::set<std::string> criticalSeen;  ///< critical alarms the top bar has flashed for
  double criticalFlashUntil = 0.0;     ///< ImGui time until which the top bar flashes
  int rightTab = 0;         ///< which right-hand tab is open (index into the visible ones)
  int requestTab = -1;      ///< a panel asks to bring a tab forward (Str key as int)

  // The diagnose terminal.
  std::string command;
  std::deque<TerminalLine> terminal;
  std::vector<std::string> history;
  int historyPos = -1;
  bool telex = false;
  unsigned telexField = 0;      ///< the text field Telex is typing into
  std::string telexKeys;        ///< the keys of the word being typed
  std::string telexProduced;    ///< what they gave, as it stands in the field
  bool focusTerminal = false;

  // Forms.
  std::string declareElement;
  std::string messageSite, messageText;
  std::string ticketTitle, ticketNote;
  int ticketSeverity = 1;  ///< 0 critical, 1 major, 2 minor, 3 warning
  std::string callerSite, callerText, faultText;

  // The what-if bench (planner).
  std::string plannerBase = "province-2024:44";
  std::string plannerEdit;
  int plannerRow = -1;  ///< the comparison row selected (its element shown on both maps)

  // The debrief.
  double scrubAt = -1.0;  ///< < 0: the end
  std::string reportPath = "netdrill-report.html";
  std::string reportSaved;

  /// @brief The snapshot the panels show this frame: the latest, or the scrubbed one.
  std::shared_ptr<const session::Snapshot> view;
  /// @brief The drill's result as of the last refresh (about twice a second): score, objectives, KPI series.
  drill::DrillResult result;
  /// @brief Commands a panel submits this frame (the console sends them, and echoes them in the terminal).
  /// Commands to give at the end of the frame: a typed record (buttons), or a line (typed text).
  struct Outgoing {
    std::string line;
    session::Role role = session::Role::Trainee;
    std::optional<session::CommandArgs> args;
  };
  std::vector<Outgoing> outbox;
};

inline session::Role SessionRole(ConsoleRole r) {
  return r == ConsoleRole::Instructor ? session::Role::Instructor : session::Role::Trainee;
}

}  // namespace netdrill::ui
